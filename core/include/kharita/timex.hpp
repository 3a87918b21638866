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

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

/// A local calendar day (proleptic Gregorian), comparable and printable.
struct CivilDay {
    int year = 1970;
    unsigned month = 1; ///< 1-12
    unsigned day = 1;   ///< 1-31

    static std::optional<CivilDay> make(int year, unsigned month,
                                        unsigned day); ///< nullopt if impossible
    std::int64_t serial() const;                       ///< days since 1970-01-01
    static CivilDay from_serial(std::int64_t days);
    CivilDay plus_days(std::int64_t n) const { return from_serial(serial() + n); }
    CivilDay plus_months(int n) const; ///< clamps the day to the month's length
    unsigned weekday() const;          ///< 0 = Sunday
    std::string iso() const;           ///< "2025-02-26"
    auto operator<=>(const CivilDay&) const = default;
};

/// A reference time: a day and, when known, the minute of the day.
struct LocalTime {
    CivilDay day;
    int minute_of_day = -1; ///< -1 when only the day is known

    /// Parses "2025-06-14", "2025-06-14T12:00", "2025-06-14T12:00:00Z" (zone ignored).
    static std::optional<LocalTime> parse(std::string_view iso);
};

enum class TimePrecision : std::uint8_t { time, day, week, month, year, decade };
std::string_view to_string(TimePrecision p) noexcept;
/// The precision named by to_string(TimePrecision), if any.
std::optional<TimePrecision> time_precision_from(std::string_view name) noexcept;

/// Which way the expression points from the reference.
enum class TimeDirection : std::uint8_t { past, present, future };
std::string_view to_string(TimeDirection d) noexcept;

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
    std::string type;        ///< TIMEX3: DATE, TIME, DURATION
    std::string value;       ///< TIMEX3 value
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
