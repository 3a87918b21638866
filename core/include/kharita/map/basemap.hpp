#pragma once
// The offline basemap drawn under events: land, lakes, coastline, country borders, admin-1
// regions and labelled towns, read once through GDAL from data/basemap/ (Natural Earth
// 10m clipped to North Africa, Who's On First regions of Libya) and projected to Web
// Mercator. Plain data: the viewer and `kharita render` draw it.

#include "kharita/map/map_projection.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kharita {

/// Rings (polygons: outer and inner rings alike, drawn with the even-odd rule) or paths.
using MapShape = std::vector<std::vector<MapPoint>>;

struct MapTown {
    std::string name;
    MapPoint position;
    int rank = 10; ///< Natural Earth's SCALERANK: 0 the most important
    bool capital = false;
};

struct MapBounds {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

struct Basemap {
    std::vector<MapShape> land, lakes, regions; ///< polygons
    std::vector<MapShape> coastline, borders;   ///< lines
    std::vector<MapTown> towns;                 ///< by rank, most important first
    MapBounds bounds;                           ///< of the land
};

/// The directory the build embeds (data/basemap).
std::filesystem::path default_basemap_dir();

/// Loads every layer found in `dir` (missing layers stay empty). Throws GdalError naming
/// a file that exists but cannot be read.
Basemap load_basemap(const std::filesystem::path& dir, const WebMercator& projection);

} // namespace kharita
