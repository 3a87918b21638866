#include "kharita/events/event_types.hpp"

namespace kharita {

std::string_view to_string(EventType t) noexcept {
    switch (t) {
    case EventType::meeting:
        return "meeting";
    case EventType::clash:
        return "clash";
    case EventType::attack:
        return "attack";
    case EventType::killing:
        return "killing";
    case EventType::protest:
        return "protest";
    case EventType::border:
        return "border";
    case EventType::mass_grave:
        return "mass_grave";
    case EventType::migration:
        return "migration";
    case EventType::strategic:
        return "strategic";
    }
    return "unknown";
}

std::string_view to_string(EventStatus s) noexcept {
    switch (s) {
    case EventStatus::occurred:
        return "occurred";
    case EventStatus::planned:
        return "planned";
    case EventStatus::ongoing:
        return "ongoing";
    }
    return "unknown";
}

std::optional<EventType> event_type_from(std::string_view name) noexcept {
    for (int t = 0; t <= static_cast<int>(EventType::strategic); ++t) {
        if (to_string(static_cast<EventType>(t)) == name)
            return static_cast<EventType>(t);
    }
    return std::nullopt;
}

} // namespace kharita
