#include "map_widget.hpp"

#include "kharita/events/event_types.hpp"
#include "kharita/map/event_style.hpp"
#include "kharita/render/animation.hpp"

#include <QGestureEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPinchGesture>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>
#include <limits>

namespace kharita::viewer {

MapWidget::MapWidget(EventModel& model, const Basemap& basemap, QWidget* parent)
    : QWidget(parent), m_model(model), m_renderer(basemap), m_basemap(basemap) {
    setMouseTracking(true);
    grabGesture(Qt::PinchGesture);
    setMinimumSize(300, 200);
    m_view = render::MapViewport::fit(basemap.bounds, QSize(800, 600));
    m_options.review_shading = true;
    connect(&model, &EventModel::reviewChanged, this, qOverload<>(&QWidget::update));
    connect(&model, &EventModel::filterChanged, this, qOverload<>(&QWidget::update));
    connect(&model, &EventModel::selectionChanged, this, qOverload<>(&QWidget::update));
    connect(&model, &EventModel::loaded, this, &MapWidget::zoom_to_events);
}

void MapWidget::set_viewport(const render::MapViewport& view) {
    m_view = view;
    m_view.size = size();
    invalidate_basemap();
}

void MapWidget::invalidate_basemap() {
    m_basemap_image = QImage();
    update();
}

void MapWidget::zoom_to_events() {
    const auto& pts = m_model.points();
    MapBounds b{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!m_model.visible()[i] || std::isnan(pts.xy[i].x))
            continue;
        b = {std::min(b.min_x, pts.xy[i].x), std::min(b.min_y, pts.xy[i].y),
             std::max(b.max_x, pts.xy[i].x), std::max(b.max_y, pts.xy[i].y)};
    }
    if (b.min_x > b.max_x)
        b = m_basemap.bounds;
    const double pad = 100000;
    set_viewport(render::MapViewport::fit(
        {b.min_x - pad, b.min_y - pad, b.max_x + pad, b.max_y + pad}, size()));
}

void MapWidget::zoom_to_selection() {
    const auto sel = m_model.selected();
    if (!sel || std::isnan(m_model.points().xy[*sel].x))
        return;
    render::MapViewport v = m_view;
    v.center = m_model.points().xy[*sel];
    v.metres_per_pixel = std::min(v.metres_per_pixel, 300.0);
    set_viewport(v);
}

std::optional<std::size_t> MapWidget::event_at(const QPointF& pos, double radius) const {
    const auto& pts = m_model.points();
    std::optional<std::size_t> best;
    double best_d = radius * radius;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!m_model.visible()[i] || std::isnan(pts.xy[i].x))
            continue;
        const QPointF s = m_view.to_screen(pts.xy[i]);
        const double d =
            (s.x() - pos.x()) * (s.x() - pos.x()) + (s.y() - pos.y()) * (s.y() - pos.y());
        if (d <= best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

void MapWidget::paintEvent(QPaintEvent*) {
    m_view.size = size();
    if (m_basemap_image.size() != size()) {
        // opaque, and with the town names, as an animation frame's base: the same pixels
        m_basemap_image = QImage(size(), QImage::Format_RGB32);
        QPainter bp(&m_basemap_image);
        m_renderer.draw_basemap(bp, m_view);
        if (m_options.towns)
            m_renderer.draw_labels(bp, m_view);
    }
    QPainter p(this);
    p.drawImage(0, 0, m_basemap_image);
    render::RenderOptions o = m_options;
    o.selected = m_model.selected();
    const auto shown = m_model.shown_days();
    if (shown) {
        // a date range (brushed or playing) draws as the animation's frame of those days:
        // events whose range only partly falls inside faded, under the whole ones
        render::select_frame_events(m_model.points(), m_model.visible(), *shown, m_full, m_faded);
        m_in_view = render::draw_frame_events(p, m_renderer, m_view, m_model.points(), m_full,
                                              m_faded, o, m_frame_style.faded_opacity);
        if (o.selected && m_faded[*o.selected] != 0) {
            // the event picked in the table stays findable: whole and ringed, over the rest
            m_full.assign(m_full.size(), 0);
            m_full[*o.selected] = 1;
            m_renderer.draw_events(p, m_view, m_model.points(), m_full, o);
        }
    } else {
        m_in_view = m_renderer.draw_events(p, m_view, m_model.points(), m_model.visible(), o);
    }
    // the polygon filter, and the one being drawn
    const auto outline = [&](const std::vector<LatLon>& ring, QColor colour, bool closed) {
        if (ring.empty())
            return;
        QPolygonF poly;
        for (const LatLon& ll : ring)
            poly << m_view.to_screen(m_mercator.forward(ll));
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(colour, 2, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        if (closed)
            p.drawPolygon(poly);
        else
            p.drawPolyline(poly);
    };
    outline(m_model.filter().polygon, QColor(0, 90, 200), true);
    outline(m_ring, QColor(200, 60, 0), false);
    if (o.legend)
        m_renderer.draw_legend(p, m_view);
    if (o.scale_bar)
        m_renderer.draw_scale_bar(p, m_view);
    if (shown)
        render::draw_frame_captions(p, size(), *shown, m_frame_style);
}

void MapWidget::resizeEvent(QResizeEvent*) {
    m_view.size = size();
    invalidate_basemap();
}

void MapWidget::mousePressEvent(QMouseEvent* e) {
    m_press = m_last = e->position();
    m_dragging = false;
}

void MapWidget::mouseMoveEvent(QMouseEvent* e) {
    const QPointF pos = e->position();
    if (e->buttons() & Qt::LeftButton) {
        if ((pos - m_press).manhattanLength() > 3)
            m_dragging = true;
        if (m_dragging) {
            m_view.center.x -= (pos.x() - m_last.x()) * m_view.metres_per_pixel;
            m_view.center.y += (pos.y() - m_last.y()) * m_view.metres_per_pixel;
            m_last = pos;
            invalidate_basemap();
        }
    } else if (m_in_view <= m_options.symbol_limit) { // clusters have no single event to name
        if (const auto hit = event_at(pos)) {
            const auto& pts = m_model.points();
            const auto label = event_style(to_string(pts.type[*hit])).label;
            QToolTip::showText(
                e->globalPosition().toPoint(),
                QString::fromStdString(pts.location[*hit]) + "\n" +
                    QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size())) +
                    (pts.dated[*hit] ? ", " + day_text(pts.day_start[*hit]) : QString()),
                this);
        }
    }
    const LatLon ll = m_mercator.inverse(m_view.to_map(pos));
    emit cursorMoved(ll.lat, ll.lon);
}

void MapWidget::mouseReleaseEvent(QMouseEvent* e) {
    if (!m_dragging && e->button() == Qt::LeftButton) {
        if (m_picking) {
            set_picking(false);
            emit placePicked(m_mercator.inverse(m_view.to_map(e->position())));
        } else if (m_drawing) {
            m_ring.push_back(m_mercator.inverse(m_view.to_map(e->position())));
            update();
        } else {
            m_model.select(event_at(e->position()));
        }
    }
    m_dragging = false;
}

void MapWidget::mouseDoubleClickEvent(QMouseEvent*) {
    if (!m_drawing)
        return;
    if (m_ring.size() >= 3)
        emit polygonDrawn(m_ring);
    set_drawing(false);
}

void MapWidget::set_drawing(bool on) {
    m_drawing = on;
    m_ring.clear();
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    update();
}

void MapWidget::set_picking(bool on) {
    m_picking = on;
    if (on)
        m_drawing = false;
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    if (on)
        setFocus();
}

void MapWidget::keyPressEvent(QKeyEvent* e) {
    if (e->key() == Qt::Key_Escape && m_picking) {
        set_picking(false);
        return;
    }
    QWidget::keyPressEvent(e);
}

bool MapWidget::event(QEvent* e) {
    if (e->type() == QEvent::NativeGesture) {
        const auto* g = static_cast<QNativeGestureEvent*>(e);
        if (g->gestureType() == Qt::ZoomNativeGesture) {
            m_view.zoom(1.0 + g->value(), g->position());
            invalidate_basemap();
            return true;
        }
    } else if (e->type() == QEvent::Gesture) {
        auto* g = static_cast<QGestureEvent*>(e);
        if (auto* pinch = static_cast<QPinchGesture*>(g->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged) {
                m_view.zoom(pinch->scaleFactor(), mapFromGlobal(pinch->centerPoint().toPoint()));
                invalidate_basemap();
            }
            return true;
        }
    }
    return QWidget::event(e);
}

void MapWidget::wheelEvent(QWheelEvent* e) {
    const double steps = e->angleDelta().y() / 120.0;
    m_view.zoom(std::pow(1.25, steps), e->position());
    invalidate_basemap();
}

} // namespace kharita::viewer
