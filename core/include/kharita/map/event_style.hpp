#pragma once
// How each event type is drawn: one table shared by the GeoPackage layer style, the
// viewer's map and legend, and `kharita render`, so every picture of the same events agrees.

#include <cstdint>
#include <span>
#include <string_view>

namespace kharita {

struct EventStyle {
    std::string_view type;  ///< Kharita type (to_string(EventType))
    std::string_view label; ///< legend text
    std::uint8_t red, green, blue;
    std::string_view
        shape; ///< circle, square, triangle, diamond, star, cross, pentagon, hexagon, x
};

/// One style per event type, in legend order.
std::span<const EventStyle> event_styles() noexcept;

/// The style of a type; unknown types get the catch-all (strategic) style.
const EventStyle& event_style(std::string_view type) noexcept;

} // namespace kharita
