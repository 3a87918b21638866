#include "map_extent.hpp"

#include "kharita/base/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace kharita::cli {

MapBounds map_bounds(const std::string& extent, const render::EventPoints& points,
                     const Basemap& basemap, const WebMercator& mercator) {
    if (!extent.empty()) {
        double v[4];
        if (std::sscanf(extent.c_str(), "%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3]) != 4 ||
            v[0] >= v[2] || v[1] >= v[3]) {
            throw InputError("--extent", "\"" + extent + "\" is not west,south,east,north");
        }
        const MapPoint sw = mercator.forward({v[1], v[0]}), ne = mercator.forward({v[3], v[2]});
        return {sw.x, sw.y, ne.x, ne.y};
    }
    MapBounds bounds{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                     std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    for (const MapPoint& p : points.xy) {
        if (std::isnan(p.x))
            continue;
        bounds = {std::min(bounds.min_x, p.x), std::min(bounds.min_y, p.y),
                  std::max(bounds.max_x, p.x), std::max(bounds.max_y, p.y)};
    }
    if (bounds.min_x > bounds.max_x)
        return basemap.bounds;
    const double pad = 150000; // metres: a lone event still shows its surroundings
    return {bounds.min_x - pad, bounds.min_y - pad, bounds.max_x + pad, bounds.max_y + pad};
}

} // namespace kharita::cli
