// The store's query planning without a database: cells and span classes, the conditions
// left to check on the rows an index path reads, and the choice of path.

#include "store/query_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace kharita::store {
namespace {

TEST(QueryPlan, CellsAndSpanClasses) {
    EXPECT_EQ(span_class(0), 0);
    EXPECT_EQ(span_class(1), 0);
    EXPECT_EQ(span_class(30), 1);
    EXPECT_EQ(span_class(366), 2);
    EXPECT_EQ(span_class(367), 3);
    EXPECT_EQ(span_limit(1, 5000), 31);
    EXPECT_EQ(span_limit(3, 100), 366); // the longest class covers at least a year
    EXPECT_EQ(span_limit(3, 5000), 5000);
    // quarter-degree cells, clamped at the edges of the world
    EXPECT_EQ(cell_of({0.1, 0.1}), 360 * kCellColumns + 720);
    EXPECT_EQ(cell_of({-0.1, 0.1}), 359 * kCellColumns + 720);
    EXPECT_EQ(cell_column(180), kCellColumns - 1);
    EXPECT_EQ(cell_row(-90), 0);
}

TEST(QueryPlan, ThePolygonNarrowsTheBoxAndDaysBecomeKeys) {
    EventFilter f;
    f.bbox = BoundingBox{10, 20, 30, 40};
    f.from = CivilDay{2025, 1, 1};
    const QueryExtent e = query_extent(f, BoundingBox{15, 10, 40, 35});
    ASSERT_TRUE(e.box);
    EXPECT_EQ(e.box->min_lon, 15);
    EXPECT_EQ(e.box->min_lat, 20);
    EXPECT_EQ(e.box->max_lon, 30);
    EXPECT_EQ(e.box->max_lat, 35);
    EXPECT_TRUE(e.dated);
    EXPECT_EQ(e.from_day, (CivilDay{2025, 1, 1}.serial()));
    EXPECT_EQ(e.to_day, kNoDayHigh);
    EXPECT_FALSE(query_extent({}, std::nullopt).box);
    EXPECT_FALSE(query_extent({}, std::nullopt).dated);
}

TEST(QueryPlan, ResidualConditionsNameTheKeptValues) {
    EventFilter everything;
    everything.reviews = ReviewStateSet::all();
    EXPECT_TRUE(residual_conditions(everything, std::nullopt).where.empty());
    // by default, every event an analyst has not rejected
    EXPECT_EQ(residual_conditions({}, std::nullopt).where, " AND (review IN (?, ?, ?))");
    EventFilter f;
    f.reviews = ReviewStateSet::all();
    f.types = {EventType::protest, EventType::clash};
    f.statuses = {};
    f.min_geo_precision = GeoPrecision::town;
    f.regions = {{"LY", "77", "Tripoli"}};
    const ResidualConditions r = residual_conditions(f, BoundingBox{1, 2, 3, 4});
    EXPECT_EQ(r.where, " AND (type IN (?, ?)) AND (0) AND (geo_rank <= ?) AND "
                       "((country = ? AND admin1_code = ?)) AND (lon BETWEEN ? AND ? AND lat "
                       "BETWEEN ? AND ?)");
    ASSERT_EQ(r.values.size(), 9u);
    EXPECT_EQ(std::get<std::string>(r.values[0]), "clash"); // in the enum's order
    EXPECT_EQ(std::get<std::string>(r.values[1]), "protest");
    EXPECT_EQ(std::get<std::int64_t>(r.values[2]), 2); // town's rank
    EXPECT_EQ(std::get<std::string>(r.values[3]), "LY");
    EXPECT_EQ(std::get<double>(r.values[5]), 1);
    EXPECT_EQ(fts_query("harbour  \"quoted\" words"), "\"harbour\" \"\"\"quoted\"\"\" \"words\"");
}

TEST(QueryPlan, TheCheaperPathWins) {
    const std::unordered_map<int, std::int64_t> counts = {
        {cell_of({32.9, 13.2}), 500}, {cell_of({32.1, 20.1}), 300}, {-1, 10}};
    const StoredExtent stored{810, 0, 3650, 30};
    // a small box over Tripoli: one cell
    QueryExtent tripoli;
    tripoli.box = BoundingBox{13.0, 32.8, 13.3, 33.0};
    const QueryPlan p = plan_query(tripoli, false, stored, counts);
    EXPECT_TRUE(p.by_cells);
    EXPECT_EQ(p.cells, std::vector<int>{cell_of({32.9, 13.2})});
    EXPECT_EQ(p.description, "space-time cells: 1 cells x 4 span classes");
    // nothing to seek by: the table
    EXPECT_EQ(plan_query({}, false, stored, counts).description, "table scan");
    EXPECT_EQ(plan_query({}, true, stored, counts).description, "region index");
    // a day of ten years: every occupied cell, the placeless -1 included
    QueryExtent day;
    day.dated = true;
    day.from_day = day.to_day = 100;
    QueryPlan by_day = plan_query(day, false, {100000, 0, 3650, 30}, counts);
    EXPECT_TRUE(by_day.by_cells);
    std::sort(by_day.cells.begin(), by_day.cells.end());
    EXPECT_EQ(by_day.cells.front(), -1);
    EXPECT_EQ(by_day.cells.size(), 3u);
    // the whole world's box over a small store: scanning is cheaper than seeking
    QueryExtent world;
    world.box = BoundingBox{-180, -90, 180, 90};
    EXPECT_FALSE(plan_query(world, false, {50, 0, 10, 1}, {{cell_of({0, 0}), 50}}).by_cells);
}

} // namespace
} // namespace kharita::store
