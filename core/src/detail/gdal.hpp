#pragma once
// RAII over GDAL/OGR handles: the one place in Kharita that calls GDAL directly.
// A Dataset is move-only; a Layer is borrowed from the Dataset that owns it and must not
// outlive it. GDAL handles are used by one thread at a time.

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <string>

namespace kharita::detail {

/// Registers GDAL's drivers once per process (thread-safe).
void gdal_register_all_once();

/// While alive, GDAL errors are captured instead of printed to stderr;
/// throw_if_error() turns the last one into a GdalError.
class GdalErrorScope {
public:
    GdalErrorScope();
    GdalErrorScope(const GdalErrorScope&) = delete;
    GdalErrorScope& operator=(const GdalErrorScope&) = delete;
    ~GdalErrorScope();
    void throw_if_error(const std::string& context) const;
};

class Dataset {
public:
    /// Opens a vector dataset read-only. Throws GdalError naming the file.
    static Dataset open_vector(const std::filesystem::path& file);
    /// Opens a raster dataset read-only (GeoTIFF, MBTiles, ...). Throws GdalError naming it.
    static Dataset open_raster(const std::filesystem::path& file);
    /// A virtual dataset that warps `source` to `target_crs` ("EPSG:3857") on read.
    static Dataset warped(const Dataset& source, const std::string& target_crs);
    /// Creates a vector dataset with the named driver ("GeoJSON", "GPKG", ...).
    static Dataset create_vector(const std::filesystem::path& file, const std::string& driver);

    int layer_count() const { return m_ds->GetLayerCount(); }
    OGRLayer* layer(int index) const { return m_ds->GetLayer(index); }
    GDALDataset* get() const noexcept { return m_ds.get(); }
    const std::string& name() const noexcept { return m_name; }
    /// Closes and reports a failure to flush (GDAL 3.6 has no CPLErr from GDALClose).
    void close();

private:
    static Dataset open(const std::filesystem::path& file, unsigned flags, const char* what);

    GDALDatasetUniquePtr m_ds;
    std::string m_name;
};

struct FeatureDeleter {
    void operator()(OGRFeature* f) const noexcept { OGRFeature::DestroyFeature(f); }
};
using Feature = std::unique_ptr<OGRFeature, FeatureDeleter>;

} // namespace kharita::detail
