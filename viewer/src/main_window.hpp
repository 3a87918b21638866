#pragma once
// The viewer's window: filter panel, map over timeline, event table and detail pane, and
// the review queue in a dock, all views of one EventModel. Opening, ingesting (in a worker thread)
// and exporting go through core's store API; errors show in a banner, never as a crash.

#include "animation_export.hpp"
#include "event_model.hpp"
#include "map_widget.hpp"
#include "review_queue.hpp"
#include "timeline_widget.hpp"

#include <QMainWindow>

#include <atomic>
#include <memory>
#include <thread>

class QCheckBox;
class QComboBox;
class QDockWidget;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressDialog;
class QTableView;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

namespace kharita {
struct FilesIngestReport;
}

namespace kharita::viewer {

/// What the window says after an ingest that could not store every file whole.
QString ingest_problems_text(const FilesIngestReport& report);
/// What the status bar says after an ingest: what was stored, and the day relative dates
/// counted from in each file that had no retrieval time but its modification day
/// ("report.txt 2025-06-14").
QString ingest_summary_text(const FilesIngestReport& report, const QStringList& dated_by_file);

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const Basemap& basemap, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens an event database; a missing, empty or corrupt file shows a message and
    /// leaves the window usable. Returns whether it opened.
    bool open_database(const QString& file);
    /// Exports the current filter through core (format from the extension).
    bool export_to(const QString& file);
    bool save_map_png(const QString& file);
    bool save_map_svg(const QString& file);
    /// Puts a raster (local MBTiles, GeoTIFF) under the vector basemap.
    bool open_raster_basemap(const QString& file);
    /// Saves or loads the filter panel's state as a small JSON file.
    bool save_filter(const QString& file) const;
    bool load_filter(const QString& file);
    /// Ingests report files in a worker thread; the model reloads when it finishes.
    void ingest(const QStringList& files);
    bool ingesting() const noexcept { return m_ingesting; }

    /// What File > Export animation starts from: every dated day, the playback's window and
    /// speed (a brushed range's length, else 31 days, moved by its length; cumulative growing
    /// by a histogram bin, at least a week, when playback is), the map's size (rounded down
    /// to even, as MP4 needs).
    AnimationRequest animation_defaults() const;
    /// Starts exporting an animation in a worker thread with a progress dialog that can
    /// cancel; false (and the reason in the banner) when the request is refused.
    /// animationFinished tells the end.
    bool export_animation(const AnimationRequest& request);
    void cancel_animation() { m_cancel_animation = true; }
    bool exporting_animation() const noexcept { return m_animating; }

    EventModel& model() { return m_model; }
    MapWidget& map() { return *m_map; }
    TimelineWidget& timeline() { return *m_timeline; }
    QTableView& table() { return *m_table; }
    QString banner_text() const;
    QString detail_html() const;
    QString filter_summary() const;
    /// Applies the panel's widgets to the model's filter.
    void apply_panel();
    /// Zooms the map to a country or admin-1 unit by name or code (the extent of its events,
    /// else around its gazetteer point). Returns whether the region resolved.
    bool zoom_to_region(const QString& region);
    /// Sets (or with an empty ring clears) the polygon filter.
    void set_polygon(const std::vector<LatLon>& ring);
    /// Fills the country / admin-1 tree from the gazetteer (loaded on first use).
    void show_region_tree();
    /// Shows the review queue dock built from the current filter; returns the milliseconds
    /// the queue took to open (also in the status bar).
    double show_review_queue();
    ReviewPanel& review_panel() { return *m_review; }
    QDockWidget* review_dock() const { return m_review_dock; }
    QTreeWidget* region_tree() const { return m_tree; }

signals:
    void ingestFinished(bool ok);
    void animationFinished(bool ok, const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent*) override;
    void dropEvent(QDropEvent*) override;

private:
    // building the window, in the constructor's order
    void build_views(const Basemap& basemap); ///< map, timeline, table, detail, banner
    void build_layout();                      ///< the filter panel and the splitters
    void build_menus();
    void build_file_menu();
    void build_view_menu();
    void connect_views(); ///< one selection and one filter for table, map and timeline
    QWidget* build_filter_panel();
    void add_type_boxes(QVBoxLayout* layout);
    void add_status_boxes(QVBoxLayout* layout);
    void add_review_boxes(QVBoxLayout* layout);
    void build_review_dock();
    QFormLayout* build_filter_form(); ///< dates, precisions, text, region
    void add_region_browser(QVBoxLayout* layout);
    void add_apply_and_playback(QVBoxLayout* layout);
    void show_error(const QString& message);
    void update_detail(std::optional<std::size_t> point);
    void finish_animation(bool ok, const QString& message);
    void sync_panel_from_filter();

    EventModel m_model;
    MapWidget* m_map = nullptr;
    TimelineWidget* m_timeline = nullptr;
    QTableView* m_table = nullptr;
    QTextBrowser* m_detail = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_summary = nullptr;
    std::vector<QCheckBox*> m_type_boxes;
    QLineEdit* m_from = nullptr;
    QLineEdit* m_to = nullptr;
    QLineEdit* m_text = nullptr;
    QLineEdit* m_region = nullptr;
    QComboBox* m_precision = nullptr;
    QComboBox* m_time_precision = nullptr;
    std::vector<QCheckBox*> m_status_boxes;
    std::vector<QCheckBox*> m_review_boxes;
    QDockWidget* m_review_dock = nullptr;
    ReviewPanel* m_review = nullptr;
    QTreeWidget* m_tree = nullptr;
    std::unique_ptr<RasterBasemap> m_raster;
    std::thread m_worker;
    std::atomic<bool> m_ingesting{false};
    std::thread m_animation_worker;
    std::atomic<bool> m_animating{false}, m_cancel_animation{false};
    QProgressDialog* m_progress = nullptr;
};

} // namespace kharita::viewer
