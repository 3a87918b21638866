// `kharita ingest`, `query`, `export` and `import-acled`: the event store from the command
// line. No SQL here: everything goes through kharita::EventStore.

#include "commands.hpp"
#include "common.hpp"
#include "filter_options.hpp"

#include "kharita/base/error.hpp"
#include "kharita/exchange/export.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"
#include "kharita/geo/regions.hpp"
#include "kharita/store/ingest.hpp"
#include "kharita/store/store.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <unistd.h>

namespace kharita::cli {

namespace {

struct IngestArgs {
    std::vector<std::string> files;
    std::string db, retrieved_at, gazetteer;
    bool reparse = false;
};

/// Prints what went wrong with one file, as it is done.
void print_file_problems(const FileIngest& f) {
    if (f.retrieved_at_from_file) {
        fmt::print(stderr,
                   "kharita: {}: no --retrieved-at; relative dates count from the file's "
                   "modification day, {}\n",
                   f.file.string(), f.retrieved_at->day.iso());
    }
    for (const Diagnostic& d : f.problems.examples())
        fmt::print(stderr, "kharita: {}\n", d.to_string());
    if (f.error)
        fmt::print(stderr, "kharita: {}\n", f.error->to_string());
    else if (f.articles_read == 0)
        fmt::print(stderr, "kharita: {}: no article text found\n", f.file.string());
}

void run_ingest(const IngestArgs& a) {
    IngestFilesOptions options;
    options.retrieved_at = parse_retrieved_at(a.retrieved_at);
    options.reparse = a.reparse;
    const auto store = open_event_store(a.db, StoreMode::create);
    const Gazetteer g = Gazetteer::open(gazetteer_path(a.gazetteer));
    const Geoparser parser(g);
    const bool tty = isatty(fileno(stderr)) != 0;
    const std::size_t total = a.files.size();
    auto last_progress = std::chrono::steady_clock::now();
    options.progress = [&](const FileIngest& file, const FilesIngestReport& so_far) {
        print_file_problems(file);
        const auto now = std::chrono::steady_clock::now();
        if (total > 1 && (now - last_progress > std::chrono::seconds(1) || so_far.files == total)) {
            fmt::print(stderr, "{}ingest: {}/{} files, {} articles, {} events{}", tty ? "\r" : "",
                       so_far.files, total, so_far.stored.articles_added,
                       so_far.stored.events_added, tty ? "" : "\n");
            last_progress = now;
        }
    };
    const FilesIngestReport report =
        ingest_files({a.files.begin(), a.files.end()}, parser, *store, options);
    if (tty && total > 1)
        fmt::print(stderr, "\n");
    const IngestReport& stored = report.stored;
    fmt::print("{}: {} articles added ({} already stored), {} events added, {} merged into "
               "stored events, {} place mentions\n",
               a.db, stored.articles_added, stored.articles_skipped, stored.events_added,
               stored.events_merged, stored.mentions_added);
    if (stored.articles_reparsed > 0 || stored.corrections_applied > 0 ||
        stored.corrections_orphaned > 0) {
        fmt::print("{}: {} articles parsed again; {} analyst corrections applied again, {} "
                   "lost their event (kharita review corrections --needs-review)\n",
                   a.db, stored.articles_reparsed, stored.corrections_applied,
                   stored.corrections_orphaned);
    }
    if (report.files_failed > 0) {
        throw InputError(a.db, std::to_string(report.files_failed) +
                                   " input file(s) had errors (see above); the rest were stored");
    }
}

struct QueryArgs {
    std::string db;
    FilterArgs filter;
    bool json = false, table = false, explain = false, count = false;
};

void run_query(const QueryArgs& a) {
    const auto store = open_event_store(a.db, StoreMode::read_only);
    const EventFilter f = build_filter(a.filter);
    if (a.count) {
        fmt::print("{}\n", store->count(f));
    } else if (a.json) {
        std::cout << "[";
        bool first = true;
        store->query(f, [&](const EventRecord& r) {
            nlohmann::json j = {
                {"id", r.id},
                {"type", to_string(r.type)},
                {"subtype", r.subtype},
                {"status", to_string(r.status)},
                {"date_start",
                 r.date_start ? nlohmann::json(r.date_start->iso()) : nlohmann::json()},
                {"date_end", r.date_end ? nlohmann::json(r.date_end->iso()) : nlohmann::json()},
                {"time_precision", time_precision_name(r.time_precision)},
                {"date_assumed", r.date_assumed},
                {"location", r.location},
                {"geo_precision", geo_precision_name(r.geo_precision)},
                {"country", r.country},
                {"admin1", r.admin1},
                {"fatalities", r.fatalities ? nlohmann::json(*r.fatalities) : nlohmann::json()},
                {"confidence", r.confidence},
                {"actors", r.actors},
                {"sources", r.sources},
                {"source_count", r.source_count},
                {"notes", r.notes},
                {"review", to_string(r.review)},
                {"version", r.version}};
            if (r.position) {
                j["lat"] = r.position->lat;
                j["lon"] = r.position->lon;
            }
            std::cout << (first ? "\n" : ",\n")
                      << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            first = false;
        });
        std::cout << "\n]\n";
    } else {
        fmt::print("{:>6} {:<10} {:<9} {:<23} {:<6} {:<22} {:<9} {:>4}  {}\n", "id", "type",
                   "status", "dates", "time", "place", "precision", "dead", "evidence");
        // a table is for reading: in date order (the store returns matches in index order)
        std::vector<EventRecord> rows;
        store->query(f, [&](const EventRecord& r) { rows.push_back(r); });
        std::stable_sort(rows.begin(), rows.end(), [](const EventRecord& x, const EventRecord& y) {
            return x.date_end.value_or(CivilDay{}) < y.date_end.value_or(CivilDay{});
        });
        for (const EventRecord& r : rows) {
            const std::string dates =
                (r.date_start ? r.date_start->iso() : std::string("..")) +
                (r.date_end && r.date_end != r.date_start ? " " + r.date_end->iso() : "");
            fmt::print("{:>6} {:<10} {:<9} {:<23} {:<6} {:<22} {:<9} {:>4}  {}\n", r.id,
                       to_string(r.type), to_string(r.status), dates,
                       // "~": assumed from the report's day, approximate
                       fmt::format("{}{}", time_precision_name(r.time_precision),
                                   r.date_assumed ? "~" : ""),
                       r.location.substr(0, 22), geo_precision_name(r.geo_precision),
                       r.fatalities ? std::to_string(*r.fatalities) : "-", r.notes.substr(0, 70));
        }
    }
    if (a.explain)
        fmt::print(stderr, "plan: {}\n", store->last_plan());
}

struct ExportArgs {
    std::string db, output, format, csv_geometry{to_string(CsvGeometry::xy)};
    FilterArgs filter;
};

void run_export(const ExportArgs& a) {
    const ExportFormat format = export_format(a.output, a.format);
    const auto store = open_event_store(a.db, StoreMode::read_only);
    const EventFilter f = build_filter(a.filter);
    ExportOptions options;
    options.csv_geometry = csv_geometry_from(a.csv_geometry).value_or(CsvGeometry::xy);
    std::optional<Gazetteer> g;
    if (format == ExportFormat::acled) {
        g.emplace(Gazetteer::open(default_gazetteer_path()));
        options.gazetteer = &*g;
    }
    const std::int64_t n = export_events(*store, f, a.output, format, options);
    fmt::print("{}: {} events ({})\n", a.output, n, to_string(format));
}

struct ImportArgs {
    std::string file, db;
};

void run_import_acled(const ImportArgs& a) {
    const Gazetteer g = Gazetteer::open(default_gazetteer_path());
    AcledReader reader(a.file, &g);
    Diagnostics problems;
    const auto store = open_event_store(a.db, StoreMode::create);
    // a size hint for the bulk path: ACLED rows run to a few hundred bytes
    std::error_code ec;
    const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(a.file, ec));
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t n = store->ingest_records(
        [&](EventRecord& r) { return reader.next(r, problems); }, ec ? 0 : bytes / 300);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const Diagnostic& d : problems.examples())
        fmt::print(stderr, "kharita: {}\n", d.to_string());
    fmt::print(
        "{}: {} events imported from {} in {:.1f} s ({:.0f} events/s, reading the CSV included)\n",
        a.db, n, a.file, secs, static_cast<double>(n) / std::max(secs, 1e-9));
    if (!problems.empty()) {
        throw InputError(a.file, std::to_string(problems.count()) +
                                     " row(s) skipped (see above); the rest were stored");
    }
}

struct CopyArgs {
    std::string from, to;
};

void run_store_copy(const CopyArgs& a) {
    const StoreCopyReport report = copy_store(a.from, a.to);
    std::string rows;
    for (const auto& [table, n] : report.tables)
        rows += fmt::format("{}{} {}", rows.empty() ? "" : ", ", n, table);
    fmt::print("{}: copied from {}: {}\n", a.to, a.from, rows);
}

} // namespace

void add_store_commands(CLI::App& app) {
    auto ingest_args = std::make_shared<IngestArgs>();
    auto* ingest = app.add_subcommand("ingest", "parse report files and store their events");
    ingest->add_option("files", ingest_args->files, "report files (.txt, .html, .jsonl)")
        ->required();
    ingest->add_option("--db", ingest_args->db,
                       "event store, created when missing: a SpatiaLite file or a "
                       "postgresql:// server (default: $KHARITA_DB)");
    ingest->add_option("--retrieved-at", ingest_args->retrieved_at,
                       "when the pages were retrieved");
    ingest->add_option("--gazetteer", ingest_args->gazetteer, "gazetteer file");
    ingest->add_flag("--reparse", ingest_args->reparse,
                     "parse articles already stored again and store the new parse in place of "
                     "the old, analysts' corrections applied again");
    ingest->callback([ingest_args] {
        ingest_args->db = store_location(ingest_args->db);
        run_ingest(*ingest_args);
    });

    auto query_args = std::make_shared<QueryArgs>();
    auto* query = app.add_subcommand("query", "list stored events matching filters");
    query->add_option("--db", query_args->db, "event store (default: $KHARITA_DB)");
    add_filter_options(query, query_args->filter);
    query->add_flag("--json", query_args->json, "JSON array");
    query->add_flag("--table", query_args->table, "aligned table (default)");
    query->add_flag("--count", query_args->count, "only the number of matching events");
    query->add_flag("--explain", query_args->explain, "print the index path taken on stderr");
    query->callback([query_args] {
        query_args->db = store_location(query_args->db);
        run_query(*query_args);
    });

    auto export_args = std::make_shared<ExportArgs>();
    auto* exp = app.add_subcommand(
        "export", "write matching events as GeoJSON, GPKG, KML, CSV, FlatGeobuf or ACLED CSV");
    exp->add_option("--db", export_args->db, "event store (default: $KHARITA_DB)");
    exp->add_option("-o,--output", export_args->output,
                    "output file; the format follows its extension")
        ->required();
    exp->add_option("--format", export_args->format, "geojson, gpkg, kml, csv, fgb, acled");
    exp->add_option("--csv-geometry", export_args->csv_geometry, "CSV geometry: xy or wkt")
        ->check(CLI::IsMember(
            {std::string(to_string(CsvGeometry::xy)), std::string(to_string(CsvGeometry::wkt))}));
    add_filter_options(exp, export_args->filter);
    exp->callback([export_args] {
        export_args->db = store_location(export_args->db);
        run_export(*export_args);
    });

    auto import_args = std::make_shared<ImportArgs>();
    auto* imp = app.add_subcommand("import-acled", "store the events of an ACLED-style CSV");
    imp->add_option("file", import_args->file, "ACLED CSV")->required();
    imp->add_option("--db", import_args->db,
                    "event store, created when missing (default: $KHARITA_DB)");
    auto copy_args = std::make_shared<CopyArgs>();
    auto* store = app.add_subcommand("store", "manage event stores");
    store->require_subcommand(1);
    auto* copy = store->add_subcommand(
        "copy", "copy a whole store into a new one (SpatiaLite file or postgresql:// server)");
    copy->add_option("--from", copy_args->from, "the store to read")->required();
    copy->add_option("--to", copy_args->to, "the store to write: new, or holding no data")
        ->required();
    copy->callback([copy_args] { run_store_copy(*copy_args); });
    auto migrate_db = std::make_shared<std::string>();
    auto* migrate = store->add_subcommand(
        "migrate", "bring a store written by an older Kharita to this build's schema version");
    migrate->add_option("--db", *migrate_db, "the store (default: $KHARITA_DB)");
    migrate->callback([migrate_db] {
        const std::string db = store_location(*migrate_db);
        // opening for writing migrates, in one transaction; a read-only open refuses
        const auto opened = open_event_store(db, StoreMode::read_write);
        fmt::print("{}: schema version {}\n", db, opened->schema_version());
    });

    imp->callback([import_args] {
        import_args->db = store_location(import_args->db);
        run_import_acled(*import_args);
    });
}

} // namespace kharita::cli
