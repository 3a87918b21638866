#include "kharita/store/review_training.hpp"

#include "kharita/text/normalize.hpp"
#include "kharita/text/utf8.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace kharita {

namespace {

/// Byte spans of `name` in `sentence`, case-folded, at word boundaries; with `stem`, the
/// name may begin a longer word ("reopen" in "reopened"), which the span then covers.
std::vector<std::pair<std::size_t, std::size_t>>
name_spans(std::string_view sentence, std::string_view name, bool stem = false) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    if (name.empty())
        return out;
    const auto lower = [](std::string_view s) {
        std::string l(s);
        for (char& c : l)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return l;
    };
    const std::string hay = lower(sentence), needle = lower(name);
    const auto word = [&](std::size_t at) {
        return at < hay.size() && std::isalnum(static_cast<unsigned char>(hay[at])) != 0;
    };
    for (std::size_t at = hay.find(needle); at != std::string::npos;
         at = hay.find(needle, at + 1)) {
        std::size_t end = at + needle.size();
        if (stem) {
            while (word(end))
                ++end;
        }
        if ((at == 0 || !word(at - 1)) && !word(end))
            out.emplace_back(at, end);
    }
    return out;
}

TextSpan span_in(std::string_view sentence, std::size_t start, std::size_t end) {
    return {start, end, detail::code_point_offset(sentence, start),
            detail::code_point_offset(sentence, end)};
}

} // namespace

ReviewTrainingSet review_training_sentences(const EventStore& store) {
    ReviewTrainingSet out;
    EventFilter reviewed;
    reviewed.reviews = kReviewed;
    std::vector<EventRecord> events;
    store.query(reviewed, [&](const EventRecord& r) { events.push_back(r); });
    for (const EventRecord& r : events) {
        ++out.events;
        const std::vector<EventSource> sources = store.sources(r.id);
        const auto report = std::find_if(sources.begin(), sources.end(),
                                         [](const EventSource& s) { return !s.text.empty(); });
        if (report == sources.end() || report->evidence_end > report->text.size() ||
            report->evidence_start >= report->evidence_end) {
            ++out.no_report;
            continue;
        }
        const std::size_t from = report->evidence_start, to = report->evidence_end;
        const std::string_view sentence = std::string_view(report->text).substr(from, to - from);
        // the event word as written; a lexicon phrase ("border crossing") by its first word
        // the sentence holds
        auto trigger = name_spans(sentence, report->trigger, true);
        for (std::size_t at = 0; trigger.empty() && at < report->trigger.size();) {
            const std::size_t space =
                std::min(report->trigger.find(' ', at), report->trigger.size());
            trigger = name_spans(sentence, std::string_view(report->trigger).substr(at, space - at),
                                 true);
            at = space + 1;
        }
        if (trigger.empty()) {
            ++out.no_trigger;
            continue;
        }
        EventLocationRecord rec;
        rec.id = "review-" + std::to_string(r.id);
        rec.id_json = "\"" + rec.id + "\"";
        rec.text = std::string(sentence);
        rec.event = span_in(sentence, trigger.front().first, trigger.front().second);
        // the mentions that resolved to the event's place, else its name as written
        const std::string place = normalize_name(r.location);
        for (std::size_t i = 0; i < report->toponyms.size(); ++i) {
            const auto [a, b] = report->toponyms[i];
            if (a < from || b > to || i >= report->toponym_places.size() || place.empty())
                continue;
            if (normalize_name(report->toponym_places[i]) == place)
                rec.locations.push_back(span_in(sentence, a - from, b - from));
        }
        if (rec.locations.empty()) {
            for (const auto& [a, b] : name_spans(sentence, r.location))
                rec.locations.push_back(span_in(sentence, a, b));
        }
        if (rec.locations.empty()) {
            ++out.no_place_in_sentence;
            continue;
        }
        out.records.push_back(std::move(rec));
    }
    return out;
}

void write_event_location_lines(std::ostream& out,
                                const std::vector<EventLocationRecord>& records) {
    for (const EventLocationRecord& r : records) {
        nlohmann::json j;
        j["id"] = nlohmann::json::parse(r.id_json.empty() ? "\"" + r.id + "\"" : r.id_json);
        j["text"] = r.text;
        j["event"] = {{"start", r.event.cp_start}, {"end", r.event.cp_end}};
        nlohmann::json locations = nlohmann::json::array();
        for (const TextSpan& s : r.locations)
            locations.push_back({{"start", s.cp_start}, {"end", s.cp_end}});
        j["locations"] = locations;
        out << j.dump() << '\n';
    }
}

} // namespace kharita
