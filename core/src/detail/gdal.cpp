#include "detail/gdal.hpp"

#include "kharita/base/error.hpp"

#include <cpl_error.h>
#include <gdalwarper.h>
#include <ogr_spatialref.h>

#include <mutex>

namespace kharita::detail {

void gdal_register_all_once() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorScope::GdalErrorScope() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

GdalErrorScope::~GdalErrorScope() {
    CPLPopErrorHandler();
}

void GdalErrorScope::throw_if_error(const std::string& context) const {
    const CPLErr type = CPLGetLastErrorType();
    if (type == CE_Failure || type == CE_Fatal) {
        const std::string message = CPLGetLastErrorMsg();
        const int code = CPLGetLastErrorNo();
        CPLErrorReset();
        throw GdalError(code, context + ": " + message, context);
    }
}

Dataset Dataset::open(const std::filesystem::path& file, unsigned flags, const char* what) {
    gdal_register_all_once();
    GdalErrorScope errors;
    Dataset ds;
    ds.m_name = file.string();
    ds.m_ds.reset(GDALDataset::Open(ds.m_name.c_str(), flags | GDAL_OF_READONLY));
    if (!ds.m_ds) {
        errors.throw_if_error(ds.m_name);
        throw GdalError(CPLE_OpenFailed, ds.m_name + ": not a readable " + what, ds.m_name);
    }
    return ds;
}

Dataset Dataset::open_vector(const std::filesystem::path& file) {
    return open(file, GDAL_OF_VECTOR, "vector dataset");
}

Dataset Dataset::open_raster(const std::filesystem::path& file) {
    return open(file, GDAL_OF_RASTER, "raster");
}

Dataset Dataset::warped(const Dataset& source, const std::string& target_crs) {
    GdalErrorScope errors;
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(target_crs.c_str()) != OGRERR_NONE) {
        throw GdalError(CPLE_AppDefined, target_crs + ": unknown CRS");
    }
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    Dataset ds;
    ds.m_name = source.m_name;
    ds.m_ds.reset(GDALDataset::FromHandle(GDALAutoCreateWarpedVRT(
        GDALDataset::ToHandle(source.m_ds.get()), nullptr, wkt, GRA_Bilinear, 0.125, nullptr)));
    CPLFree(wkt);
    if (!ds.m_ds) {
        errors.throw_if_error(ds.m_name);
        throw GdalError(CPLE_AppDefined,
                        ds.m_name + ": cannot be warped to " + target_crs +
                            " (does it carry a coordinate system?)",
                        ds.m_name);
    }
    return ds;
}

Dataset Dataset::create_vector(const std::filesystem::path& file, const std::string& driver) {
    gdal_register_all_once();
    GdalErrorScope errors;
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver.c_str());
    if (drv == nullptr) {
        throw GdalError(CPLE_AppDefined, "GDAL driver " + driver + " is not available");
    }
    Dataset ds;
    ds.m_name = file.string();
    ds.m_ds.reset(drv->Create(ds.m_name.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds.m_ds) {
        errors.throw_if_error(ds.m_name);
        throw GdalError(CPLE_OpenFailed, ds.m_name + ": cannot create", ds.m_name);
    }
    return ds;
}

void Dataset::close() {
    if (m_ds) {
        GdalErrorScope errors;
        m_ds.reset();
        errors.throw_if_error(m_name);
    }
}

} // namespace kharita::detail
