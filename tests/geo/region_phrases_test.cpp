// The geometry of region phrases (core/src/geo/region_phrases.hpp) on made-up points.

#include "geo/region_phrases.hpp"

#include <gtest/gtest.h>

using namespace kharita;
using namespace kharita::detail;

namespace {

// A 3 x 3 grid of equal points around (30, 15), one degree apart.
std::vector<WeightedPoint> grid() {
    std::vector<WeightedPoint> out;
    for (int r = -1; r <= 1; ++r) {
        for (int c = -1; c <= 1; ++c)
            out.push_back({LatLon{30.0 + r, 15.0 + c}, 100});
    }
    return out;
}

} // namespace

TEST(RegionPhrases, PointsTowardADirectionFromTheMedian) {
    const LatLon q{31, 14};
    EXPECT_TRUE(lies_toward(q, 30, 15, Direction::north));
    EXPECT_FALSE(lies_toward(q, 30, 15, Direction::south));
    EXPECT_TRUE(lies_toward(q, 30, 15, Direction::west));
    EXPECT_TRUE(lies_toward(q, 30, 15, Direction::nw));
    EXPECT_FALSE(lies_toward(q, 30, 15, Direction::ne));
    EXPECT_TRUE(lies_toward(q, 30, 15, Direction::central)); // within 3 degrees
    EXPECT_FALSE(lies_toward(LatLon{34, 15}, 30, 15, Direction::central));
    EXPECT_FALSE(lies_toward(q, 30, 15, Direction::none));
}

TEST(RegionPhrases, DirectionCentroidIsTheWeightedMeanOfThatSide) {
    const auto south = direction_centroid(grid(), Direction::south);
    ASSERT_TRUE(south.has_value());
    EXPECT_DOUBLE_EQ(south->lat, 29.5); // the median row counts on both sides
    EXPECT_DOUBLE_EQ(south->lon, 15.0);
    const auto ne = direction_centroid(grid(), Direction::ne);
    ASSERT_TRUE(ne.has_value());
    EXPECT_DOUBLE_EQ(ne->lat, 30.5);
    EXPECT_DOUBLE_EQ(ne->lon, 15.5);
}

TEST(RegionPhrases, AGivenCentreSplitsThePointsInsteadOfTheirMedian) {
    // split at (31, 16), the grid's north-east corner: only that corner lies north-east
    const auto ne = direction_centroid(grid(), Direction::ne, LatLon{31, 16});
    ASSERT_TRUE(ne.has_value());
    EXPECT_DOUBLE_EQ(ne->lat, 31.0);
    EXPECT_DOUBLE_EQ(ne->lon, 16.0);
    // "central" is within three degrees of the centre: here the whole grid
    const auto central = direction_centroid(grid(), Direction::central, LatLon{31, 16});
    ASSERT_TRUE(central.has_value());
    EXPECT_DOUBLE_EQ(central->lat, 30.0);
}

TEST(RegionPhrases, PopulationPullsTheCentroid) {
    auto points = grid();
    points[0].population = 1000000; // (29, 14): the south-west corner
    const auto south = direction_centroid(points, Direction::south);
    ASSERT_TRUE(south.has_value());
    EXPECT_LT(south->lat, 29.5);
    EXPECT_LT(south->lon, 15.0);
}

TEST(RegionPhrases, TooFewPointsGiveNoCentroid) {
    auto points = grid();
    points.resize(2);
    EXPECT_FALSE(direction_centroid(points, Direction::south).has_value());
    EXPECT_FALSE(direction_centroid({}, Direction::north).has_value());
}

TEST(RegionPhrases, OffsetsAlongCompassDirectionsOnly) {
    const auto north = offset_toward(2.0, -1.0, Direction::north);
    ASSERT_TRUE(north.has_value());
    EXPECT_DOUBLE_EQ(north->along, 2.0);
    EXPECT_DOUBLE_EQ(north->across, 1.0);
    const auto west = offset_toward(2.0, -1.0, Direction::west);
    ASSERT_TRUE(west.has_value());
    EXPECT_DOUBLE_EQ(west->along, 1.0);
    EXPECT_DOUBLE_EQ(west->across, 2.0);
    EXPECT_FALSE(offset_toward(2.0, -1.0, Direction::ne).has_value());
    EXPECT_FALSE(offset_toward(2.0, -1.0, Direction::central).has_value());
}

TEST(RegionPhrases, BorderIsMidwayBetweenTheClosestPair) {
    const std::vector<LatLon> libya{{32.9, 13.2}, {32.8, 12.1}, {25.0, 20.0}};
    const std::vector<LatLon> tunisia{{36.8, 10.2}, {33.5, 11.1}};
    const auto mid = border_midpoint(libya, tunisia);
    ASSERT_TRUE(mid.has_value());
    EXPECT_DOUBLE_EQ(mid->lat, (32.8 + 33.5) / 2);
    EXPECT_DOUBLE_EQ(mid->lon, (12.1 + 11.1) / 2);
    EXPECT_FALSE(border_midpoint(libya, {}).has_value());
}
