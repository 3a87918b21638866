#pragma once
// Animated maps: the frames of a date range (a step and a window, or cumulative), each drawn
// by the MapRenderer with the legend, the frame's dates, a title, the scale bar and the data
// attribution, then encoded through FFmpeg (H.264 or MPEG-4 in MP4, VP9 in WebM, GIF with
// one palette) and written beside the destination, renamed into place at the end. Used by
// `kharita animate`; the events are loaded once and selected per frame in memory.

#include "kharita/render/map_renderer.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::render {

enum class AnimationFormat : std::uint8_t { mp4, webm, gif };
std::string_view to_string(AnimationFormat f) noexcept;
/// The format named by to_string(AnimationFormat), if any.
std::optional<AnimationFormat> animation_format_from(std::string_view name) noexcept;
/// The format a file name's extension asks for (".mp4", ".webm", ".gif", any case).
std::optional<AnimationFormat> animation_format_of(const std::filesystem::path& file);

/// A length of calendar time: days, weeks or months ("1d", "2w", "1M").
struct Period {
    enum class Unit : std::uint8_t { day, week, month };
    Unit unit = Unit::day;
    int count = 1;

    /// "3d", "1w", "1M" (M: months; m is refused as ambiguous); nullopt when malformed.
    static std::optional<Period> parse(std::string_view text);
    /// The day `count` units after `day` (months clamp the day to the month's length).
    std::int32_t after(std::int32_t day) const;
    /// The day `count` units before `day`.
    std::int32_t before(std::int32_t day) const;
};

/// The days one frame shows, both ends included (days since 1970-01-01).
struct AnimationFrame {
    std::int32_t from = 0, to = 0;
};

/// The frames from `from` to `to`: frame k ends on the day before the (k+1)-th step (or on
/// `to`) and shows `window` back from there, or everything from `from` when the window is
/// cumulative (nullopt); no frame starts before `from`. Throws InputError naming "date range"
/// when `to` is before `from`, "step" when one step is longer than the range, "window" when
/// the window is empty.
std::vector<AnimationFrame> animation_frames(std::int32_t from, std::int32_t to, Period step,
                                             std::optional<Period> window);

/// The share of an event's days [start, end] that fall in [from, to]: how the timeline
/// spreads an event dated only to a month or a year over the bins it spans. An event whose
/// share in a frame is below 1 (its range reaches outside the frame) is drawn faded there.
double date_share(std::int32_t start, std::int32_t end, std::int32_t from, std::int32_t to);

/// What an animation frame carries besides the map.
struct FrameStyle {
    RenderOptions options;
    std::string title;
    std::string attribution = "Basemap: Natural Earth; regions: Who's On First (CC BY 4.0)";
    double faded_opacity = 0.35; ///< events whose date range reaches outside the frame
};

/// The frame's dates on a plate at the top right, the title left of it, the attribution at
/// the bottom right, on a picture of `size`: the captions of every animation frame, and of
/// the viewer's map while it shows a date range.
void draw_frame_captions(QPainter& painter, QSize size, const AnimationFrame& frame,
                         const FrameStyle& style);

/// Splits the events shown in [frame.from, frame.to] into whole (`full`: every day of their
/// date range inside) and faded (`faded`: part of it inside, date_share() below 1). Undated
/// events are in neither, as a date range hides them in the viewer; `eligible[i]` (when not
/// empty) says whether point i passes the filters other than the dates. The one rule the
/// animation's frames and the viewer's map share.
void select_frame_events(const EventPoints& points, const std::vector<std::uint8_t>& eligible,
                         const AnimationFrame& frame, std::vector<std::uint8_t>& full,
                         std::vector<std::uint8_t>& faded);

/// Draws the events of a frame as every animation frame and the viewer's map draw them: the
/// faded ones first at `faded_opacity`, so that the whole ones stay on top; the selection
/// (options.selected) is ringed among the whole ones only. Returns how many were drawn.
std::size_t draw_frame_events(QPainter& painter, const MapRenderer& renderer,
                              const MapViewport& view, const EventPoints& points,
                              const std::vector<std::uint8_t>& full,
                              const std::vector<std::uint8_t>& faded, const RenderOptions& options,
                              double faded_opacity);

/// Draws frames: the events of each frame selected in memory from points loaded once.
class FrameDrawer {
public:
    /// `eligible[i]` (when not empty) says whether point i passes the filters other than the
    /// dates. All references must outlive the drawer.
    FrameDrawer(const MapRenderer& renderer, const MapViewport& view, const EventPoints& points,
                std::vector<std::uint8_t> eligible, FrameStyle style);

    /// Splits the events shown in `frame` into drawn whole (`full`) and faded (`faded`).
    void select(const AnimationFrame& frame, std::vector<std::uint8_t>& full,
                std::vector<std::uint8_t>& faded) const;
    /// The frame as an opaque picture of the view's size.
    QImage draw(const AnimationFrame& frame);

private:
    const MapRenderer& m_renderer;
    MapViewport m_view;
    const EventPoints& m_points;
    std::vector<std::uint8_t> m_eligible;
    FrameStyle m_style;
    std::vector<std::uint8_t> m_full, m_faded; // reused between frames
    QImage m_base;                             // the basemap and names, drawn once
};

/// How an animation is encoded.
struct EncodeSettings {
    AnimationFormat format = AnimationFormat::mp4;
    QSize size{1280, 800};
    int fps = 10;
    /// Use the fallback encoder (MPEG-4 part 2, VP8) even when the preferred one is present:
    /// for tests of the fallback.
    bool fallback_encoder = false;
};

struct EncodeResult {
    std::size_t frames = 0;
    std::string codec;              ///< the encoder used ("libx264", "mpeg4", "libvpx-vp9", "gif")
    std::vector<std::string> notes; ///< fallbacks taken, said to the user
    double draw_seconds = 0;        ///< wall time in `draw` (palette samples included)
    double encode_seconds = 0;      ///< wall time converting, encoding and writing
};

/// Checks the settings (size 1..8192 a side, even for MP4 and WebM; fps 1..60); throws
/// InputError naming "size" or "fps".
void check_encode_settings(const EncodeSettings& settings);

/// Draws `frame_count` frames with `draw` (frame index to picture of settings.size) and
/// streams them to the encoder: never more than one frame held, but for GIF, whose one
/// palette is built first from up to 8 frames spread over the animation. Writes a temporary
/// file beside `output` and renames it into place at the end; on any failure removes it and
/// throws (InputError naming `output` when the file cannot be written). `progress` (may be
/// empty) is told after each frame.
EncodeResult write_animation(const std::filesystem::path& output, const EncodeSettings& settings,
                             std::size_t frame_count,
                             const std::function<QImage(std::size_t)>& draw,
                             const std::function<void(std::size_t done)>& progress = {});

/// What FFmpeg's probing (avformat_find_stream_info) reads of a written animation: its video
/// stream's codec, size and frame count (its packets counted) and the duration in seconds.
struct AnimationInfo {
    std::string codec;
    int width = 0, height = 0;
    std::int64_t frames = 0;
    double seconds = 0;
};
AnimationInfo probe_animation(const std::filesystem::path& file);

/// Decodes frame `index` (0-based) of an animation into an image, for checks.
QImage decode_animation_frame(const std::filesystem::path& file, std::int64_t index);

} // namespace kharita::render
