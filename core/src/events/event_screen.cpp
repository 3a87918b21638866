#include "kharita/events/event_screen.hpp"

#include "events/weights_text.hpp"

#include "kharita/text/normalize.hpp"
#include "kharita/text/sentences.hpp"
#include "kharita/text/words.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_set>

namespace kharita {

namespace detail {
extern const char* const kEventScreenModel;
} // namespace detail

namespace {

/// A bucket label for a count: "0", "1", "2", "3-4", "5-8", "9+".
std::string count_bucket(std::size_t n) {
    if (n <= 2)
        return std::to_string(n);
    if (n <= 4)
        return "3-4";
    if (n <= 8)
        return "5-8";
    return "9+";
}

/// How long before the report the event's dates end: "after" (later than the report),
/// "0-1", "2-7", "8-31", "32-183", "older"; "none" without a date or a report day.
std::string age_bucket(const Event& e, const std::optional<CivilDay>& published) {
    if (!e.date_end || !published)
        return "none";
    const std::int64_t days = published->serial() - e.date_end->serial();
    if (days < 0)
        return "after";
    if (days <= 1)
        return "0-1";
    if (days <= 7)
        return "2-7";
    if (days <= 31)
        return "8-31";
    if (days <= 183)
        return "32-183";
    return "older";
}

/// How the event was dated: "unknown", "assumed" (from the report's day) or the precision.
std::string date_kind(const Event& e) {
    if (!e.time_precision)
        return "unknown";
    if (e.date_assumed)
        return "assumed";
    return std::string(to_string(*e.time_precision));
}

/// Whether the word at byte `at` of `text` is written in lower case (or is punctuation-free
/// ASCII of digits): the words the model may read, never a name.
bool lower_case_at(std::string_view text, std::size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    return c < 0x80 && !(c >= 'A' && c <= 'Z');
}

/// The word as a feature value: digits become "#", so that no number is learnt.
std::string word_value(const detail::Word& w) {
    if (std::all_of(w.lower.begin(), w.lower.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return "#";
    return w.lower;
}

/// The features of the event's sentence: the words next to the trigger (a lower-case word as
/// itself, a capitalised one by its shape), the word that makes its clause subordinate, where
/// the place stands, and whether the sentence quotes or asks. Not the sentence's other words:
/// they name its topic ("refugees", "oil"), which says nothing of whether the report tells a
/// happening and which a few hundred labelled events would learn by chance.
void add_sentence_features(const Event& e, std::string_view text, std::vector<std::string>& f) {
    const std::size_t from = std::min(e.evidence_start, text.size());
    const std::size_t to = std::clamp(e.evidence_end, from, text.size());
    const std::vector<detail::Word> words = detail::lower_words(text, from, to);
    const std::string_view sentence = text.substr(from, to - from);
    if (sentence.find('"') != std::string_view::npos ||
        sentence.find("\xE2\x80\x9C") != std::string_view::npos)
        f.emplace_back("quote");
    if (sentence.find('?') != std::string_view::npos)
        f.emplace_back("question");
    // the trigger's first word, found again in its sentence
    const std::string first = ascii_lower(e.trigger.substr(0, e.trigger.find(' ')));
    const auto at = std::find_if(words.begin(), words.end(),
                                 [&](const detail::Word& w) { return w.lower == first; });
    if (at == words.end())
        return;
    const auto k = static_cast<std::size_t>(at - words.begin());
    const auto around = [&](std::ptrdiff_t d, const char* name) {
        const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(k) + d;
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(words.size())) {
            f.push_back(std::string(name) + "=|");
            return;
        }
        const detail::Word& w = words[static_cast<std::size_t>(j)];
        f.push_back(std::string(name) + "=" +
                    (lower_case_at(text, w.start) ? word_value(w) : std::string("Cap")));
    };
    around(-2, "w-2");
    around(-1, "w-1");
    around(1, "w+1");
    around(2, "w+2");
    // the nearest word before the trigger that makes its clause subordinate ("after the
    // clashes", "since the attack", "which has besieged"): what is told in passing
    for (std::size_t j = k; j-- > 0;) {
        static constexpr std::array<std::string_view, 12> kSubordinate = {
            "after", "since", "when", "before", "following", "until",
            "while", "which", "who",  "where",  "if",        "unless"};
        if (std::find(kSubordinate.begin(), kSubordinate.end(), words[j].lower) !=
            kSubordinate.end()) {
            f.push_back("sub=" + words[j].lower + (k - j <= 3 ? "<=3" : ">3"));
            break;
        }
    }
    // where the place stands: before or after the trigger, how many words away
    if (e.place && !e.inherited_place && e.place->start >= from && e.place->end <= to) {
        const auto distance = static_cast<std::size_t>(
            std::count_if(words.begin(), words.end(), [&](const detail::Word& w) {
                return (w.start >= e.place->end && w.end <= at->start) ||
                       (w.start >= at->end && w.end <= e.place->start);
            }));
        f.push_back(std::string(e.place->start < at->start ? "place_before=" : "place_after=") +
                    count_bucket(distance));
    }
}

/// The article's first line in lower case when it is a headline (a line of its own of at
/// most 300 bytes), else empty.
std::string lower_headline(std::string_view text) {
    const std::size_t nl = text.find('\n');
    return nl == std::string_view::npos || nl > 300 ? std::string()
                                                    : ascii_lower(text.substr(0, nl));
}

/// What the article's headline (lower_headline()) shares with an event told after it: the
/// trigger's word, the place.
void add_headline_features(const Event& e, const std::string& headline,
                           std::vector<std::string>& f) {
    if (headline.empty() || e.evidence_start <= headline.size())
        return;
    std::string trigger = ascii_lower(e.trigger.substr(0, e.trigger.find(' ')));
    // the word's stem: "clashes" and "clashed" share "clash"
    if (trigger.size() > 5)
        trigger.resize(trigger.size() - 2);
    if (!trigger.empty() && headline.find(trigger) != std::string::npos)
        f.emplace_back("trigger_in_headline");
    if (e.place) {
        f.emplace_back(headline.find(ascii_lower(e.place->text)) != std::string::npos
                           ? "place_in_headline"
                           : "place_not_in_headline");
    }
}

/// The features of the event itself: what the rules made of it.
void add_event_features(const Event& e, const std::optional<CivilDay>& published,
                        std::vector<std::string>& f) {
    const std::string type(to_string(e.type));
    const std::string trigger = ascii_lower(e.trigger);
    const std::string age = age_bucket(e, published);
    const std::string dated = date_kind(e);
    f.emplace_back("bias");
    f.push_back("type=" + type);
    f.push_back("sub=" + e.subtype);
    f.push_back("trig=" + trigger);
    f.push_back("status=" + std::string(to_string(e.status)));
    f.push_back("type*status=" + type + "*" + std::string(to_string(e.status)));
    f.push_back("date=" + dated);
    f.push_back("age=" + age);
    f.push_back("type*age=" + type + "*" + age);
    f.push_back("date*age=" + dated + "*" + age);
    f.push_back("place=" + (e.place ? std::string(to_string(e.place->precision)) : "none"));
    if (e.place && e.place->kind != ToponymKind::place)
        f.push_back("place_kind=" + std::string(to_string(e.place->kind)));
    if (e.place && e.place->text.size() > 3 &&
        std::none_of(e.place->text.begin(), e.place->text.end(),
                     [](unsigned char c) { return c >= 'a' && c <= 'z'; }))
        f.emplace_back("place_in_capitals"); // a dateline's "TRIPOLI": where the report was filed
    f.push_back("type*place=" + type + "*" +
                (e.place ? std::string(to_string(e.place->precision)) : "none"));
    if (e.inherited_place)
        f.emplace_back("inherited");
    if (e.referred)
        f.emplace_back("referred");
    if (e.anaphoric)
        f.emplace_back("anaphoric");
    if (e.another)
        f.emplace_back("another");
    if (e.fatalities)
        f.emplace_back("toll");
    f.push_back("actors=" + count_bucket(e.actors.size()));
    f.push_back("places=" + count_bucket(e.secondary_places.size()));
    f.push_back("conf=" + std::to_string(static_cast<int>(std::floor(e.confidence * 5))));
}

double sigmoid(double z) {
    return 1 / (1 + std::exp(-z));
}

} // namespace

std::vector<std::vector<std::string>>
event_screen_features(const std::vector<Event>& events, std::string_view text,
                      const std::optional<CivilDay>& published) {
    const std::vector<detail::TextSpan> sentences = detail::sentences(text);
    const std::string headline = lower_headline(text);
    std::vector<std::vector<std::string>> out(events.size());
    std::vector<std::size_t> of_type(kEventTypeCount, 0);
    for (const Event& e : events)
        ++of_type[static_cast<std::size_t>(e.type)];
    std::vector<bool> type_told(kEventTypeCount, false);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        std::vector<std::string>& f = out[i];
        add_event_features(e, published, f);
        add_sentence_features(e, text, f);
        add_headline_features(e, headline, f);
        // where the sentence stands: its index among the text's sentences and its share
        const auto at =
            std::upper_bound(sentences.begin(), sentences.end(), e.evidence_start,
                             [](std::size_t x, const detail::TextSpan& s) { return x < s.begin; });
        const auto index =
            static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, at - sentences.begin() - 1));
        f.push_back("sentence=" + count_bucket(index));
        f.push_back("third=" +
                    std::to_string(sentences.empty() ? 0 : 3 * index / sentences.size()));
        f.push_back("events=" + count_bucket(events.size()));
        const auto t = static_cast<std::size_t>(e.type);
        f.push_back("same_type=" + count_bucket(of_type[t]));
        f.push_back("rank=" + count_bucket(i));
        if (!type_told[t])
            f.emplace_back("first_of_type");
        // the other events the same sentence gave: one happening is often read twice
        // ("fighting and shelling around Benghazi"), and a second event of a sentence is
        // less often its news than the first
        const auto same_sentence = static_cast<std::size_t>(
            std::count_if(events.begin(), events.end(),
                          [&](const Event& o) { return o.evidence_start == e.evidence_start; }));
        const auto before_in_sentence = static_cast<std::size_t>(
            std::count_if(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(i),
                          [&](const Event& o) { return o.evidence_start == e.evidence_start; }));
        f.push_back("sentence_events=" + count_bucket(same_sentence));
        f.push_back("sentence_rank=" + count_bucket(before_in_sentence));
        type_told[t] = true;
    }
    return out;
}

const EventScreen& EventScreen::builtin() {
    static const EventScreen model =
        from_text(detail::kEventScreenModel, "data/models/event-screen.txt");
    return model;
}

EventScreen EventScreen::from_text(std::string_view text, const std::string& source) {
    EventScreen out;
    out.m_weights = detail::read_weights_text(text, source);
    if (const auto it = out.m_weights.find("threshold"); it != out.m_weights.end()) {
        out.m_threshold = it->second;
        out.m_weights.erase(it);
    }
    return out;
}

std::string EventScreen::to_text(std::string_view header) const {
    return detail::weights_to_text(header, {{"threshold", m_threshold}}, m_weights);
}

EventScreen EventScreen::with_threshold(double threshold) const {
    EventScreen out = *this;
    out.m_threshold = threshold;
    return out;
}

double EventScreen::probability(const std::vector<std::string>& features) const {
    if (m_weights.empty())
        return 1;
    double z = 0;
    for (const std::string& name : features) {
        if (const auto it = m_weights.find(name); it != m_weights.end())
            z += it->second;
    }
    return sigmoid(z);
}

std::vector<Event> EventScreen::keep(std::vector<Event> events, std::string_view text,
                                     const std::optional<CivilDay>& published) const {
    if (m_weights.empty())
        return events;
    const std::vector<std::vector<std::string>> features =
        event_screen_features(events, text, published);
    std::vector<Event> out;
    out.reserve(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        events[i].screen = probability(features[i]);
        if (events[i].screen >= m_threshold)
            out.push_back(std::move(events[i]));
    }
    return out;
}

EventScreen EventScreen::train(const std::vector<std::vector<std::string>>& features,
                               const std::vector<bool>& right,
                               const ScreenTrainingOptions& options) {
    // the features seen in at least min_examples events, as indices
    std::unordered_map<std::string, std::size_t> seen;
    for (const auto& f : features) {
        for (const std::string& name : std::unordered_set<std::string>(f.begin(), f.end()))
            ++seen[name];
    }
    std::unordered_map<std::string, std::size_t> index;
    std::vector<std::string> names;
    for (const auto& [name, n] : seen) {
        if (n >= static_cast<std::size_t>(options.min_examples) || name == "bias") {
            index.emplace(name, names.size());
            names.push_back(name);
        }
    }
    std::vector<std::vector<std::size_t>> x(features.size());
    for (std::size_t i = 0; i < features.size(); ++i) {
        for (const std::string& name : features[i]) {
            if (const auto it = index.find(name); it != index.end())
                x[i].push_back(it->second);
        }
    }
    std::vector<double> average(names.size(), 0.0);
    for (int bag = 0; bag < options.bags; ++bag) {
        std::mt19937_64 rng(options.seed + static_cast<std::uint64_t>(bag));
        std::vector<double> w(names.size(), 0.0), g2(names.size(), 1e-8);
        std::vector<std::size_t> order(x.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        for (int epoch = 0; epoch < options.epochs; ++epoch) {
            std::shuffle(order.begin(), order.end(), rng);
            for (const std::size_t i : order) {
                double z = 0;
                for (const std::size_t k : x[i])
                    z += w[k];
                const double err = sigmoid(z) - (right[i] ? 1.0 : 0.0);
                for (const std::size_t k : x[i]) {
                    const double g = err + options.l2 * w[k];
                    g2[k] += g * g;
                    w[k] -= options.rate * g / std::sqrt(g2[k]);
                }
            }
        }
        for (std::size_t k = 0; k < w.size(); ++k)
            average[k] += w[k] / options.bags;
    }
    EventScreen out;
    out.m_threshold = options.threshold;
    for (std::size_t k = 0; k < names.size(); ++k) {
        if (average[k] != 0)
            out.m_weights.emplace(names[k], average[k]);
    }
    return out;
}

} // namespace kharita
