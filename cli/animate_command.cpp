// `kharita animate`: the map over a date range, frame by frame, into MP4, WebM or GIF.

#include "commands.hpp"
#include "filter_options.hpp"
#include "map_extent.hpp"

#include "kharita/base/error.hpp"
#include "kharita/map/basemap.hpp"
#include "kharita/map/map_projection.hpp"
#include "kharita/render/animation.hpp"
#include "kharita/store/store.hpp"
#include "kharita/time/calendar.hpp"

#include <QGuiApplication>

#include <fmt/core.h>

#include <unistd.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>
#include <utility>

namespace kharita::cli {

namespace {

struct AnimateArgs {
    std::string db, output, extent, size = "1280x800", title, step = "1d", window;
    FilterArgs filter;
    int fps = 10;
    bool heat = false, no_legend = false;
};

/// The options that set the fields core names in its errors.
constexpr std::array<std::pair<std::string_view, const char*>, 6> kFieldOptions = {{
    {"date range", "--from/--to"},
    {"step", "--step"},
    {"window", "--window"},
    {"size", "--size"},
    {"fps", "--fps"},
    {"extent", "--extent"},
}};

/// Runs `f`; an InputError about a field gets the option's name as its source.
template <typename F> auto naming_options(F&& f) {
    try {
        return f();
    } catch (const InputError& e) {
        for (const auto& [field, option] : kFieldOptions) {
            if (e.source() == field)
                throw InputError(option, e.what());
        }
        throw;
    }
}

QSize parse_size(const std::string& size) {
    int w = 0, h = 0;
    char tail = 0;
    if (std::sscanf(size.c_str(), "%dx%d%c", &w, &h, &tail) != 2)
        throw InputError("--size", "\"" + size + "\" is not WIDTHxHEIGHT");
    return {w, h};
}

std::int32_t parse_day(const char* option, const std::string& text) {
    const auto t = LocalTime::parse(text);
    if (text.empty())
        throw InputError(option,
                         "is required: the day the animation " +
                             std::string(option == std::string_view("--from") ? "starts" : "ends"));
    if (!t || text.size() != 10)
        throw InputError(option, "\"" + text + "\" is not a day (use YYYY-MM-DD, a real date)");
    return static_cast<std::int32_t>(t->day.serial());
}

/// Frames done and the time left, on one line rewritten in a terminal, else every 10%.
class Progress {
public:
    explicit Progress(std::size_t total) : m_total(total), m_tty(isatty(fileno(stderr)) != 0) {}
    void operator()(std::size_t done) {
        const double elapsed = seconds_since(m_start);
        const bool last = done == m_total;
        if (m_tty ? !last && seconds_since(m_shown) < 0.5
                  : !last && done * 10 / m_total == (done - 1) * 10 / m_total)
            return;
        m_shown = Clock::now();
        const double left =
            elapsed / static_cast<double>(done) * static_cast<double>(m_total - done);
        fmt::print(stderr, "{}frame {}/{}, {:.0f} s elapsed, about {:.0f} s left{}",
                   m_tty ? "\r" : "", done, m_total, elapsed, left, m_tty && !last ? "" : "\n");
        std::fflush(stderr);
    }

private:
    using Clock = std::chrono::steady_clock;
    static double seconds_since(Clock::time_point t) {
        return std::chrono::duration<double>(Clock::now() - t).count();
    }
    std::size_t m_total;
    bool m_tty;
    Clock::time_point m_start = Clock::now(), m_shown = Clock::now();
};

/// Everything checked before the database is opened; throws naming the option.
struct Plan {
    render::EncodeSettings settings;
    std::vector<render::AnimationFrame> frames;
};

Plan plan_of(const AnimateArgs& a) {
    Plan plan;
    const auto format = render::animation_format_of(a.output);
    if (!format) {
        throw InputError("-o/--output", "\"" + a.output + "\" does not end in .mp4, .webm or .gif");
    }
    const std::filesystem::path parent = std::filesystem::absolute(a.output).parent_path();
    if (!std::filesystem::is_directory(parent))
        throw InputError("-o/--output", "no folder " + parent.string() + " to write into");
    plan.settings.format = *format;
    plan.settings.size = parse_size(a.size);
    plan.settings.fps = a.fps;
    naming_options([&] {
        render::check_encode_settings(plan.settings);
        return 0;
    });
    const auto step = render::Period::parse(a.step);
    if (!step)
        throw InputError("--step", "\"" + a.step + "\" is not a period (1d, 1w, 1M)");
    std::optional<render::Period> window = *step;
    if (a.window == "cumulative") {
        window.reset();
    } else if (!a.window.empty()) {
        window = render::Period::parse(a.window);
        if (!window) {
            throw InputError("--window",
                             "\"" + a.window + "\" is not a period (30d, 1w, 1M) or cumulative");
        }
    }
    const std::int32_t from = parse_day("--from", a.filter.from);
    const std::int32_t to = parse_day("--to", a.filter.to);
    plan.frames = naming_options([&] { return render::animation_frames(from, to, *step, window); });
    return plan;
}

void run_animate(const AnimateArgs& a) {
    const Plan plan = plan_of(a);
    const auto store = open_event_store(a.db, StoreMode::read_only);
    const EventFilter filter = build_filter(a.filter);
    if (std::getenv("QT_QPA_PLATFORM") == nullptr) // no display needed: Qt draws into images
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    int argc = 1;
    char name[] = "kharita";
    char* argv[] = {name, nullptr};
    const QGuiApplication app(argc, argv);

    const WebMercator mercator;
    const Basemap basemap = load_basemap(default_basemap_dir(), mercator);
    // one query: every frame is selected from these points in memory
    const render::EventPoints points = render::load_event_points(*store, filter, mercator);
    const auto view = render::MapViewport::fit(map_bounds(a.extent, points, basemap, mercator),
                                               plan.settings.size);
    render::FrameStyle style;
    style.title = a.title;
    style.options.heat_map = a.heat;
    style.options.legend = !a.no_legend;
    const render::MapRenderer renderer(basemap);
    render::FrameDrawer drawer(renderer, view, points, {}, style);
    Progress progress(plan.frames.size());
    const auto result = render::write_animation(
        a.output, plan.settings, plan.frames.size(),
        [&](std::size_t i) { return drawer.draw(plan.frames[i]); }, std::ref(progress));
    for (const std::string& note : result.notes)
        fmt::print(stderr, "kharita: {}\n", note);
    fmt::print(stderr, "drawing {:.1f} s, encoding {:.1f} s\n", result.draw_seconds,
               result.encode_seconds);
    fmt::print("{}: {} frames at {} fps ({:.1f} s), {}x{}, {}, {} events\n", a.output,
               result.frames, plan.settings.fps,
               static_cast<double>(result.frames) / plan.settings.fps, plan.settings.size.width(),
               plan.settings.size.height(), result.codec, points.size());
}

} // namespace

void add_animate_command(CLI::App& app) {
    auto args = std::make_shared<AnimateArgs>();
    auto* cmd = app.add_subcommand(
        "animate", "the map over a date range, frame by frame, into MP4, WebM or GIF");
    cmd->add_option("--db", args->db, "event database")->required();
    cmd->add_option("-o,--output", args->output, "an .mp4, .webm or .gif file")->required();
    cmd->add_option("--step", args->step, "from one frame to the next: 1d, 1w, 1M (default 1d)");
    cmd->add_option("--window", args->window,
                    "what a frame shows back from its end: 30d, 1w, 1M or cumulative "
                    "(default: one step)");
    cmd->add_option("--extent", args->extent,
                    "west,south,east,north (default: the events' extent)");
    cmd->add_option("--size", args->size, "WIDTHxHEIGHT in pixels (default 1280x800)");
    cmd->add_option("--fps", args->fps, "frames a second (default 10)");
    cmd->add_option("--title", args->title, "a title drawn at the top of every frame");
    cmd->add_flag("--heat", args->heat, "density raster instead of symbols");
    cmd->add_flag("--no-legend", args->no_legend, "leave the legend out");
    add_filter_options(cmd, args->filter);
    cmd->callback([args] { run_animate(*args); });
}

} // namespace kharita::cli
