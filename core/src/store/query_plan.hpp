#pragma once
// How the stores answer a filter, apart from the databases themselves: the quarter-degree
// cells and span classes the SpatiaLite space-time index is keyed by, the conditions an
// index path leaves to check on the rows it reads, and, on both backends, the choice of
// index path by the rows each would read, estimated from the per-cell event counts
// (cell_counts) and the stored days. Design and measurements: docs/store.md.

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

/// The cells under a box: columns x0..x1, rows y0..y1, and the share of those cells' area
/// the box covers in each direction (a box narrower than its cells reads fewer of their
/// events, taken as spread evenly within a cell).
struct CellRange {
    int x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    double column_share = 1, row_share = 1;
};
CellRange cell_range(const BoundingBox& box);

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

/// The share of the stored days the extent asks for: 1 when it asks none.
double time_share(const QueryExtent& extent, const StoredExtent& stored);

/// The events a box covers, from cell_counts: those in its cells, and those in the columns
/// of cells its longitudes span over every latitude (the range of a B-tree led by lon).
/// Both are scaled by the share of the edge cells the box covers.
struct BoxCounts {
    double in_box = 0, in_lon_strip = 0;
};
BoxCounts box_counts(const BoundingBox& box,
                     const std::unordered_map<int, std::int64_t>& cell_counts);

/// The forms in which the PostGIS store writes a query's box and dates, each leading
/// PostgreSQL's planner to one index path (postgis_store.cpp, docs/store.md "PostGIS query
/// speed"):
enum class PgSeekForm {
    /// lon/lat BETWEEN and the plain date overlap: a lon range of events_lon_lat_days,
    /// whose entries hold lat and the days, so only the matches' table rows are read
    lon_strip,
    /// lon/lat BETWEEN and the span-class seek of events_span_days: every event in the
    /// dates is read from the table and its lon/lat tested
    dates,
    /// `geom &&` (the GiST) and the span-class seek: the box's GiST entries, ANDed with the
    /// dates' when they narrow
    box,
};
std::string_view to_string(PgSeekForm form);

/// What the PostGIS store holds, for choosing a form.
struct PgStoreCounts {
    StoredExtent stored;
    BoxCounts box;          ///< of the query's box (zero without one)
    double table_pages = 0; ///< heap pages of the events table; 0: not known yet
};

/// The chosen form and the estimated cost of each (microseconds on the 1 M store the
/// constants were fitted on; infinite for a form the extent cannot take).
struct PgFormChoice {
    PgSeekForm form = PgSeekForm::dates;
    double lon_strip = 0, dates = 0, box = 0;
};

/// The cheapest form for the extent: the strip reads its index entries (every event in the
/// box's lon range) and fetches the matches; the dates form reads every event in the asked
/// days from the table (on pages spread over the table); the box form reads the box's GiST
/// entries and fetches the matches. A count (`counting`) reads the strip from the index
/// alone, and never takes the box form. An extent without a box takes the dates form.
PgFormChoice choose_pg_form(const QueryExtent& extent, const PgStoreCounts& counts, bool counting);

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
