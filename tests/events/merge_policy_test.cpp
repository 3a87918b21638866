#include "kharita/events/merge_policy.hpp"

#include <gtest/gtest.h>

namespace kharita {
namespace {

CivilDay day(int y, unsigned m, unsigned d) {
    return *CivilDay::make(y, m, d);
}

MergeableFacts dated(CivilDay first, CivilDay last, TimePrecision p) {
    MergeableFacts f;
    f.date_start = first;
    f.date_end = last;
    f.time_precision = p;
    return f;
}

TEST(MergePolicyTest, AFinerDateReplacesACoarserOne) {
    const auto month = dated(day(2025, 5, 1), day(2025, 5, 31), TimePrecision::month);
    const auto one_day = dated(day(2025, 5, 12), day(2025, 5, 12), TimePrecision::day);
    const MergeableFacts m = merge_told_again(month, one_day);
    EXPECT_EQ(m.date_start, day(2025, 5, 12));
    EXPECT_EQ(m.time_precision, TimePrecision::day);
    // and never the other way round
    const MergeableFacts back = merge_told_again(one_day, month);
    EXPECT_EQ(back.date_start, day(2025, 5, 12));
    EXPECT_EQ(back.time_precision, TimePrecision::day);
}

TEST(MergePolicyTest, ADatedReportDatesAnUndatedEvent) {
    MergeableFacts undated;
    undated.date_end = day(2025, 6, 10); // "on or before" the publication day
    const auto year = dated(day(2024, 1, 1), day(2024, 12, 31), TimePrecision::year);
    const MergeableFacts m = merge_told_again(undated, year);
    EXPECT_EQ(m.date_start, day(2024, 1, 1));
    EXPECT_EQ(m.date_end, day(2024, 12, 31));
    EXPECT_EQ(merge_told_again(year, undated).date_start, day(2024, 1, 1));
}

TEST(MergePolicyTest, TheLargerTollAndTheHigherConfidenceWin) {
    MergeableFacts a, b;
    a.fatalities = 3;
    a.confidence = 0.9;
    b.fatalities = 7;
    b.confidence = 0.4;
    const MergeableFacts m = merge_told_again(a, b);
    EXPECT_EQ(m.fatalities, 7);
    EXPECT_DOUBLE_EQ(m.confidence, 0.9);
    MergeableFacts unstated;
    EXPECT_EQ(merge_told_again(a, unstated).fatalities, 3);
    EXPECT_EQ(merge_told_again(unstated, a).fatalities, 3);
}

} // namespace
} // namespace kharita
