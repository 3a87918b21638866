// Animations: the frames of a date range, what each frame draws (a day's events at their
// projected pixels, events dated only coarsely faded), the files written (frame count and
// duration read back by FFmpeg's probing) and bad input (a clear error, no file left).

#include "kharita/render/animation.hpp"

#include "kharita/base/error.hpp"
#include "kharita/map/basemap.hpp"
#include "kharita/time/calendar.hpp"

#include <QGuiApplication>

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>

namespace kharita::render {
namespace {

namespace fs = std::filesystem;

std::int32_t day(int y, unsigned m, unsigned d) {
    return static_cast<std::int32_t>(CivilDay{y, m, d}.serial());
}

Period period(std::string_view text) {
    const auto p = Period::parse(text);
    EXPECT_TRUE(p) << text;
    return p.value_or(Period{});
}

TEST(AnimationFrames, DailyStepsShowOneDayEach) {
    const auto frames =
        animation_frames(day(2025, 5, 1), day(2025, 5, 10), period("1d"), period("1d"));
    ASSERT_EQ(frames.size(), 10U);
    EXPECT_EQ(frames[3].from, day(2025, 5, 4));
    EXPECT_EQ(frames[3].to, day(2025, 5, 4));
}

TEST(AnimationFrames, AWindowLooksBackFromTheStepsEndButNotBeforeTheStart) {
    const auto frames =
        animation_frames(day(2025, 5, 1), day(2025, 5, 31), period("1w"), period("10d"));
    ASSERT_EQ(frames.size(), 5U); // 1, 8, 15, 22, 29 May; the last ends on the 31st
    EXPECT_EQ(frames[0].from, day(2025, 5, 1));
    EXPECT_EQ(frames[0].to, day(2025, 5, 7));
    EXPECT_EQ(frames[1].from, day(2025, 5, 5));
    EXPECT_EQ(frames[1].to, day(2025, 5, 14));
    EXPECT_EQ(frames[4].to, day(2025, 5, 31));
}

TEST(AnimationFrames, MonthlyCumulativeFramesGrowFromTheStartWithoutDrift) {
    const auto frames =
        animation_frames(day(2024, 1, 31), day(2024, 4, 30), period("1M"), std::nullopt);
    ASSERT_EQ(frames.size(), 4U); // from 31 Jan, 29 Feb (clamped), 31 Mar, 30 Apr
    for (const auto& f : frames)
        EXPECT_EQ(f.from, day(2024, 1, 31));
    EXPECT_EQ(frames[0].to, day(2024, 2, 28));
    EXPECT_EQ(frames[1].to, day(2024, 3, 30));
    EXPECT_EQ(frames[2].to, day(2024, 4, 29));
    EXPECT_EQ(frames[3].to, day(2024, 4, 30));
}

TEST(AnimationFrames, PeriodsParseDaysWeeksAndMonthsOnly) {
    EXPECT_EQ(period("30d").count, 30);
    EXPECT_EQ(period("1M").unit, Period::Unit::month);
    EXPECT_FALSE(Period::parse("1m"));
    EXPECT_FALSE(Period::parse("0d"));
    EXPECT_FALSE(Period::parse("d"));
    EXPECT_FALSE(Period::parse("2x"));
    EXPECT_FALSE(Period::parse("1.5d"));
}

/// The InputError's source, or "" when `f` does not throw one.
template <typename F> std::string error_source(F f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.source();
    }
    return "";
}

TEST(AnimationBadInput, AnEmptyDateRangeNamesTheRange) {
    EXPECT_EQ(
        error_source([] { animation_frames(day(2025, 5, 10), day(2025, 5, 1), period("1d"), {}); }),
        "date range");
}

TEST(AnimationBadInput, AStepLongerThanTheRangeNamesTheStep) {
    EXPECT_EQ(
        error_source([] { animation_frames(day(2025, 5, 1), day(2025, 5, 20), period("1M"), {}); }),
        "step");
}

TEST(AnimationBadInput, AnUnknownExtensionHasNoFormat) {
    EXPECT_EQ(animation_format_of("out.MP4"), AnimationFormat::mp4);
    EXPECT_EQ(animation_format_of("dir.gif/out.webm"), AnimationFormat::webm);
    EXPECT_FALSE(animation_format_of("out.avi"));
    EXPECT_FALSE(animation_format_of("out"));
}

TEST(AnimationBadInput, ASizeOfZeroOrOver8192NamesTheSize) {
    for (const QSize size : {QSize(0, 100), QSize(100, 0), QSize(8194, 100), QSize(101, 100)}) {
        EncodeSettings s;
        s.size = size;
        EXPECT_EQ(error_source([&] { check_encode_settings(s); }), "size")
            << size.width() << "x" << size.height();
    }
    EncodeSettings gif;
    gif.format = AnimationFormat::gif;
    gif.size = QSize(101, 8192); // odd sizes are fine in a GIF
    EXPECT_EQ(error_source([&] { check_encode_settings(gif); }), "");
}

class AnimationTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        static int argc = 1;
        static char name[] = "animation_test";
        static char* argv[] = {name, nullptr};
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        app = new QGuiApplication(argc, argv);
        mercator = new WebMercator();
        basemap = new Basemap(load_basemap(default_basemap_dir(), *mercator));
    }

    /// Three events around Libya: Tripoli on 2 May, Benghazi on 3 May, Sabha dated only to
    /// May (a month: a coarse date).
    static EventPoints points() {
        EventPoints pts;
        const auto add = [&](LatLon ll, EventType type, std::int32_t from, std::int32_t to,
                             TimePrecision precision) {
            EventPoint p;
            p.id = static_cast<std::int64_t>(pts.size()) + 1;
            p.position = ll;
            p.type = type;
            p.geo_precision = GeoPrecision::town;
            p.day_start = from;
            p.day_end = to;
            p.time_precision = precision;
            p.dated = true;
            pts.push_back(p);
        };
        add({32.89, 13.19}, EventType::clash, day(2025, 5, 2), day(2025, 5, 2), TimePrecision::day);
        add({32.12, 20.07}, EventType::clash, day(2025, 5, 3), day(2025, 5, 3), TimePrecision::day);
        add({27.04, 14.43}, EventType::clash, day(2025, 5, 1), day(2025, 5, 31),
            TimePrecision::month);
        pts.project(*mercator);
        return pts;
    }
    static MapViewport view(QSize size) {
        const MapPoint sw = mercator->forward({24, 10}), ne = mercator->forward({34, 22});
        return MapViewport::fit({sw.x, sw.y, ne.x, ne.y}, size);
    }
    /// The colour at the middle of the symbol of event `i`.
    static QColor colour_at(const QImage& image, const MapViewport& v, const EventPoints& pts,
                            std::size_t i) {
        const QPointF s = v.to_screen(pts.xy[i]);
        return image.pixelColor(static_cast<int>(std::lround(s.x())),
                                static_cast<int>(std::lround(s.y())));
    }
    static bool near(const QColor& a, const QColor& b, int tolerance = 30) {
        return std::abs(a.red() - b.red()) < tolerance &&
               std::abs(a.green() - b.green()) < tolerance &&
               std::abs(a.blue() - b.blue()) < tolerance;
    }
    fs::path temp_dir() {
        // a parameterised test's name has a '/' ("...Duration/mp4"): one directory, not two,
        // so TearDown removes all of it
        std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        std::replace(name.begin(), name.end(), '/', '-');
        const fs::path dir = fs::temp_directory_path() /
                             ("kharita-animation-" + std::to_string(::getpid()) + "-" + name);
        fs::remove_all(dir);
        fs::create_directories(dir);
        m_dirs.push_back(dir);
        return dir;
    }
    void TearDown() override {
        for (const auto& d : m_dirs)
            fs::remove_all(d);
    }
    /// Writes `frames` daily frames from 1 May 2025 into `file`.
    static EncodeResult write(const fs::path& file, EncodeSettings s, std::size_t frames) {
        const EventPoints pts = points();
        const MapRenderer renderer(*basemap);
        FrameStyle style;
        style.title = "Test";
        FrameDrawer drawer(renderer, view(s.size), pts, {}, style);
        const auto all =
            animation_frames(day(2025, 5, 1), day(2025, 5, 31), period("1d"), period("1d"));
        return write_animation(file, s, frames, [&](std::size_t i) { return drawer.draw(all[i]); });
    }

    static inline QGuiApplication* app = nullptr;
    static inline WebMercator* mercator = nullptr;
    static inline Basemap* basemap = nullptr;
    std::vector<fs::path> m_dirs;
};

TEST_F(AnimationTest, TheFrameOfADayShowsThatDaysEventsAtTheirPixels) {
    const EventPoints pts = points();
    const MapViewport v = view(QSize(800, 600)); // the legend clear of the events
    const MapRenderer renderer(*basemap);
    FrameDrawer drawer(renderer, v, pts, {}, FrameStyle{});
    const QColor clash = type_color(EventType::clash);
    const QImage may2 = drawer.draw({day(2025, 5, 2), day(2025, 5, 2)});
    EXPECT_TRUE(near(colour_at(may2, v, pts, 0), clash));
    EXPECT_FALSE(near(colour_at(may2, v, pts, 1), clash, 60)); // Benghazi is on the 3rd
    const QImage may3 = drawer.draw({day(2025, 5, 3), day(2025, 5, 3)});
    EXPECT_FALSE(near(colour_at(may3, v, pts, 0), clash, 60));
    EXPECT_TRUE(near(colour_at(may3, v, pts, 1), clash));
}

TEST_F(AnimationTest, EventsDatedOnlyToAMonthAreFadedInADaysFrameAndWholeInTheMonths) {
    const EventPoints pts = points();
    const MapViewport v = view(QSize(800, 600)); // the legend clear of the events
    const MapRenderer renderer(*basemap);
    FrameDrawer drawer(renderer, v, pts, {}, FrameStyle{});
    std::vector<std::uint8_t> full, faded;
    drawer.select({day(2025, 5, 2), day(2025, 5, 2)}, full, faded);
    EXPECT_EQ(full, (std::vector<std::uint8_t>{1, 0, 0}));
    EXPECT_EQ(faded, (std::vector<std::uint8_t>{0, 0, 1}));
    drawer.select({day(2025, 5, 1), day(2025, 5, 31)}, full, faded);
    EXPECT_EQ(full, (std::vector<std::uint8_t>{1, 1, 1}));
    drawer.select({day(2025, 6, 1), day(2025, 6, 1)}, full, faded);
    EXPECT_EQ(full, (std::vector<std::uint8_t>{0, 0, 0}));
    EXPECT_EQ(faded, (std::vector<std::uint8_t>{0, 0, 0}));

    const QColor clash = type_color(EventType::clash);
    const QColor in_day = colour_at(drawer.draw({day(2025, 5, 2), day(2025, 5, 2)}), v, pts, 2);
    const QColor in_month = colour_at(drawer.draw({day(2025, 5, 1), day(2025, 5, 31)}), v, pts, 2);
    const QColor in_june = colour_at(drawer.draw({day(2025, 6, 1), day(2025, 6, 1)}), v, pts, 2);
    EXPECT_TRUE(near(in_month, clash));
    EXPECT_FALSE(near(in_day, clash));   // faded: not the full colour
    EXPECT_FALSE(near(in_day, in_june)); // but not the bare map either
}

TEST(AnimationShare, AnEventsShareOfAFrameIsTheShareOfItsDaysInside) {
    EXPECT_DOUBLE_EQ(date_share(10, 10, 10, 10), 1.0);
    EXPECT_DOUBLE_EQ(date_share(1, 30, 10, 10), 1.0 / 30);
    EXPECT_DOUBLE_EQ(date_share(1, 30, 21, 40), 10.0 / 30);
    EXPECT_DOUBLE_EQ(date_share(1, 30, 31, 40), 0.0);
}

struct FormatCase {
    const char* file;
    AnimationFormat format;
    const char* codec;
    bool fallback;
};

void PrintTo(const FormatCase& c, std::ostream* os) {
    *os << c.file << (c.fallback ? " (fallback encoder)" : "");
}

class AnimationFileTest : public AnimationTest, public ::testing::WithParamInterface<FormatCase> {};

TEST_P(AnimationFileTest, FFmpegReadsBackEveryFrameAndTheDuration) {
    const FormatCase& c = GetParam();
    const fs::path file = temp_dir() / c.file;
    EncodeSettings s;
    s.format = c.format;
    s.size = QSize(240, 160);
    s.fps = 5;
    s.fallback_encoder = c.fallback;
    const EncodeResult r = write(file, s, 6);
    EXPECT_EQ(r.frames, 6U);
    EXPECT_EQ(r.notes.empty(), !c.fallback);
    const AnimationInfo info = probe_animation(file);
    EXPECT_EQ(info.codec, c.codec);
    EXPECT_EQ(info.width, 240);
    EXPECT_EQ(info.height, 160);
    EXPECT_EQ(info.frames, 6);
    EXPECT_NEAR(info.seconds, 6.0 / 5, 0.05);
    EXPECT_FALSE(fs::exists(file.string() + ".part"));
}

INSTANTIATE_TEST_SUITE_P(Formats, AnimationFileTest,
                         ::testing::Values(FormatCase{"a.mp4", AnimationFormat::mp4, "h264", false},
                                           FormatCase{"b.mp4", AnimationFormat::mp4, "mpeg4", true},
                                           FormatCase{"c.webm", AnimationFormat::webm, "vp9",
                                                      false},
                                           FormatCase{"d.gif", AnimationFormat::gif, "gif", false}),
                         [](const auto& test) {
                             return std::string(to_string(test.param.format)) +
                                    (test.param.fallback ? "_fallback" : "");
                         });

TEST_F(AnimationTest, TheDecodedGifFrameOfADayShowsThatDaysEvents) {
    const fs::path file = temp_dir() / "days.gif";
    EncodeSettings s;
    s.format = AnimationFormat::gif;
    s.size = QSize(400, 300);
    write(file, s, 3); // 1, 2 and 3 May
    const EventPoints pts = points();
    const QColor clash = type_color(EventType::clash);
    const QImage may2 = decode_animation_frame(file, 1);
    EXPECT_TRUE(near(colour_at(may2, view(s.size), pts, 0), clash));
    EXPECT_FALSE(near(colour_at(may2, view(s.size), pts, 1), clash, 60));
    const QImage may3 = decode_animation_frame(file, 2);
    EXPECT_TRUE(near(colour_at(may3, view(s.size), pts, 1), clash));
}

TEST_F(AnimationTest, AnUnwritablePathIsNamedAndLeavesNoFile) {
    const fs::path file = temp_dir() / "missing-folder" / "out.mp4";
    EncodeSettings s;
    s.size = QSize(160, 100);
    EXPECT_EQ(error_source([&] { write(file, s, 2); }), file.string());
    EXPECT_FALSE(fs::exists(file));
    EXPECT_FALSE(fs::exists(file.string() + ".part"));
}

TEST_F(AnimationTest, AFailureMidwayLeavesNoPartialFileAndKeepsTheOldOne) {
    const fs::path dir = temp_dir();
    const fs::path file = dir / "out.mp4";
    { std::ofstream(file) << "old"; }
    EncodeSettings s;
    s.size = QSize(120, 80);
    EXPECT_THROW(write_animation(file, s, 5,
                                 [&](std::size_t i) -> QImage {
                                     if (i == 3)
                                         throw Error("drawing failed");
                                     QImage img(s.size, QImage::Format_RGB32);
                                     img.fill(Qt::white);
                                     return img;
                                 }),
                 Error);
    EXPECT_EQ(fs::file_size(file), 3U);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

} // namespace
} // namespace kharita::render
