// The frames of an animation and their drawing; the encoding is in animation_writer.cpp.

#include "kharita/render/animation.hpp"

#include "kharita/base/error.hpp"
#include "kharita/time/calendar.hpp"

#include "detail/name_table.hpp"

#include <QFont>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace kharita::render {

namespace {

constexpr std::array<std::string_view, 3> kFormatNames = {"mp4", "webm", "gif"};

QString day_iso(std::int32_t day) {
    return QString::fromStdString(CivilDay::from_serial(day).iso());
}

} // namespace

std::string_view to_string(AnimationFormat f) noexcept {
    return detail::name_in(kFormatNames, f);
}

std::optional<AnimationFormat> animation_format_from(std::string_view name) noexcept {
    return detail::value_in<AnimationFormat>(kFormatNames, name);
}

std::optional<AnimationFormat> animation_format_of(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    if (ext.size() < 2)
        return std::nullopt;
    ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return animation_format_from(ext);
}

std::optional<Period> Period::parse(std::string_view text) {
    if (text.size() < 2)
        return std::nullopt;
    Period p;
    switch (text.back()) {
    case 'd':
        p.unit = Unit::day;
        break;
    case 'w':
        p.unit = Unit::week;
        break;
    case 'M':
        p.unit = Unit::month;
        break;
    default:
        return std::nullopt;
    }
    const std::string_view digits = text.substr(0, text.size() - 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p.count);
    if (ec != std::errc() || end != digits.data() + digits.size() || p.count < 1 ||
        p.count > 100000)
        return std::nullopt;
    return p;
}

std::int32_t Period::after(std::int32_t day) const {
    switch (unit) {
    case Unit::day:
        return day + count;
    case Unit::week:
        return day + 7 * count;
    case Unit::month:
        break;
    }
    return static_cast<std::int32_t>(CivilDay::from_serial(day).plus_months(count).serial());
}

std::int32_t Period::before(std::int32_t day) const {
    switch (unit) {
    case Unit::day:
        return day - count;
    case Unit::week:
        return day - 7 * count;
    case Unit::month:
        break;
    }
    return static_cast<std::int32_t>(CivilDay::from_serial(day).plus_months(-count).serial());
}

std::vector<AnimationFrame> animation_frames(std::int32_t from, std::int32_t to, Period step,
                                             std::optional<Period> window) {
    if (to < from) {
        throw InputError("date range", "the range ends (" + CivilDay::from_serial(to).iso() +
                                           ") before it starts (" +
                                           CivilDay::from_serial(from).iso() + ")");
    }
    if (step.after(from) - from > to - from + 1) {
        throw InputError("step", "one step (" + std::to_string(step.after(from) - from) +
                                     " days) is longer than the date range (" +
                                     std::to_string(to - from + 1) + " days)");
    }
    std::vector<AnimationFrame> frames;
    // each step counted from the start, so that months clamped to a short one do not drift
    Period k_steps = step;
    for (std::int32_t start = from; start <= to;) {
        const std::int32_t next = k_steps.after(from);
        AnimationFrame f;
        f.to = std::min(to, next - 1);
        f.from = window ? std::max(from, window->before(f.to + 1)) : from;
        frames.push_back(f);
        start = next;
        k_steps.count += step.count;
    }
    return frames;
}

double date_share(std::int32_t start, std::int32_t end, std::int32_t from, std::int32_t to) {
    if (end < start)
        std::swap(start, end);
    const std::int32_t overlap = std::min(end, to) - std::max(start, from) + 1;
    if (overlap <= 0)
        return 0;
    return static_cast<double>(overlap) / static_cast<double>(end - start + 1);
}

FrameDrawer::FrameDrawer(const MapRenderer& renderer, const MapViewport& view,
                         const EventPoints& points, std::vector<std::uint8_t> eligible,
                         FrameStyle style)
    : m_renderer(renderer), m_view(view), m_points(points), m_eligible(std::move(eligible)),
      m_style(std::move(style)) {}

void select_frame_events(const EventPoints& points, const std::vector<std::uint8_t>& eligible,
                         const AnimationFrame& frame, std::vector<std::uint8_t>& full,
                         std::vector<std::uint8_t>& faded) {
    const std::size_t n = points.size();
    full.assign(n, 0);
    faded.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        // undated events have no place in time: a date range hides them, as in the viewer
        if (points.dated[i] == 0 || (!eligible.empty() && eligible[i] == 0))
            continue;
        const double share =
            date_share(points.day_start[i], points.day_end[i], frame.from, frame.to);
        if (share >= 1)
            full[i] = 1;
        else if (share > 0)
            faded[i] = 1;
    }
}

std::size_t draw_frame_events(QPainter& painter, const MapRenderer& renderer,
                              const MapViewport& view, const EventPoints& points,
                              const std::vector<std::uint8_t>& full,
                              const std::vector<std::uint8_t>& faded, const RenderOptions& options,
                              double faded_opacity) {
    // faded first, so that the events the frame holds whole stay on top
    // (a layer with nothing in it is skipped: most frames of day-dated events fade none)
    std::size_t drawn = 0;
    if (std::find(faded.begin(), faded.end(), 1) != faded.end()) {
        RenderOptions faded_options = options;
        faded_options.selected.reset();
        painter.save();
        painter.setOpacity(faded_opacity);
        drawn = renderer.draw_events(painter, view, points, faded, faded_options);
        painter.restore();
    }
    RenderOptions full_options = options;
    if (full_options.selected && full[*full_options.selected] == 0)
        full_options.selected.reset();
    drawn += renderer.draw_events(painter, view, points, full, full_options);
    return drawn;
}

void FrameDrawer::select(const AnimationFrame& frame, std::vector<std::uint8_t>& full,
                         std::vector<std::uint8_t>& faded) const {
    select_frame_events(m_points, m_eligible, frame, full, faded);
}

QImage FrameDrawer::draw(const AnimationFrame& frame) {
    select(frame, m_full, m_faded);
    if (m_base.isNull()) {
        // the view never moves: the basemap and its names are drawn once and copied into
        // every frame, as the viewer's map caches them between paints
        m_base = QImage(m_view.size, QImage::Format_RGB32);
        QPainter base(&m_base);
        m_renderer.draw_basemap(base, m_view);
        if (m_style.options.towns)
            m_renderer.draw_labels(base, m_view);
    }
    QImage image = m_base.copy();
    QPainter painter(&image);
    RenderOptions options = m_style.options;
    options.selected.reset();
    draw_frame_events(painter, m_renderer, m_view, m_points, m_full, m_faded, options,
                      m_style.faded_opacity);
    if (options.legend)
        m_renderer.draw_legend(painter, m_view);
    if (options.scale_bar)
        m_renderer.draw_scale_bar(painter, m_view);
    draw_frame_captions(painter, m_view.size, frame, m_style);
    painter.end();
    return image;
}

void draw_frame_captions(QPainter& painter, QSize size, const AnimationFrame& frame,
                         const FrameStyle& style) {
    const int w = size.width();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setPixelSize(18);
    font.setBold(true);
    painter.setFont(font);
    const QString range = frame.from == frame.to
                              ? day_iso(frame.from)
                              : day_iso(frame.from) + QStringLiteral(" – ") + day_iso(frame.to);
    const QFontMetrics fm(font);
    const int range_width = fm.horizontalAdvance(range) + 16;
    // the dates on a white plate at the top right, the title left of it
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 225));
    painter.drawRoundedRect(QRect(w - range_width - 10, 8, range_width, 30), 4, 4);
    painter.setPen(QColor(30, 30, 30));
    painter.drawText(QRect(w - range_width - 10, 8, range_width, 30), Qt::AlignCenter, range);
    if (!style.title.empty()) {
        painter.drawText(QRect(14, 8, std::max(0, w - range_width - 38), 30),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(QString::fromStdString(style.title), Qt::ElideRight,
                                       std::max(0, w - range_width - 38)));
    }
    if (!style.attribution.empty()) {
        font.setPixelSize(10);
        font.setBold(false);
        painter.setFont(font);
        painter.setPen(QColor(70, 70, 70));
        painter.drawText(QRect(0, size.height() - 14, w - 6, 13), Qt::AlignRight | Qt::AlignVCenter,
                         QString::fromStdString(style.attribution));
    }
    painter.restore();
}

} // namespace kharita::render
