// Distance-error statistics of the geoparse evaluation.

#include "kharita/eval/evaluation.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace kharita {
namespace {

TEST(ErrorStatsTest, UnresolvedCountAtHalfTheEarthsCircumference) {
    const ErrorStats s = ErrorStats::from({200.0, 0.0, 100.0}, 1);
    EXPECT_EQ(s.count, 4U);
    EXPECT_EQ(s.unresolved, 1U);
    EXPECT_DOUBLE_EQ(s.acc161, 0.5);
    EXPECT_DOUBLE_EQ(s.median_km, 150.0);
    EXPECT_DOUBLE_EQ(s.mean_km, (0.0 + 100.0 + 200.0 + 20039.0) / 4);
    const double norm = std::log(1.0 + 20039.0);
    EXPECT_NEAR(s.auc, (0.0 + std::log(101.0) / norm + std::log(201.0) / norm + 1.0) / 4, 1e-12);
}

TEST(ErrorStatsTest, NoErrorsNoStatistics) {
    const ErrorStats s = ErrorStats::from({}, 0);
    EXPECT_EQ(s.count, 0U);
    EXPECT_DOUBLE_EQ(s.acc161, 0.0);
    EXPECT_DOUBLE_EQ(s.auc, 0.0);
}

TEST(PrfCountsTest, PrecisionRecallF1) {
    const PrfCounts c{6, 2, 4};
    EXPECT_DOUBLE_EQ(c.precision(), 0.75);
    EXPECT_DOUBLE_EQ(c.recall(), 0.6);
    EXPECT_DOUBLE_EQ(c.f1(), 2 * 0.75 * 0.6 / 1.35);
    EXPECT_DOUBLE_EQ(PrfCounts{}.f1(), 0.0);
}

} // namespace
} // namespace kharita
