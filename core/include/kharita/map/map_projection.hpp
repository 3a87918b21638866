#pragma once
// Web Mercator (EPSG:3857) for the map: the projection math the viewer and `kharita render`
// use, through PROJ. Positions are projected once, when loaded; drawing is then only a
// scale and an offset.

#include "kharita/base/lat_lon.hpp"

#include <memory>
#include <span>

namespace kharita {

/// A point in Web Mercator metres.
struct MapPoint {
    double x = 0, y = 0;
};

/// Latitudes beyond this are clamped: Web Mercator is undefined at the poles.
inline constexpr double kMercatorMaxLatitude = 85.05112878;

class WebMercator {
public:
    /// Throws ProjError when PROJ lacks the CRS definitions.
    WebMercator();
    WebMercator(WebMercator&&) noexcept;
    WebMercator& operator=(WebMercator&&) noexcept;
    ~WebMercator();

    MapPoint forward(const LatLon& p) const;
    LatLon inverse(const MapPoint& p) const;
    /// Projects many points in place: in, `points` hold lon in x and lat in y.
    void forward_in_place(std::span<MapPoint> points) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace kharita
