#pragma once
// The viewer's one model of events: every event of the open store as columns
// (render::EventPoints), the current filter, and which events pass it. The table shows the passing
// events through this QAbstractTableModel; the map and the timeline draw from the same
// visibility mask and selection, so the three always agree. Reading the store happens in
// load(), set_text() and set_regions(), never while painting.

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
    std::vector<LatLon> polygon; ///< drawn on the map; empty: none
};

class EventModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Date, Type, Place, Precision, Fatalities, ColumnCount };

    explicit EventModel(QObject* parent = nullptr);
    ~EventModel() override;

    /// Opens a store and loads every event. Throws kharita::Error (the window shows it).
    void open(const std::filesystem::path& file);
    /// Reloads from the open store (after an ingest).
    void reload();
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

private:
    void apply_filter();
    void sort_order(); // m_order by the sort column, once per load or sort

    std::unique_ptr<EventStore> m_store;
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
/// WKT of a drawn ring (empty for fewer than three vertices).
std::string polygon_wkt(const std::vector<LatLon>& ring);

} // namespace kharita::viewer
