// The event store without a gazetteer: schema, bulk and row-by-row loads, every query plan
// against a brute-force filter, exports, ACLED round trip, concurrency and bad input.

#include "detail/gdal.hpp"
#include "detail/sqlite.hpp"
#include "kharita/base/error.hpp"
#include "kharita/exchange/export.hpp"
#include "kharita/geo/polygon.hpp"
#include "kharita/store/store.hpp"
#include "store/source_names.hpp"

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

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = fs::temp_directory_path() / ("kharita-store-test-" + std::to_string(rd()));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    fs::path operator/(const std::string& name) const { return m_path / name; }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

const EventType kTypes[] = {EventType::meeting, EventType::clash,  EventType::attack,
                            EventType::protest, EventType::border, EventType::migration};

/// Random events over North Africa: some without a place, some undated, spans from a day
/// to more than a year so every span class is used.
std::vector<EventRecord> random_records(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> lat(15, 37), lon(-17, 37), unit(0, 1);
    std::uniform_int_distribution<int> day(0, 4000), type(0, 5);
    const CivilDay base{2015, 1, 1};
    std::vector<EventRecord> out;
    for (std::size_t i = 0; i < n; ++i) {
        EventRecord r;
        r.type = kTypes[type(rng)];
        r.subtype = to_string(r.type);
        r.status = unit(rng) < 0.8 ? EventStatus::occurred : EventStatus::planned;
        const double u = unit(rng);
        if (u > 0.03) {
            const CivilDay first = base.plus_days(day(rng));
            const int span = u < 0.7 ? 0 : u < 0.85 ? 6 : u < 0.95 ? 30 : u < 0.99 ? 200 : 700;
            r.date_start = first;
            r.date_end = first.plus_days(span);
            r.time_precision = span == 0   ? TimePrecision::day
                               : span < 10 ? TimePrecision::week
                               : span < 40 ? TimePrecision::month
                                           : TimePrecision::year;
        }
        if (unit(rng) > 0.02) {
            r.position = LatLon{lat(rng), lon(rng)};
            r.geo_precision = unit(rng) < 0.7 ? GeoPrecision::town : GeoPrecision::region;
            r.location = "Place " + std::to_string(i % 97);
            r.country = i % 3 == 0 ? "LY" : i % 3 == 1 ? "TN" : "EG";
            r.admin1_code = std::to_string(60 + i % 5);
        }
        r.actor1 = "Actor " + std::to_string(i % 7);
        r.actors = r.actor1;
        r.confidence = 0.5;
        r.notes = "Event number " + std::to_string(i) + (i % 50 == 0 ? " near the harbour" : "");
        r.sources = "Synthetic";
        out.push_back(std::move(r));
    }
    return out;
}

bool matches(const EventRecord& r, const EventFilter& f) {
    if (f.from || f.to) {
        if (!r.date_start && !r.date_end)
            return false;
        const CivilDay first = r.date_start.value_or(*r.date_end),
                       last = r.date_end.value_or(first);
        if (f.to && first > *f.to)
            return false;
        if (f.from && last < *f.from)
            return false;
    }
    if (f.bbox && (!r.position || !f.bbox->contains(*r.position)))
        return false;
    if (!f.types.contains(r.type))
        return false;
    if (!f.regions.empty()) {
        bool any = false;
        for (const auto& reg : f.regions) {
            any = any || (r.country == reg.country &&
                          (reg.admin1_code.empty() || r.admin1_code == reg.admin1_code));
        }
        if (!any)
            return false;
    }
    return true;
}

std::multiset<std::string> keys_of(const EventStore& store, const EventFilter& f) {
    std::multiset<std::string> out;
    store.query(f, [&](const EventRecord& r) { out.insert(r.notes); });
    return out;
}

TEST(EventStore, CreatesSchemaAndReopens) {
    TempDir dir;
    {
        auto store = open_event_store(dir / "e.sqlite", StoreMode::create);
        EXPECT_EQ(store->schema_version(), event_store_schema_version());
    }
    auto again = open_event_store(dir / "e.sqlite", StoreMode::read_only);
    EXPECT_EQ(again->count({}), 0);
}

TEST(EventStore, EveryPlanReturnsWhatABruteForceFilterReturns) {
    TempDir dir;
    const auto records = random_records(30000, 11);
    auto store = open_event_store(dir / "e.sqlite", StoreMode::create);
    ASSERT_EQ(store->ingest_records(records), 30000); // the bulk path (indexes rebuilt)
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> lat(14, 38), lon(-18, 38), size(0.05, 25);
    std::uniform_int_distribution<int> day(-100, 4200), len(0, 800);
    std::set<std::string> plans;
    for (int i = 0; i < 60; ++i) {
        EventFilter f;
        if (i % 4 != 3) {
            const double w = lon(rng), s = lat(rng), d = size(rng);
            f.bbox = BoundingBox{w, s, std::min(180.0, w + d), std::min(90.0, s + d * 0.6)};
        }
        if (i % 3 != 2) {
            f.from = CivilDay{2015, 1, 1}.plus_days(day(rng));
            f.to = f.from->plus_days(len(rng));
        }
        if (i % 5 == 0)
            f.types = {EventType::clash, EventType::protest};
        if (i % 7 == 0)
            f.regions = {{"LY", "", "Libya"}, {"EG", "61", "an Egyptian unit"}};
        std::multiset<std::string> expected;
        for (const auto& r : records) {
            if (matches(r, f))
                expected.insert(r.notes);
        }
        ASSERT_EQ(keys_of(*store, f), expected) << "filter " << i << " via " << store->last_plan();
        EXPECT_EQ(store->count(f), static_cast<std::int64_t>(expected.size()));
        plans.insert(store->last_plan().substr(0, 10));
    }
    EXPECT_GE(plans.size(), 2u) << "both the cell plan and the scan were exercised";
}

TEST(EventStore, RowByRowLoadAfterBulkKeepsIndexesRight) {
    TempDir dir;
    auto store = open_event_store(dir / "e.sqlite", StoreMode::create);
    const auto first = random_records(25000, 1), second = random_records(500, 2);
    store->ingest_records(first);
    store->ingest_records(second); // small against what is stored: row by row
    EventFilter f;
    f.bbox = BoundingBox{12, 30, 14, 32};
    f.from = CivilDay{2018, 1, 1};
    f.to = CivilDay{2018, 12, 31};
    std::size_t expected = 0;
    for (const auto* set : {&first, &second}) {
        for (const auto& r : *set)
            expected += matches(r, f) ? 1 : 0;
    }
    EXPECT_EQ(store->count(f), static_cast<std::int64_t>(expected));
    EXPECT_EQ(store->last_plan().rfind("space-time", 0), 0u);
}

TEST(EventStore, FreeTextLimitPolygonAndPrecision) {
    TempDir dir;
    const auto records = random_records(2000, 3);
    auto store = open_event_store(dir / "e.sqlite", StoreMode::create);
    store->ingest_records(records);
    EventFilter text;
    text.text = "harbour";
    EXPECT_EQ(store->count(text), 40);
    EventFilter limited;
    limited.limit = 7;
    EXPECT_EQ(store->count(limited), 7);
    EventFilter poly; // a triangle: fewer than its bounding box holds
    poly.polygon_wkt = "POLYGON((0 20,30 20,0 35,0 20))";
    EventFilter box;
    box.bbox = BoundingBox{0, 20, 30, 35};
    EXPECT_GT(store->count(poly), 0);
    EXPECT_LT(store->count(poly), store->count(box));
    EventFilter fine;
    fine.min_geo_precision = GeoPrecision::town;
    std::int64_t towns = 0;
    for (const auto& r : records)
        towns += r.geo_precision == GeoPrecision::town ? 1 : 0;
    EXPECT_EQ(store->count(fine), towns);
    EventFilter weekly;
    weekly.min_time_precision = TimePrecision::week;
    std::int64_t day_or_week = 0;
    for (const auto& r : records)
        day_or_week +=
            r.time_precision == TimePrecision::day || r.time_precision == TimePrecision::week ? 1
                                                                                              : 0;
    EXPECT_EQ(store->count(weekly), day_or_week);
}

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

/// An article telling one clash at Tripoli, with the given date, toll and confidence.
ArticleRecord clash_report(const std::string& source, std::optional<CivilDay> start,
                           std::optional<CivilDay> end, const char* precision,
                           std::optional<int> fatalities, double confidence) {
    ArticleRecord a;
    a.source = source;
    a.title = "Clashes in Tripoli";
    a.text = "Clashes in Tripoli, as " + source + " tells it.";
    ArticleEventRecord e;
    e.record.type = EventType::clash;
    e.record.status = EventStatus::occurred;
    e.record.date_start = start;
    e.record.date_end = end;
    e.record.time_precision = time_precision_from(precision);
    e.record.location = "Tripoli";
    e.record.position = LatLon{32.8872, 13.1913};
    e.record.geo_precision = GeoPrecision::town;
    e.record.country = "LY";
    e.record.fatalities = fatalities;
    e.record.confidence = confidence;
    e.record.notes = a.text;
    e.evidence_end = a.text.size();
    a.events.push_back(e);
    return a;
}

TEST(EventStore, AnEventToldAgainGainsWhatTheMergePolicyDecides) {
    TempDir dir;
    auto store = open_event_store(dir / "e.sqlite", StoreMode::create);
    const CivilDay may1{2025, 5, 1}, may14{2025, 5, 14}, may31{2025, 5, 31};
    // in May, toll unknown; then on 14 May with a toll; then undated, from the first source
    store->ingest({clash_report("A", may1, may31, "month", std::nullopt, 0.5)}, {"a", {}});
    ArticleRecord undated =
        clash_report("A", std::nullopt, std::nullopt, "unknown", std::nullopt, 0.4);
    undated.text += " Again."; // another article: the same text would be skipped
    const IngestReport second =
        store->ingest({clash_report("B", may14, may14, "day", 5, 0.7), undated}, {"b", {}});
    EXPECT_EQ(second.events_added, 0);
    EXPECT_EQ(second.events_merged, 2);
    std::vector<EventRecord> stored;
    store->query({}, [&](const EventRecord& r) { stored.push_back(r); });
    ASSERT_EQ(stored.size(), 1u);
    const EventRecord& r = stored.front();
    EXPECT_EQ(r.date_start, may14); // the finer date
    EXPECT_EQ(r.date_end, may14);
    EXPECT_EQ(r.time_precision, TimePrecision::day);
    EXPECT_EQ(r.fatalities, 5); // the stated toll
    EXPECT_DOUBLE_EQ(r.confidence, 0.7);
    EXPECT_EQ(r.sources, "A; B"); // each source once
    EXPECT_EQ(r.source_count, 3);
    // the index keys moved with the date
    EventFilter daily;
    daily.min_time_precision = TimePrecision::day;
    daily.from = daily.to = may14;
    EXPECT_EQ(store->count(daily), 1);
    EXPECT_EQ(store->sources(r.id).size(), 3u);
}

TEST(EventStore, BadFiltersAreInputErrors) {
    TempDir dir;
    auto store = open_event_store(dir / "e.sqlite", StoreMode::create);
    EventFilter inverted;
    inverted.from = CivilDay{2025, 5, 1};
    inverted.to = CivilDay{2025, 1, 1};
    EXPECT_THROW(store->count(inverted), InputError);
    EventFilter bad_wkt;
    bad_wkt.polygon_wkt = "POLYGON((1 2, 3";
    EXPECT_THROW(store->count(bad_wkt), InputError);
    EXPECT_THROW(read_polygon("POLYGON((1 2, 3"), InputError);
    EXPECT_THROW(read_polygon("{\"type\": \"Point\", \"coordinates\": [1, 2]}"), InputError);
    EXPECT_THROW(read_polygon("/nonexistent/area.geojson"), InputError);
    EXPECT_NO_THROW(
        read_polygon("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}"));
    EventFilter bad_box;
    bad_box.bbox = BoundingBox{20, 10, 10, 20};
    EXPECT_THROW(store->count(bad_box), InputError);
    EventFilter negative;
    negative.limit = -1;
    // errors name the field, not a command-line option
    for (const auto& [filter, field] : {std::pair{inverted, "date range"},
                                        {bad_box, "bbox"},
                                        {negative, "limit"},
                                        {bad_wkt, "polygon"}}) {
        try {
            store->count(filter);
            ADD_FAILURE() << field << " accepted";
        } catch (const InputError& e) {
            EXPECT_EQ(e.source(), field) << e.what();
        }
    }
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

std::int64_t count_features(const fs::path& file) {
    auto ds = detail::Dataset::open_vector(file);
    return ds.layer(0)->GetFeatureCount();
}

TEST(Export, EveryFormatHoldsEveryEvent) {
    TempDir dir;
    auto store = open_event_store(dir / "e.sqlite", StoreMode::create);
    auto records = random_records(300, 4);
    std::erase_if(records, [](const EventRecord& r) { return !r.position; });
    store->ingest_records(records);
    const auto n = static_cast<std::int64_t>(records.size());
    for (const char* name : {"out.geojson", "out.gpkg", "out.kml", "out.csv", "out.fgb"}) {
        const fs::path file = dir / name;
        EXPECT_EQ(export_events(*store, {}, file, export_format(file)), n) << name;
        EXPECT_EQ(count_features(file), n) << name;
    }
    // RFC 7946: no crs member, lon/lat order, ISO dates
    std::ifstream in(dir / "out.geojson");
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    EXPECT_EQ(text.find("\"crs\""), std::string::npos);
    EXPECT_NE(text.find("\"date_start\":\"20"), std::string::npos);
    EXPECT_THROW(export_format("out.shp"), InputError);
    EXPECT_EQ(export_format("out.json"), ExportFormat::geojson);
    EXPECT_EQ(export_format("out.csv", "FlatGeobuf"), ExportFormat::flatgeobuf);
    EXPECT_EQ(export_format("out.csv", "acled"), ExportFormat::acled);
    for (const ExportFormat f : {ExportFormat::geojson, ExportFormat::gpkg, ExportFormat::kml,
                                 ExportFormat::csv, ExportFormat::flatgeobuf, ExportFormat::acled})
        EXPECT_EQ(export_format("out", format_key(f)), f);
    EXPECT_EQ(to_string(ExportFormat::acled), "ACLED CSV");
    EXPECT_EQ(csv_geometry_from("wkt"), CsvGeometry::wkt);
    EXPECT_EQ(csv_geometry_from(to_string(CsvGeometry::xy)), CsvGeometry::xy);
    EXPECT_EQ(csv_geometry_from("WKB"), std::nullopt);
    // the GeoPackage carries a default QGIS style for its events layer
    auto gpkg = detail::Database::open(dir / "out.gpkg", detail::OpenMode::read_only, false);
    EXPECT_EQ(gpkg.query_int("SELECT count(*) FROM layer_styles WHERE f_table_name = 'events' "
                             "AND useAsDefault = 1 AND styleQML LIKE '%categorizedSymbol%'"),
              1);
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

TEST(Acled, RoundTripKeepsTheCoreFields) {
    TempDir dir;
    const fs::path csv = dir / "in.csv";
    {
        std::ofstream out(csv);
        out << "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_"
               "type,"
               "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_"
               "targeting,"
               "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
               "source,source_scale,notes,fatalities,tags,timestamp\n"
               "LBY1,2025-05-12,2025,1,Political violence,Battles,Armed clash,Militia A,,1,Militia "
               "B,,1,11,,"
               "434,Northern Africa,LY,Tripoli,,,Abu Salim,32.8400,13.1900,1,Reporter,,"
               "\"Fighting, with \"\"heavy\"\" weapons.\",6,,\n"
               "LBY2,14 March 2025,2025,3,Demonstrations,Protests,Peaceful "
               "protest,Protesters,,6,,,,60,,"
               "434,Northern Africa,LY,Misratah,,,Misrata,32.3754,15.0925,2,Daily,,Sit-in.,0,,\n";
    }
    Diagnostics problems;
    const auto records = read_acled_csv(csv, problems);
    ASSERT_TRUE(problems.empty());
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1].date_start->iso(), "2025-03-14");
    auto store = open_event_store(dir / "e.sqlite", StoreMode::create);
    store->ingest_records(records);
    const fs::path back = dir / "back.csv";
    ASSERT_EQ(export_events(*store, {}, back, ExportFormat::acled), 2);
    Diagnostics again;
    const auto round = read_acled_csv(back, again);
    ASSERT_EQ(round.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        const EventRecord &a = records[i], &b = round[i];
        EXPECT_EQ(a.date_start, b.date_start);
        EXPECT_EQ(a.time_precision, b.time_precision);
        EXPECT_EQ(a.type, b.type);
        EXPECT_EQ(a.subtype, b.subtype);
        EXPECT_EQ(a.actor1, b.actor1);
        EXPECT_EQ(a.actor2, b.actor2);
        EXPECT_EQ(a.admin1, b.admin1);
        EXPECT_EQ(a.location, b.location);
        EXPECT_NEAR(a.position->lat, b.position->lat, 1e-5);
        EXPECT_NEAR(a.position->lon, b.position->lon, 1e-5);
        EXPECT_EQ(a.geo_precision_code, b.geo_precision_code);
        EXPECT_EQ(a.sources, b.sources);
        EXPECT_EQ(a.notes, b.notes);
        EXPECT_EQ(a.fatalities, b.fatalities);
    }
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

TEST(EventStore, ReadersNeverSeeATornBatch) {
    TempDir dir;
    const fs::path db = dir / "e.sqlite";
    open_event_store(db, StoreMode::create);
    constexpr int kBatch = 50, kBatches = 40;
    std::atomic<bool> done{false};
    std::atomic<int> bad{0}, reads{0};
    std::thread reader([&] {
        auto store = open_event_store(db, StoreMode::read_only);
        EventFilter f;
        f.from = CivilDay{2010, 1, 1};
        while (!done) {
            try {
                const auto n = store->count({});
                if (n % kBatch != 0)
                    ++bad;
                store->count(f);
                ++reads;
            } catch (const std::exception&) {
                ++bad;
            }
        }
    });
    {
        auto writer = open_event_store(db, StoreMode::read_write);
        for (int i = 0; i < kBatches; ++i) {
            auto batch = random_records(kBatch, static_cast<unsigned>(100 + i));
            for (auto& r : batch)
                r.date_start = r.date_end = CivilDay{2020, 1, 1};
            writer->ingest_records(batch);
        }
    }
    done = true;
    reader.join();
    EXPECT_EQ(bad.load(), 0);
    EXPECT_GT(reads.load(), 0);
}

} // namespace
} // namespace kharita
