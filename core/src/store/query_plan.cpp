#include "store/query_plan.hpp"

#include "detail/name_table.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace kharita::store {

int span_class(std::int64_t span_days) {
    for (int c = 0; c < 3; ++c) {
        if (span_days <= kSpanLimit[static_cast<std::size_t>(c)])
            return c;
    }
    return 3;
}

std::int64_t span_limit(int c, std::int64_t max_span) {
    return c < 3 ? kSpanLimit[static_cast<std::size_t>(c)] : std::max<std::int64_t>(max_span, 366);
}

int cell_column(double lon) {
    return std::clamp(static_cast<int>(std::floor((lon + 180) * kCellsPerDegree)), 0,
                      kCellColumns - 1);
}

int cell_row(double lat) {
    return std::clamp(static_cast<int>(std::floor((lat + 90) * kCellsPerDegree)), 0, kCellRows - 1);
}

int cell_of(const LatLon& p) {
    return cell_row(p.lat) * kCellColumns + cell_column(p.lon);
}

CellRange cell_range(const BoundingBox& box) {
    CellRange r;
    r.x0 = cell_column(box.min_lon);
    r.x1 = cell_column(box.max_lon);
    r.y0 = cell_row(box.min_lat);
    r.y1 = cell_row(box.max_lat);
    constexpr double kCellDegrees = 1.0 / kCellsPerDegree;
    r.column_share =
        std::clamp((box.max_lon - box.min_lon) / ((r.x1 - r.x0 + 1) * kCellDegrees), 0.0, 1.0);
    r.row_share =
        std::clamp((box.max_lat - box.min_lat) / ((r.y1 - r.y0 + 1) * kCellDegrees), 0.0, 1.0);
    return r;
}

QueryExtent query_extent(const EventFilter& filter,
                         const std::optional<BoundingBox>& polygon_bounds) {
    QueryExtent e;
    e.box = filter.bbox;
    if (const auto& pb = polygon_bounds) {
        e.box = e.box ? BoundingBox{std::max(e.box->min_lon, pb->min_lon),
                                    std::max(e.box->min_lat, pb->min_lat),
                                    std::min(e.box->max_lon, pb->max_lon),
                                    std::min(e.box->max_lat, pb->max_lat)}
                      : *pb;
    }
    e.dated = filter.from || filter.to;
    e.from_day = filter.from ? filter.from->serial() : kNoDayLow;
    e.to_day = filter.to ? filter.to->serial() : kNoDayHigh;
    return e;
}

namespace {

/// Builds " AND (...)" clauses with their values in parameter order.
class Conditions {
public:
    void add(const std::string& cond) { m_out.where += " AND (" + cond + ")"; }
    template <typename T> void value(T&& v) { m_out.values.emplace_back(std::forward<T>(v)); }
    /// `column IN (names of the set's members)`; a set with no member keeps nothing.
    template <typename Set> void in_set(const char* column, const Set& set) {
        if (set.empty()) {
            add("0");
            return;
        }
        std::string cond = std::string(column) + " IN (";
        for (const auto v : set.values()) {
            cond += cond.back() == '(' ? "?" : ", ?";
            value(std::string(to_string(v)));
        }
        add(cond + ")");
    }
    ResidualConditions take() { return std::move(m_out); }

private:
    ResidualConditions m_out;
};

} // namespace

ResidualConditions residual_conditions(const EventFilter& filter,
                                       const std::optional<BoundingBox>& box) {
    Conditions c;
    if (!filter.types.full())
        c.in_set("type", filter.types);
    if (!filter.statuses.full())
        c.in_set("status", filter.statuses);
    if (!filter.reviews.full())
        c.in_set("review", filter.reviews);
    if (filter.min_geo_precision) {
        c.add("geo_rank <= ?");
        c.value(static_cast<std::int64_t>(*filter.min_geo_precision));
    }
    if (filter.min_time_precision) {
        c.add("time_rank <= ?");
        c.value(static_cast<std::int64_t>(*filter.min_time_precision));
    }
    if (!filter.regions.empty()) {
        std::string cond;
        for (const RegionCode& r : filter.regions) {
            cond += cond.empty() ? "" : " OR ";
            cond += r.admin1_code.empty() ? "country = ?" : "(country = ? AND admin1_code = ?)";
            c.value(r.country);
            if (!r.admin1_code.empty())
                c.value(r.admin1_code);
        }
        c.add(cond);
    }
    if (!filter.text.empty()) {
        c.add("id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?) OR id IN "
              "(SELECT event_id FROM event_sources WHERE article_id IN "
              "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))");
        c.value(fts_query(filter.text));
        c.value(fts_query(filter.text));
    }
    if (box) {
        c.add("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?");
        c.value(box->min_lon);
        c.value(box->max_lon);
        c.value(box->min_lat);
        c.value(box->max_lat);
    }
    return c.take();
}

std::string fts_query(std::string_view text) {
    std::string out, word;
    const auto flush = [&] {
        if (word.empty())
            return;
        if (!out.empty())
            out += ' ';
        out += '"';
        for (char c : word) {
            if (c == '"')
                out += '"';
            out += c;
        }
        out += '"';
        word.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n') {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    return out;
}

double time_share(const QueryExtent& extent, const StoredExtent& stored) {
    if (!extent.dated)
        return 1;
    const double whole =
        static_cast<double>(std::max<std::int64_t>(1, stored.max_day - stored.min_day + 1));
    const double asked = static_cast<double>(std::min(extent.to_day, stored.max_day) -
                                             std::max(extent.from_day, stored.min_day) + 1);
    return std::clamp(asked / whole, 0.0, 1.0);
}

namespace {

/// The occupied cells the extent covers, with the events they hold: those under the box,
/// else (dates only) every occupied cell, the placeless events' -1 included.
std::vector<int> covered_cells(const QueryExtent& extent,
                               const std::unordered_map<int, std::int64_t>& cell_counts,
                               double& events) {
    std::vector<int> cells;
    events = 0;
    if (const auto& box = extent.box) {
        const CellRange r = cell_range(*box);
        for (int y = r.y0; y <= r.y1; ++y) {
            for (int x = r.x0; x <= r.x1; ++x) {
                const int cell = y * kCellColumns + x;
                const auto it = cell_counts.find(cell);
                if (it == cell_counts.end() || it->second == 0)
                    continue;
                cells.push_back(cell);
                events += static_cast<double>(it->second);
            }
        }
        return cells;
    }
    for (const auto& [cell, count] : cell_counts) {
        if (count == 0)
            continue;
        cells.push_back(cell);
        events += static_cast<double>(count);
    }
    return cells;
}

} // namespace

QueryPlan plan_query(const QueryExtent& extent, bool by_region, const StoredExtent& stored,
                     const std::unordered_map<int, std::int64_t>& cell_counts) {
    constexpr double kSeekCost = 30; // rows' worth of work per B-tree seek
    QueryPlan plan;
    double cell_rows = std::numeric_limits<double>::infinity();
    if (extent.box || extent.dated) {
        double events = 0;
        plan.cells = covered_cells(extent, cell_counts, events);
        cell_rows = events * time_share(extent, stored) +
                    static_cast<double>(plan.cells.size()) * kSpanClasses * kSeekCost;
    }
    const auto total = static_cast<double>(stored.events);
    const double scan_rows = by_region ? total * 0.5 : total;
    plan.by_cells = cell_rows <= scan_rows;
    if (plan.by_cells) {
        plan.description = fmt::format("space-time cells: {} cells x {} span classes",
                                       plan.cells.size(), kSpanClasses);
    } else {
        plan.cells.clear();
        plan.description = by_region ? "region index" : "table scan";
    }
    return plan;
}

BoxCounts box_counts(const BoundingBox& box,
                     const std::unordered_map<int, std::int64_t>& cell_counts) {
    const CellRange r = cell_range(box);
    BoxCounts out;
    for (const auto& [cell, n] : cell_counts) {
        if (cell < 0)
            continue; // no place: in no box
        const int x = cell % kCellColumns, y = cell / kCellColumns;
        if (x < r.x0 || x > r.x1)
            continue;
        out.in_lon_strip += static_cast<double>(n);
        if (y >= r.y0 && y <= r.y1)
            out.in_box += static_cast<double>(n);
    }
    out.in_lon_strip *= r.column_share;
    out.in_box *= r.column_share * r.row_share;
    return out;
}

namespace {

constexpr std::array<std::string_view, 3> kPgSeekFormNames = {"lon strip", "dates", "box"};

// The costs of the PostGIS paths, in microseconds per entry or row, fitted to the server
// times of 23 boxes (a Tripoli-sized viewport to Sudan) by dates (a week to all eleven
// years) on the synthetic 1 M store, each in all three forms, and to the 10 M store's
// measurements of four of them (docs/store.md "PostGIS query speed"): the strip's heap
// fetches in lon order cost far more there, which keeps a large box over a year off it.
constexpr double kStripEntry = 0.03; // an events_lon_lat_days entry tested
constexpr double kStripFetch = 0.6;  // a match fetched from the table in the index's order
constexpr double kDatesPage = 0.5;   // a table page read for the dates' rows
constexpr double kDatesRow = 0.2;    // a row of the asked dates tested on its page
constexpr double kDatesEntry = 0.03; // an events_span_days entry read into a bitmap
constexpr double kGistEntry = 0.1;   // a GiST entry of the box read into the bitmap
constexpr double kBitmapMatch = 1.0; // a match of the box form read and rechecked
constexpr double kRowsPerPage = 17;  // the events table's, when PostgreSQL has not said yet

} // namespace

std::string_view to_string(PgSeekForm form) {
    return detail::name_in(kPgSeekFormNames, form);
}

PgFormChoice choose_pg_form(const QueryExtent& extent, const PgStoreCounts& counts, bool counting) {
    constexpr double kNever = std::numeric_limits<double>::infinity();
    PgFormChoice c;
    const double share = time_share(extent, counts.stored);
    const auto total = static_cast<double>(counts.stored.events);
    // the asked days' events, on pages spread over the table (the rows lie in space-time
    // order, so a date range's rows are on nearly as many pages as there are rows, until
    // they fill them)
    const double pages =
        counts.table_pages > 0 ? counts.table_pages : std::max(1.0, total / kRowsPerPage);
    const double in_dates = extent.dated ? total * share : total;
    const double dates_pages = pages * (1 - std::exp(-in_dates / pages));
    c.dates = dates_pages * kDatesPage + in_dates * kDatesRow;
    if (!extent.box) {
        c.lon_strip = c.box = kNever;
        c.form = PgSeekForm::dates;
        return c;
    }
    const double matches = counts.box.in_box * share;
    c.lon_strip = counts.box.in_lon_strip * kStripEntry + (counting ? 0 : matches * kStripFetch);
    // without dates the date index narrows nothing; with them the planner ANDs its bitmap
    // only when that reads less than rechecking the box's rows
    const double box_rows = extent.dated ? std::min(in_dates * kDatesEntry + matches * kBitmapMatch,
                                                    counts.box.in_box * kBitmapMatch)
                                         : counts.box.in_box * kBitmapMatch;
    c.box = counting ? kNever : counts.box.in_box * kGistEntry + box_rows;
    if (!extent.dated)
        c.dates = kNever; // the span-class seek needs dates
    c.form = PgSeekForm::lon_strip;
    if (c.dates < c.lon_strip)
        c.form = PgSeekForm::dates;
    if (c.box < std::min(c.lon_strip, c.dates))
        c.form = PgSeekForm::box;
    return c;
}

} // namespace kharita::store
