// The event store's suite, run on both backends (SpatiaLite and a PostGIS server started
// for the test binary, tests/store/pg_server.hpp): every query plan against a brute-force
// filter, bulk and row-by-row loads, free text, polygons and precisions, the merge rules,
// bad filters, exports, the ACLED round trip and readers during a write.

#include "detail/gdal.hpp"
#include "detail/sqlite.hpp"
#include "kharita/base/error.hpp"
#include "kharita/exchange/export.hpp"
#include "kharita/geo/polygon.hpp"
#include "kharita/store/store.hpp"
#include "pg_server.hpp"
#include "store_test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <thread>

namespace kharita {
namespace {

using namespace testing_support; // NOLINT(google-build-using-namespace)

std::int64_t count_features(const fs::path& file) {
    auto ds = detail::Dataset::open_vector(file);
    return ds.layer(0)->GetFeatureCount();
}

TEST_P(StoreSuite, CreatesSchemaAndReopens) {
    {
        auto store = open_event_store(db("e"), StoreMode::create);
        EXPECT_EQ(store->schema_version(), event_store_schema_version());
    }
    auto again = open_event_store(db("e"), StoreMode::read_only);
    EXPECT_EQ(again->count({}), 0);
}

TEST_P(StoreSuite, EveryPlanReturnsWhatABruteForceFilterReturns) {
    const auto records = random_records(30000, 11);
    auto store = open_event_store(db("e"), StoreMode::create);
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
        // SpatiaLite's plans differ in their first words, PostgreSQL's in the indexes named
        plans.insert(GetParam() == Backend::spatialite ? store->last_plan().substr(0, 10)
                                                       : store->last_plan());
    }
    EXPECT_GE(plans.size(), 2u) << "both the cell plan and the scan were exercised";
}

TEST_P(StoreSuite, OpenDateRangesReturnWhatABruteForceFilterReturns) {
    const auto records = random_records(3000, 12); // every span class, some undated
    auto store = open_event_store(db("e"), StoreMode::create);
    store->ingest_records(records);
    for (const int i : {0, 1, 2, 3}) {
        EventFilter f;
        if (i != 1)
            f.from = CivilDay{2018, 3, 1};
        if (i != 0)
            f.to = CivilDay{2018, 3, 31};
        if (i == 3)
            f.bbox = BoundingBox{0, 20, 30, 35};
        std::multiset<std::string> expected;
        for (const auto& r : records) {
            if (matches(r, f))
                expected.insert(r.notes);
        }
        EXPECT_EQ(keys_of(*store, f), expected) << "filter " << i << " via " << store->last_plan();
    }
}

TEST_P(StoreSuite, RowByRowLoadAfterBulkKeepsIndexesRight) {
    auto store = open_event_store(db("e"), StoreMode::create);
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
    if (GetParam() == Backend::spatialite)
        EXPECT_EQ(store->last_plan().rfind("space-time", 0), 0u);
    else
        EXPECT_NE(store->last_plan().find("Index Scan events_"), std::string::npos)
            << store->last_plan();
}

TEST_P(StoreSuite, FreeTextLimitPolygonAndPrecision) {
    const auto records = random_records(2000, 3);
    auto store = open_event_store(db("e"), StoreMode::create);
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

TEST_P(StoreSuite, AnEventToldAgainGainsWhatTheMergePolicyDecides) {
    auto store = open_event_store(db("e"), StoreMode::create);
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

/// The one event a store holds.
EventRecord only_event(const EventStore& store) {
    std::vector<EventRecord> stored;
    store.query({}, [&](const EventRecord& r) { stored.push_back(r); });
    EXPECT_EQ(stored.size(), 1u);
    return stored.empty() ? EventRecord{} : stored.front();
}

/// clash_report() with its date assumed from the report's day (told as just happened).
ArticleRecord assumed_clash_report(const std::string& source, CivilDay start, CivilDay end,
                                   const char* precision) {
    ArticleRecord a = clash_report(source, start, end, precision, std::nullopt, 0.5);
    a.events.front().record.date_assumed = true;
    return a;
}

TEST_P(StoreSuite, AStatedDateReplacesAnAssumedOneAsInMemory) {
    const CivilDay may8{2025, 5, 8}, may12{2025, 5, 12}, may14{2025, 5, 14};
    {
        // assumed from the report's day, then told again with its own stated day
        auto store = open_event_store(db("day"), StoreMode::create);
        store->ingest({assumed_clash_report("A", may8, may14, "week")}, {"a", {}});
        EXPECT_TRUE(only_event(*store).date_assumed); // stored, and read back
        store->ingest({clash_report("B", may12, may12, "day", std::nullopt, 0.5)}, {"b", {}});
        const EventRecord r = only_event(*store);
        EXPECT_EQ(r.date_start, may12);
        EXPECT_EQ(r.date_end, may12);
        EXPECT_EQ(r.time_precision, TimePrecision::day);
        EXPECT_FALSE(r.date_assumed);
        EXPECT_EQ(r.source_count, 2);
    }
    {
        // the reverse: the stated day stays, and stays stated
        auto store = open_event_store(db("reverse"), StoreMode::create);
        store->ingest({clash_report("B", may12, may12, "day", std::nullopt, 0.5)}, {"b", {}});
        store->ingest({assumed_clash_report("A", may8, may14, "week")}, {"a", {}});
        const EventRecord r = only_event(*store);
        EXPECT_EQ(r.date_start, may12);
        EXPECT_EQ(r.time_precision, TimePrecision::day);
        EXPECT_FALSE(r.date_assumed);
        EXPECT_EQ(r.source_count, 2);
    }
    {
        // a stated week replaces an assumed week of the same precision (merge_told_again():
        // stated before assumed, then the finer), which only the stored flag can tell apart
        auto store = open_event_store(db("week"), StoreMode::create);
        store->ingest({assumed_clash_report("A", may8, may14, "week")}, {"a", {}});
        store->ingest({clash_report("B", may12, may14.plus_days(4), "week", std::nullopt, 0.5)},
                      {"b", {}});
        const EventRecord r = only_event(*store);
        EXPECT_EQ(r.date_start, may12);
        EXPECT_EQ(r.date_end, may14.plus_days(4));
        EXPECT_FALSE(r.date_assumed);
        // and an assumed week told after a stated one leaves it as it is
        ArticleRecord later = assumed_clash_report("C", may8, may14, "week");
        store->ingest({later}, {"c", {}});
        const EventRecord kept = only_event(*store);
        EXPECT_EQ(kept.date_start, may12);
        EXPECT_FALSE(kept.date_assumed);
        EXPECT_EQ(kept.source_count, 3);
    }
}

TEST_P(StoreSuite, ExportsSayWhichDatesWereAssumed) {
    auto store = open_event_store(db("e"), StoreMode::create);
    const CivilDay may8{2025, 5, 8}, may14{2025, 5, 14};
    ArticleRecord assumed = assumed_clash_report("A", may8, may14, "week");
    ArticleRecord stated = clash_report("B", may14, may14, "day", std::nullopt, 0.5);
    // elsewhere (Benghazi), so the two stay two events
    stated.events.front().record.position = LatLon{32.1167, 20.0667};
    stated.events.front().record.location = "Benghazi";
    store->ingest({assumed, stated}, {"a", {}});
    ASSERT_EQ(store->count({}), 2);
    const fs::path geojson = dir / "out.geojson";
    ASSERT_EQ(export_events(*store, {}, geojson, ExportFormat::geojson), 2);
    std::ifstream in(geojson);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    // each feature's flag, a JSON boolean, just before its location
    EXPECT_NE(text.find("\"date_assumed\":true,\"location\":\"Tripoli\""), std::string::npos)
        << text;
    EXPECT_NE(text.find("\"date_assumed\":false,\"location\":\"Benghazi\""), std::string::npos)
        << text;
    // GDAL formats: a boolean field
    const fs::path gpkg = dir / "out.gpkg";
    ASSERT_EQ(export_events(*store, {}, gpkg, ExportFormat::gpkg), 2);
    auto ds = detail::Dataset::open_vector(gpkg);
    OGRLayer* layer = ds.layer(0);
    const int field = layer->GetLayerDefn()->GetFieldIndex("date_assumed");
    ASSERT_GE(field, 0);
    EXPECT_EQ(layer->GetLayerDefn()->GetFieldDefn(field)->GetSubType(), OFSTBoolean);
    std::map<std::string, int> flags;
    for (auto& feature : *layer)
        flags[feature->GetFieldAsString("location")] = feature->GetFieldAsInteger(field);
    EXPECT_EQ(flags, (std::map<std::string, int>{{"Benghazi", 0}, {"Tripoli", 1}}));
}

TEST_P(StoreSuite, BadFiltersAreInputErrors) {
    auto store = open_event_store(db("e"), StoreMode::create);
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

TEST_P(StoreSuite, EveryFormatHoldsEveryEvent) {
    auto store = open_event_store(db("e"), StoreMode::create);
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

TEST_P(StoreSuite, RoundTripKeepsTheCoreFields) {
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
    auto store = open_event_store(db("e"), StoreMode::create);
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

TEST_P(StoreSuite, ReadersNeverSeeATornBatch) {
    const std::string location = db("e");
    open_event_store(location, StoreMode::create);
    constexpr int kBatch = 50, kBatches = 40;
    std::atomic<bool> done{false};
    std::atomic<int> bad{0}, reads{0};
    std::thread reader([&] {
        auto store = open_event_store(location, StoreMode::read_only);
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
        auto writer = open_event_store(location, StoreMode::read_write);
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

INSTANTIATE_TEST_SUITE_P(Backends, StoreSuite,
                         ::testing::Values(Backend::spatialite, Backend::postgis),
                         [](const auto& backend) { return backend_name(backend.param); });

} // namespace
} // namespace kharita
