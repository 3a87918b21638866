#include "kharita/base/lat_lon.hpp"
#include "kharita/geo/place.hpp"

#include <gtest/gtest.h>

#include <limits>

using namespace kharita;

TEST(LatLon, NanIsInvalid) {
    EXPECT_FALSE((LatLon{std::nan(""), 10}).is_valid());
    EXPECT_FALSE(LatLon{}.is_valid());
}

TEST(LatLon, InfinityAndOutOfRangeAreInvalid) {
    EXPECT_FALSE((LatLon{std::numeric_limits<double>::infinity(), 0}).is_valid());
    EXPECT_FALSE((LatLon{95, 0}).is_valid());
    EXPECT_FALSE((LatLon{0, -181}).is_valid());
    EXPECT_TRUE((LatLon{-90, 180}).is_valid());
}

TEST(DistanceKm, TripoliToBenghaziIsAboutSixHundredFiftyKm) {
    const double km = distance_km({32.8874, 13.1873}, {32.1149, 20.0686});
    EXPECT_NEAR(km, 650, 10);
    EXPECT_DOUBLE_EQ(distance_km({10, 10}, {10, 10}), 0.0);
}

TEST(GeoPrecision, FollowsFeatureClassAndCode) {
    EXPECT_EQ(precision_of('P', "PPLX"), GeoPrecision::district);
    EXPECT_EQ(precision_of('P', "PPLC"), GeoPrecision::town);
    EXPECT_EQ(precision_of('A', "ADM1"), GeoPrecision::region);
    EXPECT_EQ(precision_of('A', "PCLI"), GeoPrecision::country);
    EXPECT_EQ(precision_of('S', "ZOO"), GeoPrecision::site);
    EXPECT_EQ(precision_of('L', "CONT"), GeoPrecision::continent);
}
