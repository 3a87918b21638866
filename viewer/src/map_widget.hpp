#pragma once
// The map: the basemap and town names drawn once per view into a cached image, the events
// drawn over it from the model's visibility mask on every paint (22 ms for a million,
// bench/). With a date range (brushed, or moving in playback) the map is the animation's
// frame of those days: coarse dates faded by render::select_frame_events(), the dates and
// attribution captioned, pixel for pixel what File > Export animation writes. Events no
// analyst has reviewed are drawn lighter (RenderOptions::review_shading). Drag pans, the
// wheel zooms around the cursor, a click selects the nearest event, hovering shows it.

#include "event_model.hpp"
#include "kharita/render/animation.hpp"
#include "kharita/render/map_renderer.hpp"

#include <QImage>
#include <QWidget>

namespace kharita::viewer {

class MapWidget : public QWidget {
    Q_OBJECT
public:
    MapWidget(EventModel& model, const Basemap& basemap, QWidget* parent = nullptr);

    const render::MapViewport& viewport() const noexcept { return m_view; }
    void set_viewport(const render::MapViewport& view);
    /// Fits the view to the visible events (or the basemap when there are none).
    void zoom_to_events();
    void zoom_to_selection();
    render::RenderOptions& options() { return m_options; }
    const render::RenderOptions& options() const { return m_options; }
    const Basemap& basemap() const noexcept { return m_basemap; }
    /// The captions and fading of a date range, shared with the animation export.
    const render::FrameStyle& frame_style() const noexcept { return m_frame_style; }
    const render::MapRenderer& renderer() const { return m_renderer; }
    /// The event nearest to a widget position within `radius` pixels.
    std::optional<std::size_t> event_at(const QPointF& pos, double radius = 8) const;

    /// A raster basemap (owned by the caller), or nullptr for the vector one alone.
    void set_raster(const RasterBasemap* raster) {
        m_renderer.set_raster(raster);
        invalidate_basemap();
    }
    /// Polygon drawing: clicks add vertices, a double click closes the ring.
    void set_drawing(bool on);
    bool drawing() const noexcept { return m_drawing; }
    /// Picking a place (review: "pick on map"): the next click emits placePicked instead of
    /// selecting an event; Escape or set_picking(false) cancels.
    void set_picking(bool on);
    bool picking() const noexcept { return m_picking; }

signals:
    void cursorMoved(double lat, double lon);
    void polygonDrawn(const std::vector<kharita::LatLon>& ring);
    void placePicked(kharita::LatLon where);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    bool event(QEvent*) override; // pinch: touchpad zoom gestures and touchscreen pinches

private:
    void invalidate_basemap();

    EventModel& m_model;
    render::MapRenderer m_renderer;
    const Basemap& m_basemap;
    WebMercator m_mercator;
    render::MapViewport m_view;
    render::RenderOptions m_options;
    render::FrameStyle m_frame_style;          // no title: that is the export's
    std::vector<std::uint8_t> m_full, m_faded; // a date range's split, reused per paint
    QImage m_basemap_image;
    QPointF m_press, m_last;
    bool m_dragging = false;
    bool m_drawing = false;
    bool m_picking = false;
    std::size_t m_in_view = 0;  // events in view at the last paint
    std::vector<LatLon> m_ring; // the polygon being drawn
};

} // namespace kharita::viewer
