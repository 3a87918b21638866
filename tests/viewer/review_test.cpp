// The viewer's review queue under QT_QPA_PLATFORM=offscreen: its order, the keys changing
// the store (confirm, reject, next, previous, undo), a stale change refused with a dialog
// and nothing changed, place and date fixes, and machine events drawn lighter on the map
// and the timeline.

#include "main_window.hpp"
#include "review_queue.hpp"
#include "store/pg_server.hpp"

#include "kharita/base/error.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"
#include "kharita/map/basemap.hpp"
#include "kharita/store/ingest.hpp"

#include <QApplication>
#include <QLineEdit>
#include <QPainter>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

namespace kharita::viewer {
namespace {

namespace fs = std::filesystem;

/// Events along a line of longitude so each has its own pixel, confidences as given.
std::vector<EventRecord> test_records(const std::vector<double>& confidences) {
    std::vector<EventRecord> out;
    for (std::size_t i = 0; i < confidences.size(); ++i) {
        EventRecord r;
        r.type = EventType::clash;
        r.date_start = r.date_end = CivilDay{2025, 3, 1}.plus_days(static_cast<int>(i));
        r.time_precision = TimePrecision::day;
        r.position = LatLon{32.0, 12.0 + static_cast<double>(i)};
        r.geo_precision = GeoPrecision::town;
        r.location = "Town " + std::to_string(i);
        r.country = "LY";
        r.confidence = confidences[i];
        r.notes = "Clashes in town " + std::to_string(i) + ".";
        r.sources = "Test";
        out.push_back(r);
    }
    return out;
}

class ReviewTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        static int argc = 1;
        static char name[] = "review_test";
        static char* argv[] = {name, nullptr};
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        setenv("KHARITA_ANALYST", "tester", 1);
        app = new QApplication(argc, argv);
        basemap = new Basemap(load_basemap(default_basemap_dir(), WebMercator()));
        dir = fs::temp_directory_path() /
              ("kharita-review-test-" + std::to_string(std::random_device{}()));
        fs::create_directories(dir);
    }
    static void TearDownTestSuite() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    /// A fresh store per test: each one changes it.
    fs::path make_store(const std::vector<double>& confidences) {
        const fs::path file =
            dir / (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
                   ".sqlite");
        fs::remove(file);
        auto store = open_event_store(file, StoreMode::create);
        store->ingest_records(test_records(confidences));
        return file;
    }
    static EventRecord stored(const fs::path& file, std::int64_t id) {
        const auto store = open_event_store(file, StoreMode::read_only);
        const auto records = store->records({id});
        EXPECT_EQ(records.size(), 1u);
        return records.empty() ? EventRecord{} : records.front();
    }
    static std::size_t log_size(const fs::path& file, std::int64_t id) {
        return open_event_store(file, StoreMode::read_only)->review_log(id).size();
    }
    static std::int64_t id_of(const EventModel& m, std::size_t point) {
        return m.points().id[point];
    }

    static inline QApplication* app = nullptr;
    static inline Basemap* basemap = nullptr;
    static inline fs::path dir;
};

TEST_F(ReviewTest, QueueIsUnreviewedFirstThenLeastConfident) {
    const fs::path file = make_store({0.9, 0.2, 0.5, 0.7, 0.1, 0.6});
    {
        auto store = open_event_store(file, StoreMode::read_write);
        ReviewChange c;
        c.event_id = 5; // the least confident, already confirmed: after every unreviewed one
        store->review(c);
        c.event_id = 6;
        c.action = ReviewAction::reject; // rejected: hidden unless the filter asks
        store->review(c);
    }
    EventModel model;
    model.open(file);
    EXPECT_EQ(model.points().size(), 6u); // every state is loaded
    EXPECT_EQ(model.rowCount(), 5);
    std::vector<std::int64_t> ids;
    for (const std::size_t p : review_order(model))
        ids.push_back(id_of(model, p));
    EXPECT_EQ(ids, (std::vector<std::int64_t>{2, 3, 4, 1, 5}));

    ViewFilter f = model.filter();
    f.reviews = ReviewStateSet::all();
    model.set_filter(f);
    ids.clear();
    for (const std::size_t p : review_order(model))
        ids.push_back(id_of(model, p));
    EXPECT_EQ(ids, (std::vector<std::int64_t>{2, 3, 4, 1, 5, 6}));
    // the table's review column says the state
    const int row = model.row_of_point(review_order(model).back());
    EXPECT_EQ(model.data(model.index(row, EventModel::Review), Qt::DisplayRole).toString(),
              "rejected");
    EXPECT_EQ(model.store_filter().reviews, ReviewStateSet::all());
}

TEST_F(ReviewTest, KeysConfirmRejectMoveAndUndoInTheStore) {
    const fs::path file = make_store({0.9, 0.2, 0.5, 0.7});
    MainWindow w(*basemap);
    ASSERT_TRUE(w.open_database(QString::fromStdString(file.string())));
    w.show();
    w.show_review_queue();
    ReviewPanel& panel = w.review_panel();
    ReviewQueue& queue = panel.queue();
    QTableView& table = panel.table();
    ASSERT_EQ(queue.order().size(), 4u);
    ASSERT_EQ(queue.position(), 0);
    EXPECT_EQ(queue.record()->id, 2);                 // confidence 0.2
    EXPECT_EQ(w.model().selected(), queue.current()); // selected in the table, map, timeline

    QTest::keyClick(&table, Qt::Key_C); // confirm, and on to the next
    EXPECT_TRUE(panel.shown_error().isEmpty()) << panel.shown_error().toStdString();
    EXPECT_EQ(stored(file, 2).review, ReviewState::confirmed);
    EXPECT_EQ(stored(file, 2).version, 1);
    EXPECT_EQ(queue.position(), 1);
    queue.previous(); // the detail pane gives the event's review history
    EXPECT_TRUE(w.detail_html().contains("Review history")) << w.detail_html().toStdString();
    EXPECT_TRUE(w.detail_html().contains("tester"));
    queue.next();
    EXPECT_EQ(queue.record()->id, 3);

    QTest::keyClick(&table, Qt::Key_R); // reject: gone from the table and the map
    EXPECT_EQ(stored(file, 3).review, ReviewState::rejected);
    const std::size_t rejected = queue.order()[1];
    EXPECT_EQ(w.model().visible()[rejected], 0);
    EXPECT_EQ(w.model().rowCount(), 3);
    EXPECT_EQ(queue.record()->id, 4);

    QTest::keyClick(&table, Qt::Key_N);
    EXPECT_EQ(queue.record()->id, 1);
    QTest::keyClick(&table, Qt::Key_J); // the last: stays
    EXPECT_EQ(queue.position(), 3);
    QTest::keyClick(&table, Qt::Key_P);
    EXPECT_EQ(queue.record()->id, 4);
    QTest::keyClick(&table, Qt::Key_K);
    EXPECT_EQ(queue.record()->id, 3); // the rejected one stays in the queue to come back to
    EXPECT_EQ(w.model().selected(), queue.current());

    // undo takes back the reject, then the confirm: first reviews, so a reset each
    QTest::keyClick(&table, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(stored(file, 3).review, ReviewState::machine);
    EXPECT_EQ(w.model().visible()[rejected], 1);
    EXPECT_EQ(w.model().rowCount(), 4);
    QTest::keyClick(&table, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(stored(file, 2).review, ReviewState::machine);
    EXPECT_EQ(queue.record()->id, 2); // undo goes to the event it changes
    EXPECT_FALSE(queue.undo());       // nothing more to undo
    // every change audited, undo included
    EXPECT_EQ(log_size(file, 2), 2u);
    EXPECT_EQ(log_size(file, 3), 2u);
    EXPECT_TRUE(panel.shown_error().isEmpty());

    // keys reach the queue from the map too while it is shown
    QTest::keyClick(&w.map(), Qt::Key_N);
    EXPECT_EQ(queue.record()->id, 3);

    // a reload (after an ingest) renumbers the points: nothing left to undo by old numbers
    QTest::keyClick(&table, Qt::Key_C);
    ASSERT_EQ(queue.undo_depth(), 1u);
    w.model().reload();
    EXPECT_EQ(queue.undo_depth(), 0u);
    EXPECT_EQ(queue.order().size(), 4u); // rebuilt: the dock is shown
    EXPECT_EQ(panel.table().model()->rowCount(), 4);
}

TEST_F(ReviewTest, UndoOfAReviewedEventRestoresItsState) {
    const fs::path file = make_store({0.3, 0.4});
    EventModel model;
    model.open(file);
    ReviewQueue queue(model);
    queue.rebuild();
    Correction first;
    first.location = "First place";
    first.position = LatLon{30, 15};
    ASSERT_TRUE(queue.correct(first));
    ASSERT_TRUE(queue.reject()); // a corrected event rejected, moving on
    queue.previous();
    EXPECT_EQ(queue.record()->review, ReviewState::rejected);
    ASSERT_TRUE(queue.undo()); // back to corrected, the correction kept
    EXPECT_EQ(stored(file, 1).review, ReviewState::corrected);
    EXPECT_EQ(stored(file, 1).location, "First place");
    Correction second;
    second.location = "Second place";
    second.position = LatLon{31, 16};
    ASSERT_TRUE(queue.correct(second));
    EXPECT_EQ(stored(file, 1).location, "Second place");
    ASSERT_TRUE(queue.undo()); // the earlier correction again
    const EventRecord r = stored(file, 1);
    EXPECT_EQ(r.review, ReviewState::corrected);
    EXPECT_EQ(r.location, "First place");
    EXPECT_NEAR(r.position->lat, 30, 1e-9);
    ASSERT_TRUE(queue.undo());
    EXPECT_EQ(stored(file, 1).review, ReviewState::machine);
    EXPECT_EQ(stored(file, 1).location, "Town 0");
}

TEST_F(ReviewTest, StaleChangeShowsAnErrorAndChangesNothing) {
    const fs::path file = make_store({0.2, 0.5});
    MainWindow w(*basemap);
    ASSERT_TRUE(w.open_database(QString::fromStdString(file.string())));
    w.show_review_queue();
    ReviewPanel& panel = w.review_panel();
    ASSERT_EQ(panel.queue().record()->id, 1);
    ASSERT_EQ(panel.queue().record()->version, 0);
    {
        // another reviewer confirms the event the queue shows
        auto other = open_event_store(file, StoreMode::read_write);
        ReviewChange c;
        c.event_id = 1;
        c.action = ReviewAction::reject;
        c.who = "alice";
        other->review(c);
    }
    QTest::keyClick(&panel.table(), Qt::Key_C);
    EXPECT_TRUE(panel.shown_error().contains("alice")) << panel.shown_error().toStdString();
    const EventRecord r = stored(file, 1);
    EXPECT_EQ(r.review, ReviewState::rejected); // alice's change stands, ours was not made
    EXPECT_EQ(r.version, 1);
    EXPECT_EQ(log_size(file, 1), 1u);
    // the queue read the event again and stayed on it: a second try is made against alice's
    EXPECT_EQ(panel.queue().position(), 0);
    EXPECT_EQ(panel.queue().record()->version, 1);
    EXPECT_EQ(w.model().points().review[*panel.queue().current()], ReviewState::rejected);
    EXPECT_EQ(panel.queue().undo_depth(), 0u);

    // a bad place: refused, nothing changed
    EXPECT_FALSE(panel.queue().correct_place_at(LatLon{95, 10}, "Nowhere"));
    EXPECT_TRUE(panel.shown_error().contains("95")) << panel.shown_error().toStdString();
    EXPECT_EQ(stored(file, 1).version, 1);
    QTest::keyClick(&panel.table(), Qt::Key_C); // now against version 1: taken
    EXPECT_EQ(stored(file, 1).review, ReviewState::confirmed);
}

TEST_F(ReviewTest, DateAndPlaceFixesAreCorrections) {
    EXPECT_THROW(date_correction("2025-03-05", "2025-03-01", TimePrecision::day), InputError);
    EXPECT_THROW(date_correction("5 March", "", TimePrecision::day), InputError);
    const Correction month = date_correction("2025-03-01", "2025-03-31", TimePrecision::month);
    EXPECT_EQ(*month.time_precision, TimePrecision::month);

    const fs::path file = make_store({0.2});
    EventModel model;
    model.open(file);
    ReviewQueue queue(model);
    queue.rebuild();
    ASSERT_TRUE(queue.correct(month));
    EventRecord r = stored(file, 1);
    EXPECT_EQ(r.review, ReviewState::corrected);
    EXPECT_EQ(r.time_precision, TimePrecision::month);
    EXPECT_EQ(*r.date_end, (CivilDay{2025, 3, 31}));
    EXPECT_EQ(model.points().day_end[0], static_cast<std::int32_t>(r.date_end->serial()));

    PlaceChoice choice;
    choice.name = "Misrata";
    choice.position = LatLon{32.3754, 15.0925};
    choice.country = "LY";
    ASSERT_TRUE(queue.correct(place_correction(choice)));
    r = stored(file, 1);
    EXPECT_EQ(r.location, "Misrata");
    EXPECT_EQ(r.time_precision, TimePrecision::month); // the date fix stays
    const MapPoint xy = WebMercator().forward(choice.position);
    EXPECT_NEAR(model.points().xy[0].x, xy.x, 1e-3); // the map draws it there now
}

TEST_F(ReviewTest, PlaceChoicesComeWithScoresAndReasons) {
    const fs::path gazetteer_file = default_gazetteer_path();
    if (!fs::exists(gazetteer_file))
        GTEST_SKIP() << "no gazetteer at " << gazetteer_file;
    const Gazetteer g = Gazetteer::open(gazetteer_file);
    EventRecord r;
    r.location = "Tripoli";
    EventSource s;
    s.text = "Clashes broke out in Misrata on Monday.";
    s.evidence_start = 0;
    s.evidence_end = s.text.size();
    s.toponyms = {{21, 28}};
    const auto choices = place_choices(g, r, {s});
    ASSERT_GE(choices.size(), 2u);
    EXPECT_EQ(choices.front().country, "LY"); // the sentence's mention first: Misrata
    EXPECT_NEAR(choices.front().position.lon, 15.09, 0.1);
    EXPECT_NE(choices.front().reason.find("mention \"Misrata\""), std::string::npos)
        << choices.front().reason;
    EXPECT_GT(choices.front().score, 0);
    const bool looked_up = std::any_of(choices.begin(), choices.end(), [](const PlaceChoice& c) {
        return c.reason.find("lookup of \"Tripoli\"") != std::string::npos;
    });
    EXPECT_TRUE(looked_up);
}

TEST_F(ReviewTest, AnIngestedReportsPlaceChoicesAndTheDialogs) {
    const fs::path gazetteer_file = default_gazetteer_path();
    if (!fs::exists(gazetteer_file))
        GTEST_SKIP() << "no gazetteer at " << gazetteer_file;
    const fs::path file = dir / "ingested.sqlite";
    {
        const Gazetteer g = Gazetteer::open(gazetteer_file);
        const Geoparser parser(g);
        auto store = open_event_store(file, StoreMode::create);
        IngestFilesOptions options;
        options.retrieved_at = LocalTime::parse("2025-06-14T12:00");
        const auto report = ingest_files(
            {fs::path(KHARITA_SAMPLES_DIR) / "2023-09-derna-floods.html"}, parser, *store, options);
        ASSERT_GT(report.stored.events_added, 0);
    }
    MainWindow w(*basemap);
    ASSERT_TRUE(w.open_database(QString::fromStdString(file.string())));
    w.show_review_queue();
    ReviewPanel& panel = w.review_panel();
    ASSERT_TRUE(panel.queue().record().has_value());
    // the evidence sentence's mentions, read again from the stored article, then the lookup
    const auto choices = panel.current_place_choices();
    ASSERT_FALSE(choices.empty());
    EXPECT_EQ(choices.front().reason.rfind("mention \"", 0), 0u) << choices.front().reason;
    PlaceDialog places(choices);
    EXPECT_EQ(places.list()->topLevelItemCount(), static_cast<int>(choices.size()));
    ASSERT_TRUE(places.chosen().has_value());
    EXPECT_EQ(places.chosen()->name, choices.front().name);

    // the date dialog stays open on a bad day or an inverted range, and says why
    DateDialog dates(*panel.queue().record());
    auto* from = dates.findChildren<QLineEdit*>().at(0);
    auto* to = dates.findChildren<QLineEdit*>().at(1);
    from->setText("2025-13-01");
    dates.open();
    dates.done(QDialog::Accepted);
    EXPECT_FALSE(dates.correction().has_value());
    EXPECT_TRUE(dates.isVisible());
    from->setText("2025-03-05");
    to->setText("2025-03-01");
    dates.done(QDialog::Accepted);
    EXPECT_FALSE(dates.correction().has_value());
    EXPECT_TRUE(dates.isVisible());
    to->setText("2025-03-31");
    dates.done(QDialog::Accepted);
    ASSERT_TRUE(dates.correction().has_value());
    EXPECT_FALSE(dates.isVisible());
    EXPECT_TRUE(panel.queue().correct(*dates.correction()));
    EXPECT_EQ(stored(file, panel.queue().record()->id).review, ReviewState::corrected);
}

TEST_F(ReviewTest, OnAPostgisStoreTheQueueWorksAndRefusesAStaleChange) {
    const auto* pg = testing_support::PgServer::get();
    if (pg == nullptr)
        GTEST_SKIP() << "no PostgreSQL server: " << testing_support::PgServer::why();
    const std::string location = pg->location("viewer_review_queue");
    {
        auto store = open_event_store(location, StoreMode::create);
        store->ingest_records(test_records({0.2, 0.5, 0.7}));
    }
    MainWindow w(*basemap);
    ASSERT_TRUE(w.open_database(QString::fromStdString(location)));
    w.show_review_queue();
    ReviewPanel& panel = w.review_panel();
    ASSERT_EQ(panel.queue().order().size(), 3u);
    const std::int64_t first = panel.queue().record()->id;
    QTest::keyClick(&panel.table(), Qt::Key_C);
    const auto server = [&] { return open_event_store(location, StoreMode::read_only); };
    EXPECT_EQ(server()->records({first}).front().review, ReviewState::confirmed);
    const std::int64_t second = panel.queue().record()->id;
    {
        auto other = open_event_store(location, StoreMode::read_write);
        ReviewChange c;
        c.event_id = second;
        c.action = ReviewAction::confirm;
        c.who = "bob";
        other->review(c);
    }
    QTest::keyClick(&panel.table(), Qt::Key_R);
    EXPECT_TRUE(panel.shown_error().contains("bob")) << panel.shown_error().toStdString();
    EXPECT_EQ(server()->records({second}).front().review, ReviewState::confirmed);
    EXPECT_EQ(server()->review_log(second).size(), 1u);
    EXPECT_EQ(panel.queue().record()->version, 1);
    QTest::keyClick(&panel.table(), Qt::Key_Z, Qt::ControlModifier); // our confirm of `first`
    EXPECT_EQ(server()->records({first}).front().review, ReviewState::machine);
}

TEST_F(ReviewTest, MergeRejectsOneWithANoteAndConfirmsTheOther) {
    const fs::path file = make_store({0.2, 0.5, 0.7});
    EventModel model;
    model.open(file);
    ReviewQueue queue(model);
    queue.rebuild();
    ASSERT_EQ(queue.record()->id, 1);
    EXPECT_FALSE(queue.merge_into(1));  // not into itself
    EXPECT_FALSE(queue.merge_into(99)); // nor into an event the store does not hold
    EXPECT_EQ(stored(file, 1).version, 0);
    ASSERT_TRUE(queue.merge_into(3));
    EXPECT_EQ(stored(file, 1).review, ReviewState::rejected);
    EXPECT_EQ(stored(file, 3).review, ReviewState::confirmed);
    const auto log = open_event_store(file, StoreMode::read_only)->review_log(1);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log.front().note, "merged into #3");
    EXPECT_EQ(queue.record()->id, 2); // moved on
    ASSERT_TRUE(queue.undo());
    ASSERT_TRUE(queue.undo());
    EXPECT_EQ(stored(file, 1).review, ReviewState::machine);
    EXPECT_EQ(stored(file, 3).review, ReviewState::machine);
}

TEST(ReviewPlaceCorrection, KeepsTheAdmin1CodeRegionFiltersSelectBy) {
    PlaceChoice choice;
    choice.name = "Misrata";
    choice.position = {32.37, 15.09};
    choice.country = "LY";
    choice.admin1 = "Mişrātah";
    choice.admin1_code = "72";
    const Correction c = place_correction(choice);
    EXPECT_EQ(c.admin1_code, "72");
    EXPECT_EQ(c.country, "LY");
}

TEST_F(ReviewTest, SplitMakesASecondEventOfAnotherTypeInTheStoreAndTheModel) {
    const fs::path file = make_store({0.2, 0.5});
    EventModel model;
    model.open(file);
    ReviewQueue queue(model);
    queue.rebuild();
    ASSERT_EQ(queue.record()->id, 1);
    const EventType first = queue.record()->type;
    const EventType second = first == EventType::attack ? EventType::clash : EventType::attack;
    ASSERT_TRUE(queue.split_off(second, "two happenings"));
    EXPECT_EQ(model.points().size(), 3u); // the store loaded again, the new event a point
    const auto store = open_event_store(file, StoreMode::read_only);
    EXPECT_EQ(store->count({}), 3);
    EXPECT_EQ(stored(file, 1).type, first); // the first is left as it was
    EXPECT_EQ(stored(file, 3).type, second);
    EXPECT_EQ(stored(file, 3).review, ReviewState::corrected);
    ASSERT_EQ(store->review_log(3).size(), 1u);
    EXPECT_EQ(store->review_log(3).front().action, "split");
}

TEST_F(ReviewTest, MachineEventsAreDrawnLighter) {
    const fs::path file = make_store({0.2, 0.5});
    EventModel model;
    model.open(file);
    ReviewQueue queue(model);
    queue.rebuild();
    ASSERT_TRUE(queue.confirm()); // event 1 confirmed, event 2 still the machine's
    const auto& pts = model.points();
    const Basemap empty;
    const render::MapRenderer renderer(empty);
    const WebMercator m;
    const MapPoint sw = m.forward({30, 10}), ne = m.forward({34, 16});
    const auto view = render::MapViewport::fit({sw.x, sw.y, ne.x, ne.y}, QSize(400, 300));
    QImage canvas(view.size, QImage::Format_ARGB32);
    canvas.fill(Qt::transparent);
    {
        QPainter painter(&canvas);
        render::RenderOptions options;
        options.review_shading = true; // as the map widget draws
        renderer.draw_events(painter, view, pts, model.visible(), options);
    }
    const auto alpha_at = [&](std::int64_t id) {
        for (std::size_t i = 0; i < pts.size(); ++i) {
            if (pts.id[i] == id)
                return qAlpha(canvas.pixel(view.to_screen(pts.xy[i]).toPoint()));
        }
        return -1;
    };
    EXPECT_EQ(alpha_at(1), 255);
    EXPECT_NEAR(alpha_at(2), 255 * render::kMachineOpacity, 2);

    // the timeline splits each bin into reviewed and unreviewed parts
    TimelineWidget timeline(model);
    double all = 0, machine = 0;
    for (std::size_t b = 0; b < timeline.bins().size(); ++b) {
        for (std::size_t t = 0; t < timeline.bins()[b].size(); ++t) {
            all += timeline.bins()[b][t];
            machine += timeline.machine_bins()[b][t];
        }
    }
    EXPECT_NEAR(all, 2, 1e-9);
    EXPECT_NEAR(machine, 1, 1e-9);
}

} // namespace
} // namespace kharita::viewer
