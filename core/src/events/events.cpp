#include "kharita/events/events.hpp"
#include "kharita/events/merge_policy.hpp"

#include "kharita/text/normalize.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <tuple>

namespace kharita {

namespace {

struct Word {
    std::size_t start, end; // bytes
    std::string lower;
};

std::vector<Word> words_of(std::string_view s, std::size_t from, std::size_t to) {
    std::vector<Word> out;
    std::size_t i = from;
    while (i < to) {
        const auto c = static_cast<unsigned char>(s[i]);
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && c < 0x80) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < to) {
            const auto d = static_cast<unsigned char>(s[j]);
            const bool w =
                (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || (d >= '0' && d <= '9') ||
                d >= 0x80 ||
                (d == '-' && j + 1 < to && std::isalpha(static_cast<unsigned char>(s[j + 1])));
            if (!w)
                break;
            ++j;
        }
        std::string lower(s.substr(i, j - i));
        for (char& ch : lower) {
            if (ch >= 'A' && ch <= 'Z')
                ch = static_cast<char>(ch - 'A' + 'a');
        }
        out.push_back({i, j, std::move(lower)});
        i = j;
    }
    return out;
}

/// Sentences as byte ranges: ends at . ! ? followed by space and a capital or quote, or at a
/// line break.
std::vector<std::pair<std::size_t, std::size_t>> sentences_of(std::string_view s) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool end = s[i] == '\n';
        if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && i + 2 < s.size() && s[i + 1] == ' ') {
            const auto n = static_cast<unsigned char>(s[i + 2]);
            // "U.S. officials", "Mr. Smith": a single capital or a short title before the dot
            const bool abbreviation = i >= 2 && (s[i - 2] == '.' || s[i - 2] == ' ') &&
                                      std::isupper(static_cast<unsigned char>(s[i - 1]));
            end = !abbreviation && ((n >= 'A' && n <= 'Z') || n == '"' || n >= 0x80);
        }
        if (end) {
            if (i + 1 > start)
                out.emplace_back(start, i + 1);
            start = i + 1;
        }
    }
    if (start < s.size())
        out.emplace_back(start, s.size());
    return out;
}

struct Trigger {
    std::string_view words; // space-separated lowercase words
    EventType type;
    std::string_view subtype;
    double strength;
};

constexpr std::array<Trigger, 65> kTriggers = {{
    {"town hall", EventType::meeting, "town hall", 0.9},
    {"town hall-style", EventType::meeting, "town hall", 0.9},
    {"meeting", EventType::meeting, "meeting", 0.8},
    {"meetings", EventType::meeting, "meeting", 0.7},
    {"met", EventType::meeting, "meeting", 0.7},
    {"meet", EventType::meeting, "meeting", 0.7},
    {"talks", EventType::meeting, "talks", 0.7},
    {"visit", EventType::meeting, "visit", 0.8},
    {"visited", EventType::meeting, "visit", 0.8},
    {"field visit", EventType::meeting, "visit", 0.8},
    {"conference", EventType::meeting, "conference", 0.8},
    {"consultations", EventType::meeting, "consultations", 0.6},
    {"summit", EventType::meeting, "summit", 0.8},
    {"reconvene", EventType::meeting, "meeting", 0.8},
    {"convened", EventType::meeting, "meeting", 0.8},
    {"clashes", EventType::clash, "armed clash", 0.9},
    {"clash", EventType::clash, "armed clash", 0.8},
    {"clashed", EventType::clash, "armed clash", 0.9},
    {"fighting", EventType::clash, "armed clash", 0.8},
    {"fought", EventType::clash, "armed clash", 0.8},
    {"battled", EventType::clash, "armed clash", 0.9},
    {"gunfire", EventType::clash, "armed clash", 0.7},
    {"skirmishes", EventType::clash, "armed clash", 0.8},
    {"attack", EventType::attack, "attack", 0.7},
    {"attacked", EventType::attack, "attack", 0.8},
    {"shelling", EventType::attack, "shelling", 0.8},
    {"shelled", EventType::attack, "shelling", 0.8},
    {"airstrike", EventType::attack, "air strike", 0.9},
    {"air strike", EventType::attack, "air strike", 0.9},
    {"drone strike", EventType::attack, "air strike", 0.9},
    {"bombing", EventType::attack, "explosion", 0.8},
    {"explosion", EventType::attack, "explosion", 0.7},
    {"ambush", EventType::attack, "attack", 0.8},
    {"assassinated", EventType::killing, "assassination", 0.95},
    {"assassination", EventType::killing, "assassination", 0.9},
    {"killing", EventType::killing, "killing", 0.8},
    {"murdered", EventType::killing, "killing", 0.9},
    {"shot dead", EventType::killing, "killing", 0.9},
    {"protest", EventType::protest, "protest", 0.8},
    {"protests", EventType::protest, "protest", 0.8},
    {"protesters", EventType::protest, "protest", 0.8},
    {"protested", EventType::protest, "protest", 0.9},
    {"demonstration", EventType::protest, "demonstration", 0.8},
    {"demonstrators", EventType::protest, "demonstration", 0.8},
    {"rally", EventType::protest, "demonstration", 0.6},
    {"sit-in", EventType::protest, "sit-in", 0.8},
    {"gathered", EventType::protest, "demonstration", 0.6},
    {"rallied", EventType::protest, "demonstration", 0.7},
    {"border crossing", EventType::border, "crossing", 0.7},
    {"border centers", EventType::border, "border centre", 0.8},
    {"border centres", EventType::border, "border centre", 0.8},
    {"border center", EventType::border, "border centre", 0.8},
    {"border centre", EventType::border, "border centre", 0.8},
    {"border post", EventType::border, "border post", 0.8},
    {"crossing", EventType::border, "crossing", 0.6},
    {"mass grave", EventType::mass_grave, "mass grave", 0.95},
    {"mass graves", EventType::mass_grave, "mass grave", 0.95},
    {"bodies", EventType::mass_grave, "bodies found", 0.6},
    {"remains", EventType::mass_grave, "bodies found", 0.4},
    {"shipwreck", EventType::migration, "shipwreck", 0.9},
    {"capsized", EventType::migration, "shipwreck", 0.9},
    {"intercepted", EventType::migration, "interception", 0.7},
    {"intercepts", EventType::migration, "interception", 0.7},
    {"rescued", EventType::migration, "rescue", 0.6},
    {"sank", EventType::migration, "shipwreck", 0.8},
}};

bool has_word(const std::vector<Word>& w, std::initializer_list<std::string_view> any) {
    return std::any_of(w.begin(), w.end(), [&](const Word& x) {
        return std::find(any.begin(), any.end(), x.lower) != any.end();
    });
}

int number_value(std::string_view w) {
    if (!w.empty() &&
        std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return static_cast<int>(std::strtol(std::string(w).c_str(), nullptr, 10));
    }
    static constexpr std::array<std::string_view, 21> kNums = {
        "zero",     "one",     "two",     "three",     "four",     "five",     "six",
        "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    for (std::size_t k = 0; k < kNums.size(); ++k) {
        if (w == kNums[k])
            return static_cast<int>(k);
    }
    if (w == "dozens")
        return 24;
    if (w == "scores")
        return 40;
    return -1;
}

/// "leaving 55 people dead", "six people were killed", "10 bodies", "at least 11 migrants"
std::optional<int> fatalities_of(const std::vector<Word>& w, EventType type) {
    // "the bodies of 11 migrants"
    for (std::size_t k = 0; k + 2 < w.size(); ++k) {
        if ((w[k].lower == "bodies" || w[k].lower == "remains") && w[k + 1].lower == "of" &&
            number_value(w[k + 2].lower) > 0 &&
            (type == EventType::mass_grave || type == EventType::migration)) {
            return number_value(w[k + 2].lower);
        }
    }
    for (std::size_t k = 0; k < w.size(); ++k) {
        const int n = number_value(w[k].lower);
        if (n <= 0)
            continue;
        for (std::size_t j = k + 1; j < w.size() && j <= k + 4; ++j) {
            const std::string& x = w[j].lower;
            if (x == "dead" || x == "killed" || x == "deaths" || x == "fatalities" ||
                x == "drowned")
                return n;
            if ((x == "bodies" || x == "corpses") &&
                (type == EventType::mass_grave || type == EventType::migration)) {
                return n;
            }
        }
    }
    return std::nullopt;
}

double place_score(std::string_view text, const Toponym& t, std::size_t trigger_at,
                   EventType type) {
    double s = t.confidence;
    // the words right before the mention: "in", "at", "near", "outside"
    const auto word_before = [&](std::size_t end) {
        std::size_t i = end;
        while (i > 0 && text[i - 1] == ' ')
            --i;
        std::size_t j = i;
        while (j > 0 && std::isalpha(static_cast<unsigned char>(text[j - 1])))
            --j;
        std::string w(text.substr(j, i - j));
        for (char& c : w)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return std::pair{w, j};
    };
    auto [before, at] = word_before(t.start);
    if (before == "the" && at > 1)
        std::tie(before, at) = word_before(at); // "in the Abu Salim district"
    const auto [before2, at2] = word_before(at);
    // "Khoms, east of Tripoli": the direction phrase follows another place after a comma
    std::size_t c = at2 >= 1 && text[at2 - 1] == '-' ? at2 - 1 : at2; // "south-east"
    while (c > 0 && std::isalpha(static_cast<unsigned char>(text[c - 1])))
        --c;
    while (c > 0 && text[c - 1] == ' ')
        --c;
    const bool after_comma = c > 0 && text[c - 1] == ',';
    if (before == "in" || before == "at" || before == "near" || before == "outside" ||
        before == "across" || before == "inside" || before == "off") {
        s += 1.0;
    } else if (before == "to" || before == "from") {
        s += 0.4;
    } else if (before == "of" &&
               (before2 == "coast" || before2 == "outskirts" || before2 == "shores" ||
                before2 == "centre" || before2 == "center")) {
        s += 1.0; // "off the coast of Khoms", "on the outskirts of Tripoli"
    } else if (before == "of" && after_comma &&
               (before2.ends_with("east") || before2.ends_with("west") || before2 == "north" ||
                before2 == "south" || before2 == "km" || before2 == "kilometres" ||
                before2 == "miles")) {
        s -= 1.0; // "Khoms, east of Tripoli": a reference point for the place named before it
    }
    if (t.kind == ToponymKind::demonym)
        s -= 1.5;
    // "Tripoli's Abu Salim district": the place inside the possessive one
    if (t.start >= 3 && (text.substr(t.start - 3, 3) == "'s " ||
                         (t.start >= 5 && text.substr(t.start - 5, 5) == "\xE2\x80\x99s "))) {
        s += 1.2;
    }
    if (t.kind == ToponymKind::region && type == EventType::border)
        s += 0.3;
    // "Ras Ajdir crossing", "Tripoli port": the name of the site itself
    {
        std::size_t a = t.end;
        while (a < text.size() && text[a] == ' ')
            ++a;
        std::size_t b = a;
        while (b < text.size() && std::isalpha(static_cast<unsigned char>(text[b])))
            ++b;
        const std::string_view next = text.substr(a, b - a);
        if (next == "crossing" || next == "checkpoint" || next == "port" || next == "airport")
            s += 0.8;
    }
    // possessives and "about X" name what the event concerns, not where it was
    if (t.end + 1 < text.size() && (text[t.end] == '\'' || text.substr(t.end, 3) == "\xE2\x80\x99"))
        s -= 0.5;
    switch (t.precision) {
    case GeoPrecision::site:
        s += 0.5;
        break;
    case GeoPrecision::district:
        s += 0.4;
        break;
    case GeoPrecision::town:
        s += 0.3;
        break;
    case GeoPrecision::region:
        s += 0.1;
        break;
    case GeoPrecision::country:
        s -= 0.3;
        break;
    case GeoPrecision::continent:
        s -= 0.6;
        break;
    }
    const double distance =
        std::abs(static_cast<double>(t.start) - static_cast<double>(trigger_at));
    s -= std::min(0.5, distance / 400.0);
    return s;
}

/// Organisations and armed groups a sentence names: acronyms ("UNSMIL", "SSA"), and
/// capitalised names ending in an organisation word ("Stabilisation Support Apparatus",
/// "Tripoli Protection Force", "Red Crescent").
std::vector<std::string> actors_of(std::string_view text, std::size_t from, std::size_t to) {
    static constexpr std::array<std::string_view, 28> kHeads = {
        "Apparatus", "Brigade", "Brigades",   "Force",       "Forces",    "Army",
        "Mission",   "Council", "Ministry",   "Government",  "Guard",     "Crescent",
        "Committee", "Group",   "Police",     "Militia",     "Battalion", "Authority",
        "Agency",    "Nations", "Union",      "Parliament",  "Assembly",  "Office",
        "Service",   "Team",    "Commission", "Organization"};
    std::vector<std::string> out;
    const auto add = [&](std::string name) {
        if (std::find(out.begin(), out.end(), name) == out.end())
            out.push_back(std::move(name));
    };
    std::vector<std::pair<std::size_t, std::size_t>> caps; // capitalised words
    std::size_t i = from;
    while (i < to) {
        if (!std::isalpha(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < to && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '-'))
            ++j;
        if (std::isupper(static_cast<unsigned char>(text[i])))
            caps.emplace_back(i, j);
        const std::string_view word = text.substr(i, j - i);
        // acronyms of three or more capitals (not a sentence-initial "THE")
        if (word.size() >= 3 && word.size() <= 8 &&
            std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
            add(std::string(word));
        }
        i = j;
    }
    // runs of capitalised words (joined by single spaces or "of") ending in a head word
    for (std::size_t k = 0; k < caps.size(); ++k) {
        std::size_t start = k, end = k;
        while (end + 1 < caps.size()) {
            const std::string_view gap =
                text.substr(caps[end].second, caps[end + 1].first - caps[end].second);
            if (gap != " " && gap != " of " && gap != " for ")
                break;
            ++end;
        }
        for (std::size_t e = end; e > start; --e) {
            const std::string_view last =
                text.substr(caps[e].first, caps[e].second - caps[e].first);
            if (std::find(kHeads.begin(), kHeads.end(), last) != kHeads.end()) {
                add(std::string(
                    text.substr(caps[start].first, caps[e].second - caps[start].first)));
                break;
            }
        }
        k = end;
    }
    return out;
}

} // namespace

std::vector<Event> EventExtractor::extract(std::string_view text,
                                           const std::vector<Toponym>& toponyms,
                                           const std::vector<Timex>& timexes,
                                           const std::optional<CivilDay>& published) const {
    std::vector<Event> out;
    for (const auto& [from, to] : sentences_of(text)) {
        const std::vector<Word> w = words_of(text, from, to);
        if (w.size() < 3)
            continue; // titles of one or two words, chrome
        std::vector<bool> typed(static_cast<std::size_t>(EventType::strategic) + 1, false);
        for (std::size_t k = 0; k < w.size(); ++k) {
            // the longest trigger starting here
            const Trigger* hit = nullptr;
            std::size_t hit_len = 0;
            for (const Trigger& t : kTriggers) {
                std::size_t n = 0, m = k;
                std::string_view rest = t.words;
                bool ok = true;
                while (!rest.empty()) {
                    const std::size_t sp = rest.find(' ');
                    const std::string_view part = rest.substr(0, sp);
                    if (m >= w.size() || w[m].lower != part) {
                        ok = false;
                        break;
                    }
                    ++m;
                    ++n;
                    rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
                }
                if (ok && n > hit_len) {
                    hit = &t;
                    hit_len = n;
                }
            }
            if (hit == nullptr || typed[static_cast<std::size_t>(hit->type)])
                continue;
            // triggers that need a second word in the sentence to mean an event
            if (hit->type == EventType::mass_grave && hit->subtype == "bodies found" &&
                !has_word(w, {"found", "discovered", "recovered", "exhumed", "unearthed",
                              "uncovered", "discovery", "charred"})) {
                continue;
            }
            if (hit->type == EventType::border && hit->words == "crossing" &&
                !has_word(w, {"border"})) {
                continue;
            }
            if (hit->type == EventType::protest &&
                (hit->words == "gathered" || hit->words == "rallied") &&
                !has_word(w,
                          {"demand", "demanding", "calling", "chanting", "protest", "against"})) {
                continue; // a gathering is a protest only when it demands something
            }
            if (hit->type == EventType::migration && hit->subtype == "rescue" &&
                !has_word(w, {"migrants", "boat", "sea", "coast"})) {
                continue;
            }
            // prevented or hypothetical: "to prevent clashes", "avoid fighting"
            {
                bool hypothetical = false;
                for (std::size_t b = k >= 5 ? k - 5 : 0; b < k; ++b) {
                    const std::string& x = w[b].lower;
                    hypothetical = hypothetical || x == "prevent" || x == "avoid" || x == "avert" ||
                                   x == "stop" || x == "halt" || x == "against" ||
                                   x == "ceasefire" ||
                                   x == "truce"; // "a truce between forces fighting"
                }
                if (hypothetical)
                    continue;
            }
            // generic plurals ("its ongoing meetings with political parties") need a place
            // of their own in the sentence
            if (hit->words == "meetings" || hit->words == "consultations") {
                bool own_place = false;
                for (const Toponym& t : toponyms) {
                    own_place = own_place ||
                                (t.start >= from && t.end <= to && t.kind == ToponymKind::place &&
                                 t.precision != GeoPrecision::country);
                }
                if (!own_place)
                    continue;
            }
            typed[static_cast<std::size_t>(hit->type)] = true;
            Event e;
            {
                const std::string& before = k > 0 ? w[k - 1].lower : std::string();
                const std::string& before2 = k > 1 ? w[k - 2].lower : std::string();
                e.anaphoric = before == "the" || before == "this" || before == "that" ||
                              before == "his" || before == "her" || before == "their" ||
                              before == "its" || (before2 == "the" && before != "same");
                e.another = before == "another" || before == "new" || before == "second" ||
                            before2 == "another";
            }
            e.type = hit->type;
            e.subtype = std::string(hit->subtype);
            e.trigger = std::string(text.substr(w[k].start, w[k + hit_len - 1].end - w[k].start));
            e.evidence_start = from;
            e.evidence_end = to;
            e.evidence = std::string(text.substr(from, to - from));
            while (!e.evidence.empty() && (e.evidence.back() == '\n' || e.evidence.back() == ' ')) {
                e.evidence.pop_back();
            }
            // a dateline ("ZUWARA, 1 July 2024 - ...") says where the report was filed, not
            // where the event happened: places before its dash are not candidates
            std::size_t place_from = from;
            if (w.front().lower.size() >= 3 &&
                std::all_of(text.begin() + static_cast<std::ptrdiff_t>(w.front().start),
                            text.begin() + static_cast<std::ptrdiff_t>(w.front().end),
                            [](char c) { return c >= 'A' && c <= 'Z'; })) {
                const std::string_view head =
                    text.substr(from, std::min<std::size_t>(120, to - from));
                for (std::string_view d : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
                    if (const std::size_t p = head.find(d); p != std::string_view::npos) {
                        place_from = std::max(place_from, from + p + d.size());
                    }
                }
            }
            // "days after deadly clashes", "following the killing": an event told in passing;
            // its sentence's date and place belong to the main event
            bool in_passing = false;
            for (std::size_t b = k >= 3 ? k - 3 : 0; b < k; ++b) {
                in_passing = in_passing || w[b].lower == "after" || w[b].lower == "following";
            }
            // place: the best-placed toponym of the sentence
            double best = -1e9;
            for (const Toponym& t : toponyms) {
                if (t.start < place_from || t.end > to || !t.position.is_valid() || in_passing)
                    continue;
                const double sc = place_score(text, t, w[k].start, e.type);
                if (sc > best) {
                    best = sc;
                    e.place = t;
                }
            }
            for (const Toponym& t : toponyms) {
                if (t.start >= from && t.end <= to && e.place && t.start != e.place->start &&
                    t.kind != ToponymKind::demonym) {
                    e.secondary_places.push_back(t.name.empty() ? t.text : t.name);
                }
            }
            // "mass graves in Jakharrah and Al-Kufra": one event per place of a coordinated list
            std::vector<Toponym> coordinated;
            // only for places the event is located at ("in X and Y"), not origins ("from X, Y")
            if (e.place &&
                place_score(text, *e.place, w[k].start, e.type) > e.place->confidence + 0.5) {
                const Toponym* prev = &*e.place;
                for (const Toponym& t : toponyms) {
                    if (t.start <= prev->end || t.end > to || t.kind != ToponymKind::place)
                        continue;
                    const std::string_view gap = text.substr(prev->end, t.start - prev->end);
                    if (gap == " and " || gap == ", " || gap == ", and ") {
                        coordinated.push_back(t);
                        prev = &coordinated.back();
                    } else {
                        break;
                    }
                }
            }
            // date: the sentence's expression nearest the trigger
            const Timex* date = nullptr;
            for (const Timex& t : timexes) {
                if (t.start < place_from || t.end > to || t.type == "DURATION" || in_passing)
                    continue;
                if (date == nullptr || std::llabs(static_cast<long long>(t.start) -
                                                  static_cast<long long>(w[k].start)) <
                                           std::llabs(static_cast<long long>(date->start) -
                                                      static_cast<long long>(w[k].start))) {
                    date = &t;
                }
            }
            if (in_passing)
                e.anaphoric = true;
            if (date == nullptr && from > 0 && text[from - 1] != '\n' && !in_passing) {
                // no date of its own: the last one of the sentence before, in the same paragraph
                std::size_t prev_from = from - 1;
                while (prev_from > 0 && text[prev_from - 1] != '\n' &&
                       !(prev_from >= 2 &&
                         (text[prev_from - 2] == '.' || text[prev_from - 2] == '!' ||
                          text[prev_from - 2] == '?') &&
                         text[prev_from - 1] == ' ')) {
                    --prev_from;
                }
                for (const Timex& t : timexes) {
                    if (t.start >= prev_from && t.end <= from && t.type != "DURATION")
                        date = &t;
                }
            }
            bool future =
                has_word(w, {"will", "would", "plans", "planned", "scheduled", "reconvene"}) ||
                (has_word(w, {"decided", "agreed"}) && has_word(w, {"to"}) &&
                 hit->words == "reconvene");
            if (date != nullptr) {
                e.date_start = date->first;
                e.date_end = date->last;
                if (date->open_end) {
                    // "since August 2023": the event is the start of that period
                    e.date_end = date->first.plus_months(1).plus_days(-1);
                    if (date->precision == TimePrecision::year)
                        e.date_end = CivilDay{date->first.year, 12, 31};
                }
                e.time_precision =
                    date->precision == TimePrecision::time ? TimePrecision::day : date->precision;
                if (published && date->first > *published)
                    future = true;
            } else {
                e.date_end = published; // on or before the publication day
                e.time_precision = std::nullopt;
            }
            e.status = future ? EventStatus::planned
                       : has_word(w, {"ongoing", "continuing", "continue", "continues"})
                           ? EventStatus::ongoing
                           : EventStatus::occurred;
            e.actors = actors_of(text, from, to);
            // a dateline's capitalised place ("SKHIRAT, Morocco") is a place, not an actor
            std::erase_if(e.actors, [&](const std::string& actor) {
                return std::any_of(toponyms.begin(), toponyms.end(), [&](const Toponym& t) {
                    return mention_key(t.text) == mention_key(actor);
                });
            });
            e.fatalities = fatalities_of(w, e.type);
            e.confidence =
                std::clamp(hit->strength * (e.place ? 0.6 + 0.4 * e.place->confidence : 0.4) *
                               (date != nullptr ? 1.0 : 0.85),
                           0.0, 1.0);
            for (const Toponym& t : coordinated) {
                Event other = e;
                other.place = t;
                other.another = true; // a separate event at each listed place
                out.push_back(std::move(other));
            }
            out.push_back(std::move(e));
        }
    }
    // A visit to a border site is border-site activity, not a meeting as well.
    std::erase_if(out, [&](const Event& e) {
        if (e.type != EventType::meeting || e.subtype != "visit")
            return false;
        return std::any_of(out.begin(), out.end(), [&](const Event& b) {
            return b.type == EventType::border && b.evidence_start == e.evidence_start;
        });
    });
    // The article's main place: the town, district or site it names most often. An event
    // whose sentence names no place ("The meeting is part of ...", "al-Kikli, who was
    // assassinated in May") happened there.
    std::optional<Toponym> main_place;
    {
        std::vector<std::pair<std::string, int>> counts;
        for (const Toponym& t : toponyms) {
            if (t.kind != ToponymKind::place || !t.position.is_valid() ||
                (t.precision != GeoPrecision::town && t.precision != GeoPrecision::district &&
                 t.precision != GeoPrecision::site)) {
                continue;
            }
            auto it = std::find_if(counts.begin(), counts.end(),
                                   [&](const auto& c) { return c.first == t.name; });
            if (it == counts.end())
                counts.emplace_back(t.name, 1);
            else
                ++it->second;
        }
        int best = 0;
        for (const auto& [name, n] : counts) {
            if (n > best) {
                best = n;
                for (const Toponym& t : toponyms) {
                    if (t.name == name) {
                        main_place = t;
                        break;
                    }
                }
            }
        }
    }
    const auto coarse = [](const Event& e) {
        return !e.place || e.place->kind == ToponymKind::demonym ||
               e.place->precision == GeoPrecision::country ||
               e.place->precision == GeoPrecision::continent;
    };
    for (Event& e : out) {
        if (coarse(e) && main_place && e.type != EventType::border) {
            if (e.place)
                e.secondary_places.push_back(e.place->text);
            e.place = main_place;
            e.inherited_place = true;
            e.confidence *= 0.8;
        }
    }
    // One event mentioned again ("the meeting", the headline and the story): a later
    // mention of the same type with no date of its own, or the same dates, in the same
    // place, adds to the first instead of standing alone.
    std::vector<Event> merged;
    for (Event& e : out) {
        bool folded = false;
        for (auto it = merged.rbegin(); it != merged.rend() && !e.another; ++it) {
            Event& m = *it;
            if (m.type != e.type || !m.place || !e.place)
                continue;
            if (e.fatalities && m.fatalities && *e.fatalities != *m.fatalities)
                continue;
            if (e.anaphoric) {
                // "the meeting", "his killing": the event already told. Its date fills a gap
                // but never overrides one ("his killing ... the deadliest since August 2023").
                if (e.fatalities && !m.fatalities)
                    m.fatalities = e.fatalities;
                if (!m.time_precision && e.time_precision) {
                    m.date_start = e.date_start;
                    m.date_end = e.date_end;
                    m.time_precision = e.time_precision;
                }
                if (m.evidence_start == 0) { // a headline: the story's sentence is the evidence
                    m.evidence = e.evidence;
                    m.evidence_start = e.evidence_start;
                    m.evidence_end = e.evidence_end;
                    if (e.place && e.place->precision < m.place->precision)
                        m.place = e.place;
                }
                folded = true;
                break;
            }
            // the headline tells the story's event again, in fewer words
            const bool headline = m.evidence_start == 0;
            const bool same_place =
                e.inherited_place ||
                (distance_km(m.place->position, e.place->position) <= 25 &&
                 (m.inherited_place || headline || m.place->name == e.place->name));
            if (headline && same_place) {
                if (e.place->precision < m.place->precision)
                    m.place = e.place;
                if (e.date_start) {
                    m.date_start = e.date_start;
                    m.date_end = e.date_end;
                    m.time_precision = e.time_precision;
                    m.status = e.status;
                }
                if (e.fatalities)
                    m.fatalities = e.fatalities;
                m.evidence = e.evidence;
                m.evidence_start = e.evidence_start;
                m.evidence_end = e.evidence_end;
                folded = true;
                break;
            }
            const bool undated = !e.time_precision || !m.time_precision;
            const bool same_dates = e.date_start && m.date_start && *e.date_start == *m.date_start;
            if (!same_place || !(undated || same_dates))
                continue;
            if (m.inherited_place && !e.inherited_place) {
                m.place = e.place;
                m.inherited_place = false;
            }
            if (!m.time_precision && e.time_precision) {
                m.date_start = e.date_start;
                m.date_end = e.date_end;
                m.time_precision = e.time_precision;
                m.status = e.status;
            }
            if (e.fatalities && !m.fatalities)
                m.fatalities = e.fatalities;
            m.confidence = std::max(m.confidence, e.confidence);
            folded = true;
            break;
        }
        if (!folded)
            merged.push_back(std::move(e));
    }
    // An event still without a place cannot be mapped.
    std::erase_if(merged, [](const Event& e) { return !e.place; });
    return merged;
}

EventIdentity identity_of(const Event& e) {
    EventIdentity id;
    id.type = e.type;
    id.date_start = e.date_start;
    id.date_end = e.date_end;
    if (e.place) {
        id.position = e.place->position;
        id.place_name = e.place->name;
        id.precision = e.place->precision;
    }
    id.named_place = !e.inherited_place;
    id.fatalities = e.fatalities;
    id.another = e.another;
    return id;
}

std::string_view time_precision_name(const std::optional<TimePrecision>& p) noexcept {
    return p ? to_string(*p) : std::string_view("unknown");
}

bool same_real_event(const EventIdentity& a, const EventIdentity& b) {
    if (a.type != b.type || !a.position || !b.position || b.another)
        return false;
    if (a.date_end && b.date_end) {
        const CivilDay as = a.date_start.value_or(*a.date_end),
                       bs = b.date_start.value_or(*b.date_end);
        if (as.serial() > b.date_end->serial() + 1 || bs.serial() > a.date_end->serial() + 1) {
            return false;
        }
    }
    if (distance_km(*a.position, *b.position) > 25)
        return false;
    if (a.fatalities && b.fatalities && *a.fatalities != *b.fatalities)
        return false;
    // two places, each named as such, are two events
    return !(a.named_place && b.named_place && a.place_name != b.place_name &&
             b.precision <= GeoPrecision::district);
}

std::vector<std::pair<Event, int>> merge_events(const std::vector<Event>& events) {
    std::vector<std::pair<Event, int>> out;
    for (const Event& e : events) {
        bool merged = false;
        for (auto& [m, sources] : out) {
            if (!same_real_event(identity_of(m), identity_of(e)))
                continue;
            const auto facts = [](const Event& x) {
                return MergeableFacts{x.date_start, x.date_end, x.time_precision, x.fatalities,
                                      x.confidence};
            };
            const MergeableFacts merged_facts = merge_told_again(facts(m), facts(e));
            m.date_start = merged_facts.date_start;
            m.date_end = merged_facts.date_end;
            m.time_precision = merged_facts.time_precision;
            m.fatalities = merged_facts.fatalities;
            m.confidence = merged_facts.confidence;
            ++sources;
            merged = true;
            break;
        }
        if (!merged)
            out.emplace_back(e, 1);
    }
    return out;
}

} // namespace kharita
