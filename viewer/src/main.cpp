// kharita-viewer [DB] [--screenshot FILE.png]: the map, timeline, filters, table and detail
// of an event database. --screenshot grabs the window as a person would see it and exits
// (works with QT_QPA_PLATFORM=offscreen).

#include "main_window.hpp"

#include "kharita/map/basemap.hpp"

#include <QApplication>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("Kharita");
    QString database, screenshot;
    const QStringList args = QApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == "--screenshot" && i + 1 < args.size()) {
            screenshot = args[++i];
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
        QTimer::singleShot(300, [&] {
            window.map().zoom_to_events();
            if (window.model().rowCount() > 0)
                window.table().selectRow(0);
            QTimer::singleShot(200, [&] {
                const bool ok = window.grab().save(screenshot, "PNG");
                QApplication::exit(ok ? 0 : 1);
            });
        });
    }
    return QApplication::exec();
}
