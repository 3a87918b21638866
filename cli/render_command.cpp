// `kharita render`: the viewer's map renderer, headless, for reports and tests.

#include "commands.hpp"
#include "common.hpp"
#include "filter_options.hpp"
#include "map_extent.hpp"

#include "kharita/base/error.hpp"
#include "kharita/map/basemap.hpp"
#include "kharita/map/map_projection.hpp"
#include "kharita/map/raster_basemap.hpp"
#include "kharita/render/map_renderer.hpp"
#include "kharita/store/store.hpp"

#include <QGuiApplication>
#include <QImageWriter>
#include <QPainter>

#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>
#include <limits>

namespace kharita::cli {

namespace {

struct RenderArgs {
    std::string db, output, extent, size = "1600x1000", title, raster;
    FilterArgs filter;
    bool heat = false, no_legend = false;
};

/// The image size --size asks for.
QSize image_size(const std::string& size) {
    int w = 0, h = 0;
    if (std::sscanf(size.c_str(), "%dx%d", &w, &h) != 2 || w < 100 || h < 100 || w > 10000 ||
        h > 10000) {
        throw InputError("--size", "\"" + size + "\" is not WIDTHxHEIGHT between 100 and 10000");
    }
    return {w, h};
}

/// Writes the picture beside the destination and renames it into place, like every export.
void write_png(const QImage& image, const std::string& output) {
    const std::string temp = output + ".tmp.png";
    QImageWriter writer(QString::fromStdString(temp), "png");
    if (!writer.write(image)) {
        std::remove(temp.c_str());
        throw InputError(output, "cannot write the image: " + writer.errorString().toStdString());
    }
    if (std::rename(temp.c_str(), output.c_str()) != 0) {
        std::remove(temp.c_str());
        throw InputError(output, "cannot replace the file");
    }
}

void draw_title(QImage& image, const std::string& title) {
    QPainter p(&image);
    QFont f = p.font();
    f.setPixelSize(18);
    f.setBold(true);
    p.setFont(f);
    p.setPen(QColor(30, 30, 30));
    p.drawText(QRect(14, 8, image.width() - 28, 30), Qt::AlignLeft | Qt::AlignVCenter,
               QString::fromStdString(title));
}

void run_render(const RenderArgs& a) {
    const QSize size = image_size(a.size);
    const auto store = open_event_store(store_location(a.db), StoreMode::read_only);
    const EventFilter filter = build_filter(a.filter);
    // no display needed: Qt draws into an image
    if (std::getenv("QT_QPA_PLATFORM") == nullptr)
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    int argc = 1;
    char name[] = "kharita";
    char* argv[] = {name, nullptr};
    QGuiApplication app(argc, argv);

    const WebMercator mercator;
    const Basemap basemap = load_basemap(default_basemap_dir(), mercator);
    const render::EventPoints points = render::load_event_points(*store, filter, mercator);
    const auto view =
        render::MapViewport::fit(map_bounds(a.extent, points, basemap, mercator), size);
    render::RenderOptions options;
    options.heat_map = a.heat;
    options.legend = !a.no_legend;
    render::MapRenderer renderer(basemap);
    std::optional<RasterBasemap> raster;
    if (!a.raster.empty()) {
        raster.emplace(RasterBasemap::open(a.raster));
        renderer.set_raster(&*raster);
    }
    QImage image = renderer.render_image(view, points, {}, options);
    if (!a.title.empty())
        draw_title(image, a.title);
    if (a.output.ends_with(".svg")) {
        const std::string temp = a.output + ".tmp.svg";
        if (!renderer.render_svg(QString::fromStdString(temp), view, points, {}, options) ||
            std::rename(temp.c_str(), a.output.c_str()) != 0) {
            std::remove(temp.c_str());
            throw InputError(a.output, "cannot write the SVG (or this build has no Qt SVG)");
        }
        fmt::print("{}: {}x{} SVG map of {} events\n", a.output, size.width(), size.height(),
                   points.size());
        return;
    }
    write_png(image, a.output);
    fmt::print("{}: {}x{} map of {} events\n", a.output, size.width(), size.height(),
               points.size());
}

} // namespace

void add_render_command(CLI::App& app) {
    auto args = std::make_shared<RenderArgs>();
    auto* cmd = app.add_subcommand(
        "render", "draw the events on the offline basemap into a PNG or SVG (no display needed)");
    cmd->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    cmd->add_option("-o,--output", args->output, "PNG file, or .svg")->required();
    cmd->add_option("--extent", args->extent,
                    "west,south,east,north (default: the events' extent)");
    cmd->add_option("--size", args->size, "WIDTHxHEIGHT in pixels (default 1600x1000)");
    cmd->add_option("--title", args->title, "a title drawn at the top");
    cmd->add_flag("--heat", args->heat, "density raster instead of symbols");
    cmd->add_option("--raster", args->raster,
                    "a raster basemap under the vector one (MBTiles, GeoTIFF)");
    cmd->add_flag("--no-legend", args->no_legend, "leave the legend out");
    add_filter_options(cmd, args->filter);
    cmd->callback([args] { run_render(*args); });
}

} // namespace kharita::cli
