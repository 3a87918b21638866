#include "event_model.hpp"

#include "kharita/base/error.hpp"
#include "kharita/events/event_types.hpp"
#include "kharita/map/event_style.hpp"
#include "kharita/map/map_projection.hpp"

#include <QColor>

#include <algorithm>
#include <cmath>
#include <limits>

namespace kharita::viewer {

QString day_text(std::int32_t day) {
    return QString::fromStdString(CivilDay::from_serial(day).iso());
}

QString review_text(ReviewState state) {
    const auto name = to_string(state);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

namespace {

QString type_label(EventType t) {
    const auto label = event_style(to_string(t)).label;
    return QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size()));
}

/// Whether `precision` is `min` or finer; no minimum keeps everything, places or not.
template <typename Precision>
bool at_least(const std::optional<Precision>& precision, const std::optional<Precision>& min) {
    return !min || (precision && *precision <= *min);
}

/// Table order of precisions: finest first, none last.
template <typename Precision>
bool finer(const std::optional<Precision>& a, const std::optional<Precision>& b) {
    return a && (!b || *a < *b);
}

} // namespace

EventModel::EventModel(QObject* parent) : QAbstractTableModel(parent) {}
EventModel::~EventModel() = default;

void EventModel::open(const std::filesystem::path& file) {
    auto store = open_event_store(file, StoreMode::read_only);
    beginResetModel();
    m_store = std::move(store);
    m_file = file;
    m_selected.reset();
    m_writer.reset();
    EventFilter every; // rejected events too: the filter panel can ask for them
    every.reviews = ReviewStateSet::all();
    m_points = render::load_event_points(*m_store, every, WebMercator());
    m_first_day = m_last_day = 0;
    bool any_dated = false;
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        if (m_points.dated[i] == 0)
            continue;
        m_first_day =
            any_dated ? std::min(m_first_day, m_points.day_start[i]) : m_points.day_start[i];
        m_last_day = any_dated ? std::max(m_last_day, m_points.day_end[i]) : m_points.day_end[i];
        any_dated = true;
    }
    m_store_matches.reset();
    m_filter = ViewFilter{};
    sort_order();
    apply_filter();
    endResetModel();
    emit loaded();
    emit filterChanged();
}

void EventModel::reload() {
    if (m_store)
        open(m_file);
}

EventFilter EventModel::store_filter() const {
    EventFilter f;
    if (m_filter.from_day)
        f.from = CivilDay::from_serial(*m_filter.from_day);
    if (m_filter.to_day)
        f.to = CivilDay::from_serial(*m_filter.to_day);
    f.types = m_filter.types;
    f.statuses = m_filter.statuses;
    f.reviews = m_filter.reviews;
    f.min_geo_precision = m_filter.min_geo_precision;
    f.min_time_precision = m_filter.min_time_precision;
    f.text = m_filter.text;
    f.regions = m_filter.regions;
    f.polygon_wkt = polygon_wkt(m_filter.polygon);
    return f;
}

std::string polygon_wkt(const std::vector<LatLon>& ring) {
    if (ring.size() < 3)
        return {};
    std::string wkt = "POLYGON((";
    for (std::size_t i = 0; i <= ring.size(); ++i) {
        const LatLon& p = ring[i % ring.size()]; // closed: the first vertex again
        wkt += (i == 0 ? "" : ",") + std::to_string(p.lon) + " " + std::to_string(p.lat);
    }
    return wkt + "))";
}

void EventModel::set_filter(const ViewFilter& filter) {
    const bool same_polygon =
        filter.polygon.size() == m_filter.polygon.size() &&
        std::equal(
            filter.polygon.begin(), filter.polygon.end(), m_filter.polygon.begin(),
            [](const LatLon& a, const LatLon& b) { return a.lat == b.lat && a.lon == b.lon; });
    const bool store_part_changed =
        !same_polygon || filter.text != m_filter.text ||
        filter.regions.size() != m_filter.regions.size() ||
        !std::equal(filter.regions.begin(), filter.regions.end(), m_filter.regions.begin(),
                    [](const RegionCode& a, const RegionCode& b) {
                        return a.country == b.country && a.admin1_code == b.admin1_code;
                    });
    m_filter = filter;
    if (store_part_changed) {
        // free text and regions are answered by the store's indexes, once per change
        m_store_matches.reset();
        if (m_store &&
            (!filter.text.empty() || !filter.regions.empty() || filter.polygon.size() >= 3)) {
            EventFilter f;
            f.reviews = ReviewStateSet::all(); // the review boxes are answered in memory
            f.text = filter.text;
            f.regions = filter.regions;
            f.polygon_wkt = polygon_wkt(filter.polygon);
            std::unordered_set<std::int64_t> ids;
            m_store->query_points(f, [&](const EventPoint& p) { ids.insert(p.id); });
            m_store_matches = std::move(ids);
        }
    }
    beginResetModel();
    apply_filter();
    endResetModel();
    if (m_selected && !m_visible[*m_selected])
        select(std::nullopt);
    emit filterChanged();
}

bool EventModel::passes_except_dates(std::size_t i) const {
    const auto& f = m_filter;
    return f.types.contains(m_points.type[i]) &&
           at_least(m_points.geo_precision[i], f.min_geo_precision) &&
           f.statuses.contains(m_points.status[i]) && f.reviews.contains(m_points.review[i]) &&
           at_least(m_points.time_precision[i], f.min_time_precision) &&
           (!m_store_matches || m_store_matches->contains(m_points.id[i]));
}

std::optional<render::AnimationFrame> EventModel::shown_days() const {
    if (!m_filter.from_day && !m_filter.to_day)
        return std::nullopt;
    return render::AnimationFrame{m_filter.from_day.value_or(m_first_day),
                                  m_filter.to_day.value_or(m_last_day)};
}

void EventModel::apply_filter() {
    const std::size_t n = m_points.size();
    m_visible.assign(n, 0);
    m_rows.clear();
    const auto& f = m_filter;
    // in table order: the rows come out sorted without sorting on every filter change
    for (const std::size_t i : m_order) {
        if (!passes_except_dates(i))
            continue;
        if (f.from_day || f.to_day) {
            if (!m_points.dated[i])
                continue;
            if (f.to_day && m_points.day_start[i] > *f.to_day)
                continue;
            if (f.from_day && m_points.day_end[i] < *f.from_day)
                continue;
        }
        m_visible[i] = 1;
        m_rows.push_back(i);
    }
}

void EventModel::sort_order() {
    m_order.resize(m_points.size());
    for (std::size_t i = 0; i < m_order.size(); ++i)
        m_order[i] = i;
    const int column = m_sort_column;
    const bool ascending = m_sort_order == Qt::AscendingOrder;
    const auto key_less = [&](std::size_t a, std::size_t b) {
        switch (column) {
        case Type:
            return m_points.type[a] < m_points.type[b];
        case Place:
            return m_points.location[a] < m_points.location[b];
        case Precision:
            return finer(m_points.geo_precision[a], m_points.geo_precision[b]);
        case Fatalities:
            return m_points.fatalities[a] < m_points.fatalities[b];
        case Review: // as the review queue: unreviewed first, least confident first
            return m_points.review[a] != m_points.review[b]
                       ? m_points.review[a] < m_points.review[b]
                       : m_points.confidence[a] < m_points.confidence[b];
        default:
            return m_points.day_start[a] < m_points.day_start[b];
        }
    };
    std::stable_sort(m_order.begin(), m_order.end(), [&](std::size_t a, std::size_t b) {
        return ascending ? key_less(a, b) : key_less(b, a);
    });
}

int EventModel::row_of_point(std::size_t point) const {
    const auto it = std::find(m_rows.begin(), m_rows.end(), point);
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

void EventModel::select(std::optional<std::size_t> point) {
    if (point == m_selected)
        return;
    m_selected = point;
    emit selectionChanged(point);
}

int EventModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EventModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    const std::size_t i = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Date:
            if (!m_points.dated[i])
                return QStringLiteral("undated");
            return m_points.day_start[i] == m_points.day_end[i]
                       ? day_text(m_points.day_start[i])
                       : day_text(m_points.day_start[i]) + QStringLiteral(" – ") +
                             day_text(m_points.day_end[i]);
        case Type:
            return type_label(m_points.type[i]);
        case Place:
            return QString::fromStdString(m_points.location[i]);
        case Precision: {
            if (!m_points.geo_precision[i])
                return QStringLiteral("none");
            const auto name = to_string(*m_points.geo_precision[i]);
            return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
        }
        case Fatalities:
            return m_points.fatalities[i] < 0 ? QVariant() : QVariant(m_points.fatalities[i]);
        case Review:
            return review_text(m_points.review[i]);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Review)
        return QString("confidence %1").arg(double(m_points.confidence[i]), 0, 'f', 2);
    if (role == Qt::ForegroundRole && m_points.review[i] == ReviewState::machine)
        return QColor(110, 110, 110); // as the map: what no analyst has looked at is lighter
    if (role == Qt::DecorationRole && index.column() == Type) {
        const EventStyle& s = event_style(to_string(m_points.type[i]));
        return QColor(s.red, s.green, s.blue);
    }
    if (role == Qt::UserRole)
        return QVariant::fromValue(static_cast<qulonglong>(i));
    return {};
}

QVariant EventModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    static const char* const names[] = {"Date", "Type", "Place", "Precision", "Dead", "Review"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

void EventModel::sort(int column, Qt::SortOrder order) {
    m_sort_column = column;
    m_sort_order = order;
    beginResetModel();
    sort_order();
    apply_filter();
    endResetModel();
}

EventRecord EventModel::record_of(std::size_t point) const {
    if (!m_store || point >= m_points.size())
        throw InputError("event", "no such event in the open store");
    const std::int64_t id = m_points.id[point];
    auto records = m_store->records({id});
    if (records.empty())
        throw InputError("event " + std::to_string(id), "no longer in the store");
    return std::move(records.front());
}

ReviewOutcome EventModel::review(std::size_t point, ReviewChange change) {
    if (!m_store || point >= m_points.size())
        throw InputError("event", "no such event in the open store");
    if (!m_writer) // the viewer reads read-only; a reviewer writes through a second connection
        m_writer = open_event_store(m_file, StoreMode::read_write);
    change.event_id = m_points.id[point];
    const ReviewOutcome done = m_writer->review(change);
    refresh_point(point);
    return done;
}

std::int64_t EventModel::split(std::size_t point, ReviewChange change) {
    if (!m_store || point >= m_points.size())
        throw InputError("event", "no such event in the open store");
    if (!m_writer)
        m_writer = open_event_store(m_file, StoreMode::read_write);
    change.event_id = m_points.id[point];
    const std::int64_t added = m_writer->split_event(change);
    reload();
    return added;
}

void EventModel::refresh_point(std::size_t point) {
    const EventRecord r = record_of(point);
    const WebMercator mercator;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    m_points.xy[point] = r.position ? mercator.forward(*r.position) : MapPoint{nan, nan};
    m_points.dated[point] = r.date_start ? 1 : 0;
    m_points.day_start[point] =
        r.date_start ? static_cast<std::int32_t>(r.date_start->serial()) : 0;
    m_points.day_end[point] =
        r.date_end ? static_cast<std::int32_t>(r.date_end->serial()) : m_points.day_start[point];
    m_points.type[point] = r.type;
    m_points.geo_precision[point] = r.geo_precision;
    m_points.time_precision[point] = r.time_precision;
    m_points.fatalities[point] = r.fatalities.value_or(-1);
    m_points.location[point] = r.location;
    m_points.status[point] = r.status;
    m_points.review[point] = r.review;
    m_points.confidence[point] = static_cast<float>(r.confidence);
    // the row may come or go (a rejected event leaves a filter that hides rejected ones)
    beginResetModel();
    apply_filter();
    endResetModel();
    // the table lost its current row in the reset: say the selection again
    const auto selected = m_selected;
    m_selected.reset();
    select(selected);
    emit reviewChanged(point);
}

} // namespace kharita::viewer
