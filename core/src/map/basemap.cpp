#include "kharita/map/basemap.hpp"

#include "detail/gdal.hpp"

#include <algorithm>
#include <functional>
#include <limits>

namespace kharita {

namespace fs = std::filesystem;

namespace {

void add_ring(const OGRLineString& line, MapShape& shape) {
    std::vector<MapPoint> ring;
    ring.reserve(static_cast<std::size_t>(line.getNumPoints()));
    for (int i = 0; i < line.getNumPoints(); ++i)
        ring.push_back({line.getX(i), line.getY(i)});
    if (ring.size() >= 2)
        shape.push_back(std::move(ring));
}

void collect(const OGRGeometry* g, MapShape& shape) {
    if (g == nullptr)
        return;
    switch (wkbFlatten(g->getGeometryType())) {
    case wkbPolygon: {
        const auto* p = g->toPolygon();
        if (p->getExteriorRing() != nullptr)
            add_ring(*p->getExteriorRing(), shape);
        for (int i = 0; i < p->getNumInteriorRings(); ++i)
            add_ring(*p->getInteriorRing(i), shape);
        break;
    }
    case wkbLineString:
        add_ring(*g->toLineString(), shape);
        break;
    case wkbMultiPolygon:
    case wkbMultiLineString:
    case wkbGeometryCollection: {
        const auto* c = g->toGeometryCollection();
        for (int i = 0; i < c->getNumGeometries(); ++i)
            collect(c->getGeometryRef(i), shape);
        break;
    }
    default:
        break;
    }
}

/// Each feature of the file's first layer that `keep` accepts (every one without it) as one
/// shape, projected.
std::vector<MapShape> read_shapes(const fs::path& file, const WebMercator& projection,
                                  const std::function<bool(OGRFeature&)>& keep = {}) {
    std::vector<MapShape> out;
    if (!fs::exists(file))
        return out;
    auto ds = detail::Dataset::open_vector("/vsigzip/" + file.string());
    OGRLayer* layer = ds.layer(0);
    layer->ResetReading();
    while (detail::Feature f{layer->GetNextFeature()}) {
        if (keep && !keep(*f))
            continue;
        MapShape shape;
        collect(f->GetGeometryRef(), shape);
        for (auto& ring : shape)
            projection.forward_in_place(ring);
        if (!shape.empty())
            out.push_back(std::move(shape));
    }
    return out;
}

/// The points of a file's first layer with their name and rank fields (and a capital flag
/// when `capital_field` is given), most important first.
std::vector<MapTown> read_towns(const fs::path& file, const WebMercator& projection,
                                const char* rank_field, const char* capital_field) {
    std::vector<MapTown> out;
    if (!fs::exists(file))
        return out;
    auto ds = detail::Dataset::open_vector("/vsigzip/" + file.string());
    OGRLayer* layer = ds.layer(0);
    const OGRFeatureDefn* def = layer->GetLayerDefn();
    const int name = def->GetFieldIndex("NAME"), rank = def->GetFieldIndex(rank_field),
              cap = capital_field != nullptr ? def->GetFieldIndex(capital_field) : -1;
    while (detail::Feature f{layer->GetNextFeature()}) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint)
            continue;
        MapTown t;
        t.name = name >= 0 ? f->GetFieldAsString(name) : "";
        t.rank = rank >= 0 ? f->GetFieldAsInteger(rank) : 10;
        t.capital = cap >= 0 && f->GetFieldAsInteger(cap) == 1;
        t.position = projection.forward({g->toPoint()->getY(), g->toPoint()->getX()});
        out.push_back(std::move(t));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const MapTown& a, const MapTown& c) { return a.rank < c.rank; });
    return out;
}

/// Libya's admin-1 regions (the country polygon in the same file, with a two-letter code,
/// is left out).
std::vector<MapShape> read_regions(const fs::path& file, const WebMercator& projection) {
    return read_shapes(file, projection, [](OGRFeature& f) {
        const int code = f.GetDefnRef()->GetFieldIndex("conc_iso_code");
        return code < 0 || std::string(f.GetFieldAsString(code)).size() > 2;
    });
}

/// The extent of some shapes; min > max when there are none.
MapBounds bounds_of(const std::vector<MapShape>& shapes) {
    MapBounds b{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    for (const MapShape& s : shapes) {
        for (const auto& ring : s) {
            for (const MapPoint& p : ring) {
                b.min_x = std::min(b.min_x, p.x);
                b.min_y = std::min(b.min_y, p.y);
                b.max_x = std::max(b.max_x, p.x);
                b.max_y = std::max(b.max_y, p.y);
            }
        }
    }
    return b;
}

WorldBasemap load_world(const fs::path& dir, const WebMercator& projection) {
    WorldBasemap w;
    w.land = read_shapes(dir / "ne_50m_land_world.geojson.gz", projection);
    w.lakes = read_shapes(dir / "ne_50m_lakes_world.geojson.gz", projection);
    w.coastline = read_shapes(dir / "ne_50m_coastline_world.geojson.gz", projection);
    w.borders =
        read_shapes(dir / "ne_10m_admin_0_boundary_lines_land_world.geojson.gz", projection);
    w.towns = read_towns(dir / "ne_50m_populated_places_world.geojson.gz", projection, "SCALERANK",
                         "ADM0CAP");
    w.countries = read_towns(dir / "ne_50m_country_labels_world.geojson.gz", projection,
                             "LABELRANK", nullptr);
    return w;
}

} // namespace

Basemap load_basemap(const fs::path& dir, const WebMercator& projection) {
    Basemap b;
    b.land = read_shapes(dir / "ne_10m_land_nafrica.geojson.gz", projection);
    b.lakes = read_shapes(dir / "ne_10m_lakes_nafrica.geojson.gz", projection);
    b.coastline = read_shapes(dir / "ne_10m_coastline_nafrica.geojson.gz", projection);
    b.borders =
        read_shapes(dir / "ne_10m_admin_0_boundary_lines_land_nafrica.geojson.gz", projection);
    b.regions = read_regions(dir / "wof-regions-ly.geojson.gz", projection);
    b.towns = read_towns(dir / "ne_10m_populated_places_nafrica.geojson.gz", projection,
                         "SCALERANK", "ADM0CAP");
    b.world = load_world(dir, projection);
    // the detailed land was clipped to a box: its extent is where the detailed layer covers
    b.detail_bounds = b.land.empty() ? MapBounds{} : bounds_of(b.land);
    b.bounds = b.land.empty() ? bounds_of(b.world.land) : b.detail_bounds;
    if (b.bounds.min_x > b.bounds.max_x)
        b.bounds = {};
    return b;
}

} // namespace kharita
