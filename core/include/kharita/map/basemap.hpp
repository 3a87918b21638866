#pragma once
// The offline basemap drawn under events: land, lakes, coastline, country borders, admin-1
// regions and labelled towns, read once through GDAL from data/basemap/ and projected to
// Web Mercator. Two scales: a coarse world layer (Natural Earth 50m) everywhere, and a
// detailed one (Natural Earth 10m clipped to North Africa, Who's On First regions of Libya)
// drawn over it where it covers once zoomed in (uses_detail()). Plain data: the viewer and
// `kharita render` draw it.

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

/// The coarse layer of the whole world: Natural Earth 50m land, lakes, coastline, towns and
/// country labels, the 10m land borders simplified to that scale.
struct WorldBasemap {
    std::vector<MapShape> land, lakes;        ///< polygons
    std::vector<MapShape> coastline, borders; ///< lines
    std::vector<MapTown> towns;               ///< by rank, most important first
    std::vector<MapTown> countries;           ///< label points, rank = Natural Earth's LABELRANK
};

/// The coarsest scale (metres per pixel) at which the detailed layer is drawn; beyond it
/// the world layer alone (a 10m coastline is finer than a pixel there).
inline constexpr double kDetailMaxMetresPerPixel = 12000;

struct Basemap {
    // the detailed layer (North Africa)
    std::vector<MapShape> land, lakes, regions; ///< polygons
    std::vector<MapShape> coastline, borders;   ///< lines
    std::vector<MapTown> towns;                 ///< by rank, most important first
    MapBounds detail_bounds; ///< what the detailed land covers (its clip extent); empty: none
    WorldBasemap world;
    MapBounds bounds; ///< where the map opens: the detailed land, else the world's

    bool has_detail() const { return detail_bounds.max_x > detail_bounds.min_x; }
    /// True when a view of this scale over this extent draws the detailed layer (over the
    /// world layer, which it replaces inside detail_bounds).
    bool uses_detail(double metres_per_pixel, const MapBounds& view) const {
        return has_detail() && metres_per_pixel <= kDetailMaxMetresPerPixel &&
               view.min_x < detail_bounds.max_x && view.max_x > detail_bounds.min_x &&
               view.min_y < detail_bounds.max_y && view.max_y > detail_bounds.min_y;
    }
};

/// The directory the build embeds (data/basemap).
std::filesystem::path default_basemap_dir();

/// Loads every layer found in `dir` (missing layers stay empty): the detailed
/// `*_nafrica.geojson.gz` and `wof-regions-ly.geojson.gz`, the world `*_world.geojson.gz`. Throws
/// GdalError naming a file that exists but cannot be read.
Basemap load_basemap(const std::filesystem::path& dir, const WebMercator& projection);

} // namespace kharita
