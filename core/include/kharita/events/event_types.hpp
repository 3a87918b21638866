#pragma once
// The event taxonomy: types (mapped onto ACLED's in docs/events.md) and statuses, with their
// names. Vocabulary only, so that the store, exports and the viewer can name events without
// the extraction code.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kharita {

enum class EventType : std::uint8_t {
    meeting, ///< talks, visits, town halls, conferences (ACLED: Strategic developments / Agreement)
    clash,   ///< armed clashes (ACLED: Battles / Armed clash)
    attack,  ///< attacks, shelling, air strikes (ACLED: Violence against civilians / Explosions)
    killing, ///< killings and assassinations (ACLED: Violence against civilians / Attack)
    protest, ///< protests and demonstrations (ACLED: Protests)
    border,  ///< border-site activity: crossings closed, opened, visited
    mass_grave, ///< mass graves and bodies found (ACLED: Strategic developments / Other)
    migration,  ///< shipwrecks, interceptions, rescues at sea
    strategic,  ///< other strategic developments
};

/// How many event types there are: EventType values are 0 .. kEventTypeCount - 1.
inline constexpr std::size_t kEventTypeCount = static_cast<std::size_t>(EventType::strategic) + 1;

std::string_view to_string(EventType t) noexcept;

/// The type named by to_string(EventType), if any.
std::optional<EventType> event_type_from(std::string_view name) noexcept;

enum class EventStatus : std::uint8_t { occurred, planned, ongoing };

/// How many statuses there are: EventStatus values are 0 .. kEventStatusCount - 1.
inline constexpr std::size_t kEventStatusCount = static_cast<std::size_t>(EventStatus::ongoing) + 1;

std::string_view to_string(EventStatus s) noexcept;

/// The status named by to_string(EventStatus), if any.
std::optional<EventStatus> event_status_from(std::string_view name) noexcept;

} // namespace kharita
