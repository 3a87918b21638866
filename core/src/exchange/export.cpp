// Exports of stored events. GeoJSON and ACLED CSV are written here directly, streaming
// from the query (no feature objects in between: this is what makes the GeoJSON export
// faster than ogr2ogr, docs/benchmarks.md); the other formats go through GDAL/OGR.

#include "kharita/exchange/export.hpp"

#include "detail/gdal.hpp"
#include "detail/name_table.hpp"
#include "detail/sqlite.hpp"
#include "kharita/base/error.hpp"
#include "kharita/map/event_style.hpp"
#include "kharita/text/normalize.hpp"

#include <fmt/core.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <unordered_map>

namespace kharita {

namespace fs = std::filesystem;

namespace {

/// The names of each ExportFormat, indexed by it: the short name and its alias (what
/// export_format reads, from an option or an extension), the name for people, and the
/// GDAL driver (none for the formats written here directly).
struct FormatNames {
    std::string_view key, alias, label;
    const char* gdal_driver;
};
constexpr std::array<FormatNames, 6> kFormats = {{
    {"geojson", "json", "GeoJSON", nullptr},
    {"gpkg", "geopackage", "GeoPackage", "GPKG"},
    {"kml", "", "KML", "KML"},
    {"csv", "", "CSV", "CSV"},
    {"fgb", "flatgeobuf", "FlatGeobuf", "FlatGeobuf"},
    {"acled", "", "ACLED CSV", nullptr},
}};

/// The names of each CsvGeometry, indexed by it.
constexpr std::array<std::string_view, 2> kCsvGeometries = {"xy", "wkt"};

/// A temporary file beside the destination (same directory, same extension, so GDAL picks
/// the same driver behaviour and the rename stays on one file system). Removed unless
/// commit() renamed it into place.
class TempFile {
public:
    explicit TempFile(const fs::path& target) : m_target(target) {
        const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) {
            throw InputError(target.string(), "the directory " + dir.string() + " does not exist");
        }
        std::random_device rd;
        m_path = dir / fmt::format(".{}.{:08x}.tmp{}", target.stem().string(), rd(),
                                   target.extension().string());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        if (!m_committed) {
            std::error_code ec;
            fs::remove_all(m_path, ec);
        }
    }
    const fs::path& path() const noexcept { return m_path; }
    void commit() {
        std::error_code ec;
        fs::rename(m_path, m_target, ec);
        if (ec)
            throw InputError(m_target.string(), "cannot replace: " + ec.message());
        m_committed = true;
    }

private:
    fs::path m_target, m_path;
    bool m_committed = false;
};

/// A buffered FILE* writer that turns any write failure (disk full, read-only) into an
/// InputError naming the destination.
class Output {
public:
    Output(const fs::path& file, std::string display) : m_name(std::move(display)) {
        m_file = std::fopen(file.c_str(), "wb");
        if (m_file == nullptr)
            throw InputError(m_name, std::string("cannot write: ") + std::strerror(errno));
        m_buffer.reserve(1 << 20);
    }
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;
    ~Output() {
        if (m_file != nullptr)
            std::fclose(m_file);
    }
    std::string& buffer() { return m_buffer; }
    void maybe_flush() {
        if (m_buffer.size() >= (1 << 20))
            flush();
    }
    void flush() {
        if (!m_buffer.empty() &&
            std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size()) {
            throw InputError(m_name, std::string("write failed: ") + std::strerror(errno));
        }
        m_buffer.clear();
    }
    void close() {
        flush();
        const int rc = std::fclose(m_file);
        m_file = nullptr;
        if (rc != 0)
            throw InputError(m_name, std::string("write failed: ") + std::strerror(errno));
    }

private:
    std::string m_name;
    std::FILE* m_file = nullptr;
    std::string m_buffer;
};

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (const char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += fmt::format("\\u{:04x}", static_cast<int>(c));
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void append_number(std::string& out, double v) {
    std::array<char, 32> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    out.append(buf.data(), r.ptr);
}

void append_int(std::string& out, std::int64_t v) {
    std::array<char, 24> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    out.append(buf.data(), r.ptr);
}

void append_day(std::string& out, const std::optional<CivilDay>& d) {
    if (!d) {
        out += "null";
        return;
    }
    out += '"';
    out += d->iso();
    out += '"';
}

std::int64_t write_geojson(const EventStore& store, const EventFilter& filter, const fs::path& path,
                           const std::string& display) {
    Output out(path, display);
    std::string& b = out.buffer();
    b += "{\"type\":\"FeatureCollection\",\"features\":[";
    std::int64_t n = 0;
    store.query(filter, [&](const EventRecord& r) {
        b += n == 0 ? "\n" : ",\n";
        b += "{\"type\":\"Feature\",\"id\":";
        append_int(b, r.id);
        b += ",\"geometry\":";
        if (r.position) {
            b += "{\"type\":\"Point\",\"coordinates\":[";
            append_number(b, r.position->lon);
            b += ',';
            append_number(b, r.position->lat);
            b += "]}";
        } else {
            b += "null";
        }
        b += ",\"properties\":{\"id\":";
        append_int(b, r.id);
        const auto text = [&](const char* key, std::string_view v) {
            b += ",\"";
            b += key;
            b += "\":";
            append_json_string(b, v);
        };
        text("type", to_string(r.type));
        text("subtype", r.subtype);
        text("status", to_string(r.status));
        b += ",\"date_start\":";
        append_day(b, r.date_start ? r.date_start : r.date_end);
        b += ",\"date_end\":";
        append_day(b, r.date_end ? r.date_end : r.date_start);
        text("time_precision", time_precision_name(r.time_precision));
        b += r.date_assumed ? ",\"date_assumed\":true" : ",\"date_assumed\":false";
        text("location", r.location);
        text("geo_precision", geo_precision_name(r.geo_precision));
        text("country", r.country);
        text("admin1", r.admin1);
        b += ",\"fatalities\":";
        if (r.fatalities)
            append_int(b, *r.fatalities);
        else
            b += "null";
        b += ",\"confidence\":";
        append_number(b, std::round(r.confidence * 1000) / 1000);
        text("actors", r.actors);
        text("sources", r.sources);
        b += ",\"source_count\":";
        append_int(b, r.source_count);
        text("notes", r.notes);
        text("review", to_string(r.review));
        b += "}}";
        ++n;
        out.maybe_flush();
    });
    b += "\n]}\n";
    out.close();
    return n;
}

// ---- ACLED ----------------------------------------------------------------------------

struct AcledType {
    const char* event_type;
    const char* sub_event_type;
    EventType kharita_type;
};

constexpr std::array<AcledType, 25> kAcledTypes = {{
    {"Battles", "Armed clash", EventType::clash},
    {"Battles", "Government regains territory", EventType::clash},
    {"Battles", "Non-state actor overtakes territory", EventType::clash},
    {"Explosions/Remote violence", "Shelling/artillery/missile attack", EventType::attack},
    {"Explosions/Remote violence", "Air/drone strike", EventType::attack},
    {"Explosions/Remote violence", "Remote explosive/landmine/IED", EventType::attack},
    {"Explosions/Remote violence", "Suicide bomb", EventType::attack},
    {"Explosions/Remote violence", "Grenade", EventType::attack},
    {"Explosions/Remote violence", "Chemical weapon", EventType::attack},
    {"Violence against civilians", "Attack", EventType::attack},
    {"Violence against civilians", "Abduction/forced disappearance", EventType::attack},
    {"Violence against civilians", "Sexual violence", EventType::attack},
    {"Protests", "Peaceful protest", EventType::protest},
    {"Protests", "Protest with intervention", EventType::protest},
    {"Protests", "Excessive force against protesters", EventType::protest},
    {"Riots", "Violent demonstration", EventType::protest},
    {"Riots", "Mob violence", EventType::protest},
    {"Strategic developments", "Agreement", EventType::meeting},
    {"Strategic developments", "Arrests", EventType::strategic},
    {"Strategic developments", "Change to group/activity", EventType::strategic},
    {"Strategic developments", "Disrupted weapons use", EventType::strategic},
    {"Strategic developments", "Headquarters or base established", EventType::strategic},
    {"Strategic developments", "Looting/property destruction", EventType::strategic},
    {"Strategic developments", "Non-violent transfer of territory", EventType::strategic},
    {"Strategic developments", "Other", EventType::strategic},
}};

/// ACLED's type and sub-type for a Kharita event (docs/events.md): the sub-type itself when
/// it is an ACLED one (events imported from ACLED), else the documented mapping.
std::pair<std::string, std::string> acled_type_of(const EventRecord& r) {
    for (const AcledType& t : kAcledTypes) {
        if (ascii_lower(r.subtype) == ascii_lower(t.sub_event_type))
            return {t.event_type, t.sub_event_type};
    }
    const std::string sub = ascii_lower(r.subtype);
    if (r.type == EventType::clash)
        return {"Battles", "Armed clash"};
    if (r.type == EventType::attack) {
        if (sub.find("shell") != std::string::npos) {
            return {"Explosions/Remote violence", "Shelling/artillery/missile attack"};
        }
        if (sub.find("air") != std::string::npos || sub.find("drone") != std::string::npos) {
            return {"Explosions/Remote violence", "Air/drone strike"};
        }
        if (sub.find("explosi") != std::string::npos || sub.find("bomb") != std::string::npos) {
            return {"Explosions/Remote violence", "Remote explosive/landmine/IED"};
        }
        return {"Violence against civilians", "Attack"};
    }
    if (r.type == EventType::killing)
        return {"Violence against civilians", "Attack"};
    if (r.type == EventType::protest)
        return {"Protests", "Peaceful protest"};
    if (r.type == EventType::meeting)
        return {"Strategic developments", "Agreement"};
    return {"Strategic developments", "Other"};
}

const char* disorder_type_of(std::string_view event_type) {
    if (event_type == "Protests" || event_type == "Riots")
        return "Demonstrations";
    if (event_type == "Strategic developments")
        return "Strategic developments";
    return "Political violence";
}

int acled_time_code(const std::optional<TimePrecision>& precision) {
    if (precision == TimePrecision::time || precision == TimePrecision::day)
        return 1;
    if (precision == TimePrecision::week)
        return 2;
    return 3;
}

int acled_geo_code(const EventRecord& r) {
    if (r.geo_precision_code >= 1 && r.geo_precision_code <= 3)
        return r.geo_precision_code;
    if (r.geo_precision && *r.geo_precision <= GeoPrecision::town) // site, district, town
        return 1;
    return 3;
}

void append_csv_field(std::string& out, std::string_view v) {
    if (v.find_first_of(",\"\n\r") == std::string_view::npos) {
        out += v;
        return;
    }
    out += '"';
    for (const char c : v) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

std::int64_t write_acled(const EventStore& store, const EventFilter& filter, const fs::path& path,
                         const std::string& display, const Gazetteer* gazetteer) {
    Output out(path, display);
    std::string& b = out.buffer();
    const auto& cols = acled_columns();
    for (std::size_t i = 0; i < cols.size(); ++i)
        b += (i == 0 ? "" : ",") + cols[i];
    b += ",review\n"; // Kharita's own column after ACLED's: the analyst review state
    std::int64_t n = 0;
    store.query(filter, [&](const EventRecord& r) {
        const auto [event_type, sub_event_type] = acled_type_of(r);
        const auto day = r.date_start ? r.date_start : r.date_end;
        std::string country = r.country;
        if (gazetteer != nullptr && !r.country.empty()) {
            if (const auto id = gazetteer->country(r.country))
                country = gazetteer->place(*id).name;
        }
        std::string assoc;
        std::string_view rest = r.actors;
        while (!rest.empty()) {
            const auto cut = rest.find("; ");
            const std::string_view name = rest.substr(0, cut);
            rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 2);
            if (name.empty() || name == r.actor1 || name == r.actor2)
                continue;
            if (!assoc.empty())
                assoc += "; ";
            assoc += name;
        }
        const std::array<std::string, 31> row = {
            fmt::format("KH{}", r.id),
            day ? day->iso() : std::string(),
            day ? std::to_string(day->year) : std::string(),
            std::to_string(acled_time_code(r.time_precision)),
            disorder_type_of(event_type),
            event_type,
            sub_event_type,
            r.actor1,
            assoc,
            "",
            r.actor2,
            "",
            "",
            "",
            "",
            "",
            "",
            country,
            r.admin1,
            r.admin2,
            "",
            r.location,
            r.position ? fmt::format("{:.5f}", r.position->lat) : std::string(),
            r.position ? fmt::format("{:.5f}", r.position->lon) : std::string(),
            std::to_string(acled_geo_code(r)),
            r.sources,
            "",
            r.notes,
            std::to_string(r.fatalities.value_or(0)),
            "",
            "",
        };
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0)
                b += ',';
            append_csv_field(b, row[i]);
        }
        b += ',';
        b += to_string(r.review);
        b += '\n';
        ++n;
        out.maybe_flush();
    });
    out.close();
    return n;
}

// ---- GDAL formats -----------------------------------------------------------------------

/// A QGIS style (QML) that draws events by type with the shared symbols (event_style.hpp).
std::string events_qml() {
    std::string categories, symbols;
    int i = 0;
    for (const EventStyle& s : event_styles()) {
        const std::string shape = s.shape == "x" ? "cross2" : std::string(s.shape);
        categories += fmt::format(R"(<category render="true" symbol="{}" value="{}" label="{}"/>)",
                                  i, s.type, s.label);
        symbols += fmt::format(
            R"(<symbol type="marker" name="{}" alpha="1" clip_to_extent="1" force_rhr="0">)"
            R"(<layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map">)"
            R"(<Option type="QString" name="color" value="{},{},{},255"/>)"
            R"(<Option type="QString" name="name" value="{}"/>)"
            R"(<Option type="QString" name="size" value="3"/>)"
            R"(<Option type="QString" name="outline_color" value="35,35,35,255"/>)"
            R"(<Option type="QString" name="outline_width" value="0.2"/>)"
            R"(</Option></layer></symbol>)",
            i, s.red, s.green, s.blue, shape);
        ++i;
    }
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
           "<qgis version=\"3.22.0\" styleCategories=\"Symbology\">"
           "<renderer-v2 type=\"categorizedSymbol\" attr=\"type\" symbollevels=\"0\" "
           "enableorderby=\"0\" forceraster=\"0\"><categories>" +
           categories + "</categories><symbols>" + symbols + "</symbols></renderer-v2></qgis>";
}

/// QGIS applies a layer's default style from a GeoPackage's layer_styles table on open.
void add_qgis_style(const fs::path& gpkg) {
    auto db = detail::Database::open(gpkg, detail::OpenMode::read_write, false);
    auto tx = db.begin();
    db.exec(R"sql(CREATE TABLE IF NOT EXISTS layer_styles (
        id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
        f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT,
        styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
        update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))))sql");
    db.exec("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier) "
            "VALUES ('layer_styles', 'attributes', 'layer_styles')");
    db.prepare("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
               "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description) "
               "VALUES ('', '', 'events', 'geom', 'Kharita event types', ?1, '', 1, "
               "'Events by type, the symbols of the Kharita viewer')")
        .bind(1, events_qml())
        .run();
    tx.commit();
    db.close();
}

/// The attribute columns of a GDAL export, in the order set_feature() fills them.
struct Field {
    const char* name;
    OGRFieldType type;
    OGRFieldSubType subtype = OFSTNone;
};
constexpr std::array<Field, 20> kGdalFields = {{
    {"event_id", OFTInteger64},    {"type", OFTString},
    {"subtype", OFTString},        {"status", OFTString},
    {"date_start", OFTDate},       {"date_end", OFTDate},
    {"time_precision", OFTString}, {"location", OFTString},
    {"geo_precision", OFTString},  {"country", OFTString},
    {"admin1", OFTString},         {"fatalities", OFTInteger},
    {"confidence", OFTReal},       {"actors", OFTString},
    {"sources", OFTString},        {"source_count", OFTInteger},
    {"notes", OFTString},          {"admin2", OFTString},
    {"review", OFTString},         {"date_assumed", OFTInteger, OFSTBoolean},
}};

/// The "events" point layer in WGS84 with kGdalFields (a CSV's geometry as the options say).
OGRLayer* create_events_layer(detail::Dataset& ds, const fs::path& path, ExportFormat format,
                              const ExportOptions& options, detail::GdalErrorScope& errors) {
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    char** layer_options = nullptr;
    if (format == ExportFormat::csv) {
        layer_options =
            CSLSetNameValue(layer_options, "GEOMETRY",
                            options.csv_geometry == CsvGeometry::wkt ? "AS_WKT" : "AS_XY");
    }
    OGRLayer* layer = ds.get()->CreateLayer("events", &wgs84, wkbPoint, layer_options);
    CSLDestroy(layer_options);
    if (layer == nullptr)
        errors.throw_if_error(path.string());
    for (const Field& f : kGdalFields) {
        OGRFieldDefn def(f.name, f.type);
        def.SetSubType(f.subtype);
        if (layer->CreateField(&def) != OGRERR_NONE)
            errors.throw_if_error(path.string());
    }
    return layer;
}

/// Fills `feature` (of an events layer) with the record, every field set or null.
void set_feature(OGRFeature& feature, const EventRecord& r) {
    for (int i = 0; i < static_cast<int>(kGdalFields.size()); ++i)
        feature.SetFieldNull(i);
    feature.SetField(0, static_cast<GIntBig>(r.id));
    feature.SetField(1, std::string(to_string(r.type)).c_str());
    feature.SetField(2, r.subtype.c_str());
    feature.SetField(3, std::string(to_string(r.status)).c_str());
    const auto first = r.date_start ? r.date_start : r.date_end;
    const auto last = r.date_end ? r.date_end : r.date_start;
    if (first)
        feature.SetField(4, first->year, static_cast<int>(first->month),
                         static_cast<int>(first->day));
    if (last)
        feature.SetField(5, last->year, static_cast<int>(last->month), static_cast<int>(last->day));
    feature.SetField(6, std::string(time_precision_name(r.time_precision)).c_str());
    feature.SetField(7, r.location.c_str());
    feature.SetField(8, std::string(geo_precision_name(r.geo_precision)).c_str());
    feature.SetField(9, r.country.c_str());
    feature.SetField(10, r.admin1.c_str());
    if (r.fatalities)
        feature.SetField(11, *r.fatalities);
    feature.SetField(12, std::round(r.confidence * 1000) / 1000);
    feature.SetField(13, r.actors.c_str());
    feature.SetField(14, r.sources.c_str());
    feature.SetField(15, r.source_count);
    feature.SetField(16, r.notes.c_str());
    feature.SetField(17, r.admin2.c_str());
    feature.SetField(18, std::string(to_string(r.review)).c_str());
    feature.SetField(19, r.date_assumed ? 1 : 0);
    if (r.position) {
        feature.SetGeometryDirectly(new OGRPoint(r.position->lon, r.position->lat));
    } else {
        feature.SetGeometryDirectly(nullptr);
    }
    feature.SetFID(OGRNullFID);
}

std::int64_t write_with_gdal(const EventStore& store, const EventFilter& filter,
                             const fs::path& path, ExportFormat format,
                             const ExportOptions& options) {
    const char* driver = kFormats[static_cast<std::size_t>(format)].gdal_driver;
    detail::Dataset ds = detail::Dataset::create_vector(path, driver);
    detail::GdalErrorScope errors;
    OGRLayer* layer = create_events_layer(ds, path, format, options, errors);
    const bool transaction = layer->TestCapability(OLCTransactions) != 0;
    if (transaction && layer->StartTransaction() != OGRERR_NONE)
        errors.throw_if_error(path.string());
    std::int64_t n = 0;
    detail::Feature feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    store.query(filter, [&](const EventRecord& r) {
        set_feature(*feature, r);
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE)
            errors.throw_if_error(path.string());
        ++n;
    });
    if (transaction && layer->CommitTransaction() != OGRERR_NONE)
        errors.throw_if_error(path.string());
    ds.close();
    if (format == ExportFormat::gpkg)
        add_qgis_style(path);
    return n;
}

} // namespace

ExportFormat export_format(const fs::path& file, std::string_view name) {
    std::string key = ascii_lower(name);
    if (key.empty()) {
        key = ascii_lower(file.extension().string());
        if (!key.empty())
            key.erase(0, 1);
    }
    std::string names;
    for (std::size_t i = 0; i < kFormats.size(); ++i) {
        if (key == kFormats[i].key || key == kFormats[i].alias)
            return static_cast<ExportFormat>(i);
        names += std::string(i == 0                    ? ""
                             : i + 1 < kFormats.size() ? ", "
                                                       : " or ") +
                 std::string(kFormats[i].key);
    }
    throw InputError(file.string(), "unknown export format \"" + key + "\" (" + names + ")");
}

std::string_view to_string(ExportFormat f) noexcept {
    return kFormats[static_cast<std::size_t>(f)].label;
}

std::string_view format_key(ExportFormat f) noexcept {
    return kFormats[static_cast<std::size_t>(f)].key;
}

std::string_view to_string(CsvGeometry g) noexcept {
    return detail::name_in(kCsvGeometries, g);
}

std::optional<CsvGeometry> csv_geometry_from(std::string_view name) noexcept {
    return detail::value_in<CsvGeometry>(kCsvGeometries, name);
}

std::int64_t export_events(const EventStore& store, const EventFilter& filter, const fs::path& file,
                           ExportFormat format, const ExportOptions& options) {
    filter.validate();
    TempFile temp(file);
    std::int64_t n = 0;
    switch (format) {
    case ExportFormat::geojson:
        n = write_geojson(store, filter, temp.path(), file.string());
        break;
    case ExportFormat::acled:
        n = write_acled(store, filter, temp.path(), file.string(), options.gazetteer);
        break;
    default:
        n = write_with_gdal(store, filter, temp.path(), format, options);
        break;
    }
    temp.commit();
    return n;
}

const std::vector<std::string>& acled_columns() {
    static const std::vector<std::string> columns = {
        "event_id_cnty", "event_date",     "year",     "time_precision", "disorder_type",
        "event_type",    "sub_event_type", "actor1",   "assoc_actor_1",  "inter1",
        "actor2",        "assoc_actor_2",  "inter2",   "interaction",    "civilian_targeting",
        "iso",           "region",         "country",  "admin1",         "admin2",
        "admin3",        "location",       "latitude", "longitude",      "geo_precision",
        "source",        "source_scale",   "notes",    "fatalities",     "tags",
        "timestamp"};
    return columns;
}

namespace {

/// Splits RFC 4180 CSV into records; a quoted field may hold commas, quotes and newlines.
/// Returns false at the end of the input; `line` is the line the record starts on.
bool next_csv_record(std::istream& in, std::vector<std::string>& fields, std::uint64_t& line) {
    fields.clear();
    std::string field;
    bool quoted = false, any = false, after_quote = false;
    char c;
    ++line;
    while (in.get(c)) {
        any = true;
        if (quoted) {
            if (c == '"') {
                if (in.peek() == '"') {
                    in.get(c);
                    field += '"';
                } else {
                    quoted = false;
                    after_quote = true;
                }
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && field.empty() && !after_quote) {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
            after_quote = false;
        } else if (c == '\n') {
            if (!field.empty() && field.back() == '\r')
                field.pop_back();
            fields.push_back(std::move(field));
            return true;
        } else {
            field += c;
        }
    }
    if (!any)
        return false;
    if (!field.empty() && field.back() == '\r')
        field.pop_back();
    fields.push_back(std::move(field));
    return true;
}

std::optional<CivilDay> parse_acled_date(std::string_view s) {
    if (const auto t = LocalTime::parse(s))
        return t->day;
    // "26 February 2025"
    static constexpr std::array<std::string_view, 12> months = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    const auto a = s.find(' '), b = s.rfind(' ');
    if (a == std::string_view::npos || a == b)
        return std::nullopt;
    int day = 0, year = 0;
    if (std::from_chars(s.data(), s.data() + a, day).ec != std::errc() ||
        std::from_chars(s.data() + b + 1, s.data() + s.size(), year).ec != std::errc()) {
        return std::nullopt;
    }
    const std::string month = ascii_lower(s.substr(a + 1, b - a - 1));
    for (std::size_t m = 0; m < months.size(); ++m) {
        if (months[m] == month || months[m].substr(0, 3) == month) {
            return CivilDay::make(year, static_cast<unsigned>(m + 1), static_cast<unsigned>(day));
        }
    }
    return std::nullopt;
}

} // namespace

struct AcledReader::Impl {
    std::ifstream file;
    std::istream* in = nullptr;
    std::string source;
    const Gazetteer* gazetteer = nullptr;
    std::vector<std::string> fields;
    std::uint64_t line = 0;
    std::unordered_map<std::string, std::size_t> col;
    std::unordered_map<std::string, std::string> country_codes; // name -> ISO, cached

    // The checked fields of the current row: each reports its problem with the row's line.
    std::optional<CivilDay> row_day(Diagnostics& problems) const;
    const AcledType* row_type(Diagnostics& problems) const;
    std::optional<LatLon> row_position(Diagnostics& problems) const;
    /// The record of the current row, its checked fields given.
    void fill_record(EventRecord& r, const CivilDay& day, const AcledType& type,
                     const LatLon& position);

    const std::string& get(const char* name) const {
        static const std::string none;
        const auto it = col.find(name);
        return it == col.end() || it->second >= fields.size() ? none : fields[it->second];
    }
    std::string country_code(const std::string& name) {
        if (gazetteer == nullptr || name.size() == 2 || name.empty())
            return name;
        const auto [it, added] = country_codes.emplace(name, name);
        if (added) {
            LookupOptions options;
            options.feature_classes = "A";
            for (const Candidate& c : gazetteer->lookup(name, options)) {
                if (gazetteer->place(c.place).feature_code.starts_with("PCL")) {
                    it->second = gazetteer->place(c.place).country;
                    break;
                }
            }
        }
        return it->second;
    }
};

std::optional<CivilDay> AcledReader::Impl::row_day(Diagnostics& problems) const {
    const auto day = parse_acled_date(get("event_date"));
    if (!day)
        problems.add(source, line, "event_date: not a date: \"" + get("event_date") + "\"");
    return day;
}

const AcledType* AcledReader::Impl::row_type(Diagnostics& problems) const {
    const std::string& event_type = get("event_type");
    const std::string sub = ascii_lower(get("sub_event_type"));
    const AcledType* type = nullptr;
    for (const AcledType& t : kAcledTypes) {
        if (sub == ascii_lower(t.sub_event_type) &&
            (event_type.empty() || ascii_lower(event_type) == ascii_lower(t.event_type))) {
            type = &t;
        }
    }
    if (type == nullptr) {
        problems.add(source, line,
                     "event_type/sub_event_type: unknown: \"" + event_type + "\" / \"" +
                         get("sub_event_type") + "\"");
    }
    return type;
}

std::optional<LatLon> AcledReader::Impl::row_position(Diagnostics& problems) const {
    double lat = 0, lon = 0;
    const std::string& slat = get("latitude");
    const std::string& slon = get("longitude");
    if (std::from_chars(slat.data(), slat.data() + slat.size(), lat).ec != std::errc() ||
        std::from_chars(slon.data(), slon.data() + slon.size(), lon).ec != std::errc() ||
        !LatLon{lat, lon}.is_valid()) {
        std::string message = "latitude/longitude: not coordinates: \"";
        message.append(slat).append("\", \"").append(slon).append("\"");
        problems.add(source, line, std::move(message));
        return std::nullopt;
    }
    return LatLon{lat, lon};
}

void AcledReader::Impl::fill_record(EventRecord& r, const CivilDay& day, const AcledType& type,
                                    const LatLon& position) {
    r.date_start = r.date_end = day;
    const std::string& tp = get("time_precision");
    r.time_precision = tp == "2"   ? TimePrecision::week
                       : tp == "3" ? TimePrecision::month
                                   : TimePrecision::day;
    r.id = 0;
    r.type = type.kharita_type;
    r.subtype = type.sub_event_type;
    r.status = EventStatus::occurred;
    r.position = position;
    const std::string& gp = get("geo_precision");
    r.geo_precision_code = gp == "1" ? 1 : gp == "2" ? 2 : gp == "3" ? 3 : 0;
    r.geo_precision = r.geo_precision_code == 1 ? GeoPrecision::town : GeoPrecision::region;
    r.location = get("location");
    r.admin1 = get("admin1");
    r.admin1_code.clear();
    r.admin2 = get("admin2");
    r.country = country_code(get("country"));
    r.actor1 = get("actor1");
    r.actor2 = get("actor2");
    r.actors.clear();
    for (const std::string* a : std::initializer_list<const std::string*>{
             &r.actor1, &get("assoc_actor_1"), &r.actor2, &get("assoc_actor_2")}) {
        if (a->empty())
            continue;
        if (!r.actors.empty())
            r.actors += "; ";
        r.actors += *a;
    }
    r.sources = get("source");
    r.source_count = 1;
    r.notes = get("notes");
    const std::string& fat = get("fatalities");
    int f = 0;
    r.fatalities.reset();
    if (!fat.empty() && std::from_chars(fat.data(), fat.data() + fat.size(), f).ec == std::errc())
        r.fatalities = f;
    r.confidence = 1.0;
}

AcledReader::AcledReader(const fs::path& file, const Gazetteer* gazetteer)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->file.open(file, std::ios::binary);
    if (!m_impl->file)
        throw InputError(file.string(), "cannot open");
    m_impl->in = &m_impl->file;
    m_impl->source = file.string();
    m_impl->gazetteer = gazetteer;
    read_header();
}

AcledReader::AcledReader(std::istream& in, std::string name, const Gazetteer* gazetteer)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->in = &in;
    m_impl->source = std::move(name);
    m_impl->gazetteer = gazetteer;
    read_header();
}

void AcledReader::read_header() {
    Impl& d = *m_impl;
    if (!next_csv_record(*d.in, d.fields, d.line))
        throw InputError(d.source, "empty file");
    for (std::size_t i = 0; i < d.fields.size(); ++i) {
        std::string name = ascii_lower(d.fields[i]);
        if (i == 0 && name.starts_with("\xEF\xBB\xBF"))
            name.erase(0, 3); // byte-order mark
        d.col.emplace(name, i);
    }
    for (const char* required :
         {"event_date", "event_type", "sub_event_type", "latitude", "longitude"}) {
        if (!d.col.contains(required)) {
            throw InputError(d.source, 1, 0, required,
                             std::string("missing column \"") + required +
                                 "\" (not an ACLED-style CSV)");
        }
    }
}

AcledReader::~AcledReader() = default;

bool AcledReader::next(EventRecord& r, Diagnostics& problems) {
    Impl& d = *m_impl;
    while (next_csv_record(*d.in, d.fields, d.line)) {
        if (d.fields.size() == 1 && d.fields[0].empty())
            continue;
        const auto day = d.row_day(problems);
        if (!day)
            continue;
        const AcledType* type = d.row_type(problems);
        if (type == nullptr)
            continue;
        const auto position = d.row_position(problems);
        if (!position)
            continue;
        d.fill_record(r, *day, *type, *position);
        return true;
    }
    return false;
}

std::vector<EventRecord> read_acled_csv(const fs::path& file, Diagnostics& problems,
                                        const Gazetteer* gazetteer) {
    AcledReader reader(file, gazetteer);
    std::vector<EventRecord> out;
    EventRecord r;
    while (reader.next(r, problems))
        out.push_back(r);
    return out;
}

} // namespace kharita
