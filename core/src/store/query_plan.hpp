#pragma once
// How the SpatiaLite store answers a filter, apart from SQLite itself: the quarter-degree
// cells and span classes its space-time index is keyed by, the conditions an index path
// leaves to check on the rows it reads, and the choice between seeking cells and scanning
// by the rows each would read. Design and measurements: docs/store.md.

#include "kharita/store/store.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace kharita::store {

/// The day keys of an open range: before and after every stored day.
inline constexpr std::int64_t kNoDayLow = std::numeric_limits<std::int32_t>::min();
inline constexpr std::int64_t kNoDayHigh = std::numeric_limits<std::int32_t>::max();

/// Span classes by the days an event's range covers: 0 up to 1, 1 up to 31, 2 up to 366,
/// 3 longer (and undated events).
inline constexpr std::array<std::int64_t, 3> kSpanLimit = {1, 31, 366};
inline constexpr int kSpanClasses = 4;
int span_class(std::int64_t span_days);
/// The longest span of class `c`: its limit, for class 3 the longest stored (`max_span`).
std::int64_t span_limit(int c, std::int64_t max_span);

// Cells are a quarter of a degree (about 28 km): fine enough that a town-sized viewport
// reads little beyond its own events, coarse enough that a country is a few thousand seeks.
inline constexpr int kCellsPerDegree = 4;
inline constexpr int kCellColumns = 360 * kCellsPerDegree, kCellRows = 180 * kCellsPerDegree;
int cell_column(double lon);
int cell_row(double lat);
int cell_of(const LatLon& p); ///< row * kCellColumns + column; the store keeps -1 for no place

/// A value bound to a query parameter.
using SqlValue = std::variant<std::int64_t, double, std::string>;

/// What a filter asks of space and time.
struct QueryExtent {
    std::optional<BoundingBox> box; ///< the filter's box narrowed to the polygon's bounds
    bool dated = false;             ///< the filter has a from or a to day
    std::int64_t from_day = kNoDayLow, to_day = kNoDayHigh; ///< days since 1970-01-01
};
QueryExtent query_extent(const EventFilter& filter,
                         const std::optional<BoundingBox>& polygon_bounds);

/// The conditions every path checks on the rows it reads: " AND (...)" clauses and the
/// values of their parameters, in order.
struct ResidualConditions {
    std::string where;
    std::vector<SqlValue> values;
};
ResidualConditions residual_conditions(const EventFilter& filter,
                                       const std::optional<BoundingBox>& box);

/// An FTS5 query matching all the words of `text`, each quoted so no word is syntax.
std::string fts_query(std::string_view text);

/// What the store holds, for planning: its events and the extent of their days.
struct StoredExtent {
    std::int64_t events = 0;
    std::int64_t min_day = 0, max_day = 0, max_span = 0;
};

/// The path a query takes.
struct QueryPlan {
    bool by_cells = false; ///< seek each cell once per span class; else scan the table
    std::vector<int> cells;
    std::string description; ///< what EventStore::last_plan() says
};

/// Seeking cells reads the events of the covered cells (the asked share of the stored
/// days of them) and a seek's worth of rows per cell and span class; a scan reads every
/// event, half of them when a region narrows it through its index. The cheaper wins.
/// `cell_counts` (events per occupied cell) is read only when the extent has a box or days.
QueryPlan plan_query(const QueryExtent& extent, bool by_region, const StoredExtent& stored,
                     const std::unordered_map<int, std::int64_t>& cell_counts);

} // namespace kharita::store
