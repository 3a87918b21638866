#include "animation_export.hpp"

#include "kharita/base/error.hpp"
#include "kharita/time/calendar.hpp"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace kharita::viewer {

namespace {

QString period_text(const render::Period& p) {
    const char unit = p.unit == render::Period::Unit::day    ? 'd'
                      : p.unit == render::Period::Unit::week ? 'w'
                                                             : 'M';
    return QString::number(p.count) + QChar(unit);
}

std::int32_t day_of(const char* field, const QString& text) {
    const auto t = LocalTime::parse(text.trimmed().toStdString());
    if (!t || text.trimmed().size() != 10)
        throw InputError(field, "\"" + text.toStdString() + "\" is not a day (YYYY-MM-DD)");
    return static_cast<std::int32_t>(t->day.serial());
}

/// The map's view at `size`: the map's own when the size is its, else its extent fitted.
render::MapViewport view_at(const render::MapViewport& map_view, QSize size) {
    if (map_view.size == size)
        return map_view;
    const MapPoint a = map_view.to_map(QPointF(0, map_view.size.height()));
    const MapPoint b = map_view.to_map(QPointF(map_view.size.width(), 0));
    return render::MapViewport::fit({a.x, a.y, b.x, b.y}, size, 0.0);
}

} // namespace

AnimationJob animation_job(const AnimationRequest& request, const EventModel& model,
                           const MapWidget& map) {
    AnimationJob job;
    job.output = request.file.toStdString();
    const auto format = render::animation_format_of(job.output);
    if (request.file.trimmed().isEmpty() || !format) {
        throw InputError("file", "\"" + request.file.toStdString() +
                                     "\" does not end in .mp4, .webm or .gif");
    }
    const auto parent = std::filesystem::absolute(job.output).parent_path();
    if (!std::filesystem::is_directory(parent))
        throw InputError("file", "no folder " + parent.string() + " to write into");
    job.settings.format = *format;
    job.settings.size = request.size;
    job.settings.fps = request.fps;
    render::check_encode_settings(job.settings);
    job.frames = render::animation_frames(request.from, request.to, request.step, request.window);
    job.points = model.points();
    job.eligible.resize(job.points.size());
    for (std::size_t i = 0; i < job.points.size(); ++i)
        job.eligible[i] = model.passes_except_dates(i) ? 1 : 0;
    job.view = view_at(map.viewport(), request.size);
    job.style = map.frame_style();
    job.style.options = map.options();
    job.style.title = request.title.toStdString();
    return job;
}

render::EncodeResult run_animation_job(const AnimationJob& job, const Basemap& basemap,
                                       const std::atomic<bool>& cancel,
                                       const std::function<void(std::size_t)>& progress) {
    // a renderer of its own: the window's caches labels and discs while it paints
#ifdef KHARITA_HAS_ANIMATION
    const render::MapRenderer renderer(basemap);
    render::FrameDrawer drawer(renderer, job.view, job.points, job.eligible, job.style);
    return render::write_animation(
        job.output, job.settings, job.frames.size(),
        [&](std::size_t i) {
            if (cancel)
                throw AnimationCancelled();
            return drawer.draw(job.frames[i]);
        },
        progress);
#else
    (void)job;
    (void)basemap;
    (void)cancel;
    (void)progress;
    throw Error("this build has no FFmpeg libraries: animations cannot be written");
#endif
}

AnimationDialog::AnimationDialog(const AnimationRequest& defaults, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle("Export animation");
    m_file = new QLineEdit(defaults.file);
    m_file->setPlaceholderText("events.mp4, .webm or .gif");
    auto* browse = new QPushButton("Browse…");
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, "Export animation", m_file->text(),
                                                       "Animations (*.mp4 *.webm *.gif)");
        if (!f.isEmpty())
            m_file->setText(f);
    });
    auto* file_row = new QHBoxLayout;
    file_row->addWidget(m_file);
    file_row->addWidget(browse);
    m_from = new QLineEdit(day_text(defaults.from));
    m_to = new QLineEdit(day_text(defaults.to));
    m_step = new QLineEdit(period_text(defaults.step));
    m_step->setToolTip("from one frame to the next: 1d, 1w, 1M");
    m_window = new QLineEdit(defaults.window ? period_text(*defaults.window) : "cumulative");
    m_window->setToolTip("what a frame shows back from its end: 30d, 2w, 1M or cumulative");
    m_fps = new QSpinBox;
    m_fps->setRange(1, 60);
    m_fps->setValue(defaults.fps);
    m_width = new QSpinBox;
    m_height = new QSpinBox;
    for (QSpinBox* s : {m_width, m_height}) {
        s->setRange(1, 8192);
        s->setSuffix(" px");
    }
    m_width->setValue(defaults.size.width());
    m_height->setValue(defaults.size.height());
    auto* size_row = new QHBoxLayout;
    size_row->addWidget(m_width);
    size_row->addWidget(new QLabel("×"));
    size_row->addWidget(m_height);
    size_row->addStretch();
    m_title = new QLineEdit(defaults.title);
    m_error = new QLabel;
    m_error->setStyleSheet("color: #8a1f11;");
    m_error->setWordWrap(true);
    auto* form = new QFormLayout(this);
    form->addRow("File", file_row);
    form->addRow("From", m_from);
    form->addRow("To", m_to);
    form->addRow("Step", m_step);
    form->addRow("Window", m_window);
    form->addRow("Frames a second", m_fps);
    form->addRow("Size", size_row);
    form->addRow("Title", m_title);
    form->addRow(new QLabel("The current filter and the map's view; each frame as the map "
                            "shows that date range."));
    form->addRow(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText("Export");
    connect(buttons, &QDialogButtonBox::accepted, this, &AnimationDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AnimationDialog::reject);
    form->addRow(buttons);
}

AnimationRequest AnimationDialog::request() const {
    AnimationRequest r;
    r.file = m_file->text().trimmed();
    if (r.file.isEmpty() || !render::animation_format_of(r.file.toStdString()))
        throw InputError("file",
                         "\"" + r.file.toStdString() + "\" does not end in .mp4, .webm or .gif");
    r.from = day_of("from", m_from->text());
    r.to = day_of("to", m_to->text());
    const auto step = render::Period::parse(m_step->text().trimmed().toStdString());
    if (!step)
        throw InputError("step",
                         "\"" + m_step->text().toStdString() + "\" is not a period (1d, 1w, 1M)");
    r.step = *step;
    const QString window = m_window->text().trimmed();
    if (window != "cumulative") {
        r.window = render::Period::parse(window.toStdString());
        if (!r.window) {
            throw InputError("window", "\"" + window.toStdString() +
                                           "\" is not a period (30d, 2w, 1M) or cumulative");
        }
    }
    r.fps = m_fps->value();
    r.size = QSize(m_width->value(), m_height->value());
    r.title = m_title->text();
    // what the export would refuse, refused here while the fields can still be changed
    render::EncodeSettings settings;
    settings.format = *render::animation_format_of(r.file.toStdString());
    settings.size = r.size;
    settings.fps = r.fps;
    render::check_encode_settings(settings);
    (void)render::animation_frames(r.from, r.to, r.step, r.window);
    return r;
}

void AnimationDialog::accept() {
    try {
        request();
        QDialog::accept();
    } catch (const std::exception& e) {
        m_error->setText(QString::fromUtf8(e.what()));
    }
}

} // namespace kharita::viewer
