#include "main_window.hpp"

#include "event_detail.hpp"

#include "kharita/base/error.hpp"
#include "kharita/events/event_types.hpp"
#include "kharita/exchange/export.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"
#include "kharita/geo/regions.hpp"
#include "kharita/map/event_style.hpp"
#include "kharita/store/ingest.hpp"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace kharita::viewer {

namespace {

std::optional<std::int32_t> parse_day(const QString& text) {
    if (text.trimmed().isEmpty())
        return std::nullopt;
    const auto t = LocalTime::parse(text.trimmed().toStdString());
    if (!t)
        throw InputError("date", "\"" + text.toStdString() + "\" is not a day (YYYY-MM-DD)");
    return static_cast<std::int32_t>(t->day.serial());
}

const Gazetteer& gazetteer() {
    static const auto g = std::make_unique<Gazetteer>(Gazetteer::open(default_gazetteer_path()));
    return *g;
}

QString escape(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())).toHtmlEscaped();
}

QString qstring(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// The precision menus and saved filter files hold a minimum precision as its rank (the
// enum's order) with kAnyRank for "any": the format filter files have been written in.
constexpr int kAnyRank = 6;

template <typename Precision> int rank_of(const std::optional<Precision>& precision) {
    return precision ? static_cast<int>(*precision) : kAnyRank;
}

template <typename Precision> std::optional<Precision> precision_of_rank(int rank) {
    if (rank < 0 || rank >= kAnyRank)
        return std::nullopt;
    return static_cast<Precision>(rank);
}

/// A menu of minimum precisions: "any", then `choices` finest first.
template <typename Precision> QComboBox* precision_menu(std::initializer_list<Precision> choices) {
    auto* menu = new QComboBox;
    menu->addItem("any", kAnyRank);
    for (const Precision p : choices)
        menu->addItem(qstring(to_string(p)), static_cast<int>(p));
    return menu;
}

/// Selects the menu entry of `rank` ("any" when the menu has none).
void select_rank(QComboBox* menu, int rank) {
    const QSignalBlocker block(menu);
    menu->setCurrentIndex(std::max(0, menu->findData(rank)));
}

} // namespace

QString ingest_problems_text(const FilesIngestReport& report) {
    QString text = QString("Ingested %1 file(s):").arg(report.files);
    if (report.files_failed > 0) {
        text += QString(" %1 could not be read whole (below); the rest was stored.")
                    .arg(report.files_failed);
    }
    if (report.files_empty > 0)
        text += QString(" %1 held no article text.").arg(report.files_empty);
    for (const Diagnostic& d : report.problems.examples())
        text += "\n" + QString::fromStdString(d.to_string());
    if (report.problems.count() > report.problems.examples().size()) {
        text += QString("\n… and %1 more")
                    .arg(report.problems.count() - report.problems.examples().size());
    }
    return text;
}

QString ingest_summary_text(const FilesIngestReport& report, const QStringList& dated_by_file) {
    QString text = QString("Ingest finished: %1 article(s) added (%2 already stored), %3 event(s) "
                           "added, %4 merged into stored events")
                       .arg(report.stored.articles_added)
                       .arg(report.stored.articles_skipped)
                       .arg(report.stored.events_added)
                       .arg(report.stored.events_merged);
    // as `kharita ingest` says without --retrieved-at: which day "yesterday" counted from
    if (!dated_by_file.isEmpty()) {
        text +=
            "; relative dates count from the file's modification day: " + dated_by_file.join(", ");
    }
    return text;
}

MainWindow::MainWindow(const Basemap& basemap, QWidget* parent) : QMainWindow(parent) {
    setWindowTitle("Kharita");
    setAcceptDrops(true);
    build_views(basemap);
    build_layout();
    build_review_dock();
    build_menus();
    connect_views();
    resize(1500, 900);
}

void MainWindow::build_views(const Basemap& basemap) {
    m_map = new MapWidget(m_model, basemap);
    m_timeline = new TimelineWidget(m_model);
    m_table = new QTableView;
    m_table->setModel(&m_model);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_detail = new QTextBrowser;
    m_banner = new QLabel;
    m_banner->setStyleSheet("background: #fde2e1; color: #8a1f11; padding: 6px;");
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText); // messages quote file contents
    m_banner->hide();
    m_summary = new QLabel;
    statusBar()->addPermanentWidget(m_summary);
}

void MainWindow::build_layout() {
    auto* centre = new QSplitter(Qt::Vertical);
    centre->addWidget(m_map);
    centre->addWidget(m_timeline);
    centre->setStretchFactor(0, 4);
    centre->setStretchFactor(1, 1);
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(m_table);
    right->addWidget(m_detail);
    auto* main = new QSplitter(Qt::Horizontal);
    main->addWidget(build_filter_panel());
    main->addWidget(centre);
    main->addWidget(right);
    main->setStretchFactor(1, 3);
    main->setStretchFactor(2, 2);
    main->setSizes({230, 820, 450});
    auto* root = new QWidget;
    auto* layout = new QVBoxLayout(root);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(main);
    setCentralWidget(root);
}

void MainWindow::build_review_dock() {
    m_review = new ReviewPanel(m_model, *m_map, []() -> const Gazetteer& { return gazetteer(); });
    m_review_dock = new QDockWidget("Review queue", this);
    m_review_dock->setObjectName("review");
    m_review_dock->setWidget(m_review);
    addDockWidget(Qt::RightDockWidgetArea, m_review_dock);
    m_review_dock->hide();
    // the queue's keys work from the map and the event table too while it is shown
    m_map->installEventFilter(m_review);
    m_table->installEventFilter(m_review);
}

double MainWindow::show_review_queue() {
    m_review_dock->show();
    const double ms = m_review->open_queue();
    m_review->table().setFocus();
    statusBar()->showMessage(QString("Review queue: %1 events, opened in %2 ms")
                                 .arg(m_review->queue().order().size())
                                 .arg(ms, 0, 'f', 1),
                             8000);
    return ms;
}

void MainWindow::connect_views() {
    // one selection for table, map and detail
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_model.select(m_model.point_of_row(current.row()));
            });
    connect(&m_model, &EventModel::selectionChanged, this,
            [this](std::optional<std::size_t> point) {
                update_detail(point);
                const int row = point ? m_model.row_of_point(*point) : -1;
                if (row >= 0 && m_table->currentIndex().row() != row) {
                    m_table->selectRow(row);
                    m_table->scrollTo(m_model.index(row, 0));
                }
            });
    connect(m_timeline, &TimelineWidget::rangeBrushed, this,
            [this](std::optional<std::int32_t> from, std::optional<std::int32_t> to) {
                ViewFilter f = m_model.filter();
                f.from_day = from;
                f.to_day = to;
                m_model.set_filter(f);
                sync_panel_from_filter();
            });
    connect(&m_model, &EventModel::filterChanged, this,
            [this] { m_summary->setText(filter_summary()); });
    connect(m_map, &MapWidget::polygonDrawn, this, &MainWindow::set_polygon);
    connect(m_map, &MapWidget::cursorMoved, this, [this](double lat, double lon) {
        statusBar()->showMessage(QString("%1°, %2°").arg(lat, 0, 'f', 4).arg(lon, 0, 'f', 4));
    });
}

MainWindow::~MainWindow() {
    m_cancel_animation = true;
    if (m_animation_worker.joinable())
        m_animation_worker.join();
    if (m_worker.joinable())
        m_worker.join();
}

QWidget* MainWindow::build_filter_panel() {
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    add_type_boxes(layout);
    add_status_boxes(layout);
    add_review_boxes(layout);
    layout->addLayout(build_filter_form());
    add_region_browser(layout);
    add_apply_and_playback(layout);
    layout->addStretch();
    panel->setMaximumWidth(260);
    return panel;
}

void MainWindow::add_type_boxes(QVBoxLayout* layout) {
    layout->addWidget(new QLabel("<b>Types</b>"));
    for (const EventStyle& s : event_styles()) {
        auto* box = new QCheckBox(escape(s.label));
        box->setChecked(true);
        QPixmap swatch(12, 12);
        swatch.fill(QColor(s.red, s.green, s.blue));
        box->setIcon(QIcon(swatch));
        box->setProperty("type", qstring(s.type));
        connect(box, &QCheckBox::toggled, this, &MainWindow::apply_panel);
        m_type_boxes.push_back(box);
        layout->addWidget(box);
    }
}

void MainWindow::add_status_boxes(QVBoxLayout* layout) {
    layout->addWidget(new QLabel("<b>Status</b>"));
    for (const EventStatus status : EventStatusSet::all().values()) {
        auto* box = new QCheckBox(qstring(to_string(status)));
        box->setProperty("status", static_cast<int>(status));
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &MainWindow::apply_panel);
        m_status_boxes.push_back(box);
        layout->addWidget(box);
    }
}

void MainWindow::add_review_boxes(QVBoxLayout* layout) {
    layout->addWidget(new QLabel("<b>Review</b>"));
    for (const ReviewState state : ReviewStateSet::all().values()) {
        auto* box = new QCheckBox(review_text(state));
        box->setProperty("review", static_cast<int>(state));
        box->setChecked(kNotRejected.contains(state)); // rejected: only when asked for
        connect(box, &QCheckBox::toggled, this, &MainWindow::apply_panel);
        m_review_boxes.push_back(box);
        layout->addWidget(box);
    }
}

QFormLayout* MainWindow::build_filter_form() {
    auto* form = new QFormLayout;
    m_from = new QLineEdit;
    m_from->setPlaceholderText("YYYY-MM-DD");
    m_to = new QLineEdit;
    m_to->setPlaceholderText("YYYY-MM-DD");
    m_precision = precision_menu({GeoPrecision::site, GeoPrecision::district, GeoPrecision::town,
                                  GeoPrecision::region, GeoPrecision::country});
    m_time_precision = precision_menu({TimePrecision::time, TimePrecision::day, TimePrecision::week,
                                       TimePrecision::month, TimePrecision::year});
    m_text = new QLineEdit;
    m_text->setPlaceholderText("words in evidence or article");
    m_region = new QLineEdit;
    m_region->setPlaceholderText("Libya, LY-TB, Tripoli district");
    form->addRow("From", m_from);
    form->addRow("To", m_to);
    form->addRow("Place", m_precision);
    form->addRow("Date", m_time_precision);
    form->addRow("Text", m_text);
    form->addRow("Region", m_region);
    for (QLineEdit* e : {m_from, m_to, m_text, m_region})
        connect(e, &QLineEdit::returnPressed, this, &MainWindow::apply_panel);
    connect(m_precision, &QComboBox::currentIndexChanged, this, &MainWindow::apply_panel);
    connect(m_time_precision, &QComboBox::currentIndexChanged, this, &MainWindow::apply_panel);
    return form;
}

void MainWindow::add_region_browser(QVBoxLayout* layout) {
    auto* browse = new QPushButton("Browse regions…");
    connect(browse, &QPushButton::clicked, this, &MainWindow::show_region_tree);
    layout->addWidget(browse);
    m_tree = new QTreeWidget;
    m_tree->setHeaderHidden(true);
    m_tree->hide();
    connect(m_tree, &QTreeWidget::itemChanged, this, &MainWindow::apply_panel);
    layout->addWidget(m_tree);
}

void MainWindow::add_apply_and_playback(QVBoxLayout* layout) {
    auto* apply = new QPushButton("Apply");
    connect(apply, &QPushButton::clicked, this, &MainWindow::apply_panel);
    auto* play = new QPushButton("Play");
    play->setCheckable(true);
    connect(play, &QPushButton::toggled, this, [this, play](bool on) {
        m_timeline->set_playing(on);
        play->setText(on ? "Pause" : "Play");
    });
    auto* speed = new QComboBox;
    speed->addItems({"slow", "normal", "fast"});
    speed->setCurrentIndex(1);
    connect(speed, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_timeline->set_speed(i == 0 ? 1000 : i == 1 ? 400 : 120);
    });
    auto* cumulative = new QCheckBox("cumulative playback");
    connect(cumulative, &QCheckBox::toggled, this,
            [this](bool on) { m_timeline->set_cumulative(on); });
    layout->addWidget(apply);
    layout->addWidget(play);
    layout->addWidget(speed);
    layout->addWidget(cumulative);
}

void MainWindow::build_menus() {
    build_file_menu();
    build_view_menu();
}

void MainWindow::build_file_menu() {
    QMenu* file = menuBar()->addMenu("&File");
    file->addAction("&Open database…", this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, "Open event database", {},
                                                       "SQLite (*.sqlite *.db);;All files (*)");
        if (!f.isEmpty())
            open_database(f);
    });
    file->addAction("Open &server…", this, [this] {
        // a PostGIS store (docs/store.md): postgresql://user@host/db?schema=project
        bool ok = false;
        const QString location = QInputDialog::getText(
            this, "Open server",
            "PostgreSQL location (postgresql://user@host/database?schema=…):", QLineEdit::Normal,
            "postgresql://", &ok);
        if (ok && !location.trimmed().isEmpty())
            open_database(location.trimmed());
    });
    file->addAction("&Ingest reports…", this, [this] {
        const QStringList f = QFileDialog::getOpenFileNames(this, "Ingest reports", {},
                                                            "Reports (*.txt *.html *.htm *.jsonl)");
        if (!f.isEmpty())
            ingest(f);
    });
    file->addAction("&Export current filter…", this, [this] {
        const QString f = QFileDialog::getSaveFileName(
            this, "Export", "events.geojson",
            "GeoJSON (*.geojson);;GeoPackage (*.gpkg);;KML (*.kml);;CSV (*.csv)");
        if (!f.isEmpty())
            export_to(f);
    });
    file->addAction("Export &animation…", this, [this] {
        AnimationDialog dialog(animation_defaults(), this);
        if (dialog.exec() == QDialog::Accepted)
            export_animation(dialog.request());
    });
    file->addAction("Save map as &PNG…", this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, "Save map", "map.png", "PNG (*.png)");
        if (!f.isEmpty())
            save_map_png(f);
    });
    file->addAction("Save map as &SVG…", this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, "Save map", "map.svg", "SVG (*.svg)");
        if (!f.isEmpty())
            save_map_svg(f);
    });
    file->addAction("Open raster &basemap…", this, [this] {
        const QString f = QFileDialog::getOpenFileName(
            this, "Raster basemap", {}, "Rasters (*.mbtiles *.tif *.tiff);;All files (*)");
        if (!f.isEmpty())
            open_raster_basemap(f);
    });
    file->addAction("Save filter…", this, [this] {
        const QString f =
            QFileDialog::getSaveFileName(this, "Save filter", "filter.json", "JSON (*.json)");
        if (!f.isEmpty())
            save_filter(f);
    });
    file->addAction("Load filter…", this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, "Load filter", {}, "JSON (*.json)");
        if (!f.isEmpty())
            load_filter(f);
    });
    file->addAction("&Quit", this, &QWidget::close);
}

void MainWindow::build_view_menu() {
    QMenu* view = menuBar()->addMenu("&View");
    view->addAction("Zoom to events", m_map, &MapWidget::zoom_to_events);
    view->addAction("Zoom to selection", m_map, &MapWidget::zoom_to_selection);
    view->addAction("Zoom to region (the Region field)", this,
                    [this] { zoom_to_region(m_region->text()); });
    view->addAction("Draw polygon filter", this, [this] {
        m_map->set_drawing(true);
        statusBar()->showMessage("Click the polygon's corners; double-click to close it", 8000);
    });
    view->addAction("Clear polygon filter", this, [this] { set_polygon({}); });
    QAction* review = view->addAction("&Review queue", this, [this] { show_review_queue(); });
    review->setShortcut(QKeySequence("F7"));
    QAction* heat = view->addAction("Heat map");
    heat->setCheckable(true);
    connect(heat, &QAction::toggled, this, [this](bool on) {
        m_map->options().heat_map = on;
        m_map->update();
    });
}

void MainWindow::show_error(const QString& message) {
    m_banner->setText(message);
    m_banner->show();
}

QString MainWindow::banner_text() const {
    return m_banner->isHidden() ? QString() : m_banner->text();
}
QString MainWindow::detail_html() const {
    return m_detail->toHtml();
}

bool MainWindow::open_database(const QString& file) {
    try {
        m_model.open(file.toStdString());
        m_banner->hide();
        sync_panel_from_filter();
        setWindowTitle("Kharita — " + file);
        if (m_model.points().size() == 0)
            show_error(file +
                       " holds no events yet: ingest reports (File ▸ Ingest, or drop files here).");
        return true;
    } catch (const std::exception& e) {
        show_error(QString("Cannot open %1: %2").arg(file, QString::fromUtf8(e.what())));
        return false;
    }
}

void MainWindow::apply_panel() {
    try {
        ViewFilter f = m_model.filter();
        for (std::size_t t = 0; t < m_type_boxes.size(); ++t) {
            const auto type =
                event_type_from(m_type_boxes[t]->property("type").toString().toStdString());
            if (type)
                f.types.set(*type, m_type_boxes[t]->isChecked());
        }
        f.from_day = parse_day(m_from->text());
        f.to_day = parse_day(m_to->text());
        f.min_geo_precision = precision_of_rank<GeoPrecision>(m_precision->currentData().toInt());
        f.min_time_precision =
            precision_of_rank<TimePrecision>(m_time_precision->currentData().toInt());
        for (QCheckBox* box : m_status_boxes) {
            f.statuses.set(static_cast<EventStatus>(box->property("status").toInt()),
                           box->isChecked());
        }
        for (QCheckBox* box : m_review_boxes) {
            f.reviews.set(static_cast<ReviewState>(box->property("review").toInt()),
                          box->isChecked());
        }
        f.text = m_text->text().trimmed().toStdString();
        f.regions.clear();
        if (!m_region->text().trimmed().isEmpty()) {
            f.regions.push_back(resolve_region(gazetteer(), m_region->text().toStdString()));
        }
        if (m_tree != nullptr) {
            for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
                QTreeWidgetItem* country = m_tree->topLevelItem(i);
                const std::string cc = country->data(0, Qt::UserRole).toString().toStdString();
                if (country->checkState(0) == Qt::Checked) {
                    f.regions.push_back({cc, "", country->text(0).toStdString()});
                    continue;
                }
                for (int k = 0; k < country->childCount(); ++k) {
                    QTreeWidgetItem* unit = country->child(k);
                    if (unit->checkState(0) == Qt::Checked) {
                        f.regions.push_back({cc,
                                             unit->data(0, Qt::UserRole).toString().toStdString(),
                                             unit->text(0).toStdString()});
                    }
                }
            }
        }
        m_model.set_filter(f);
        m_banner->hide();
    } catch (const std::exception& e) {
        show_error(QString::fromUtf8(e.what()));
    }
}

bool MainWindow::zoom_to_region(const QString& text) {
    try {
        const RegionCode region = resolve_region(gazetteer(), text.toStdString());
        EventFilter f;
        f.regions = {region};
        const WebMercator m;
        MapBounds b{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                    std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
        if (m_model.store()) {
            m_model.store()->query_points(f, [&](const EventPoint& p) {
                if (!p.position)
                    return;
                const MapPoint xy = m.forward(*p.position);
                b = {std::min(b.min_x, xy.x), std::min(b.min_y, xy.y), std::max(b.max_x, xy.x),
                     std::max(b.max_y, xy.y)};
            });
        }
        const auto place = region.admin1_code.empty()
                               ? gazetteer().country(region.country)
                               : gazetteer().admin1_place(region.country, region.admin1_code);
        const double pad = region.admin1_code.empty() ? 600000 : 150000;
        if (place) { // the unit's point with a margin, merged with its events
            const MapPoint c = m.forward(gazetteer().place(*place).position);
            b = {std::min(b.min_x, c.x - pad), std::min(b.min_y, c.y - pad),
                 std::max(b.max_x, c.x + pad), std::max(b.max_y, c.y + pad)};
        }
        if (b.min_x > b.max_x)
            return false;
        m_map->set_viewport(render::MapViewport::fit(b, m_map->size()));
        return true;
    } catch (const std::exception& e) {
        show_error(QString::fromUtf8(e.what()));
        return false;
    }
}

void MainWindow::set_polygon(const std::vector<LatLon>& ring) {
    ViewFilter f = m_model.filter();
    f.polygon = ring;
    m_model.set_filter(f);
}

void MainWindow::show_region_tree() {
    if (m_tree->topLevelItemCount() > 0) {
        m_tree->setVisible(!m_tree->isVisible());
        return;
    }
    try {
        const Gazetteer& g = gazetteer();
        std::map<std::string, std::vector<const AdminUnit*>> by_country;
        for (const AdminUnit& u : g.admin1_units())
            by_country[u.country].push_back(&u);
        std::vector<std::pair<QString, std::string>> countries;
        for (const auto& [cc, units] : by_country) {
            const auto id = g.country(cc);
            countries.emplace_back(QString::fromStdString(id ? g.place(*id).name : cc), cc);
        }
        std::sort(countries.begin(), countries.end());
        const QSignalBlocker block(m_tree);
        for (const auto& [name, cc] : countries) {
            auto* country = new QTreeWidgetItem(m_tree, {name});
            country->setData(0, Qt::UserRole, QString::fromStdString(cc));
            country->setCheckState(0, Qt::Unchecked);
            for (const AdminUnit* u : by_country[cc]) {
                auto* unit = new QTreeWidgetItem(country, {QString::fromStdString(u->name)});
                unit->setData(0, Qt::UserRole, QString::fromStdString(u->code));
                unit->setToolTip(0, QString::fromStdString(u->iso_code.empty() ? cc + "." + u->code
                                                                               : u->iso_code));
                unit->setCheckState(0, Qt::Unchecked);
            }
        }
        m_tree->show();
    } catch (const std::exception& e) {
        show_error(QString("The gazetteer could not be read: ") + e.what());
    }
}

void MainWindow::sync_panel_from_filter() {
    const ViewFilter& f = m_model.filter();
    for (QCheckBox* box : m_type_boxes) {
        const auto type = event_type_from(box->property("type").toString().toStdString());
        const QSignalBlocker block(box);
        box->setChecked(type && f.types.contains(*type));
    }
    for (QCheckBox* box : m_review_boxes) {
        const QSignalBlocker block(box);
        box->setChecked(
            f.reviews.contains(static_cast<ReviewState>(box->property("review").toInt())));
    }
    m_from->setText(f.from_day ? day_text(*f.from_day) : QString());
    m_to->setText(f.to_day ? day_text(*f.to_day) : QString());
}

QString MainWindow::filter_summary() const {
    const ViewFilter& f = m_model.filter();
    QString s = QString("%1 of %2 events").arg(m_model.rowCount()).arg(m_model.points().size());
    if (f.from_day || f.to_day) {
        s += QString(" · %1 to %2")
                 .arg(f.from_day ? day_text(*f.from_day) : "…",
                      f.to_day ? day_text(*f.to_day) : "…");
    }
    if (!f.types.full())
        s += QString(" · %1 types").arg(f.types.size());
    if (!f.text.empty())
        s += " · \"" + QString::fromStdString(f.text) + "\"";
    for (const auto& r : f.regions)
        s += " · " + QString::fromStdString(r.label);
    if (f.polygon.size() >= 3)
        s += QString(" · polygon of %1 corners").arg(f.polygon.size());
    if (f.reviews != kNotRejected) {
        QStringList states;
        for (const ReviewState r : f.reviews.values())
            states << review_text(r);
        s += " · review: " + states.join(", ");
    }
    return s;
}

void MainWindow::update_detail(std::optional<std::size_t> point) {
    if (!point || !m_model.store()) {
        m_detail->clear();
        return;
    }
    const std::int64_t id = m_model.points().id[*point];
    const auto records = m_model.store()->records({id});
    if (records.empty())
        return;
    m_detail->setHtml(event_detail_html(records.front(), m_model.store()->sources(id)) +
                      review_history_html(m_model.store()->review_log(id)));
}

bool MainWindow::export_to(const QString& file) {
    if (!m_model.store())
        return false;
    try {
        const auto n = export_events(*m_model.store(), m_model.store_filter(), file.toStdString(),
                                     export_format(file.toStdString()));
        statusBar()->showMessage(QString("%1: %2 events").arg(file).arg(n), 5000);
        return true;
    } catch (const std::exception& e) {
        show_error(QString("Export failed: ") + QString::fromUtf8(e.what()));
        return false;
    }
}

bool MainWindow::save_map_svg(const QString& file) {
    render::RenderOptions o = m_map->options();
    o.selected = m_model.selected();
    const bool ok = m_map->renderer().render_svg(file, m_map->viewport(), m_model.points(),
                                                 m_model.visible(), o);
    if (!ok)
        show_error("Cannot write " + file + " (or this build has no Qt SVG)");
    return ok;
}

bool MainWindow::open_raster_basemap(const QString& file) {
    try {
        auto raster = std::make_unique<RasterBasemap>(RasterBasemap::open(file.toStdString()));
        m_map->set_raster(raster.get());
        m_raster = std::move(raster);
        return true;
    } catch (const std::exception& e) {
        show_error(
            QString("Cannot use %1 as a basemap: %2").arg(file, QString::fromUtf8(e.what())));
        return false;
    }
}

bool MainWindow::save_map_png(const QString& file) {
    const bool ok = m_map->grab().save(file, "PNG");
    if (!ok)
        show_error("Cannot write " + file);
    return ok;
}

bool MainWindow::save_filter(const QString& file) const {
    const ViewFilter& f = m_model.filter();
    QJsonArray types;
    for (const EventType t : f.types.values())
        types.append(qstring(to_string(t)));
    QJsonArray statuses;
    for (const EventStatus s : f.statuses.values())
        statuses.append(qstring(to_string(s)));
    QJsonArray reviews;
    for (const ReviewState r : f.reviews.values())
        reviews.append(review_text(r));
    QJsonObject o{{"types", types},
                  {"statuses", statuses},
                  {"reviews", reviews},
                  {"text", QString::fromStdString(f.text)},
                  {"max_geo_rank", rank_of(f.min_geo_precision)},
                  {"max_time_rank", rank_of(f.min_time_precision)},
                  {"region", m_region->text()}};
    QJsonArray ring;
    for (const LatLon& ll : f.polygon)
        ring.append(QJsonArray{ll.lat, ll.lon});
    if (!ring.isEmpty())
        o["polygon"] = ring;
    if (f.from_day)
        o["from"] = day_text(*f.from_day);
    if (f.to_day)
        o["to"] = day_text(*f.to_day);
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    return out.write(QJsonDocument(o).toJson()) > 0;
}

bool MainWindow::load_filter(const QString& file) {
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        show_error("Cannot read " + file);
        return false;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll());
    if (!doc.isObject()) {
        show_error(file + " is not a saved filter (JSON object expected)");
        return false;
    }
    const QJsonObject o = doc.object();
    const QJsonArray types = o["types"].toArray();
    for (QCheckBox* box : m_type_boxes) {
        const QSignalBlocker block(box);
        box->setChecked(types.contains(box->property("type").toString()));
    }
    m_from->setText(o["from"].toString());
    m_to->setText(o["to"].toString());
    m_text->setText(o["text"].toString());
    m_region->setText(o["region"].toString());
    select_rank(m_precision, o["max_geo_rank"].toInt(kAnyRank));
    select_rank(m_time_precision, o["max_time_rank"].toInt(kAnyRank));
    if (o.contains("statuses")) {
        const QJsonArray statuses = o["statuses"].toArray();
        for (QCheckBox* box : m_status_boxes) {
            const QSignalBlocker b(box);
            box->setChecked(statuses.contains(box->text()));
        }
    }
    if (o.contains("reviews")) { // older filter files: the default, rejected hidden
        const QJsonArray reviews = o["reviews"].toArray();
        for (QCheckBox* box : m_review_boxes) {
            const QSignalBlocker b(box);
            box->setChecked(reviews.contains(box->text()));
        }
    }
    std::vector<LatLon> ring;
    const QJsonArray corners = o["polygon"].toArray();
    for (const auto& v : corners)
        ring.push_back({v.toArray().at(0).toDouble(), v.toArray().at(1).toDouble()});
    ViewFilter f = m_model.filter();
    f.polygon = ring;
    m_model.set_filter(f);
    apply_panel();
    return true;
}

void MainWindow::ingest(const QStringList& files) {
    if (m_ingesting || !m_model.is_open()) {
        show_error(m_ingesting ? "An ingest is already running."
                               : "Open a database before ingesting.");
        return;
    }
    if (m_worker.joinable())
        m_worker.join();
    m_ingesting = true;
    statusBar()->showMessage(QString("Ingesting %1 file(s)…").arg(files.size()));
    std::vector<std::filesystem::path> paths;
    for (const QString& f : files)
        paths.emplace_back(f.toStdString());
    const std::filesystem::path db = m_model.file();
    m_worker = std::thread([this, paths, db] {
        QString error;
        FilesIngestReport report;
        QStringList dated_by_file; // "file.txt 2025-06-14": the reference day taken from the file
        try {
            const Gazetteer g = Gazetteer::open(default_gazetteer_path());
            const Geoparser parser(g);
            auto store = open_event_store(db, StoreMode::read_write);
            IngestFilesOptions options; // relative dates count from each file's modification day
            options.progress = [this, n = paths.size(), &dated_by_file](
                                   const FileIngest& file, const FilesIngestReport& so_far) {
                if (file.retrieved_at_from_file && file.retrieved_at) {
                    dated_by_file << QString::fromStdString(file.file.filename().string() + " " +
                                                            file.retrieved_at->day.iso());
                }
                QMetaObject::invokeMethod(
                    this,
                    [this, done = so_far.files, n] {
                        statusBar()->showMessage(
                            QString("Ingesting: %1 of %2 files stored").arg(done).arg(n));
                    },
                    Qt::QueuedConnection);
            };
            report = ingest_files(paths, parser, *store, options);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, error, report, dated_by_file] {
                m_ingesting = false;
                if (!error.isEmpty())
                    show_error("Ingest failed: " + error);
                else if (report.files_failed > 0 || report.files_empty > 0)
                    show_error(ingest_problems_text(report));
                m_model.reload();
                statusBar()->showMessage(error.isEmpty()
                                             ? ingest_summary_text(report, dated_by_file)
                                             : QString("Ingest failed"));
                emit ingestFinished(error.isEmpty() && report.files_failed == 0);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    QStringList files;
    for (const QUrl& u : e->mimeData()->urls())
        files << u.toLocalFile();
    if (!files.isEmpty())
        ingest(files);
}

} // namespace kharita::viewer

namespace kharita::viewer {

AnimationRequest MainWindow::animation_defaults() const {
    AnimationRequest r;
    r.from = m_model.first_day();
    r.to = m_model.last_day();
    const ViewFilter& f = m_model.filter();
    // playback moves a window of the brushed length by its length (31 days unbrushed)
    const int days = f.from_day && f.to_day ? *f.to_day - *f.from_day + 1 : 31;
    r.step = {render::Period::Unit::day, std::max(1, days)};
    r.window = r.step;
    if (m_timeline->cumulative()) { // grows by a histogram bin, at least a week, per step
        r.step.count = std::max(m_timeline->bin_days(), 7);
        r.window.reset();
    }
    r.fps =
        std::clamp(static_cast<int>(std::lround(1000.0 / std::max(1, m_timeline->speed()))), 1, 60);
    r.size = QSize(std::max(2, m_map->width() / 2 * 2), std::max(2, m_map->height() / 2 * 2));
    return r;
}

bool MainWindow::export_animation(const AnimationRequest& request) {
    if (m_animating) {
        show_error("An animation export is already running.");
        return false;
    }
    AnimationJob job;
    try {
        job = animation_job(request, m_model, *m_map);
    } catch (const std::exception& e) {
        show_error("Cannot export the animation: " + QString::fromUtf8(e.what()));
        return false;
    }
    if (m_animation_worker.joinable())
        m_animation_worker.join();
    m_animating = true;
    m_cancel_animation = false;
    const auto frames = static_cast<int>(job.frames.size());
    m_progress =
        new QProgressDialog(QString("Writing %1 (%2 frames)…").arg(request.file).arg(frames),
                            "Cancel", 0, frames, this);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, this, &MainWindow::cancel_animation);
    m_progress->setValue(0);
    const Basemap* basemap = &m_map->basemap(); // read-only, shared with the worker
    m_animation_worker = std::thread([this, basemap, job = std::move(job), file = request.file] {
        QString message;
        bool ok = false;
        try {
            const auto progress = [this](std::size_t done) {
                QMetaObject::invokeMethod(
                    this,
                    [this, done] {
                        if (m_progress != nullptr)
                            m_progress->setValue(static_cast<int>(done));
                    },
                    Qt::QueuedConnection);
            };
            const auto result = run_animation_job(job, *basemap, m_cancel_animation, progress);
            ok = true;
            message = QString("%1: %2 frames, %3")
                          .arg(file)
                          .arg(result.frames)
                          .arg(QString::fromStdString(result.codec));
            for (const std::string& note : result.notes)
                message += "; " + QString::fromStdString(note);
        } catch (const AnimationCancelled&) {
            message = "Animation export cancelled: " + file + " not written";
        } catch (const std::exception& e) {
            message = "Animation export failed: " + QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            this, [this, ok, message] { finish_animation(ok, message); }, Qt::QueuedConnection);
    });
    return true;
}

void MainWindow::finish_animation(bool ok, const QString& message) {
    m_animating = false;
    if (m_progress != nullptr) {
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    if (ok || m_cancel_animation)
        statusBar()->showMessage(message, 10000);
    else
        show_error(message);
    emit animationFinished(ok, message);
}

} // namespace kharita::viewer
