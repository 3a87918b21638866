#include "timeline_widget.hpp"

#include "kharita/render/animation.hpp"
#include "kharita/render/map_renderer.hpp"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace kharita::viewer {

namespace {
constexpr int kMargin = 40, kAxis = 18;
}

TimelineWidget::TimelineWidget(EventModel& model, QWidget* parent)
    : QWidget(parent), m_model(model) {
    setMinimumHeight(120);
    m_timer.setInterval(400);
    connect(&m_timer, &QTimer::timeout, this, &TimelineWidget::step);
    connect(&model, &EventModel::filterChanged, this, &TimelineWidget::rebuild);
    connect(&model, &EventModel::reviewChanged, this, &TimelineWidget::rebuild);
    rebuild();
}

void TimelineWidget::rebuild() {
    const auto& pts = m_model.points();
    m_first = std::numeric_limits<std::int32_t>::max();
    m_last = std::numeric_limits<std::int32_t>::min();
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!pts.dated[i])
            continue;
        m_first = std::min(m_first, pts.day_start[i]);
        m_last = std::max(m_last, pts.day_end[i]);
    }
    m_bins.clear();
    m_machine.clear();
    if (m_first > m_last) {
        m_first = m_last = 0;
        update();
        return;
    }
    const std::int32_t span = m_last - m_first + 1;
    m_bin_days = span <= 120 ? 1 : span <= 3 * 365 ? 7 : 30;
    m_bins.assign(static_cast<std::size_t>(span / m_bin_days) + 1, {});
    m_machine.assign(m_bins.size(), {});
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!pts.dated[i] || !m_model.passes_except_dates(i))
            continue;
        const auto b0 = static_cast<std::size_t>((pts.day_start[i] - m_first) / m_bin_days);
        const auto b1 = static_cast<std::size_t>((pts.day_end[i] - m_first) / m_bin_days);
        // the share of its days each bin holds: the rule the map and the animation fade by
        for (std::size_t b = b0; b <= b1 && b < m_bins.size(); ++b) {
            const std::int32_t from = m_first + static_cast<std::int32_t>(b) * m_bin_days;
            const double share =
                render::date_share(pts.day_start[i], pts.day_end[i], from, from + m_bin_days - 1);
            m_bins[b][static_cast<std::size_t>(pts.type[i])] += share;
            if (pts.review[i] == ReviewState::machine)
                m_machine[b][static_cast<std::size_t>(pts.type[i])] += share;
        }
    }
    m_max = 1;
    for (const auto& bin : m_bins) {
        double total = 0;
        for (double v : bin)
            total += v;
        m_max = std::max(m_max, total);
    }
    update();
}

double TimelineWidget::x_of(std::int32_t day) const {
    const double w = std::max(1, width() - 2 * kMargin);
    return kMargin + w * (day - m_first) / std::max(1.0, double(m_last - m_first + 1));
}

std::int32_t TimelineWidget::day_at(double x) const {
    const double w = std::max(1, width() - 2 * kMargin);
    return m_first +
           static_cast<std::int32_t>(std::floor((x - kMargin) / w * (m_last - m_first + 1)));
}

void TimelineWidget::brush(std::int32_t from, std::int32_t to) {
    if (to < from)
        std::swap(from, to);
    emit rangeBrushed(from, to);
    update();
}

void TimelineWidget::clear_brush() {
    emit rangeBrushed(std::nullopt, std::nullopt);
    update();
}

void TimelineWidget::set_playing(bool playing) {
    if (playing)
        m_timer.start();
    else
        m_timer.stop();
}

void TimelineWidget::step() {
    if (m_bins.empty())
        return;
    const auto& f = m_model.filter();
    const std::int32_t width_days = f.from_day && f.to_day ? *f.to_day - *f.from_day : 30;
    std::int32_t start = f.to_day ? *f.to_day + 1 : m_first;
    // skip empty periods: jump to the next bin that holds events
    auto b = static_cast<std::size_t>(std::max(0, (start - m_first) / m_bin_days));
    while (b < m_bins.size() &&
           std::all_of(m_bins[b].begin(), m_bins[b].end(), [](double v) { return v <= 0; }))
        ++b;
    if (b >= m_bins.size()) { // past the end: start again
        b = 0;
    }
    start = std::max(start, m_first + static_cast<std::int32_t>(b) * m_bin_days);
    if (start > m_last)
        start = m_first;
    if (m_cumulative) {
        // everything from the first day to the end of the next period that holds events
        const std::int32_t end =
            f.to_day && *f.to_day < m_last ? start + std::max(m_bin_days, 7) : m_first + m_bin_days;
        brush(m_first, end);
        return;
    }
    brush(start, start + width_days);
}

void TimelineWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(250, 250, 248));
    const int h = height() - kAxis - 6;
    if (m_bins.empty()) {
        p.setPen(QColor(120, 120, 120));
        p.drawText(rect(), Qt::AlignCenter, "no dated events");
        return;
    }
    const double bw = std::max(1.0, x_of(m_first + m_bin_days) - x_of(m_first));
    for (std::size_t b = 0; b < m_bins.size(); ++b) {
        const double x = x_of(m_first + static_cast<std::int32_t>(b) * m_bin_days);
        double y = h;
        for (std::size_t t = 0; t < m_bins[b].size(); ++t) {
            if (m_bins[b][t] <= 0)
                continue;
            // the reviewed part in full colour at the bottom, the unreviewed part lighter
            const double scale = (h - 8) / m_max;
            const double machine = m_machine[b][t] * scale;
            const double reviewed = m_bins[b][t] * scale - machine;
            QColor colour = render::type_color(static_cast<EventType>(t));
            p.fillRect(QRectF(x, y - reviewed, std::max(1.0, bw - 0.5), reviewed), colour);
            y -= reviewed;
            colour.setAlphaF(static_cast<float>(render::kMachineOpacity));
            p.fillRect(QRectF(x, y - machine, std::max(1.0, bw - 0.5), machine), colour);
            y -= machine;
        }
    }
    // axis with years
    p.setPen(QColor(90, 90, 90));
    p.drawLine(kMargin, h, width() - kMargin, h);
    const int y0 = CivilDay::from_serial(m_first).year, y1 = CivilDay::from_serial(m_last).year;
    const double year_px = x_of(m_first + 365) - x_of(m_first);
    const int step = std::max(1, static_cast<int>(std::ceil(40.0 / std::max(1.0, year_px))));
    for (int y = y0; y <= y1 + 1; y += step) {
        const auto day = static_cast<std::int32_t>(CivilDay{y, 1, 1}.serial());
        if (day < m_first || day > m_last + 1)
            continue;
        const double x = x_of(day);
        p.drawLine(QPointF(x, h), QPointF(x, h + 4));
        p.drawText(QPointF(x + 2, h + 15), QString::number(y));
    }
    if (y1 == y0 || m_last - m_first < 400) {
        p.drawText(QPointF(kMargin, h + 15), day_text(m_first));
        p.drawText(QPointF(width() - kMargin - 70, h + 15), day_text(m_last));
    }
    // the brushed range
    const auto& f = m_model.filter();
    std::optional<std::pair<double, double>> range;
    if (m_drag_from) {
        range = {std::min(*m_drag_from, m_drag_to), std::max(*m_drag_from, m_drag_to)};
    } else if (f.from_day || f.to_day) {
        range = {x_of(f.from_day.value_or(m_first)), x_of(f.to_day.value_or(m_last) + 1)};
    }
    if (range) {
        p.fillRect(QRectF(range->first, 0, range->second - range->first, h),
                   QColor(0, 120, 255, 40));
        p.setPen(QPen(QColor(0, 120, 255), 1.5));
        p.drawLine(QPointF(range->first, 0), QPointF(range->first, h));
        p.drawLine(QPointF(range->second, 0), QPointF(range->second, h));
    }
}

void TimelineWidget::mousePressEvent(QMouseEvent* e) {
    m_drag_from = e->position().x();
    m_drag_to = e->position().x();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* e) {
    if (!m_drag_from)
        return;
    m_drag_to = e->position().x();
    update();
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* e) {
    if (!m_drag_from)
        return;
    const double a = *m_drag_from, b = e->position().x();
    m_drag_from.reset();
    if (std::abs(a - b) < 3) {
        clear_brush(); // a click clears the range
    } else {
        brush(day_at(std::min(a, b)), day_at(std::max(a, b)));
    }
}

} // namespace kharita::viewer
