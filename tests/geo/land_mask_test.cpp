// The land mask (kharita/geo/land_mask.hpp) on a made-up island written for these tests: a
// square of land two degrees wide with a lake in it.

#include "kharita/geo/land_mask.hpp"

#include "kharita/base/error.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace kharita;

namespace {

/// A file of the temporary directory named for `stem` and the running test: ctest runs each
/// test in its own process, two at a time, and a name shared between them let one read the
/// other's half-written file.
std::filesystem::path test_file(const std::string& stem) {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return std::filesystem::temp_directory_path() /
           ("kharita_" + stem + "_" + (info != nullptr ? info->name() : "none") + ".geojson");
}

/// A square island from (lat 30, lon 10) to (32, 12) with a lake of a fifth of a degree in
/// its middle, as a GeoJSON file in the test's temporary directory.
std::filesystem::path island_file() {
    const auto file = test_file("land_mask_island");
    std::ofstream(file) << R"({"type":"FeatureCollection","features":[{"type":"Feature",
"properties":{},"geometry":{"type":"Polygon","coordinates":[
[[10,30],[12,30],[12,32],[10,32],[10,30]],
[[10.9,30.9],[11.1,30.9],[11.1,31.1],[10.9,31.1],[10.9,30.9]]]}}]})";
    return file;
}

const LandMask& island() {
    static const LandMask mask = LandMask::load(island_file());
    return mask;
}

} // namespace

TEST(LandMask, DestinationPointGoesTheDistanceOnTheBearing) {
    const LatLon from{30.0, 10.0};
    for (const double bearing : {0.0, 90.0, 180.0, 270.0, 45.0}) {
        const LatLon to = destination_point(from, bearing, 100.0);
        EXPECT_NEAR(distance_km(from, to), 100.0, 0.01) << bearing;
    }
    EXPECT_GT(destination_point(from, 0.0, 50.0).lat, from.lat);
    EXPECT_LT(destination_point(from, 90.0, 50.0).lon - from.lon, 1.0);
    EXPECT_GT(destination_point(from, 90.0, 50.0).lon, from.lon);
}

TEST(LandMask, LandIsInsideTheOuterRingAndOutsideItsHoles) {
    EXPECT_TRUE(island().on_land({30.5, 10.5}));
    EXPECT_TRUE(island().on_land({31.8, 11.8}));
    EXPECT_FALSE(island().on_land({31.0, 11.0})); // the lake
    EXPECT_FALSE(island().on_land({29.9, 11.0}));
    EXPECT_FALSE(island().on_land({31.0, 12.1}));
    EXPECT_FALSE(LandMask().on_land({31.0, 11.0}));
}

TEST(LandMask, TheSeaOffACoastLiesStraightOutPastTheShore) {
    // 10 km inside the northern shore: the land ends about 10 km to the north
    const LatLon town = destination_point({32.0, 11.0}, 180.0, 10.0);
    const auto run = island().land_run(town, 0.0, 30.0);
    ASSERT_TRUE(run.has_value());
    EXPECT_NEAR(*run, 10.0, 2.0);
    const auto way = island().seaward(town, 20.0);
    ASSERT_TRUE(way.has_value());
    EXPECT_LT(std::abs(std::remainder(way->bearing, 360.0)), 1.0);
    EXPECT_LT(way->spread, 0.5);
    const auto off = island().offshore(town, std::nullopt, 20.0);
    ASSERT_TRUE(off.has_value());
    EXPECT_FALSE(island().on_land(*off));
    EXPECT_NEAR(distance_km(town, *off), 30.0, 2.5);
    EXPECT_GT(off->lat, 32.0);
    // a written direction is followed: east from the same town is far inland
    EXPECT_FALSE(island().offshore(town, 90.0, 20.0).has_value());
}

TEST(LandMask, AnInlandPlaceOrAnEmptyMaskHasNoSeaOffIt) {
    EXPECT_FALSE(island().offshore({31.0, 10.5}, std::nullopt, 20.0).has_value());
    EXPECT_FALSE(island().seaward({30.5, 11.5}, 20.0).has_value());
    EXPECT_FALSE(LandMask().offshore({32.0, 11.0}, std::nullopt, 20.0).has_value());
}

TEST(LandMask, ASmallIslandHasSeaAllAround) {
    // a point already at sea, 5 km off the island's south-west corner
    const LatLon at_sea = destination_point({30.0, 10.0}, 225.0, 5.0);
    const auto way = island().seaward(at_sea, 20.0);
    ASSERT_TRUE(way.has_value());
    EXPECT_GT(way->spread, 0.6);
}

TEST(LandMask, AFileThatIsNoVectorDataIsAnError) {
    const auto file = test_file("land_mask_bad");
    std::ofstream(file) << "not json";
    EXPECT_THROW(LandMask::load(file), Error);
}
