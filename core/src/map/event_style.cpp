#include "kharita/map/event_style.hpp"

#include <array>

namespace kharita {

namespace {
// Colours from ColorBrewer's qualitative "Set1"/"Dark2" families, told apart by shape too so
// the map reads in grey and for colour-blind analysts.
constexpr std::array<EventStyle, 9> kStyles = {{
    {"clash", "Armed clash", 228, 26, 28, "circle"},
    {"attack", "Attack", 255, 127, 0, "triangle"},
    {"killing", "Killing", 152, 0, 67, "x"},
    {"protest", "Protest", 152, 78, 163, "square"},
    {"meeting", "Meeting", 55, 126, 184, "diamond"},
    {"border", "Border site", 27, 158, 119, "hexagon"},
    {"mass_grave", "Mass grave / bodies", 64, 64, 64, "star"},
    {"migration", "Migration incident", 0, 170, 200, "pentagon"},
    {"strategic", "Strategic development", 150, 150, 150, "cross"},
}};
} // namespace

std::span<const EventStyle> event_styles() noexcept {
    return kStyles;
}

const EventStyle& event_style(std::string_view type) noexcept {
    for (const EventStyle& s : kStyles) {
        if (s.type == type)
            return s;
    }
    return kStyles.back();
}

} // namespace kharita
