#include "kharita/time/timex.hpp"

#include "detail/name_table.hpp"
#include "kharita/text/utf8.hpp"
#include "time/time_tokens.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <span>

namespace kharita {

namespace {

namespace chr = std::chrono;

// The TIMEX3 names of TimexType, in the order of its enumerators.
constexpr std::array<std::string_view, 4> kTimexTypeNames = {"DATE", "TIME", "DURATION", "SET"};
static_assert(kTimexTypeNames.size() == static_cast<std::size_t>(TimexType::set) + 1);
// The TIMEX3 names of TimexMod, in the order of its enumerators ("" for none).
constexpr std::array<std::string_view, 9> kTimexModNames = {
    "",          "START",     "MID",           "END",          "APPROX",
    "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"};
static_assert(kTimexModNames.size() == static_cast<std::size_t>(TimexMod::equal_or_more) + 1);

/// How far before the reference a numeric date's reading may fall to be the one chosen over
/// the other ("04/06/2012" read in early June is 4 June): about six weeks.
constexpr int kRecentReadingDays = 42;

// ---- tokens ---------------------------------------------------------------------------

using Kind = detail::TimeTokenKind;
using Tok = detail::TimeToken;

int month_of(std::string_view w) {
    static constexpr std::array<std::string_view, 12> kFull = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    for (std::size_t k = 0; k < 12; ++k) {
        if (w == kFull[k])
            return static_cast<int>(k + 1);
    }
    static constexpr std::array<std::string_view, 13> kShort = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "sept"};
    for (std::size_t k = 0; k < 13; ++k) {
        if (w == kShort[k])
            return k == 12 ? 9 : static_cast<int>(k + 1);
    }
    return 0;
}

bool is_full_month(std::string_view w) {
    return w.size() > 3 || w == "may";
}

int weekday_of(std::string_view w) {
    static constexpr std::array<std::string_view, 7> kFull = {
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    for (std::size_t k = 0; k < 7; ++k) {
        if (w == kFull[k])
            return static_cast<int>(k);
    }
    if (w == "sun")
        return 0;
    if (w == "mon")
        return 1;
    if (w == "tue" || w == "tues")
        return 2;
    if (w == "wed")
        return 3;
    if (w == "thu" || w == "thur" || w == "thurs")
        return 4;
    if (w == "fri")
        return 5;
    if (w == "sat")
        return 6;
    return -1;
}

/// "five" -> 5, "a" -> 1, "few" -> 3; -1 when not a number word.
double number_word(std::string_view w) {
    static constexpr std::array<std::string_view, 13> kNums = {
        "zero",  "one",   "two",  "three", "four",   "five",  "six",
        "seven", "eight", "nine", "ten",   "eleven", "twelve"};
    for (std::size_t k = 0; k < kNums.size(); ++k) {
        if (w == kNums[k])
            return static_cast<double>(k);
    }
    if (w == "a" || w == "an")
        return 1;
    if (w == "few")
        return 3;
    if (w == "several")
        return 3;
    if (w == "couple")
        return 2;
    if (w == "half")
        return 0.5;
    if (w == "fifteen")
        return 15;
    if (w == "twenty")
        return 20;
    if (w == "thirty")
        return 30;
    return -1;
}

enum class Unit : std::uint8_t {
    none,
    second,
    minute,
    hour,
    day,
    week,
    month,
    quarter,
    year,
    decade,
    century
};

Unit unit_of(std::string_view w) {
    if (w == "second" || w == "seconds" || w == "sec" || w == "secs" || w == "s")
        return Unit::second;
    // "m" glued to a number is minutes, as feeds print ages ("5m", "2h", "1d"); "mo" is months
    if (w == "minute" || w == "minutes" || w == "min" || w == "mins" || w == "m")
        return Unit::minute;
    if (w == "hour" || w == "hours" || w == "hr" || w == "hrs" || w == "h")
        return Unit::hour;
    if (w == "day" || w == "days" || w == "d")
        return Unit::day;
    if (w == "week" || w == "weeks" || w == "wk" || w == "wks" || w == "w")
        return Unit::week;
    if (w == "month" || w == "months" || w == "mo" || w == "mos" || w == "mon")
        return Unit::month;
    if (w == "quarter" || w == "quarters" || w == "qtr" || w == "qtrs")
        return Unit::quarter;
    if (w == "year" || w == "years" || w == "yr" || w == "yrs" || w == "y")
        return Unit::year;
    if (w == "decade" || w == "decades")
        return Unit::decade;
    if (w == "century" || w == "centuries")
        return Unit::century;
    return Unit::none;
}

/// How an amount of time is read, by the word before it.
enum class UnitsReading : std::uint8_t {
    offset,   ///< a day counted from the reference: "3 days ago", "in 2 weeks"
    back,     ///< from that day to the reference: "past 3 days"
    ahead,    ///< the day ahead: "next 2 days"
    duration, ///< from the reference to that day, a TIMEX3 DURATION: "for 3 days"
};

/// The cue before an amount: the direction it gives (+1, -1, 0 for none) and the reading.
struct UnitsCue {
    int sign = 0;
    UnitsReading reading = UnitsReading::offset;
    std::size_t next = 0; ///< the token after the cue
};

/// An amount of time: "3 days", "2 hours 30 minutes", "a couple of weeks", "1.5 hours".
struct Amount {
    std::int64_t days = 0;
    int months = 0;
    int minutes = 0;
    /// the quantity read of each unit, as stated (for the TIMEX3 value: "P3W", not "P21D")
    std::array<double, 11> stated{};
    std::size_t count = 0;    ///< quantities read
    std::size_t last = 0;     ///< the amount's last token
    Unit finest = Unit::none; ///< its smallest unit

    /// Adds n units (seconds count for nothing).
    void add(Unit unit, double n);
};

/// The TIMEX3 value of the ISO week (Monday to Sunday) holding `day`: "2014-W30".
std::string iso_week(const CivilDay& day) {
    const auto sd = chr::sys_days{chr::days{day.serial()}};
    const auto wd = static_cast<int>(chr::weekday{sd}.iso_encoding()); // 1 = Monday
    const auto thursday = sd + chr::days{4 - wd};
    const chr::year_month_day ymd{thursday};
    const auto jan1 = chr::sys_days{ymd.year() / 1 / 1};
    const int week = static_cast<int>((thursday - jan1).count() / 7 + 1);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(ymd.year()), week);
    return buf;
}

/// A quantity as a TIMEX3 number: "3", "1.5".
std::string timex_number(double n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", n);
    return buf;
}

/// The TIMEX3 value of a duration in its stated units: P3Y, P2W, PT1H30M, P10Y (a decade).
std::string duration_value(const Amount& a) {
    const auto n = [&](Unit u) { return a.stated[static_cast<std::size_t>(u)]; };
    std::string v = "P";
    const double years = n(Unit::year) + 10 * n(Unit::decade) + 100 * n(Unit::century);
    const double months = n(Unit::month) + 3 * n(Unit::quarter);
    if (years > 0)
        v += timex_number(years) + "Y";
    if (months > 0)
        v += timex_number(months) + "M";
    if (n(Unit::week) > 0)
        v += timex_number(n(Unit::week)) + "W";
    if (n(Unit::day) > 0)
        v += timex_number(n(Unit::day)) + "D";
    if (n(Unit::hour) > 0 || n(Unit::minute) > 0 || n(Unit::second) > 0) {
        v += "T";
        if (n(Unit::hour) > 0)
            v += timex_number(n(Unit::hour)) + "H";
        if (n(Unit::minute) > 0)
            v += timex_number(n(Unit::minute)) + "M";
        if (n(Unit::second) > 0)
            v += timex_number(n(Unit::second)) + "S";
    }
    return v == "P" ? "P0D" : v;
}

/// The TIMEX3 letter of a unit in a duration ("Y", "M", "W", "D", "TH"...), "" for none.
std::string_view unit_letter(Unit u) {
    switch (u) {
    case Unit::second:
        return "TS";
    case Unit::minute:
        return "TM";
    case Unit::hour:
        return "TH";
    case Unit::day:
        return "D";
    case Unit::week:
        return "W";
    case Unit::month:
    case Unit::quarter:
        return "M";
    case Unit::year:
    case Unit::decade:
    case Unit::century:
        return "Y";
    case Unit::none:
        break;
    }
    return "";
}

/// A duration value with X for the number: PXM, PXY, PTXH.
std::string vague_duration_value(Unit u) {
    const std::string_view letter = unit_letter(u);
    if (letter.empty())
        return "";
    if (letter[0] == 'T')
        return std::string("PTX") + letter[1];
    return std::string("PX") + std::string(letter);
}

/// The period of one unit as a TIMEX3 value: P1W, P1D, PT1H, P3M (a quarter), P10Y.
std::string unit_period(Unit u, double n = 1) {
    Amount a;
    a.stated[static_cast<std::size_t>(u)] = n;
    return duration_value(a);
}

// ---- matching ---------------------------------------------------------------------------

/// What an expression leaves to its context: a time of day with no day, a weekday or a month
/// with no year. The document time fills it in news style, the narrative's day or month when
/// the text is telling of another time (Matcher::follow_narrative).
enum class Anaphor { none, time_of_day, weekday, month };

struct Match {
    std::size_t last_token = 0; // inclusive
    Timex timex;
    Anaphor anaphor = Anaphor::none;
    bool from_units = false; ///< a count of units from a day ("in 18 months", "3 days ago")
};

/// The last date the text told of, to anchor what follows (narrative style).
struct NarrativeAnchor {
    CivilDay day;
    TimePrecision precision = TimePrecision::day;
    std::size_t end = 0; ///< byte offset where its expression ends
};

class Matcher {
public:
    Matcher(std::string_view text, const std::optional<LocalTime>& ref, const TimexOptions& o)
        : m_text(text), m_t(detail::time_tokens(text)), m_ref(ref), m_o(o) {}

    std::vector<Timex> run();

private:
    /// A pattern: the match that starts at a token, if any.
    using Pattern = std::optional<Match> (Matcher::*)(std::size_t) const;

    /// The longest match of `patterns` at token `at` (the first of equals; with `days_only`
    /// only matches of a day's precision count).
    std::optional<Match> longest_match(std::size_t at, std::span<const Pattern> patterns,
                                       bool days_only = false) const;
    /// The longest date at `at` (the patterns a range end or a time's day may take).
    std::optional<Match> date_at(std::size_t at) const;

    // The stages after the longest match, each extending it by what follows.
    /// A time, then its day: "14:15 05/31/2024", "8:23 AM, Jul 9".
    void join_day_after_time(Match& best) const;
    /// A weekday (at token `i`, after an optional "on"), then its date: "Sunday 12/7/2014".
    void join_date_after_weekday(Match& best, std::size_t i) const;
    /// A day, then an offset: "next tuesday +10 days", "2023-12-29 -10days".
    void shift_by_offset(Match& best) const;
    /// A range: "X - Y", "X to Y", "X until Y", "from X to Y".
    void join_range(Match& best) const;
    /// A year after the time of a day without one: "Thu Oct 26, 10:00 - 11:00:09 2023".
    void date_by_following_year(Match& best) const;

    // The stages of units().
    /// The cue before an amount ("in", "for", "next", "past", "+", "-") and "about".
    UnitsCue units_cue(std::size_t i) const;
    /// A count at token k ("3", "1.5", "three", "a couple of") and the token after it.
    std::optional<std::pair<double, std::size_t>> quantity(std::size_t k) const;
    /// The amount from token k: "3 days", "2 hours 30 minutes", "a week".
    Amount amount(std::size_t k) const;
    /// A direction word after the amount's last token ("ago", "later", "from now"): sets
    /// `sign` and returns the expression's last token.
    std::size_t units_direction(std::size_t last, int& sign) const;
    /// Whether the "before" or "after" at token `dir` counts from an event, not a day: "a
    /// week after the flood", "two days before the vote", "two weeks after Macron met
    /// Serraj" (TIMEX3 marks the length alone); a day after it is the anchor ("2 days after
    /// next Friday").
    bool counted_from_event(std::size_t dir) const {
        return (word(dir, "after") || word(dir, "before")) && dir + 1 < m_t.size() &&
               m_t[dir + 1].kind == Kind::word && !anchor_day(dir + 1);
    }
    /// The day a "before"/"after" counts from: "2 days after next Friday".
    std::optional<Match> anchor_day(std::size_t at) const;
    /// The match of an amount counted `sign`-wards from `base`.
    Match units_match(std::size_t i, std::size_t end, const UnitsCue& cue, const Amount& a,
                      CivilDay base, int sign) const;

    bool word(std::size_t i, std::string_view w) const {
        return i < m_t.size() && m_t[i].kind == Kind::word && m_t[i].text == w;
    }
    /// Whether a superlative stands among the (at most six) words right before token `i`:
    /// "the worst fighting in two years", "for the first time in a decade" measure back over
    /// that length, they name no day ahead.
    bool after_superlative(std::size_t i) const {
        static constexpr std::array<std::string_view, 16> kSuperlatives = {
            "best",     "biggest",  "bloodiest", "deadliest", "fiercest", "first",
            "greatest", "heaviest", "highest",   "largest",   "least",    "longest",
            "lowest",   "most",     "strongest", "worst"};
        for (std::size_t k = i, n = 0; k-- > 0 && n < 6 && m_t[k].kind == Kind::word; ++n) {
            if (std::binary_search(kSuperlatives.begin(), kSuperlatives.end(), m_t[k].text))
                return true;
        }
        return false;
    }
    bool punct(std::size_t i, std::string_view p) const {
        return i < m_t.size() && m_t[i].kind == Kind::punct && m_t[i].text == p;
    }
    bool number(std::size_t i) const { return i < m_t.size() && m_t[i].kind == Kind::number; }
    bool adjacent(std::size_t i) const { return i < m_t.size() && !m_t[i].space_before; }

    std::optional<Match> iso_date(std::size_t i) const;
    std::optional<Match> numeric_date(std::size_t i) const;
    std::optional<Match> day_month(std::size_t i) const;
    std::optional<Match> month_day(std::size_t i) const;
    std::optional<Match> month_year(std::size_t i) const;
    std::optional<Match> year_alone(std::size_t i) const;
    std::optional<Match> casual(std::size_t i) const;
    std::optional<Match> units(std::size_t i) const;
    std::optional<Match> relative_period(std::size_t i) const;
    std::optional<Match> weekday(std::size_t i) const;
    std::optional<Match> time_alone(std::size_t i) const;
    // TimeML constructions (timeml patterns)
    std::optional<Match> duration(std::size_t i) const;
    std::optional<Match> reference_word(std::size_t i) const;
    std::optional<Match> set_expression(std::size_t i) const;
    std::optional<Match> season(std::size_t i) const;
    /// "early", "late", "mid" (or "mid-") at token `k`: the part of a period it names, `k`
    /// moved past it; none (and `k` unmoved) otherwise.
    TimexMod period_part(std::size_t& k) const;
    std::optional<Match> quarter_or_half(std::size_t i) const;
    /// "[the] first|second half of <Month> [year]" after `quarter_or_half` read "half of":
    /// `n` is 1 or 2, `k` the month's token.
    std::optional<Match> half_of_month(std::size_t i, int n, std::size_t k) const;
    std::optional<Match> decade_or_century(std::size_t i) const;
    std::optional<Match> fiscal_year(std::size_t i) const;
    std::optional<Match> part_of_period(std::size_t i) const;
    /// A bound before a length ("almost", "more than", "about"): the mod and the token after.
    std::pair<TimexMod, std::size_t> length_bound(std::size_t i) const;
    /// A year at token k: "2012", "this year", "next year", "last year", "the year".
    std::optional<std::pair<int, std::size_t>> year_phrase(std::size_t k) const;
    /// "the 1998 bombings": a determiner at k, a year, and a noun after it (not a count).
    bool determined_year(std::size_t k) const;
    /// "last", "next" or "this" at k before a full month's name: -1, 1 or 0; else 2.
    int counted_month(std::size_t k) const;
    /// For "04/06/2012" (both numbers could be the month): true for day first, false for month
    /// first when only that reading falls in the weeks up to the reference; else nullopt.
    std::optional<bool> recent_reading(int year, long a, long b) const;
    /// "early", "late" or "mid[-]" at k: sets `part` (-1, 1, 2) and returns the token after.
    std::size_t month_part(std::size_t k, int& part) const;
    /// Which of several periods a tense picks: -1 the last one before the reference, +1 the
    /// next one after it, 0 the one of the reference's year.
    int pick_by_tense(std::size_t at) const;
    /// "Sunday night", "yesterday afternoon", "this morning": a day's part as TIMEX3 TIME.
    void join_part_of_day(Match& best) const;
    /// Moves an anaphoric expression (`best.anaphor`, at token `i`) onto the narrative's
    /// `anchor` when the text tells of a time away from the document's.
    void follow_narrative(Match& best, std::size_t i, const NarrativeAnchor& anchor) const;
    /// The anchor `t` sets for what follows, if any: a date or time of a day or a month.
    static std::optional<NarrativeAnchor> anchor_of(const Timex& t);

    /// A day (optionally with its weekday); year inferred when absent.
    std::optional<CivilDay> infer_year(unsigned month, unsigned day, int weekday,
                                       std::size_t at) const;
    /// Parses an ordinal day at token i ("26", "26th"); returns the index after it.
    std::optional<std::pair<unsigned, std::size_t>> day_number(std::size_t i) const;
    /// An optional time after a date: "at 5pm", "13:00", ", 3:30 pm".
    std::size_t attach_time(std::size_t after, Timex& t) const;
    /// Skips "on" and a weekday ("Wednesday", "Sun.,") before a date; `wd` gets the weekday
    /// (0 = Sunday) or -1. Returns the index after them.
    std::size_t leading_weekday(std::size_t i, int& wd) const {
        std::size_t k = i;
        if (word(k, "on"))
            ++k;
        wd = -1;
        if (k < m_t.size() && m_t[k].kind == Kind::word && (wd = weekday_of(m_t[k].text)) >= 0) {
            ++k;
            if (punct(k, "."))
                ++k;
            if (punct(k, ","))
                ++k;
        }
        return k;
    }
    /// attach_time() from token `after`, extending the match over the time when found.
    void extend_with_time(Match& m, std::size_t after) const {
        const std::size_t end = attach_time(after, m.timex);
        if (end > after) {
            m.last_token = end - 1;
            m.timex.end = m_t[end - 1].end;
        }
    }
    /// Parses a time of day at i: "5pm", "5:30", "17:45:00", "noon"; returns end index.
    std::optional<std::pair<int, std::size_t>> time_of_day(std::size_t i, bool need_marker) const;
    TimeDirection tense(std::size_t at) const;
    /// A day, or a day span within its month ("12 and 13 May"): nullopt when the day is
    /// impossible or the second day comes before the first.
    std::optional<Match> day_span(std::size_t first, std::size_t last, std::optional<CivilDay> a,
                                  std::optional<unsigned> second_day, bool relative) const {
        if (!a)
            return std::nullopt;
        CivilDay b = *a;
        if (second_day) {
            const auto e = CivilDay::make(a->year, a->month, *second_day);
            if (!e || *e < *a)
                return std::nullopt;
            b = *e;
        }
        return make(first, last, *a, b, TimePrecision::day, relative);
    }
    Match make(std::size_t first, std::size_t last, CivilDay a, CivilDay b, TimePrecision p,
               bool relative) const;
    void finish(Timex& t) const;

    std::string_view m_text;
    std::vector<Tok> m_t;
    const std::optional<LocalTime>& m_ref;
    const TimexOptions& m_o;
};

Match Matcher::make(std::size_t first, std::size_t last, CivilDay a, CivilDay b, TimePrecision p,
                    bool relative) const {
    Match m;
    m.last_token = last;
    m.timex.start = m_t[first].begin;
    m.timex.end = m_t[last].end;
    m.timex.first = a;
    m.timex.last = b;
    m.timex.precision = p;
    m.timex.relative = relative;
    return m;
}

TimeDirection Matcher::tense(std::size_t at) const {
    // the clause around the expression: back to the previous sentence end, at most 64
    // tokens (a bounded look-back keeps a long sentence full of dates linear)
    std::size_t from = at;
    while (
        from > 0 && from + 64 > at &&
        !(m_t[from - 1].kind == Kind::punct &&
          (m_t[from - 1].text == "." || m_t[from - 1].text == "!" || m_t[from - 1].text == "?"))) {
        --from;
    }
    bool past = false;
    // "A committee sent from Tripoli will meet them on Tuesday", "he said talks will resume
    // on Monday": a modal before the expression governs it, and the past forms before the
    // modal are another clause's or a participle's
    std::size_t modal = from;
    bool future = false;
    for (std::size_t k = from; k < at; ++k) {
        if (m_t[k].text == "will" || m_t[k].text == "shall")
            modal = k;
        // "he said he would ask the EU at a summit on Thursday": the future of a telling
        // (not "would have": what did not happen)
        if (m_t[k].text == "would" && !(k + 1 < m_t.size() && m_t[k + 1].text == "have")) {
            modal = k;
            future = true;
        }
    }
    for (std::size_t k = modal; k < m_t.size() && k < at + 12; ++k) {
        if (m_t[k].kind == Kind::punct && k > at && m_t[k].text == ".")
            break;
        const std::string& w = m_t[k].text;
        if (w == "will" || w == "shall" || w == "upcoming" || w == "scheduled" || w == "plan" ||
            w == "plans" || w == "planned" || w == "expected" || w == "intend" || w == "due" ||
            w == "reconvene" || w == "going" || w == "let" || w == "lets") {
            future = true;
        }
        // "are due to meet on Tuesday, Salame said": the telling after the expression is
        // not the time of what it tells
        const bool telling = w == "said" || w == "told";
        if (telling && k > at)
            continue;
        if (w == "was" || w == "were" || w == "had" || w == "said" || w == "did" || w == "ago" ||
            w == "last" || w == "yesterday" || w == "held" || w == "met" || w == "told" ||
            w == "took" || w == "went" || w == "came" || w == "saw" || w == "fought" ||
            w == "found" || w == "left" || w == "gave" || w == "made" || w == "began" ||
            w == "broke" || w == "struck" || w == "fled" || w == "hit" || w == "led" ||
            w == "won" || w == "lost" || w == "sent" || w == "spoke" || w == "fell" ||
            w == "rose" || w == "grew" || w == "sank" ||
            // a past form before the expression, or the verb right after it ("Paris on
            // Friday backed the plan"); further on, an -ed word is often a participle
            (w.size() > 4 && w.ends_with("ed") && k <= at + 2 && w != "expected" &&
             w != "scheduled" && w != "planned")) {
            past = true;
        }
    }
    if (future && !past)
        return TimeDirection::future;
    if (past && !future)
        return TimeDirection::past;
    return TimeDirection::present; // unknown
}

std::optional<CivilDay> Matcher::infer_year(unsigned month, unsigned day, int weekday,
                                            std::size_t at) const {
    if (!m_ref) {
        return std::nullopt;
    }
    const TimeDirection dir = m_o.forward ? TimeDirection::future : tense(at);
    std::optional<CivilDay> best;
    std::int64_t best_cost = 0;
    const std::int64_t ref = m_ref->day.serial();
    const int span = weekday >= 0 ? 6 : 1; // a weekday pins the year within a few years
    for (int y = m_ref->day.year - span; y <= m_ref->day.year + span; ++y) {
        const auto d = CivilDay::make(y, month, day);
        if (!d)
            continue;
        if (weekday >= 0 && static_cast<int>(d->weekday()) != weekday)
            continue;
        std::int64_t diff = d->serial() - ref;
        // the caller's forward option is a rule, not a hint: the next occurrence
        if (m_o.forward && diff < 0)
            continue;
        std::int64_t cost = std::abs(diff);
        // the tense breaks near-ties: a past-tense clause prefers the past reading
        if (dir == TimeDirection::past && diff > 0)
            cost += 60;
        if (dir == TimeDirection::future && diff < 0)
            cost += 60;
        if (!best || cost < best_cost) {
            best = d;
            best_cost = cost;
        }
    }
    return best;
}

std::optional<std::pair<unsigned, std::size_t>> Matcher::day_number(std::size_t i) const {
    if (i < m_t.size() && m_t[i].kind == Kind::word) {
        // "eighth", "twenty-fourth", "thirty first"
        static constexpr std::array<std::string_view, 20> kOrd = {
            "",          "first",     "second",      "third",      "fourth",
            "fifth",     "sixth",     "seventh",     "eighth",     "ninth",
            "tenth",     "eleventh",  "twelfth",     "thirteenth", "fourteenth",
            "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
        const auto ordinal = [&](std::string_view w) -> unsigned {
            for (unsigned k = 1; k < kOrd.size(); ++k)
                if (w == kOrd[k])
                    return k;
            if (w == "twentieth")
                return 20;
            if (w == "thirtieth")
                return 30;
            return 0;
        };
        if (const unsigned o = ordinal(m_t[i].text); o > 0)
            return std::make_pair(o, i + 1);
        const unsigned tens = m_t[i].text == "twenty" ? 20 : m_t[i].text == "thirty" ? 30 : 0;
        if (tens > 0) {
            std::size_t k = i + 1;
            if (punct(k, "-"))
                ++k;
            if (k < m_t.size() && m_t[k].kind == Kind::word) {
                const unsigned o = ordinal(m_t[k].text);
                if (o > 0 && o < 10 && tens + o <= 31)
                    return std::make_pair(tens + o, k + 1);
            }
        }
        return std::nullopt;
    }
    if (!number(i) || m_t[i].text.size() > 2 || m_t[i].value < 1 || m_t[i].value > 31) {
        return std::nullopt;
    }
    std::size_t next = i + 1;
    if (next < m_t.size() && adjacent(next) && m_t[next].kind == Kind::word &&
        (m_t[next].text == "st" || m_t[next].text == "nd" || m_t[next].text == "rd" ||
         m_t[next].text == "th")) {
        ++next;
    }
    return std::make_pair(static_cast<unsigned>(m_t[i].value), next);
}

std::optional<std::pair<int, std::size_t>> Matcher::time_of_day(std::size_t i,
                                                                bool need_marker) const {
    if (word(i, "noon") || word(i, "midday"))
        return std::make_pair(12 * 60, i + 1);
    if (!number(i) || m_t[i].value > 24 || m_t[i].text.size() > 2)
        return std::nullopt;
    int hour = static_cast<int>(m_t[i].value);
    int minute = 0;
    std::size_t k = i + 1;
    bool marker = false;
    if ((punct(k, ":") || punct(k, ".")) && adjacent(k) && number(k + 1) && adjacent(k + 1) &&
        m_t[k + 1].text.size() == 2 && m_t[k + 1].value < 60) {
        minute = static_cast<int>(m_t[k + 1].value);
        k += 2;
        marker = m_t[k - 2].text == ":";
        if (punct(k, ":") && adjacent(k) && number(k + 1) && adjacent(k + 1))
            k += 2; // seconds
    }
    if (k < m_t.size() && m_t[k].kind == Kind::word &&
        (m_t[k].text == "am" || m_t[k].text == "pm" || m_t[k].text == "a" || m_t[k].text == "p")) {
        const bool pm = m_t[k].text[0] == 'p';
        if (hour > 12 || hour == 0)
            return std::nullopt;
        hour = hour % 12 + (pm ? 12 : 0);
        marker = true;
        ++k;
        if (punct(k, ".") && adjacent(k) && word(k + 1, "m"))
            k += 2; // "p.m."
    }
    // "6 in the morning", "11 at night", "6 in the afternoon"
    if (!marker && hour <= 12) {
        std::size_t w = k;
        if ((word(w, "in") && word(w + 1, "the")) || word(w, "at"))
            w += word(w, "at") ? 1 : 2;
        if (word(w, "morning")) {
            marker = true;
            hour %= 12;
            k = w + 1;
        } else if (word(w, "afternoon") || word(w, "evening") || word(w, "night")) {
            marker = true;
            if (!(word(w, "night") && hour < 5) && hour != 12)
                hour = hour % 12 + 12;
            k = w + 1;
        }
    }
    if (need_marker && !marker)
        return std::nullopt;
    if (hour >= 24 && !(hour == 24 && minute == 0))
        return std::nullopt;
    return std::make_pair(hour * 60 + minute, k);
}

std::size_t Matcher::attach_time(std::size_t after, Timex& t) const {
    std::size_t k = after;
    if (punct(k, ","))
        ++k;
    if (word(k, "at") || word(k, "around") || word(k, "from"))
        ++k;
    if (auto tod = time_of_day(k, !word(after, "at") && !word(k - 1, "at"))) {
        t.minute_of_day = tod->first;
        t.precision = TimePrecision::time;
        std::size_t end = tod->second;
        // a time range "13:00 - 16:00", "3:30-4:30pm"
        if ((punct(end, "-") || word(end, "to") || word(end, "till") || word(end, "until"))) {
            // the second time must look like one ("16:00", "4:30pm"), not a number that
            // starts the next date ("to 01/01/2023")
            if (auto tod2 = time_of_day(end + 1, true);
                tod2 && !(tod2->second < m_t.size() && punct(tod2->second, "/"))) {
                t.end_minute_of_day = tod2->first;
                end = tod2->second;
            }
        }
        return end;
    }
    return after;
}

/// A year at token y: four digits, or any number followed by an era ("88 AD", "2555 BE").
/// Returns the year and the last token used.
std::optional<std::pair<int, std::size_t>> read_year(const std::vector<Tok>& t, std::size_t y) {
    if (y >= t.size() || t[y].kind != Kind::number || t[y].text.size() > 4)
        return std::nullopt;
    const int v = static_cast<int>(t[y].value);
    if (y + 1 < t.size() && t[y + 1].kind == Kind::word) {
        const std::string& era = t[y + 1].text;
        if (era == "ad" || era == "ce")
            return std::make_pair(v, y + 1);
        if (era == "be")
            return std::make_pair(v - 543, y + 1); // Buddhist era
        if (era == "bc" || era == "bce")
            return std::nullopt;
    }
    if (t[y].text.size() == 4)
        return std::make_pair(v, y);
    return std::nullopt;
}

std::optional<Match> Matcher::iso_date(std::size_t i) const {
    // 2025-02-26, 2025/02/26, optionally with a time
    if (!number(i) || m_t[i].text.size() != 4)
        return std::nullopt;
    // 2014 12 28 (spaces) and 2018 March 18
    if (number(i + 1) && number(i + 2) && m_t[i + 1].text.size() <= 2 &&
        m_t[i + 2].text.size() <= 2 && m_t[i + 1].space_before && m_t[i + 2].space_before) {
        if (const auto d = CivilDay::make(static_cast<int>(m_t[i].value),
                                          static_cast<unsigned>(m_t[i + 1].value),
                                          static_cast<unsigned>(m_t[i + 2].value))) {
            return make(i, i + 2, *d, *d, TimePrecision::day, false);
        }
    }
    if (i + 2 < m_t.size() && m_t[i + 1].kind == Kind::word && month_of(m_t[i + 1].text) > 0) {
        if (const auto dn = day_number(i + 2)) {
            if (const auto d =
                    CivilDay::make(static_cast<int>(m_t[i].value),
                                   static_cast<unsigned>(month_of(m_t[i + 1].text)), dn->first)) {
                return make(i, dn->second - 1, *d, *d, TimePrecision::day, false);
            }
        }
    }
    const std::string sep = i + 1 < m_t.size() ? m_t[i + 1].text : "";
    if (!(sep == "-" || sep == "/" || sep == ".") || !adjacent(i + 1) || !number(i + 2) ||
        !adjacent(i + 2) || !punct(i + 3, sep) || !adjacent(i + 3) || !number(i + 4) ||
        !adjacent(i + 4)) {
        return std::nullopt;
    }
    const auto d =
        CivilDay::make(static_cast<int>(m_t[i].value), static_cast<unsigned>(m_t[i + 2].value),
                       static_cast<unsigned>(m_t[i + 4].value));
    if (!d)
        return std::nullopt;
    Match m = make(i, i + 4, *d, *d, TimePrecision::day, false);
    std::size_t k = i + 5;
    if (word(k, "t") && adjacent(k))
        ++k;
    extend_with_time(m, k);
    return m;
}

std::optional<bool> Matcher::recent_reading(int year, long a, long b) const {
    // "04/06/2012" read on 5 June 2012: of the two readings, the one in the six weeks up to the
    // reference is the date (a dated header, a report of the last days); else the custom
    if (!m_ref)
        return std::nullopt;
    const auto recent = [&](long month, long day) {
        const auto d =
            CivilDay::make(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
        return d && *d <= m_ref->day && d->plus_days(kRecentReadingDays) >= m_ref->day;
    };
    const bool month_first = recent(a, b);
    const bool day_first = recent(b, a);
    if (month_first == day_first)
        return std::nullopt;
    return day_first;
}

std::optional<Match> Matcher::numeric_date(std::size_t i) const {
    // 27/03/2025, 03/27/2025, 30-12-16, 04/2016
    if (!number(i) || m_t[i].text.size() > 2)
        return std::nullopt;
    const std::string sep = i + 1 < m_t.size() ? m_t[i + 1].text : "";
    if (!(sep == "/" || sep == "-" || sep == ".") || !adjacent(i + 1) || !number(i + 2) ||
        !adjacent(i + 2)) {
        return std::nullopt;
    }
    const long a = m_t[i].value;
    if (m_t[i + 2].text.size() == 4 && sep == "/") { // month/year
        const auto d =
            CivilDay::make(static_cast<int>(m_t[i + 2].value), static_cast<unsigned>(a), 1);
        if (!d)
            return std::nullopt;
        return make(i, i + 2, *d, d->plus_months(1).plus_days(-1), TimePrecision::month, false);
    }
    if (!punct(i + 3, sep) || !adjacent(i + 3) || !number(i + 4) || !adjacent(i + 4) ||
        m_t[i + 2].text.size() > 2) {
        // "8/10", "5/31": month/day of the closest year (not a fraction: "3/4 of")
        if (sep == "/" && !m_o.strict && m_t[i + 2].text.size() <= 2 && !word(i + 3, "of") &&
            !punct(i + 3, "/") && !(i > 0 && adjacent(i) && m_t[i - 1].kind == Kind::punct)) {
            long month = a, day = m_t[i + 2].value;
            if (m_o.little_endian || a > 12)
                std::swap(month, day);
            if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
                if (const auto d = infer_year(static_cast<unsigned>(month),
                                              static_cast<unsigned>(day), -1, i)) {
                    Match m = make(i, i + 2, *d, *d, TimePrecision::day, true);
                    extend_with_time(m, i + 3);
                    return m;
                }
            }
        }
        return std::nullopt;
    }
    const long b = m_t[i + 2].value;
    long y = m_t[i + 4].value;
    if (m_t[i + 4].text.size() == 2)
        y += y < 50 ? 2000 : 1900;
    else if (m_t[i + 4].text.size() != 4)
        return std::nullopt;
    // day first when the first number cannot be a month, or when both can and the reading
    // or the separator says so (27/03/2025, 30-12-16, 14.12.2024)
    bool day_first = a > 12 || (b <= 12 && (m_o.little_endian || sep == "-" || sep == "."));
    if (a <= 12 && b <= 12 && a != b && sep == "/" && !m_o.little_endian)
        day_first = recent_reading(static_cast<int>(y), a, b).value_or(day_first);
    const long day = day_first ? a : b;
    const long month = day_first ? b : a;
    const auto d = CivilDay::make(static_cast<int>(y), static_cast<unsigned>(month),
                                  static_cast<unsigned>(day));
    if (!d)
        return std::nullopt;
    Match m = make(i, i + 4, *d, *d, TimePrecision::day, false);
    extend_with_time(m, i + 5);
    return m;
}

std::optional<Match> Matcher::day_month(std::size_t i) const {
    // [on] [Weekday[,]] 26[th] [of] February[,] [2025] [- 28 February 2025 | and 18 ...]
    int wd = -1;
    std::size_t k = leading_weekday(i, wd);
    // a day list: "17 and 18 December", "12-13 May"
    const auto d1 = day_number(k);
    if (!d1)
        return std::nullopt;
    std::size_t j = d1->second;
    std::optional<unsigned> second_day;
    if ((word(j, "and") || punct(j, "-") || word(j, "to")) && day_number(j + 1)) {
        const auto d2 = day_number(j + 1);
        if (m_t.size() > d2->second && m_t[d2->second].kind == Kind::word &&
            month_of(m_t[d2->second].text) > 0) {
            second_day = d2->first;
            j = d2->second;
        }
    }
    if (word(j, "of") || ((punct(j, "-") || punct(j, "/")) && adjacent(j) && adjacent(j + 1)))
        ++j; // "26th of February", "10-August"
    if (j >= m_t.size() || m_t[j].kind != Kind::word)
        return std::nullopt;
    const int month = month_of(m_t[j].text);
    if (month == 0)
        return std::nullopt;
    std::size_t last = j;
    std::optional<int> year;
    std::size_t y = j + 1;
    if (punct(y, ".") && adjacent(y)) {
        ++y;
        last = y - 1;
    } // "Aug."
    if (punct(y, ",") || ((punct(y, "-") || punct(y, "/")) && adjacent(y)))
        ++y;
    if (const auto ry = read_year(m_t, y)) {
        year = ry->first;
        last = ry->second;
    } else if (number(y) && m_t[y].text.size() == 2 && m_t[y].value > 31 - 31 &&
               !(y + 1 < m_t.size() && (punct(y + 1, ":") || punct(y + 1, ".")))) {
        // a two-digit year: "3 Aug 96", "21-APR-16"
        year = static_cast<int>(m_t[y].value) + (m_t[y].value < 50 ? 2000 : 1900);
        last = y;
    }
    std::optional<CivilDay> a;
    if (year) {
        // a weekday that contradicts a full date does not void it: the date is trusted
        a = CivilDay::make(*year, static_cast<unsigned>(month), d1->first);
    } else {
        a = infer_year(static_cast<unsigned>(month), d1->first, wd, i);
    }
    auto dated = day_span(i, last, a, second_day, !year);
    if (!dated)
        return std::nullopt;
    Match m = std::move(*dated);
    // a range to a second full date: "10 August 2013 - 12 September"
    std::size_t r = last + 1;
    if ((punct(r, "-") || word(r, "to") || word(r, "until")) && day_number(r + 1)) {
        const auto dd = day_number(r + 1);
        if (dd->second < m_t.size() && m_t[dd->second].kind == Kind::word) {
            const int m2 = month_of(m_t[dd->second].text);
            if (m2 > 0) {
                std::size_t l2 = dd->second;
                int y2 = a->year;
                if (number(l2 + 1) && m_t[l2 + 1].text.size() == 4) {
                    y2 = static_cast<int>(m_t[l2 + 1].value);
                    ++l2;
                    if (!year) {
                        // "10 August - 12 September 2013": the closing year dates both ends
                        const int y1 = y2 - (a->month > static_cast<unsigned>(m2) ? 1 : 0);
                        if (const auto a2 = CivilDay::make(y1, a->month, a->day)) {
                            m.timex.first = *a2;
                            a = a2;
                            m.timex.relative = false;
                        }
                    }
                }
                if (const auto e = CivilDay::make(y2, static_cast<unsigned>(m2), dd->first);
                    e && *e >= *a) {
                    m.timex.last = *e;
                    m.last_token = l2;
                    m.timex.end = m_t[l2].end;
                }
            }
        }
    }
    extend_with_time(m, m.last_token + 1);
    return m;
}

std::optional<Match> Matcher::month_day(std::size_t i) const {
    // [on] [Weekday[,]] February 26[th][,] [2025] [- 28]
    int wd = -1;
    std::size_t k = leading_weekday(i, wd);
    if (k >= m_t.size() || m_t[k].kind != Kind::word)
        return std::nullopt;
    const int month = month_of(m_t[k].text);
    if (month == 0)
        return std::nullopt;
    std::size_t j = k + 1;
    if (punct(j, "."))
        ++j; // "Aug. 10"
    if (punct(j, ",") || ((punct(j, "-") || punct(j, "/")) && adjacent(j) && adjacent(j + 1)))
        ++j; // "March, 6th", "August-10"
    const auto d1 = day_number(j);
    if (!d1)
        return std::nullopt;
    // "May 2025" is month_year's; a following ':' or '.' number is a time, not a day
    if (m_t[j].text.size() == 4)
        return std::nullopt;
    std::size_t last = d1->second - 1;
    std::optional<unsigned> second_day;
    std::size_t r = d1->second;
    if ((punct(r, "-") || word(r, "to")) && day_number(r + 1) &&
        !(r + 2 < m_t.size() && (punct(r + 2, ":")))) {
        second_day = day_number(r + 1)->first;
        last = day_number(r + 1)->second - 1;
    }
    std::optional<int> year;
    std::size_t y = last + 1;
    if (punct(y, ",") || ((punct(y, "-") || punct(y, "/")) && adjacent(y)))
        ++y;
    // a clock time between the day and the year: "Oct 26 11:00:09 2023"
    if (auto tod = time_of_day(y, true); tod && !read_year(m_t, y)) {
        std::size_t z = tod->second;
        if (z < m_t.size() && m_t[z].kind == Kind::word && m_t[z].text.size() == 3)
            ++z; // "EDT"
        if (const auto ry = read_year(m_t, z)) {
            year = ry->first;
            last = ry->second;
        }
    }
    if (year) {
        // found after the time
    } else if (const auto ry = read_year(m_t, y)) {
        year = ry->first;
        last = ry->second;
    } else if (number(y) && m_t[y].text.size() == 2 && m_t[y].value > 31 &&
               !(y + 1 < m_t.size() && (punct(y + 1, ":") || punct(y + 1, ".")))) {
        year = static_cast<int>(m_t[y].value) + (m_t[y].value < 50 ? 2000 : 1900); // "Aug 9, 96"
        last = y;
    }
    std::optional<CivilDay> a = year
                                    ? CivilDay::make(*year, static_cast<unsigned>(month), d1->first)
                                    : infer_year(static_cast<unsigned>(month), d1->first, wd, i);
    auto dated = day_span(i, last, a, second_day, !year);
    if (!dated)
        return std::nullopt;
    Match m = std::move(*dated);
    extend_with_time(m, last + 1);
    return m;
}

std::size_t Matcher::month_part(std::size_t k, int& part) const {
    if (word(k, "early")) {
        part = -1;
        return k + 1;
    }
    if (word(k, "late")) {
        part = 1;
        return k + 1;
    }
    if (word(k, "mid")) {
        part = 2;
        return punct(k + 1, "-") ? k + 2 : k + 1;
    }
    return k;
}

int Matcher::counted_month(std::size_t k) const {
    // a capitalised month: "last may" is no month
    if (k + 1 >= m_t.size() || m_t[k + 1].kind != Kind::word || !m_t[k + 1].capitalised ||
        !is_full_month(m_t[k + 1].text)) {
        return 2;
    }
    if (word(k, "last") || word(k, "previous"))
        return -1;
    if (word(k, "next") || word(k, "coming"))
        return 1;
    return word(k, "this") ? 0 : 2;
}

std::optional<Match> Matcher::month_year(std::size_t i) const {
    // [since|until|in|early|mid|late] February [of] [2025]
    std::size_t k = i;
    bool since = false, until = false;
    int part = 0; // -1 early, 0 whole, 1 late, 2 mid
    bool cue = false;
    if (word(k, "since") || word(k, "from")) {
        since = word(k, "since");
        cue = true;
        ++k;
    } else if (word(k, "until") || word(k, "till") || word(k, "by")) {
        until = true;
        cue = true;
        ++k;
    } else if (word(k, "in") || word(k, "during") || word(k, "of") || word(k, "for")) {
        cue = true;
        ++k;
    }
    // "last September", "next March", "this June": the month counted from the reference's
    const int which = counted_month(k);
    if (which != 2) {
        cue = true;
        ++k;
    }
    if (const std::size_t after = month_part(k, part); after > k) {
        k = after;
        cue = true;
    }
    std::optional<int> year;
    if (number(k) && m_t[k].text.size() == 4 && k + 1 < m_t.size() &&
        m_t[k + 1].kind == Kind::word && month_of(m_t[k + 1].text) > 0) {
        year = static_cast<int>(m_t[k].value); // "2024 August"
        ++k;
    }
    if (k >= m_t.size() || m_t[k].kind != Kind::word)
        return std::nullopt;
    const int month = month_of(m_t[k].text);
    if (month == 0)
        return std::nullopt;
    // "32 August 2014": a number before the month that was no valid day is not skipped over
    if (k > 0 &&
        (number(k - 1) || (word(k - 1, "of") && k > 1 && number(k - 2)) ||
         ((punct(k - 1, "-") || punct(k - 1, "/")) && k > 1 && number(k - 2))) &&
        !year) {
        return std::nullopt;
    }
    std::size_t last = k;
    std::size_t y = k + 1;
    if (punct(y, ".") && adjacent(y))
        ++y;
    if (word(y, "of") || punct(y, ",") || ((punct(y, "-") || punct(y, "/")) && adjacent(y)))
        ++y;
    if (!year && number(y) && m_t[y].text.size() == 4) {
        year = static_cast<int>(m_t[y].value);
        last = y;
    } else if (const auto yp = year_phrase(y);
               !year && which == 2 && yp && !number(y) && !word(y, "the")) {
        year = yp->first; // "in January last year", "March of this year"
        last = yp->second - 1;
    }
    if (!year && which != 2 && m_ref) {
        const int ref_month = static_cast<int>(m_ref->day.month);
        const int y0 = m_ref->day.year;
        year = which == 0  ? y0
               : which < 0 ? (month < ref_month ? y0 : y0 - 1)
                           : (month > ref_month ? y0 : y0 + 1);
    }

    if (!year) {
        // A month alone must be a full, capitalised name after a cue: "in April", not "may"
        if (!cue || !m_t[k].capitalised || !m_ref ||
            (!is_full_month(m_t[k].text) &&
             !(word(i, "in") || word(i, "since") || word(i, "until")))) {
            return std::nullopt;
        }
    }
    CivilDay a;
    if (year) {
        a = *CivilDay::make(*year, static_cast<unsigned>(month), 1);
    } else {
        const auto d = infer_year(static_cast<unsigned>(month), 15, -1, i);
        if (!d)
            return std::nullopt;
        a = *CivilDay::make(d->year, static_cast<unsigned>(month), 1);
        // a month alone takes the clause's tense: "collapsed in July" (read in March) is the
        // July before, "will reopen in February" (read in November) the one after
        const TimeDirection t = m_o.forward ? TimeDirection::future : tense(i);
        if (t == TimeDirection::past && a > m_ref->day)
            a = a.plus_months(-12);
        else if (t == TimeDirection::future && a.plus_months(1).plus_days(-1) < m_ref->day)
            a = a.plus_months(12);
    }
    CivilDay b = a.plus_months(1).plus_days(-1);
    if (part == -1)
        b = a.plus_days(9);
    if (part == 1)
        a = a.plus_days(20);
    if (part == 2) {
        a = a.plus_days(10);
        b = a.plus_days(9);
    }
    Match m = make(i, last, a, b, TimePrecision::month, !year || which != 2);
    m.timex.mod = part == -1  ? TimexMod::start
                  : part == 1 ? TimexMod::end
                  : part == 2 ? TimexMod::mid
                              : TimexMod::none;
    if (since && m_ref) {
        m.timex.last = m_ref->day;
        m.timex.open_end = true;
    }
    if (until)
        m.timex.open_start = true;
    if (!year && !since && !until && !m_o.forward)
        m.anaphor = Anaphor::month;
    return m;
}

bool Matcher::determined_year(std::size_t k) const {
    // a determiner, a four-digit year up to the reference's, then a noun it modifies; a
    // count ("the 2000 migrants") names its counted things, so those nouns are left out
    static constexpr std::array kDeterminers{"the", "its", "their", "his", "her", "a", "an"};
    static constexpr std::array kCounted{
        "people",   "persons",   "migrants",   "refugees",   "families", "troops",   "soldiers",
        "fighters", "civilians", "members",    "men",        "women",    "children", "homes",
        "houses",   "vehicles",  "dollars",    "euros",      "dinars",   "barrels",  "tonnes",
        "tons",     "km",        "kilometres", "kilometers", "metres",   "meters",   "miles"};
    if (!std::any_of(kDeterminers.begin(), kDeterminers.end(),
                     [&](const char* d) { return word(k, d); })) {
        return false;
    }
    const std::size_t y = k + 1;
    if (!number(y) || m_t[y].text.size() != 4 || m_t[y].value < 1900 ||
        (m_ref && m_t[y].value > m_ref->day.year + 1) || m_t[y].value > 2100) {
        return false;
    }
    const std::size_t n = y + 1;
    if (n >= m_t.size() || m_t[n].kind != Kind::word || !m_t[n].space_before ||
        m_t[n].capitalised) {
        return false;
    }
    return std::none_of(kCounted.begin(), kCounted.end(),
                        [&](const char* c) { return m_t[n].text == c; });
}

std::optional<Match> Matcher::year_alone(std::size_t i) const {
    std::size_t k = i;
    bool since = false;
    if (word(k, "since")) {
        since = true;
        ++k;
    } else if (const bool cue = word(k, "in") || word(k, "during") || word(k, "until") ||
                                word(k, "by") || word(k, "before") || word(k, "after") ||
                                word(k, "of") || word(k, "from");
               // or the second year of "in 2009 and 2010"
               cue || ((word(k, "and") || word(k, "or")) && k > 0 && number(k - 1) &&
                       m_t[k - 1].text.size() == 4 && m_t[k - 1].value >= 1900 &&
                       m_t[k - 1].value <= 2100)) {
        ++k;
    } else if (determined_year(k)) {
        // "the 1998 bombings", "its 2019 offensive": a year naming which happening
        Match m = make(k + 1, k + 1, *CivilDay::make(static_cast<int>(m_t[k + 1].value), 1, 1),
                       *CivilDay::make(static_cast<int>(m_t[k + 1].value), 12, 31),
                       TimePrecision::year, false);
        m.timex.attributive = true;
        return m;
    } else {
        return std::nullopt;
    }
    if (!number(k) || m_t[k].text.size() != 4 || m_t[k].value < 1900 || m_t[k].value > 2100) {
        return std::nullopt;
    }
    // "in 2025 people" fine; "in 1500 homes" excluded by the range; a following unit word
    // ("2000 people") is a count, not a year
    if (k + 1 < m_t.size() && m_t[k + 1].kind == Kind::word && !m_t[k + 1].space_before) {
        return std::nullopt;
    }
    const int y = static_cast<int>(m_t[k].value);
    Match m = make(i, k, *CivilDay::make(y, 1, 1), *CivilDay::make(y, 12, 31), TimePrecision::year,
                   false);
    m.timex.start = m_t[k].begin; // the cue word is not part of the expression
    if (since && m_ref) {
        m.timex.start = m_t[i].begin;
        m.timex.last = m_ref->day;
        m.timex.open_end = true;
    }
    return m;
}

std::optional<Match> Matcher::casual(std::size_t i) const {
    if (!m_ref || m_o.strict)
        return std::nullopt;
    const CivilDay r = m_ref->day;
    const auto one = [&](std::size_t last, CivilDay d, int minute = -1) {
        Match m = make(i, last, d, d, TimePrecision::day, true);
        m.timex.minute_of_day = minute;
        if (minute >= 0)
            m.timex.precision = TimePrecision::time;
        extend_with_time(m, last + 1);
        return m;
    };
    if (word(i, "today") || word(i, "tonight"))
        return one(i, r);
    if (word(i, "now") && !(i + 1 < m_t.size() && m_t[i + 1].kind == Kind::word &&
                            (m_t[i + 1].text == "that" || m_t[i + 1].text == "on"))) {
        Match m = one(i, r, m_ref->minute_of_day);
        m.timex.value = "PRESENT_REF";
        m.timex.type = TimexType::date;
        return m;
    }
    if (word(i, "yesterday"))
        return one(i, r.plus_days(-1));
    if (word(i, "tomorrow") || (word(i, "tmr") && i + 1 >= m_t.size()))
        return one(i, r.plus_days(1));
    if (word(i, "last") && word(i + 1, "night"))
        return one(i + 1, r.plus_days(-1));
    if (word(i, "this") &&
        (word(i + 1, "morning") || word(i + 1, "afternoon") || word(i + 1, "evening"))) {
        return one(i + 1, r);
    }
    if (word(i, "the") && word(i + 1, "day") && word(i + 2, "before") && word(i + 3, "yesterday")) {
        return one(i + 3, r.plus_days(-2));
    }
    if (word(i, "the") && word(i + 1, "day") && word(i + 2, "after") && word(i + 3, "tomorrow")) {
        return one(i + 3, r.plus_days(2));
    }
    if (word(i, "midnight")) {
        // the closest midnight to the reference
        const int minute = std::max(0, m_ref->minute_of_day);
        return one(i, minute >= 12 * 60 ? r.plus_days(1) : r, 0);
    }
    return std::nullopt;
}

UnitsCue Matcher::units_cue(std::size_t i) const {
    UnitsCue cue;
    std::size_t k = i;
    if (word(k, "in") || word(k, "within") || word(k, "after") || punct(k, "+")) {
        cue.sign = 1;
        ++k;
    } else if (word(k, "give") && word(k + 1, "it")) {
        cue.sign = 1;
        k += 2;
    } else if (word(k, "for")) {
        cue.sign = 1;
        cue.reading = UnitsReading::duration;
        ++k;
    } else if (word(k, "next")) {
        cue.sign = 1;
        cue.reading = UnitsReading::ahead;
        ++k;
    } else if ((word(k, "past") || word(k, "last")) &&
               !(word(k + 1, "about") || word(k + 1, "around") || word(k + 1, "roughly") ||
                 word(k + 1, "approximately"))) {
        // "will last about six months" is the verb
        cue.sign = -1;
        cue.reading = UnitsReading::back;
        ++k;
    } else if (punct(k, "-") && number(k + 1) && adjacent(k + 1)) {
        cue.sign = -1;
        ++k;
    }
    while (word(k, "about") || word(k, "around") || word(k, "approximately") ||
           word(k, "roughly") || punct(k, "~")) {
        ++k; // "in about 5 hours"
    }
    cue.next = k;
    return cue;
}

std::optional<std::pair<double, std::size_t>> Matcher::quantity(std::size_t k) const {
    if (number(k) && m_t[k].text.size() <= 4) {
        auto n = static_cast<double>(m_t[k].value);
        std::size_t u = k + 1;
        if (punct(u, ".") && adjacent(u) && number(u + 1) && adjacent(u + 1) &&
            m_t[u + 1].text.size() == 1) {
            n += static_cast<double>(m_t[u + 1].value) / 10.0; // "1.5 hours"
            u += 2;
        }
        return std::make_pair(n, u);
    }
    if (k >= m_t.size() || m_t[k].kind != Kind::word)
        return std::nullopt;
    double n = number_word(m_t[k].text);
    if (n < 0)
        return std::nullopt;
    std::size_t u = k + 1;
    if (m_t[k].text == "a" && word(u, "few")) {
        n = 3;
        ++u;
    }
    if (m_t[k].text == "a" && word(u, "couple")) {
        n = 2;
        ++u;
        if (word(u, "of"))
            ++u;
    }
    if (m_t[k].text == "half" && (word(u, "an") || word(u, "a")))
        ++u;
    return std::make_pair(n, u);
}

void Amount::add(Unit unit, double n) {
    switch (unit) {
    case Unit::second:
    case Unit::none:
        break;
    case Unit::minute:
        minutes += static_cast<int>(n);
        break;
    case Unit::hour:
        minutes += static_cast<int>(n * 60);
        break;
    case Unit::day:
        days += static_cast<std::int64_t>(n);
        break;
    case Unit::week:
        days += static_cast<std::int64_t>(n * 7);
        break;
    case Unit::month:
        months += static_cast<int>(n);
        break;
    case Unit::quarter:
        months += static_cast<int>(n * 3);
        break;
    case Unit::year:
        months += static_cast<int>(n * 12);
        break;
    case Unit::decade:
        months += static_cast<int>(n * 120);
        break;
    case Unit::century:
        months += static_cast<int>(n * 1200);
        break;
    }
    stated[static_cast<std::size_t>(unit)] += n;
    if (finest == Unit::none || unit < finest)
        finest = unit;
    ++count;
}

Amount Matcher::amount(std::size_t k) const {
    Amount a;
    // at most one quantity per unit ("1 year, 2 months, 3 weeks, 4 days, 5 hours, 6 minutes,
    // 7 seconds"): a bounded read keeps a run of "201s 201s ..." linear
    while (k < m_t.size() && a.count < 7) {
        const auto q = quantity(k);
        if (!q) {
            if (a.count > 0 && (punct(k, ",") || word(k, "and")) && quantity(k + 1)) {
                // "2 hours, 30 minutes", "one hour and 30 minutes"
                ++k;
                continue;
            }
            break;
        }
        const std::size_t u = q->second;
        if (u >= m_t.size() || m_t[u].kind != Kind::word)
            break;
        const std::string& name = m_t[u].text;
        const Unit unit = unit_of(name);
        // formal reading: units spelled out ("5 minutes", not "5m")
        if (m_o.strict && unit != Unit::none && name.size() <= 3 && name != "day")
            break;
        // one-letter units only glued to the number ("15min", "+1m", "3mo")
        if (unit == Unit::none || (name.size() <= 2 && m_t[u].space_before && name != "mo"))
            break;
        a.add(unit, q->first);
        a.last = u;
        k = u + 1;
    }
    return a;
}

std::size_t Matcher::units_direction(std::size_t last, int& sign) const {
    if (word(last + 1, "ago") || word(last + 1, "before") || word(last + 1, "earlier")) {
        sign = -1;
        return last + 1;
    }
    if (word(last + 1, "later") || word(last + 1, "after") || word(last + 1, "hence") ||
        (word(last + 1, "out") && !m_o.strict)) {
        sign = 1;
        return last + 1;
    }
    if (word(last + 1, "from") && word(last + 2, "now")) {
        sign = 1;
        return last + 2;
    }
    return last;
}

std::optional<Match> Matcher::anchor_day(std::size_t at) const {
    static constexpr std::array<Pattern, 5> kAnchors = {&Matcher::casual, &Matcher::weekday,
                                                        &Matcher::iso_date, &Matcher::day_month,
                                                        &Matcher::month_day};
    return longest_match(at, kAnchors, true);
}

Match Matcher::units_match(std::size_t i, std::size_t end, const UnitsCue& cue, const Amount& a,
                           CivilDay base, int sign) const {
    // minutes roll the day over
    const int ref_minute = std::max(0, m_ref->minute_of_day);
    const int total_minutes = ref_minute + sign * a.minutes;
    std::int64_t day_shift = sign * a.days;
    day_shift += total_minutes >= 0 ? total_minutes / (24 * 60)
                                    : -((-total_minutes + 24 * 60 - 1) / (24 * 60));
    const CivilDay target = base.plus_months(sign * a.months).plus_days(day_shift);
    // the day the amount reaches; "past 3 days" runs from it to the reference, "for 3 days"
    // from the reference to it
    CivilDay from = target;
    CivilDay to = target;
    if (cue.reading == UnitsReading::back)
        to = m_ref->day;
    else if (cue.reading == UnitsReading::duration)
        from = m_ref->day;
    const bool timed = a.finest <= Unit::hour;
    Match m = make(i, end, std::min(from, to), std::max(from, to),
                   timed ? TimePrecision::time : TimePrecision::day, true);
    if (timed)
        m.timex.minute_of_day = ((total_minutes % 1440) + 1440) % 1440;
    if (cue.reading == UnitsReading::duration) {
        m.timex.type = TimexType::duration;
        m.timex.value = duration_value(a);
        if (a.count == 1 && (word(cue.next, "several") || word(cue.next, "few") ||
                             (word(cue.next, "a") && word(cue.next + 1, "few")))) {
            m.timex.value = vague_duration_value(a.finest); // "for several days": PXD
        }
    } else if (cue.reading == UnitsReading::offset && a.count == 1 && a.finest >= Unit::month) {
        // "three years ago" is a year, "six months ago" a month (the range stays the day)
        char buf[40];
        if (a.finest >= Unit::year)
            std::snprintf(buf, sizeof buf, "%04d", target.year);
        else
            std::snprintf(buf, sizeof buf, "%04d-%02u", target.year, target.month);
        m.timex.value = buf;
    }
    return m;
}

std::optional<Match> Matcher::units(std::size_t i) const {
    // [in|within|for|after|next|past|last|+] N unit [N unit]* [ago|later|from now|before|after]
    // Formal (strict) reading keeps only the explicit "N units ago/later/from now".
    if (!m_ref)
        return std::nullopt;
    const UnitsCue cue = units_cue(i);
    // "for a second round of talks", "a second attack": the ordinal, not a second of time
    // ("a second later" stays one)
    if ((word(cue.next, "a") || word(cue.next, "one")) && word(cue.next + 1, "second") &&
        cue.next + 2 < m_t.size() && m_t[cue.next + 2].kind == Kind::word &&
        !word(cue.next + 2, "later") && !word(cue.next + 2, "ago") &&
        !word(cue.next + 2, "before") && !word(cue.next + 2, "after") &&
        !word(cue.next + 2, "earlier") && !word(cue.next + 2, "from")) {
        return std::nullopt;
    }
    const Amount a = amount(cue.next);
    if (a.count == 0)
        return std::nullopt;
    int sign = cue.sign;
    std::size_t end = units_direction(a.last, sign);
    if (sign == 0)
        return std::nullopt; // "5 days" alone is a duration without anchor
    // "killed in four days of fighting", "within two weeks of talks": a length of what
    // follows, not a day counted ahead
    if (cue.reading == UnitsReading::offset && end == a.last && word(a.last + 1, "of"))
        return std::nullopt;
    // "resigning after 18 months in the post", "freed after five years in prison": the length
    // of a stay, not a day counted ahead
    if (word(i, "after") && end == a.last && (word(a.last + 1, "in") || word(a.last + 1, "at")))
        return std::nullopt;
    if (word(i, "in") && end == a.last && after_superlative(i))
        return std::nullopt;
    if (m_o.strict && end == a.last)
        return std::nullopt;
    // "2 days after next Friday", "a week before 12 May": counted from the day the anchor
    // names, else from the reference
    CivilDay base = m_ref->day;
    if ((word(end, "before") || word(end, "after")) && !m_o.strict) {
        if (const auto anchor = anchor_day(end + 1)) {
            base = anchor->timex.first;
            end = anchor->last_token;
        } else if (cue.sign == 0 && counted_from_event(end)) {
            return std::nullopt; // the amount alone is a length (duration())
        }
    }
    Match m = units_match(i, end, cue, a, base, sign);
    m.from_units = true;
    return m;
}

std::optional<Match> Matcher::relative_period(std::size_t i) const {
    // this/last/next/past week|month|year|weekend|day|hour; earlier/later this month
    if (!m_ref || m_o.strict)
        return std::nullopt;
    const CivilDay r = m_ref->day;
    std::size_t k = i;
    bool earlier = false, later = false;
    if (word(k, "earlier")) {
        earlier = true;
        ++k;
    } else if (word(k, "later")) {
        later = true;
        ++k;
    }
    int which = 0; // -1 last, 0 this, 1 next
    if (word(k, "last") || word(k, "past") || word(k, "previous"))
        which = -1;
    else if (word(k, "next") || word(k, "coming"))
        which = 1;
    else if (word(k, "this") || word(k, "the"))
        which = 0;
    else
        return std::nullopt;
    if ((earlier || later) && which != 0)
        return std::nullopt;
    const std::size_t u = k + 1;
    if (u >= m_t.size() || m_t[u].kind != Kind::word)
        return std::nullopt;
    const std::string& w = m_t[u].text;
    // "killed at the weekend", "fighting over the weekend": the weekend the tense points to
    const bool the_weekend = word(k, "the") && w == "weekend" && i > 0 &&
                             (word(i - 1, "at") || word(i - 1, "over") || word(i - 1, "during"));
    if (word(k, "the") && !(earlier || later) && !the_weekend)
        return std::nullopt;
    if (w == "week") {
        const CivilDay d = r.plus_days(7 * static_cast<std::int64_t>(which));
        Match m = make(i, u, d, d, TimePrecision::week, true);
        if (which == 0) {
            // within the ISO week (Monday to Sunday) its value names: "earlier this week" or a
            // past tense ("fighting went on this week") up to the reference, otherwise from it
            // on (chrono-node's reading of a bare "this week" starts at the reference too)
            const int since_monday = (static_cast<int>(r.weekday()) + 6) % 7;
            const CivilDay monday = r.plus_days(-since_monday);
            const bool before = earlier || (!later && pick_by_tense(i) < 0);
            m.timex.first = before ? monday : r;
            m.timex.last = before ? r : monday.plus_days(6);
        }
        return m;
    }
    if (w == "weekend") {
        // the Saturday-Sunday before, of, or after the reference's week
        const int wd = static_cast<int>(r.weekday());
        CivilDay sat = r.plus_days(6 - wd);
        if (which == -1)
            sat = sat.plus_days(-7);
        if (which == 1)
            sat = sat.plus_days(7);
        if (the_weekend && pick_by_tense(i) < 0 && wd != 0 && wd != 6)
            sat = sat.plus_days(-7); // told in the past on a weekday: the one just gone
        if (the_weekend && wd == 0)
            sat = r.plus_days(-1); // on a Sunday: this one
        Match m = make(i, u, sat, sat.plus_days(1), TimePrecision::day, true);
        m.timex.value = iso_week(sat) + "-WE"; // TIMEX3's weekend of an ISO week
        return m;
    }
    if ((w == "weekday" || w == "workday") && which != 0 && !earlier && !later) {
        // "next weekday": the first working day (Monday to Friday) after the reference;
        // "last weekday": the last one before it
        CivilDay d = r.plus_days(which);
        while (d.weekday() == 0 || d.weekday() == 6)
            d = d.plus_days(which);
        return make(i, u, d, d, TimePrecision::day, true);
    }
    if (w == "month") {
        const CivilDay first = *CivilDay::make(r.year, r.month, 1);
        const CivilDay a = first.plus_months(which);
        Match m = make(i, u, a, a.plus_months(1).plus_days(-1), TimePrecision::month, true);
        if (earlier)
            m.timex.last = r;
        if (later)
            m.timex.first = r;
        return m;
    }
    if (w == "year") {
        if (which == 0) {
            Match m = make(i, u, *CivilDay::make(r.year, 1, 1), *CivilDay::make(r.year, 12, 31),
                           TimePrecision::year, true);
            if (earlier)
                m.timex.last = r;
            if (later)
                m.timex.first = r;
            return m;
        }
        const CivilDay d = r.plus_months(12 * which);
        Match m = make(i, u, d, d, TimePrecision::year, true);
        m.timex.first = which < 0 ? *CivilDay::make(d.year, 1, 1) : d;
        m.timex.last = which < 0 ? *CivilDay::make(d.year, 12, 31) : d;
        return m;
    }
    if (w == "day") {
        const CivilDay d = r.plus_days(which == 0 ? 0 : which);
        return make(i, u, d, d, TimePrecision::day, true);
    }
    if (w == "hour") {
        return make(i, u, r, r, TimePrecision::time, true);
    }
    if (w == "quarter" || w == "qtr") {
        const CivilDay d = r.plus_months(3 * which);
        Match m = make(i, u, d, d, TimePrecision::day, true);
        char buf[40];
        std::snprintf(buf, sizeof buf, "%04d-Q%u", d.year, (d.month - 1) / 3 + 1);
        m.timex.value = buf;
        return m;
    }
    return std::nullopt;
}

std::optional<Match> Matcher::weekday(std::size_t i) const {
    // [on|last|past|next|this|coming] Weekday [next week|last week|, next week]
    if (!m_ref || m_o.strict)
        return std::nullopt;
    std::size_t k = i;
    int mode = 0; // 0 bare, -1 last, 1 next, 2 this
    if (word(k, "on")) {
        ++k;
    } else if (word(k, "last") || word(k, "past") || word(k, "previous")) {
        mode = -1;
        ++k;
    } else if (word(k, "next") || word(k, "coming")) {
        mode = 1;
        ++k;
    } else if (word(k, "this")) {
        mode = 2;
        ++k;
    }
    if (k >= m_t.size() || m_t[k].kind != Kind::word)
        return std::nullopt;
    const int wd = weekday_of(m_t[k].text);
    if (wd < 0)
        return std::nullopt;
    // abbreviations only when capitalised ("Sat" but not "sat")
    if (m_t[k].text.size() <= 4 && !m_t[k].capitalised && m_t[k].text != "tues")
        return std::nullopt;
    const CivilDay r = m_ref->day;
    const int rw = static_cast<int>(r.weekday());
    std::size_t last = k;
    int week_shift = 0;
    std::size_t w = k + 1;
    if (punct(w, ",") || word(w, "of"))
        ++w;
    if ((word(w, "next") || word(w, "last")) && word(w + 1, "week")) {
        week_shift = word(w, "next") ? 1 : -1;
        last = w + 1;
    }
    int delta = 0;
    // weekdays counted Monday = 0 .. Sunday = 6, weeks starting on Monday (ISO 8601)
    const int iso_wd = (wd + 6) % 7;
    const int iso_rw = (rw + 6) % 7;
    if (week_shift != 0 || mode == 1) {
        // "next Saturday", "Friday next week": that weekday in the following week
        delta = iso_wd - iso_rw + 7 * (week_shift != 0 ? week_shift : 1);
    } else if (mode == -1) {
        delta = wd - rw;
        if (delta >= 0)
            delta -= 7;
    } else if (mode == 2) {
        delta = wd - rw;
        if (delta < 0)
            delta += 7;
    } else {
        // bare or "on": the tense decides, else the closest occurrence
        const TimeDirection dir = m_o.forward ? TimeDirection::future : tense(k);
        const int back = (rw - wd + 7) % 7;  // days back to the last such weekday (0 = today)
        const int ahead = (wd - rw + 7) % 7; // days ahead to the next
        // In a sentence (not a bare phrase) with no future marker, reports speak of the past.
        const bool sentence = m_t.size() >= 5;
        if (dir == TimeDirection::past || (dir == TimeDirection::present && sentence))
            delta = -back;
        else if (dir == TimeDirection::future)
            delta = ahead;
        else
            delta = ahead <= back ? ahead : -back; // a bare weekday: the nearer one
    }
    const CivilDay d = r.plus_days(delta);
    Match m = make(i, last, d, d, TimePrecision::day, true);
    if (mode == 0 && week_shift == 0 && !m_o.forward)
        m.anaphor = Anaphor::weekday;
    extend_with_time(m, last + 1);
    return m;
}

std::optional<Match> Matcher::time_alone(std::size_t i) const {
    if (!m_ref || m_o.strict)
        return std::nullopt;
    std::size_t k = i;
    const bool at = word(k, "at");
    if (at)
        ++k;
    const auto tod = time_of_day(k, !at);
    if (!tod)
        return std::nullopt;
    // a time of the reference day, unless the clause looks ahead and that time has passed
    CivilDay day = m_ref->day;
    if (m_ref->minute_of_day >= 0 && tod->first < m_ref->minute_of_day &&
        (tense(i) == TimeDirection::future || m_o.forward)) {
        day = day.plus_days(1);
    }
    Match m = make(i, tod->second - 1, day, day, TimePrecision::time, true);
    m.timex.minute_of_day = tod->first;
    if (!m_o.forward)
        m.anaphor = Anaphor::time_of_day;
    std::size_t end = tod->second;
    if (punct(end, "-") || word(end, "to") || word(end, "till") || word(end, "until")) {
        if (auto tod2 = time_of_day(end + 1, false)) {
            // "8pm - 11": an end without am/pm stays in the afternoon of its start
            int end_minute = tod2->first;
            if (end_minute < 720 && tod->first >= 720 && end_minute + 720 > tod->first &&
                number(tod2->second - 1)) {
                end_minute += 720;
            }
            m.timex.end_minute_of_day = end_minute;
            if (end_minute < tod->first)
                m.timex.last = day.plus_days(1);
            end = tod2->second;
        }
    }
    m.last_token = end - 1;
    m.timex.end = m_t[end - 1].end;
    return m;
}

void Matcher::finish(Timex& t) const {
    t.text = std::string(m_text.substr(t.start, t.end - t.start));
    // a date or time counted from the reference ("yesterday", "on Tuesday", "in July")
    if (m_ref && t.relative && t.anchor.empty() &&
        (t.type == TimexType::date || t.type == TimexType::time))
        t.anchor = m_ref->day.iso();
    if (m_ref) {
        if (t.last < m_ref->day)
            t.direction = TimeDirection::past;
        else if (t.first > m_ref->day)
            t.direction = TimeDirection::future;
        else
            t.direction = TimeDirection::present;
    }
    if (t.value.empty()) {
        t.type = t.precision == TimePrecision::time ? TimexType::time : TimexType::date;
        char buf[64];
        switch (t.precision) {
        case TimePrecision::time:
            std::snprintf(buf, sizeof buf, "%sT%02d:%02d", t.first.iso().c_str(),
                          std::max(0, t.minute_of_day) / 60, std::max(0, t.minute_of_day) % 60);
            break;
        case TimePrecision::day:
            std::snprintf(buf, sizeof buf, "%s", t.first.iso().c_str());
            break;
        case TimePrecision::week:
            std::snprintf(buf, sizeof buf, "%s", iso_week(t.first).c_str());
            break;
        case TimePrecision::month:
            std::snprintf(buf, sizeof buf, "%04d-%02u", t.first.year, t.first.month);
            break;
        case TimePrecision::year:
        case TimePrecision::decade:
            std::snprintf(buf, sizeof buf, "%04d", t.first.year);
            break;
        }
        t.value = buf;
    }
}

std::optional<Match> Matcher::longest_match(std::size_t at, std::span<const Pattern> patterns,
                                            bool days_only) const {
    std::optional<Match> best;
    for (const Pattern pattern : patterns) {
        auto m = (this->*pattern)(at);
        if (m && (!days_only || m->timex.precision == TimePrecision::day) &&
            (!best || m->last_token > best->last_token)) {
            best = std::move(m);
        }
    }
    return best;
}

std::optional<Match> Matcher::date_at(std::size_t at) const {
    static constexpr std::array<Pattern, 7> kDates = {
        &Matcher::iso_date,   &Matcher::numeric_date, &Matcher::day_month, &Matcher::month_day,
        &Matcher::month_year, &Matcher::casual,       &Matcher::weekday};
    return longest_match(at, kDates);
}

void Matcher::join_day_after_time(Match& best) const {
    if (best.timex.precision != TimePrecision::time || !best.timex.relative)
        return;
    std::size_t k = best.last_token + 1;
    // the stop of "p.m." ("at 8 p.m. on Tuesday"), which the time left for a sentence's end
    if (punct(k, ".") && adjacent(k) && word(k - 1, "m") && word(k + 1, "on"))
        ++k;
    // "8:23 AM, Jul 9", "8:23 AM \u2219 Jul 9" (a bullet, as social posts print it)
    if (punct(k, ",") || punct(k, "\xE2\x88\x99") || punct(k, "\xC2\xB7") || punct(k, "|") ||
        word(k, "on")) {
        ++k;
    }
    if (auto date = date_at(k); date && date->timex.precision == TimePrecision::day) {
        const int minute = best.timex.minute_of_day;
        const std::size_t start = best.timex.start;
        best = std::move(*date);
        best.timex.start = start;
        best.timex.minute_of_day = minute;
        best.timex.precision = TimePrecision::time;
    }
}

void Matcher::join_date_after_weekday(Match& best, std::size_t i) const {
    if (!best.timex.relative || best.timex.precision != TimePrecision::day ||
        best.last_token != i + (word(i, "on") ? 1 : 0) || m_t[best.last_token].kind != Kind::word ||
        weekday_of(m_t[best.last_token].text) < 0) {
        return;
    }
    std::size_t k = best.last_token + 1;
    if (punct(k, ","))
        ++k;
    if (auto date = date_at(k); date && !date->timex.relative) {
        const std::size_t start = best.timex.start;
        best = std::move(*date);
        best.timex.start = start;
    }
}

void Matcher::shift_by_offset(Match& best) const {
    const std::size_t after = best.last_token + 1;
    if (best.timex.precision != TimePrecision::day || !(punct(after, "+") || punct(after, "-")) ||
        !number(after + 1)) {
        return;
    }
    if (auto offset = units(after); offset && offset->timex.precision == TimePrecision::day) {
        const std::int64_t shift = offset->timex.first.serial() - m_ref->day.serial();
        best.timex.first = best.timex.first.plus_days(shift);
        best.timex.last = best.timex.last.plus_days(shift);
        best.timex.end = offset->timex.end;
        best.last_token = offset->last_token;
    }
}

void Matcher::join_range(Match& best) const {
    const std::size_t after = best.last_token + 1;
    if (!(punct(after, "-") || word(after, "to") || word(after, "until") || word(after, "till") ||
          word(after, "through"))) {
        return;
    }
    auto second = date_at(after + 1);
    // "Tripoli, 9 November 2013 - Thursday night's battles": a dateline's dash before a
    // weekday alone; a range of weekdays starts with one ("Monday - Friday")
    if (second && second->anaphor == Anaphor::weekday && best.anaphor != Anaphor::weekday)
        return;
    // "Monday to Friday": the second weekday follows the first
    while (second && second->timex.relative && second->timex.last < best.timex.first &&
           second->timex.first.serial() + 7 - best.timex.first.serial() <= 7) {
        second->timex.first = second->timex.first.plus_days(7);
        second->timex.last = second->timex.last.plus_days(7);
    }
    // "10 August - 12 September 2013", "Aug 10 - Nov 12, 2011": the year of the second date
    // also dates the first
    if (second && best.timex.relative && !second->timex.relative &&
        best.timex.precision == TimePrecision::day) {
        const int y =
            second->timex.last.year - (best.timex.first.month > second->timex.last.month ? 1 : 0);
        if (const auto d = CivilDay::make(y, best.timex.first.month, best.timex.first.day)) {
            const std::int64_t span = best.timex.last.serial() - best.timex.first.serial();
            best.timex.first = *d;
            best.timex.last = d->plus_days(span);
            best.timex.relative = false;
        }
    }
    if (second && second->timex.last >= best.timex.first) {
        best.timex.last = second->timex.last;
        best.timex.end = second->timex.end;
        best.last_token = second->last_token;
        if (best.timex.precision == TimePrecision::time)
            best.timex.precision = TimePrecision::day;
    }
}

void Matcher::date_by_following_year(Match& best) const {
    const std::size_t y = best.last_token + 1;
    if (!best.timex.relative || best.timex.minute_of_day < 0 || !number(y) ||
        m_t[y].text.size() != 4 || m_t[y].value < 1900 || m_t[y].value > 2100) {
        return;
    }
    if (const auto d = CivilDay::make(static_cast<int>(m_t[y].value), best.timex.first.month,
                                      best.timex.first.day)) {
        const std::int64_t span = best.timex.last.serial() - best.timex.first.serial();
        best.timex.first = *d;
        best.timex.last = d->plus_days(span);
        best.timex.relative = false;
        best.timex.end = m_t[y].end;
        best.last_token = y;
    }
}

// ---- TimeML constructions ------------------------------------------------------------------

/// A season's code and months: SP March-May, SU June-August, FA September-November, WI
/// December to February (of the year it starts in).
struct SeasonInfo {
    std::string_view code;
    unsigned first_month;
};

std::optional<SeasonInfo> season_of(std::string_view w) {
    if (w == "spring")
        return SeasonInfo{"SP", 3};
    if (w == "summer")
        return SeasonInfo{"SU", 6};
    if (w == "autumn" || w == "fall")
        return SeasonInfo{"FA", 9};
    if (w == "winter")
        return SeasonInfo{"WI", 12};
    return std::nullopt;
}

std::pair<CivilDay, CivilDay> season_range(int year, const SeasonInfo& s) {
    const CivilDay a = *CivilDay::make(year, s.first_month, 1);
    return {a, a.plus_months(3).plus_days(-1)};
}

/// TIMEX3 letters of a part of the day, "" for none.
std::string_view day_part_of(std::string_view w) {
    if (w == "morning")
        return "MO";
    if (w == "afternoon")
        return "AF";
    if (w == "evening")
        return "EV";
    if (w == "night" || w == "tonight")
        return "NI";
    return "";
}

/// An ordinal word or number suffix: "first" 1 ... "fourth" 4, and for centuries up to 21.
int ordinal_word(std::string_view w) {
    static constexpr std::array<std::string_view, 21> kOrd = {
        "first",      "second",     "third",       "fourth",    "fifth",       "sixth",
        "seventh",    "eighth",     "ninth",       "tenth",     "eleventh",    "twelfth",
        "thirteenth", "fourteenth", "fifteenth",   "sixteenth", "seventeenth", "eighteenth",
        "nineteenth", "twentieth",  "twenty-first"};
    for (std::size_t k = 0; k < kOrd.size(); ++k) {
        if (w == kOrd[k])
            return static_cast<int>(k) + 1;
    }
    return 0;
}

std::pair<TimexMod, std::size_t> Matcher::length_bound(std::size_t k) const {
    if (word(k, "almost") || word(k, "nearly"))
        return {TimexMod::less_than, k + 1};
    if ((word(k, "less") || word(k, "fewer")) && word(k + 1, "than"))
        return {TimexMod::less_than, k + 2};
    if (word(k, "more") && word(k + 1, "than"))
        return {TimexMod::more_than, k + 2};
    if (word(k, "over"))
        return {TimexMod::more_than, k + 1};
    if (word(k, "no") && word(k + 1, "more") && word(k + 2, "than"))
        return {TimexMod::equal_or_less, k + 3};
    if ((word(k, "up") && word(k + 1, "to")) || (word(k, "at") && word(k + 1, "most")))
        return {TimexMod::equal_or_less, k + 2};
    if (word(k, "at") && word(k + 1, "least"))
        return {TimexMod::equal_or_more, k + 2};
    if (word(k, "about") || word(k, "around") || word(k, "approximately") || word(k, "roughly"))
        return {TimexMod::approx, k + 1};
    return {TimexMod::none, k};
}

std::optional<Match> Matcher::duration(std::size_t i) const {
    // [the past|the last|recent] [almost|more than|about...] (N unit | N-unit | several units)
    if (!m_o.lengths)
        return std::nullopt;
    std::size_t k = i;
    std::size_t first = i;
    bool back = false, vague = false;
    const auto plural_unit = [&](std::size_t at) {
        return at < m_t.size() && m_t[at].kind == Kind::word && m_t[at].text.ends_with('s') &&
               unit_of(m_t[at].text) != Unit::none && m_t[at].text.size() > 3;
    };
    if (word(k, "for") && plural_unit(k + 1) && !word(k + 2, "ago") && !word(k + 2, "of")) {
        // "for years", "for hours": a length with no number
        Match m = make(k + 1, k + 1, m_ref ? m_ref->day : CivilDay{},
                       m_ref ? m_ref->day : CivilDay{}, TimePrecision::day, true);
        m.timex.type = TimexType::duration;
        m.timex.value = vague_duration_value(unit_of(m_t[k + 1].text));
        return m;
    }
    if (word(k, "the") && (word(k + 1, "past") || word(k + 1, "last") || word(k + 1, "previous"))) {
        back = true;
        k += 2;
    } else if (word(k, "recent")) {
        vague = true;
        ++k;
    }
    const auto [mod, after] = length_bound(k);
    k = after;
    if (word(k, "several") || word(k, "many") || word(k, "few")) {
        vague = true;
        ++k;
    } else if (word(k, "a") && word(k + 1, "few")) {
        vague = true;
        k += 2;
    }
    Match m;
    if (vague) {
        if (!plural_unit(k))
            return std::nullopt;
        m = make(first, k, CivilDay{}, CivilDay{}, TimePrecision::day, true);
        m.timex.value = vague_duration_value(unit_of(m_t[k].text));
    } else if (back && k < m_t.size() && m_t[k].kind == Kind::word &&
               unit_of(m_t[k].text) >= Unit::day && !m_t[k].text.ends_with('s')) {
        // "the past week", "the past decade"
        m = make(first, k, CivilDay{}, CivilDay{}, TimePrecision::day, true);
        m.timex.value = unit_period(unit_of(m_t[k].text));
    } else if (const auto q = quantity(k); q && punct(q->second, "-") && adjacent(q->second) &&
                                           q->second + 1 < m_t.size() && adjacent(q->second + 1) &&
                                           unit_of(m_t[q->second + 1].text) != Unit::none) {
        // "three-month", "24-hour"; "30-year-old" is an age
        const std::size_t u = q->second + 1;
        if (punct(u + 1, "-") || word(u + 1, "old") || m_t[u].text.size() <= 2)
            return std::nullopt;
        m = make(first, u, CivilDay{}, CivilDay{}, TimePrecision::day, true);
        m.timex.value = unit_period(unit_of(m_t[u].text), q->first);
    } else {
        if ((word(k, "a") || word(k, "one")) && word(k + 1, "second"))
            return std::nullopt; // "a second attack"
        const Amount a = amount(k);
        // units spelled out ("5 days", not "5d" or "3y"), and no age ("30 years old")
        if (a.count == 0 || word(a.last + 1, "old") || m_t[a.last].text.size() < 3 ||
            m_t[a.last].text == "min" || m_t[a.last].text == "mins" || m_t[a.last].text == "hrs" ||
            m_t[a.last].text == "yrs")
            return std::nullopt;
        int sign = 0;
        if (const std::size_t dir = units_direction(a.last, sign);
            dir != a.last && !counted_from_event(dir)) {
            return std::nullopt; // "3 days ago" is a date
        }
        m = make(first, a.last, CivilDay{}, CivilDay{}, TimePrecision::day, true);
        m.timex.value = duration_value(a);
    }
    if (m_ref) {
        m.timex.first = m_ref->day;
        m.timex.last = m_ref->day;
    }
    if (back) {
        // "the past 3 days" keeps the range its date reading gives, up to the reference
        static constexpr std::array<Pattern, 2> kBack = {&Matcher::units,
                                                         &Matcher::relative_period};
        if (const auto d = longest_match(i + 1, kBack); d && d->last_token == m.last_token) {
            m.timex.first = d->timex.first;
            m.timex.last = d->timex.last;
            m.timex.precision = d->timex.precision;
            m.timex.minute_of_day = d->timex.minute_of_day;
            if (m_ref) {
                // anchored at the reference: it ends there (TIMEX3 beginPoint/endPoint)
                m.timex.begin_point = m.timex.first.iso();
                m.timex.end_point = m_ref->day.iso();
                m.timex.anchor = m_ref->day.iso();
            }
        }
    }
    m.timex.type = TimexType::duration;
    m.timex.mod = mod;
    return m;
}

std::optional<Match> Matcher::reference_word(std::size_t i) const {
    if (!m_ref || m_o.strict)
        return std::nullopt;
    std::string_view value;
    std::size_t last = i;
    if (word(i, "currently")) {
        value = "PRESENT_REF";
    } else if (word(i, "recently")) {
        value = "PAST_REF";
    } else if (word(i, "soon") && !word(i + 1, "after") && !word(i - 1, "as")) {
        value = "FUTURE_REF";
    } else if (word(i, "the") && word(i + 1, "past") &&
               !(i + 2 < m_t.size() && m_t[i + 2].kind != Kind::punct)) {
        value = "PAST_REF";
        last = i + 1;
    } else if (word(i, "the") && word(i + 1, "future")) {
        value = "FUTURE_REF";
        last = i + 1;
    } else if (word(i, "the") && word(i + 1, "near") && word(i + 2, "future")) {
        value = "FUTURE_REF";
        last = i + 2;
    } else {
        return std::nullopt;
    }
    Match m = make(i, last, m_ref->day, m_ref->day, TimePrecision::day, true);
    // "recently", "soon": some time in the two months before or after the reference (the
    // span the event layer gives "recent clashes"), not the reference day itself
    if (value == "PAST_REF") {
        m.timex.first = m_ref->day.plus_days(-60);
        m.timex.precision = TimePrecision::month;
    } else if (value == "FUTURE_REF") {
        m.timex.last = m_ref->day.plus_days(60);
        m.timex.precision = TimePrecision::month;
    }
    m.timex.value = value;
    m.timex.type = TimexType::date;
    return m;
}

std::optional<Match> Matcher::set_expression(std::size_t i) const {
    if (!m_ref || m_o.strict || !m_o.lengths)
        return std::nullopt;
    const CivilDay r = m_ref->day;
    const auto set = [&](std::size_t last, std::string value) {
        Match m = make(i, last, r, r, TimePrecision::day, true);
        m.timex.type = TimexType::set;
        m.timex.value = std::move(value);
        return m;
    };
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kAdverbs = {
        {{"daily", "P1D"},
         {"weekly", "P1W"},
         {"monthly", "P1M"},
         {"annually", "P1Y"},
         {"yearly", "P1Y"},
         {"hourly", "PT1H"},
         {"quarterly", "P3M"}}};
    for (const auto& [w, v] : kAdverbs) {
        if (word(i, w))
            return set(i, std::string(v));
    }
    if (word(i, "every") || word(i, "each")) {
        const std::string quant = word(i, "every") ? "EVERY" : "EACH";
        std::size_t k = i + 1;
        double n = 1;
        if (const auto q = quantity(k); q && !word(k, "a")) {
            n = q->first;
            k = q->second;
        }
        if (k >= m_t.size() || m_t[k].kind != Kind::word)
            return std::nullopt;
        const std::string& w = m_t[k].text;
        std::string value;
        if (const Unit u = unit_of(w); u != Unit::none && w.size() > 2)
            value = unit_period(u, n);
        else if (w == "season")
            value = "P3M"; // a season is a quarter of the year
        else if (const int wd = weekday_of(w); wd >= 0 && n == 1)
            value = "XXXX-WXX-" + std::to_string(wd == 0 ? 7 : wd);
        else if (const auto s = season_of(w); s && n == 1)
            value = "XXXX-" + std::string(s->code);
        else if (const auto part = day_part_of(w); !part.empty() && n == 1)
            value = "XXXX-XX-XXT" + std::string(part);
        else
            return std::nullopt;
        Match m = set(k, value);
        m.timex.quant = quant;
        return m;
    }
    // once a week, twice a month, three times a year
    std::size_t k = i + 1;
    std::string freq;
    if (word(i, "once"))
        freq = "1X";
    else if (word(i, "twice"))
        freq = "2X";
    else if (const auto q = quantity(i); q && word(q->second, "times") && !word(i, "a")) {
        freq = timex_number(q->first) + "X";
        k = q->second + 1;
    } else {
        return std::nullopt;
    }
    if (!(word(k, "a") || word(k, "per") || word(k, "every") || word(k, "each")) ||
        k + 1 >= m_t.size() || unit_of(m_t[k + 1].text) == Unit::none ||
        m_t[k + 1].text.size() <= 2) {
        return std::nullopt;
    }
    Match m = set(k + 1, unit_period(unit_of(m_t[k + 1].text)));
    m.timex.freq = freq;
    return m;
}

int Matcher::pick_by_tense(std::size_t at) const {
    const TimeDirection d = tense(at);
    return d == TimeDirection::past ? -1 : d == TimeDirection::future ? 1 : 0;
}

std::optional<std::pair<int, std::size_t>> Matcher::year_phrase(std::size_t k) const {
    if (number(k) && m_t[k].text.size() == 4 && m_t[k].value >= 1000 && m_t[k].value <= 2200 &&
        !(k + 1 < m_t.size() && m_t[k + 1].kind == Kind::word && adjacent(k + 1))) {
        return std::make_pair(static_cast<int>(m_t[k].value), k + 1);
    }
    if (!m_ref || !word(k + 1, "year"))
        return std::nullopt;
    const int y = m_ref->day.year;
    if (word(k, "this") || word(k, "the") || word(k, "current"))
        return std::make_pair(y, k + 2);
    if (word(k, "last") || word(k, "past") || word(k, "previous"))
        return std::make_pair(y - 1, k + 2);
    if (word(k, "next") || word(k, "coming"))
        return std::make_pair(y + 1, k + 2);
    return std::nullopt;
}

std::optional<Match> Matcher::season(std::size_t i) const {
    // [last|this|next|the] [early|mid|late] season [of] [year]
    std::size_t k = i;
    int which = 2; // -1 last, 0 this, 1 next, 2 none said
    bool the = false;
    if (word(k, "last") || word(k, "past") || word(k, "previous"))
        which = -1;
    else if (word(k, "next") || word(k, "coming"))
        which = 1;
    else if (word(k, "this"))
        which = 0;
    else if (word(k, "the"))
        the = true;
    if (which != 2 || the)
        ++k;
    const TimexMod mod = period_part(k);
    if (k >= m_t.size() || m_t[k].kind != Kind::word)
        return std::nullopt;
    const auto s = season_of(m_t[k].text);
    if (!s)
        return std::nullopt;
    std::size_t last = k;
    std::optional<int> year;
    const std::size_t y = word(k + 1, "of") ? k + 2 : k + 1;
    if (const auto yp = year_phrase(y); yp && number(y)) {
        year = yp->first;
        last = y;
    }
    const bool cued = which != 2 || the || mod != TimexMod::none ||
                      (i > 0 && (word(i - 1, "in") || word(i - 1, "during")));
    if (!year && (!cued || !m_ref || (m_t[k].text == "fall" && which == 2)))
        return std::nullopt;
    int pick = which;
    if (!year && which == 2)
        pick = 2 * pick_by_tense(i); // -2 past, 2 future, 0 unanchored
    const CivilDay r = m_ref ? m_ref->day : CivilDay{};
    int yy = year.value_or(r.year);
    if (!year) {
        if (pick == -1)
            while (season_range(yy, *s).second >= r)
                --yy;
        if (pick == 1)
            while (season_range(yy, *s).first <= r)
                ++yy;
        if (pick == -2)
            while (season_range(yy, *s).first > r)
                --yy;
        if (pick == 2)
            while (season_range(yy, *s).second < r)
                ++yy;
    }
    const auto [a, b] = season_range(yy, *s);
    Match m = make(i, last, a, b, TimePrecision::month, !year);
    char buf[40];
    if (pick == 0 && which == 2 && !year)
        std::snprintf(buf, sizeof buf, "XXXX-%s", std::string(s->code).c_str());
    else
        std::snprintf(buf, sizeof buf, "%04d-%s", yy, std::string(s->code).c_str());
    m.timex.value = buf;
    m.timex.mod = mod;
    return m;
}

std::optional<Match> Matcher::quarter_or_half(std::size_t i) const {
    // Q3 2012; [the] first|second|third|fourth quarter|half [of year]
    std::size_t k = i;
    int n = 0;
    bool half = false;
    if (word(k, "q") && number(k + 1) && adjacent(k + 1) && m_t[k + 1].value >= 1 &&
        m_t[k + 1].value <= 4) {
        n = static_cast<int>(m_t[k + 1].value);
        k += 2;
    } else {
        if (word(k, "the"))
            ++k;
        if (k + 1 >= m_t.size())
            return std::nullopt;
        n = ordinal_word(m_t[k].text);
        half = word(k + 1, "half");
        if (n < 1 || n > (half ? 2 : 4) || !(half || word(k + 1, "quarter")))
            return std::nullopt;
        k += 2;
        if (half && word(k, "of"))
            if (auto m = half_of_month(i, n, k + 1))
                return m;
    }
    std::size_t last = k - 1;
    std::optional<int> year;
    const std::size_t y = word(k, "of") ? k + 1 : k;
    if (const auto yp = year_phrase(y)) {
        year = yp->first;
        last = yp->second - 1;
    }
    if (!year && !m_ref)
        return std::nullopt;
    const int months = half ? 6 : 3;
    const auto range = [&](int yy) {
        const CivilDay a = *CivilDay::make(yy, static_cast<unsigned>((n - 1) * months + 1), 1);
        return std::make_pair(a, a.plus_months(months).plus_days(-1));
    };
    int yy = year.value_or(m_ref ? m_ref->day.year : 0);
    if (!year) {
        const int pick = pick_by_tense(i);
        if (pick < 0)
            while (range(yy).second >= m_ref->day)
                --yy;
        if (pick > 0)
            while (range(yy).first <= m_ref->day)
                ++yy;
    }
    const auto [a, b] = range(yy);
    Match m = make(i, last, a, b, TimePrecision::month, !year);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%c%d", yy, half ? 'H' : 'Q', n);
    m.timex.value = buf;
    return m;
}

std::optional<Match> Matcher::half_of_month(std::size_t i, int n, std::size_t k) const {
    // "the second half of February [2025]": days 16 to the month's end (TIMEX3 has no value for
    // half a month: the month's value, mod END; the first half is mod START and days 1-15)
    if (!m_ref || k >= m_t.size() || m_t[k].kind != Kind::word || !m_t[k].capitalised ||
        !is_full_month(m_t[k].text)) {
        return std::nullopt;
    }
    const auto month = static_cast<unsigned>(month_of(m_t[k].text));
    std::size_t last = k;
    CivilDay a;
    if (const std::size_t y = word(k + 1, "of") || punct(k + 1, ",") ? k + 2 : k + 1;
        number(y) && m_t[y].text.size() == 4) {
        a = *CivilDay::make(static_cast<int>(m_t[y].value), month, 1);
        last = y;
    } else {
        const auto d = infer_year(month, 15, -1, i);
        if (!d)
            return std::nullopt;
        a = *CivilDay::make(d->year, month, 1);
        // as a month alone: the clause's tense picks the one before or after the reference
        const TimeDirection t = m_o.forward ? TimeDirection::future : tense(i);
        if (t == TimeDirection::past && a > m_ref->day)
            a = a.plus_months(-12);
        else if (t == TimeDirection::future && a.plus_months(1).plus_days(-1) < m_ref->day)
            a = a.plus_months(12);
    }
    const CivilDay end = a.plus_months(1).plus_days(-1);
    const CivilDay first = n == 1 ? a : a.plus_days(15);
    const CivilDay second = n == 1 ? a.plus_days(14) : end;
    Match m = make(i, last, first, second, TimePrecision::month, last == k);
    m.timex.mod = n == 1 ? TimexMod::start : TimexMod::end;
    return m;
}

TimexMod Matcher::period_part(std::size_t& k) const {
    TimexMod mod = TimexMod::none;
    if (word(k, "early"))
        mod = TimexMod::start;
    else if (word(k, "late"))
        mod = TimexMod::end;
    else if (word(k, "mid"))
        mod = TimexMod::mid;
    if (mod != TimexMod::none)
        k += punct(k + 1, "-") ? 2 : 1;
    return mod;
}

std::optional<Match> Matcher::decade_or_century(std::size_t i) const {
    // [the] [early|mid|late] 1990s | '90s | 20th century | twentieth century
    std::size_t k = i;
    if (word(k, "the"))
        ++k;
    const TimexMod mod = period_part(k);
    int first_year = -1, span = 10;
    std::size_t last = k;
    if (number(k) && m_t[k].text.size() == 4 && m_t[k].value % 10 == 0 && word(k + 1, "s") &&
        adjacent(k + 1)) {
        first_year = static_cast<int>(m_t[k].value);
        last = k + 1;
    } else if (punct(k, "'") && number(k + 1) && m_t[k + 1].text.size() == 2 &&
               m_t[k + 1].value % 10 == 0 && word(k + 2, "s") && adjacent(k + 2)) {
        first_year = 1900 + static_cast<int>(m_t[k + 1].value);
        last = k + 2;
    } else {
        int n = 0;
        std::size_t c = k + 1;
        if (number(k) && k + 1 < m_t.size() && adjacent(k + 1) &&
            (word(k + 1, "st") || word(k + 1, "nd") || word(k + 1, "rd") || word(k + 1, "th"))) {
            n = static_cast<int>(m_t[k].value);
            c = k + 2;
        } else if (k < m_t.size() && m_t[k].kind == Kind::word) {
            n = ordinal_word(m_t[k].text);
            if (word(k, "twenty") && punct(k + 1, "-") && word(k + 2, "first")) {
                n = 21;
                c = k + 3;
            }
        }
        if (n < 1 || n > 22 || !word(c, "century"))
            return std::nullopt;
        first_year = (n - 1) * 100;
        span = 100;
        last = c;
    }
    if (first_year < 0 || (span == 10 && last == k + 1 && i == k && mod == TimexMod::none &&
                           !(i > 0 && (word(i - 1, "in") || word(i - 1, "during")))))
        return std::nullopt;
    const CivilDay a = *CivilDay::make(first_year, 1, 1);
    const CivilDay b = *CivilDay::make(first_year + span - 1, 12, 31);
    Match m = make(i, last, a, b, TimePrecision::decade, false);
    char buf[40];
    if (span == 10)
        std::snprintf(buf, sizeof buf, "%03dX", first_year / 10);
    else
        std::snprintf(buf, sizeof buf, "%02dXX", first_year / 100);
    m.timex.value = buf;
    m.timex.mod = mod;
    return m;
}

std::optional<Match> Matcher::fiscal_year(std::size_t i) const {
    // fiscal [year] 2012; the 2012 fiscal year; this|last|next fiscal year; FY2012
    std::optional<int> year;
    std::size_t last = i;
    const int ry = m_ref ? m_ref->day.year : 0;
    if (word(i, "fiscal")) {
        const std::size_t y = word(i + 1, "year") ? i + 2 : i + 1;
        if (number(y) && m_t[y].text.size() == 4) {
            year = static_cast<int>(m_t[y].value);
            last = y;
        }
    } else if (word(i, "fy") && number(i + 1) && m_t[i + 1].text.size() == 4) {
        year = static_cast<int>(m_t[i + 1].value);
        last = i + 1;
    } else if (word(i, "the") && number(i + 1) && m_t[i + 1].text.size() == 4 &&
               word(i + 2, "fiscal") && word(i + 3, "year")) {
        year = static_cast<int>(m_t[i + 1].value);
        last = i + 3;
    } else if (m_ref && word(i + 1, "fiscal") && word(i + 2, "year")) {
        if (word(i, "this") || word(i, "current"))
            year = ry;
        else if (word(i, "last") || word(i, "previous"))
            year = ry - 1;
        else if (word(i, "next"))
            year = ry + 1;
        last = i + 2;
    }
    if (!year || *year < 1000 || *year > 2200)
        return std::nullopt;
    Match m = make(i, last, *CivilDay::make(*year, 1, 1), *CivilDay::make(*year, 12, 31),
                   TimePrecision::year, false);
    m.timex.value = "FY" + std::to_string(*year);
    return m;
}

std::optional<Match> Matcher::part_of_period(std::size_t i) const {
    // [the] beginning|start|middle|end of (year | month); early|mid|late (year)
    std::size_t k = i;
    TimexMod mod = TimexMod::none;
    const bool the = word(k, "the");
    if (the)
        ++k;
    if (word(k, "beginning") || word(k, "start"))
        mod = TimexMod::start;
    else if (word(k, "middle"))
        mod = TimexMod::mid;
    else if (word(k, "end"))
        mod = TimexMod::end;
    if (mod != TimexMod::none) {
        if (!word(k + 1, "of"))
            return std::nullopt;
        k += 2;
    } else if (!the) {
        mod = period_part(k);
        if (mod == TimexMod::none)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    const int third = mod == TimexMod::start ? 0 : mod == TimexMod::mid ? 1 : 2;
    if (const auto yp = year_phrase(k)) {
        const CivilDay a = *CivilDay::make(yp->first, static_cast<unsigned>(1 + 4 * third), 1);
        Match m = make(i, yp->second - 1, a, a.plus_months(4).plus_days(-1), TimePrecision::year,
                       !number(k));
        m.timex.value = std::to_string(yp->first);
        m.timex.mod = mod;
        return m;
    }
    // a month, only after "the end of": "the end of March"
    if (!the || !m_ref || k >= m_t.size() || m_t[k].kind != Kind::word || !m_t[k].capitalised ||
        !is_full_month(m_t[k].text)) {
        return std::nullopt;
    }
    const auto month = static_cast<unsigned>(month_of(m_t[k].text));
    std::size_t last = k;
    std::optional<CivilDay> d;
    if (const std::size_t y = word(k + 1, "of") || punct(k + 1, ",") ? k + 2 : k + 1;
        number(y) && m_t[y].text.size() == 4) {
        d = CivilDay::make(static_cast<int>(m_t[y].value), month, 1);
        last = y;
    } else {
        d = infer_year(month, 15, -1, i);
        if (d)
            d = CivilDay::make(d->year, month, 1);
    }
    if (!d)
        return std::nullopt;
    const CivilDay a = d->plus_days(static_cast<std::int64_t>(10) * third);
    const CivilDay b = third == 2 ? d->plus_months(1).plus_days(-1) : a.plus_days(9);
    Match m = make(i, last, a, b, TimePrecision::month, last == k);
    m.timex.mod = mod;
    return m;
}

void Matcher::join_part_of_day(Match& best) const {
    Timex& t = best.timex;
    if (t.precision != TimePrecision::day || t.first != t.last || !t.value.empty() ||
        t.type != TimexType::date) {
        return;
    }
    std::string_view part = day_part_of(m_t[best.last_token].text);
    if (part.empty()) {
        const std::size_t k = best.last_token + 1;
        if (k >= m_t.size() || m_t[k].kind != Kind::word)
            return;
        part = day_part_of(m_t[k].text);
        if (part.empty() || word(k, "tonight"))
            return;
        best.last_token = k;
        t.end = m_t[k].end;
    }
    t.type = TimexType::time;
    t.value = t.first.iso() + "T" + std::string(part);
}

std::optional<NarrativeAnchor> Matcher::anchor_of(const Timex& t) {
    if ((t.type != TimexType::date && t.type != TimexType::time) || t.open_start || t.open_end ||
        t.value.size() < 7 || !std::isdigit(static_cast<unsigned char>(t.value[5]))) {
        return std::nullopt; // lengths, sets, references, seasons, quarters, open ranges
    }
    if (t.precision == TimePrecision::time || t.precision == TimePrecision::day)
        return NarrativeAnchor{t.first, TimePrecision::day, t.end};
    if (t.precision == TimePrecision::month)
        return NarrativeAnchor{t.first, TimePrecision::month, t.end};
    return std::nullopt;
}

void Matcher::follow_narrative(Match& best, std::size_t i, const NarrativeAnchor& anchor) const {
    // How far back the narrative's date still holds, in bytes: a few sentences for a time of
    // day, a few paragraphs for a weekday or a month.
    constexpr std::size_t kTimeReach = 400, kDateReach = 1500;
    // A weekday or a month is read in the narrative's time only when that time is away from
    // the document's: otherwise the news-style reading (the document time) stands.
    constexpr std::int64_t kWeekdayAway = 14, kMonthAway = 62;
    Timex& t = best.timex;
    if (best.anaphor == Anaphor::none || !m_ref || t.start < anchor.end)
        return;
    const std::size_t gap = t.start - anchor.end;
    const CivilDay dct = m_ref->day;
    const std::int64_t away = std::abs(anchor.day.serial() - dct.serial());
    const TimeDirection clause = tense(i);
    const bool past = clause == TimeDirection::past;
    // "will meet in Brussels on Monday": a plan's weekday or month counts from the report's
    // day, not from a past day the narrative told before
    if (clause == TimeDirection::future && best.anaphor != Anaphor::time_of_day)
        return;
    std::int64_t shift_days = 0;
    int shift_months = 0;
    switch (best.anaphor) {
    case Anaphor::time_of_day:
        if (anchor.precision != TimePrecision::day || gap > kTimeReach)
            return;
        shift_days = anchor.day.serial() - t.first.serial();
        break;
    case Anaphor::weekday: {
        if (anchor.precision != TimePrecision::day || gap > kDateReach || away <= kWeekdayAway)
            return;
        // the occurrence nearest the narrative's day (the later one on a tie)
        const int wd = static_cast<int>(t.first.weekday());
        const int aw = static_cast<int>(anchor.day.weekday());
        const int ahead = (wd - aw + 7) % 7, back = (aw - wd + 7) % 7;
        CivilDay target = anchor.day.plus_days(ahead <= back ? ahead : -back);
        if (past && target > dct)
            target = target.plus_days(-7);
        shift_days = target.serial() - t.first.serial();
        break;
    }
    case Anaphor::month: {
        if (gap > kDateReach || away <= kMonthAway)
            return;
        // the month of that name nearest the narrative's month, not after the document's
        // time in a past-tense clause
        const int a = anchor.day.year * 12 + static_cast<int>(anchor.day.month) - 1;
        const int m = t.first.year * 12 + static_cast<int>(t.first.month) - 1;
        const int d = a - m;
        int years = (d >= 0 ? d + 6 : d - 5) / 12;
        if (past && t.first.plus_months(12 * years) > dct)
            --years;
        shift_months = 12 * years;
        break;
    }
    case Anaphor::none:
        return;
    }
    t.anchor = anchor.day.iso(); // counted from the narrative's date, not the reference
    if (shift_days != 0) {
        t.first = t.first.plus_days(shift_days);
        t.last = t.last.plus_days(shift_days);
        if (t.value.size() >= 10)
            t.value = t.first.iso() + t.value.substr(10);
    } else if (shift_months != 0) {
        t.first = t.first.plus_months(shift_months);
        t.last = t.last.plus_months(shift_months);
        if (t.value.size() >= 7)
            t.value = t.first.iso().substr(0, 4) + t.value.substr(4);
    } else {
        return;
    }
    t.direction = t.last < dct    ? TimeDirection::past
                  : t.first > dct ? TimeDirection::future
                                  : TimeDirection::present;
}

std::vector<Timex> Matcher::run() {
    static constexpr std::array<Pattern, 19> kPatterns = {&Matcher::iso_date,
                                                          &Matcher::numeric_date,
                                                          &Matcher::day_month,
                                                          &Matcher::month_day,
                                                          &Matcher::month_year,
                                                          &Matcher::year_alone,
                                                          &Matcher::casual,
                                                          &Matcher::units,
                                                          &Matcher::relative_period,
                                                          &Matcher::weekday,
                                                          &Matcher::time_alone,
                                                          &Matcher::duration,
                                                          &Matcher::reference_word,
                                                          &Matcher::set_expression,
                                                          &Matcher::season,
                                                          &Matcher::quarter_or_half,
                                                          &Matcher::decade_or_century,
                                                          &Matcher::fiscal_year,
                                                          &Matcher::part_of_period};
    std::vector<Timex> out;
    std::optional<NarrativeAnchor> anchor;
    for (std::size_t i = 0; i < m_t.size();) {
        std::optional<Match> best = longest_match(i, kPatterns);
        if (!best) {
            ++i;
            continue;
        }
        // what follows the longest match may complete it, in this order
        join_day_after_time(*best);        // "14:15 05/31/2024", "8:23 AM, Jul 9"
        join_date_after_weekday(*best, i); // "Sunday 12/7/2014", "Tuesday, 2025-02-25"
        shift_by_offset(*best);            // "next tuesday +10 days", "2023-12-29 -10days"
        join_range(*best);                 // "X - Y", "X to Y", "X until Y"
        date_by_following_year(*best);     // "Thu Oct 26, 10:00 - 11:00:09 2023"
        join_part_of_day(*best);           // "Sunday night", "yesterday afternoon"
        finish(best->timex);
        if (anchor)
            follow_narrative(*best, i, *anchor);
        // a day counted ahead from the reference ("within 18 months", "in two weeks") is a
        // projection, not where the story has got to: what follows is not counted from it
        const bool projected =
            best->timex.relative && m_ref && best->timex.first > m_ref->day && best->from_units;
        if (auto a = anchor_of(best->timex); a && !projected)
            anchor = a;
        out.push_back(std::move(best->timex));
        i = best->last_token + 1;
    }
    return out;
}

} // namespace

std::string_view to_string(TimexType t) noexcept {
    return detail::name_in(kTimexTypeNames, t);
}

std::optional<TimexType> timex_type_from(std::string_view name) noexcept {
    return detail::value_in<TimexType>(kTimexTypeNames, name);
}

std::string_view to_string(TimexMod m) noexcept {
    return detail::name_in(kTimexModNames, m);
}

std::optional<TimexMod> timex_mod_from(std::string_view name) noexcept {
    return detail::value_in<TimexMod>(kTimexModNames, name);
}

std::vector<Timex> TemporalTagger::find(std::string_view text,
                                        const std::optional<LocalTime>& reference,
                                        const TimexOptions& options) const {
    Matcher m(text, reference, options);
    std::vector<Timex> out = m.run();
    // code point offsets, in one pass: the expressions are sorted and do not overlap
    detail::CodePointCounter code_points(text);
    for (Timex& t : out) {
        t.cp_start = code_points.at(t.start);
        t.cp_end = code_points.at(t.end);
    }
    return out;
}

} // namespace kharita
