#pragma once
// The timeline: a histogram of the events that pass every filter but the dates, stacked by
// type; an event dated only to a month or a year is spread over the bins it spans by the
// share of its days each holds (render::date_share(), as the map and the animation fade it), so
// "in April" shows as a low, wide band and "on 26 February" as a sharp one. The part of each
// stack no analyst has reviewed is drawn lighter, as the map draws those events. Dragging
// brushes a date range (the filter); playback moves the range along, skipping empty bins.

#include "event_model.hpp"

#include <QTimer>
#include <QWidget>

#include <array>
#include <vector>

namespace kharita::viewer {

class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimelineWidget(EventModel& model, QWidget* parent = nullptr);

    /// Bins of the histogram: first day, days per bin, count per bin and type.
    std::int32_t first_day() const noexcept { return m_first; }
    std::int32_t bin_days() const noexcept { return m_bin_days; }
    using TypeCounts = std::array<double, EventTypeSet::capacity>; ///< by EventType
    const std::vector<TypeCounts>& bins() const noexcept { return m_bins; }
    /// The part of each bin no analyst has reviewed yet (drawn lighter, as on the map).
    const std::vector<TypeCounts>& machine_bins() const noexcept { return m_machine; }

    /// Brushes [from, to] as if dragged (days since 1970-01-01).
    void brush(std::int32_t from, std::int32_t to);
    void clear_brush();
    void set_playing(bool playing);
    bool playing() const noexcept { return m_timer.isActive(); }
    void set_speed(int ms_per_step) { m_timer.setInterval(ms_per_step); }
    int speed() const { return m_timer.interval(); }
    bool cumulative() const noexcept { return m_cumulative; }
    /// Cumulative playback grows the range from the first day; otherwise the window moves.
    void set_cumulative(bool on) { m_cumulative = on; }
    /// One playback step: the brushed window moves to the next bin that holds events.
    void step();

    std::int32_t day_at(double x) const;
    double x_of(std::int32_t day) const;

signals:
    void rangeBrushed(std::optional<std::int32_t> from, std::optional<std::int32_t> to);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;

private:
    void rebuild();

    EventModel& m_model;
    std::int32_t m_first = 0, m_last = 0, m_bin_days = 30;
    std::vector<TypeCounts> m_bins;
    std::vector<TypeCounts> m_machine;
    double m_max = 1;
    std::optional<double> m_drag_from;
    double m_drag_to = 0;
    QTimer m_timer;
    bool m_cumulative = false;
};

} // namespace kharita::viewer
