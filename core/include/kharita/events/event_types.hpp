#pragma once
// The event taxonomy: types (mapped onto ACLED's in docs/events.md) and statuses, with their
// names. Vocabulary only, so that the store, exports and the viewer can name events without
// the extraction code.

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

std::string_view to_string(EventType t) noexcept;

enum class EventStatus : std::uint8_t { occurred, planned, ongoing };
std::string_view to_string(EventStatus s) noexcept;

/// The type named by to_string(EventType), if any.
std::optional<EventType> event_type_from(std::string_view name) noexcept;

} // namespace kharita
