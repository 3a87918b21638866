// The PostGIS store's own tests, on the throwaway server of tests/store/pg_server.hpp:
// writers and readers at once, bad servers and schemas, several projects in one database,
// a server stopped mid-ingest, and copies between the backends.

#include "detail/pg.hpp"
#include "kharita/base/error.hpp"
#include "kharita/store/store.hpp"
#include "pg_server.hpp"
#include "store/postgis_bulk.hpp"
#include "store_test_support.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <random>
#include <set>
#include <thread>

namespace kharita {
namespace {

using namespace testing_support; // NOLINT(google-build-using-namespace)

class PostgisStore : public ::testing::Test {
protected:
    void SetUp() override {
        m_server = PgServer::get();
        if (m_server == nullptr)
            GTEST_SKIP() << "no PostGIS test server: " << PgServer::why();
    }
    /// A fresh schema of the test database, named after the test and `name`.
    std::string db(const std::string& name) const { return m_server->location(schema(name)); }
    /// The schema's name alone.
    static std::string schema(const std::string& name) {
        std::string schema = std::string("t_") +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                             name;
        std::transform(schema.begin(), schema.end(), schema.begin(), [](char c) {
            return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        });
        return schema.substr(0, 60);
    }
    std::int64_t sql_count(const std::string& query) const {
        auto c = detail::PgConnection::connect("dbname=kharita_test host=" + m_server->directory() +
                                               " user=kharita");
        return c.exec(query).int64(0, 0);
    }
    PgServer* m_server = nullptr;
};

/// An article telling one event: a clash at Tripoli when `tripoli`, else one at a place
/// of its own (1 degree apart), each article a text of its own.
ArticleRecord report(int i, bool tripoli) {
    ArticleRecord a;
    a.source = "Source " + std::to_string(i);
    a.title = "Report " + std::to_string(i);
    a.text = (tripoli ? "Clashes in Tripoli, report " : "An attack, report ") + std::to_string(i);
    ArticleEventRecord e;
    e.record.type = tripoli ? EventType::clash : EventType::attack;
    e.record.date_start = e.record.date_end = CivilDay{2025, 5, 14};
    e.record.time_precision = TimePrecision::day;
    e.record.position = tripoli ? LatLon{32.8872, 13.1913} : LatLon{5.0 + i, -60.0 + i};
    e.record.location = tripoli ? "Tripoli" : "Place " + std::to_string(i);
    e.record.geo_precision = GeoPrecision::town;
    e.record.confidence = 0.5;
    e.record.notes = a.text;
    e.evidence_end = a.text.size();
    MentionRecord m;
    m.start = 0;
    m.end = 4;
    m.text = a.text.substr(0, 4);
    a.mentions.push_back(m);
    // two places every article names, in an order that alternates: the store upserts them in
    // key order, so writers never lock their rows crosswise (stored as named, they
    // deadlocked in every run of three without the store's retry)
    for (const int k : {i % 2, 1 - i % 2}) {
        MentionRecord named = m;
        PlaceRecord place;
        place.geonameid = 1000 + k;
        place.name = k == 0 ? "Misrata" : "Sirte";
        place.position = k == 0 ? LatLon{32.37, 15.09} : LatLon{31.2, 16.59};
        named.place = place;
        a.mentions.push_back(named);
    }
    a.events.push_back(e);
    return a;
}

TEST(PostgisBulkOrder, KeepsNeighboursInSpaceAndTimeTogether) {
    // two towns far apart, two years apart, interleaved as a feed would give them
    std::vector<EventRecord> chunk;
    for (int i = 0; i < 400; ++i) {
        EventRecord r;
        const bool west = i % 2 == 0;
        const bool early = i % 4 < 2;
        r.position = west ? LatLon{30.0 + i * 1e-4, -10.0} : LatLon{20.0, 30.0 + i * 1e-4};
        r.date_start = r.date_end =
            early ? CivilDay{2015, 1, 1}.plus_days(i % 28) : CivilDay{2017, 6, 1};
        chunk.push_back(r);
    }
    // a placeless and an undated event: ordered by the axes they have
    EventRecord placeless, undated;
    placeless.date_start = placeless.date_end = CivilDay{2016, 1, 1};
    undated.position = LatLon{25.0, 10.0};
    chunk.insert(chunk.begin() + 7, placeless);
    chunk.insert(chunk.begin() + 99, undated);
    const std::vector<std::size_t> order = store::space_time_order(chunk);
    ASSERT_EQ(order.size(), chunk.size());
    EXPECT_EQ(std::set<std::size_t>(order.begin(), order.end()).size(), chunk.size());
    // each (town, year) group is one run: three changes of group between four runs
    std::vector<int> groups;
    for (const std::size_t i : order) {
        const EventRecord& r = chunk[i];
        if (r.position && r.date_start)
            groups.push_back((r.position->lon < 0 ? 0 : 2) + (r.date_start->year == 2015 ? 0 : 1));
    }
    int changes = 0;
    for (std::size_t k = 1; k < groups.size(); ++k)
        changes += groups[k] != groups[k - 1] ? 1 : 0;
    EXPECT_EQ(changes, 3);
    EXPECT_TRUE(store::space_time_order({}).empty());
}

TEST_F(PostgisStore, FourWritersAndTwoReadersLoseAndDoubleNothing) {
    const std::string location = db("e");
    open_event_store(location, StoreMode::create);
    // 30 articles each telling an event of its own, 10 telling the same clash; every writer
    // stores all 40, each in its own order
    std::vector<ArticleRecord> articles;
    for (int i = 0; i < 40; ++i)
        articles.push_back(report(i, i >= 30));
    std::atomic<bool> done{false};
    std::atomic<int> failures{0}, reads{0};
    std::vector<IngestReport> reports(4);
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w) {
        threads.emplace_back([&, w] {
            try {
                auto store = open_event_store(location, StoreMode::read_write);
                std::vector<ArticleRecord> mine = articles;
                std::shuffle(mine.begin(), mine.end(), std::mt19937(static_cast<unsigned>(w)));
                for (const ArticleRecord& a : mine)
                    reports[static_cast<std::size_t>(w)].add(store->ingest({a}, {"feed", {}}));
            } catch (const std::exception& e) {
                ADD_FAILURE() << "writer " << w << ": " << e.what();
                ++failures;
            }
        });
    }
    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&] {
            try {
                auto store = open_event_store(location, StoreMode::read_only);
                std::int64_t last = 0;
                while (!done) {
                    const std::int64_t n = store->count({});
                    if (n < last)
                        ++failures;
                    last = n;
                    ++reads;
                }
            } catch (const std::exception& e) {
                ADD_FAILURE() << "reader: " << e.what();
                ++failures;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    done = true;
    for (auto& t : readers)
        t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_GT(reads.load(), 0);
    IngestReport total;
    for (const auto& r : reports)
        total.add(r);
    EXPECT_EQ(total.articles_added, 40);
    EXPECT_EQ(total.articles_skipped, 120);
    EXPECT_EQ(total.events_added, 31);
    EXPECT_EQ(total.events_merged, 9);
    auto store = open_event_store(location, StoreMode::read_only);
    EXPECT_EQ(store->count({}), 31);
    EventFilter clashes;
    clashes.types = {EventType::clash};
    std::vector<EventRecord> clash;
    store->query(clashes, [&](const EventRecord& r) { clash.push_back(r); });
    ASSERT_EQ(clash.size(), 1u) << "the clash told ten times is one event";
    EXPECT_EQ(clash[0].source_count, 10);
    EXPECT_EQ(store->sources(clash[0].id).size(), 10u);
    const std::string schema = "t_fourwritersandtworeadersloseanddoublenothing_e";
    EXPECT_EQ(sql_count("SELECT count(*) FROM " + schema + ".mentions"), 120);
    EXPECT_EQ(sql_count("SELECT count(*) FROM " + schema + ".places"), 2);
    EXPECT_EQ(sql_count("SELECT count(*) FROM " + schema + ".event_sources"), 40);
}

TEST_F(PostgisStore, AWrongPasswordIsOneLineNamingTheServerNotThePassword) {
    try {
        open_event_store(m_server->location("s", "kharita_test", "pw", "wrong"), StoreMode::create);
        FAIL() << "connected with a wrong password";
    } catch (const DatabaseError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("password authentication failed"), std::string::npos) << what;
        EXPECT_NE(what.find(m_server->directory()), std::string::npos) << what;
        EXPECT_EQ(what.find("wrong"), std::string::npos) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
    // nor in the URI's user part
    try {
        open_event_store("postgresql://pw:wrong@/kharita_test?host=" + m_server->directory(),
                         StoreMode::create);
        FAIL() << "connected with a wrong password";
    } catch (const DatabaseError& e) {
        EXPECT_EQ(std::string(e.what()).find("wrong"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("pw:***@"), std::string::npos) << e.what();
    }
    // the right one works
    auto store = open_event_store(m_server->location("pw_store", "kharita_test", "pw", "right"),
                                  StoreMode::create);
    EXPECT_EQ(store->count({}), 0);
}

TEST_F(PostgisStore, AnUnreachableServerIsOneLineNamingIt) {
    const std::string location = "postgresql:///kharita_test?host=/nonexistent/kharita&user=k";
    try {
        open_event_store(location, StoreMode::read_only);
        FAIL() << "opened a store on no server";
    } catch (const DatabaseError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind(location + ": connecting to the server: ", 0), 0u) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
}

TEST_F(PostgisStore, ADatabaseWithoutPostgisAndNoRightToCreateItIsNamed) {
    try {
        open_event_store(m_server->location("s", "nopostgis", "plain"), StoreMode::create);
        FAIL() << "created a store without PostGIS";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("no PostGIS extension"), std::string::npos) << what;
        EXPECT_NE(what.find("CREATE EXTENSION postgis"), std::string::npos) << what;
    }
}

TEST_F(PostgisStore, NewerSchemasAndTablesNotOursAreRefusedUntouched) {
    {
        auto store = open_event_store(db("newer"), StoreMode::create);
        store->ingest_records(random_records(10, 1));
    }
    m_server->sql("UPDATE t_newerschemasandtablesnotoursarerefuseduntouched_newer.meta SET "
                  "value = '99' WHERE key = 'event_schema_version'");
    try {
        open_event_store(db("newer"), StoreMode::read_write);
        FAIL() << "a newer schema was accepted";
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
    }
    EXPECT_EQ(sql_count("SELECT count(*) FROM "
                        "t_newerschemasandtablesnotoursarerefuseduntouched_newer.events"),
              10);
    m_server->sql("CREATE SCHEMA t_newerschemasandtablesnotoursarerefuseduntouched_other; "
                  "CREATE TABLE t_newerschemasandtablesnotoursarerefuseduntouched_other.events "
                  "(x int)");
    EXPECT_THROW(open_event_store(db("other"), StoreMode::create), InputError);
    EXPECT_THROW(open_event_store(db("missing"), StoreMode::read_only), InputError);
    EXPECT_THROW(open_event_store(m_server->location("bad-name"), StoreMode::create), InputError);
}

TEST_F(PostgisStore, AVersion2StoreMigratesKeepingItsRows) {
    auto records = random_records(200, 7);
    records[0].date_assumed = true;
    open_event_store(db("v2"), StoreMode::create)->ingest_records(records);
    // the store as version 2 left it: no date_assumed column
    const std::string s = schema("v2");
    m_server->sql("ALTER TABLE " + s + ".events DROP COLUMN date_assumed; UPDATE " + s +
                  ".meta SET value = '2' WHERE key = 'event_schema_version'");
    EXPECT_THROW(open_event_store(db("v2"), StoreMode::read_only), DatabaseError);
    {
        auto store = open_event_store(db("v2"), StoreMode::read_write);
        EXPECT_EQ(store->schema_version(), event_store_schema_version());
        EXPECT_EQ(store->count({}), 200);
        std::int64_t assumed = 0;
        store->query({}, [&](const EventRecord& r) { assumed += r.date_assumed ? 1 : 0; });
        EXPECT_EQ(assumed, 0); // stored before the column: read as stated
        store->ingest_records({records[0]});
    }
    auto store = open_event_store(db("v2"), StoreMode::read_only);
    EXPECT_EQ(store->count({}), 201);
    std::int64_t assumed = 0;
    store->query({}, [&](const EventRecord& r) { assumed += r.date_assumed ? 1 : 0; });
    EXPECT_EQ(assumed, 1);
}

TEST_F(PostgisStore, ProjectsInSchemasOfOneDatabaseStayApart) {
    auto a = open_event_store(db("a"), StoreMode::create);
    auto b = open_event_store(db("b"), StoreMode::create);
    a->ingest_records(random_records(30, 1));
    b->ingest_records(random_records(20, 2));
    EXPECT_EQ(a->count({}), 30);
    EXPECT_EQ(b->count({}), 20);
    // GDAL's PG: form, with its schemas= option, names the same store
    const std::string pg = "PG:dbname=kharita_test host=" + m_server->directory() +
                           " user=kharita schemas=t_projectsinschemasofonedatabasestayapart_a";
    EXPECT_EQ(open_event_store(pg, StoreMode::read_only)->count({}), 30);
    // libpq's own way: the first schema of the search path, created when missing
    const std::string by_path = "postgresql:///kharita_test?host=" + m_server->directory() +
                                "&user=kharita&options=-csearch_path%3D" +
                                "t_projectsinschemasofonedatabasestayapart_c";
    open_event_store(by_path, StoreMode::create)->ingest_records(random_records(5, 3));
    EXPECT_EQ(open_event_store(db("c"), StoreMode::read_only)->count({}), 5);
}

/// Every field of every event but the id, in a comparable order.
std::multiset<std::string> contents(const EventStore& store) {
    std::multiset<std::string> out;
    store.query({}, [&](const EventRecord& r) {
        out.insert(fmt::format(
            "{}|{}|{}|{}|{}|{}|{}|{:.9f}|{:.9f}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
            to_string(r.type), r.subtype, to_string(r.status),
            r.date_start ? r.date_start->iso() : "-", r.date_end ? r.date_end->iso() : "-",
            time_precision_name(r.time_precision), r.location, r.position ? r.position->lat : 999.0,
            r.position ? r.position->lon : 999.0, geo_precision_name(r.geo_precision),
            r.geo_precision_code, r.country, r.admin1, r.admin1_code, r.admin2,
            r.fatalities ? *r.fatalities : -1, r.confidence, r.actor1, r.actor2, r.actors,
            r.sources, r.source_count, r.notes));
    });
    return out;
}

TEST_F(PostgisStore, CopiesBetweenTheBackendsLoseNothing) {
    TempDir dir;
    auto records = random_records(3000, 9);
    records[0].notes = "tab\there, newline\nthere, backslash \\ and quote ' \"";
    records[1].fatalities = 12;
    records[2].admin2 = "Janzour";
    auto lite = open_event_store(dir / "a.sqlite", StoreMode::create);
    lite->ingest_records(records);
    lite->ingest({report(1, true), report(2, true)}, {"feed", {}}); // a merged event
    auto pg = open_event_store(db("copy"), StoreMode::create);
    EXPECT_EQ(copy_events(*lite, *pg), 3001);
    auto back = open_event_store(dir / "b.sqlite", StoreMode::create);
    EXPECT_EQ(copy_events(*pg, *back), 3001);
    const auto original = contents(*lite);
    EXPECT_EQ(contents(*pg), original);
    EXPECT_EQ(contents(*back), original);
}

TEST_F(PostgisStore, AServerStoppedMidIngestLeavesWholeArticlesAndTheNextRunCompletes) {
    const std::string location = db("e");
    std::vector<ArticleRecord> articles;
    for (int i = 0; i < 30; ++i)
        articles.push_back(report(i, false));
    {
        auto store = open_event_store(location, StoreMode::create);
        store->ingest({articles.begin(), articles.begin() + 10}, {"feed", {}});
        m_server->stop();
        try {
            store->ingest(articles, {"feed", {}});
            ADD_FAILURE() << "ingested into a stopped server";
        } catch (const DatabaseError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("ingesting articles"), std::string::npos) << what;
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        }
        m_server->start();
    }
    auto store = open_event_store(location, StoreMode::read_write);
    const IngestReport again = store->ingest(articles, {"feed", {}});
    EXPECT_EQ(again.articles_skipped, 10);
    EXPECT_EQ(again.articles_added, 20);
    EXPECT_EQ(store->count({}), 30);
}

TEST_F(PostgisStore, AServerStoppedMidCopyKeepsNothingOfTheLoad) {
    const std::string location = db("e");
    const auto records = random_records(20000, 4);
    {
        auto store = open_event_store(location, StoreMode::create);
        store->ingest_records(random_records(10, 1));
        std::size_t i = 0;
        try {
            store->ingest_records(
                [&](EventRecord& r) {
                    if (i == records.size())
                        return false;
                    if (i == 15000)
                        m_server->stop(); // the connection goes mid-load (the chunk is sent after)
                    r = records[i++];
                    return true;
                },
                static_cast<std::int64_t>(records.size()));
            ADD_FAILURE() << "a load survived its server";
        } catch (const DatabaseError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("storing events"), std::string::npos) << what;
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        }
        m_server->start();
    }
    auto store = open_event_store(location, StoreMode::read_write);
    EXPECT_EQ(store->count({}), 10);
    EXPECT_EQ(store->ingest_records(records), 20000);
    EXPECT_EQ(store->count({}), 20010);
}

TEST_F(PostgisStore, AFailedLargeLoadKeepsNothingNorLosesAnIndexAndTheStoreGoesOn) {
    const std::string name = schema("f");
    auto store = open_event_store(db("f"), StoreMode::create);
    store->ingest_records(random_records(10, 1));
    // indexes on events (the primary key, six, and the reviewed events') and foreign keys of
    // event_actors (two)
    const auto shape = [&] {
        return sql_count("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + name +
                         "' AND tablename = 'events'") *
                   10 +
               sql_count("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = '" +
                         name + ".event_actors'::regclass");
    };
    ASSERT_EQ(shape(), 82);
    auto records = random_records(25000, 5); // large against what is stored: indexes set aside
    records[7].actor2 = "Third";
    records[7].actors = "Actor 0; Second; Third; Second"; // a name listed twice keeps one role
    std::size_t i = 0;
    EXPECT_THROW(store->ingest_records(
                     [&](EventRecord& r) {
                         if (i == 20000) // the reader fails mid-COPY, in the second block
                             throw InputError("rows.csv", "line 20001: latitude: not a number");
                         r = records[i++];
                         return true;
                     },
                     25000),
                 InputError);
    EXPECT_EQ(store->count({}), 10);
    EXPECT_EQ(shape(), 82);
    EXPECT_EQ(store->ingest_records(records), 25000); // the same connection goes on
    EXPECT_EQ(store->count({}), 25010);
    EXPECT_EQ(shape(), 82);
    EXPECT_EQ(sql_count("SELECT count(*) FROM " + name + ".event_actors"), 10 + 25000 + 2);
    EXPECT_EQ(sql_count("SELECT count(*) FROM " + name + ".event_actors ea JOIN " + name +
                        ".actors a ON a.id = ea.actor_id JOIN " + name +
                        ".events e ON e.id = ea.event_id WHERE e.actor2 = 'Third' AND (a.name, "
                        "ea.role) IN (('Actor 0', 1), ('Third', 2), ('Second', 0))"),
              3);
}

TEST_F(PostgisStore, ALargeLoadStoresNeighboursInSpaceAndTimeOnFewPages) {
    const std::string name = schema("o");
    auto store = open_event_store(db("o"), StoreMode::create);
    store->ingest_records(random_records(30000, 8)); // in random order of place and time
    EventFilter f;
    f.bbox = BoundingBox{5, 20, 15, 30};
    f.from = CivilDay{2016, 1, 1};
    f.to = CivilDay{2016, 12, 31};
    const std::int64_t matches = store->count(f);
    ASSERT_GT(matches, 50);
    // in load order nearly every match would be on a page of its own
    const std::int64_t pages = sql_count(
        "SELECT count(DISTINCT (ctid::text::point)[0]) FROM " + name +
        ".events WHERE lon BETWEEN 5 AND 15 AND lat BETWEEN 20 AND 30 AND day_start <= "
        "(DATE '2016-12-31' - DATE '1970-01-01') AND day_end >= (DATE '2016-01-01' - DATE "
        "'1970-01-01')");
    EXPECT_LT(pages * 3, matches) << pages << " pages for " << matches << " matches";
}

TEST_F(PostgisStore, TwoLargeLoadsAtOnceBothComplete) {
    const std::string location = db("g");
    open_event_store(location, StoreMode::create);
    // each is large against the empty store and sets the indexes aside; without the load
    // lock both read the table, then each waited for the other to let it go: a deadlock
    std::vector<std::string> errors(2);
    std::vector<std::thread> loads;
    for (unsigned k = 0; k < 2; ++k) {
        loads.emplace_back([&, k] {
            try {
                open_event_store(location, StoreMode::read_write)
                    ->ingest_records(random_records(20000, 20 + k));
            } catch (const std::exception& e) {
                errors[k] = e.what();
            }
        });
    }
    for (auto& t : loads)
        t.join();
    EXPECT_EQ(errors, std::vector<std::string>(2));
    const auto store = open_event_store(location, StoreMode::read_only);
    EXPECT_EQ(store->count({}), 40000);
    EventFilter f;
    f.bbox = BoundingBox{12, 30, 14, 32};
    store->count(f);
    // a spatial index read (a count reads the point and dates' B-tree alone)
    EXPECT_NE(store->last_plan().find("events_lon_lat_days"), std::string::npos)
        << store->last_plan();
}

/// `n` events at random places inside `box`, on random days of `years` years from `first`.
std::vector<EventRecord> events_in(const BoundingBox& box, CivilDay first, int years, std::size_t n,
                                   unsigned seed) {
    std::vector<EventRecord> out = random_records(n, seed);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> lon(box.min_lon, box.max_lon),
        lat(box.min_lat, box.max_lat);
    std::uniform_int_distribution<int> day(0, years * 365 - 1);
    for (EventRecord& r : out) {
        r.position = LatLon{lat(rng), lon(rng)};
        r.date_start = r.date_end = first.plus_days(day(rng));
        r.time_precision = TimePrecision::day;
    }
    return out;
}

TEST_F(PostgisStore, TheQueryFormFollowsWhereTheStoredEventsAre) {
    const BoundingBox cell{13, 32, 14, 33};
    EventFilter month;
    month.bbox = cell;
    month.from = CivilDay{2018, 5, 1};
    month.to = CivilDay{2018, 5, 31};
    const auto form_of = [&](const EventStore& store, const std::vector<EventRecord>& records) {
        std::multiset<std::string> expected;
        for (const auto& r : records) {
            if (matches(r, month))
                expected.insert(r.notes);
        }
        EXPECT_EQ(keys_of(store, month), expected);
        const std::string rows = store.last_plan();
        EXPECT_EQ(store.count(month), static_cast<std::int64_t>(expected.size()));
        return rows.substr(0, rows.find(" form")) + " / " +
               store.last_plan().substr(0, store.last_plan().find(" form"));
    };
    // every event inside the box, over ten years: the month narrows, the box does not
    const auto inside = events_in(cell, {2015, 1, 1}, 10, 20000, 31);
    auto one_town = open_event_store(db("town"), StoreMode::create);
    one_town->ingest_records(inside);
    EXPECT_EQ(form_of(*one_town, inside), "PostGIS, dates / PostGIS, dates");
    // the same number spread over the world's land and sea, over the month's year: the box
    // holds a few of them, the month a twelfth
    const auto spread = events_in(BoundingBox{-180, -60, 180, 70}, {2018, 1, 1}, 1, 20000, 32);
    auto world = open_event_store(db("world"), StoreMode::create);
    world->ingest_records(spread);
    const std::string spatial = form_of(*world, spread);
    EXPECT_EQ(spatial.find("dates"), std::string::npos) << spatial << "; " << world->last_plan();
}

/// An article with five place mentions and three events of its own, at places apart from
/// every other article's.
ArticleRecord long_report(int i) {
    ArticleRecord a = report(i, false);
    a.mentions.assign(5, a.mentions.front());
    a.events.assign(3, a.events.front());
    for (int k = 0; k < 3; ++k) {
        a.events[static_cast<std::size_t>(k)].record.position =
            LatLon{-40.0 + i * 0.5, 100.0 + k * 5};
    }
    return a;
}

TEST_F(PostgisStore, WritersKilledMidBatchLeaveWholeArticlesOnly) {
    const std::string location = db("e");
    open_event_store(location, StoreMode::create);
    std::vector<ArticleRecord> articles;
    for (int i = 0; i < 120; ++i)
        articles.push_back(long_report(i));
    std::mt19937 rng(3);
    for (int round = 0; round < 4; ++round) {
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) { // the child ingests until killed; _exit keeps the server running
            try {
                auto store = open_event_store(location, StoreMode::read_write);
                for (const ArticleRecord& a : articles)
                    store->ingest({a}, {"feed", {}});
            } catch (...) {
                _exit(2);
            }
            _exit(0);
        }
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(20, 200)(rng)));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
    }
    const std::string schema = "t_writerskilledmidbatchleavewholearticlesonly_e";
    EXPECT_EQ(sql_count("SELECT count(*) FROM " + schema +
                        ".articles a WHERE (SELECT count(*) "
                        "FROM " +
                        schema +
                        ".mentions m WHERE m.article_id = a.id) <> 5 OR "
                        "(SELECT count(*) FROM " +
                        schema +
                        ".event_sources s WHERE "
                        "s.article_id = a.id) <> 3"),
              0);
    auto store = open_event_store(location, StoreMode::read_write);
    const IngestReport rest = store->ingest(articles, {"feed", {}});
    EXPECT_EQ(rest.articles_added + rest.articles_skipped, 120);
    EXPECT_EQ(store->count({}), 360);
    EXPECT_EQ(sql_count("SELECT count(*) FROM " + schema + ".mentions"), 600);
}

} // namespace
} // namespace kharita
