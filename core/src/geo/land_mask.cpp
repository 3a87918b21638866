#include "kharita/geo/land_mask.hpp"

#include "detail/gdal.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kharita {

namespace {

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kStepKm = 2;
constexpr double kBandDeg = 0.25; // latitude band of the edge index
constexpr int kCellRows = 180, kCellColumns = 360;

/// The one-degree cell of a position, clamped to the grid.
std::size_t cell_of(double lat, double lon) {
    const int row = std::clamp(static_cast<int>(std::floor(lat + 90.0)), 0, kCellRows - 1);
    const int column = std::clamp(static_cast<int>(std::floor(lon + 180.0)), 0, kCellColumns - 1);
    return static_cast<std::size_t>(row) * kCellColumns + static_cast<std::size_t>(column);
}

double radians(double deg) {
    return deg * std::numbers::pi / 180.0;
}

double degrees(double rad) {
    return rad * 180.0 / std::numbers::pi;
}

BoundingBox box_of(const std::vector<LatLon>& points) {
    BoundingBox b{180, 90, -180, -90};
    for (const LatLon& p : points) {
        b.min_lon = std::min(b.min_lon, p.lon);
        b.max_lon = std::max(b.max_lon, p.lon);
        b.min_lat = std::min(b.min_lat, p.lat);
        b.max_lat = std::max(b.max_lat, p.lat);
    }
    return b;
}

std::vector<LatLon> ring_points(const OGRLinearRing& ring) {
    std::vector<LatLon> out;
    out.reserve(static_cast<std::size_t>(ring.getNumPoints()));
    for (int i = 0; i < ring.getNumPoints(); ++i)
        out.push_back({ring.getY(i), ring.getX(i)});
    return out;
}

} // namespace

void LandMask::Ring::index() {
    box = box_of(points);
    const auto band_of = [&](double lat) {
        return static_cast<std::size_t>(std::max(0.0, (lat - box.min_lat) / kBandDeg));
    };
    bands.assign(band_of(box.max_lat) + 1, {});
    for (std::size_t i = 0; i < points.size(); ++i) {
        const LatLon& a = points[i];
        const LatLon& b = points[(i + 1) % points.size()];
        for (std::size_t k = band_of(std::min(a.lat, b.lat)); k <= band_of(std::max(a.lat, b.lat));
             ++k)
            bands[k].push_back(static_cast<std::uint32_t>(i));
    }
}

/// Even-odd crossing test (in degrees, no antimeridian handling: Natural Earth splits its
/// land there), over the edges of the point's latitude band.
bool LandMask::Ring::contains(const LatLon& p) const {
    if (!box.contains(p))
        return false;
    const auto k = static_cast<std::size_t>((p.lat - box.min_lat) / kBandDeg);
    if (k >= bands.size())
        return false;
    bool inside = false;
    for (const std::uint32_t i : bands[k]) {
        const LatLon& a = points[i];
        const LatLon& b = points[(i + 1) % points.size()];
        if ((a.lat > p.lat) != (b.lat > p.lat) &&
            p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
            inside = !inside;
    }
    return inside;
}

LatLon destination_point(const LatLon& from, double bearing_deg, double km) noexcept {
    const double d = km / kEarthRadiusKm;
    const double th = radians(bearing_deg);
    const double p1 = radians(from.lat);
    const double l1 = radians(from.lon);
    const double p2 =
        std::asin(std::sin(p1) * std::cos(d) + std::cos(p1) * std::sin(d) * std::cos(th));
    const double l2 = l1 + std::atan2(std::sin(th) * std::sin(d) * std::cos(p1),
                                      std::cos(d) - std::sin(p1) * std::sin(p2));
    double lon = degrees(l2);
    lon = std::fmod(lon + 540.0, 360.0) - 180.0;
    return {degrees(p2), lon};
}

LandMask LandMask::load(const std::filesystem::path& file) {
    detail::gdal_register_all_once();
    const std::string name =
        file.extension() == ".gz" ? "/vsigzip/" + file.string() : file.string();
    auto ds = detail::Dataset::open_vector(name);
    LandMask mask;
    OGRLayer* layer = ds.layer(0);
    layer->ResetReading();
    const auto add = [&](const OGRPolygon& poly) {
        Shape s;
        if (const OGRLinearRing* outer = poly.getExteriorRing(); outer != nullptr)
            s.rings.push_back({ring_points(*outer), {}, {}});
        for (int i = 0; i < poly.getNumInteriorRings(); ++i)
            s.rings.push_back({ring_points(*poly.getInteriorRing(i)), {}, {}});
        if (s.rings.empty() || s.rings.front().points.size() < 4)
            return;
        for (Ring& r : s.rings)
            r.index();
        s.box = s.rings.front().box;
        mask.m_polygons.push_back(std::move(s));
    };
    while (detail::Feature f{layer->GetNextFeature()}) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (g == nullptr)
            continue;
        const auto type = wkbFlatten(g->getGeometryType());
        if (type == wkbPolygon) {
            add(*g->toPolygon());
        } else if (type == wkbMultiPolygon) {
            for (const OGRPolygon* p : *g->toMultiPolygon())
                add(*p);
        }
    }
    mask.m_cells.assign(static_cast<std::size_t>(kCellRows) * kCellColumns, {});
    for (std::size_t i = 0; i < mask.m_polygons.size(); ++i) {
        const BoundingBox& b = mask.m_polygons[i].box;
        const std::size_t low = cell_of(b.min_lat, b.min_lon), high = cell_of(b.max_lat, b.max_lon);
        for (std::size_t row = low / kCellColumns; row <= high / kCellColumns; ++row) {
            for (std::size_t column = low % kCellColumns; column <= high % kCellColumns; ++column)
                mask.m_cells[row * kCellColumns + column].push_back(static_cast<std::uint32_t>(i));
        }
    }
    return mask;
}

const LandMask& LandMask::builtin() {
    static const LandMask mask = [] {
        const std::filesystem::path file = default_land_path();
        return std::filesystem::exists(file) ? load(file) : LandMask{};
    }();
    return mask;
}

bool LandMask::on_land(const LatLon& p) const {
    if (m_cells.empty() || !p.is_valid())
        return false;
    for (const std::uint32_t i : m_cells[cell_of(p.lat, p.lon)]) {
        const Shape& s = m_polygons[i];
        if (!s.box.contains(p) || !s.rings.front().contains(p))
            continue;
        const bool in_hole = std::any_of(s.rings.begin() + 1, s.rings.end(),
                                         [&](const Ring& r) { return r.contains(p); });
        if (!in_hole)
            return true;
    }
    return false;
}

std::optional<double> LandMask::land_run(const LatLon& from, double bearing_deg,
                                         double limit_km) const {
    for (double km = 0; km <= limit_km; km += kStepKm) {
        if (!on_land(destination_point(from, bearing_deg, km)))
            return km;
    }
    return std::nullopt;
}

std::optional<LatLon> LandMask::offshore(const LatLon& from, std::optional<double> bearing_deg,
                                         double beyond_km, double coast_km) const {
    if (empty() || !from.is_valid())
        return std::nullopt;
    if (bearing_deg) {
        const auto run = land_run(from, *bearing_deg, coast_km);
        if (!run)
            return std::nullopt;
        const LatLon p = destination_point(from, *bearing_deg, *run + beyond_km);
        return on_land(p) ? std::nullopt : std::optional<LatLon>(p);
    }
    const std::optional<Seaward> way = seaward(from, beyond_km, coast_km);
    if (!way)
        return std::nullopt;
    return offshore(from, way->bearing, beyond_km, coast_km);
}

std::optional<LandMask::Seaward> LandMask::seaward(const LatLon& from, double beyond_km,
                                                   double coast_km) const {
    if (empty() || !from.is_valid())
        return std::nullopt;
    constexpr int kBearings = 24;
    std::vector<std::optional<double>> runs(kBearings);
    double nearest = coast_km + 1;
    for (int i = 0; i < kBearings; ++i) {
        const double b = 360.0 * i / kBearings;
        runs[i] = land_run(from, b, coast_km);
        // the way out must stay at sea: not a bay's far shore or a strait
        if (runs[i] && on_land(destination_point(from, b, *runs[i] + beyond_km)))
            runs[i].reset();
        if (runs[i])
            nearest = std::min(nearest, *runs[i]);
    }
    if (nearest > coast_km)
        return std::nullopt;
    double x = 0, y = 0;
    int n = 0;
    for (int i = 0; i < kBearings; ++i) {
        if (runs[i] && *runs[i] <= nearest + kStepKm) {
            x += std::sin(radians(360.0 * i / kBearings));
            y += std::cos(radians(360.0 * i / kBearings));
            ++n;
        }
    }
    Seaward out;
    out.bearing = std::fmod(degrees(std::atan2(x, y)) + 360.0, 360.0);
    out.spread = 1.0 - std::hypot(x, y) / n;
    return out;
}

} // namespace kharita
