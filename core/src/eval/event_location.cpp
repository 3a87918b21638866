#include "kharita/eval/event_location.hpp"

#include "document/json_lines.hpp"

#include "kharita/base/error.hpp"
#include "kharita/text/hash.hpp"
#include "kharita/text/utf8.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <set>

namespace kharita {

namespace {

/// Python's str.isalnum() for one code point: a letter (general category L) or a character
/// with a numeric type (decimal, digit or numeric).
bool python_alnum(char32_t c) {
    const auto u = static_cast<UChar32>(c);
    return u_isalpha(u) || u_getIntPropertyValue(u, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
}

/// The words of a text as [start, end) code point offsets: maximal runs of python_alnum().
std::vector<std::pair<std::size_t, std::size_t>> text_words(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t cp = 0;
    bool in_word = false;
    for (std::size_t at = 0; at < text.size(); ++cp) {
        const detail::CodePoint c = detail::decode_at(text, at);
        at += c.size;
        const bool alnum = c.valid() && python_alnum(c.value);
        if (alnum && !in_word)
            out.emplace_back(cp, cp + 1);
        else if (alnum)
            out.back().second = cp + 1;
        in_word = alnum;
    }
    return out;
}

using WordSet = std::set<std::pair<std::size_t, std::size_t>>;

WordSet words_in(const std::vector<std::pair<std::size_t, std::size_t>>& words,
                 const std::vector<TextSpan>& spans) {
    WordSet out;
    for (const auto& w : words) {
        for (const TextSpan& s : spans) {
            if (w.first >= s.cp_start && w.second <= s.cp_end) {
                out.insert(w);
                break;
            }
        }
    }
    return out;
}

/// The text of a span given in code points.
std::string cp_substr(std::string_view text, const TextSpan& s) {
    std::size_t cp = 0;
    std::size_t from = text.size();
    std::size_t to = text.size();
    for (std::size_t at = 0; at <= text.size(); ++cp) {
        if (cp == s.cp_start)
            from = at;
        if (cp == s.cp_end) {
            to = at;
            break;
        }
        if (at == text.size())
            break;
        at += detail::decode_at(text, at).size;
    }
    return from <= to ? std::string(text.substr(from, to - from)) : std::string();
}

double ratio(std::size_t a, std::size_t b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

/// Byte spans of a text to code point spans (in increasing order of start).
std::vector<TextSpan> with_code_points(std::string_view text, std::vector<TextSpan> spans) {
    std::sort(spans.begin(), spans.end(),
              [](const TextSpan& a, const TextSpan& b) { return a.start < b.start; });
    detail::CodePointCounter counter(text);
    for (TextSpan& s : spans)
        s.cp_start = counter.at(s.start);
    for (TextSpan& s : spans)
        s.cp_end = detail::code_point_offset(text, s.end);
    return spans;
}

bool usable_toponym(const Toponym& t) {
    return t.kind != ToponymKind::demonym;
}

} // namespace

double EventLocationScores::precision() const noexcept {
    return ratio(true_words, predicted_words);
}
double EventLocationScores::recall() const noexcept {
    return ratio(true_words, gold_words);
}
double EventLocationScores::f1() const noexcept {
    const double p = precision();
    const double r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

LocationPredictions read_location_predictions(const std::string& path, Diagnostics& problems) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, "cannot open");
    LocationPredictions out;
    detail::for_each_json_line(
        in,
        [&](const nlohmann::json& j, std::uint64_t line_no) {
            try {
                const auto& id = j.at("id");
                std::vector<TextSpan> spans;
                if (const auto locs = j.find("locations"); locs != j.end() && !locs->is_null()) {
                    for (const auto& s : *locs) {
                        TextSpan t;
                        t.cp_start = s.at("start").get<std::size_t>();
                        t.cp_end = s.at("end").get<std::size_t>();
                        spans.push_back(t);
                    }
                }
                out[id.is_string() ? id.get<std::string>() : id.dump()] = std::move(spans);
            } catch (const nlohmann::json::exception& e) {
                problems.add(path, line_no, std::string("bad prediction: ") + e.what());
            }
        },
        [&](std::uint64_t line_no, const std::string& message) {
            problems.add(path, line_no, message);
        });
    return out;
}

EventLocationScores score_event_locations(const std::vector<EventLocationRecord>& gold,
                                          const LocationPredictions& predicted,
                                          std::size_t max_misses) {
    EventLocationScores s;
    static const std::vector<TextSpan> kNone;
    for (const EventLocationRecord& r : gold) {
        const auto words = text_words(r.text);
        const auto it = predicted.find(r.id);
        const std::vector<TextSpan>& pred = it == predicted.end() ? kNone : it->second;
        const WordSet gw = words_in(words, r.locations);
        const WordSet pw = words_in(words, pred);
        std::size_t common = 0;
        for (const auto& w : pw)
            common += gw.count(w);
        s.true_words += common;
        s.predicted_words += pw.size();
        s.gold_words += gw.size();
        const bool ok = gw == pw;
        ++s.records;
        s.right += ok ? 1 : 0;
        if (gw.empty()) {
            ++s.without_location;
            s.right_without_location += ok ? 1 : 0;
        } else {
            ++s.with_location;
            s.right_with_location += ok ? 1 : 0;
        }
        if (!ok && s.misses.size() < max_misses) {
            EventLocationMiss m{
                r.id, r.text.substr(r.event.start, r.event.end - r.event.start), {}, {}, r.text};
            for (const TextSpan& g : r.locations)
                m.gold.push_back(cp_substr(r.text, g));
            for (const TextSpan& p : pred)
                m.predicted.push_back(cp_substr(r.text, p));
            s.misses.push_back(std::move(m));
        }
    }
    return s;
}

std::vector<std::vector<Toponym>>
geoparse_records(const Geoparser& parser, const std::vector<EventLocationRecord>& records) {
    std::vector<std::vector<Toponym>> out;
    out.reserve(records.size());
    for (const EventLocationRecord& r : records)
        out.push_back(parser.parse(r.text));
    return out;
}

LocationPredictions predict_locations(const EventLocator& locator,
                                      const std::vector<EventLocationRecord>& records,
                                      const std::vector<std::vector<Toponym>>& toponyms,
                                      const Gazetteer* gazetteer) {
    LocationPredictions out;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const EventLocationRecord& r = records[i];
        std::vector<TextSpan> spans;
        for (const LocationSpan& s : locator.locate(r.text, 0, r.text.size(), r.event.start,
                                                    r.event.end, toponyms.at(i), gazetteer))
            spans.push_back({s.start, s.end, 0, 0});
        out[r.id] = with_code_points(r.text, std::move(spans));
    }
    return out;
}

std::size_t location_fold(std::string_view id, std::size_t folds) noexcept {
    return folds == 0 ? 0 : static_cast<std::size_t>(fnv1a(id) % folds);
}

namespace {

/// The records (and their toponyms) of fold `fold` of `folds`, or of all the others.
struct Split {
    std::vector<EventLocationRecord> train;
    std::vector<std::vector<Toponym>> train_tops;
    std::vector<EventLocationRecord> test;
    std::vector<std::vector<Toponym>> test_tops;
};

Split split_fold(const std::vector<EventLocationRecord>& records,
                 const std::vector<std::vector<Toponym>>& toponyms, std::size_t folds,
                 std::size_t fold, bool inner) {
    Split s;
    for (std::size_t i = 0; i < records.size(); ++i) {
        // an inner split salts the id, so that it does not repeat the outer one
        const std::string key = inner ? records[i].id + "#inner" : records[i].id;
        const bool held_out = location_fold(key, folds) == fold;
        (held_out ? s.test : s.train).push_back(records[i]);
        (held_out ? s.test_tops : s.train_tops).push_back(toponyms[i]);
    }
    return s;
}

} // namespace

LocatorTrainingOptions tune_location_thresholds(const std::vector<EventLocationRecord>& records,
                                                const std::vector<std::vector<Toponym>>& toponyms,
                                                const LocatorTrainingOptions& options,
                                                const Gazetteer* gazetteer) {
    constexpr std::array<double, 5> kMore = {0.2, 0.25, 0.3, 0.35, 0.4};
    constexpr std::array<double, 5> kRatio = {0.02, 0.05, 0.1, 0.2, 1.0};
    const auto folds = static_cast<std::size_t>(options.tune_folds);
    std::vector<LocationPredictions> pred(kMore.size() * kRatio.size());
    for (std::size_t fold = 0; fold < folds; ++fold) {
        const Split s = split_fold(records, toponyms, folds, fold, true);
        const EventLocator model = EventLocator::train(s.train, s.train_tops, options, gazetteer);
        for (std::size_t m = 0; m < kMore.size(); ++m)
            for (std::size_t r = 0; r < kRatio.size(); ++r)
                pred[m * kRatio.size() + r].merge(predict_locations(
                    model.with_thresholds(kMore[m], kRatio[r]), s.test, s.test_tops, gazetteer));
    }
    LocatorTrainingOptions best = options;
    double best_f1 = -1;
    for (std::size_t m = 0; m < kMore.size(); ++m) {
        for (std::size_t r = 0; r < kRatio.size(); ++r) {
            const double f1 = score_event_locations(records, pred[m * kRatio.size() + r]).f1();
            if (f1 > best_f1) {
                best_f1 = f1;
                best.threshold_more = kMore[m];
                best.list_ratio = kRatio[r];
            }
        }
    }
    return best;
}

LocationPredictions cross_validate_locations(const std::vector<EventLocationRecord>& records,
                                             const std::vector<std::vector<Toponym>>& toponyms,
                                             std::size_t folds,
                                             const LocatorTrainingOptions& options,
                                             const Gazetteer* gazetteer, const ExtraTraining& extra,
                                             std::vector<LocatorTrainingOptions>* tuned) {
    LocationPredictions out;
    for (std::size_t fold = 0; fold < folds; ++fold) {
        // the extra sentences train every fold and are never held out
        std::vector<EventLocationRecord> train = extra.records;
        std::vector<std::vector<Toponym>> train_tops = extra.toponyms;
        std::vector<EventLocationRecord> test;
        std::vector<std::vector<Toponym>> test_tops;
        for (std::size_t i = 0; i < records.size(); ++i) {
            const bool held_out = location_fold(records[i].id, folds) == fold;
            (held_out ? test : train).push_back(records[i]);
            (held_out ? test_tops : train_tops).push_back(toponyms[i]);
        }
        const LocatorTrainingOptions chosen =
            options.tune_folds >= 2
                ? tune_location_thresholds(train, train_tops, options, gazetteer)
                : options;
        if (tuned)
            tuned->push_back(chosen);
        const EventLocator model = EventLocator::train(train, train_tops, chosen, gazetteer);
        out.merge(predict_locations(model, test, test_tops, gazetteer));
    }
    return out;
}

LocationPredictions baseline_locations(LocationBaseline baseline,
                                       const std::vector<EventLocationRecord>& records,
                                       const std::vector<std::vector<Toponym>>& toponyms) {
    LocationPredictions out;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const EventLocationRecord& r = records[i];
        std::vector<TextSpan> spans;
        const Toponym* nearest = nullptr;
        std::size_t best = 0;
        for (const Toponym& t : toponyms.at(i)) {
            if (!usable_toponym(t) || (t.start < r.event.end && r.event.start < t.end))
                continue;
            const std::size_t d =
                t.end <= r.event.start ? r.event.start - t.end : t.start - r.event.end;
            if (baseline == LocationBaseline::all_toponyms)
                spans.push_back({t.start, t.end, 0, 0});
            else if (!nearest || d < best)
                nearest = &t, best = d;
        }
        if (nearest)
            spans.push_back({nearest->start, nearest->end, 0, 0});
        out[r.id] = with_code_points(r.text, std::move(spans));
    }
    return out;
}

} // namespace kharita
