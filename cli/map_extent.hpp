#pragma once
// What a drawn map shows, for the commands that draw one without a viewer (render, animate).

#include "kharita/map/basemap.hpp"
#include "kharita/map/map_projection.hpp"
#include "kharita/render/event_points.hpp"

#include <string>

namespace kharita::cli {

/// --extent ("west,south,east,north" in degrees), else the events' extent with a margin, else
/// the basemap's. Throws InputError naming --extent when it does not parse.
MapBounds map_bounds(const std::string& extent, const render::EventPoints& points,
                     const Basemap& basemap, const WebMercator& mercator);

} // namespace kharita::cli
