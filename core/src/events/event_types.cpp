#include "kharita/events/event_types.hpp"

#include <array>

namespace kharita {

namespace {

// The one name of each type and status, indexed by the enum: what the JSON output, the store's
// columns and the exports print, and what the command line and the viewer read back.
constexpr std::array<std::string_view, kEventTypeCount> kEventTypeNames = {
    "meeting", "clash",      "attack",    "killing",  "protest",
    "border",  "mass_grave", "migration", "strategic"};
constexpr std::array<std::string_view, kEventStatusCount> kEventStatusNames = {
    "occurred", "planned", "ongoing"};

/// The enumerator whose name in `names` is `name`, if any.
template <typename Enum, std::size_t N>
std::optional<Enum> from_name(const std::array<std::string_view, N>& names,
                              std::string_view name) noexcept {
    for (std::size_t k = 0; k < N; ++k) {
        if (names[k] == name)
            return static_cast<Enum>(k);
    }
    return std::nullopt;
}

/// The name of `value` in `names`; "unknown" for a value outside the enum (a cast integer).
template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, Enum value) noexcept {
    const auto k = static_cast<std::size_t>(value);
    return k < N ? names[k] : std::string_view("unknown");
}

} // namespace

std::string_view to_string(EventType t) noexcept {
    return name_of(kEventTypeNames, t);
}

std::optional<EventType> event_type_from(std::string_view name) noexcept {
    return from_name<EventType>(kEventTypeNames, name);
}

std::string_view to_string(EventStatus s) noexcept {
    return name_of(kEventStatusNames, s);
}

std::optional<EventStatus> event_status_from(std::string_view name) noexcept {
    return from_name<EventStatus>(kEventStatusNames, name);
}

} // namespace kharita
