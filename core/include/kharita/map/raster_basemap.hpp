#pragma once
// An optional raster basemap under the vector one: any raster GDAL reads (a local MBTiles
// file, a GeoTIFF), warped to Web Mercator on read, so the map stays offline.

#include "kharita/map/basemap.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

namespace kharita {

class RasterBasemap {
public:
    /// Throws GdalError naming the file when it is not a raster with a coordinate system.
    static RasterBasemap open(const std::filesystem::path& file);
    RasterBasemap(RasterBasemap&&) noexcept;
    RasterBasemap& operator=(RasterBasemap&&) noexcept;
    ~RasterBasemap();

    /// The pixels covering `area` (Web Mercator metres) at width x height, as 0xAARRGGBB,
    /// rows from the top; transparent where the raster has no data.
    std::vector<std::uint32_t> read(const MapBounds& area, int width, int height) const;
    MapBounds bounds() const noexcept;

private:
    RasterBasemap();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace kharita
