#include "kharita/map/raster_basemap.hpp"

#include "detail/gdal.hpp"
#include "kharita/base/error.hpp"

#include <algorithm>
#include <cmath>

namespace kharita {

struct RasterBasemap::Impl {
    detail::Dataset source;
    detail::Dataset warped;
    double gt[6] = {0, 1, 0, 0, 0, -1};
};

RasterBasemap::RasterBasemap() = default;
RasterBasemap::RasterBasemap(RasterBasemap&&) noexcept = default;
RasterBasemap& RasterBasemap::operator=(RasterBasemap&&) noexcept = default;
RasterBasemap::~RasterBasemap() = default;

RasterBasemap RasterBasemap::open(const std::filesystem::path& file) {
    RasterBasemap r;
    r.m_impl = std::make_unique<Impl>(Impl{detail::Dataset::open_raster(file), {}, {}});
    r.m_impl->warped = detail::Dataset::warped(r.m_impl->source, "EPSG:3857");
    if (r.m_impl->warped.get()->GetGeoTransform(r.m_impl->gt) != CE_None) {
        throw GdalError(CPLE_AppDefined, file.string() + ": no georeferencing", file.string());
    }
    return r;
}

MapBounds RasterBasemap::bounds() const noexcept {
    const double* gt = m_impl->gt;
    GDALDataset* ds = m_impl->warped.get();
    return {gt[0], gt[3] + gt[5] * ds->GetRasterYSize(), gt[0] + gt[1] * ds->GetRasterXSize(),
            gt[3]};
}

std::vector<std::uint32_t> RasterBasemap::read(const MapBounds& area, int width, int height) const {
    std::vector<std::uint32_t> out(
        static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
    GDALDataset* ds = m_impl->warped.get();
    const double* gt = m_impl->gt;
    // the requested area in raster pixels, clipped to the raster
    const double px0 = (area.min_x - gt[0]) / gt[1], px1 = (area.max_x - gt[0]) / gt[1];
    const double py0 = (area.max_y - gt[3]) / gt[5], py1 = (area.min_y - gt[3]) / gt[5];
    const double cx0 = std::max(0.0, px0), cx1 = std::min<double>(ds->GetRasterXSize(), px1);
    const double cy0 = std::max(0.0, py0), cy1 = std::min<double>(ds->GetRasterYSize(), py1);
    if (cx1 <= cx0 || cy1 <= cy0)
        return out;
    // where that lands in the output
    const double sx = width / (px1 - px0), sy = height / (py1 - py0);
    const int ox0 = static_cast<int>(std::floor((cx0 - px0) * sx)),
              ox1 = static_cast<int>(std::ceil((cx1 - px0) * sx));
    const int oy0 = static_cast<int>(std::floor((cy0 - py0) * sy)),
              oy1 = static_cast<int>(std::ceil((cy1 - py0) * sy));
    const int bw = std::clamp(ox1, 0, width) - std::max(0, ox0),
              bh = std::clamp(oy1, 0, height) - std::max(0, oy0);
    if (bw <= 0 || bh <= 0)
        return out;
    const int bands = std::min(ds->GetRasterCount(), 4);
    std::vector<std::uint8_t> buf(static_cast<std::size_t>(bw) * bh * std::max(bands, 1));
    int band_map[4] = {1, 2, 3, 4};
    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = GRIORA_Bilinear;
    detail::GdalErrorScope errors;
    if (ds->RasterIO(GF_Read, static_cast<int>(cx0), static_cast<int>(cy0),
                     std::max(1, static_cast<int>(cx1 - cx0)),
                     std::max(1, static_cast<int>(cy1 - cy0)), buf.data(), bw, bh, GDT_Byte, bands,
                     band_map, bands, static_cast<GSpacing>(bw) * bands, 1, &extra) != CE_None) {
        errors.throw_if_error(m_impl->source.name());
    }
    for (int y = 0; y < bh; ++y) {
        for (int x = 0; x < bw; ++x) {
            const std::uint8_t* p = &buf[(static_cast<std::size_t>(y) * bw + x) * bands];
            const std::uint32_t r = p[0], g = bands >= 3 ? p[1] : p[0],
                                b = bands >= 3 ? p[2] : p[0];
            const std::uint32_t a = bands == 4 || bands == 2 ? p[bands - 1] : 255;
            out[static_cast<std::size_t>(y + std::max(0, oy0)) * width +
                static_cast<std::size_t>(x + std::max(0, ox0))] =
                (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
    return out;
}

} // namespace kharita
