// The map renderer, drawn offscreen: events where their projected positions say, in their
// type's colour, the legend present, the density raster for many events, the selection.

#include "kharita/render/map_renderer.hpp"

#include "kharita/base/error.hpp"
#include "kharita/events/events.hpp"
#include "kharita/map/basemap.hpp"
#include "kharita/map/event_style.hpp"
#include "kharita/map/raster_basemap.hpp"

#include <gdal_priv.h>
#include <ogr_srs_api.h>

#include <QGuiApplication>
#include <QPainter>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

namespace kharita::render {
namespace {

class RenderTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        static int argc = 1;
        static char name[] = "render_test";
        static char* argv[] = {name, nullptr};
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        app = new QGuiApplication(argc, argv);
        mercator = new WebMercator();
        basemap = new Basemap(load_basemap(default_basemap_dir(), *mercator));
    }
    static EventPoints points_at(const std::vector<std::pair<LatLon, EventType>>& events,
                                 GeoPrecision precision = GeoPrecision::town) {
        EventPoints pts;
        std::int64_t id = 1;
        for (const auto& [ll, type] : events) {
            EventPoint p;
            p.id = id++;
            p.position = ll;
            p.type = type;
            p.geo_precision = precision;
            pts.push_back(p);
        }
        pts.project(*mercator);
        return pts;
    }
    /// True when some pixel within `radius` of `at` has about this colour.
    static bool colour_near(const QImage& img, QPointF at, QColor c, int radius = 4) {
        for (int dy = -radius; dy <= radius; ++dy) {
            for (int dx = -radius; dx <= radius; ++dx) {
                const QPoint p(static_cast<int>(at.x()) + dx, static_cast<int>(at.y()) + dy);
                if (!img.rect().contains(p))
                    continue;
                const QColor px = img.pixelColor(p);
                if (std::abs(px.red() - c.red()) < 30 && std::abs(px.green() - c.green()) < 30 &&
                    std::abs(px.blue() - c.blue()) < 30) {
                    return true;
                }
            }
        }
        return false;
    }
    static inline QGuiApplication* app = nullptr;
    static inline WebMercator* mercator = nullptr;
    static inline Basemap* basemap = nullptr;
};

MapViewport libya_view() {
    WebMercator m;
    const MapPoint sw = m.forward({19, 9}), ne = m.forward({34, 26});
    return MapViewport::fit({sw.x, sw.y, ne.x, ne.y}, QSize(1200, 800));
}

TEST_F(RenderTest, EventsAppearAtTheirPlacesInTheirTypesColours) {
    ASSERT_FALSE(basemap->land.empty()) << "the embedded basemap did not load";
    const auto pts = points_at({{{32.887, 13.187}, EventType::clash},    // Tripoli
                                {{32.117, 20.067}, EventType::protest},  // Benghazi
                                {{24.2, 23.3}, EventType::mass_grave}}); // Kufra
    const MapViewport view = libya_view();
    const QImage img = MapRenderer(*basemap).render_image(view, pts, {}, {});
    for (std::size_t i = 0; i < pts.size(); ++i) {
        EXPECT_TRUE(colour_near(img, view.to_screen(pts.xy[i]), type_color(pts.type[i])))
            << "event " << i << " not drawn in its colour";
    }
    // nothing of the clash colour far from any event (the legend is bottom-left)
    EXPECT_FALSE(colour_near(img, QPointF(900, 200), type_color(EventType::clash), 20));
    // land and sea: Tripoli's hinterland is land-coloured, the sea north of it is blue
    const QColor sea = img.pixelColor(view.to_screen(mercator->forward({34.5, 16.0})).toPoint());
    EXPECT_GT(sea.blue(), sea.red());
}

TEST_F(RenderTest, LegendShowsEveryType) {
    const MapViewport view = libya_view();
    const QImage img = MapRenderer(*basemap).render_image(view, {}, {}, {});
    // the legend box sits bottom-left: each type's colour appears in it
    const QRect legend(10, view.size.height() - 260, 60, 250);
    for (const EventStyle& s : event_styles()) {
        bool found = false;
        for (int y = legend.top(); y < legend.bottom() && !found; ++y) {
            for (int x = legend.left(); x < legend.right() && !found; ++x) {
                const QColor px = img.pixelColor(x, y);
                found = std::abs(px.red() - s.red) < 25 && std::abs(px.green() - s.green) < 25 &&
                        std::abs(px.blue() - s.blue) < 25;
            }
        }
        EXPECT_TRUE(found) << "legend lacks " << s.type;
    }
    RenderOptions none;
    none.legend = false;
    const QImage bare = MapRenderer(*basemap).render_image(view, {}, {}, none);
    EXPECT_NE(bare.pixelColor(40, view.size.height() - 100),
              img.pixelColor(40, view.size.height() - 100));
}

TEST_F(RenderTest, ManyEventsBecomeClustersWithCountsOrARaster) {
    std::mt19937 rng(3);
    std::normal_distribution<double> lat(32.8, 0.2), lon(13.2, 0.3);
    std::vector<std::pair<LatLon, EventType>> many;
    for (int i = 0; i < 30000; ++i)
        many.push_back({{lat(rng), lon(rng)}, EventType::protest});
    const auto pts = points_at(many);
    const MapViewport view = libya_view();
    MapRenderer renderer(*basemap);
    RenderOptions options;
    options.legend = false;
    QImage canvas(view.size, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&canvas);
    EXPECT_EQ(renderer.draw_events(painter, view, pts, {}, options), 30000u);
    painter.end();
    // clusters: their counts add up to the events in view, and they sit where the events are
    std::uint64_t clustered = 0;
    for (const auto& c : renderer.last_clusters())
        clustered += c.count;
    EXPECT_EQ(clustered, 30000u);
    EXPECT_LT(renderer.last_clusters().size(), 100u);
    const QPointF tripoli = view.to_screen(mercator->forward({32.8, 13.2}));
    const QImage img = renderer.render_image(view, pts, {}, options);
    EXPECT_TRUE(colour_near(img, tripoli, type_color(EventType::protest), 12));
    // the heat map: a raster in the same colour, no clusters
    options.heat_map = true;
    const QImage heat = renderer.render_image(view, pts, {}, options);
    EXPECT_TRUE(renderer.last_clusters().empty());
    EXPECT_TRUE(colour_near(heat, tripoli, type_color(EventType::protest), 3));
    // every event filtered out: the protest colour is gone
    const std::vector<std::uint8_t> hidden(pts.size(), 0);
    options.heat_map = false;
    const QImage none = renderer.render_image(view, pts, hidden, options);
    EXPECT_FALSE(colour_near(none, tripoli, type_color(EventType::protest), 12));
}

TEST_F(RenderTest, ARasterBasemapIsWarpedUnderTheMap) {
    // a red GeoTIFF in EPSG:4326 over central Libya, written with GDAL
    const auto path = std::filesystem::temp_directory_path() / "kharita-render-test-raster.tif";
    {
        GDALAllRegister();
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        GDALDatasetUniquePtr ds(gtiff->Create(path.c_str(), 100, 100, 3, GDT_Byte, nullptr));
        double gt[6] = {10, 0.1, 0, 35, 0, -0.1}; // 10..20 E, 25..35 N
        ds->SetGeoTransform(gt);
        ds->SetProjection(SRS_WKT_WGS84_LAT_LONG);
        std::vector<std::uint8_t> red(100 * 100, 220), zero(100 * 100, 20);
        ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 100, 100, red.data(), 100, 100,
                                                 GDT_Byte, 0, 0, nullptr),
                  CE_None);
        for (int b : {2, 3}) {
            ASSERT_EQ(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, 100, 100, zero.data(), 100,
                                                     100, GDT_Byte, 0, 0, nullptr),
                      CE_None);
        }
    }
    const RasterBasemap raster = RasterBasemap::open(path);
    MapRenderer renderer(*basemap);
    renderer.set_raster(&raster);
    const MapViewport view = libya_view();
    RenderOptions options;
    options.legend = false;
    const QImage img = renderer.render_image(view, {}, {}, options);
    const QColor inside = img.pixelColor(view.to_screen(mercator->forward({30, 15})).toPoint());
    EXPECT_GT(inside.red(), 180);
    EXPECT_LT(inside.green(), 60);
    const QColor outside = img.pixelColor(view.to_screen(mercator->forward({22, 24})).toPoint());
    EXPECT_GT(outside.green(), 150); // beyond the raster: the sea colour under it, not red
    std::filesystem::remove(path);
    EXPECT_THROW(RasterBasemap::open("/nonexistent/tiles.mbtiles"), Error);
}

/// True when a pixel has about the land fill's colour (the sea's is bluer).
bool land_coloured(const QColor& c) {
    return std::abs(c.red() - 243) < 12 && std::abs(c.green() - 240) < 12 &&
           std::abs(c.blue() - 232) < 12;
}

/// The share of land-coloured pixels in an image.
double land_share(const QImage& img) {
    std::int64_t land = 0;
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); ++x)
            land += land_coloured(img.pixelColor(x, y)) ? 1 : 0;
    }
    return static_cast<double>(land) / (static_cast<double>(img.width()) * img.height());
}

TEST_F(RenderTest, ABerlinEventStandsOnLandNotSea) {
    ASSERT_FALSE(basemap->world.land.empty()) << "the world layer did not load";
    const LatLon berlin{52.52, 13.405};
    const auto pts = points_at({{berlin, EventType::meeting}});
    MapViewport view;
    view.size = QSize(320, 240);
    view.center = mercator->forward(berlin);
    view.metres_per_pixel = 1500; // close in: the detailed layer would be drawn if it covered
    RenderOptions options;
    options.legend = false;
    options.scale_bar = false;
    options.towns = false;
    const QImage img = MapRenderer(*basemap).render_image(view, pts, {}, options);
    const QPointF at = view.to_screen(pts.xy[0]);
    EXPECT_TRUE(colour_near(img, at, type_color(EventType::meeting)));
    // the ground around the symbol (12 px away on each side) is land, and most of the picture
    for (const QPointF d : {QPointF(14, 0), QPointF(-14, 0), QPointF(0, 14), QPointF(0, -14)}) {
        EXPECT_TRUE(land_coloured(img.pixelColor((at + d).toPoint())))
            << "offset " << d.x() << "," << d.y() << ": "
            << img.pixelColor((at + d).toPoint()).name().toStdString();
    }
    EXPECT_GT(land_share(img), 0.8);
}

TEST_F(RenderTest, TheWorldLayerAloneWhenZoomedOutTheDetailedOneOverLibya) {
    WebMercator m;
    const MapPoint sw = m.forward({-60, -170}), ne = m.forward({75, 170});
    const MapViewport world = MapViewport::fit({sw.x, sw.y, ne.x, ne.y}, QSize(800, 500));
    const auto bounds_of = [](const MapViewport& v) {
        const MapPoint tl = v.to_map(QPointF(0, 0));
        const MapPoint br = v.to_map(QPointF(v.size.width(), v.size.height()));
        return MapBounds{tl.x, br.y, br.x, tl.y};
    };
    EXPECT_FALSE(basemap->uses_detail(world.metres_per_pixel, bounds_of(world)));
    EXPECT_TRUE(basemap->uses_detail(libya_view().metres_per_pixel, bounds_of(libya_view())));
    RenderOptions options;
    options.legend = false;
    options.towns = false; // no label over a probed pixel
    const QImage img = MapRenderer(*basemap).render_image(world, {}, {}, options);
    // land on every continent, sea between them
    for (const LatLon& land : {LatLon{52.5, 13.4}, LatLon{40, -100}, LatLon{-15, -55},
                               LatLon{60, 90}, LatLon{-25, 135}, LatLon{27, 17}}) {
        EXPECT_TRUE(land_coloured(img.pixelColor(world.to_screen(m.forward(land)).toPoint())))
            << land.lat << "," << land.lon;
    }
    for (const LatLon& sea : {LatLon{30, -40}, LatLon{-20, 80}, LatLon{0, -150}}) {
        EXPECT_FALSE(land_coloured(img.pixelColor(world.to_screen(m.forward(sea)).toPoint())))
            << sea.lat << "," << sea.lon;
    }
    // over Libya the detailed coast: the Gulf of Sidra is sea, the desert land
    const MapViewport libya = libya_view();
    const QImage close = MapRenderer(*basemap).render_image(libya, {}, {}, options);
    EXPECT_FALSE(
        land_coloured(close.pixelColor(libya.to_screen(m.forward({31.6, 18.5})).toPoint())));
    EXPECT_TRUE(land_coloured(close.pixelColor(libya.to_screen(m.forward({27, 17})).toPoint())));
}

TEST_F(RenderTest, ZoomKeepsThePointUnderTheCursor) {
    MapViewport view = libya_view();
    const QPointF cursor(300, 200);
    const MapPoint before = view.to_map(cursor);
    view.zoom(2.5, cursor);
    const MapPoint after = view.to_map(cursor);
    EXPECT_NEAR(before.x, after.x, 1e-6);
    EXPECT_NEAR(before.y, after.y, 1e-6);
    const LatLon back = mercator->inverse(mercator->forward({32.887, 13.187}));
    EXPECT_NEAR(back.lat, 32.887, 1e-9);
    EXPECT_NEAR(back.lon, 13.187, 1e-9);
}

} // namespace
} // namespace kharita::render
