// The map's event layer with the synthetic million (bench/gen_events.py): full redraw at a
// 1600x1000 view, one core, software rendering (QImage), and loading the events from
// SpatiaLite into the view's columns. Run through bench/viewer_bench.sh.
//   KHARITA_BENCH_EVENTS_CSV  synthetic ACLED-style CSV
//   KHARITA_BENCH_OUR_DB      Kharita store holding the same events

#include "event_model.hpp"
#include "kharita/render/animation.hpp"
#include "kharita/render/event_points.hpp"
#include "kharita/render/map_renderer.hpp"
#include "map_widget.hpp"
#include "review_queue.hpp"
#include "timeline_widget.hpp"

#include "kharita/base/error.hpp"
#include "kharita/exchange/export.hpp"
#include "kharita/map/basemap.hpp"

#include <QApplication>
#include <QPainter>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <random>

namespace {

using namespace kharita;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

const render::EventPoints& million() {
    static const render::EventPoints pts = [] {
        render::EventPoints p;
        Diagnostics problems;
        AcledReader reader(env("KHARITA_BENCH_EVENTS_CSV"));
        EventRecord r;
        std::int64_t id = 0;
        while (reader.next(r, problems)) {
            EventPoint e;
            e.id = ++id;
            e.position = r.position;
            e.type = r.type;
            e.geo_precision = r.geo_precision;
            p.push_back(e);
        }
        p.project(WebMercator());
        return p;
    }();
    return pts;
}

/// A 1600x1000 view of Libya, as the figures are measured.
render::MapViewport libya_view() {
    const WebMercator m;
    const MapPoint sw = m.forward({19, 9}), ne = m.forward({34, 26});
    return render::MapViewport::fit({sw.x, sw.y, ne.x, ne.y}, QSize(1600, 1000));
}

const render::MapRenderer& renderer_without_basemap() {
    static const Basemap empty;
    static const render::MapRenderer renderer(empty);
    return renderer;
}

void BM_EventLayerRedraw(benchmark::State& state) {
    if (env("KHARITA_BENCH_EVENTS_CSV").empty()) {
        state.SkipWithError("KHARITA_BENCH_EVENTS_CSV not set (run bench/viewer_bench.sh)");
        return;
    }
    const auto& all = million();
    const auto n = static_cast<std::size_t>(state.range(0));
    render::EventPoints pts;
    pts.reserve(n);
    for (std::size_t i = 0; i < n && i < all.size(); ++i) {
        pts.id.push_back(all.id[i]);
        pts.xy.push_back(all.xy[i]);
        pts.day_start.push_back(0);
        pts.day_end.push_back(0);
        pts.type.push_back(all.type[i]);
        pts.geo_precision.push_back(all.geo_precision[i]);
        pts.time_precision.emplace_back();
        pts.dated.push_back(0);
        pts.fatalities.push_back(-1);
        pts.location.emplace_back();
        pts.status.push_back(EventStatus::occurred);
    }
    const auto& renderer = renderer_without_basemap();
    const auto view = libya_view();
    QImage canvas(view.size, QImage::Format_ARGB32_Premultiplied);
    render::RenderOptions options;
    std::size_t drawn = 0;
    for (auto _ : state) {
        canvas.fill(Qt::transparent);
        QPainter painter(&canvas);
        drawn = renderer.draw_events(painter, view, pts, {}, options);
    }
    state.counters["in_view"] = static_cast<double>(drawn);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_EventLayerRedraw)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_FilterChangeRedraw(benchmark::State& state) {
    // a timeline brush: a new visibility mask over the million, then the redraw
    if (env("KHARITA_BENCH_EVENTS_CSV").empty()) {
        state.SkipWithError("KHARITA_BENCH_EVENTS_CSV not set");
        return;
    }
    const auto& pts = million();
    const auto& renderer = renderer_without_basemap();
    const auto view = libya_view();
    QImage canvas(view.size, QImage::Format_ARGB32_Premultiplied);
    std::vector<std::uint8_t> visible(pts.size());
    std::size_t keep = 0;
    for (auto _ : state) {
        keep = (keep + 1) % EventTypeSet::capacity;
        for (std::size_t i = 0; i < pts.size(); ++i)
            visible[i] = static_cast<std::size_t>(pts.type[i]) != keep ? 1 : 0;
        canvas.fill(Qt::transparent);
        QPainter painter(&canvas);
        benchmark::DoNotOptimize(renderer.draw_events(painter, view, pts, visible, {}));
    }
}
BENCHMARK(BM_FilterChangeRedraw)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BrushToRedrawnMapAndHistogram(benchmark::State& state) {
    // the whole path of a timeline brush in the viewer: the model's filter and visibility
    // mask, the table rows, the histogram rebuilt, and the map's event layer redrawn
    if (env("KHARITA_BENCH_OUR_DB").empty()) {
        state.SkipWithError("KHARITA_BENCH_OUR_DB not set");
        return;
    }
    viewer::EventModel model;
    model.open(env("KHARITA_BENCH_OUR_DB"));
    viewer::TimelineWidget timeline(model);
    timeline.resize(1600, 150);
    QObject::connect(&timeline, &viewer::TimelineWidget::rangeBrushed, &model,
                     [&](std::optional<std::int32_t> from, std::optional<std::int32_t> to) {
                         viewer::ViewFilter f = model.filter();
                         f.from_day = from;
                         f.to_day = to;
                         model.set_filter(f);
                     });
    const auto& renderer = renderer_without_basemap();
    const auto view = libya_view();
    QImage canvas(view.size, QImage::Format_ARGB32_Premultiplied);
    const auto year = static_cast<std::int32_t>(CivilDay{2018, 1, 1}.serial());
    std::int32_t shift = 0;
    std::vector<std::uint8_t> full, faded;
    for (auto _ : state) {
        shift = (shift + 30) % 1500;
        timeline.brush(year + shift, year + shift + 365); // model filter + histogram rebuild
        canvas.fill(Qt::transparent);
        QPainter painter(&canvas);
        // as the map draws a date range: whole and faded split, faded under whole
        render::select_frame_events(model.points(), model.visible(), *model.shown_days(), full,
                                    faded);
        benchmark::DoNotOptimize(render::draw_frame_events(painter, renderer, view, model.points(),
                                                           full, faded, {}, 0.35));
    }
    state.counters["events"] = static_cast<double>(model.points().size());
    state.counters["rows"] = static_cast<double>(model.rowCount());
}
BENCHMARK(BM_BrushToRedrawnMapAndHistogram)->Unit(benchmark::kMillisecond)->UseRealTime();

/// A store of `n` of the synthetic events (next to `db`, named `name`) with random
/// confidences, so the queue's sort has real work: the imported events all carry confidence
/// 1. Every one is unreviewed (a bulk load stores events as the machine's), so every one is
/// queued. Made again when `fresh` (a benchmark that changes it), else reused.
std::filesystem::path queue_store(const std::filesystem::path& db, std::int64_t n,
                                  const std::string& name, bool fresh) {
    auto file = db.parent_path() / (name + "-" + std::to_string(n) + ".sqlite");
    if (fresh) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(file.string() + suffix);
    }
    if (std::filesystem::exists(file))
        return file;
    const auto from = open_event_store(db, StoreMode::read_only);
    std::vector<EventRecord> records;
    EventFilter f;
    f.limit = n;
    from->query(f, [&](const EventRecord& r) { records.push_back(r); });
    std::mt19937 random(42);
    std::uniform_real_distribution<double> confidence(0, 1);
    for (EventRecord& r : records)
        r.confidence = confidence(random);
    const auto to = open_event_store(file, StoreMode::create);
    to->ingest_records(records);
    return file;
}

void BM_ReviewQueueOpen(benchmark::State& state) {
    // the review dock opening on the current filter (every event not rejected): the queue's
    // order (unreviewed first, least confident first), its table reset, the first event read
    // from the store and selected
    if (env("KHARITA_BENCH_OUR_DB").empty()) {
        state.SkipWithError("KHARITA_BENCH_OUR_DB not set");
        return;
    }
    viewer::EventModel model;
    model.open(queue_store(env("KHARITA_BENCH_OUR_DB"), state.range(0), "review-queue", false));
    static const Basemap empty;
    viewer::MapWidget map(model, empty);
    viewer::ReviewPanel panel(
        model, map, []() -> const Gazetteer& { throw Error("no gazetteer in this benchmark"); });
    double ms = 0;
    for (auto _ : state)
        ms = panel.open_queue();
    state.counters["queued"] = static_cast<double>(panel.queue().order().size());
    state.counters["last_ms"] = ms;
}
BENCHMARK(BM_ReviewQueueOpen)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReviewKeyToRedraw(benchmark::State& state) {
    // one key in the review queue over 100,000 events: C confirms the current event in the
    // store (one transaction with its audit line), the event is read again, the filter and
    // the table rows are redone, the histogram rebuilt and the event layer redrawn, and the
    // queue moves to the next event and reads it
    if (env("KHARITA_BENCH_OUR_DB").empty()) {
        state.SkipWithError("KHARITA_BENCH_OUR_DB not set");
        return;
    }
    const auto file = queue_store(env("KHARITA_BENCH_OUR_DB"), state.range(0), "review-keys", true);
    viewer::EventModel model;
    model.open(file);
    viewer::TimelineWidget timeline(model);
    timeline.resize(1600, 150);
    viewer::ReviewQueue queue(model);
    queue.rebuild();
    const auto& renderer = renderer_without_basemap();
    const auto view = libya_view();
    QImage canvas(view.size, QImage::Format_ARGB32_Premultiplied);
    render::RenderOptions options;
    options.review_shading = true;
    for (auto _ : state) {
        if (!queue.confirm()) {
            state.SkipWithError(queue.last_error().toStdString().c_str());
            break;
        }
        canvas.fill(Qt::transparent);
        QPainter painter(&canvas);
        renderer.draw_events(painter, view, model.points(), model.visible(), options);
    }
    state.counters["events"] = static_cast<double>(model.points().size());
}
BENCHMARK(BM_ReviewKeyToRedraw)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(50)
    ->UseRealTime();

void BM_LoadFromSpatiaLite(benchmark::State& state) {
    if (env("KHARITA_BENCH_OUR_DB").empty()) {
        state.SkipWithError("KHARITA_BENCH_OUR_DB not set");
        return;
    }
    const auto store = open_event_store(env("KHARITA_BENCH_OUR_DB"), StoreMode::read_only);
    const WebMercator m;
    std::size_t n = 0;
    for (auto _ : state)
        n = render::load_event_points(*store, {}, m).size();
    state.counters["events"] = static_cast<double>(n);
}
BENCHMARK(BM_LoadFromSpatiaLite)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

} // namespace

int main(int argc, char** argv) {
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
