#include "kharita/time/calendar.hpp"

#include "detail/name_table.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

namespace kharita {

namespace {

namespace chr = std::chrono;

// The names of TimePrecision and TimeDirection, in the order of their enumerators: what the
// JSON output, the store and the command line read and write.
constexpr std::array<std::string_view, 6> kTimePrecisionNames = {"time",  "day",  "week",
                                                                 "month", "year", "decade"};
static_assert(kTimePrecisionNames.size() == static_cast<std::size_t>(TimePrecision::decade) + 1);
constexpr std::array<std::string_view, 3> kTimeDirectionNames = {"past", "present", "future"};
static_assert(kTimeDirectionNames.size() == static_cast<std::size_t>(TimeDirection::future) + 1);

unsigned days_in_month(int y, unsigned m) {
    static constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                       31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return kDays[m - 1];
}

} // namespace

std::optional<CivilDay> CivilDay::make(int year, unsigned month, unsigned day) {
    if (month < 1 || month > 12 || day < 1 || year < -9999 || year > 9999 ||
        day > days_in_month(year, month)) {
        return std::nullopt;
    }
    return CivilDay{year, month, day};
}

std::int64_t CivilDay::serial() const {
    const chr::year_month_day ymd{chr::year{year}, chr::month{month}, chr::day{day}};
    return chr::sys_days{ymd}.time_since_epoch().count();
}

CivilDay CivilDay::from_serial(std::int64_t days) {
    const chr::year_month_day ymd{chr::sys_days{chr::days{days}}};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
            static_cast<unsigned>(ymd.day())};
}

CivilDay CivilDay::plus_months(int n) const {
    int total = year * 12 + static_cast<int>(month) - 1 + n;
    const int y = total >= 0 ? total / 12 : -((-total + 11) / 12);
    const unsigned m = static_cast<unsigned>(total - y * 12 + 1);
    return {y, m, std::min(day, days_in_month(y, m))};
}

unsigned CivilDay::weekday() const {
    return chr::weekday{chr::sys_days{chr::days{serial()}}}.c_encoding();
}

std::string CivilDay::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
    return buf;
}

std::optional<LocalTime> LocalTime::parse(std::string_view s) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    const auto num = [&](std::size_t at, std::size_t len) -> long {
        long v = 0;
        for (std::size_t k = at; k < at + len; ++k) {
            if (k >= s.size() || s[k] < '0' || s[k] > '9')
                return -1;
            v = v * 10 + (s[k] - '0');
        }
        return v;
    };
    const long y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 0 || m < 0 || d < 0)
        return std::nullopt;
    const auto day =
        CivilDay::make(static_cast<int>(y), static_cast<unsigned>(m), static_cast<unsigned>(d));
    if (!day)
        return std::nullopt;
    LocalTime t{*day, -1};
    if (s.size() >= 16 && (s[10] == 'T' || s[10] == ' ') && s[13] == ':') {
        const long hh = num(11, 2), mm = num(14, 2);
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59)
            return std::nullopt;
        t.minute_of_day = static_cast<int>(hh * 60 + mm);
    } else if (s.size() > 10 && s[10] != 'Z') {
        return std::nullopt;
    }
    return t;
}

std::string_view to_string(TimePrecision p) noexcept {
    return detail::name_in(kTimePrecisionNames, p);
}

std::string_view time_precision_name(const std::optional<TimePrecision>& p) noexcept {
    return p ? to_string(*p) : std::string_view("unknown");
}

std::optional<TimePrecision> time_precision_from(std::string_view name) noexcept {
    return detail::value_in<TimePrecision>(kTimePrecisionNames, name);
}

std::string_view to_string(TimeDirection d) noexcept {
    return detail::name_in(kTimeDirectionNames, d);
}

std::optional<TimeDirection> time_direction_from(std::string_view name) noexcept {
    return detail::value_in<TimeDirection>(kTimeDirectionNames, name);
}

} // namespace kharita
