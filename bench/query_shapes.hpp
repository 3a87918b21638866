#pragma once
// The store issue's three query shapes, measured on both backends: bench/store_bench.cpp
// (SpatiaLite) and bench/pg_query_bench.cpp (PostGIS). bench/pg_store_bench.sh lists the
// same boxes and dates for its page counts.

#include "kharita/store/store.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

namespace kharita::bench {

struct QueryShape {
    const char* name;
    BoundingBox box;
    const char* from; ///< ISO date, first day asked
    const char* to;   ///< ISO date, last day asked
};

/// Libya x one year; a 1-degree cell (Tripoli) x one month; a small viewport x all dates.
inline const QueryShape kQueryShapes[] = {
    {"libya_year", {9.3, 19.5, 25.2, 33.2}, "2024-01-01", "2024-12-31"},
    {"cell_month", {13.0, 32.0, 14.0, 33.0}, "2024-05-01", "2024-05-31"},
    {"viewport_all", {13.1, 32.8, 13.3, 32.95}, "2015-01-01", "2025-12-31"},
};

/// The shape's box, and its dates when `dated`.
inline EventFilter filter_of(const QueryShape& s, bool dated = true) {
    EventFilter f;
    f.bbox = s.box;
    if (dated) {
        f.from = LocalTime::parse(s.from)->day;
        f.to = LocalTime::parse(s.to)->day;
    }
    return f;
}

/// Times `store.query(filter)` reading every record, with the row count and the plan as the
/// benchmark's counter and label (the same loop on both backends).
inline void time_store_query(benchmark::State& state, EventStore& store, const EventFilter& filter,
                             const char* shape_name) {
    std::int64_t rows = 0;
    for (auto _ : state) {
        rows = 0;
        store.query(filter, [&](const EventRecord& r) {
            benchmark::DoNotOptimize(r.notes.size());
            ++rows;
        });
    }
    state.counters["rows"] = static_cast<double>(rows);
    state.SetLabel(std::string(shape_name) + " via " + store.last_plan());
}

} // namespace kharita::bench
