#include "detail/gdal.hpp"
#include "detail/proj.hpp"
#include "kharita/base/error.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace kharita::detail;

TEST(ProjTransform, LonLatToWebMercatorRoundTripsWithinANanodegree) {
    const ProjTransform t("EPSG:4326", "EPSG:3857");
    std::mt19937 rng(4326); // fixed seed
    std::uniform_real_distribution<double> lon(-180, 180);
    std::uniform_real_distribution<double> lat(-85, 85);
    for (int i = 0; i < 1000; ++i) {
        const double x = lon(rng);
        const double y = lat(rng);
        const PJ_COORD m = t.forward(x, y);
        const PJ_COORD back = t.inverse(m.xy.x, m.xy.y);
        ASSERT_NEAR(back.lp.lam, x, 1e-9) << "seed 4326, point " << i;
        ASSERT_NEAR(back.lp.phi, y, 1e-9) << "seed 4326, point " << i;
    }
    const PJ_COORD tripoli = t.forward(13.1873, 32.8874);
    EXPECT_NEAR(tripoli.xy.x, 1468000, 1000); // lon first: axis order normalised
}

TEST(ProjTransform, UnknownCrsThrowsProjError) {
    EXPECT_THROW(ProjTransform("EPSG:999999", "EPSG:3857"), kharita::ProjError);
}

TEST(Gdal, HasTheExportDrivers) {
    gdal_register_all_once();
    for (const char* name : {"GeoJSON", "GPKG", "FlatGeobuf", "KML", "CSV"}) {
        EXPECT_NE(GetGDALDriverManager()->GetDriverByName(name), nullptr) << name;
    }
}

TEST(Gdal, WritesAndReadsBackAGeoJsonPoint) {
    const std::string path = "/vsimem/kharita_test.geojson";
    {
        Dataset ds = Dataset::create_vector(path, "GeoJSON");
        OGRLayer* layer = ds.get()->CreateLayer("events", nullptr, wkbPoint, nullptr);
        ASSERT_NE(layer, nullptr);
        Feature f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        OGRPoint p(13.1873, 32.8874);
        f->SetGeometry(&p);
        ASSERT_EQ(layer->CreateFeature(f.get()), OGRERR_NONE);
        ds.close();
    }
    Dataset back = Dataset::open_vector(path);
    ASSERT_EQ(back.layer_count(), 1);
    EXPECT_EQ(back.layer(0)->GetFeatureCount(), 1);
    VSIUnlink(path.c_str());
}

TEST(Gdal, OpeningGarbageThrowsGdalErrorNamingTheFile) {
    try {
        Dataset::open_vector("/nonexistent/file.geojson");
        FAIL() << "no exception";
    } catch (const kharita::GdalError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/file.geojson"), std::string::npos);
    }
}
