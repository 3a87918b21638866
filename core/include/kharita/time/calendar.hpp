#pragma once
// Calendar values every layer shares: a civil day, a reference time, and the precision and
// direction of a date. Plain values, copied freely; no parsing of text here (that is
// TemporalTagger, time/timex.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
    // NOLINTNEXTLINE(modernize-use-nullptr): a false alarm on the 0 of a defaulted <=>
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
/// The name of a possibly unknown precision (an event's date) at the JSON, SQL and CSV
/// edges: to_string(p), and "unknown" for nullopt.
std::string_view time_precision_name(const std::optional<TimePrecision>& p) noexcept;

/// Which way the expression points from the reference.
enum class TimeDirection : std::uint8_t { past, present, future };
std::string_view to_string(TimeDirection d) noexcept;
/// The direction named by to_string(TimeDirection), if any.
std::optional<TimeDirection> time_direction_from(std::string_view name) noexcept;

} // namespace kharita
