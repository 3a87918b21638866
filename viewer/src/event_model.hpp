#pragma once
// The viewer's one model of events: every event of the open store as columns
// (render::EventPoints), the current filter, and which events pass it. The table shows the passing
// events through this QAbstractTableModel; the map and the timeline draw from the same
// visibility mask and selection, so the three always agree. Every review state is loaded
// (rejected events pass only a filter that asks for them). Reading the store happens in
// open(), set_filter() and after a review change, never while painting.

#include "kharita/render/animation.hpp"
#include "kharita/render/event_points.hpp"

#include "kharita/store/store.hpp"

#include <QAbstractTableModel>

#include <memory>
#include <optional>
#include <unordered_set>

namespace kharita::viewer {

/// What the analyst filters on, as the window shows it.
struct ViewFilter {
    EventTypeSet types = EventTypeSet::all();
    std::optional<std::int32_t> from_day, to_day; ///< days since 1970-01-01
    EventStatusSet statuses = EventStatusSet::all();
    std::optional<GeoPrecision> min_geo_precision;   ///< this or finer; none: any, places or not
    std::optional<TimePrecision> min_time_precision; ///< this or finer; none: any, undated too
    std::string text;                                ///< words in evidence or article
    std::vector<RegionCode> regions;
    std::vector<LatLon> polygon;           ///< drawn on the map; empty: none
    ReviewStateSet reviews = kNotRejected; ///< rejected events hidden unless asked for
};

class EventModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Date, Type, Place, Precision, Fatalities, Review, ColumnCount };

    explicit EventModel(QObject* parent = nullptr);
    ~EventModel() override;

    /// Opens a store and loads every event. Throws kharita::Error (the window shows it).
    void open(const std::filesystem::path& file);
    /// Reloads from the open store (after an ingest).
    void reload();

    /// The stored record of a point as it is now (its version is what a review change is
    /// made against). Throws kharita::Error when the store cannot answer.
    EventRecord record_of(std::size_t point) const;
    /// Applies one review change to the event of `point` through a writable connection to
    /// the same store (opened on first use), then reads the event again. Throws what
    /// EventStore::review throws (InputError, ReviewConflict: nothing changed then) or a
    /// kharita::Error when the store cannot be written.
    ReviewOutcome review(std::size_t point, ReviewChange change);
    /// Splits the event of `point` in two (EventStore::split_event: the second takes
    /// `change.correction`) and loads the store again, the new event being a new point.
    /// Returns the new event's id; throws as review().
    std::int64_t split(std::size_t point, ReviewChange change);
    /// Reads the event of `point` again (after a change here or by another reviewer): its
    /// columns, its row and whether it passes the filter.
    void refresh_point(std::size_t point);
    bool is_open() const noexcept { return m_store != nullptr; }
    const EventStore* store() const noexcept { return m_store.get(); }
    std::filesystem::path file() const { return m_file; }

    const render::EventPoints& points() const noexcept { return m_points; }
    const std::vector<std::uint8_t>& visible() const noexcept { return m_visible; }
    const ViewFilter& filter() const noexcept { return m_filter; }
    void set_filter(const ViewFilter& filter);
    /// The store filter equal to the view filter (for exports).
    EventFilter store_filter() const;

    /// Whether point i passes every part of the filter but the dates (the timeline shows
    /// these, so a brushed range can move).
    bool passes_except_dates(std::size_t i) const;
    /// The days the filter's date range shows, its open ends at the first and last day any
    /// event covers; nullopt when the filter has no date range.
    std::optional<render::AnimationFrame> shown_days() const;
    /// The first and last day any dated event covers (0, 0 when none is dated).
    std::int32_t first_day() const noexcept { return m_first_day; }
    std::int32_t last_day() const noexcept { return m_last_day; }

    /// Point index of a table row, and back (-1 when the event is filtered out).
    std::size_t point_of_row(int row) const { return m_rows[static_cast<std::size_t>(row)]; }
    int row_of_point(std::size_t point) const;

    std::optional<std::size_t> selected() const noexcept { return m_selected; }
    void select(std::optional<std::size_t> point);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

signals:
    void filterChanged();
    void selectionChanged(std::optional<std::size_t> point);
    void loaded();
    /// A point's stored values changed (a review change): redraw, keep the selection.
    void reviewChanged(std::size_t point);

private:
    void apply_filter();
    void sort_order(); // m_order by the sort column, once per load or sort

    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<EventStore> m_writer; // review changes; opened on the first one
    std::filesystem::path m_file;
    render::EventPoints m_points;
    ViewFilter m_filter;
    std::optional<std::unordered_set<std::int64_t>> m_store_matches; // text/region filters
    std::vector<std::uint8_t> m_visible;
    std::vector<std::size_t> m_order; // every point, in table order
    std::vector<std::size_t> m_rows;  // the visible points, in table order
    std::optional<std::size_t> m_selected;
    std::int32_t m_first_day = 0, m_last_day = 0;
    int m_sort_column = Date;
    Qt::SortOrder m_sort_order = Qt::AscendingOrder;
};

QString day_text(std::int32_t day);
QString review_text(ReviewState state);
/// WKT of a drawn ring (empty for fewer than three vertices).
std::string polygon_wkt(const std::vector<LatLon>& ring);

} // namespace kharita::viewer
