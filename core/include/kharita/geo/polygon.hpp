#pragma once
// Polygons given by users (a region filter drawn on the map, typed as WKT or GeoJSON, or
// loaded from a file): the one place Kharita parses them.

#include "kharita/base/lat_lon.hpp"

#include <memory>
#include <string>

namespace kharita {

/// A polygon filter as WKT, from WKT text, GeoJSON text, or a file holding either (any
/// vector format GDAL reads: the union of its first layer's polygons). Throws InputError
/// naming the input ("polygon" for text, else the file) when it holds no valid polygon.
std::string read_polygon(const std::string& text_or_file);

/// A POLYGON or MULTIPOLYGON in longitude/latitude degrees, parsed once, with a prepared
/// geometry for fast point tests. Move-only; one thread at a time.
class Polygon {
public:
    /// Throws InputError (source "polygon") when `wkt` is not a non-empty polygon.
    static Polygon from_wkt(const std::string& wkt);

    Polygon(Polygon&&) noexcept;
    Polygon& operator=(Polygon&&) noexcept;
    ~Polygon();

    bool contains(const LatLon& p) const;
    BoundingBox bounds() const;

private:
    struct Impl;
    explicit Polygon(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace kharita
