#include "kharita/events/events.hpp"
#include "kharita/events/merge_policy.hpp"

#include "events/extraction.hpp"
#include "events/lexicon.hpp"

#include "kharita/text/normalize.hpp"
#include "kharita/text/sentences.hpp"
#include "kharita/text/word_lists.hpp"
#include "kharita/text/words.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <tuple>
#include <unordered_map>

namespace kharita {

namespace {

using detail::Word;

/// The words of one sentence (the text layer's lower_words()).
std::vector<Word> words_of(std::string_view s, std::size_t from, std::size_t to) {
    return detail::lower_words(s, from, to);
}

/// The sentences of a text (the text layer's sentences()).
std::vector<detail::TextSpan> sentences_of(std::string_view s) {
    return detail::sentences(s);
}

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
    return -1; // "dozens", "scores": no toll to count or to contradict another
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

/// The status of an event its sentence's words tell (detail::sentence_status).
EventStatus status_of(const std::vector<Word>& w, std::string_view trigger_words,
                      bool dated_after_publication) {
    // "agreed to resume military talks": talks to come
    const bool future = has_word(w, {"will", "would", "plans", "planned", "scheduled", "reconvene",
                                     "expected", "due", "preparing", "resume"}) ||
                        (has_word(w, {"decided", "agreed"}) && has_word(w, {"to"}) &&
                         trigger_words == "reconvene") ||
                        dated_after_publication;
    return future ? EventStatus::planned
           : has_word(w, {"ongoing", "continuing", "continue", "continues"})
               ? EventStatus::ongoing
               : EventStatus::occurred;
}

/// Where the cues of the trigger at word `k` start: `n` words back, but not before a verb of
/// saying ("called for restraint and said talks would continue": the call is not about the
/// talks).
std::size_t cue_window_from(const std::vector<Word>& w, std::size_t k, std::size_t n) {
    std::size_t b = k;
    while (b > 0 && k - b < n) {
        const std::string& x = w[b - 1].lower;
        if (x == "said" || x == "says" || x == "told" || x == "added")
            break;
        --b;
    }
    return b;
}

/// Whether an event word is a verb in the past: "met", "clashed", "opened fire", "blew up".
bool told_in_past(std::string_view trigger) {
    const std::string first = ascii_lower(trigger.substr(0, trigger.find(' ')));
    if (first.size() > 3 && first.ends_with("ed"))
        return true;
    for (const std::string_view past : {"met", "held", "fought", "took", "struck", "shot", "sank",
                                        "hit", "overran", "blew", "broke", "began", "fled"}) {
        if (first == past)
            return true;
    }
    return false;
}

/// "feared dead", "are feared to have drowned": how many died is uncertain, not whether the
/// happening was.
bool feared_toll(const std::vector<Word>& w, std::size_t at) {
    const auto word = [&](std::size_t i) {
        return i < w.size() ? std::string_view(w[i].lower) : std::string_view();
    };
    return word(at + 1) == "dead" || word(at + 1) == "killed" ||
           (word(at + 1) == "to" && word(at + 2) == "have");
}

/// Prevented or hypothetical, from the five words before the trigger: "to prevent clashes",
/// "avoid fighting", "a truce between forces fighting".
bool hypothetical(const std::vector<Word>& w, std::size_t k) {
    bool out = false;
    for (std::size_t b = cue_window_from(w, k, 5); b < k; ++b) {
        const std::string& x = w[b].lower;
        out = out || x == "prevent" || x == "avoid" || x == "avert" || x == "stop" || x == "halt" ||
              x == "against" || x == "ceasefire" || x == "truce" ||
              // conditions and threats: "if the stations are attacked", "threatened to bomb"
              x == "if" || x == "unless" || x == "threatened" || x == "threatens" ||
              x == "threatening" || x == "vowed" || x == "warned" || x == "warns" ||
              // calls and proposals: "called for an urgent meeting", "urged talks"
              x == "called" || x == "calls" || x == "calling" || x == "urged" || x == "urges" ||
              x == "proposed" || x == "proposes" || x == "call" ||
              // offers and fears: "ready to host talks", "fighting could spread"
              x == "ready" || x == "offered" || x == "offers" || x == "could" || x == "might" ||
              // (not a toll: "are feared to have drowned", "feared dead")
              ((x == "feared" || x == "fears") && !feared_toll(w, b)) ||
              // wishes: "a conference that the envoy wants to hold"
              x == "wants" || x == "want" || x == "wanted" || x == "hopes" || x == "hope" ||
              x == "hoped" || x == "hoping";
    }
    // "talks could resume", "fighting might spread": the modal follows a nominal trigger
    for (std::size_t a = k + 1; a < w.size() && a <= k + 2; ++a)
        out = out || w[a].lower == "could" || w[a].lower == "might";
    // "a conference planned for this month has been postponed": called off before it was
    // held; "a conference that the envoy wants to hold has yet to be scheduled"
    for (std::size_t a = k + 1; a < w.size() && a <= k + 10; ++a) {
        const std::string& x = w[a].lower;
        // within the trigger's clause: "clashes erupted ... and the UN said fighting must stop"
        if (x == "and" || x == "but" || x == "while" || x == "said" || x == "says")
            break;
        const std::string_view next = a + 1 < w.size() ? w[a + 1].lower : std::string_view();
        out = out || x == "postponed" || x == "cancelled" || x == "canceled" ||
              (x == "called" && next == "off") || (x == "yet" && next == "to") ||
              ((x == "wants" || x == "hopes") && next == "to") ||
              // a norm, not a happening: "attacks on civilians are prohibited", "talks must
              // resume"
              x == "prohibited" || x == "forbidden" || x == "must" || x == "should";
    }
    return out;
}

/// An auxiliary of the perfect or the passive: "had driven", "were held", "has been seized".
bool is_auxiliary(std::string_view word) {
    static constexpr std::array<std::string_view, 10> kAuxiliaries = {
        "are", "be", "been", "being", "had", "has", "have", "is", "was", "were"};
    static_assert(detail::sorted_unique(kAuxiliaries));
    return detail::in_words(kAuxiliaries, word);
}

/// "drove a brigade out of the town", "pushed the rebels out of the oil port", "the militants
/// were driven out of Bin Jawad": whether the verb at word `k` drives someone out (within
/// eight words, "out of" or "out from"), which a force does to take a place. A participle
/// with no auxiliary before it says who someone is ("fighters driven out of Benghazi",
/// "groups pushed out of Sirte"): not a happening told.
bool drives_out(const std::vector<Word>& w, std::size_t k) {
    const bool auxiliary =
        (k >= 1 && is_auxiliary(w[k - 1].lower)) || (k >= 2 && is_auxiliary(w[k - 2].lower));
    for (std::size_t j = k + 1; j + 1 < w.size() && j <= k + 8; ++j) {
        if (w[j].lower == "out" && (w[j + 1].lower == "of" || w[j + 1].lower == "from"))
            return auxiliary || (j > k + 1 && w[k].lower != "driven");
    }
    return false;
}

/// A run of happenings told as one: "a wave of suicide bombings", "a long series of bombings
/// and killings", "months of bombings" (a noun of many, "of", at most one word, the trigger),
/// unless the sentence gives it a day of the week ("a new wave of air strikes hit Tripoli on
/// Monday" is that day's strikes). "Weeks of fighting" that ended is one happening (see
/// period_of_happening_ended).
bool run_of(const std::vector<Word>& w, std::size_t k) {
    static constexpr std::array<std::string_view, 7> kRuns = {
        "campaign", "months", "series", "spate", "string", "wave", "years"};
    static constexpr std::array<std::string_view, 7> kWeekdays = {
        "friday", "monday", "saturday", "sunday", "thursday", "tuesday", "wednesday"};
    static_assert(detail::sorted_unique(kRuns) && detail::sorted_unique(kWeekdays));
    bool run = false;
    for (std::size_t of = k >= 2 ? k - 2 : 0; of < k; ++of)
        run = run || (of > 0 && w[of].lower == "of" && detail::in_words(kRuns, w[of - 1].lower));
    return run && std::none_of(w.begin(), w.end(),
                               [](const Word& x) { return detail::in_words(kWeekdays, x.lower); });
}

/// "remains" as a verb ("output has recovered but remains exposed", "the border still remains
/// shut"): after a word that leaves no noun before it.
bool remains_as_verb(const std::vector<Word>& w, std::size_t k) {
    if (w[k].lower != "remains" || k == 0)
        return false;
    static constexpr std::array<std::string_view, 7> kBefore = {"also", "but",   "it", "still",
                                                                "that", "which", "who"};
    static_assert(detail::sorted_unique(kBefore));
    return detail::in_words(kBefore, w[k - 1].lower);
}

/// A habit, not a happening: "drone strikes have hit airports and, at times, civilians",
/// "the hotel has been the scene of several protests", "armed groups have fought each other
/// several times", "the town has seen repeated clashes". From the words near the trigger.
bool habitual(const std::vector<Word>& w, std::size_t k) {
    const std::size_t from = k >= 8 ? k - 8 : 0;
    for (std::size_t a = from; a < w.size() && a <= k + 12; ++a) {
        const std::string& x = w[a].lower;
        if (x == "repeatedly" || x == "frequently" || x == "often" || x == "regularly" ||
            x == "routinely" || x == "sometimes" || x == "occasionally")
            return true;
        if (x == "times" && a > 0 &&
            (w[a - 1].lower == "several" || w[a - 1].lower == "many" || w[a - 1].lower == "at" ||
             w[a - 1].lower == "multiple")) {
            return true;
        }
    }
    if (k == 0)
        return false;
    const std::string& before = w[k - 1].lower;
    return before == "repeated" || before == "frequent" || before == "recurrent" ||
           (k >= 3 && w[k - 3].lower == "scene" && w[k - 2].lower == "of") || run_of(w, k);
}

/// Denied, from the three words before the trigger: "no clashes were reported", "did not
/// meet", "without fighting", "denied attacking".
bool negated(const std::vector<Word>& w, std::size_t k, EventType type) {
    bool out = false;
    for (std::size_t b = cue_window_from(w, k, 3); b < k; ++b) {
        const std::string& x = w[b].lower;
        out = out || x == "no" || x == "not" || x == "never" || x == "without" || x == "nor" ||
              x == "didn" || x == "wasn" || x == "weren" || x == "denied";
    }
    // a meeting left or refused: "pulls out of Geneva military talks", "boycotted the session"
    // (not the violence a withdrawal followed: "suspended its work after gunmen attacked")
    for (std::size_t b = cue_window_from(w, k, 5); type == EventType::meeting && b < k; ++b) {
        const std::string& x = w[b].lower;
        out = out || (x == "out" && b > 0 && (w[b - 1].lower.starts_with("pull"))) ||
              x == "withdrew" || x == "withdraws" || x == "withdraw" || x == "boycotted" ||
              x == "boycott" || x == "boycotts" || x == "quit" || x == "suspended" ||
              x == "suspends";
    }
    // a noun's verb denied after it: "their bodies had not been found", "talks did not take
    // place"
    for (std::size_t a = k + 1; a < w.size() && a <= k + 3; ++a) {
        const std::string& x = w[a].lower;
        const bool aux = x == "had" || x == "has" || x == "have" || x == "did" || x == "was" ||
                         x == "were" || x == "is" || x == "are";
        if (!aux)
            break;
        if (a + 1 < w.size() && (w[a + 1].lower == "not" || w[a + 1].lower == "never"))
            return true;
    }
    return out;
}

/// "left the conference in protest", "the shutdown was a protest against Turkey": a protest
/// named as the motive of another act, not one held.
bool protest_as_motive(const std::vector<Word>& w, std::size_t k, const detail::TriggerEntry& hit) {
    if (hit.type != EventType::protest || k == 0)
        return false;
    const std::string& before = w[k - 1].lower;
    const std::string& before2 = k > 1 ? w[k - 2].lower : std::string();
    return before == "in" ||
           (before == "a" && (before2 == "was" || before2 == "is" || before2 == "as"));
}

/// Whether a comma or a semicolon stands between word `a - 1` and word `a`: a clause or an
/// aside ends there.
bool comma_before(std::string_view text, const std::vector<Word>& w, std::size_t a) {
    return text.substr(w[a - 1].end, w[a].start - w[a - 1].end).find_first_of(",;") !=
           std::string_view::npos;
}

/// "the two sides have been fighting for control", "terminals have been shut", "has carried
/// out air strikes ... since August": a state or a series that runs up to the report (present
/// perfect), the background of its news, not a happening. The "since" is the trigger's own
/// clause's: "has declared force majeure at the ports, saying tankers had been kept away since
/// May" is the news.
bool perfect_state(std::string_view text, const std::vector<Word>& w, std::size_t k) {
    // "has been torn by fighting": up to two words between "been" and the trigger
    for (std::size_t b = k >= 4 ? k - 4 : 0; b + 1 < k; ++b) {
        if ((w[b].lower == "has" || w[b].lower == "have") && w[b + 1].lower == "been")
            return true;
    }
    // "workers have been crossing home through the Salloum border post": a progressive
    // perfect before the trigger, in its clause
    for (std::size_t b = 0; b + 2 < k; ++b) {
        if ((w[b].lower == "has" || w[b].lower == "have") && w[b + 1].lower == "been" &&
            w[b + 2].lower.ends_with("ing") && k - b <= 8) {
            return true;
        }
    }
    // "has carried out air strikes ... since August 1": a series running up to the report
    bool perfect = false;
    for (std::size_t b = k >= 3 ? k - 3 : 0; b + 1 < k; ++b) {
        perfect = perfect ||
                  ((w[b].lower == "has" || w[b].lower == "have") && w[b + 1].lower.ends_with("ed"));
    }
    for (std::size_t a = k + 1; perfect && a < w.size(); ++a) {
        if (comma_before(text, w, a))
            return false;
        if (w[a].lower == "since")
            return true;
    }
    return false;
}

/// "clashes have continued in the district", "Demonstrators in both halves of the country have
/// denounced leaders": the trigger (ending at word `last`) is the subject of a present perfect
/// that tells a state or a stance running up to the report, not a happening. Only verbs of
/// lasting and of stance: "clashes have killed 20 people", "protesters have stormed the
/// parliament" report the news in the present perfect.
bool subject_of_perfect_state(std::string_view text, const std::vector<Word>& w, std::size_t last) {
    static constexpr std::array<std::string_view, 17> kStates = {
        "continued", "persisted", "lasted",    "raged",     "simmered",   "spread",
        "grown",     "become",    "denounced", "condemned", "criticised", "criticized",
        "accused",   "demanded",  "rejected",  "opposed",   "blamed"};
    for (std::size_t a = last + 1; a + 1 < w.size() && a <= last + 8; ++a) {
        // the subject ends at a comma: "clashes erupted, and officials have condemned them"
        if (comma_before(text, w, a))
            return false;
        if (w[a].lower == "has" || w[a].lower == "have") {
            return std::find(kStates.begin(), kStates.end(), w[a + 1].lower) != kStates.end();
        }
    }
    return false;
}

/// "..., killing at least nine people": the toll of the event the clause tells, not a
/// killing of its own.
bool toll_participle(const std::vector<Word>& w, std::size_t k) {
    if (w[k].lower != "killing" || k + 1 >= w.size())
        return false;
    const std::string& next = w[k + 1].lower;
    return next == "at" || next == "dozens" || next == "scores" || next == "several" ||
           next == "many" || next == "people" || next == "civilians" || next == "soldiers" ||
           next == "more" || next == "over" || next == "nearly" || next == "about" ||
           next == "around" || next == "up" || next == "some" || next == "almost" ||
           std::all_of(next.begin(), next.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
           next == "one" || next == "two" || next == "three" || next == "four" || next == "five" ||
           next == "six" || next == "seven" || next == "eight" || next == "nine" || next == "ten";
}

/// Whether a comma stands right before byte `at` (spaces aside).
bool after_comma(std::string_view text, std::size_t at) {
    while (at > 0 && text[at - 1] == ' ')
        --at;
    return at > 0 && text[at - 1] == ',';
}

/// Whether the sentence [from, to) names a place finer than a country.
bool names_own_place(std::size_t from, std::size_t to, const std::vector<Toponym>& toponyms) {
    return std::any_of(toponyms.begin(), toponyms.end(), [&](const Toponym& t) {
        return t.start >= from && t.end <= to && t.kind == ToponymKind::place &&
               t.precision != GeoPrecision::country;
    });
}

/// Generic plurals ("its ongoing meetings with political parties") mean an event only when
/// the sentence [from, to) names a place of its own, finer than a country.
bool generic_without_place(const detail::TriggerEntry& hit, std::size_t from, std::size_t to,
                           const std::vector<Toponym>& toponyms) {
    if (hit.words != "meetings" && hit.words != "consultations" && hit.words != "attacks")
        return false;
    return !names_own_place(from, to, toponyms);
}

/// "follows more than two weeks of fighting", "ended a week of clashes": whether trigger word
/// `k` is the happening of a period ("N weeks of") that the words before it say came before
/// or ended.
bool period_of_happening_ended(const std::vector<Word>& w, std::size_t k) {
    if (k < 3 || w[k - 1].lower != "of")
        return false;
    static constexpr std::array<std::string_view, 12> kUnits = {
        "day",  "days",  "week",  "weeks",  "month", "months",
        "year", "years", "night", "nights", "hours", "decade"};
    if (std::find(kUnits.begin(), kUnits.end(), w[k - 2].lower) == kUnits.end())
        return false;
    // back over the amount: "more than two", "a", "nearly three", "several"
    std::size_t b = k - 2;
    while (b > 0 && k - 2 - b < 4) {
        const std::string& x = w[b - 1].lower;
        if (number_value(x) < 0 && x != "a" && x != "an" && x != "more" && x != "than" &&
            x != "nearly" && x != "almost" && x != "over" && x != "about" && x != "several" &&
            x != "few") {
            break;
        }
        --b;
    }
    if (b == 0)
        return false;
    static constexpr std::array<std::string_view, 10> kBefore = {
        "after",    "following", "since", "follow", "follows",
        "followed", "ended",     "ends",  "ending", "end"};
    return std::find(kBefore.begin(), kBefore.end(), w[b - 1].lower) != kBefore.end();
}

/// "The talks came as fighting continued", "the measures come amid renewed clashes": a
/// clause that says what the news came with, whether the trigger at word `k` opens it (the
/// word "as" or "amid", at most three words back, right after a form of "come").
bool came_with(const std::vector<Word>& w, std::size_t k) {
    for (std::size_t b = k >= 3 ? k - 3 : 0; b < k; ++b) {
        if ((w[b].lower == "as" || w[b].lower == "amid") && b > 0 &&
            (w[b - 1].lower == "come" || w[b - 1].lower == "comes" || w[b - 1].lower == "came" ||
             w[b - 1].lower == "coming"))
            return true;
    }
    return false;
}

/// Where the words before word `k` start once at most `n` of `skipped` right before it are
/// passed over: "a pause in [the heavy] fighting".
std::size_t back_over(const std::vector<Word>& w, std::size_t k, std::size_t n,
                      std::initializer_list<std::string_view> skipped) {
    std::size_t b = k;
    while (b > 0 && k - b < n &&
           std::find(skipped.begin(), skipped.end(), w[b - 1].lower) != skipped.end())
        --b;
    return b;
}

/// "caught up in the fighting", "a pause in the fighting", "areas affected by the clashes":
/// the happening at word `k`, after a preposition and its determiner or adjective, is the
/// state a place or people are in, what stopped, or the cause of an effect the sentence
/// tells; not a report of it. A toll ("killed in fighting") is a report.
bool state_or_effect_of(const std::vector<Word>& w, std::size_t k) {
    const std::size_t p = back_over(w, k, 2, {"the", "heavy", "renewed", "continued", "ongoing"});
    if (p < 2)
        return false;
    const std::string& prep = w[p - 1].lower;
    if (prep != "in" && prep != "into" && prep != "by" && prep != "to")
        return false;
    static constexpr std::array<std::string_view, 20> kStatesAndEffects = {
        "affected", "break",     "caught",  "damaged", "descended", "destroyed", "dragged",
        "drawn",    "embroiled", "end",     "halt",    "lull",      "mired",     "pause",
        "plunged",  "ravaged",   "respite", "slid",    "stretched", "up"};
    static_assert(detail::sorted_unique(kStatesAndEffects));
    const std::string& head = w[p - 2].lower;
    // "caught up in": the particle's verb
    if (head == "up")
        return p >= 3 && w[p - 3].lower == "caught";
    return detail::in_words(kStatesAndEffects, head);
}

/// "lifted force majeure", "the lifting of the blockade", "ended the siege": the happening
/// at word `k` is what a verb of ending, right before it (a determiner or "of" between),
/// brought to an end; the ending is no report of it.
bool ended_by(const std::vector<Word>& w, std::size_t k) {
    const std::size_t b = back_over(w, k, 2, {"the", "a", "its", "their", "of"});
    if (b == 0)
        return false;
    static constexpr std::array<std::string_view, 8> kEnding = {
        "end", "ended", "ending", "ends", "lift", "lifted", "lifting", "lifts"};
    static_assert(detail::sorted_unique(kEnding));
    return detail::in_words(kEnding, w[b - 1].lower);
}

/// Whether the lexicon entry `words` starts with a verb in the past ("took", "seized",
/// "shot dead"), not a noun ("clashes", "attack").
bool past_verb(std::string_view words) {
    const std::string_view first = words.substr(0, words.find(' '));
    static constexpr std::array<std::string_view, 9> kIrregular = {
        "took", "fought", "overran", "retook", "met", "struck", "shot", "sank", "shut"};
    return first.ends_with("ed") ||
           std::find(kIrregular.begin(), kIrregular.end(), first) != kIrregular.end();
}

/// How the words before trigger word `k` introduce it: "the meeting", "his killing"
/// (anaphoric), "another mass grave" (another), "days after deadly clashes" (in passing).
void set_mention_cues(detail::SentenceTrigger& t, std::string_view text, const std::vector<Word>& w,
                      std::size_t k) {
    const std::string& before = k > 0 ? w[k - 1].lower : std::string();
    // the word before that, when one phrase runs to the trigger ("the deadly attack", not "on
    // the ground, fighting continued")
    const bool one_phrase =
        k > 1 && text.substr(w[k - 2].end, w[k].start - w[k - 2].end).find_first_of(",;:") ==
                     std::string_view::npos;
    const std::string& before2 = one_phrase ? w[k - 2].lower : std::string();
    // "the deadly attack", "the Zliten bombing", not "the GNA retook" (a name, then a verb
    // in the past: its subject)
    const bool subject_before =
        k > 0 && std::isupper(static_cast<unsigned char>(text[w[k - 1].start])) != 0 &&
        past_verb(w[k].lower);
    t.anaphoric = before == "the" || before == "this" || before == "that" || before == "his" ||
                  before == "her" || before == "their" || before == "its" ||
                  (before2 == "the" && before != "same" && !subject_before);
    t.another =
        before == "another" || before == "new" || before == "second" || before2 == "another";

    // "after the foreign minister's meeting", "years have passed since an air strike", "has
    // risen since Khalifa Haftar's forces took control"
    for (std::size_t b = k >= 5 ? k - 5 : 0; b < k; ++b) {
        const std::string& x = w[b].lower;
        t.after_cause = t.after_cause || x == "after" || x == "following";
        t.in_passing = t.in_passing || x == "after" || x == "following" || x == "since" ||
                       // a cause or a memory: "Egyptians fleeing the fighting", "revenge
                       // for the strikes", "the anniversary of deadly clashes"
                       x == "fleeing" || x == "fled" || x == "escaping" || x == "response" ||
                       x == "retaliation" || x == "revenge" || x == "anniversary" ||
                       x == "despite" ||
                       x == "because" || // "moved the opening to Tobruk because of the clashes"
                       // responsibility for one told elsewhere: "the brigade residents blame
                       // for the attack"
                       x == "blame" || x == "blamed" || x == "blames";
    }
    // "follows more than two weeks of fighting", "a ceasefire ended a week of fighting": a
    // period of a happening that something came after or ended is referred to in passing
    if (period_of_happening_ended(w, k) || came_with(w, k) || state_or_effect_of(w, k) ||
        ended_by(w, k))
        t.in_passing = true;
    // "far from the fighting", "refugees from the clashes": a place or people away from it
    if (before == "from" || (before == "the" && before2 == "from"))
        t.in_passing = true;
    // "a warrant over the killing of 33 people", "quit in protest at the killing of
    // demonstrators": the cause of what the sentence tells
    const std::string& before3 = k > 2 && one_phrase ? w[k - 3].lower : std::string();
    if ((before == "the" && before2 == "over") ||
        (before == "the" && before2 == "at" && before3 == "protest")) {
        t.in_passing = true;
    }
    // "under the agreement signed in Skhirat", "the deal reached in Geneva": the participle
    // names the thing by the event that made it, a reference to that event, not its report
    const bool thing = before == "agreement" || before == "agreements" || before == "deal" ||
                       before == "accord" || before == "accords" || before == "memorandum" ||
                       before == "treaty" || before == "declaration" || before == "roadmap" ||
                       before == "truce" || before == "ceasefire";
    const bool determiner = before2 == "the" || before2 == "a" || before2 == "an" ||
                            before2 == "this" || before2 == "that" || before2 == "its" ||
                            before2 == "their";
    if (thing && determiner && w[k].lower.ends_with("ed")) {
        t.in_passing = true;
        t.anaphoric = false;
    }
    for (std::size_t b = k >= 2 ? k - 2 : 0; b < k; ++b) {
        const std::string& x = w[b].lower;
        t.recent = t.recent || x == "recent" || x == "recently" || x == "previous" ||
                   x == "earlier" || x == "past" || x == "prior";
    }
    // "the killing of a commander": a happening introduced with what it befell, not one the
    // report told before
    if (k + 1 < w.size() && w[k + 1].lower == "of" && before == "the")
        t.anaphoric = false;
    for (std::size_t a = k + 1; a < w.size() && a <= k + 3; ++a) // "the clashes recently
        t.recent = t.recent || w[a].lower == "recently";         // happened in Tripoli"
}

/// "after a siege of nearly two years and an assault that began in May": a happening the
/// sentence names by when it began (a restrictive "that began", no comma) runs behind the
/// news, which is told of it elsewhere; trigger word `k` is the trigger's last.
bool named_by_its_start(std::string_view text, const std::vector<Word>& w, std::size_t k) {
    if (k + 2 >= w.size() || w[k + 1].lower != "that" ||
        !(w[k + 2].lower == "began" || w[k + 2].lower == "started")) {
        return false;
    }
    return !comma_before(text, w, k + 1);
}

/// A kind of event, not one event: "similar meetings are planned in cities across the
/// country", "such attacks" ("similar" or "such" right before the trigger or the word
/// before that), unless the sentence [from, to) names a place of its own finer than a
/// country ("a similar protest was held in Benghazi" is one event).
bool generic_kind(const std::vector<Word>& w, std::size_t k, std::size_t from, std::size_t to,
                  const std::vector<Toponym>& toponyms) {
    bool kind = false;
    for (std::size_t b = k >= 2 ? k - 2 : 0; b < k; ++b)
        kind = kind || w[b].lower == "similar" || w[b].lower == "such";
    return kind && !names_own_place(from, to, toponyms);
}

/// Whether the text `before` a trigger in its clause leaves it inside a relative clause about
/// someone: "Haftar, whose forces attacked Islamist groups in Benghazi on Friday".
bool in_relative_clause(std::string_view before) {
    for (const std::string_view cue : {", whose ", ", which "}) {
        const std::size_t at = before.find(cue);
        if (at != std::string_view::npos &&
            before.find(',', at + cue.size()) == std::string_view::npos) {
            return true;
        }
    }
    return false;
}

/// Whether "killed" at word `k` is a toll, not a killing told for itself: it is one unless an
/// assailant ("gunmen", "militants") is its subject, at most four words before it, and no
/// auxiliary makes it passive or perfect ("were killed", "had been killed"). "Clashes killed
/// five" and "an air strike ... killed" are the tolls of events other words report.
bool killed_as_toll(const std::vector<Word>& w, std::size_t k) {
    if (w[k].lower != "killed")
        return false;
    if (k == 0)
        return true;
    const std::string& aux = w[k - 1].lower;
    if (aux == "was" || aux == "were" || aux == "been" || aux == "be" || aux == "being" ||
        aux == "is" || aux == "are" || aux == "had" || aux == "have" || aux == "has" ||
        aux == "get" || aux == "got") {
        return true;
    }
    static constexpr std::array<std::string_view, 9> kSubjects = {
        "gunmen", "gunman",     "assailants", "attackers", "militants",
        "masked", "kidnappers", "bomber",     "bombers"};
    // a subject, not the object of a preposition: "clashes between militants killed five"
    static constexpr std::array<std::string_view, 8> kPrepositions = {
        "between", "of", "by", "against", "with", "from", "among", "on"};
    for (std::size_t b = k >= 4 ? k - 4 : 0; b < k; ++b) {
        if (std::find(kSubjects.begin(), kSubjects.end(), w[b].lower) != kSubjects.end() &&
            (b == 0 || std::find(kPrepositions.begin(), kPrepositions.end(), w[b - 1].lower) ==
                           kPrepositions.end())) {
            return false;
        }
    }
    return true;
}

/// "Gaddafi was captured and killed", "Abdel Fattah Younes, the commander of the rebel army,
/// has been killed": a person named as the one killed (a capitalised subject, no place, no
/// "a" or "the" before it) makes "killed" a killing, not a toll ("a soldier was killed").
bool named_victim(std::string_view text, const std::vector<Word>& w, std::size_t k,
                  const std::vector<Toponym>& toponyms) {
    const auto comma_before = [&](std::size_t i) { // between w[i - 1] and w[i]
        return text.substr(w[i - 1].end, w[i].start - w[i - 1].end).find(',') !=
               std::string_view::npos;
    };
    std::size_t aux = k; // "was" or "has" of "was (captured and) killed", "has been killed"
    for (std::size_t b = k; b > 0 && k - b < 4; --b) {
        if (w[b - 1].lower == "was") {
            aux = b - 1;
            break;
        }
        if (w[b - 1].lower == "been" && b >= 2 && w[b - 2].lower == "has") {
            aux = b - 2;
            break;
        }
    }
    if (aux == k || aux == 0)
        return false;
    std::size_t s = aux; // the subject is w[s - 1], before an apposition set off by commas
    if (comma_before(s)) {
        std::size_t b = s - 1;
        while (b > 0 && !comma_before(b) && s - b < 25)
            --b;
        if (b == 0 || s - b >= 25)
            return false;
        s = b;
    }
    const Word& subject = w[s - 1];
    const std::string& x = subject.lower;
    if (std::isupper(static_cast<unsigned char>(text[subject.start])) == 0 || x == "he" ||
        x == "she" || x == "it" || x == "they" || x == "this" ||
        (s >= 2 && (w[s - 2].lower == "the" || w[s - 2].lower == "a"))) {
        return false;
    }
    return std::none_of(toponyms.begin(), toponyms.end(), [&](const Toponym& t) {
        return t.start <= subject.start && subject.end <= t.end;
    });
}

/// Whether trigger word `k` is a pluperfect in a relative clause: "two employees who had been
/// kidnapped in November", "the brigade that had attacked the base": what befell or was done
/// by someone before the news, told to say who they are.
bool relative_pluperfect(const std::vector<Word>& w, std::size_t k) {
    std::size_t b = k;
    if (b >= 1 && w[b - 1].lower == "been")
        --b;
    if (b < 2 || w[b - 1].lower != "had")
        return false;
    const std::string& rel = w[b - 2].lower;
    return rel == "who" || rel == "which" || rel == "that";
}

/// Whether the words right before trigger word `k` say it is another happening like one told:
/// "similar demonstrations", "another attack", "a new protest".
bool told_as_new(const std::vector<Word>& w, std::size_t k) {
    for (std::size_t b = k >= 2 ? k - 2 : 0; b < k; ++b) {
        const std::string& x = w[b].lower;
        if (x == "similar" || x == "another" || x == "new")
            return true;
    }
    return false;
}

/// Nouns of people who tell the news or meet those in it: "an aid worker who met the
/// survivors", "military officials in the city said".
bool person_noun(std::string_view w) {
    static constexpr std::array<std::string_view, 27> kPeople = {
        "activists", "doctor",    "doctors",  "journalist", "journalists", "lawyer",
        "man",       "medics",    "member",   "members",    "men",         "nurse",
        "official",  "officials", "people",   "reporter",   "residents",   "someone",
        "sources",   "staff",     "survivor", "team",       "volunteers",  "witnesses",
        "woman",     "worker",    "workers"};
    static_assert(detail::sorted_unique(kPeople));
    return detail::in_words(kPeople, w);
}

/// Nouns of people who are taken hostage: "seized Jordan's ambassador", "a trade official was
/// seized in Tripoli".
bool hostage_noun(std::string_view w) {
    static constexpr std::array<std::string_view, 30> kHostages = {
        "ambassador", "businessman", "citizens",    "consul",     "crew",        "diplomat",
        "diplomats",  "doctor",      "doctors",     "driver",     "employee",    "employees",
        "engineer",   "engineers",   "envoy",       "journalist", "journalists", "mayor",
        "member",     "members",     "minister",    "nationals",  "official",    "officials",
        "staff",      "team",        "technicians", "tourists",   "worker",      "workers"};
    static_assert(detail::sorted_unique(kHostages));
    return detail::in_words(kHostages, w);
}

/// "masked gunmen seized Jordan's ambassador", "seized two Italian technicians", "a trade
/// official was seized", "members of an aid team seized in Benghazi": whether the verb at
/// word `k` takes people, not a town. Its object within the three words after it (before a
/// preposition), or its subject right before it or before "was", "were", "had been" ...
bool person_taken(const std::vector<Word>& w, std::size_t k) {
    static constexpr std::array<std::string_view, 8> kPrepositions = {
        "after", "at", "from", "in", "near", "on", "outside", "to"};
    static constexpr std::array<std::string_view, 3> kAdverbs = {"also", "briefly", "reportedly"};
    static_assert(detail::sorted_unique(kPrepositions) && detail::sorted_unique(kAdverbs));
    for (std::size_t j = k + 1; j < w.size() && j <= k + 3; ++j) {
        if (hostage_noun(w[j].lower))
            return true;
        if (detail::in_words(kPrepositions, w[j].lower))
            break;
    }
    std::size_t b = k;
    while (b > 0 && k - b < 3 &&
           (is_auxiliary(w[b - 1].lower) || detail::in_words(kAdverbs, w[b - 1].lower)))
        --b;
    return b > 0 && hostage_noun(w[b - 1].lower);
}

/// "a UNHCR worker who met the survivors", "a member of the team that met them": a meeting
/// word at `k` that says who someone is, not a meeting held.
bool describes_someone(const std::vector<Word>& w, std::size_t k, const detail::TriggerEntry& hit) {
    return hit.type == EventType::meeting && k >= 2 &&
           (w[k - 1].lower == "who" || w[k - 1].lower == "that") && person_noun(w[k - 2].lower);
}

/// "Libyans voted on Saturday to choose an assembly": an election, which is no event; "the
/// House voted" is a sitting.
bool electorate_voted(const std::vector<Word>& w, std::size_t k) {
    static constexpr std::array<std::string_view, 6> kElectorate = {
        "citizens", "electorate", "libyans", "people", "residents", "voters"};
    static_assert(detail::sorted_unique(kElectorate));
    return w[k].lower == "voted" && k >= 1 && detail::in_words(kElectorate, w[k - 1].lower);
}

/// Whether the object that starts at word `k` (after "attacked") is armed units: its head
/// noun, within four words and before any "of", is "positions", "bases", "forces",
/// "brigades"... ("army and police positions", "interior ministry forces"); not "a checkpoint
/// of Haftar's forces", "army and police posts", "the headquarters of the oil company".
bool assails_armed_units(const std::vector<Word>& w, std::size_t k) {
    static constexpr std::array<std::string_view, 8> kUnits = {
        "bases", "brigades", "fighters", "forces", "militiamen", "positions", "troops", "units"};
    static_assert(detail::sorted_unique(kUnits));
    for (std::size_t a = k; a < w.size() && a < k + 4; ++a) {
        if (w[a].lower == "of")
            return false;
        if (detail::in_words(kUnits, w[a].lower))
            return true;
    }
    return false;
}

/// Whether a new clause starts at word `k` of `w`: after a ";", or at "while" / "whereas"
/// after a comma.
bool clause_starts_at(std::string_view text, const std::vector<Word>& w, std::size_t k) {
    if (k == 0)
        return false;
    const std::string_view gap = text.substr(w[k - 1].end, w[k].start - w[k - 1].end);
    return gap.find(';') != std::string_view::npos ||
           (gap.find(',') != std::string_view::npos &&
            (w[k].lower == "while" || w[k].lower == "whereas" ||
             // "..., and on Saturday they pushed east": a new clause with its own time
             (w[k].lower == "and" && k + 1 < w.size() &&
              (w[k + 1].lower == "on" || w[k + 1].lower == "later" ||
               w[k + 1].lower == "then")))) ||
           // "met the prime minister there on Thursday and then held talks in Benghazi on
           // Friday": what came next, comma or not
           (w[k].lower == "and" && k + 2 < w.size() &&
            (w[k + 1].lower == "then" || w[k + 1].lower == "later"));
}

/// The index of the first word of `w` starting at or after byte `at` (w.size() if none).
std::size_t word_at(const std::vector<Word>& w, std::size_t at) {
    std::size_t k = 0;
    while (k < w.size() && w[k].start < at)
        ++k;
    return k;
}

/// How long before the sentence's main happening the one at the trigger came: "the clashes
/// came ten days after militiamen fired on protesters", "the vote comes two weeks after the
/// conference in Palermo". A verb of sequence, a number and a unit of days, weeks or months,
/// then "after", before the trigger.
std::optional<detail::TimeBefore> came_after(const std::vector<Word>& w, std::size_t trigger_at) {
    static constexpr std::array<std::string_view, 13> kNumbers = {
        "a",   "an",    "one",   "two",  "three", "four",  "five",
        "six", "seven", "eight", "nine", "ten",   "eleven"};
    static constexpr std::array<std::string_view, 8> kSequence = {
        "came", "come", "comes", "followed", "happened", "occurred", "was", "were"};
    static_assert(detail::sorted_unique(kSequence));
    const std::size_t k = word_at(w, trigger_at);
    for (std::size_t a = k; a-- > 3 && k - a <= 15;) {
        if (w[a].lower != "after")
            continue;
        std::string_view unit = w[a - 1].lower;
        if (unit.ends_with('s'))
            unit.remove_suffix(1);
        detail::TimeBefore out;
        out.after_at = w[a].start;
        if (unit == "day")
            out.unit = TimePrecision::day;
        else if (unit == "week")
            out.unit = TimePrecision::week;
        else if (unit == "month")
            out.unit = TimePrecision::month;
        else
            return std::nullopt;
        const std::string& number = w[a - 2].lower;
        const auto named = std::find(kNumbers.begin(), kNumbers.end(), number);
        if (named != kNumbers.end())
            out.count =
                named - kNumbers.begin() < 2 ? 1 : static_cast<int>(named - kNumbers.begin()) - 1;
        else if (!number.empty() && number.size() <= 2 &&
                 std::all_of(number.begin(), number.end(),
                             [](char c) { return c >= '0' && c <= '9'; }))
            out.count = std::stoi(number);
        else
            return std::nullopt;
        // "came just two days after", "comes little more than a week after"
        static constexpr std::array<std::string_view, 13> kHedges = {
            "about",  "almost", "around", "barely", "exactly", "just", "less",
            "little", "more",   "nearly", "only",   "some",    "than"};
        static_assert(detail::sorted_unique(kHedges));
        std::size_t v = a - 3;
        for (int hedges = 0; v > 0 && hedges < 3 && detail::in_words(kHedges, w[v].lower); ++hedges)
            --v;
        if (!detail::in_words(kSequence, w[v].lower))
            return std::nullopt;
        return out;
    }
    return std::nullopt;
}

/// "recaptured the airport this week and took Tarhuna on Friday": at word `k`, an "and"
/// (no comma before it) followed by a verb of a type the clause already has (`typed`) starts
/// a second happening, a clause of its own. A second verb for the same happening ("attacked
/// and overran the town") gets the same place and date and is folded into the first later
/// (fold_told_again).
bool coordinated_verb_at(std::string_view text, const std::vector<Word>& w, std::size_t k,
                         const std::array<bool, kEventTypeCount>& typed) {
    if (k == 0 || k + 1 >= w.size() || w[k].lower != "and" ||
        text.substr(w[k - 1].end, w[k].start - w[k - 1].end).find_first_not_of(' ') !=
            std::string_view::npos) {
        return false;
    }
    const detail::TriggerEntry* next = detail::longest_trigger_at(w, k + 1).entry;
    return next != nullptr && next->strength > 0 && typed[static_cast<std::size_t>(next->type)] &&
           past_verb(next->words);
}

std::size_t places_start(std::string_view text, const std::vector<Word>& w, std::size_t from,
                         std::size_t to);

/// The sentence's triggers `out` (of words `w`) once all are read: one happening told with two
/// words keeps one event (a fight, a toll, a sound heard), and each says whether its type is
/// shared.
void settle_one_happening(std::string_view text, const std::vector<Word>& w,
                          std::vector<detail::SentenceTrigger>& out) {
    // "forces attacked the port, and clashes lasted all day": one fight between armed sides
    // told with two words; ACLED codes it as an armed clash. Remote violence (an air strike,
    // shelling) stays an event of its own.
    // "Protesters stormed the headquarters": a crowd's assault is the protest
    // (not "gunmen opened fire on demonstrators": the protest told after it is the target)
    const auto clash_in_clause = [&](const detail::SentenceTrigger& a) {
        return std::any_of(out.begin(), out.end(), [&](const detail::SentenceTrigger& c) {
            return (c.type == EventType::clash ||
                    (c.type == EventType::protest && c.end <= a.start)) &&
                   c.clause_from == a.clause_from;
        });
    };
    std::erase_if(out, [&](const detail::SentenceTrigger& t) {
        return t.type == EventType::attack && t.subtype == "attack" && clash_in_clause(t);
    });
    // "stormed the hotel, killing guards and guests": after a comma, the participle gives the
    // toll of the violence told before it in the sentence, not a killing of its own
    const auto violence_before = [&](const detail::SentenceTrigger& k) {
        return std::any_of(out.begin(), out.end(), [&](const detail::SentenceTrigger& v) {
            return (v.type == EventType::attack || v.type == EventType::clash) && v.end <= k.start;
        });
    };
    // "opened fire on his car, killing him": a person killed is the killing, and the plain
    // attack before it the way it was done
    const auto killed_person = [&](const detail::SentenceTrigger& t) {
        const auto next =
            std::find_if(w.begin(), w.end(), [&](const Word& x) { return x.start >= t.end; });
        return next != w.end() && (next->lower == "him" || next->lower == "her");
    };
    const auto toll = [&](const detail::SentenceTrigger& t) {
        return t.type == EventType::killing && t.words == "killing" && after_comma(text, t.start) &&
               violence_before(t);
    };
    const bool person = std::any_of(out.begin(), out.end(), [&](const detail::SentenceTrigger& t) {
        return toll(t) && killed_person(t);
    });
    std::erase_if(out, [&](const detail::SentenceTrigger& t) {
        return (toll(t) && !killed_person(t)) ||
               (person && t.type == EventType::attack && t.subtype == "attack");
    });
    // "gunfire and explosions could be heard": what witnesses heard is the sound of a fight
    // or an attack the report tells, so it retells that one (fold_told_again)
    if (has_word(w, {"heard", "hear", "shook", "shaking", "echoed"})) {
        for (detail::SentenceTrigger& t : out) {
            if (t.words == "gunfire" || t.words == "explosion" || t.words == "explosions" ||
                t.words == "blast" || t.words == "blasts")
                t.anaphoric = true;
        }
    }
    for (detail::SentenceTrigger& t : out) {
        t.shared_type = std::count_if(out.begin(), out.end(),
                                      [&](const auto& other) { return other.type == t.type; }) > 1;
    }
}

/// detail::sentence_triggers on the sentence's words `w`.
/// Whether byte `at` is inside a direct quote of its paragraph, opened before it and closed
/// after it: '"We fought for this country," one of the men said' is a voice, not the report's
/// telling of a happening. A quote mark with no partner (scraped pages) opens nothing. No
/// quote runs longer than kQuoteReach bytes: a paragraph without line breaks (a scraped page
/// in one line) is read that far on either side of `at`.
bool in_direct_quote(std::string_view text, std::size_t at) {
    constexpr std::size_t kQuoteReach = 3000;
    const std::size_t reach_from = at > kQuoteReach ? at - kQuoteReach : 0;
    std::size_t p = text.substr(reach_from, at - reach_from).rfind('\n');
    p = p == std::string_view::npos ? reach_from : reach_from + p + 1;
    std::size_t end = text.substr(at, kQuoteReach).find('\n');
    end = end == std::string_view::npos ? std::min(text.size(), at + kQuoteReach) : at + end;
    constexpr std::string_view kLeft = "\xE2\x80\x9C";  // left double quotation mark
    constexpr std::string_view kRight = "\xE2\x80\x9D"; // right double quotation mark
    bool open = false;
    for (; p < at; ++p) {
        if (text[p] == '"')
            open = !open;
        else if (text.substr(p, 3) == kLeft)
            open = true;
        else if (text.substr(p, 3) == kRight)
            open = false;
    }
    if (!open)
        return false;
    const std::string_view rest = text.substr(at, end - at);
    return rest.find('"') != std::string_view::npos || rest.find(kRight) != std::string_view::npos;
}

std::vector<detail::SentenceTrigger> triggers_of(std::string_view text, const std::vector<Word>& w,
                                                 std::size_t from, std::size_t to,
                                                 const std::vector<Toponym>& toponyms) {
    std::vector<detail::SentenceTrigger> out;
    if (w.size() < 3)
        return out;                            // titles of one or two words, chrome
    std::array<bool, kEventTypeCount> typed{}; // in this clause
    std::array<bool, kEventTypeCount> in_sentence{};
    std::array<bool, kEventTypeCount> referred_only{}; // typed by an anaphoric trigger only
    // a dateline's place ("THE HAGUE, June 27 - ... attacks on civilians") is no place of
    // the sentence's events
    const std::size_t places_from = places_start(text, w, from, to);
    std::size_t clause_from = from;
    for (std::size_t k = 0; k < w.size(); ++k) {
        // "the visit came a week after Draghi visited Tripoli": what the news came after is
        // a happening of its own
        const bool came_after_here = w[k].lower == "after" && came_after(w, w[k].end);
        if (clause_starts_at(text, w, k) || coordinated_verb_at(text, w, k, typed) ||
            came_after_here) {
            typed = {};
            for (detail::SentenceTrigger& earlier : out) {
                if (earlier.clause_to == to)
                    earlier.clause_to = w[k].start;
            }
            clause_from = w[k].start;
        }
        const detail::TriggerMatch match = detail::longest_trigger_at(w, k);
        const detail::TriggerEntry* hit = match.entry;
        if (hit == nullptr)
            continue;
        const std::size_t at = k;
        k += match.length - 1; // the entry's words are read: "air strike" is not "strike"
        // entries of strength 0 ("news conference", "celebratory gunfire") only stop
        // shorter ones
        // one referred back to leaves room for a new one said to be like it: "The protests in
        // the east followed similar demonstrations in Tripoli last month"
        const bool taken =
            typed[static_cast<std::size_t>(hit->type)] &&
            !(referred_only[static_cast<std::size_t>(hit->type)] && told_as_new(w, at));
        if (hit->strength <= 0 || taken || hypothetical(w, at) || negated(w, at, hit->type) ||
            toll_participle(w, at) || remains_as_verb(w, at) ||
            (killed_as_toll(w, at) && !named_victim(text, w, at, toponyms)) ||
            protest_as_motive(w, at, *hit) || perfect_state(text, w, at) ||
            subject_of_perfect_state(text, w, k) || habitual(w, at) ||
            generic_kind(w, at, places_from, to, toponyms) ||
            generic_without_place(*hit, places_from, to, toponyms)) {
            continue;
        }
        // "drove", "pushed", "driven" take a place only by driving someone out of it
        if (hit->subtype == "territory taken" &&
            (hit->words == "drove" || hit->words == "driven" || hit->words == "pushed") &&
            !drives_out(w, at))
            continue;
        // "seized" with no armed force named takes people or nothing
        if (hit->subtype == "abduction" && hit->words == "seized" && !person_taken(w, at))
            continue;
        if (in_relative_clause(text.substr(clause_from, w[at].start - clause_from)) ||
            relative_pluperfect(w, at) || in_direct_quote(text, w[at].start) ||
            describes_someone(w, at, *hit) || electorate_voted(w, at)) {
            continue;
        }
        detail::SentenceTrigger t;
        set_mention_cues(t, text, w, at);
        t.in_passing = t.in_passing || named_by_its_start(text, w, k);
        t.came_after = came_after(w, w[at].start);
        t.repeated_type = in_sentence[static_cast<std::size_t>(hit->type)];
        if (!t.in_passing) {
            // an event told in passing does not take its type's place in the clause: "the
            // agreement signed in Skhirat" leaves room for "met in Tunis"
            typed[static_cast<std::size_t>(hit->type)] = true;
            referred_only[static_cast<std::size_t>(hit->type)] = t.anaphoric;
            in_sentence[static_cast<std::size_t>(hit->type)] = true;
        }
        t.clause_from = clause_from;
        t.clause_to = to;
        t.type = hit->type;
        t.subtype = hit->subtype;
        // "Saif al-Islam Gaddafi ... was captured by fighters", "fighters seized two engineers
        // near the field": a person taken, not a town or a site
        if ((hit->type == EventType::clash && hit->subtype == "territory taken" &&
             named_victim(text, w, at, toponyms)) ||
            (hit->words == "seized" && person_taken(w, at))) {
            t.type = EventType::attack;
            t.subtype = "abduction";
        }
        // "Maas also arrived in Tripoli on Monday and met al-Serraj": a meeting or a protest
        // told with "also" is one more gathering, of other people, not the one told again
        // ("the fighters also captured tanks" tells more of the same fight)
        if (hit->type == EventType::meeting || hit->type == EventType::protest) {
            for (std::size_t b = at >= 8 ? at - 8 : 0; b < at && !t.another; ++b)
                t.another = w[b].lower == "also";
        }
        // "gunmen attacked army positions", "attacked the bases of Islamist brigades": an
        // assault on armed units, who fight back, is an armed clash (ACLED's battle)
        if (hit->type == EventType::attack && hit->words == "attacked" &&
            assails_armed_units(w, k + 1)) {
            t.type = EventType::clash;
            t.subtype = "armed clash";
        }
        t.words = hit->words;
        t.strength = hit->strength;
        t.start = w[at].start;
        t.end = w[k].end;
        out.push_back(t);
    }
    settle_one_happening(text, w, out);
    return out;
}

/// detail::candidate_places_from with the sentence's words `w`: a dateline starts with a
/// word of three or more capitals and ends at a dash (" - ", " -- ", an en or em dash) in
/// the sentence's first 120 bytes.
std::size_t places_start(std::string_view text, const std::vector<Word>& w, std::size_t from,
                         std::size_t to) {
    std::size_t place_from = from;
    // the place in capitals up to its comma, apostrophes and hyphens included: "N'DJAMENA,",
    // "DAR ES SALAAM,", "SIDI BOUZID,"
    std::size_t capitals = 0;
    std::size_t k = from;
    for (; k < to && k < from + 40; ++k) {
        const char c = text[k];
        if (c >= 'A' && c <= 'Z')
            ++capitals;
        else if (c != '\'' && c != '-' && c != ' ' && c != '.')
            break;
    }
    const bool capitals_to_comma = capitals >= 3 && k < to && text[k] == ',';
    if (!w.empty() && (capitals_to_comma ||
                       (w.front().lower.size() >= 3 &&
                        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(w.front().start),
                                    text.begin() + static_cast<std::ptrdiff_t>(w.front().end),
                                    [](char c) { return c >= 'A' && c <= 'Z'; })))) {
        const std::string_view head = text.substr(from, std::min<std::size_t>(120, to - from));
        // " -- ": wire copy typed without a dash character ("BENGHAZI, Nov. 11 (Wire) --")
        for (std::string_view d : {" - ", " -- ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
            if (const std::size_t p = head.find(d); p != std::string_view::npos) {
                place_from = std::max(place_from, from + p + d.size());
            }
        }
    }
    return place_from;
}

/// Whether the sentence (words `w`) tells its event as coming after the narrative's date:
/// "in the days that followed", "later", "afterwards", "subsequently" before the trigger.
bool told_as_later(const std::vector<Word>& w, std::size_t trigger_at) {
    const auto lower = [&](std::size_t k) -> std::string_view {
        return k < w.size() ? std::string_view(w[k].lower) : std::string_view();
    };
    for (std::size_t k = 0; k < w.size() && w[k].start < trigger_at; ++k) {
        const std::string_view x = w[k].lower;
        if (x == "followed" || x == "afterwards" || x == "subsequently")
            return true;
        // "later that day", "later in the evening", "later the same night": the same day
        const std::string_view part = lower(k + 3);
        const bool same_day = lower(k + 1) == "that" ||
                              (lower(k + 1) == "the" && lower(k + 2) == "same") ||
                              (lower(k + 1) == "in" && lower(k + 2) == "the" &&
                               (part == "day" || part == "morning" || part == "afternoon" ||
                                part == "evening" || part == "night"));
        if (x == "later" && !same_day)
            return true;
    }
    return false;
}

/// "Fighting continues around Bani Walid and Sirte", "fighting continues on the southern edge
/// of Tripoli despite a truce": a happening named by a noun (ending at byte `trigger_end`)
/// that the present tense says goes on, in a sentence that gives it no day (`date` none or
/// another sentence's), is the state the news comes in, not a report of it. The past tells a
/// happening of the narrative ("Fighting continued in Misrata"); "clashes continue for a
/// third day" and "fighting continues in Sirte on Monday" tell a day. The present perfect
/// ("fighting has continued around Sirte") is the present's state as well.
bool undated_continuation(const std::vector<Word>& w, std::size_t trigger_end, const Timex* date,
                          std::size_t from, std::size_t to) {
    if (date != nullptr && date->start >= from && date->end <= to)
        return false;
    const auto after =
        std::find_if(w.begin(), w.end(), [&](const Word& x) { return x.start >= trigger_end; });
    auto a = static_cast<std::size_t>(after - w.begin());
    // the present perfect says the same: "fighting has also continued in the south"
    const bool perfect = a < w.size() && (w[a].lower == "has" || w[a].lower == "have");
    if (perfect)
        ++a;
    if (a < w.size() && (w[a].lower == "still" || w[a].lower == "also"))
        ++a;
    if (a >= w.size())
        return false;
    const std::string& verb = w[a].lower;
    const std::string_view next = a + 1 < w.size() ? std::string_view(w[a + 1].lower) : "";
    if (perfect)
        return verb == "continued" || verb == "persisted" || (verb == "gone" && next == "on");
    return verb == "continue" || verb == "continues" || verb == "persist" || verb == "persists" ||
           ((verb == "go" || verb == "goes" || verb == "carry" || verb == "carries") &&
            next == "on");
}

/// "Forces loyal to it are fighting Islamic State in Sirte": a happening the present
/// progressive tells as going on, in a sentence that gives it no day (`date` none or another
/// sentence's), is the state the news comes in, not a report of it.
bool undated_progressive(const std::vector<Word>& w, std::size_t trigger_at, const Timex* date,
                         std::size_t from, std::size_t to) {
    if (date != nullptr && date->start >= from && date->end <= to)
        return false;
    const std::size_t k = word_at(w, trigger_at);
    if (k >= w.size() || !w[k].lower.ends_with("ing"))
        return false;
    const std::size_t b = back_over(w, k, 3, {"still", "also", "now"});
    return b > 0 && (w[b - 1].lower == "is" || w[b - 1].lower == "are");
}

/// "for a fourth day", "for the third straight day": how many days the sentence says its
/// happening has run, or 0.
int nth_day(const std::vector<Word>& w) {
    static constexpr std::array<std::string_view, 9> kOrdinals = {
        "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"};
    for (std::size_t k = 0; k + 3 < w.size(); ++k) {
        if (w[k].lower != "for" || (w[k + 1].lower != "a" && w[k + 1].lower != "the"))
            continue;
        const auto it = std::find(kOrdinals.begin(), kOrdinals.end(), w[k + 2].lower);
        if (it == kOrdinals.end())
            continue;
        std::size_t day = k + 3;
        if (w[day].lower == "straight" || w[day].lower == "consecutive")
            ++day;
        if (day < w.size() && w[day].lower == "day")
            return static_cast<int>(it - kOrdinals.begin()) + 2;
    }
    return 0;
}

/// The death toll the trigger's clause states; else, when no other clause of the sentence
/// has a trigger of its type, the sentence's.
std::optional<int> clause_fatalities(const std::vector<Word>& w, const detail::SentenceTrigger& t,
                                     EventType type) {
    std::vector<Word> clause;
    for (const Word& x : w) {
        if (x.start >= t.clause_from && x.end <= t.clause_to)
            clause.push_back(x);
    }
    if (auto n = fatalities_of(clause, type); n || clause.size() == w.size())
        return n;
    return t.shared_type ? std::nullopt : fatalities_of(w, type);
}

/// A link to another article, not the report's own words: "Related: ...", "See also: ...",
/// "Read more ...", "Also read ...".
bool teaser_line(const std::vector<Word>& w) {
    if (w.size() < 2)
        return false;
    const std::string& a = w[0].lower;
    const std::string& b = w[1].lower;
    return a == "related" || (a == "see" && b == "also") || (a == "read" && b == "more") ||
           (a == "also" && b == "read") || (a == "read" && b == "also");
}

/// Whether the sentence [from, to) is a ticker of headlines ("LIVE: Benghazi council names a
/// spokesman * Misrata residents report shelling * ...", "Benghazi: rockets hit the
/// airport | Tobruk: parliament meets | ..."): two separators or more, bullets or bars, each
/// headline another article's.
bool ticker_line(std::string_view text, std::size_t from, std::size_t to) {
    const std::string_view s = text.substr(from, to - from);
    std::size_t separators = 0;
    for (const std::string_view sep :
         {std::string_view(" \xE2\x80\xA2 "), std::string_view(" | ")}) {
        for (std::size_t at = s.find(sep); at != std::string_view::npos; at = s.find(sep, at + 1))
            ++separators;
    }
    return separators >= 2;
}

/// Whether the sentence [from, to) asks rather than tells ("How has the fighting changed
/// your work?"): it ends with a question mark, a closing quote or bracket aside. A question
/// reports no happening.
bool question(std::string_view text, std::size_t from, std::size_t to) {
    while (to > from &&
           std::string_view(" \t\r\n\"')").find(text[to - 1]) != std::string_view::npos)
        --to;
    // a closing curly quote (U+201D, three bytes)
    if (to >= from + 3 && text.substr(to - 3, 3) == "\xE2\x80\x9D")
        to -= 3;
    return to > from && text[to - 1] == '?';
}

/// The event-to-place linking stage and the gazetteer its model reads names in.
struct Linking {
    const EventLocator* locator = nullptr;
    const Gazetteer* gazetteer = nullptr;
};

/// A sentence being read: its byte range and where its candidate places start.
struct Sentence {
    std::size_t from = 0, to = 0;
    std::size_t places_from = 0;
    const Timex* narrative = nullptr;    ///< the date the narrative last set before it
    const Toponym* main_place = nullptr; ///< the report's (detail::main_place_of), if any
};

/// Whether the trigger's phrase says "there" (within six words after it, no comma between:
/// "met the prime minister there on Thursday"): the event happened at a place named before
/// it, not at one named after. Not the "there" of "there will be", "there was", nor one of
/// another clause ("..., after the security services freed migrants held there").
bool there_after(std::string_view text, const std::vector<Word>& w,
                 const detail::SentenceTrigger& t) {
    const auto first =
        std::find_if(w.begin(), w.end(), [&](const Word& x) { return x.start >= t.end; });
    for (auto it = first; it != w.end() && it - first < 6 && it->end <= t.clause_to; ++it) {
        if (text.substr(t.end, it->start - t.end).find_first_of(",;") != std::string_view::npos)
            return false;
        if (it->lower != "there")
            continue;
        const std::size_t a = static_cast<std::size_t>(it - w.begin());
        const std::string_view next = a + 1 < w.size() ? std::string_view(w[a + 1].lower) : "";
        return next != "is" && next != "are" && next != "was" && next != "were" && next != "will" &&
               next != "would" && next != "has" && next != "have" && next != "had" && next != "be";
    }
    return false;
}

/// The kinds of place a text tells a town again by ("in the city") or describes it as ("Derna,
/// the last town in eastern Libya").
constexpr std::array<std::string_view, 6> kPlaceKinds = {"capital", "city", "oasis",
                                                         "port",    "town", "village"};

/// "in the city", "on the capital", "near the town's port": a place told again by its kind
/// after a preposition of place, in words [first, last) of `w`. The word of the kind, or none;
/// not "the town of Kikla" nor "the capital Tripoli", which name the place themselves.
std::optional<std::size_t> kind_anaphor(std::string_view text, const std::vector<Word>& w,
                                        std::size_t first, std::size_t last) {
    static constexpr std::array<std::string_view, 9> kPrepositions = {
        "across", "around", "at", "in", "inside", "into", "near", "on", "outside"};
    static constexpr std::array<std::string_view, 11> kParts = {
        "center",    "centre", "districts", "edge",    "entrance", "heart",
        "outskirts", "parts",  "square",    "streets", "suburbs"};
    static constexpr std::array<std::string_view, 6> kSaying = {"reported", "said", "say",
                                                                "says",     "told", "warned"};
    static_assert(detail::sorted_unique(kPlaceKinds) && detail::sorted_unique(kPrepositions) &&
                  detail::sorted_unique(kParts) && detail::sorted_unique(kSaying));
    for (std::size_t a = first; a < last && a < w.size(); ++a) {
        if (!detail::in_words(kPlaceKinds, w[a].lower))
            continue;
        // "the city", "the coastal town", "the besieged port city": up to two lower-case
        // words between "the" and the kind
        std::size_t b = a;
        while (b > first && a - b < 3 && w[b - 1].lower != "the" &&
               std::islower(static_cast<unsigned char>(text[w[b - 1].start])) != 0) {
            --b;
        }
        // "the main square of the town", "the outskirts of the city": a part of it; "the
        // morgue of the town's hospital": a part of a place the town has
        const std::string_view after = text.substr(w[a].end, 4);
        const bool possessive = after.starts_with("'s ") || after.starts_with("\xE2\x80\x99s");
        const bool part_of = b >= first + 3 && w[b - 2].lower == "of" &&
                             (possessive || detail::in_words(kParts, w[b - 3].lower));
        if (b < first + 2 || w[b - 1].lower != "the" ||
            !(detail::in_words(kPrepositions, w[b - 2].lower) || part_of)) {
            continue;
        }
        // no punctuation inside the phrase
        if (text.substr(w[b - 2].end, w[a].start - w[b - 2].end).find_first_of(",;:()\"") !=
            std::string_view::npos) {
            continue;
        }
        // "military officials in the city said", "residents in the town told": who tells
        // the news and where they are, not where it happened
        const bool teller = (b >= 3 && person_noun(w[b - 3].lower)) ||
                            (a + 1 < w.size() && detail::in_words(kSaying, w[a + 1].lower));
        if (teller)
            continue;
        const bool named_after =
            a + 1 < w.size() &&
            (w[a + 1].lower == "of" ||
             (text.substr(w[a].end, w[a + 1].start - w[a].end) == " " &&
              std::isupper(static_cast<unsigned char>(text[w[a + 1].start])) != 0));
        if (!named_after)
            return a;
    }
    return std::nullopt;
}

/// "arrived from Tunis, where he had met the minister": whether a relative "where" right
/// after `t` opens the clause of the trigger at `trigger_at`: `t` is that clause's scene.
bool where_clause_after(std::string_view text, const Toponym& t, std::size_t trigger_at) {
    return trigger_at > t.end && text.substr(t.end, 8) == ", where ";
}

/// What a kind anaphor at byte `at` refers to: the last capital named before it for "the
/// capital", else the last town (or finer place) its paragraph named before it, else the
/// report's main place (`main_place`, as inherit_main_place takes it). A small place's kind
/// ("the town", "the village", `small`) never tells a national capital again: where the
/// paragraph names no other place and the main place is a capital, the last small place the
/// report named before it.
const Toponym* anaphor_antecedent(std::string_view text, const std::vector<Toponym>& toponyms,
                                  std::size_t at, bool capital, bool small,
                                  const Toponym* main_place) {
    auto it = std::lower_bound(toponyms.begin(), toponyms.end(), at,
                               [](const Toponym& t, std::size_t x) { return t.start < x; });
    const std::size_t line = text.rfind('\n', at);
    const std::size_t paragraph = line == std::string_view::npos ? 0 : line;
    const bool main_fits = main_place == nullptr || !small || main_place->feature != "P.PPLC";
    while (it != toponyms.begin()) {
        --it;
        const Toponym& t = *it;
        if (!capital && t.start < paragraph && main_fits)
            return main_place;
        // "Zawiya, about 45 km west of Tripoli", "residents who fled to Misrata": a
        // reference point or a journey's end is not what the story goes on about (unless
        // a "where" opens the anaphor's clause: "pushed toward Sirte, where ... the city's")
        if (t.kind != ToponymKind::place || !t.position.is_valid() ||
            (!capital && detail::reference_or_direction(text, t) &&
             !where_clause_after(text, t, at)) ||
            (small && t.feature == "P.PPLC")) {
            continue;
        }
        if (capital ? t.feature == "P.PPLC"
                    : (t.precision == GeoPrecision::town || t.precision == GeoPrecision::district ||
                       t.precision == GeoPrecision::site)) {
            return &t;
        }
    }
    return capital || !main_fits ? nullptr : main_place;
}

/// The town (or finer place) a sentence's dateline names ("TRIPOLI (Wire) - ..."), if any.
const Toponym* dateline_place(const Sentence& s, const std::vector<Toponym>& toponyms) {
    for (const Toponym& t : toponyms) {
        if (t.start >= s.from && t.end <= s.places_from && t.kind == ToponymKind::place &&
            t.position.is_valid() &&
            (t.precision == GeoPrecision::town || t.precision == GeoPrecision::district ||
             t.precision == GeoPrecision::site)) {
            return &t;
        }
    }
    return nullptr;
}

/// The place a kind anaphor in the clause [from, to) of trigger `t` refers to ("gathered
/// outside the courthouse in the city"), else `place`. Not one inside another clause after the
/// trigger
/// ("after fighters attacked posts in the town").
const Toponym* anaphor_place(std::string_view text, const Sentence& s, std::size_t from,
                             std::size_t to, const std::vector<Word>& w,
                             const detail::SentenceTrigger& t, const std::vector<Toponym>& toponyms,
                             const Toponym* place) {
    const auto word_at = [&](std::size_t byte) {
        return static_cast<std::size_t>(
            std::lower_bound(w.begin(), w.end(), byte,
                             [](const Word& x, std::size_t b) { return x.start < b; }) -
            w.begin());
    };
    const std::optional<std::size_t> a = kind_anaphor(text, w, word_at(from), word_at(to));
    if (!a)
        return place;
    // "arrived in the capital from Tunis, where he had met the minister": a clause opened
    // between them has its own place
    const bool after = w[*a].start > t.start;
    const std::string_view between = after ? text.substr(t.start, w[*a].start - t.start)
                                           : text.substr(w[*a].end, t.start - w[*a].end);
    if (detail::subordinate_between(between) ||
        (!after && (between.find(", where ") != std::string_view::npos ||
                    between.find(", which ") != std::string_view::npos ||
                    between.find(", who ") != std::string_view::npos))) {
        return place;
    }
    const Toponym* antecedent = anaphor_antecedent(
        text, toponyms, w[*a].start, w[*a].lower == "capital",
        w[*a].lower == "town" || w[*a].lower == "village" || w[*a].lower == "oasis", s.main_place);
    return antecedent != nullptr ? antecedent : place;
}

/// Whether the event `e`, dated by `date`, is the report's background, not its news: history
/// told as context ("since 2011"), a happening long before ("the agreement was signed on 17
/// December 2015"), a campaign running for weeks ("forces have shelled Misrata since March").
bool told_as_background(std::string_view text, const Timex* date, const Event& e,
                        const std::optional<CivilDay>& published) {
    if (date == nullptr)
        return false;
    if (detail::background_date(*date, published))
        return true;
    if (!date->open_end)
        return detail::history_before(e, published);
    return !detail::superlative_since(text, *date) && detail::campaign_before(*date, published);
}

/// "delegates who met in Montreux have recommended elections within 18 months": a day after
/// publication, later in the sentence than a trigger told in the past, is the plan's; the
/// event takes a date from before its trigger. Else `date` stands.
const Timex* past_event_date(std::string_view text, const Sentence& s,
                             const detail::SentenceTrigger& t, std::string_view trigger,
                             const std::vector<Timex>& timexes,
                             const std::optional<CivilDay>& published, const Timex* date) {
    if (date != nullptr && published && date->first > *published && date->start >= t.end &&
        told_in_past(trigger)) {
        return detail::governing_date(text, s.from, t.start, s.places_from, timexes, t.start,
                                      !t.recent);
    }
    return date;
}

/// Whether the event's place is said to be where it happens ("in Geneva", "at the base"), not
/// only named (the signatories of "Italy and Libya signed", "the House, which sits in Tobruk").
bool venue_named(std::string_view text, const Toponym* place) {
    return place != nullptr && detail::located_at(text, *place);
}

/// "received Haftar at the Elysee Palace", "signed the accord at the ministry's headquarters":
/// whether the twelve words after trigger `t` name a building as where it took place: "at
/// the" (or "his", "her", "its") and a building's noun within the next four words.
bool building_after(const std::vector<Word>& w, const detail::SentenceTrigger& t) {
    static constexpr std::array<std::string_view, 9> kBuildings = {
        "embassy", "headquarters", "hotel",     "house", "ministry",
        "office",  "palace",       "residence", "villa"};
    static_assert(detail::sorted_unique(kBuildings));
    const auto at =
        std::find_if(w.begin(), w.end(), [&](const Word& x) { return x.start >= t.end; });
    for (auto it = at; it != w.end() && it - at < 12; ++it) {
        if (it->lower != "at" || std::next(it) == w.end())
            continue;
        const auto det = std::next(it);
        if (det->lower != "the" && det->lower != "his" && det->lower != "her" &&
            det->lower != "its")
            continue;
        for (auto n = std::next(det); n != w.end() && n - det <= 4; ++n) {
            if (detail::in_words(kBuildings, n->lower))
                return true;
        }
    }
    return false;
}

/// Whether a plan is only talk of a possible event: it names no venue ("will meet the parties
/// again", "the House, which sits in Tobruk, is expected to decide"), or no day ("hoped to
/// visit Tripoli soon", "preparing a conference in Berlin, but no date has been set": the
/// week before the report, which a happening told with no day takes, is no time for a plan).
/// Talks that "would continue" go on: the report's days are theirs.
bool idle_plan(std::string_view text, const std::vector<Word>& w, const Toponym* place,
               const Timex* date) {
    if (!venue_named(text, place))
        return true;
    return date == nullptr && !has_word(w, {"continue", "continues", "continuing"});
}

/// "described talks between Tripoli notables and elders from Misrata as useless", "the release
/// followed talks between the two governments", "is trying to bring them to talks": a meeting
/// named by a noun (`t`) is news when the sentence says where it met, which the caller checks,
/// or that it was held ("held talks with", "opening the meeting", "the conference ended").
/// Else it is talk about a meeting.
bool idle_meeting_noun(const std::vector<Word>& w, const detail::SentenceTrigger& t) {
    static constexpr std::array<std::string_view, 5> kNouns = {"conference", "meeting", "meetings",
                                                               "summit", "talks"};
    static constexpr std::array<std::string_view, 25> kHeldBefore = {
        "addressed", "addressing", "attend",    "attended", "attending", "began", "chair",
        "chaired",   "chairing",   "concluded", "convened", "held",      "hold",  "holding",
        "holds",     "host",       "hosted",    "hosting",  "hosts",     "open",  "opened",
        "opening",   "opens",      "resumed",   "wrapped"};
    static constexpr std::array<std::string_view, 9> kHeldAfter = {
        "began", "begin", "begins", "concluded", "end", "ended", "ends", "opened", "opens"};
    static_assert(detail::sorted_unique(kNouns) && detail::sorted_unique(kHeldBefore) &&
                  detail::sorted_unique(kHeldAfter));
    if (!detail::in_words(kNouns, t.words))
        return false;
    const auto at =
        std::find_if(w.begin(), w.end(), [&](const Word& x) { return x.start >= t.start; });
    const auto k = static_cast<std::size_t>(at - w.begin());
    // up to three words between the verb and the noun: "held a first round of talks"
    for (std::size_t b = k >= 4 ? k - 4 : 0; b < k; ++b) {
        if (detail::in_words(kHeldBefore, w[b].lower))
            return false;
    }
    for (std::size_t a = k + 1; a < w.size() && a <= k + 3; ++a) {
        if (detail::in_words(kHeldAfter, w[a].lower) ||
            (w[a].lower == "took" && a + 1 < w.size() && w[a + 1].lower == "place") ||
            (w[a].lower == "held" && (w[a - 1].lower == "was" || w[a - 1].lower == "were"))) {
            return false;
        }
    }
    return true;
}

/// The event trigger `t` tells in sentence `s`, before its place and date: its type, its
/// words and its evidence.
Event event_of_trigger(std::string_view text, const Sentence& s, const detail::SentenceTrigger& t) {
    Event e;
    e.anaphoric = t.anaphoric || t.in_passing;
    e.another = t.another;
    e.type = t.type;
    e.subtype = std::string(t.subtype);
    e.trigger = std::string(text.substr(t.start, t.end - t.start));
    e.evidence_start = s.from;
    e.evidence_end = s.to;
    e.evidence = std::string(text.substr(s.from, s.to - s.from));
    while (!e.evidence.empty() && (e.evidence.back() == '\n' || e.evidence.back() == ' '))
        e.evidence.pop_back();
    return e;
}

/// The part of the sentence [from, to) that ", as" parts: "ministers met in Hammamet on
/// Monday, as rival brigades fought for Tripoli's airport" tells two happenings at once, each
/// with its place. The bytes of the part the trigger at `at` is in, when the sentence has
/// such a boundary; [from, to) otherwise.
std::pair<std::size_t, std::size_t> as_clause_of(std::string_view text, std::size_t from,
                                                 std::size_t to, std::size_t at) {
    const std::string_view s = text.substr(from, to - from);
    const std::size_t b = s.find(", as ");
    if (b == std::string_view::npos)
        return {from, to};
    const std::size_t boundary = from + b;
    return at < boundary ? std::pair{from, boundary} : std::pair{boundary, to};
}

/// Where the event of trigger `t` happened: the best place of its clause (none when it is
/// told in passing: the sentence's place belongs to its main event), else the place a kind
/// anaphor tells again ("in the city"); marks `e` when the place is not named in the sentence.
const Toponym* scene_of(Event& e, std::string_view text, const Sentence& s,
                        const std::vector<Word>& w, const detail::SentenceTrigger& t,
                        const std::vector<Toponym>& toponyms, const Linking& linking) {
    if (t.in_passing)
        return nullptr;
    // a second event of its type in the sentence is placed within its own clause
    std::size_t places_from =
        t.repeated_type ? std::max(s.places_from, t.clause_from) : s.places_from;
    std::size_t places_to = t.repeated_type ? t.clause_to : s.to;
    // a happening told at the same time as another (", as ..."): its own part's place first
    const std::pair<std::size_t, std::size_t> part =
        as_clause_of(text, places_from, places_to, t.start);
    if (std::any_of(toponyms.begin(), toponyms.end(), [&](const Toponym& x) {
            return x.start >= part.first && x.end <= part.second && x.kind == ToponymKind::place &&
                   x.precision != GeoPrecision::country;
        })) {
        places_from = part.first;
        places_to = part.second;
    }
    const detail::LearnedPlace learned{linking.locator, linking.gazetteer, s.from, s.to, t.start,
                                       t.end,           &toponyms};
    const Toponym* place =
        detail::best_place(text, places_from, there_after(text, w, t) ? t.start : places_to,
                           toponyms, t.start, e.type, &learned);
    // "a bomb blew a hole in the wall of the US consulate's compound in the city": the
    // place told again by its kind, where no place is named as the scene
    if (place == nullptr || !detail::located_at(text, *place) ||
        place->precision == GeoPrecision::country || place->precision == GeoPrecision::continent) {
        const Toponym* told_again =
            anaphor_place(text, s, places_from, places_to, w, t, toponyms, place);
        e.inherited_place = told_again != place;
        return told_again;
    }
    // "met in the city on Monday and agreed that the man be handed to a force in Tripoli":
    // the place told again right after the trigger, before the one named further on
    if (place->start > t.end) {
        const Toponym* told_again =
            anaphor_place(text, s, t.end, place->start, w, t, toponyms, place);
        if (told_again != place) {
            e.inherited_place = true;
            return told_again;
        }
    }
    return place;
}

/// The byte after a possessive "'s" (or "’s") at byte `at` of `text`, else `at`.
std::size_t past_possessive(std::string_view text, std::size_t at) {
    if (text.substr(at, 2) == "'s")
        return at + 2;
    if (text.substr(at, 4) == "\xE2\x80\x99s")
        return at + 4;
    return at;
}

/// "Turkey's parliament voted", "Greek lawmakers voted", "Italy's lower house": the capital
/// of the country whose legislature or cabinet is the subject of trigger `t` (a country or
/// demonym before it, then "'s", at most one modifier and the body's noun), where it sits.
/// The toponym keeps the country's mention; none when the gazetteer knows no capital.
std::optional<Toponym> legislature_seat(std::string_view text, const Sentence& s,
                                        const detail::SentenceTrigger& t,
                                        const std::vector<Toponym>& toponyms,
                                        const Gazetteer& gazetteer) {
    static constexpr std::array<std::string_view, 13> kBodies = {
        "assembly",    "cabinet",     "chamber", "chambers",   "deputies", "house",   "lawmakers",
        "legislators", "legislature", "mps",     "parliament", "senate",   "senators"};
    static_assert(detail::sorted_unique(kBodies));
    for (const Toponym& c : toponyms) {
        if (c.start < s.from || c.end > t.start || c.precision != GeoPrecision::country ||
            c.country.empty())
            continue;
        const std::size_t a = past_possessive(text, c.end);
        // "Italy's parliament", "Italy's lower house"; not "Libya's eastern-based House", which
        // says it sits elsewhere
        const std::vector<Word> after = words_of(text, a, std::min(t.start, a + 40));
        const bool body = (!after.empty() && detail::in_words(kBodies, after[0].lower)) ||
                          (after.size() >= 2 && detail::in_words(kBodies, after[1].lower) &&
                           (after[0].lower == "lower" || after[0].lower == "upper" ||
                            after[0].lower == "national"));
        if (!body)
            continue;
        for (const PlaceId id : gazetteer.largest_towns(c.country)) {
            const Place& p = gazetteer.place(id);
            if (p.feature_code != "PPLC")
                continue;
            Toponym seat = c;
            seat.kind = ToponymKind::place;
            seat.place = id;
            seat.name = p.name;
            seat.position = p.position;
            seat.geonameid = p.geonameid;
            seat.feature = "P.PPLC";
            seat.admin1 = gazetteer.admin1_name(p.country, p.admin1);
            seat.admin1_code = p.admin1;
            seat.precision = GeoPrecision::town;
            seat.why += ", the seat of its legislature";
            seat.alternatives.clear();
            seat.at_sea.reset();
            return seat;
        }
    }
    return std::nullopt;
}

/// The capital where a sitting of a country's legislature that names no venue (`place` is
/// not located at) was held (legislature_seat()), unless the report was filed from a town of
/// that country, which says where better ("TOBRUK (Wire) - Libya's House voted").
std::optional<Toponym> sitting_seat(const Event& e, std::string_view text, const Sentence& s,
                                    const detail::SentenceTrigger& t,
                                    const std::vector<Toponym>& toponyms, const Linking& linking,
                                    const Toponym* place) {
    if (e.type != EventType::meeting || linking.gazetteer == nullptr ||
        (place != nullptr && detail::located_at(text, *place)))
        return std::nullopt;
    std::optional<Toponym> seat = legislature_seat(text, s, t, toponyms, *linking.gazetteer);
    const Toponym* filed = dateline_place(s, toponyms);
    if (seat && filed != nullptr && filed->country == seat->country)
        return std::nullopt;
    return seat;
}

/// "The clashes came ten days after militiamen fired on protesters in Tripoli": the event
/// `e` of trigger `t` (dated `date` so far) took place that long before the main happening's
/// day (the sentence's before "came", else the narrative's, else the report's), unless the
/// clause after "after" dates it itself.
void date_by_distance(Event& e, std::string_view text, const Sentence& s,
                      const detail::SentenceTrigger& t, const Timex* date,
                      const std::optional<CivilDay>& published) {
    const std::optional<detail::TimeBefore>& before = t.came_after;
    if (!before)
        return;
    std::size_t after_clause_end = text.find(',', t.end);
    if (after_clause_end == std::string_view::npos || after_clause_end > s.to)
        after_clause_end = s.to;
    const Timex* main_date = date != nullptr && date->start < before->after_at ? date : s.narrative;
    const std::optional<CivilDay> main =
        main_date != nullptr ? std::optional<CivilDay>(main_date->last) : published;
    // a date after "after" is the happening's own in its clause, or further on when it falls
    // in the span the distance says ("less than two weeks after ... were found near Sabratha,
    // west of Tripoli, on 2 January")
    const std::int64_t span_days = before->unit == TimePrecision::day ? before->count + 1
                                   : before->unit == TimePrecision::week
                                       ? std::int64_t{7} * (before->count + 1)
                                       : std::int64_t{31} * (before->count + 1);
    const bool own_date = date != nullptr && date->start >= before->after_at &&
                          (date->end <= after_clause_end ||
                           (main && date->precision <= TimePrecision::week && date->last < *main &&
                            date->first.serial() >= main->serial() - span_days));
    if (!own_date && main) {
        if (before->unit == TimePrecision::day) {
            e.date_start = main->plus_days(-before->count);
            e.date_end = e.date_start;
        } else if (before->unit == TimePrecision::week) {
            const CivilDay mid = main->plus_days(std::int64_t{-7} * before->count);
            e.date_start = mid.plus_days(-3);
            e.date_end = mid.plus_days(3);
        } else {
            const CivilDay month = main->plus_months(-before->count);
            e.date_start = CivilDay{month.year, month.month, 1};
            e.date_end = e.date_start->plus_months(1).plus_days(-1);
        }
        e.time_precision = before->unit;
        e.date_assumed = main_date == nullptr;
    }
}

/// The event `t` tells in sentence `s` (words `w`), followed by one more at each place
/// listed with its own ("in Jakharrah and Al-Kufra"); appended to `out`. Returns the date
/// expression that dated it, if any.
const Timex* add_events_of(std::vector<Event>& out, std::string_view text, const Sentence& s,
                           const std::vector<Word>& w, const detail::SentenceTrigger& t,
                           const std::vector<Toponym>& toponyms, const std::vector<Timex>& timexes,
                           const std::optional<CivilDay>& published, const Linking& linking) {
    Event e = event_of_trigger(text, s, t);
    const Toponym* place = scene_of(e, text, s, w, t, toponyms, linking);
    // a sitting of a country's legislature that names no venue was held in its capital
    const std::optional<Toponym> seat = sitting_seat(e, text, s, t, toponyms, linking, place);
    if (seat)
        place = &*seat;
    std::vector<Toponym> coordinated;
    if (place != nullptr) {
        e.place = *place;
        e.secondary_places = detail::secondary_places(s.from, s.to, toponyms, *place);
        // a list the antecedent of "the city" stood in is another sentence's
        if (place->start >= s.from)
            coordinated = detail::coordinated_places(text, s.to, toponyms, *place);
    }
    // a type told twice in the sentence: each happening's date from its own clause first
    // ("met him there on Thursday and then held talks in Benghazi on Friday")
    const Timex* date = t.in_passing || !t.shared_type
                            ? nullptr
                            : detail::governing_date(text, s.from, t.clause_to,
                                                     std::max(s.places_from, t.clause_from),
                                                     timexes, t.start, false);
    if (date == nullptr && !t.in_passing) {
        date =
            detail::governing_date(text, s.from, s.to, s.places_from, timexes, t.start, !t.recent);
    }
    date = past_event_date(text, s, t, e.trigger, timexes, published, date);
    e.status = status_of(w, t.words, date != nullptr && published && date->first > *published);
    // a plan takes no past day from the sentence before ("approved in March ... said talks
    // would continue in Cairo"): that date is the narrative's, not the plan's
    if (e.status == EventStatus::planned && date != nullptr && published &&
        date->last < *published && (date->start < s.from || date->end > s.to)) {
        date = nullptr;
    }
    // a plan is news when it says where and when it will happen ("will hold a summit in
    // Brussels on Friday")
    if (e.status == EventStatus::planned && idle_plan(text, w, place, date))
        return nullptr;
    // "Italy and Libya signed an agreement in April", "an accord signed between Ankara and
    // Tripoli": the signatories are no venue; a signing is a meeting where it says where
    // ("signed a ceasefire in Geneva")
    // A building named as the venue in a sentence filed from a town ("PARIS (Wire) - Macron
    // received Haftar at the Elysee Palace") is a venue in that town (placed below)
    if ((e.subtype == "signing" || e.subtype == "briefing" || e.subtype == "reception") &&
        !venue_named(text, place) &&
        !(building_after(w, t) && dateline_place(s, toponyms) != nullptr))
        return nullptr;
    if (e.type == EventType::meeting && !venue_named(text, place) && idle_meeting_noun(w, t))
        return nullptr;
    // "TRIPOLI (Wire) - The Congress voted on Sunday to close the borders with ...": a sitting
    // whose sentence names no venue was held where the report was filed
    if (e.type == EventType::meeting && s.places_from > s.from && !seat &&
        (place == nullptr || !detail::located_at(text, *place))) {
        if (const Toponym* filed = dateline_place(s, toponyms); filed != nullptr) {
            place = filed;
            e.place = *filed;
            e.secondary_places = detail::secondary_places(s.from, s.to, toponyms, *filed);
            coordinated.clear();
        }
    }
    // no date of its own: the one the narrative last set, unless that is only the report's
    // own day (then it just happened, set_dates says how surely)
    if (date == nullptr && !t.in_passing && !t.recent && e.status != EventStatus::planned &&
        s.narrative != nullptr &&
        !(published && s.narrative->first == *published && s.narrative->last == *published)) {
        date = s.narrative;
    }
    detail::set_dates(e, date, published);
    if (told_as_background(text, date, e, published) ||
        ((e.type == EventType::clash || e.type == EventType::attack) && nth_day(w) == 0 &&
         (undated_continuation(w, t.end, date, s.from, s.to) ||
          undated_progressive(w, t.start, date, s.from, s.to)))) {
        return nullptr;
    }
    if (date != nullptr && date == s.narrative && published && date->last < *published &&
        told_as_later(w, t.start)) {
        // "in the days that followed, investigators found ...": after the narrative's date
        e.date_start = date->last.plus_days(1);
        e.date_end = published;
        e.time_precision = e.date_end->serial() - e.date_start->serial() < 7 ? TimePrecision::week
                                                                             : TimePrecision::month;
        e.date_assumed = true;
    }
    if (const int n = nth_day(w); n > 1 && (published || date != nullptr)) {
        // "fighting continued for a fourth day": the n days up to the sentence's own day, or
        // up to the report's when it names none
        const bool own = date != nullptr && date->start >= s.from && date->end <= s.to;
        const CivilDay end = own ? date->last : *published;
        e.date_start = end.plus_days(1 - n);
        e.date_end = end;
        e.time_precision = TimePrecision::day;
        e.date_assumed = !own;
    }
    date_by_distance(e, text, s, t, date, published);
    e.referred = t.recent;
    if (date == nullptr && t.recent && published) {
        // "recent clashes": some time in the two months before the report
        e.date_start = published->plus_days(-60);
        e.time_precision = TimePrecision::month;
    }
    e.actors = detail::sentence_actors(text, s.from, s.to, toponyms);
    e.fatalities = clause_fatalities(w, t, e.type);
    e.confidence = detail::event_confidence(t.strength, e.place, date != nullptr);
    // the event at the chosen place first: the listed ones must not take its place when a
    // later stage folds retellings into what came before
    out.push_back(e);
    for (const Toponym& other_place : coordinated) {
        Event other = e;
        other.place = other_place;
        other.another = true; // a separate event at each listed place
        out.push_back(std::move(other));
    }
    return date;
}

} // namespace

namespace detail {

std::vector<SentenceTrigger> sentence_triggers(std::string_view text, std::size_t from,
                                               std::size_t to,
                                               const std::vector<Toponym>& toponyms) {
    return triggers_of(text, words_of(text, from, to), from, to, toponyms);
}

std::size_t candidate_places_from(std::string_view text, std::size_t from, std::size_t to) {
    return places_start(text, words_of(text, from, to), from, to);
}

namespace {

/// Whether a distance ends right before byte `at` ("140 km south of": "km " before it).
bool distance_before(std::string_view text, std::size_t at) {
    std::size_t i = at;
    while (i > 0 && text[i - 1] == ' ')
        --i;
    for (std::string_view unit : {"km", "kilometres", "kilometers", "miles"}) {
        if (i >= unit.size() && text.substr(i - unit.size(), unit.size()) == unit)
            return true;
    }
    return false;
}

/// What the words before a mention say of it.
enum class PlaceCue {
    none,
    located,        ///< where it happened: "in X", "at X", "off the coast of X", "the ports of X"
    direction,      ///< "to X"
    origin,         ///< "from X": where someone or something came from
    reference,      ///< a reference point for the place before it: "Khoms, east of Tripoli"
    near_reference, ///< one for a locative phrase: "near the gas complex, east of Zuwara"
    seat,           ///< where an actor sits: "which sits in Tobruk", "based in Zawiya"
    home,           ///< where an actor comes from or is held: "fighters from Zintan", "a
                    ///< cleric jailed in the United States"
};

/// Whether the phrase that ends at the comma at byte `comma` (back to the comma or sentence
/// end before it) is a locative one: a preposition of place opens it or follows its verb
/// ("near the gas complex", "were kidnapped near the complex").
bool locative_phrase_before(std::string_view text, std::size_t comma) {
    std::size_t from = comma;
    while (from > 0 && text[from - 1] != ',' && text[from - 1] != '.' && text[from - 1] != '\n')
        --from;
    const std::string phrase = ascii_lower(text.substr(from, comma - from));
    const std::size_t a = phrase.find_first_not_of(' ');
    if (a == std::string::npos)
        return false;
    for (std::string_view p : {"near ", "in ", "at ", "outside ", "around ", "inside "}) {
        for (std::size_t k = phrase.find(p, a); k != std::string::npos; k = phrase.find(p, k + 1)) {
            if (k == a || phrase[k - 1] == ' ')
                return true;
        }
    }
    return false;
}

/// The word of letters that ends before byte `end` of `text` (spaces skipped), in lower case,
/// with the byte where it starts.
std::pair<std::string, std::size_t> lower_word_before(std::string_view text, std::size_t end) {
    std::size_t i = end;
    while (i > 0 && text[i - 1] == ' ')
        --i;
    std::size_t j = i;
    while (j > 0 && std::isalpha(static_cast<unsigned char>(text[j - 1])))
        --j;
    std::string w(text.substr(j, i - j));
    for (char& c : w)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return {w, j};
}

/// "brought to the Italian island of Lampedusa", "near the oil town of Brega", "seized the
/// town of Abu Grein": the word governing the phrase "the ... town of" whose noun starts at
/// byte `noun_at` (at most four words back), with where it starts; none when no preposition
/// or verb of place governs it.
std::optional<std::pair<std::string, std::size_t>> governing_settlement(std::string_view text,
                                                                        std::size_t noun_at) {
    static constexpr std::array<std::string_view, 19> kGoverning = {
        "across", "around",  "at",      "attacked", "captured", "entered", "from",
        "in",     "inside",  "into",    "near",     "off",      "outside", "overran",
        "seized", "shelled", "stormed", "to",       "visited"};
    static_assert(detail::sorted_unique(kGoverning));
    auto [w, j] = lower_word_before(text, noun_at);
    for (int k = 0; k < 4 && j > 0 && !w.empty(); ++k) {
        if (detail::in_words(kGoverning, w))
            return std::pair{w, j};
        std::tie(w, j) = lower_word_before(text, j); // "the", "eastern", "oil", "Italian"
    }
    return std::nullopt;
}

/// "from Misrata and Zawiya", "the ports of Brega, Ras Lanuf and Es Sider": where the list
/// that holds the name at bytes [start, stop) after its first begins (the byte of its first
/// name), or none when the name is no later member of a list of capitalised names.
std::optional<std::size_t> list_head(std::string_view text, std::size_t start, std::size_t stop) {
    const auto name_before = [&](std::size_t end) -> std::optional<std::size_t> {
        // up to four capitalised words ("Ras Lanuf", "Bani Walid", "Es Sider")
        std::optional<std::size_t> head;
        for (int k = 0; k < 4; ++k) {
            std::size_t i = end;
            while (i > 0 && text[i - 1] == ' ')
                --i;
            std::size_t j = i;
            while (j > 0 && (std::isalpha(static_cast<unsigned char>(text[j - 1])) != 0 ||
                             text[j - 1] == '-'))
                --j;
            if (j == i || std::isupper(static_cast<unsigned char>(text[j])) == 0 ||
                (j > 0 && text[j - 1] != ' '))
                break;
            head = j;
            end = j;
        }
        return head;
    };
    const auto [joiner, at] = lower_word_before(text, start);
    std::optional<std::size_t> head;
    if (joiner == "and" || joiner == "or") {
        head = name_before(at);
    } else {
        // a name inside the list ("Zliten" in "from Misrata, Zliten and Zawiya"): after a
        // comma and a name, and before another comma or "and" and a name
        std::size_t after = stop;
        while (after < text.size() && text[after] == ',')
            ++after;
        const std::string_view rest = text.substr(after);
        const std::size_t gap = rest.starts_with(" and ") || rest.starts_with(" or ")
                                    ? rest.find(' ', 1) + 1
                                    : (after > stop && rest.starts_with(' ') ? 1 : 0);
        if (gap == 0 || gap >= rest.size() ||
            std::isupper(static_cast<unsigned char>(rest[gap])) == 0)
            return std::nullopt;
        head = start;
    }
    // and the names before it, each after a comma
    for (int k = 0; head && k < 4; ++k) {
        std::size_t i = *head;
        while (i > 0 && text[i - 1] == ' ')
            --i;
        if (i == 0 || text[i - 1] != ',')
            break;
        const std::optional<std::size_t> earlier = name_before(i - 1);
        if (!earlier)
            break;
        head = earlier;
    }
    return head;
}

/// place_cue() of the mention `t` itself, not of the list it closes.
PlaceCue mention_cue(std::string_view text, const Toponym& t);

/// The list's first name when `t` is a later name of a list (list_head()), else none.
std::optional<Toponym> list_first(std::string_view text, const Toponym& t) {
    const std::optional<std::size_t> head = list_head(text, t.start, t.end);
    if (!head || *head >= t.start)
        return std::nullopt;
    Toponym first = t;
    first.start = *head;
    return first;
}

PlaceCue place_cue(std::string_view text, const Toponym& t) {
    // a name that closes a list ("from Misrata and Zawiya") is read as the list's first name
    const std::optional<Toponym> first = list_first(text, t);
    return mention_cue(text, first ? *first : t);
}

/// What the two words before a mention say of an actor, not of a happening: where it has its
/// seat ("the House, which sits in Tobruk", "a group based in Zawiya", "forces aligned with
/// the government in Tripoli"), where its people come from ("fighters from Zintan",
/// "delegates from Misrata") or where a person is held or was born ("a cleric jailed in the
/// United States", "born in Benghazi"), which no event type tells.
std::optional<PlaceCue> actor_cue(std::string_view before, std::string_view before2) {
    static constexpr std::array<std::string_view, 11> kSeated = {
        "administration", "authorities", "based",  "cabinet", "government", "governor",
        "headquartered",  "parliament",  "seated", "sit",     "sits"};
    static constexpr std::array<std::string_view, 5> kHeldOrBorn = {"born", "exiled", "imprisoned",
                                                                    "jailed", "raised"};
    static constexpr std::array<std::string_view, 12> kPeople = {
        "brigades",  "delegates",  "delegation", "fighters",  "forces",    "men",
        "militants", "militiamen", "militias",   "officials", "residents", "troops"};
    static_assert(detail::sorted_unique(kSeated) && detail::sorted_unique(kHeldOrBorn) &&
                  detail::sorted_unique(kPeople));
    if (before == "in" && detail::in_words(kSeated, before2))
        return PlaceCue::seat;
    if ((before == "in" && detail::in_words(kHeldOrBorn, before2)) ||
        (before == "from" && detail::in_words(kPeople, before2)))
        return PlaceCue::home;
    return std::nullopt;
}

PlaceCue mention_cue(std::string_view text, const Toponym& t) {
    // the words right before the mention: "in", "at", "near", "outside"
    const auto word_before = [&](std::size_t end) { return lower_word_before(text, end); };
    auto [before, at] = word_before(t.start);
    // "retook the old Tripoli International Airport", "in the former Gaddafi compound": an
    // adjective of a site's state between the article and the name
    static constexpr std::array<std::string_view, 8> kStates = {
        "besieged", "disused", "former", "key", "main", "new", "old", "strategic"};
    static_assert(detail::sorted_unique(kStates));
    if (detail::in_words(kStates, before) && at > 1) {
        auto article = word_before(at);
        if (article.first == "the")
            std::tie(before, at) = std::move(article);
    }
    if (before == "the" && at > 1)
        std::tie(before, at) = word_before(at); // "in the Abu Salim district"
    auto [before2, at2] = word_before(at);
    // the words that govern "the ... town of X" say what X is to the event, as they would of
    // X alone
    static constexpr std::array<std::string_view, 9> kSettlements = {
        "capital", "city", "island", "oasis", "port", "region", "town", "township", "village"};
    static_assert(detail::sorted_unique(kSettlements));
    if (before == "of" && detail::in_words(kSettlements, before2)) {
        if (const auto governing = governing_settlement(text, at2)) {
            std::tie(before, at) = *governing;
            std::tie(before2, at2) = word_before(at);
        }
    }
    // "Khoms, east of Tripoli": the direction phrase follows another place after a comma
    std::size_t c = at2 >= 1 && text[at2 - 1] == '-' ? at2 - 1 : at2; // "south-east"
    while (c > 0 && std::isalpha(static_cast<unsigned char>(text[c - 1])))
        --c;
    while (c > 0 && text[c - 1] == ' ')
        --c;
    const bool after_comma = c > 0 && text[c - 1] == ',';
    // "in X", "around X", "off the coast of Khoms", "on the outskirts of Tripoli": where it
    // happened
    const bool located_at =
        before == "in" || before == "at" || before == "near" || before == "outside" ||
        before == "across" || before == "inside" || before == "off" || before == "around" ||
        // "the last neighbourhood of Sirte", "the southern suburbs of Tripoli": a part of it
        (before == "of" &&
         (before2 == "neighbourhood" || before2 == "neighborhood" || before2 == "district" ||
          before2 == "suburbs" || before2 == "suburb" || before2 == "quarter")) ||
        (before == "of" && (before2 == "coast" || before2 == "outskirts" || before2 == "shores" ||
                            before2 == "centre" || before2 == "center" ||
                            // "the ports of Brega, Ras Lanuf and Es Sider"
                            before2 == "ports" || before2 == "port" || before2 == "terminals" ||
                            before2 == "towns" || before2 == "town" || before2 == "cities" ||
                            before2 == "city" || before2 == "villages" || before2 == "fields"));
    if (const std::optional<PlaceCue> actor = actor_cue(before, before2))
        return *actor;
    // "flew to Benghazi and met Haftar", "a visit to Tripoli": the journey's end is where
    // what the travellers then do happens
    const bool journey_to =
        (before == "to" || before == "into") &&
        (before2 == "flew" || before2 == "travelled" || before2 == "traveled" ||
         before2 == "went" || before2 == "came" || before2 == "headed" || before2 == "trip" ||
         before2 == "journey" || before2 == "visit" || before2 == "visits");
    // "visited Tripoli and Benghazi", "toured Sabha": a visit is where it went
    // (not "visited Libya, meeting X in Tripoli": a country visited holds the places named)
    const bool visited = (before == "visited" || before == "visiting" || before == "visits" ||
                          before == "visit" || before == "toured" || before == "touring") &&
                         t.precision < GeoPrecision::country;
    // "shelled Ras Lanuf and Es Sider", "stormed Gharyan": what an assault hits is its scene
    static constexpr std::array<std::string_view, 16> kAssailed = {
        "attacked", "attacking", "bombarded",  "bombed",  "captured", "entered",
        "overran",  "raided",    "recaptured", "retook",  "seized",   "shelled",
        "shelling", "stormed",   "struck",     "targeted"};
    static_assert(detail::sorted_unique(kAssailed));
    const bool assailed =
        t.precision < GeoPrecision::country && detail::in_words(kAssailed, before);
    if (located_at || journey_to || visited || assailed)
        return PlaceCue::located;
    // "to Tunisia", "pulled out towards Bani Walid": where someone went
    if (before == "to" || before == "towards" || before == "toward")
        return PlaceCue::direction;
    // "halted exports from the port of Zawiya", "output from the Sharara field": where the
    // output stops is the site
    if (before == "from" &&
        (before2 == "exports" || before2 == "output" || before2 == "production" ||
         before2 == "shipments" || before2 == "loadings" || before2 == "flows"))
        return PlaceCue::located;
    if (before == "from")
        return PlaceCue::origin;
    // "rallies in solidarity with Gaza", "a march in support of Palestine", "protests against
    // Turkey": what the event is for or against, not where it is
    if (before == "against" || ((before == "with" || before == "of" || before == "for") &&
                                (before2 == "solidarity" || before2 == "support"))) {
        return PlaceCue::reference;
    }
    if (before == "of" && (after_comma || distance_before(text, c)) &&
        (before2.ends_with("east") || before2.ends_with("west") || before2 == "north" ||
         before2 == "south" || before2 == "km" || before2 == "kilometres" || before2 == "miles")) {
        // "Khoms, east of Tripoli", "the base, 140 km south-west of Tripoli": a reference
        // point for the place named before it; where that is a locative phrase ("near the
        // gas complex, east of Zuwara"), the nearest place the text lets one map when the
        // phrase's own name is not known
        return after_comma && locative_phrase_before(text, c - 1) ? PlaceCue::near_reference
                                                                  : PlaceCue::reference;
    }
    return PlaceCue::none;
}

/// Whether `between` ends inside a clause one of `cues` opens (no ", " after the cue's last
/// occurrence closes it).
bool inside_clause_opened_by(std::string_view between,
                             std::initializer_list<std::string_view> cues) {
    for (const std::string_view cue : cues) {
        const std::size_t at = between.rfind(cue);
        if (at != std::string_view::npos &&
            between.find(", ", at + cue.size()) == std::string_view::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

/// Whether `between` (the text from an event's trigger to a place after it) opens another
/// clause that the place is in: "closed its crossings ... after fighters attacked posts in
/// Ben Guerdane", "the House, which sits in Tobruk", "shot dead X, a lawyer known for her work
/// in eastern Libya", "..., the NOC said in a statement issued in Tripoli": that place belongs to
/// the other clause's happening or to the telling. A relative clause or an apposition closed by a
/// comma before the place ("The closures, which began on Friday, cover the ports of Brega") does
/// not hold it.
bool subordinate_between(std::string_view between) {
    for (const std::string_view cue : {" after ", " when ", " because ", " said ", " told "}) {
        if (between.find(cue) != std::string_view::npos)
            return true;
    }
    // ", a lawyer known for her criticism of abuses in eastern Libya, in a busy street in
    // Benghazi": an apposition describes the noun before it, not where the event was
    return inside_clause_opened_by(between, {", which ", ", who ", ", a ", ", an "});
}

namespace {

/// A word naming a site at a place: "Ras Ajdir crossing", "the Jufra air base".
bool is_site_word(std::string_view w) {
    for (const std::string_view site :
         {"crossing", "checkpoint", "port", "airport", "border", "base", "airbase", "oilfield",
          "field", "terminal", "camp", "prison"}) {
        if (w == site)
            return true;
    }
    return false;
}

} // namespace

/// ", the last town in ", ", a coastal city in ": an appositive that says what the place before
/// it is and where that lies (up to five words, one a kind of place).
bool appositive_in(std::string_view gap) {
    if (!(gap.starts_with(", the ") || gap.starts_with(", a ") || gap.starts_with(", an ")) ||
        !gap.ends_with(" in "))
        return false;
    const std::string_view body = gap.substr(2, gap.size() - 6);
    if (body.find_first_of(",;:()\"") != std::string_view::npos ||
        std::count(body.begin(), body.end(), ' ') > 4)
        return false;
    for (std::size_t at = 0; at < body.size();) {
        const std::size_t end = std::min(body.find(' ', at), body.size());
        if (detail::in_words(kPlaceKinds, body.substr(at, end - at)))
            return true;
        at = end + 1;
    }
    return false;
}

bool contains_place_before(std::string_view text, const Toponym& inner, const Toponym& outer) {
    if (outer.start < inner.end || outer.kind == ToponymKind::demonym ||
        inner.kind == ToponymKind::demonym)
        return false;
    std::string_view gap = text.substr(inner.end, outer.start - inner.end);
    // "the Jufra air base in central Libya": a site of the inner place (at most two words,
    // the last a site word: "air base", "border crossing")
    GeoPrecision inner_precision = inner.precision;
    if (const std::size_t in = gap.find(" in"); in != std::string_view::npos && in > 0) {
        const std::string_view words = gap.substr(0, in);
        const std::size_t last = words.rfind(' ');
        if (std::count(words.begin(), words.end(), ' ') <= 2 && last != std::string_view::npos &&
            is_site_word(words.substr(last + 1))) {
            gap.remove_prefix(in);
            inner_precision = GeoPrecision::site;
        }
    }
    return outer.precision > inner_precision &&
           (gap == " in " || gap == " in the " || gap == ", in " || appositive_in(gap));
}

/// "Clinton, who flew in on a military aircraft from Malta, met Jalil": whether the place `t`
/// is inside a relative clause set off by commas that closes before the trigger at byte
/// `trigger_at`; it tells something of the subject, not where the trigger's event was. The
/// aside is looked for from `sentence_from`, where the sentence starts.
bool in_relative_aside(std::string_view text, const Toponym& t, std::size_t trigger_at,
                       std::size_t sentence_from) {
    if (trigger_at <= t.end || t.start < sentence_from)
        return false;
    // the place's sentence up to it (an aside spans no sentence end, nor a clause's ";")
    const std::string_view sentence = text.substr(sentence_from, t.start - sentence_from);
    const std::size_t stop = sentence.find_last_of(".;\n");
    const std::string_view before =
        stop == std::string_view::npos ? sentence : sentence.substr(stop + 1);
    // a relative clause, or an apposition that says who the subject is ("al-Kani, the militia
    // leader accused of killings in the town of Tarhuna, was shot dead"), closed by a comma
    // between the place and the trigger
    return inside_clause_opened_by(before,
                                   {", who ", ", which ", ", whose ", ", the ", ", a ", ", an "}) &&
           text.substr(t.end, trigger_at - t.end).find(',') != std::string_view::npos;
}

/// "a Misrata military official", "Zintan brigades", "the Sirte delegation", "Tunisia's
/// foreign ministry", "Egypt's consulate": the place `t` qualifies the people or the body
/// after it (one modifier such as "military" or "foreign" may stand between), telling whose
/// they are, not where the event was.
bool names_whose(std::string_view text, const Toponym& t) {
    static constexpr std::array<std::string_view, 34> kPeople = {
        "ambassador", "brigade",      "brigades",    "commander", "commanders", "consulate",
        "delegates",  "delegation",   "diplomats",   "elders",    "embassy",    "envoy",
        "envoys",     "fighters",     "forces",      "group",     "groups",     "lawmaker",
        "lawmakers",  "militia",      "militias",    "minister",  "ministers",  "ministry",
        "mission",    "notables",     "official",    "officials", "source",     "sources",
        "spokesman",  "spokesperson", "spokeswoman", "troops"};
    static constexpr std::array<std::string_view, 14> kModifiers = {
        "armed",      "army",     "contact", "council",  "defence", "defense",  "foreign",
        "government", "interior", "local",   "military", "police",  "security", "tribal"};
    static_assert(detail::sorted_unique(kPeople) && detail::sorted_unique(kModifiers));
    // "Tunisia's foreign ministry": the possessive of the place
    std::size_t at = past_possessive(text, t.end);
    for (int k = 0; k < 2; ++k) {
        if (at >= text.size() || text[at] != ' ')
            return false;
        ++at;
        std::size_t end = at;
        while (end < text.size() && std::islower(static_cast<unsigned char>(text[end])) != 0)
            ++end;
        const std::string_view word = text.substr(at, end - at);
        if (detail::in_words(kPeople, word))
            return true;
        if (!detail::in_words(kModifiers, word))
            return false; // "southern Libya by fighters from Zintan": no noun phrase of people
        at = end;
    }
    return false;
}

bool located_at(std::string_view text, const Toponym& t) {
    return place_cue(text, t) == PlaceCue::located;
}

bool reference_or_direction(std::string_view text, const Toponym& t) {
    const PlaceCue cue = place_cue(text, t);
    return cue == PlaceCue::reference || cue == PlaceCue::near_reference ||
           cue == PlaceCue::direction || cue == PlaceCue::origin;
}

namespace {

/// place_score() for a toponym whose cue (place_cue()) is known.
double scored_with_cue(std::string_view text, const Toponym& t, PlaceCue cue,
                       std::size_t trigger_at, EventType type);

} // namespace

double place_score(std::string_view text, const Toponym& t, std::size_t trigger_at,
                   EventType type) {
    return scored_with_cue(text, t, place_cue(text, t), trigger_at, type);
}

namespace {

double scored_with_cue(std::string_view text, const Toponym& t, PlaceCue cue,
                       std::size_t trigger_at, EventType type) {
    double s = t.confidence;
    if (where_clause_after(text, t, trigger_at))
        s += 1.0;
    switch (cue) {
    case PlaceCue::located:
        s += 1.0;
        break;
    case PlaceCue::direction:
        s += 0.4;
        break;
    case PlaceCue::origin:
    case PlaceCue::near_reference:
        break;
    case PlaceCue::reference:
        s -= 1.0;
        break;
    case PlaceCue::seat:
    case PlaceCue::home:
        s -= 0.5;
        break;
    case PlaceCue::none:
        break;
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
        const bool site = is_site_word(next); // "Salloum border crossing"
        if (site)
            s += 0.8;
        // the trigger itself is the site the name names: "the Ras Ajdir crossing reopened"
        // (not a verb: "delegates from Misrata met")
        if (site && a == trigger_at)
            s += 1.0;
    }
    // "gathered to denounce Israel's bombardment of Gaza": the place of another happening
    // the sentence names, not of this one (unless that noun is the trigger itself: "the
    // shelling of Tripoli")
    if (t.start > 4 && text.substr(t.start - 4, 4) == " of ") {
        std::size_t b = t.start - 4;
        std::size_t a = b;
        while (a > 0 && std::isalpha(static_cast<unsigned char>(text[a - 1])))
            --a;
        static constexpr std::array<std::string_view, 12> kHappenings = {
            "blockade",   "bombardment", "bombing", "capture",  "invasion", "liberation",
            "occupation", "shelling",    "siege",   "storming", "takeover", "war"};
        const std::string noun = ascii_lower(text.substr(a, b - a));
        static_assert(detail::sorted_unique(kHappenings));
        if (a != trigger_at && detail::in_words(kHappenings, noun))
            s -= 1.0;
    }
    // "the Tripoli-based government": where an actor sits, not where the event was
    if (text.substr(t.end, 6) == "-based")
        s -= 1.5;

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
    if (t.start > trigger_at && subordinate_between(text.substr(trigger_at, t.start - trigger_at)))
        s -= 1.5;
    const double distance =
        std::abs(static_cast<double>(t.start) - static_cast<double>(trigger_at));
    s -= std::min(0.5, distance / 400.0);
    return s;
}

} // namespace

// How much the learned probability (in [0, 1]) weighs against place_score()'s cues (an
// "in" before the name is worth 1): as much as one cue. Weights from 1 to 5 were tried on
// the development reports (event F1 0.482, 0.474, 0.483, 0.480); the simplest is kept.
constexpr double kLearnedPlaceWeight = 1.0;

std::size_t learned_trigger(const LearnedPlace* learned, std::size_t trigger_at) {
    return learned != nullptr ? learned->trigger_start : trigger_at;
}

const Toponym* best_place(std::string_view text, std::size_t places_from, std::size_t to,
                          const std::vector<Toponym>& toponyms, std::size_t trigger_at,
                          EventType type, const LearnedPlace* learned) {
    const Toponym* out = nullptr;
    double best = -1e9;
    // the locator's probabilities for the event word, read at the first place that asks
    std::optional<std::vector<LocationSpan>> learned_spans;
    // toponyms are in text order: start at the first one of the range
    auto it = std::lower_bound(toponyms.begin(), toponyms.end(), places_from,
                               [](const Toponym& t, std::size_t at) { return t.start < at; });
    for (; it != toponyms.end() && it->start < to; ++it) {
        const Toponym& t = *it;
        // "a Misrata military official said", "Zintan brigades": where people come from
        if (t.end > to || !t.position.is_valid() || names_whose(text, t) ||
            in_relative_aside(text, t, trigger_at,
                              learned != nullptr ? learned->sentence_from : 0)) {
            continue;
        }
        // "shells fired from Tarhuna hit the suburb": where something came from is not where
        // it happened (unless "where" opens the event's clause after it: "from Tunis, where
        // he had met"); an event with no other place takes the report's main place
        // "visited Misrata and Zliten": a later name of a list shares its first name's cue,
        // and the first is the event's place (the list stage adds the others)
        const std::optional<Toponym> first = list_first(text, t);
        const PlaceCue cue = mention_cue(text, first ? *first : t);
        // "fighters from Misrata entered the outskirts": where the actors come from is not
        // where they fought either
        if ((cue == PlaceCue::origin || cue == PlaceCue::home) &&
            !where_clause_after(text, t, trigger_at))
            continue;
        double sc = scored_with_cue(text, t, cue, trigger_at, type);
        if (first && cue != PlaceCue::none)
            sc -= 0.5;
        // "the town of al-Fuqaha in central Libya": the coarser place says where the finer one
        // lies; the event is at the finer one, which takes the "in" the coarser one stands after
        if (std::next(it) != toponyms.end() && contains_place_before(text, t, *std::next(it)) &&
            cue == PlaceCue::none) {
            sc += 1.0;
        }
        if (it != toponyms.begin() && contains_place_before(text, *std::prev(it), t))
            sc -= 1.0;

        // the locator reads 500 bytes on each side of the event word: beyond, it says 0
        const bool near_trigger = t.end + 500 >= learned_trigger(learned, trigger_at) &&
                                  t.start <= learned_trigger(learned, trigger_at) + 500;
        if (learned != nullptr && learned->locator != nullptr && near_trigger) {
            if (!learned_spans) {
                learned_spans = learned->locator->place_probabilities(
                    text, learned->sentence_from, learned->sentence_to, learned->trigger_start,
                    learned->trigger_end, *learned->toponyms, learned->gazetteer);
            }
            sc += kLearnedPlaceWeight * EventLocator::probability_of(*learned_spans, t);
        }
        if (sc > best) {
            best = sc;
            out = &t;
        }
    }
    return out;
}

std::vector<std::string> secondary_places(std::size_t from, std::size_t to,
                                          const std::vector<Toponym>& toponyms,
                                          const Toponym& place) {
    std::vector<std::string> out;
    for (const Toponym& t : toponyms) {
        if (t.start >= from && t.end <= to && t.start != place.start &&
            t.kind != ToponymKind::demonym) {
            out.push_back(t.name.empty() ? t.text : t.name);
        }
    }
    return out;
}

namespace {

/// Whether `gap` (the text between two places) joins two items of one list: ", ", " and ",
/// ", and ", with any items the gazetteer could not place between them ("Ras Lanuf, Es Sider,
/// Zueitina": capitalised runs of up to four words).
bool list_gap(std::string_view gap) {
    const auto separator = [](std::string_view g, std::size_t& i) {
        // "in Tripoli and in Misrata": the preposition may be said again
        for (const std::string_view sep :
             {", and in ", " and in ", ", and at ", " and at ", ", in ", ", and ", " and ", ", "}) {
            if (g.substr(i, sep.size()) == sep) {
                i += sep.size();
                return true;
            }
        }
        return false;
    };
    std::size_t i = 0;
    if (!separator(gap, i))
        return false;
    while (i < gap.size()) {
        // an unplaced item: capitalised words ("Es Sider", "Al-Sidra"), then a separator
        int words = 0;
        while (i < gap.size() && std::isupper(static_cast<unsigned char>(gap[i])) && words < 4) {
            while (i < gap.size() && gap[i] != ' ' && gap[i] != ',')
                ++i;
            ++words;
            if (i < gap.size() && gap[i] == ' ' && i + 1 < gap.size() &&
                std::isupper(static_cast<unsigned char>(gap[i + 1]))) {
                ++i;
            }
        }
        if (words == 0 || !separator(gap, i))
            return false;
    }
    return true;
}

/// "meeting Dbeibah in Tripoli and the eastern commander Khalifa Haftar in Benghazi": one act
/// at two places, each said with the person or group met there and "in" again. `gap` is
/// " and ", at most seven words ending with a capitalised name, and " in ".
bool parallel_gap(std::string_view gap) {
    if (!gap.starts_with(" and ") || !gap.ends_with(" in ") || gap.size() < 10)
        return false;
    const std::string_view middle = gap.substr(5, gap.size() - 9);
    if (middle.find_first_of(",;:.()\"") != std::string_view::npos ||
        std::count(middle.begin(), middle.end(), ' ') > 6)
        return false;
    const std::size_t last = middle.rfind(' ');
    const char first_of_last = middle[last == std::string_view::npos ? 0 : last + 1];
    return std::isupper(static_cast<unsigned char>(first_of_last)) != 0;
}

} // namespace

std::vector<Toponym> coordinated_places(std::string_view text, std::size_t to,
                                        const std::vector<Toponym>& toponyms,
                                        const Toponym& place) {
    std::vector<Toponym> out;
    // the list `place` is in: back to its first item, then forward to its last
    auto at = std::find_if(toponyms.begin(), toponyms.end(),
                           [&](const Toponym& t) { return t.start == place.start; });
    if (at == toponyms.end())
        return out;
    // whether a place follows `b` in the same list ("..., Es Sider, Zueitina and Hariga")
    const auto listed_on = [&](const Toponym& b) {
        const auto next = std::find_if(toponyms.begin(), toponyms.end(),
                                       [&](const Toponym& t) { return t.start >= b.end; });
        return next != toponyms.end() && next->end <= to &&
               list_gap(text.substr(b.end, next->start - b.end));
    };
    const auto joined = [&](const Toponym& a, const Toponym& b) {
        const std::string_view gap = text.substr(a.end, b.start - a.end);
        // "Valletta, Malta": a coarser place after a bare comma says where the first one is,
        // unless the list goes on after it
        if (gap == ", " && b.precision > a.precision && !listed_on(b))
            return false;
        return b.start > a.end && b.end <= to && b.kind == ToponymKind::place &&
               (list_gap(gap) || parallel_gap(gap));
    };
    auto head = at;
    while (head != toponyms.begin() && joined(*std::prev(head), *head))
        --head;
    // only for places the event is located at ("in X and Y", "the ports of X, Y and Z"), not
    // origins ("from X, Y"): the cue stands before the list's first item
    if (place_cue(text, *head) != PlaceCue::located)
        return out;
    for (auto it = head; it != toponyms.end(); ++it) {
        if (it != head && !joined(*std::prev(it), *it))
            break;
        if (it != at && it->kind == ToponymKind::place)
            out.push_back(*it);
    }
    return out;
}

namespace {

/// Whether `between` (the text from a trigger to a date after it) enters a clause that
/// "that" opens after a verb of telling, deciding or agreeing, before the trigger (`before`,
/// from the sentence's start) or right before "that": what was told ("told the council's
/// meeting in New York that the amendment approved at a session in Benghazi on 7 February was
/// contested"). Not "car bombs that exploded on 13 November".
bool reported_clause_between(std::string_view before, std::string_view between) {
    static constexpr std::array<std::string_view, 12> kTelling = {
        "added", "agreed", "announced", "confirmed", "decided", "noted",
        "said",  "says",   "stressed",  "tell",      "told",    "warned"};
    static_assert(detail::sorted_unique(kTelling));
    const auto telling_in = [](std::string_view s) {
        return std::any_of(kTelling.begin(), kTelling.end(), [&](std::string_view v) {
            const std::size_t at = s.find(v);
            return at != std::string_view::npos && (at == 0 || s[at - 1] == ' ') &&
                   (at + v.size() == s.size() || s[at + v.size()] == ' ');
        });
    };
    for (std::size_t at = between.find(" that "); at != std::string_view::npos;
         at = between.find(" that ", at + 1)) {
        std::size_t b = at;
        while (b > 0 && std::isalpha(static_cast<unsigned char>(between[b - 1])) != 0)
            --b;
        const std::string_view word = between.substr(b, at - b);
        // (a trigger already inside what was told: "said that ... shelled in a war that
        // began a year ago" is a relative "that")
        if (detail::in_words(kTelling, word) ||
            (telling_in(before) && before.find(" that ") == std::string_view::npos))
            return true;
    }
    return false;
}

/// Whether `between` (the text from a trigger to a date after it) enters a relative clause
/// the date is in: "hand power to the government of Fathi Bashagha, which was approved by the
/// House in March": that date is the clause's.
bool relative_clause_between(std::string_view between) {
    return inside_clause_opened_by(between, {", which ", ", who ", ", where "});
}

} // namespace

namespace {

/// Whether `trigger_at` is inside the noun phrase an attributive year opens (no punctuation
/// and at most three words between them).
bool heads_noun_phrase(std::string_view text, const Timex& t, std::size_t trigger_at) {
    if (trigger_at < t.end)
        return false;
    const std::string_view between = text.substr(t.end, trigger_at - t.end);
    return between.find_first_of(",;:.()\"") == std::string_view::npos &&
           std::count(between.begin(), between.end(), ' ') <= 3;
}

} // namespace

const Timex* governing_date(std::string_view text, std::size_t from, std::size_t to,
                            std::size_t places_from, const std::vector<Timex>& timexes,
                            std::size_t trigger_at, bool look_back) {
    // the expressions starting at or after `at`, in text order (timexes are sorted)
    const auto starting_at = [&](std::size_t at) {
        return std::lower_bound(timexes.begin(), timexes.end(), at,
                                [](const Timex& t, std::size_t pos) { return t.start < pos; });
    };
    // the sentence's expression nearest the trigger
    const Timex* date = nullptr;
    // nearest, but a date before the trigger with a comma between (a clause or an apposition
    // of its own) only after any other: "X, a lawyer who called for protests in 2011, was shot
    // dead in Benghazi on Friday"
    const auto distance = [&](const Timex& t) {
        const bool apart =
            t.end < trigger_at &&
            text.substr(t.end, trigger_at - t.end).find_first_of(",;") != std::string_view::npos;
        return std::llabs(static_cast<long long>(t.start) - static_cast<long long>(trigger_at)) +
               (apart ? 100000LL : 0LL);
    };
    for (auto it = starting_at(places_from); it != timexes.end() && it->start < to; ++it) {
        if (it->end > to || it->type == TimexType::duration ||
            (it->start > trigger_at &&
             (relative_clause_between(text.substr(trigger_at, it->start - trigger_at)) ||
              reported_clause_between(text.substr(from, trigger_at - std::min(from, trigger_at)),
                                      text.substr(trigger_at, it->start - trigger_at)))) ||
            (it->attributive && !heads_noun_phrase(text, *it, trigger_at))) {
            continue;
        }
        if (date == nullptr || distance(*it) < distance(*date))
            date = &*it;
    }
    if (date != nullptr || !look_back || from == 0 || text[from - 1] == '\n')
        return date;
    // no date of its own: the last one of the sentence before, in the same paragraph
    std::size_t prev_from = from - 1;
    while (prev_from > 0 && text[prev_from - 1] != '\n' &&
           !(prev_from >= 2 &&
             (text[prev_from - 2] == '.' || text[prev_from - 2] == '!' ||
              text[prev_from - 2] == '?') &&
             text[prev_from - 1] == ' ')) {
        --prev_from;
    }
    for (auto it = starting_at(prev_from); it != timexes.end() && it->end <= from; ++it) {
        // "since August 2023" sets no date for the next sentence
        if (it->type != TimexType::duration && !it->open_end && !it->open_start &&
            !it->attributive) {
            date = &*it;
        }
    }
    return date;
}

const Timex* NarrativeDate::before(std::size_t before) {
    for (; m_next < m_timexes.size() && m_timexes[m_next].end <= before; ++m_next) {
        const Timex& t = m_timexes[m_next];
        const bool fine = t.precision == TimePrecision::time || t.precision == TimePrecision::day ||
                          t.precision == TimePrecision::week;
        if (fine && (t.type == TimexType::date || t.type == TimexType::time) && !t.open_end &&
            !t.open_start && (!m_published || t.first <= *m_published)) {
            m_last = &t;
        }
    }
    return m_last;
}

bool background_date(const Timex& date, const std::optional<CivilDay>& published) {
    const bool coarse =
        date.precision == TimePrecision::year || date.precision == TimePrecision::decade;
    // "since 2011" runs to today; the event it can date is its start
    const int year = date.open_end ? date.first.year : date.last.year;
    return published && coarse && year < published->year;
}

bool superlative_since(std::string_view text, const Timex& since) {
    std::size_t e = since.start;
    while (e > 0 && text[e - 1] == ' ')
        --e;
    std::size_t b = e;
    while (b > 0 && std::isalpha(static_cast<unsigned char>(text[b - 1])) != 0)
        --b;
    std::string before(text.substr(b, e - b));
    std::transform(before.begin(), before.end(), before.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return (before.size() > 4 && before.ends_with("est")) || before == "worst" || before == "first";
}

bool campaign_before(const Timex& since, const std::optional<CivilDay>& published) {
    return published && since.first.serial() + kCampaignDays < published->serial();
}

bool history_before(const Event& e, const std::optional<CivilDay>& published) {
    return published && e.date_end && e.date_end->serial() + kHistoryDays < published->serial();
}

void set_dates(Event& e, const Timex* date, const std::optional<CivilDay>& published) {
    e.date_assumed = false;
    if (date == nullptr) {
        e.date_start = std::nullopt;
        e.date_end = published;
        e.time_precision = std::nullopt;
        if (!published)
            return;
        e.date_assumed = true;
        if (e.status == EventStatus::planned) {
            e.date_start = published;
            e.date_end = published->plus_days(29);
            e.time_precision = TimePrecision::month;
        } else {
            e.date_start = published->plus_days(-6); // just happened: within the week
            e.time_precision = TimePrecision::week;
        }
        return;
    }
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
}

EventStatus sentence_status(std::string_view sentence, std::string_view trigger_words,
                            bool dated_after_publication) {
    return status_of(words_of(sentence, 0, sentence.size()), trigger_words,
                     dated_after_publication);
}

std::optional<int> sentence_fatalities(std::string_view sentence, EventType type) {
    return fatalities_of(words_of(sentence, 0, sentence.size()), type);
}

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

std::vector<std::string> sentence_actors(std::string_view text, std::size_t from, std::size_t to,
                                         const std::vector<Toponym>& toponyms) {
    std::vector<std::string> out = actors_of(text, from, to);
    // a dateline's capitalised place ("SKHIRAT, Morocco") is a place, not an actor
    std::erase_if(out, [&](const std::string& actor) {
        return std::any_of(toponyms.begin(), toponyms.end(), [&](const Toponym& t) {
            return mention_key(t.text) == mention_key(actor);
        });
    });
    return out;
}

double event_confidence(double trigger_strength, const std::optional<Toponym>& place, bool dated) {
    return std::clamp(trigger_strength * (place ? 0.6 + 0.4 * place->confidence : 0.4) *
                          (dated ? 1.0 : 0.85),
                      0.0, 1.0);
}

LineKind line_kind(std::string_view text, std::size_t from, std::size_t to) {
    std::size_t end = to;
    while (end > from && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\r'))
        --end;
    if (end == from)
        return LineKind::other;
    const char last = text[end - 1];
    // a sentence ends as prose does (a quote may close it: '... he said."')
    if (last == '.' || last == '!' || last == '?' || last == '"' || last == ')' ||
        text.substr(0, end).ends_with("\xE2\x80\x9D")) {
        return LineKind::sentence;
    }
    // a line of its own with no end mark, of three words or more: a title
    const bool line_start = from == 0 || text[from - 1] == '\n';
    const bool line_end = end == text.size() || text[end] == '\n' || text[end] == '\r';
    const bool ends_word = std::isalnum(static_cast<unsigned char>(last)) != 0 ||
                           static_cast<unsigned char>(last) >= 0x80;
    return line_start && line_end && ends_word &&
                   std::count(text.begin() + static_cast<std::ptrdiff_t>(from),
                              text.begin() + static_cast<std::ptrdiff_t>(end), ' ') >= 2
               ? LineKind::title
               : LineKind::other;
}

bool tells_a_story(std::string_view text) {
    const std::vector<TextSpan> spans = sentences_of(text);
    return std::any_of(spans.begin(), spans.end(), [&](const TextSpan& s) {
        return line_kind(text, s.begin, s.end) == LineKind::sentence;
    });
}

void fold_headline(std::vector<Event>& events, std::size_t headline_to) {
    if (headline_to == 0)
        return;
    const auto in_headline = [&](const Event& e) { return e.evidence_start < headline_to; };
    std::vector<bool> told_by_story(events.size(), false);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& h = events[i];
        if (!in_headline(h))
            continue;
        const auto told = std::find_if(events.begin(), events.end(), [&](const Event& b) {
            return !in_headline(b) && b.type == h.type && b.place;
        });
        if (told == events.end())
            continue;
        told_by_story[i] = true;
        if (!told->fatalities)
            told->fatalities = h.fatalities;
        // the same place named twice: the finer name ("Benghazi" in the headline, a
        // district the gazetteer knows only as a region in the story)
        if (h.place && distance_km(h.place->position, told->place->position) <= 25 &&
            h.place->precision <= told->place->precision) {
            told->place = h.place;
        }
    }
    // the story tells the headline's events with their own place and date; a type only the
    // headline has ("Gunfire used to disperse protest") is another word for one of them,
    // unless the story has no event at all
    const bool story_has_events =
        std::any_of(events.begin(), events.end(), [&](const Event& e) { return !in_headline(e); });
    std::size_t i = 0;
    std::erase_if(events, [&](const Event& e) {
        const bool told = told_by_story[i++];
        return in_headline(e) && (told || story_has_events);
    });
}

void drop_bodies_of_wrecks(std::vector<Event>& events) {
    const bool wreck = std::any_of(events.begin(), events.end(),
                                   [](const Event& e) { return e.type == EventType::migration; });
    if (!wreck)
        return;
    std::erase_if(events, [](const Event& e) {
        return e.type == EventType::mass_grave && e.subtype == "bodies found";
    });
}

namespace {

/// Whether `day` is in the week before `published` (the report's day included): a
/// happening the report tells as its news.
bool in_week_before(CivilDay day, CivilDay published) {
    const std::int64_t age = published.serial() - day.serial();
    return age >= 0 && age <= 7;
}

} // namespace

bool fresh_cause(std::string_view text, const SentenceTrigger& t, std::size_t sentence_to,
                 const std::vector<Timex>& timexes, const std::vector<Toponym>& toponyms,
                 const std::optional<CivilDay>& published) {
    if (!published)
        return false;
    // "the clashes came ten days after militiamen fired on protesters in Tripoli": dated by
    // its distance from the news, within about three months; what came after "after" is
    // the happening's, past an aside ("after Macron met Serraj, head of the government in
    // Tripoli, in Paris on May 8")
    const std::optional<TimeBefore>& before = t.came_after;
    // the clause after the trigger, up to the next comma or the sentence's end
    std::size_t clause_end = before ? sentence_to : text.find(',', t.end);
    if (clause_end == std::string_view::npos || clause_end > sentence_to)
        clause_end = sentence_to;
    const bool dated_before =
        before && (before->unit == TimePrecision::day    ? before->count <= 92
                   : before->unit == TimePrecision::week ? before->count <= 13
                                                         : before->count <= 3);
    const bool dated =
        dated_before || std::any_of(timexes.begin(), timexes.end(), [&](const Timex& x) {
            return x.start >= t.end && x.end <= clause_end && x.precision == TimePrecision::day &&
                   !x.open_start && !x.open_end && in_week_before(x.last, *published);
        });
    return dated && std::any_of(toponyms.begin(), toponyms.end(), [&](const Toponym& p) {
               return p.start >= t.end && p.end <= clause_end && located_at(text, p);
           });
}

void keep_news_of_commentary(std::vector<Event>& events, PageGenre genre,
                             const std::optional<CivilDay>& published) {
    if (genre == PageGenre::news)
        return;
    std::erase_if(events, [&](const Event& e) {
        return !(e.time_precision == TimePrecision::day && !e.date_assumed && e.date_end &&
                 published && in_week_before(*e.date_end, *published));
    });
}

void drop_visits_to_border_sites(std::vector<Event>& events) {
    std::vector<std::size_t> border_sentences;
    for (const Event& e : events) {
        if (e.type == EventType::border)
            border_sentences.push_back(e.evidence_start);
    }
    std::erase_if(events, [&](const Event& e) {
        return e.type == EventType::meeting && e.subtype == "visit" &&
               std::find(border_sentences.begin(), border_sentences.end(), e.evidence_start) !=
                   border_sentences.end();
    });
}

std::optional<Toponym> main_place_of(const std::vector<Toponym>& toponyms) {
    std::vector<std::pair<std::string, int>> counts; // in halves // in order of first mention
    for (const Toponym& t : toponyms) {
        const bool off_town = t.feature == "H.SEA" && t.precision == GeoPrecision::town;
        if ((t.kind != ToponymKind::place && !off_town) || !t.position.is_valid() ||
            (t.precision != GeoPrecision::town && t.precision != GeoPrecision::district &&
             t.precision != GeoPrecision::site)) {
            continue;
        }
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto& c) { return c.first == t.name; });
        // a name in capitals (a dateline: where the report was filed) counts half
        const bool capitals = std::none_of(t.text.begin(), t.text.end(), [](char c) {
            return std::islower(static_cast<unsigned char>(c)) != 0;
        });
        const int weight = capitals ? 1 : 2;
        if (it == counts.end())
            counts.emplace_back(t.name, weight);
        else
            it->second += weight;
    }
    const std::string* most = nullptr;
    int best = 0;
    for (const auto& [name, n] : counts) {
        if (n > best) {
            best = n;
            most = &name;
        }
    }
    if (most == nullptr)
        return std::nullopt;
    const auto first = std::find_if(toponyms.begin(), toponyms.end(),
                                    [&](const Toponym& t) { return t.name == *most; });
    return *first;
}

namespace {

/// A boat wrecked, intercepted or rescued: a migration event that happened at sea.
bool boat_at_sea(const Event& e) {
    return e.type == EventType::migration &&
           (e.subtype == "shipwreck" || e.subtype == "interception" || e.subtype == "rescue");
}

/// Whether the boat of a wreck set out from the place that starts at byte `at`: "left X",
/// "leaving X", "departed (from) X", "set sail from X", "sailed from X".
bool departure_before(std::string_view text, std::size_t at) {
    const std::string before = ascii_lower(text.substr(at >= 40 ? at - 40 : 0, at >= 40 ? 40 : at));
    for (std::string_view cue : {" left ", " leaving ", " departed ", " departed from ",
                                 " set sail from ", " sailed from ", " set off from ",
                                 " set out from ", " departing from ", " launched from "}) {
        if (before.ends_with(cue))
            return true;
    }
    return false;
}

} // namespace

void put_wrecks_off_their_port(std::vector<Event>& events, std::string_view text,
                               const std::vector<Toponym>& toponyms) {
    // most reports tell no boat: they need no reading of the words before every place
    if (std::none_of(events.begin(), events.end(), boat_at_sea))
        return;
    const auto port = [&](const Toponym& t) {
        return t.kind == ToponymKind::place && t.precision <= GeoPrecision::town &&
               departure_before(text, t.start);
    };
    // the one port the report says a boat left, if it names a single one
    const Toponym* only_port = nullptr;
    for (const Toponym& t : toponyms) {
        if (!port(t))
            continue;
        if (only_port != nullptr && only_port->name != t.name) {
            only_port = nullptr;
            break;
        }
        only_port = &t;
    }
    for (Event& e : events) {
        const bool coarse =
            !e.place || e.inherited_place || e.place->precision >= GeoPrecision::region;
        if (!boat_at_sea(e) || !coarse || e.referred)
            continue;
        // the port its own sentence names first, else the report's only one
        const auto own = std::find_if(toponyms.begin(), toponyms.end(), [&](const Toponym& t) {
            return t.start >= e.evidence_start && t.end <= e.evidence_end && port(t);
        });
        // (the report's port only for a sea or a country the text names: an event with no
        // place of its own, "It sank in the early morning", retells one told before)
        const bool named_coarse =
            e.place && !e.inherited_place && e.place->precision >= GeoPrecision::region;
        const Toponym* left = own != toponyms.end() ? &*own : named_coarse ? only_port : nullptr;
        if (left == nullptr)
            continue;
        if (e.place)
            e.secondary_places.push_back(e.place->text);
        e.place = *left;
        e.inherited_place = own == toponyms.end();
    }
}

void put_wrecks_at_sea(std::vector<Event>& events, const std::optional<Toponym>& waters,
                       const Gazetteer* gazetteer) {
    for (Event& e : events) {
        if (!boat_at_sea(e) || !e.place || e.place->precision != GeoPrecision::country ||
            e.referred)
            continue;
        std::optional<Toponym> site;
        if (waters && waters->country == e.place->country)
            site = waters;
        else if (gazetteer != nullptr)
            site = waters_off_country(*gazetteer, *e.place);
        if (!site)
            continue;
        e.secondary_places.push_back(e.place->text);
        e.place = std::move(site);
        e.inherited_place = true;
    }
}

void inherit_main_place(std::vector<Event>& events, const std::optional<Toponym>& main_place,
                        const std::optional<Toponym>& waters) {
    if (!main_place)
        return;
    for (Event& e : events) {
        // "drown off Libya" in a report from Khums: the waters off the report's coastal town
        if (waters && e.place && e.place->feature == "H.SEA" &&
            e.place->precision >= GeoPrecision::region && e.place->country == waters->country &&
            !e.referred) {
            e.secondary_places.push_back(e.place->text);
            e.place = waters;
            e.inherited_place = true;
            continue;
        }
        const bool coarse = !e.place || e.place->kind == ToponymKind::demonym ||
                            e.place->precision == GeoPrecision::country ||
                            e.place->precision == GeoPrecision::continent;
        // an event referred to happened elsewhere as likely as here; a country other than
        // the main place's is no coarse name for it ("ministers met in Luxembourg")
        const bool other_country = e.place && e.place->kind == ToponymKind::place &&
                                   e.place->precision == GeoPrecision::country &&
                                   !e.place->country.empty() && !main_place->country.empty() &&
                                   e.place->country != main_place->country;
        if (!coarse || e.type == EventType::border || e.referred || other_country)
            continue;
        if (e.place)
            e.secondary_places.push_back(e.place->text);
        e.place = main_place;
        e.inherited_place = true;
        e.confidence *= 0.8;
    }
}

void place_borders_at_sites(std::vector<Event>& events, std::string_view text,
                            const std::vector<Toponym>& toponyms) {
    // a border post, or a place the text calls a crossing ("Ras Ajdir, the main crossing")
    const auto called_crossing = [&](const Toponym& t) {
        const std::string_view after =
            text.substr(t.end, std::min<std::size_t>(32, text.size() - t.end));
        const std::string_view clause = after.substr(0, after.find_first_of(".;\n"));
        return clause.find("crossing") != std::string_view::npos ||
               clause.find("border post") != std::string_view::npos;
    };
    const auto site = std::find_if(toponyms.begin(), toponyms.end(), [&](const Toponym& t) {
        return t.kind == ToponymKind::place && t.precision != GeoPrecision::country &&
               (t.feature == "S.PSTB" || called_crossing(t));
    });
    if (site == toponyms.end())
        return;
    for (Event& e : events) {
        const bool coarse = e.place && (e.place->kind == ToponymKind::demonym ||
                                        e.place->precision == GeoPrecision::country);
        if (e.type != EventType::border || !coarse)
            continue;
        e.secondary_places.push_back(e.place->text);
        e.place = *site;
        e.inherited_place = true;
    }
}

Retelling retelling_of(const Event& earlier, const Event& later) {
    const Event& m = earlier;
    const Event& e = later;
    if (m.type != e.type || !m.place || !e.place)
        return Retelling::none;
    if (e.fatalities && m.fatalities && *e.fatalities != *m.fatalities)
        return Retelling::none;
    if (e.anaphoric)
        return Retelling::anaphoric;
    // the headline tells the story's event again, in fewer words
    const bool headline = m.evidence_start == 0;
    const bool same_place =
        e.inherited_place || (distance_km(m.place->position, e.place->position) <= 25 &&
                              (m.inherited_place || headline || m.place->name == e.place->name));
    if (headline && same_place)
        return Retelling::headline;
    const bool undated = !e.time_precision || !m.time_precision || e.date_assumed || m.date_assumed;
    const bool same_dates = e.date_start && m.date_start && *e.date_start == *m.date_start;
    return same_place && (undated || same_dates) ? Retelling::same : Retelling::none;
}

namespace {

/// Whether `e`, told again, has a date the text states where `m` has none or only an
/// assumed one.
bool stated_date_fills(const Event& m, const Event& e) {
    return (!m.time_precision || m.date_assumed) && e.time_precision && !e.date_assumed;
}

/// "the meeting", "his killing": the event already told. Its date fills a gap but never
/// overrides one ("his killing ... the deadliest since August 2023"); a headline gets the
/// story's sentence as its evidence.
void fold_anaphoric(Event& m, const Event& e) {
    if (e.fatalities && !m.fatalities)
        m.fatalities = e.fatalities;
    if (stated_date_fills(m, e)) {
        m.date_start = e.date_start;
        m.date_end = e.date_end;
        m.time_precision = e.time_precision;
        m.date_assumed = false;
    }
    // the first telling named no place of its own ("Exports came to a standstill"): the
    // retelling says where ("The closures cover the ports of Brega, ...")
    if (m.inherited_place && e.place && !e.inherited_place) {
        m.place = e.place;
        m.inherited_place = false;
    }
    if (m.evidence_start == 0) { // a headline: the story's sentence is the evidence
        m.evidence = e.evidence;
        m.evidence_start = e.evidence_start;
        m.evidence_end = e.evidence_end;
        if (e.place && e.place->precision < m.place->precision)
            m.place = e.place;
    }
}

/// The story's sentence tells the headline's event in full: its finer place, its date and
/// status, its death toll and its evidence replace the headline's.
void fold_into_headline(Event& m, const Event& e) {
    if (e.place->precision < m.place->precision)
        m.place = e.place;
    if (e.date_start && (!e.date_assumed || m.date_assumed || !m.time_precision)) {
        m.date_start = e.date_start;
        m.date_end = e.date_end;
        m.time_precision = e.time_precision;
        m.date_assumed = e.date_assumed;
        m.status = e.status;
    }
    if (e.fatalities)
        m.fatalities = e.fatalities;
    m.evidence = e.evidence;
    m.evidence_start = e.evidence_start;
    m.evidence_end = e.evidence_end;
}

/// The same event told again: a named place replaces an inherited one, a date fills a gap,
/// a death toll too, and the higher confidence wins.
void fold_same(Event& m, const Event& e) {
    if (m.inherited_place && !e.inherited_place) {
        m.place = e.place;
        m.inherited_place = false;
    }
    if (stated_date_fills(m, e)) {
        m.date_start = e.date_start;
        m.date_end = e.date_end;
        m.time_precision = e.time_precision;
        m.date_assumed = false;
        m.status = e.status;
    }
    if (e.fatalities && !m.fatalities)
        m.fatalities = e.fatalities;
    m.confidence = std::max(m.confidence, e.confidence);
}

} // namespace

void fold_retelling(Event& earlier, const Event& later, Retelling how) {
    switch (how) {
    case Retelling::none:
        break;
    case Retelling::anaphoric:
        fold_anaphoric(earlier, later);
        break;
    case Retelling::headline:
        fold_into_headline(earlier, later);
        break;
    case Retelling::same:
        fold_same(earlier, later);
        break;
    }
}

namespace {

/// Types one violent happening is told as in turn ("the attack", "the fighting", "his
/// killing").
bool violent(EventType t) {
    return t == EventType::attack || t == EventType::clash || t == EventType::killing;
}

/// Whether `attack`, told right after `killing`, is the way that killing was done: a plain
/// attack ("opened fire", "attacked") whose sentence names no place (it inherited one) and
/// states no other day.
bool told_how_killed(const Event& killing, const Event& attack) {
    if (killing.type != EventType::killing || attack.type != EventType::attack ||
        attack.subtype != "attack" || !attack.inherited_place || attack.fatalities) {
        return false;
    }
    return attack.date_assumed || !attack.time_precision ||
           (attack.date_start == killing.date_start && attack.date_end == killing.date_end);
}

/// "Security forces opened fire on the crowd", "shooting broke out": gunfire told at a protest
/// told before, at its place (25 km) and on its days, is the force the protest met, not a
/// fight or an attack of its own.
bool fire_at_protest(const Event& protest, const Event& fire) {
    if (protest.type != EventType::protest ||
        (fire.type != EventType::clash && fire.type != EventType::attack) || !protest.place ||
        !fire.place || !protest.date_end || !fire.date_end || !protest.date_start ||
        !fire.date_start) {
        return false;
    }
    std::string trigger = fire.trigger;
    std::transform(trigger.begin(), trigger.end(), trigger.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool gunfire = trigger == "gunfire" || trigger == "shooting" ||
                         trigger == "opened fire" || trigger == "shots" || trigger == "shot";
    return gunfire && *fire.date_start <= *protest.date_end &&
           *protest.date_start <= *fire.date_end &&
           distance_km(protest.place->position, fire.place->position) <= 25.0;
}

} // namespace

std::vector<Event> fold_told_again(std::vector<Event> events) {
    // a retelling refers to an event told shortly before, or to the headline's: looking
    // back further would make a page of thousands of events quadratic
    constexpr std::size_t kLookBack = 64;
    std::vector<Event> out;
    for (Event& e : events) {
        Event* told = nullptr;
        Retelling how = Retelling::none;
        const std::size_t window_from = out.size() > kLookBack ? out.size() - kLookBack : 0;
        for (std::size_t i = out.size(); i > window_from && !e.another; --i) {
            how = retelling_of(out[i - 1], e);
            if (how != Retelling::none) {
                told = &out[i - 1];
                break;
            }
        }
        // beyond the window, the headline's events (they come first)
        for (std::size_t i = 0;
             told == nullptr && !e.another && i < window_from && out[i].evidence_start == 0; ++i) {
            how = retelling_of(out[i], e);
            if (how != Retelling::none)
                told = &out[i];
        }
        // "The attack began at dawn" after a town taken, "the gunfire heard" after clashes:
        // a violent happening referred to by another violent word
        for (std::size_t i = out.size();
             told == nullptr && e.anaphoric && !e.another && violent(e.type) && i > window_from;
             --i) {
            const Event& m = out[i - 1];
            if (violent(m.type) && m.place && e.place &&
                !(e.fatalities && m.fatalities && *e.fatalities != *m.fatalities)) {
                told = &out[i - 1];
                how = Retelling::anaphoric;
            }
        }
        // "Gunmen shot dead a lawyer in Benghazi on Tuesday. She was in her car when masked men
        // opened fire": a plain attack right after a killing, naming no place and no day of its
        // own, tells how the killing was done
        if (told == nullptr && !out.empty() && !e.another && told_how_killed(out.back(), e)) {
            told = &out.back();
            how = Retelling::anaphoric;
        }
        for (std::size_t i = out.size(); told == nullptr && i > window_from; --i) {
            if (fire_at_protest(out[i - 1], e)) {
                told = &out[i - 1];
                how = Retelling::anaphoric;
            }
        }
        if (told != nullptr)
            fold_retelling(*told, e, how);
        else
            out.push_back(std::move(e));
    }
    return out;
}

} // namespace detail

EventExtractor::EventExtractor(const Gazetteer* gazetteer, bool use_locator,
                               const EventLocator* locator)
    : m_gazetteer(gazetteer), m_locator(!use_locator         ? nullptr
                                        : locator != nullptr ? locator
                                                             : &EventLocator::builtin()) {}

std::vector<Event> EventExtractor::extract(std::string_view text, const std::vector<Toponym>& named,
                                           const std::vector<Timex>& timexes,
                                           const std::optional<CivilDay>& published) const {
    // where events can be: the places named, and the waters a place at sea is named for
    std::vector<Toponym> toponyms;
    toponyms.reserve(named.size());
    std::transform(named.begin(), named.end(), std::back_inserter(toponyms), event_site);
    std::vector<Event> out;
    detail::NarrativeDate narrative(timexes, published);
    // the town the report is most about: where "the city" and a sentence naming no place are
    const std::optional<Toponym> main_place = detail::main_place_of(toponyms);
    // the date of the last sentence's main event: when that sentence names other days too
    // ("gathered on Monday ... the dams that burst on 11 September"), the narrative goes on
    // from its event's day, not from the last day it named
    const Timex* told = nullptr;
    std::size_t told_from = 0, told_to = 0;
    // the story's headline: the title line before its first sentence; title lines after it
    // are headlines of other articles (teasers, related links)
    bool story_started = false;
    std::size_t headline_to = 0;
    for (const auto& [from, to] : sentences_of(text)) {
        const Timex* last_date = narrative.before(from);
        const detail::LineKind line = detail::line_kind(text, from, to);
        const bool teaser_title = line == detail::LineKind::title && story_started;
        if (line == detail::LineKind::title && !story_started && headline_to == 0)
            headline_to = to;
        story_started = story_started || line == detail::LineKind::sentence;
        const std::vector<Word> w = words_of(text, from, to);
        const std::vector<detail::SentenceTrigger> triggers =
            triggers_of(text, w, from, to, toponyms);
        if (triggers.empty() || teaser_line(w) || teaser_title || question(text, from, to) ||
            ticker_line(text, from, to))
            continue;
        if (told != nullptr && last_date != nullptr && last_date->start >= told_from &&
            last_date->end <= told_to) {
            last_date = told;
        }
        const Sentence s{from, to, places_start(text, w, from, to), last_date,
                         main_place ? &*main_place : nullptr};
        bool main_event = true;
        for (const detail::SentenceTrigger& t : triggers) {
            // "days after deadly clashes": an earlier happening the sentence only dates by;
            // unless its own clause gives it a day of the week before the report and says
            // where ("suspended work after grenades hit its office in Misrata on Tuesday")
            detail::SentenceTrigger told_cause = t;
            if (t.in_passing && t.after_cause &&
                detail::fresh_cause(text, t, to, timexes, toponyms, published)) {
                told_cause.in_passing = false;
            }
            if (told_cause.in_passing)
                continue;
            const Timex* date = add_events_of(out, text, s, w, told_cause, toponyms, timexes,
                                              published, {m_locator, m_gazetteer});
            if (main_event && date != nullptr && date->start >= from && date->end <= to &&
                date->precision <= TimePrecision::week && !date->open_end && !date->open_start &&
                (!published || date->first <= *published)) {
                told = date;
                told_from = from;
                told_to = to;
            }
            main_event = false;
        }
    }
    detail::fold_headline(out, headline_to);
    detail::drop_visits_to_border_sites(out);
    detail::drop_bodies_of_wrecks(out);
    // an event whose sentence names no place ("The meeting is part of ...", "al-Kikli, who
    // was assassinated in May") happened at the article's main place
    // the waters off the main place: worked out once, and only for a report with an event
    // that may be at sea (a way out to sea walks the land polygons)
    const bool maybe_at_sea = std::any_of(out.begin(), out.end(), [](const Event& e) {
        return e.type == EventType::migration || (e.place && e.place->feature == "H.SEA");
    });
    const std::optional<Toponym> waters =
        main_place && maybe_at_sea ? waters_off(*main_place) : std::nullopt;
    detail::put_wrecks_off_their_port(out, text, toponyms);
    detail::put_wrecks_at_sea(out, waters, m_gazetteer);
    detail::inherit_main_place(out, main_place, waters);
    // "closed its land border with Tunisia": the frontier the report names by its crossing
    detail::place_borders_at_sites(out, text, toponyms);
    // one event mentioned again ("the meeting", the headline and the story) adds to the
    // first telling instead of standing alone
    std::vector<Event> merged = detail::fold_told_again(std::move(out));
    if (!merged.empty())
        detail::keep_news_of_commentary(merged, page_genre(text), published);
    // an event still without a place cannot be mapped
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
    // kept events by type and half-degree cell: the same event lies within 25 km, so in
    // the cell of the new one or a neighbour; within a cell the most recent kLookBack are
    // compared, which keeps a page of thousands of events linear
    constexpr std::size_t kLookBack = 256;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_cell;
    const auto cell_key = [](EventType type, long x, long y) {
        return (static_cast<std::uint64_t>(type) << 48) ^
               (static_cast<std::uint64_t>(x & 0xFFFFFF) << 24) ^
               static_cast<std::uint64_t>(y & 0xFFFFFF);
    };
    const auto cell_of = [](const Event& e) {
        return std::pair{static_cast<long>(std::floor(e.place->position.lon * 2)),
                         static_cast<long>(std::floor(e.place->position.lat * 2))};
    };
    for (const Event& e : events) {
        bool merged = false;
        std::vector<std::size_t> candidates;
        if (e.place) {
            const auto [cx, cy] = cell_of(e);
            for (long dx = -1; dx <= 1; ++dx) {
                for (long dy = -1; dy <= 1; ++dy) {
                    const auto it = by_cell.find(cell_key(e.type, cx + dx, cy + dy));
                    if (it == by_cell.end())
                        continue;
                    const auto& kept = it->second;
                    const std::size_t from = kept.size() > kLookBack ? kept.size() - kLookBack : 0;
                    candidates.insert(candidates.end(), kept.begin() + static_cast<long>(from),
                                      kept.end());
                }
            }
            std::sort(candidates.begin(), candidates.end()); // the first kept wins, as before
        }
        for (const std::size_t k : candidates) {
            auto& [m, sources] = out[k];
            if (!same_real_event(identity_of(m), identity_of(e)))
                continue;
            const auto facts = [](const Event& x) {
                return MergeableFacts{x.date_start, x.date_end,   x.time_precision,
                                      x.fatalities, x.confidence, x.date_assumed};
            };
            const MergeableFacts merged_facts = merge_told_again(facts(m), facts(e));
            m.date_start = merged_facts.date_start;
            m.date_end = merged_facts.date_end;
            m.time_precision = merged_facts.time_precision;
            m.fatalities = merged_facts.fatalities;
            m.confidence = merged_facts.confidence;
            m.date_assumed = merged_facts.date_assumed;
            m.screen = std::max(m.screen, e.screen); // told again: the surer reading
            ++sources;
            merged = true;
            break;
        }
        if (!merged) {
            out.emplace_back(e, 1);
            if (e.place) {
                const auto [cx, cy] = cell_of(e);
                by_cell[cell_key(e.type, cx, cy)].push_back(out.size() - 1);
            }
        }
    }
    return out;
}

} // namespace kharita
