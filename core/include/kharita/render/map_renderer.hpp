#pragma once
// Draws the map with QPainter: the offline basemap, the events (one symbol each when few
// are in view, an aggregated density raster by dominant type when many), the selection, a
// legend and a scale bar. The same code draws the viewer's map widget and `kharita render`.
// Never touches the database: it draws what it is given.

#include "kharita/render/event_points.hpp"

#include "kharita/map/basemap.hpp"
#include "kharita/map/raster_basemap.hpp"

#include <QColor>
#include <QHash>
#include <QImage>
#include <QPointF>
#include <QSize>
#include <QStaticText>
#include <QString>

#include <array>
#include <optional>
#include <vector>

class QPainter;

namespace kharita::render {

/// Which part of the map is on screen: a centre in Web Mercator metres and a scale.
struct MapViewport {
    MapPoint center;
    double metres_per_pixel = 5000;
    QSize size{1600, 1000};

    QPointF to_screen(const MapPoint& p) const {
        return {size.width() / 2.0 + (p.x - center.x) / metres_per_pixel,
                size.height() / 2.0 - (p.y - center.y) / metres_per_pixel};
    }
    MapPoint to_map(const QPointF& s) const {
        return {center.x + (s.x() - size.width() / 2.0) * metres_per_pixel,
                center.y - (s.y() - size.height() / 2.0) * metres_per_pixel};
    }
    /// The view that shows `bounds` whole, with a margin.
    static MapViewport fit(const MapBounds& bounds, QSize size, double margin = 0.05);
    /// Zooms by `factor` (> 1 zooms in) keeping the map point under `anchor` in place.
    void zoom(double factor, const QPointF& anchor);
};

struct RenderOptions {
    bool legend = true;
    bool scale_bar = true;
    bool towns = true;
    /// Above this many events in view, draw clusters with counts instead of symbols.
    std::size_t symbol_limit = 20000;
    bool heat_map = false;               ///< a density raster instead of symbols or clusters
    std::optional<std::size_t> selected; ///< index into the points
    /// Review state (the viewer): symbols of events no analyst has looked at drawn at
    /// kMachineOpacity, rejected ones (shown only when asked for) at kRejectedOpacity,
    /// confirmed and corrected ones whole. Off for `kharita render`: every event alike.
    bool review_shading = false;
};

inline constexpr double kMachineOpacity = 0.4;
inline constexpr double kRejectedOpacity = 0.2;

/// The colour of an event type's symbol.
QColor type_color(EventType t);

class MapRenderer {
public:
    explicit MapRenderer(const Basemap& basemap);
    /// A raster drawn instead of the land fill (the vector lines stay on top); nullptr: none.
    void set_raster(const RasterBasemap* raster) { m_raster = raster; }

    /// Draws everything onto `painter`, whose device is `view.size`. `visible[i]` (when not
    /// empty) says whether point i passes the current filter.
    void render(QPainter& painter, const MapViewport& view, const EventPoints& points,
                const std::vector<std::uint8_t>& visible, const RenderOptions& options) const;
    QImage render_image(const MapViewport& view, const EventPoints& points,
                        const std::vector<std::uint8_t>& visible,
                        const RenderOptions& options) const;

    /// Writes the same picture as SVG; false when this build has no Qt SVG or the file
    /// cannot be written.
    bool render_svg(const QString& file, const MapViewport& view, const EventPoints& points,
                    const std::vector<std::uint8_t>& visible, const RenderOptions& options) const;

    /// The world layer, and the detailed layer over it where it covers when the view is
    /// close enough (Basemap::uses_detail()).
    void draw_basemap(QPainter& painter, const MapViewport& view) const;
    /// Country names (zoomed out) and town names by rank, none overlapping another.
    void draw_labels(QPainter& painter, const MapViewport& view) const;
    /// Returns how many events were drawn.
    std::size_t draw_events(QPainter& painter, const MapViewport& view, const EventPoints& points,
                            const std::vector<std::uint8_t>& visible,
                            const RenderOptions& options) const;
    void draw_legend(QPainter& painter, const MapViewport& view) const;
    void draw_scale_bar(QPainter& painter, const MapViewport& view) const;
    /// Clusters drawn by the last draw_events (empty when it drew symbols or a raster):
    /// screen centre and count.
    struct Cluster {
        QPointF centre;
        std::uint32_t count;
        EventType type; ///< the most frequent
    };
    const std::vector<Cluster>& last_clusters() const noexcept { return m_clusters; }

private:
    const Basemap& m_basemap;
    const RasterBasemap* m_raster = nullptr;
    std::vector<QImage> m_symbols; // per type: normal; per type + type count: region ring
    mutable std::vector<Cluster> m_clusters;
    mutable QHash<QString, QStaticText> m_labels; // laid-out cluster counts, reused between frames
    mutable QHash<int, QImage> m_discs;           // cluster discs by type and radius

    void draw_raster(QPainter& painter, const MapViewport& view, const EventPoints& points,
                     const std::vector<std::uint8_t>& visible) const;
    void draw_clusters(QPainter& painter, const MapViewport& view, const EventPoints& points,
                       const std::vector<std::uint8_t>& visible) const;
};

} // namespace kharita::render
