#include "kharita/render/map_renderer.hpp"

#include "kharita/events/event_types.hpp"
#include "kharita/map/event_style.hpp"

#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#ifdef KHARITA_HAS_SVG
#include <QSvgGenerator>
#endif

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kharita::render {

namespace {

constexpr std::size_t kTypes = EventTypeSet::capacity;
constexpr double kEarthRadius = 6378137.0;

const EventStyle& style_of(EventType t) {
    return event_style(to_string(t));
}

std::size_t type_index(EventType t) {
    return static_cast<std::size_t>(t);
}

/// Whether a point stands for an area rather than a spot: a place no finer than a region,
/// or none.
bool coarse_place(const std::optional<GeoPrecision>& precision) {
    return !precision || *precision >= GeoPrecision::region;
}

QPainterPath symbol_path(std::string_view shape, double r) {
    QPainterPath p;
    const auto polygon = [&](int n, double start) {
        QPolygonF poly;
        for (int i = 0; i < n; ++i) {
            const double a = start + 2 * std::numbers::pi * i / n;
            poly << QPointF(r * std::cos(a), r * std::sin(a));
        }
        p.addPolygon(poly);
        p.closeSubpath();
    };
    if (shape == "square") {
        p.addRect(QRectF(-r * 0.85, -r * 0.85, r * 1.7, r * 1.7));
    } else if (shape == "triangle") {
        polygon(3, -std::numbers::pi / 2);
    } else if (shape == "diamond") {
        polygon(4, 0);
    } else if (shape == "pentagon") {
        polygon(5, -std::numbers::pi / 2);
    } else if (shape == "hexagon") {
        polygon(6, 0);
    } else if (shape == "star") {
        QPolygonF poly;
        for (int i = 0; i < 10; ++i) {
            const double a = -std::numbers::pi / 2 + std::numbers::pi * i / 5;
            const double rr = i % 2 == 0 ? r * 1.1 : r * 0.45;
            poly << QPointF(rr * std::cos(a), rr * std::sin(a));
        }
        p.addPolygon(poly);
        p.closeSubpath();
    } else if (shape == "x" || shape == "cross") {
        const double w = r * 0.38;
        QPainterPath bar;
        bar.addRect(QRectF(-r, -w, 2 * r, 2 * w));
        bar.addRect(QRectF(-w, -r, 2 * w, 2 * r));
        p = bar.simplified();
        if (shape == "x")
            p = QTransform().rotate(45).map(p);
    } else {
        p.addEllipse(QPointF(0, 0), r, r);
    }
    return p;
}

QImage make_symbol(const EventStyle& s, bool ring) {
    const int size = ring ? 25 : 13;
    QImage img(size, size, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(size / 2.0, size / 2.0);
    const QColor colour(s.red, s.green, s.blue);
    if (ring) { // a place no finer than a region: the point stands for an area
        QColor halo = colour;
        halo.setAlpha(60);
        p.setPen(QPen(colour, 1.2, Qt::DashLine));
        p.setBrush(halo);
        p.drawEllipse(QPointF(0, 0), 11.5, 11.5);
    }
    p.setPen(QPen(QColor(30, 30, 30), 0.8));
    p.setBrush(colour);
    p.drawPath(symbol_path(s.shape, 4.5));
    return img;
}

QPainterPath shape_path(const MapShape& shape, const MapViewport& view) {
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (const auto& ring : shape) {
        QPolygonF poly;
        poly.reserve(static_cast<qsizetype>(ring.size()));
        for (const MapPoint& p : ring)
            poly << view.to_screen(p);
        path.addPolygon(poly);
    }
    return path;
}

double review_opacity(ReviewState state) {
    switch (state) {
    case ReviewState::machine:
        return kMachineOpacity;
    case ReviewState::rejected:
        return kRejectedOpacity;
    default:
        return 1.0;
    }
}

bool visible_at(const std::vector<std::uint8_t>& visible, std::size_t i) {
    return visible.empty() || visible[i] != 0;
}

} // namespace

QColor type_color(EventType t) {
    const EventStyle& s = style_of(t);
    return {s.red, s.green, s.blue};
}

MapViewport MapViewport::fit(const MapBounds& b, QSize size, double margin) {
    MapViewport v;
    v.size = size;
    v.center = {(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
    const double w = std::max(1.0, b.max_x - b.min_x), h = std::max(1.0, b.max_y - b.min_y);
    v.metres_per_pixel = std::max(w / size.width(), h / size.height()) * (1 + 2 * margin);
    v.metres_per_pixel = std::max(v.metres_per_pixel, 2.0);
    return v;
}

void MapViewport::zoom(double factor, const QPointF& anchor) {
    const MapPoint before = to_map(anchor);
    metres_per_pixel = std::clamp(metres_per_pixel / factor, 2.0, 80000.0);
    const MapPoint after = to_map(anchor);
    center.x += before.x - after.x;
    center.y += before.y - after.y;
}

MapRenderer::MapRenderer(const Basemap& basemap) : m_basemap(basemap) {
    for (bool ring : {false, true}) {
        for (std::size_t t = 0; t < kTypes; ++t)
            m_symbols.push_back(make_symbol(style_of(static_cast<EventType>(t)), ring));
    }
}

namespace {

const QColor kSea(198, 220, 236);
const QColor kLand(243, 240, 232);

/// The part of the map a view shows, in Web Mercator metres.
MapBounds view_bounds(const MapViewport& view) {
    const MapPoint top_left = view.to_map(QPointF(0, 0));
    const MapPoint bottom_right = view.to_map(QPointF(view.size.width(), view.size.height()));
    return {top_left.x, bottom_right.y, bottom_right.x, top_left.y};
}

/// The whole pixels inside a map extent: the world layer is clipped to the rest, so that the
/// pixels on the edge get its land and the detailed land over it, no seam of sea.
QRectF inner_screen_rect(const MapBounds& b, const MapViewport& view) {
    const QPointF top_left = view.to_screen({b.min_x, b.max_y});
    const QPointF bottom_right = view.to_screen({b.max_x, b.min_y});
    return QRectF(QPointF(std::ceil(top_left.x()), std::ceil(top_left.y())),
                  QPointF(std::floor(bottom_right.x()), std::floor(bottom_right.y())));
}

bool inside(const MapBounds& b, const MapPoint& p) {
    return p.x >= b.min_x && p.x <= b.max_x && p.y >= b.min_y && p.y <= b.max_y;
}

void fill_shapes(QPainter& painter, const std::vector<MapShape>& shapes, const MapViewport& view,
                 const QColor& colour) {
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    for (const MapShape& s : shapes)
        painter.drawPath(shape_path(s, view));
}

void draw_lines(QPainter& painter, const std::vector<MapShape>& shapes, const MapViewport& view) {
    for (const MapShape& s : shapes) {
        for (const auto& line : s) {
            QPolygonF poly;
            poly.reserve(static_cast<qsizetype>(line.size()));
            for (const MapPoint& p : line)
                poly << view.to_screen(p);
            painter.drawPolyline(poly);
        }
    }
}

const QPen& coastline_pen() {
    static const QPen pen(QColor(120, 150, 170), 0.8);
    return pen;
}

const QPen& border_pen() {
    static const QPen pen(QColor(140, 120, 140), 1.1, Qt::DashLine);
    return pen;
}

} // namespace

void MapRenderer::draw_basemap(QPainter& painter, const MapViewport& view) const {
    painter.fillRect(QRect(QPoint(0, 0), view.size), kSea);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    const bool detail = m_basemap.uses_detail(view.metres_per_pixel, view_bounds(view));
    // The world layer everywhere the detailed one does not cover (everywhere when it is not
    // drawn): clipped out of its extent, so that its coarser coast never shows inside.
    QPainterPath world_area;
    world_area.addRect(QRectF(QPointF(0, 0), QSizeF(view.size)));
    if (detail) {
        QPainterPath covered;
        covered.addRect(inner_screen_rect(m_basemap.detail_bounds, view));
        world_area = world_area.subtracted(covered);
    }
    if (m_raster != nullptr) {
        const MapBounds b = view_bounds(view);
        const auto pixels = m_raster->read({b.min_x, b.min_y, b.max_x, b.max_y}, view.size.width(),
                                           view.size.height());
        const QImage raster(reinterpret_cast<const uchar*>(pixels.data()), view.size.width(),
                            view.size.height(), QImage::Format_ARGB32);
        painter.drawImage(0, 0, raster); // drawn (copied) before `pixels` goes
    } else {
        painter.save();
        painter.setClipPath(world_area);
        fill_shapes(painter, m_basemap.world.land, view, kLand);
        fill_shapes(painter, m_basemap.world.lakes, view, kSea);
        painter.restore();
        if (detail) {
            fill_shapes(painter, m_basemap.land, view, kLand);
            fill_shapes(painter, m_basemap.lakes, view, kSea);
        }
    }
    painter.setBrush(Qt::NoBrush);
    painter.save();
    painter.setClipPath(world_area);
    painter.setPen(coastline_pen());
    draw_lines(painter, m_basemap.world.coastline, view);
    painter.setPen(border_pen());
    draw_lines(painter, m_basemap.world.borders, view);
    painter.restore();
    if (!detail)
        return;
    painter.setPen(QPen(QColor(200, 190, 175), 0.7, Qt::DotLine));
    for (const MapShape& s : m_basemap.regions)
        painter.drawPath(shape_path(s, view));
    painter.setPen(coastline_pen());
    draw_lines(painter, m_basemap.coastline, view);
    painter.setPen(border_pen());
    draw_lines(painter, m_basemap.borders, view);
}

void MapRenderer::draw_labels(QPainter& painter, const MapViewport& view) const {
    const double mpp = view.metres_per_pixel;
    const int max_rank = mpp > 3000 ? 2 : mpp > 1200 ? 4 : mpp > 300 ? 6 : 10;
    const bool detail = m_basemap.uses_detail(mpp, view_bounds(view));
    // Country names first when zoomed out, then towns by rank: each town from the layer
    // drawn where it stands (the detailed layer's inside its extent).
    std::vector<std::pair<const MapTown*, bool>> labels; // town, is a country
    if (mpp > 1500) {
        const int max_country_rank = mpp > 20000 ? 2 : mpp > 6000 ? 3 : 5;
        for (const MapTown& c : m_basemap.world.countries) {
            if (c.rank <= max_country_rank)
                labels.emplace_back(&c, true);
        }
    }
    const std::size_t countries = labels.size();
    for (const MapTown& t : m_basemap.world.towns) {
        if (t.rank <= max_rank && !(detail && inside(m_basemap.detail_bounds, t.position)))
            labels.emplace_back(&t, false);
    }
    if (detail) {
        for (const MapTown& t : m_basemap.towns) {
            if (t.rank <= max_rank)
                labels.emplace_back(&t, false);
        }
    }
    std::stable_sort(labels.begin() + static_cast<std::ptrdiff_t>(countries), labels.end(),
                     [](const auto& a, const auto& b) { return a.first->rank < b.first->rank; });
    QFont town_font = painter.font();
    town_font.setPixelSize(11);
    QFont country_font = town_font;
    country_font.setPixelSize(12);
    country_font.setLetterSpacing(QFont::PercentageSpacing, 108);
    std::vector<QRectF> taken;
    painter.setRenderHint(QPainter::Antialiasing);
    for (const auto& [t, country] : labels) {
        const QPointF s = view.to_screen(t->position);
        if (s.x() < 0 || s.y() < 0 || s.x() > view.size.width() || s.y() > view.size.height())
            continue;
        const QFont& font = country ? country_font : town_font;
        const QFontMetrics fm(font);
        const QString name =
            country ? QString::fromStdString(t->name).toUpper() : QString::fromStdString(t->name);
        const double width = fm.horizontalAdvance(name);
        // a country's name is centred on its point; a town's stands right of its dot
        const QRectF r =
            country ? QRectF(s.x() - width / 2, s.y() - fm.height() / 2.0, width, fm.height())
                    : QRectF(s.x() + 4, s.y() - fm.height() + 2, width, fm.height());
        if (std::any_of(taken.begin(), taken.end(),
                        [&](const QRectF& o) { return o.intersects(r); }))
            continue;
        taken.push_back(r);
        if (!country) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(90, 90, 90));
            painter.drawEllipse(s, t->capital ? 3.0 : 2.0, t->capital ? 3.0 : 2.0);
        }
        QPainterPath text;
        text.addText(r.bottomLeft() - QPointF(0, 3), font, name);
        painter.setPen(QPen(QColor(255, 255, 255, 200), 3));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(text);
        painter.setPen(Qt::NoPen);
        painter.setBrush(country ? QColor(120, 105, 120) : QColor(70, 70, 70));
        painter.drawPath(text);
    }
}

void MapRenderer::draw_raster(QPainter& painter, const MapViewport& view, const EventPoints& pts,
                              const std::vector<std::uint8_t>& visible) const {
    const double w = view.size.width(), h = view.size.height();
    const double inv = 1.0 / view.metres_per_pixel;
    const double ox = w / 2.0 - view.center.x * inv, oy = h / 2.0 + view.center.y * inv;
    // density raster: 4-pixel cells coloured by their most frequent type, opacity by count
    constexpr int kCell = 4;
    const int cw = (view.size.width() + kCell - 1) / kCell,
              ch = (view.size.height() + kCell - 1) / kCell;
    std::vector<std::uint32_t> counts(static_cast<std::size_t>(cw) * ch * kTypes, 0);
    const double cinv = inv / kCell, cox = ox / kCell, coy = oy / kCell;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!visible_at(visible, i))
            continue;
        const double x = pts.xy[i].x * cinv + cox, y = coy - pts.xy[i].y * cinv;
        if (!(x >= 0 && x < cw && y >= 0 && y < ch))
            continue;
        const std::size_t cell = static_cast<std::size_t>(y) * static_cast<std::size_t>(cw) +
                                 static_cast<std::size_t>(x);
        ++counts[cell * kTypes + type_index(pts.type[i])];
    }
    std::uint32_t max_total = 1;
    std::vector<std::uint32_t> totals(static_cast<std::size_t>(cw) * ch, 0);
    for (std::size_t c = 0; c < totals.size(); ++c) {
        std::uint32_t t = 0;
        for (std::size_t k = 0; k < kTypes; ++k)
            t += counts[c * kTypes + k];
        totals[c] = t;
        max_total = std::max(max_total, t);
    }
    QImage layer(cw, ch, QImage::Format_ARGB32_Premultiplied);
    layer.fill(Qt::transparent);
    const double log_max = std::log1p(static_cast<double>(max_total));
    std::array<QRgb, kTypes> base{};
    for (std::size_t k = 0; k < kTypes; ++k)
        base[k] = type_color(static_cast<EventType>(k)).rgb();
    for (int y = 0; y < ch; ++y) {
        auto* line = reinterpret_cast<QRgb*>(layer.scanLine(y));
        for (int x = 0; x < cw; ++x) {
            const std::size_t c = static_cast<std::size_t>(y) * static_cast<std::size_t>(cw) +
                                  static_cast<std::size_t>(x);
            if (totals[c] == 0)
                continue;
            std::size_t best = 0;
            for (std::size_t k = 1; k < kTypes; ++k) {
                if (counts[c * kTypes + k] > counts[c * kTypes + best])
                    best = k;
            }
            const double a = 0.45 + 0.55 * std::log1p(static_cast<double>(totals[c])) / log_max;
            const int alpha = static_cast<int>(255 * a);
            const QRgb rgb = base[best];
            line[x] = qRgba(qRed(rgb) * alpha / 255, qGreen(rgb) * alpha / 255,
                            qBlue(rgb) * alpha / 255, alpha);
        }
    }
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(QRectF(0, 0, cw * kCell, ch * kCell), layer);
    painter.restore();
}

void MapRenderer::draw_clusters(QPainter& painter, const MapViewport& view, const EventPoints& pts,
                                const std::vector<std::uint8_t>& visible) const {
    // 48-pixel cells; each cluster sits at the mean position of its events, sized by the
    // log of its count and coloured by its most frequent type, with the count written in
    constexpr double kCell = 48;
    const double inv = 1.0 / view.metres_per_pixel;
    const double ox = view.size.width() / 2.0 - view.center.x * inv,
                 oy = view.size.height() / 2.0 + view.center.y * inv;
    const int cw = static_cast<int>(view.size.width() / kCell) + 1,
              ch = static_cast<int>(view.size.height() / kCell) + 1;
    struct Acc {
        double x = 0, y = 0;
        std::uint32_t n = 0;
        std::array<std::uint32_t, kTypes> by_type{};
    };
    std::vector<Acc> cells(static_cast<std::size_t>(cw) * static_cast<std::size_t>(ch));
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!visible_at(visible, i))
            continue;
        const double x = pts.xy[i].x * inv + ox, y = oy - pts.xy[i].y * inv;
        if (!(x >= 0 && x < view.size.width() && y >= 0 && y < view.size.height()))
            continue;
        Acc& a = cells[static_cast<std::size_t>(y / kCell) * static_cast<std::size_t>(cw) +
                       static_cast<std::size_t>(x / kCell)];
        a.x += x;
        a.y += y;
        ++a.n;
        ++a.by_type[type_index(pts.type[i])];
    }
    m_clusters.clear();
    for (const Acc& a : cells) {
        if (a.n == 0)
            continue;
        const auto best = static_cast<EventType>(
            std::max_element(a.by_type.begin(), a.by_type.end()) - a.by_type.begin());
        m_clusters.push_back({QPointF(a.x / a.n, a.y / a.n), a.n, best});
    }
    QFont font = painter.font();
    font.setPixelSize(10);
    font.setBold(true);
    painter.setFont(font);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Cluster& c : m_clusters) {
        const int r =
            7 + static_cast<int>(std::lround(4 * std::log10(static_cast<double>(c.count))));
        // discs are drawn once per type and radius, then blitted
        const int key = r * 16 + static_cast<int>(c.type);
        auto disc = m_discs.find(key);
        if (disc == m_discs.end()) {
            QImage img(2 * r + 4, 2 * r + 4, QImage::Format_ARGB32_Premultiplied);
            img.fill(Qt::transparent);
            QPainter dp(&img);
            dp.setRenderHint(QPainter::Antialiasing);
            QColor fill = type_color(c.type);
            fill.setAlpha(210);
            dp.setPen(QPen(QColor(255, 255, 255), 1.5));
            dp.setBrush(fill);
            dp.drawEllipse(QPointF(r + 2, r + 2), r, r);
            dp.end();
            disc = m_discs.insert(key, img);
        }
        painter.drawImage(QPointF(c.centre.x() - r - 2, c.centre.y() - r - 2), *disc);
        const QString label =
            c.count >= 10000 ? QString("%1k").arg(c.count / 1000) : QString::number(c.count);
        auto it = m_labels.find(label);
        if (it == m_labels.end()) {
            if (m_labels.size() > 4096)
                m_labels.clear();
            QStaticText text(label);
            text.prepare(QTransform(), font);
            it = m_labels.insert(label, text);
        }
        painter.setPen(QColor(255, 255, 255));
        const QSizeF size = it->size();
        painter.drawStaticText(
            QPointF(c.centre.x() - size.width() / 2, c.centre.y() - size.height() / 2), *it);
    }
}

std::size_t MapRenderer::draw_events(QPainter& painter, const MapViewport& view,
                                     const EventPoints& pts,
                                     const std::vector<std::uint8_t>& visible,
                                     const RenderOptions& options) const {
    const double w = view.size.width(), h = view.size.height();
    const double inv = 1.0 / view.metres_per_pixel;
    const double ox = w / 2.0 - view.center.x * inv, oy = h / 2.0 + view.center.y * inv;
    std::size_t in_view = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!visible_at(visible, i))
            continue;
        const double x = pts.xy[i].x * inv + ox, y = oy - pts.xy[i].y * inv;
        in_view += (x >= 0 && x < w && y >= 0 && y < h) ? 1 : 0;
    }
    m_clusters.clear();
    if (!options.heat_map && in_view <= options.symbol_limit) {
        // one pre-drawn symbol per event, coarse places under fine ones
        const double base_opacity = painter.opacity(); // a frame's fading multiplies in
        double opacity = base_opacity;
        const bool shade = options.review_shading && pts.review.size() == pts.size();
        for (int pass = 0; pass < 2; ++pass) {
            for (std::size_t i = 0; i < pts.size(); ++i) {
                if (!visible_at(visible, i))
                    continue;
                const bool coarse = coarse_place(pts.geo_precision[i]);
                if (coarse != (pass == 0))
                    continue;
                const double x = pts.xy[i].x * inv + ox, y = oy - pts.xy[i].y * inv;
                if (!(x >= -12 && x < w + 12 && y >= -12 && y < h + 12))
                    continue;
                const QImage& sym = m_symbols[type_index(pts.type[i]) + (coarse ? kTypes : 0)];
                if (shade) {
                    const double o = base_opacity * review_opacity(pts.review[i]);
                    if (o != opacity) {
                        painter.setOpacity(o);
                        opacity = o;
                    }
                }
                painter.drawImage(QPointF(x - sym.width() / 2.0, y - sym.height() / 2.0), sym);
            }
        }
        painter.setOpacity(base_opacity);
    } else if (options.heat_map) {
        draw_raster(painter, view, pts, visible);
    } else {
        draw_clusters(painter, view, pts, visible);
    }
    if (options.selected && *options.selected < pts.size()) {
        const QPointF s = view.to_screen(pts.xy[*options.selected]);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(QColor(255, 255, 255), 4));
        painter.drawEllipse(s, 10, 10);
        painter.setPen(QPen(QColor(0, 120, 255), 2.5));
        painter.drawEllipse(s, 10, 10);
    }
    return in_view;
}

void MapRenderer::draw_legend(QPainter& painter, const MapViewport& view) const {
    QFont font = painter.font();
    font.setPixelSize(12);
    painter.setFont(font);
    const QFontMetrics fm(font);
    const int row = 18, pad = 8;
    const auto styles = event_styles();
    const int width = 200, height = pad * 2 + row * (static_cast<int>(styles.size()) + 2);
    const QRect box(10, view.size.height() - height - 10, width, height);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(150, 150, 150), 1));
    painter.setBrush(QColor(255, 255, 255, 225));
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(QColor(30, 30, 30));
    int y = box.top() + pad;
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(QRect(box.left() + pad, y, width, row), Qt::AlignVCenter, "Events");
    font.setBold(false);
    painter.setFont(font);
    y += row;
    for (std::size_t t = 0; t < styles.size(); ++t) {
        const auto type = event_type_from(styles[t].type);
        const QImage& sym = m_symbols[type_index(type.value_or(EventType::strategic))];
        painter.drawImage(
            QPointF(box.left() + pad + 12 - sym.width() / 2.0, y + row / 2.0 - sym.height() / 2.0),
            sym);
        painter.drawText(QRect(box.left() + pad + 30, y, width, row), Qt::AlignVCenter,
                         QString::fromUtf8(styles[t].label.data(),
                                           static_cast<qsizetype>(styles[t].label.size())));
        y += row;
    }
    const QImage& ring = m_symbols[kTypes];
    painter.drawImage(
        QPointF(box.left() + pad + 12 - ring.width() / 2.0, y + row / 2.0 - ring.height() / 2.0),
        ring);
    painter.drawText(QRect(box.left() + pad + 30, y, width, row), Qt::AlignVCenter,
                     "ring: region-level place");
}

void MapRenderer::draw_scale_bar(QPainter& painter, const MapViewport& view) const {
    const double lat = std::atan(std::sinh(view.center.y / kEarthRadius));
    const double ground = view.metres_per_pixel * std::cos(lat); // metres per pixel on the ground
    double length = 1;
    for (const double nice : {1.0, 2.0, 5.0}) {
        for (double p = 1; p <= 1e7; p *= 10) {
            if (nice * p / ground <= 160)
                length = std::max(length, nice * p);
        }
    }
    const double px = length / ground;
    const int x = view.size.width() - static_cast<int>(px) - 30, y = view.size.height() - 25;
    painter.setPen(QPen(QColor(40, 40, 40), 2));
    painter.drawLine(QPointF(x, y), QPointF(x + px, y));
    painter.drawLine(QPointF(x, y - 5), QPointF(x, y + 1));
    painter.drawLine(QPointF(x + px, y - 5), QPointF(x + px, y + 1));
    const QString label =
        length >= 1000 ? QString("%1 km").arg(length / 1000) : QString("%1 m").arg(length);
    painter.drawText(QPointF(x, y - 8), label);
}

void MapRenderer::render(QPainter& painter, const MapViewport& view, const EventPoints& points,
                         const std::vector<std::uint8_t>& visible,
                         const RenderOptions& options) const {
    draw_basemap(painter, view);
    if (options.towns)
        draw_labels(painter, view);
    draw_events(painter, view, points, visible, options);
    if (options.legend)
        draw_legend(painter, view);
    if (options.scale_bar)
        draw_scale_bar(painter, view);
}

QImage MapRenderer::render_image(const MapViewport& view, const EventPoints& points,
                                 const std::vector<std::uint8_t>& visible,
                                 const RenderOptions& options) const {
    QImage image(view.size, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    render(painter, view, points, visible, options);
    painter.end();
    return image;
}

bool MapRenderer::render_svg(const QString& file, const MapViewport& view,
                             const EventPoints& points, const std::vector<std::uint8_t>& visible,
                             const RenderOptions& options) const {
#ifdef KHARITA_HAS_SVG
    QSvgGenerator svg;
    svg.setFileName(file);
    svg.setSize(view.size);
    svg.setViewBox(QRect(QPoint(0, 0), view.size));
    svg.setTitle("Kharita map");
    QPainter painter;
    if (!painter.begin(&svg))
        return false;
    render(painter, view, points, visible, options);
    return painter.end();
#else
    (void)file, (void)view, (void)points, (void)visible, (void)options;
    return false;
#endif
}

} // namespace kharita::render
