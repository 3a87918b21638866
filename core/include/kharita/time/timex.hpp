#pragma once
// Temporal expressions: find dates and times in English text and normalise them against a
// reference time (an article's publication time).
//
// Each expression gets a range [start, end] of whole local days (plus a time of day when
// stated), a precision, a direction relative to the reference, and a TIMEX3 type and value
// so the output can be scored against TimeML corpora: DATE "2025-02-26", DATE "2025-04",
// DATE "2013-W12", DATE "2024", TIME "2025-02-26T13:00", DURATION "P3D".
//
// Thread rules: TemporalTagger holds no state; find() may run on many threads at once.

#include "kharita/time/calendar.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

/// The TIMEX3 type of an expression: a calendar date or period, a time of day, a length of
/// time ("for three days"), or a recurring time ("every Monday").
enum class TimexType : std::uint8_t { date, time, duration, set };
/// The TIMEX3 name: "DATE", "TIME", "DURATION", "SET".
std::string_view to_string(TimexType t) noexcept;
/// The type named by to_string(TimexType), if any.
std::optional<TimexType> timex_type_from(std::string_view name) noexcept;

/// The TIMEX3 `mod` of an expression: a part of a period ("early August" START, "mid-2012"
/// MID, "late 2011" END) or a bound on a length ("about" APPROX, "almost"/"less than"
/// LESS_THAN, "more than"/"over" MORE_THAN, "no more than"/"up to" EQUAL_OR_LESS, "at least"
/// EQUAL_OR_MORE).
enum class TimexMod : std::uint8_t {
    none,
    start,
    mid,
    end,
    approx,
    less_than,
    more_than,
    equal_or_less,
    equal_or_more
};
/// The TIMEX3 name: "" for none, "START", "MID", "END", "APPROX", "LESS_THAN", ...
std::string_view to_string(TimexMod m) noexcept;
/// The mod named by to_string(TimexMod), if any.
std::optional<TimexMod> timex_mod_from(std::string_view name) noexcept;

struct Timex {
    std::size_t start = 0, end = 0;       ///< byte offsets of the expression
    std::size_t cp_start = 0, cp_end = 0; ///< the same in code points
    std::string text;
    CivilDay first;             ///< first day of the range
    CivilDay last;              ///< last day of the range (== first for a day)
    int minute_of_day = -1;     ///< start time when stated
    int end_minute_of_day = -1; ///< end time of a time range
    TimePrecision precision = TimePrecision::day;
    TimeDirection direction = TimeDirection::past;
    bool open_start = false; ///< "until May": the range has no stated start
    bool open_end = false;   ///< "since August 2023": the range runs on
    bool relative = false;   ///< resolved through the reference ("yesterday")
    /// A year between a determiner and the noun it dates ("the 1998 bombings"): it dates that
    /// noun phrase, not the rest of its sentence
    bool attributive = false;
    TimexType type = TimexType::date;
    /// TIMEX3 value: a date ("2012-08", "2012-SU", "2012-Q3", "199X", "FY2013",
    /// "2012-08-05TNI", "XXXX-08"), a duration ("P3Y", "PT3H", "PXM"), a reference
    /// ("PRESENT_REF", "PAST_REF", "FUTURE_REF") or a set's period ("P1W", "XXXX-WXX-1")
    std::string value;
    TimexMod mod = TimexMod::none;
    std::string quant; ///< a set's TIMEX3 quant: "EVERY", "EACH"
    std::string freq;  ///< a set's TIMEX3 freq: "2X" for "twice a week"
    /// TIMEX3 anchoring, as values rather than ids: the time a relative or underspecified
    /// expression was counted from (TIMEX3 anchorTimeID: the reference's day, or the
    /// narrative's date for "At 8 PM" in a story about another day), and a duration's
    /// beginPoint and endPoint when it is anchored ("the past three years" ends at the
    /// reference). Empty when none applies.
    std::string anchor;
    std::string begin_point, end_point;
};

struct TimexOptions {
    /// Formal dates only (ISO, numeric, day-month-year): no weekdays or relative words.
    bool strict = false;
    /// Numeric dates read day first (27/03/2025) instead of month first (03/27/2025) when
    /// both readings are possible.
    bool little_endian = false;
    /// Read ambiguous expressions forward: a day and month without a year is its next
    /// occurrence, a bare weekday or month the future one (chrono-node's forwardDate).
    bool forward = false;
    /// Lengths without an anchor ("five days", "for years", "the past decade") as TIMEX3
    /// DURATION and recurring times ("every week", "twice a month") as SET. chrono-node
    /// reads neither, so its evaluation turns them off.
    bool lengths = true;
};

class TemporalTagger {
public:
    /// All expressions, sorted and non-overlapping. `reference` anchors relative ones; without
    /// it they are skipped and explicit dates still found. Impossible dates ("31 February",
    /// "2025-13-01") are never returned. Never throws on any input.
    std::vector<Timex> find(std::string_view text, const std::optional<LocalTime>& reference,
                            const TimexOptions& options = {}) const;
};

} // namespace kharita
