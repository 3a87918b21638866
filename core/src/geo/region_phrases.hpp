#pragma once
// Where a region phrase points: the geometry behind "southern Libya", "north-east Tunisia"
// and "the Libyan-Tunisian border", on the admin-1 points of a country. Internal to the geo
// layer (core/src/geo/geoparser.cpp); declared here for the tests.

#include "geo/geoparser_words.hpp"
#include "kharita/base/lat_lon.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace kharita::detail {

/// An admin-1 point with the population that weighs it.
struct WeightedPoint {
    LatLon position;
    std::int64_t population = 0;
};

/// True when `q` lies in direction `d` of the median point (lat, lon): on its side of the
/// median for a compass or diagonal direction, within 3 degrees of it for "central".
bool lies_toward(const LatLon& q, double median_lat, double median_lon, Direction d);

/// The part of a country (or admin-1 unit) that a direction names: the centroid, weighted
/// by the square root of population ("southern Libya" means where people live), of the
/// points on that side of `centre`, or of the points' median when no centre is given (a
/// country's admin-1 points crowd where people live: Libya's median lies on the coast, so
/// its own point, the middle of its land, splits it better). Needs three points or more;
/// nothing when none lies that way.
std::optional<LatLon> direction_centroid(const std::vector<WeightedPoint>& points, Direction d,
                                         const std::optional<LatLon>& centre = std::nullopt);

/// How far a region's offset (dlat, dlon degrees from its country's point) goes in a
/// compass direction, and how far sideways; nothing for a diagonal or "central" direction.
struct Offset {
    double along = 0;
    double across = 0;
};
std::optional<Offset> offset_toward(double dlat, double dlon, Direction d);

/// The border between two countries: midway between the closest pair of their admin-1
/// points (the first such pair in order); nothing when either has none.
std::optional<LatLon> border_midpoint(const std::vector<LatLon>& one_side,
                                      const std::vector<LatLon>& other_side);

} // namespace kharita::detail
