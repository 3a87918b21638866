#pragma once
// A WGS 84 position in decimal degrees. Kharita is lon/lat-agnostic in storage but this
// type always names its fields, so axis order can never be confused.

#include <cmath>

namespace kharita {

struct LatLon {
    double lat = std::nan("");
    double lon = std::nan("");

    /// False for NaN/Inf and for coordinates outside [-90, 90] x [-180, 180].
    bool is_valid() const noexcept {
        return std::isfinite(lat) && std::isfinite(lon) && lat >= -90.0 && lat <= 90.0 &&
               lon >= -180.0 && lon <= 180.0;
    }
};

/// Great-circle distance in kilometres (haversine on a sphere of radius 6371.0088 km).
double distance_km(const LatLon& a, const LatLon& b) noexcept;

/// An axis-aligned box in degrees; min_lon > max_lon is not supported (no antimeridian).
struct BoundingBox {
    double min_lon = -180, min_lat = -90, max_lon = 180, max_lat = 90;
    bool contains(const LatLon& p) const noexcept {
        return p.lon >= min_lon && p.lon <= max_lon && p.lat >= min_lat && p.lat <= max_lat;
    }
};

} // namespace kharita
