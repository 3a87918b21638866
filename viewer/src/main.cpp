// kharita-viewer [DB] [--screenshot FILE.png] [--brush FROM,TO] [--zoom REGION]
// [--dialog-screenshot FILE.png] [--review] [--place-dialog-screenshot FILE.png]:
// the map, timeline, filters, table and detail of an event database. --screenshot grabs the
// window as a person would see it and exits (works with QT_QPA_PLATFORM=offscreen), after
// brushing the days FROM to TO (YYYY-MM-DD) when --brush is given, as playback shows them,
// and zoomed to a country or admin-1 unit with --zoom REGION;
// --dialog-screenshot grabs File > Export animation's dialog too; --review opens the review
// queue (View > Review queue) before the screenshot, and --place-dialog-screenshot grabs its
// Fix place dialog for the queue's first event.

#include "main_window.hpp"

#include "kharita/time/calendar.hpp"

#include "kharita/map/basemap.hpp"

#include <QApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("Kharita");
    QString database, screenshot, brush, dialog_shot, zoom, place_shot;
    bool review = false;
    const QStringList args = QApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == "--screenshot" && i + 1 < args.size()) {
            screenshot = args[++i];
        } else if (args[i] == "--zoom" && i + 1 < args.size()) {
            zoom = args[++i];
        } else if (args[i] == "--brush" && i + 1 < args.size()) {
            brush = args[++i];
        } else if (args[i] == "--place-dialog-screenshot" && i + 1 < args.size()) {
            place_shot = args[++i];
        } else if (args[i] == "--review") {
            review = true;
        } else if (args[i] == "--dialog-screenshot" && i + 1 < args.size()) {
            dialog_shot = args[++i];
        } else {
            database = args[i];
        }
    }
    kharita::Basemap basemap;
    try {
        basemap = kharita::load_basemap(kharita::default_basemap_dir(), kharita::WebMercator());
    } catch (const std::exception& e) {
        QMessageBox::warning(nullptr, "Kharita",
                             QString("The basemap could not be read: ") + e.what());
    }
    kharita::viewer::MainWindow window(basemap);
    if (!database.isEmpty())
        window.open_database(database);
    window.show();
    if (!screenshot.isEmpty()) {
        if (review) { // room for the dock beside the map
            window.resize(1860, 940);
            window.show_review_queue(); // selects the queue's first event
        }
        QTimer::singleShot(300, [&] {
            window.map().zoom_to_events();
            if (!zoom.isEmpty())
                window.zoom_to_region(zoom);
            if (!review && window.model().rowCount() > 0 && brush.isEmpty()) // playback: none
                window.table().selectRow(0);
            const QStringList days = brush.split(',');
            const auto from = kharita::LocalTime::parse(days.value(0).toStdString());
            const auto to = kharita::LocalTime::parse(days.value(1).toStdString());
            if (from && to) {
                window.timeline().brush(static_cast<std::int32_t>(from->day.serial()),
                                        static_cast<std::int32_t>(to->day.serial()));
            }
            QTimer::singleShot(200, [&] {
                if (!dialog_shot.isEmpty()) {
                    kharita::viewer::AnimationDialog dialog(window.animation_defaults(), &window);
                    dialog.file_field().setText("sample-reports.mp4");
                    dialog.show();
                    QApplication::processEvents();
                    dialog.grab().save(dialog_shot, "PNG");
                }
                if (review && !place_shot.isEmpty()) {
                    kharita::viewer::PlaceDialog dialog(
                        window.review_panel().current_place_choices(), &window);
                    dialog.show();
                    QApplication::processEvents();
                    dialog.grab().save(place_shot, "PNG");
                }
                const bool ok = window.grab().save(screenshot, "PNG");
                QApplication::exit(ok ? 0 : 1);
            });
        });
    }
    return QApplication::exec();
}
