#include "kharita/map/basemap.hpp"

#include "detail/gdal.hpp"

#include <algorithm>
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

/// Each feature of the file's first layer as one shape, projected.
std::vector<MapShape> read_shapes(const fs::path& file, const WebMercator& projection) {
    std::vector<MapShape> out;
    if (!fs::exists(file))
        return out;
    auto ds = detail::Dataset::open_vector("/vsigzip/" + file.string());
    OGRLayer* layer = ds.layer(0);
    layer->ResetReading();
    while (detail::Feature f{layer->GetNextFeature()}) {
        MapShape shape;
        collect(f->GetGeometryRef(), shape);
        for (auto& ring : shape)
            projection.forward_in_place(ring);
        if (!shape.empty())
            out.push_back(std::move(shape));
    }
    return out;
}

} // namespace

Basemap load_basemap(const fs::path& dir, const WebMercator& projection) {
    Basemap b;
    b.land = read_shapes(dir / "ne_10m_land_nafrica.geojson.gz", projection);
    b.lakes = read_shapes(dir / "ne_10m_lakes_nafrica.geojson.gz", projection);
    b.coastline = read_shapes(dir / "ne_10m_coastline_nafrica.geojson.gz", projection);
    b.borders =
        read_shapes(dir / "ne_10m_admin_0_boundary_lines_land_nafrica.geojson.gz", projection);
    // Libya's admin-1 regions (the country polygon in the same file is left out)
    if (const fs::path wof = dir / "wof-regions-ly.geojson.gz"; fs::exists(wof)) {
        auto ds = detail::Dataset::open_vector("/vsigzip/" + wof.string());
        OGRLayer* layer = ds.layer(0);
        const int placetype = layer->GetLayerDefn()->GetFieldIndex("conc_iso_code");
        while (detail::Feature f{layer->GetNextFeature()}) {
            if (placetype >= 0 && std::string(f->GetFieldAsString(placetype)).size() <= 2)
                continue;
            MapShape shape;
            collect(f->GetGeometryRef(), shape);
            for (auto& ring : shape)
                projection.forward_in_place(ring);
            if (!shape.empty())
                b.regions.push_back(std::move(shape));
        }
    }
    if (const fs::path towns = dir / "ne_10m_populated_places_nafrica.geojson.gz";
        fs::exists(towns)) {
        auto ds = detail::Dataset::open_vector("/vsigzip/" + towns.string());
        OGRLayer* layer = ds.layer(0);
        const OGRFeatureDefn* def = layer->GetLayerDefn();
        const int name = def->GetFieldIndex("NAME"), rank = def->GetFieldIndex("SCALERANK"),
                  cap = def->GetFieldIndex("ADM0CAP");
        while (detail::Feature f{layer->GetNextFeature()}) {
            const OGRGeometry* g = f->GetGeometryRef();
            if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint)
                continue;
            MapTown t;
            t.name = name >= 0 ? f->GetFieldAsString(name) : "";
            t.rank = rank >= 0 ? f->GetFieldAsInteger(rank) : 10;
            t.capital = cap >= 0 && f->GetFieldAsInteger(cap) == 1;
            t.position = projection.forward({g->toPoint()->getY(), g->toPoint()->getX()});
            b.towns.push_back(std::move(t));
        }
        std::stable_sort(b.towns.begin(), b.towns.end(),
                         [](const MapTown& a, const MapTown& c) { return a.rank < c.rank; });
    }
    b.bounds = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    for (const MapShape& s : b.land) {
        for (const auto& ring : s) {
            for (const MapPoint& p : ring) {
                b.bounds.min_x = std::min(b.bounds.min_x, p.x);
                b.bounds.min_y = std::min(b.bounds.min_y, p.y);
                b.bounds.max_x = std::max(b.bounds.max_x, p.x);
                b.bounds.max_y = std::max(b.bounds.max_y, p.y);
            }
        }
    }
    return b;
}

} // namespace kharita
