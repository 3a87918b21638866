// Whole-store copies (copy_store, `kharita store copy`): SpatiaLite -> PostGIS -> SpatiaLite
// keeps every row of every table, the links between them and what each backend derives
// (points, text search); a target holding data is refused and left as it was.

#include "kharita/base/error.hpp"
#include "kharita/store/store.hpp"
#include "pg_server.hpp"
#include "store/table_io.hpp"
#include "store_test_support.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <map>

namespace kharita {
namespace {

using namespace testing_support; // NOLINT(google-build-using-namespace)

// every table a copy moves
const char* const kTables[] = {"meta",        "articles",      "places",     "mentions",
                               "events",      "event_sources", "actors",     "event_actors",
                               "cell_counts", "corrections",   "review_log", "place_aliases"};

/// An article telling one event at `place` (two articles naming one place tell the same
/// event: the second merges into the first), with a text that tests the escapes.
ArticleRecord article(int i, const std::string& place, LatLon at) {
    ArticleRecord a;
    a.source = "Source\t" + std::to_string(i);
    a.title = "Report " + std::to_string(i) + " — Ṭarābulus";
    a.url = "https://example.org/" + std::to_string(i);
    a.published = CivilDay{2025, 5, 14};
    a.published_note = "dateline";
    a.text = "Clashes in " + place + " on Wednesday,\nreport " + std::to_string(i) +
             " said; back\\slash and 'quotes'.";
    ArticleEventRecord e;
    e.record.type = EventType::clash;
    e.record.subtype = "armed clash";
    e.record.date_start = e.record.date_end = CivilDay{2025, 5, 14};
    e.record.time_precision = TimePrecision::day;
    e.record.position = at;
    e.record.location = place;
    e.record.geo_precision = GeoPrecision::town;
    e.record.country = "LY";
    e.record.confidence = 0.1 * (i % 9) + 0.05;
    e.record.fatalities = 3;
    e.record.actor1 = "Brigade " + std::to_string(i % 3);
    e.record.actors = e.record.actor1 + "; Militia";
    e.record.notes = a.text.substr(0, a.text.find('\n'));
    e.evidence_start = 0;
    e.evidence_end = e.record.notes.size();
    e.inherited_place = i == 5;
    a.events.push_back(e);
    MentionRecord m;
    m.start = 11;
    m.end = 11 + place.size();
    m.text = place;
    m.confidence = 0.9;
    PlaceRecord p;
    p.geonameid = static_cast<std::int64_t>(place.size()) * 1000 + 7;
    p.name = place;
    p.feature = "P.PPLA";
    p.country = "LY";
    p.admin1 = "Region of " + place;
    p.position = at;
    m.place = p;
    a.mentions.push_back(m);
    MentionRecord unresolved = m;
    unresolved.place.reset();
    unresolved.start = 0;
    unresolved.end = 7;
    unresolved.text = "Clashes";
    unresolved.kind = ToponymKind::region;
    a.mentions.push_back(unresolved);
    return a;
}

/// Every row of every table, as stored, in each table's order.
std::map<std::string, std::vector<store::StoredRow>> dump(const std::string& location) {
    const auto tables = is_server_location(location) ? store::open_pg_tables(location, false)
                                                     : store::open_sqlite_tables(location, false);
    std::map<std::string, std::vector<store::StoredRow>> out;
    tables->begin_reading();
    for (const char* t : kTables) {
        const std::string where = std::string(t) == "meta" ? "key <> 'created_at'" : "";
        const auto next = tables->read(t, tables->columns(t), where);
        store::StoredRow row;
        while (next(row))
            out[t].push_back(row);
    }
    tables->rollback();
    return out;
}

std::string shown(const store::StoredRow& row) {
    std::string out;
    for (const auto& v : row) {
        out += out.empty() ? "" : " | ";
        if (const auto* n = std::get_if<std::int64_t>(&v))
            out += std::to_string(*n);
        else if (const auto* d = std::get_if<double>(&v))
            out += fmt::format("{}", *d);
        else if (const auto* s = std::get_if<std::string>(&v))
            out += "'" + *s + "'";
        else
            out += "NULL";
    }
    return out;
}

void expect_same_rows(const std::map<std::string, std::vector<store::StoredRow>>& a,
                      const std::map<std::string, std::vector<store::StoredRow>>& b,
                      const std::string& what) {
    for (const char* t : kTables) {
        const auto& x = a.count(t) != 0 ? a.at(t) : std::vector<store::StoredRow>{};
        const auto& y = b.count(t) != 0 ? b.at(t) : std::vector<store::StoredRow>{};
        ASSERT_EQ(x.size(), y.size()) << what << ": table " << t;
        for (std::size_t i = 0; i < x.size(); ++i)
            EXPECT_EQ(shown(x[i]), shown(y[i])) << what << ": table " << t << ", row " << i;
    }
}

class StoreCopy : public ::testing::Test {
protected:
    void SetUp() override {
        m_server = PgServer::get();
        if (m_server == nullptr)
            GTEST_SKIP() << "no PostGIS test server: " << PgServer::why();
    }
    std::string db(const std::string& name) const {
        std::string schema = std::string("c_") +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                             name;
        std::transform(schema.begin(), schema.end(), schema.begin(), [](char c) {
            return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        });
        return m_server->location(schema.substr(0, 60));
    }
    /// A store with ingested articles (places, mentions, merged events with two sources)
    /// and imported events with actors.
    static void fill(const std::string& location) {
        auto store = open_event_store(location, StoreMode::create);
        auto records = random_records(500, 3);
        records[0].notes = "tab\there, newline\nthere, backslash \\ and quote ' \"";
        records[1].fatalities = 0;
        store->ingest_records(records);
        std::vector<ArticleRecord> articles;
        articles.reserve(6);
        for (int i = 0; i < 6; ++i) {
            articles.push_back(i < 4 ? article(i, "Tripoli", {32.8872, 13.1913})
                                     : article(i, "Misrata", {32.3754, 15.0925}));
        }
        const IngestReport r = store->ingest(articles, {"feed.jsonl", {}});
        ASSERT_EQ(r.events_merged, 4); // two places, three reports each after the first
        // analyst review: a correction, a confirmation, an alias, their audit lines
        std::vector<std::int64_t> sourced;
        store->query({}, [&](const EventRecord& e) {
            if (e.source_count > 1)
                sourced.push_back(e.id);
        });
        ASSERT_EQ(sourced.size(), 2u);
        ReviewChange fix;
        fix.event_id = sourced[0];
        fix.action = ReviewAction::correct;
        fix.correction.fatalities = 4;
        fix.who = "amal";
        store->review(fix);
        ReviewChange yes;
        yes.event_id = sourced[1];
        yes.action = ReviewAction::confirm;
        store->review(yes);
        PlaceAlias port;
        port.alias = "Alshab port";
        port.target = port.name = "Tripoli";
        port.position = {32.8872, 13.1913};
        store->add_alias(port);
    }
    PgServer* m_server = nullptr;
};

TEST_F(StoreCopy, SpatiaLiteToPostgisAndBackKeepsEveryRowOfEveryTable) {
    TempDir dir;
    const std::string lite = (dir / "a.sqlite").string(), back = (dir / "b.sqlite").string();
    const std::string pg = db("pg");
    fill(lite);
    const StoreCopyReport there = copy_store(lite, pg);
    EXPECT_EQ(there.rows("events"), 502);
    EXPECT_EQ(there.rows("articles"), 6);
    EXPECT_EQ(there.rows("event_sources"), 6);
    EXPECT_EQ(there.rows("mentions"), 12);
    EXPECT_EQ(there.rows("meta"), 3); // min_day, max_day, max_span
    const StoreCopyReport again = copy_store(pg, back);
    EXPECT_EQ(again.tables, there.tables);

    const auto original = dump(lite);
    expect_same_rows(original, dump(pg), "PostGIS");
    expect_same_rows(original, dump(back), "back in SpatiaLite");

    // what each backend derives from the rows: points, the text search, sources with spans
    for (const std::string& location : {pg, back}) {
        SCOPED_TRACE(location);
        auto a = open_event_store(lite, StoreMode::read_only);
        auto b = open_event_store(location, StoreMode::read_only);
        EventFilter box;
        box.bbox = BoundingBox{13.0, 32.7, 13.4, 33.0};
        EXPECT_EQ(b->count(box), a->count(box));
        EXPECT_GE(b->count(box), 1);
        EventFilter words;
        words.text = "wednesday report"; // the article text only (events' notes end before)
        EXPECT_EQ(b->count(words), 2);
        EventFilter notes;
        notes.text = "backslash quote";
        EXPECT_EQ(b->count(notes), 1);
        std::int64_t merged = 0;
        a->query({}, [&](const EventRecord& r) {
            if (r.source_count > 1)
                merged = r.id;
        });
        ASSERT_NE(merged, 0);
        const auto x = a->sources(merged), y = b->sources(merged);
        ASSERT_EQ(y.size(), x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
            EXPECT_EQ(y[i].text, x[i].text);
            EXPECT_EQ(y[i].evidence_end, x[i].evidence_end);
            EXPECT_EQ(y[i].toponyms, x[i].toponyms);
        }
    }

    // the copies go on as stores: new ids after the copied ones, a repeated article skipped
    auto store = open_event_store(pg, StoreMode::read_write);
    const IngestReport r = store->ingest(
        {article(1, "Tripoli", {32.8872, 13.1913}), article(7, "Sirte", {31.2089, 16.5887})},
        {"later", {}});
    EXPECT_EQ(r.articles_skipped, 1);
    EXPECT_EQ(r.events_added, 1);
    EXPECT_EQ(store->count({}), 503);
}

TEST_F(StoreCopy, AStoreHoldingDataIsRefusedAndLeftAsItWas) {
    TempDir dir;
    const std::string lite = (dir / "a.sqlite").string(), pg = db("pg");
    fill(lite);
    auto target = open_event_store(pg, StoreMode::create);
    target->ingest_records(random_records(3, 4));
    const auto before = dump(pg);
    try {
        copy_store(lite, pg);
        ADD_FAILURE() << "copied into a store holding events";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("not an empty store ("), std::string::npos) << what;
        EXPECT_NE(what.find("3 rows in events"), std::string::npos) << what;
        EXPECT_EQ(what.find("password"), std::string::npos) << what;
    }
    expect_same_rows(before, dump(pg), "the refused target");
    // and the other way, into a file holding events
    try {
        copy_store(pg, lite);
        ADD_FAILURE() << "copied into a file holding events";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("not an empty store"), std::string::npos) << e.what();
    }
}

TEST_F(StoreCopy, AFailureMidCopyKeepsNothingAndNamesTheTable) {
    TempDir dir;
    const std::string lite = (dir / "a.sqlite").string(), pg = db("pg");
    fill(lite);
    open_event_store(pg, StoreMode::create);
    // a column the source lacks: found at the events, after meta and the articles were written
    const std::string schema = pg.substr(pg.rfind("schema=") + 7);
    m_server->sql("ALTER TABLE " + schema + ".events ADD COLUMN extra integer");
    try {
        copy_store(lite, pg);
        ADD_FAILURE() << "copied into a store of other columns";
    } catch (const DatabaseError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("table events: the stores differ in its columns (extra)"),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find("copying " + lite + " to postgresql://"), std::string::npos) << what;
    }
    const auto after = dump(pg);
    for (const char* t : kTables) {
        if (std::string(t) != "meta") {
            EXPECT_EQ(after.count(t), 0U) << t;
        }
    }
    EXPECT_EQ(after.at("meta").size(), 1U); // its schema version only
}

TEST_F(StoreCopy, AnEmptyStoreCopiesToAnEmptyStore) {
    TempDir dir;
    const std::string lite = (dir / "a.sqlite").string(), pg = db("pg");
    open_event_store(lite, StoreMode::create);
    const StoreCopyReport r = copy_store(lite, pg);
    EXPECT_EQ(r.tables.size(), std::size(kTables));
    EXPECT_EQ(open_event_store(pg, StoreMode::read_only)->count({}), 0);
    // and a copy into it afterwards still finds it empty
    EXPECT_EQ(copy_store(lite, pg).rows("events"), 0);
}

} // namespace
} // namespace kharita
