#include "kharita/events/event_types.hpp"

#include "detail/name_table.hpp"

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

} // namespace

std::string_view to_string(EventType t) noexcept {
    return detail::name_in(kEventTypeNames, t);
}

std::optional<EventType> event_type_from(std::string_view name) noexcept {
    return detail::value_in<EventType>(kEventTypeNames, name);
}

std::string_view to_string(EventStatus s) noexcept {
    return detail::name_in(kEventStatusNames, s);
}

std::optional<EventStatus> event_status_from(std::string_view name) noexcept {
    return detail::value_in<EventStatus>(kEventStatusNames, name);
}

} // namespace kharita
