#pragma once
// Where the land ends: the world's land polygons (Natural Earth 1:50m, the basemap's own
// file), for the places a report puts at sea ("sank off the Libyan coast", "about 100
// nautical miles south of Lampedusa"). A sea point is found by walking out from a place on
// land until the land ends, then on into the sea.
//
// Thread rules: a LandMask is immutable once loaded; its const methods may run on many
// threads at once.

#include "kharita/base/lat_lon.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace kharita {

/// The bundled land polygons (data/basemap/ne_50m_land_world.geojson.gz), or the file
/// KHARITA_LAND names.
std::filesystem::path default_land_path();

/// The point `km` kilometres from `from` on the initial compass bearing `bearing_deg`
/// (0 north, 90 east), on a sphere.
LatLon destination_point(const LatLon& from, double bearing_deg, double km) noexcept;

class LandMask {
public:
    /// A mask without land: every point is at sea and no place is on a coast.
    LandMask() = default;

    /// The polygons of the first layer of a vector file GDAL reads (a ".gz" file through
    /// /vsigzip/). Throws GdalError naming the file when it cannot be read.
    static LandMask load(const std::filesystem::path& file);
    /// The land of the bundled basemap (data/basemap/ne_50m_land_world.geojson.gz), loaded
    /// on first use; empty when the file is missing.
    static const LandMask& builtin();

    bool empty() const noexcept { return m_polygons.empty(); }
    bool on_land(const LatLon& p) const;

    /// How far from `from` the land ends along `bearing_deg` (2 km steps): 0 when `from`
    /// is at sea, nothing when the land goes on for more than `limit_km`.
    std::optional<double> land_run(const LatLon& from, double bearing_deg, double limit_km) const;

    /// A point at sea off the place at `from`: `beyond_km` past where the land ends, along
    /// `bearing_deg` when given, else along the way the sea is nearest (the mean of the
    /// nearest bearings of 24, so a straight coast gives the way straight out). Nothing
    /// when the sea is more than `coast_km` away that way (an inland place) or when the
    /// point reached is on land again.
    std::optional<LatLon> offshore(const LatLon& from, std::optional<double> bearing_deg,
                                   double beyond_km, double coast_km = 30) const;

    /// Which way the sea lies from `from`: the mean of the bearings (of 24) on which the land
    /// ends soonest and `beyond_km` further is still sea; `spread` is 0 when they all point
    /// one way and near 1 when the sea is all around (an island, a point already at sea).
    /// Nothing for a place more than `coast_km` from such sea.
    struct Seaward {
        double bearing = 0;
        double spread = 0;
    };
    std::optional<Seaward> seaward(const LatLon& from, double beyond_km,
                                   double coast_km = 30) const;

private:
    /// A ring with its edges sorted into latitude bands, so that a point's crossing test
    /// reads only the edges of its band (a continent's ring has thousands).
    struct Ring {
        std::vector<LatLon> points;
        BoundingBox box;
        std::vector<std::vector<std::uint32_t>> bands; ///< per band: edges (from point i)
        bool contains(const LatLon& p) const;
        void index();
    };
    struct Shape {
        std::vector<Ring> rings; // outer ring first, then holes
        BoundingBox box;
    };
    std::vector<Shape> m_polygons;
    /// Per one-degree cell (row-major from 90 S, 180 W): the polygons whose box meets it.
    std::vector<std::vector<std::uint32_t>> m_cells;
};

} // namespace kharita
