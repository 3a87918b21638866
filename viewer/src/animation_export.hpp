#pragma once
// File > Export animation: what the dialog asks (file, days, step, window, fps, size, title),
// the job it becomes and its run. The job is a snapshot (the model's points, the filter's
// mask but the dates, the map's view, style and options), so that the export runs in a
// worker thread with its own renderer while the window stays live, and draws every frame
// exactly as the map draws that date range (render::FrameDrawer over the same rule).

#include "event_model.hpp"
#include "map_widget.hpp"

#include "kharita/render/animation.hpp"

#include <QDialog>

#include <atomic>
#include <exception>
#include <filesystem>
#include <functional>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace kharita::viewer {

struct AnimationRequest {
    QString file;                         ///< .mp4, .webm or .gif
    std::int32_t from = 0, to = 0;        ///< days since 1970-01-01, both included
    render::Period step;                  ///< from one frame to the next
    std::optional<render::Period> window; ///< what a frame shows back from its end; none: all
    int fps = 3;
    QSize size{1280, 800};
    QString title;
};

/// Everything an export needs, copied out of the window.
struct AnimationJob {
    std::filesystem::path output;
    render::EncodeSettings settings;
    std::vector<render::AnimationFrame> frames;
    render::EventPoints points;
    std::vector<std::uint8_t> eligible; ///< passes every filter but the dates
    render::MapViewport view;
    render::FrameStyle style;
};

/// The job of a request over the model's current filter and the map's current view (the
/// same extent fitted into `request.size` when that differs from the map's). Throws
/// InputError naming "file", "date range", "step", "window", "size" or "fps".
AnimationJob animation_job(const AnimationRequest& request, const EventModel& model,
                           const MapWidget& map);

/// Thrown out of run_animation_job() when `cancel` was set: the partial file is removed.
struct AnimationCancelled : std::exception {
    const char* what() const noexcept override { return "the export was cancelled"; }
};

/// Draws and encodes the job's frames with a renderer of its own (callable from any thread;
/// `basemap` is only read). Checks `cancel` before each frame; `progress` is told the frames
/// done. Throws what render::write_animation() throws, or AnimationCancelled.
render::EncodeResult run_animation_job(const AnimationJob& job, const Basemap& basemap,
                                       const std::atomic<bool>& cancel,
                                       const std::function<void(std::size_t)>& progress = {});

/// The dialog: the fields start at `defaults`; OK is refused, with the reason shown, while a
/// field is wrong.
class AnimationDialog : public QDialog {
    Q_OBJECT
public:
    explicit AnimationDialog(const AnimationRequest& defaults, QWidget* parent = nullptr);
    /// The request the fields describe; throws InputError naming the field.
    AnimationRequest request() const;
    QLineEdit& file_field() { return *m_file; }

public slots:
    void accept() override;

private:
    QLineEdit* m_file = nullptr;
    QLineEdit* m_from = nullptr;
    QLineEdit* m_to = nullptr;
    QLineEdit* m_step = nullptr;
    QLineEdit* m_window = nullptr;
    QSpinBox* m_fps = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QLineEdit* m_title = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace kharita::viewer
