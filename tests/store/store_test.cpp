// The SpatiaLite event store's own tests without a gazetteer (files that are not stores, one-line
// errors, failed exports, ACLED's bad rows) and the typed sets and names; the suite both
// backends pass (query plans against a brute-force filter, loads, merges, exports) is in
// store_suite_test.cpp.

#include "detail/gdal.hpp"
#include "detail/sqlite.hpp"
#include "kharita/base/error.hpp"
#include "kharita/exchange/export.hpp"
#include "kharita/geo/polygon.hpp"
#include "kharita/store/store.hpp"
#include "store/source_names.hpp"
#include "store_test_support.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

namespace kharita {
namespace {

namespace fs = std::filesystem;
using namespace testing_support; // NOLINT(google-build-using-namespace)

TEST(EnumSet, TypedSetsOfEventTypesAndStatuses) {
    EventTypeSet types;
    EXPECT_TRUE(types.empty());
    types.insert(EventType::protest);
    types.insert(EventType::clash);
    EXPECT_EQ(types.size(), 2u);
    EXPECT_TRUE(types.contains(EventType::clash));
    EXPECT_FALSE(types.contains(EventType::meeting));
    EXPECT_EQ(types.values(), (std::vector<EventType>{EventType::clash, EventType::protest}));
    types.set(EventType::clash, false);
    EXPECT_EQ(types, EventTypeSet{EventType::protest});
    EXPECT_TRUE(EventTypeSet::all().full());
    EXPECT_EQ(EventTypeSet::all().size(), 9u);
    EXPECT_TRUE(EventTypeSet::all().contains(EventType::strategic));
    EXPECT_EQ(EventStatusSet::all().size(), 3u);
    // every member has a name its enum's table reads back
    for (const EventType t : EventTypeSet::all().values())
        EXPECT_EQ(event_type_from(to_string(t)), t);
    for (const EventStatus st : EventStatusSet::all().values())
        EXPECT_EQ(event_status_from(to_string(st)), st);
}

TEST(EventRecord, PrecisionNamesAsStoredAndExported) {
    EXPECT_EQ(time_precision_name(TimePrecision::month), "month");
    EXPECT_EQ(time_precision_name(std::nullopt), "unknown");
    EXPECT_EQ(geo_precision_name(GeoPrecision::town), "town");
    EXPECT_EQ(geo_precision_name(std::nullopt), "");
    EXPECT_NE(geo_precision_name(std::nullopt).data(), nullptr); // binds as '', not NULL
}

TEST(SourceNames, EachNameOnceInOrder) {
    EXPECT_EQ(store::with_source_name("", "Libya Observer"), "Libya Observer");
    EXPECT_EQ(store::with_source_name("A", "B"), "A; B");
    EXPECT_EQ(store::with_source_name("A; B", "A"), "A; B");
    EXPECT_EQ(store::with_source_name("A; B", "B"), "A; B");
    EXPECT_EQ(store::with_source_name("A; B", ""), "A; B");
    // a name that is only part of a listed one is another source
    EXPECT_EQ(store::with_source_name("Libya Observer", "Libya"), "Libya Observer; Libya");
}

TEST(EventStore, RefusesFilesThatAreNotItsStores) {
    TempDir dir;
    {
        std::ofstream(dir / "text.sqlite")
            << "this is not a database, just text long enough to have a header";
    }
    // a file that is not our store is bad input, named in the message
    try {
        open_event_store(dir / "text.sqlite", StoreMode::read_write);
        FAIL() << "a text file opened as a store";
    } catch (const InputError& e) {
        EXPECT_EQ(e.source(), (dir / "text.sqlite").string());
        EXPECT_NE(std::string(e.what()).find("not an SQLite database"), std::string::npos);
    }
    EXPECT_THROW(open_event_store(dir / "missing.sqlite", StoreMode::read_only), InputError);
    {
        auto other = detail::Database::open(dir / "other.sqlite", detail::OpenMode::create, false);
        other.exec("CREATE TABLE t (x)");
    }
    EXPECT_THROW(open_event_store(dir / "other.sqlite", StoreMode::read_write), InputError);
    { auto empty = detail::Database::open(dir / "empty.sqlite", detail::OpenMode::create, false); }
    EXPECT_THROW(open_event_store(dir / "empty.sqlite", StoreMode::read_only), InputError);
    {
        auto store = open_event_store(dir / "newer.sqlite", StoreMode::create);
        store->ingest_records(random_records(10, 1));
    }
    {
        auto db = detail::Database::open(dir / "newer.sqlite", detail::OpenMode::read_write, false);
        db.exec("UPDATE meta SET value = '99' WHERE key = 'event_schema_version'");
    }
    try {
        open_event_store(dir / "newer.sqlite", StoreMode::read_write);
        FAIL() << "a newer schema was accepted";
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
    }
    // the refused store is untouched
    auto db = detail::Database::open(dir / "newer.sqlite", detail::OpenMode::read_only, false);
    EXPECT_EQ(db.query_int("SELECT count(*) FROM events"), 10);
}

TEST(EventStore, AVersion2StoreMigratesKeepingItsRows) {
    TempDir dir;
    const fs::path file = dir / "v2.sqlite";
    auto records = random_records(200, 7);
    records[0].date_assumed = true;
    {
        auto store = open_event_store(file, StoreMode::create);
        store->ingest_records(records);
    }
    {
        // the store as version 2 left it: no date_assumed column
        auto db = detail::Database::open(file, detail::OpenMode::read_write, false);
        db.exec("ALTER TABLE events DROP COLUMN date_assumed; UPDATE meta SET value = '2' "
                "WHERE key = 'event_schema_version'");
    }
    // reading needs the migration, which only a writer runs; the message names the command
    try {
        open_event_store(file, StoreMode::read_only);
        FAIL() << "a version 2 store was read without migrating";
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("kharita store migrate"), std::string::npos)
            << e.what();
    }
    {
        auto store = open_event_store(file, StoreMode::read_write);
        EXPECT_EQ(store->schema_version(), event_store_schema_version());
        EXPECT_EQ(store->count({}), 200);
        std::int64_t assumed = 0;
        store->query({}, [&](const EventRecord& r) { assumed += r.date_assumed ? 1 : 0; });
        EXPECT_EQ(assumed, 0);               // stored before the column: read as stated
        store->ingest_records({records[0]}); // and it takes new events with the flag
    }
    auto store = open_event_store(file, StoreMode::read_only);
    EXPECT_EQ(store->count({}), 201);
    std::int64_t assumed = 0;
    store->query({}, [&](const EventRecord& r) { assumed += r.date_assumed ? 1 : 0; });
    EXPECT_EQ(assumed, 1);
}

/// True when a database error reads as one line without a statement in it.
void expect_one_line_without_sql(const std::string& what) {
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    for (const char* keyword : {"CREATE ", "INSERT ", "SELECT ", "UPDATE ", "SQL:"})
        EXPECT_EQ(what.find(keyword), std::string::npos) << keyword << " in " << what;
}

TEST(EventStore, AFailingStatementIsOneLineNamingTheFileAndOperation) {
    TempDir dir;
    const fs::path file = dir / "e.sqlite";
    {
        auto store = open_event_store(file, StoreMode::create);
        store->ingest_records(random_records(10, 1));
    }
    {
        auto db = detail::Database::open(file, detail::OpenMode::read_write, false);
        db.exec("DROP TABLE cell_counts");
    }
    auto store = open_event_store(file, StoreMode::read_write);
    try {
        store->ingest_records(random_records(10, 2));
        FAIL() << "stored into a store without its cell counts";
    } catch (const DatabaseError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind(file.string() + ": storing events: ", 0), 0U) << what;
        EXPECT_NE(what.find("no such table: cell_counts"), std::string::npos) << what;
        expect_one_line_without_sql(what);
        EXPECT_FALSE(e.sql().empty()); // kept for whoever debugs, not shown
    }
    // nothing of the failed transaction is kept
    auto db = detail::Database::open(file, detail::OpenMode::read_only, false);
    EXPECT_EQ(db.query_int("SELECT count(*) FROM events"), 10);
}

TEST(EventStore, ASchemaScriptThatFailsIsNotQuotedInItsError) {
    // what a second creator used to print: the whole schema after "table meta already exists"
    auto db = detail::Database::open(":memory:", detail::OpenMode::create, false);
    db.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)");
    try {
        db.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);\nCREATE TABLE t (x);");
        FAIL() << "created a table twice";
    } catch (const DatabaseError& e) {
        EXPECT_STREQ(e.what(), "table meta already exists");
        expect_one_line_without_sql(e.what());
    }
}

TEST(Export, AFailedExportLeavesNoFile) {
    TempDir dir;
    auto store = open_event_store(dir / "e.sqlite", StoreMode::create);
    store->ingest_records(random_records(2000, 5));
    // a destination that cannot be created
    EXPECT_THROW(export_events(*store, {}, "/proc/kharita-test.geojson", ExportFormat::geojson),
                 InputError);
    EXPECT_THROW(export_events(*store, {}, dir / "no/such/dir/x.geojson", ExportFormat::geojson),
                 InputError);
    // a disk that fills up: a child process with a 20 KB file-size limit
    const fs::path out = dir / "full.geojson";
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{20000, 20000};
        setrlimit(RLIMIT_FSIZE, &limit);
        try {
            export_events(*open_event_store(dir / "e.sqlite", StoreMode::read_only), {}, out,
                          ExportFormat::geojson);
            _exit(0);
        } catch (const InputError&) {
            _exit(3);
        } catch (...) {
            _exit(4);
        }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 3) << "the full disk is reported as an input error";
    for (const auto& e : fs::directory_iterator(dir.path())) {
        EXPECT_EQ(e.path().filename().string().rfind("e.sqlite", 0), 0u)
            << "left behind: " << e.path();
    }
    EXPECT_FALSE(fs::exists(out));
}

TEST(Acled, BadRowsAreReportedWithTheirLineAndSkipped) {
    TempDir dir;
    const fs::path csv = dir / "bad.csv";
    {
        std::ofstream out(csv);
        out << "event_date,event_type,sub_event_type,latitude,longitude\n"
               "2025-02-31,Battles,Armed clash,32,13\n"
               "2025-02-01,Battles,Knitting,32,13\n"
               "2025-02-01,Battles,Armed clash,132,13\n"
               "2025-02-01,Battles,Armed clash,32,13\n";
    }
    Diagnostics problems;
    const auto records = read_acled_csv(csv, problems);
    EXPECT_EQ(records.size(), 1u);
    ASSERT_EQ(problems.count(), 3u);
    EXPECT_EQ(problems.examples()[0].line, 2u);
    EXPECT_NE(problems.examples()[0].message.find("event_date"), std::string::npos);
    const fs::path missing = dir / "missing.csv";
    std::ofstream(missing) << "event_date,latitude\n2025-01-01,3\n";
    EXPECT_THROW(read_acled_csv(missing, problems), InputError);
}

} // namespace
} // namespace kharita
