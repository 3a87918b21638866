#include "kharita/map/map_projection.hpp"

#include "detail/proj.hpp"

#include <algorithm>

namespace kharita {

struct WebMercator::Impl {
    detail::ProjTransform transform{"EPSG:4326", "EPSG:3857"};
};

WebMercator::WebMercator() : m_impl(std::make_unique<Impl>()) {}
WebMercator::WebMercator(WebMercator&&) noexcept = default;
WebMercator& WebMercator::operator=(WebMercator&&) noexcept = default;
WebMercator::~WebMercator() = default;

MapPoint WebMercator::forward(const LatLon& p) const {
    const double lat = std::clamp(p.lat, -kMercatorMaxLatitude, kMercatorMaxLatitude);
    const PJ_COORD c = m_impl->transform.forward(p.lon, lat);
    return {c.xy.x, c.xy.y};
}

LatLon WebMercator::inverse(const MapPoint& p) const {
    const PJ_COORD c = m_impl->transform.inverse(p.x, p.y);
    return {c.lp.phi, c.lp.lam};
}

void WebMercator::forward_in_place(std::span<MapPoint> points) const {
    for (MapPoint& p : points)
        p.y = std::clamp(p.y, -kMercatorMaxLatitude, kMercatorMaxLatitude);
    if (points.empty())
        return;
    m_impl->transform.forward_many(&points[0].x, sizeof(MapPoint), &points[0].y, sizeof(MapPoint),
                                   points.size());
}

} // namespace kharita
