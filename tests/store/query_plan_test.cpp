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
TEST(QueryPlan, BoxCountsScaleEdgeCellsByTheShareCovered) {
    // two quarter-degree cells in one column, one more a column east
    const std::unordered_map<int, std::int64_t> counts = {{cell_of({32.1, 13.1}), 400},
                                                          {cell_of({10.1, 13.1}), 100},
                                                          {cell_of({32.1, 13.4}), 50},
                                                          {-1, 7}};
    const BoundingBox box{13.0, 32.0, 13.125, 32.125}; // an eighth of a degree square
    const CellRange r = cell_range(box);
    EXPECT_EQ(r.x0, r.x1);
    EXPECT_EQ(r.y0, r.y1);
    EXPECT_DOUBLE_EQ(r.column_share, 0.5);
    EXPECT_DOUBLE_EQ(r.row_share, 0.5);
    const BoxCounts c = box_counts(box, counts);
    EXPECT_DOUBLE_EQ(c.in_box, 100);       // a quarter of the 400 cell
    EXPECT_DOUBLE_EQ(c.in_lon_strip, 250); // half of its column, every latitude
}

/// The counts of a store of `total` events, `in_box` of them in the query's box and
/// `in_strip` in its lon strip, over ten years of days.
PgStoreCounts store_of(double total, double in_box, double in_strip) {
    PgStoreCounts c;
    c.stored = {static_cast<std::int64_t>(total), 0, 3652, 0};
    c.box = {in_box, in_strip};
    return c;
}

TEST(QueryPlan, ThePostgisFormFollowsWhereTheStoredEventsAre) {
    QueryExtent month; // a 1-degree box over one month of the ten years
    month.box = BoundingBox{13, 32, 14, 33};
    month.dated = true;
    month.from_day = 1000;
    month.to_day = 1030;
    // every event inside the box: the box narrows nothing, the month does
    EXPECT_EQ(choose_pg_form(month, store_of(1e6, 1e6, 1e6), false).form, PgSeekForm::dates);
    EXPECT_EQ(choose_pg_form(month, store_of(1e6, 1e6, 1e6), true).form, PgSeekForm::dates);
    // the same million spread over the world: the box's lon strip holds a 360th, the box
    // a few dozen; a spatial path, far cheaper than the month's events
    const PgFormChoice world = choose_pg_form(month, store_of(1e6, 30, 2800), false);
    EXPECT_NE(world.form, PgSeekForm::dates);
    EXPECT_LT(std::min(world.lon_strip, world.box) * 10, world.dates);
    EXPECT_EQ(choose_pg_form(month, store_of(1e6, 30, 2800), true).form, PgSeekForm::lon_strip);
    // ...but a box in a crowded strip (a narrow box across a dense band of latitudes, few
    // of its events in the box) reads the GiST
    EXPECT_EQ(choose_pg_form(month, store_of(1e6, 2000, 400000), false).form, PgSeekForm::box);
    // and a count reads the strip from the index alone: never the box form
    EXPECT_NE(choose_pg_form(month, store_of(1e6, 2000, 400000), true).form, PgSeekForm::box);
    // all ten years asked of the world's store: the dates narrow nothing
    QueryExtent decade = month;
    decade.from_day = 0;
    decade.to_day = 3652;
    EXPECT_NE(choose_pg_form(decade, store_of(1e6, 30, 2800), false).form, PgSeekForm::dates);
    // no box: the dates; no dates: never the dates
    QueryExtent dates_only = month;
    dates_only.box.reset();
    EXPECT_EQ(choose_pg_form(dates_only, {}, false).form, PgSeekForm::dates);
    QueryExtent box_only = month;
    box_only.dated = false;
    EXPECT_NE(choose_pg_form(box_only, store_of(1e6, 1e6, 1e6), false).form, PgSeekForm::dates);
    EXPECT_EQ(to_string(PgSeekForm::lon_strip), "lon strip");
}

} // namespace kharita::store
