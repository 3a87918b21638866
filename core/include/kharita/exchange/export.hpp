#pragma once
// Exports and imports of stored events: GeoJSON (RFC 7946), GeoPackage, KML, CSV and
// FlatGeobuf through GDAL/OGR, and ACLED-style CSV. Every export writes a temporary file
// beside the destination and renames it into place, so a failed export leaves no half file.

#include "kharita/base/diagnostics.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/store/store.hpp"

#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

enum class ExportFormat { geojson, gpkg, kml, csv, flatgeobuf, acled };

/// The format named by `name` ("geojson", "gpkg", "kml", "csv", "fgb"/"flatgeobuf",
/// "acled"), else the one implied by the file's extension. Throws InputError naming the
/// file.
ExportFormat export_format(const std::filesystem::path& file, std::string_view name = {});
/// The format's name for people ("GeoJSON", "ACLED CSV").
std::string_view to_string(ExportFormat f) noexcept;
/// The format's short name ("geojson", "fgb"): what export_format() reads.
std::string_view format_key(ExportFormat f) noexcept;

/// How a CSV export writes the geometry: lon/lat columns or one WKT column.
enum class CsvGeometry { xy, wkt };
std::string_view to_string(CsvGeometry g) noexcept; ///< "xy", "wkt"
std::optional<CsvGeometry> csv_geometry_from(std::string_view name) noexcept;

struct ExportOptions {
    CsvGeometry csv_geometry = CsvGeometry::xy;
    /// Country names for ACLED's `country` column (else the ISO code is written).
    const Gazetteer* gazetteer = nullptr;
};

/// Writes the events `filter` selects to `file`; returns how many. Throws InputError for a
/// destination that cannot be written (the message names it), GdalError for GDAL failures.
std::int64_t export_events(const EventStore& store, const EventFilter& filter,
                           const std::filesystem::path& file, ExportFormat format,
                           const ExportOptions& options = {});

/// The columns of an ACLED-style CSV, in ACLED's order.
const std::vector<std::string>& acled_columns();

/// Reads an ACLED-style CSV row by row (header row with ACLED's column names; unknown
/// columns are ignored). Rows with a bad date, coordinates or event type are reported in
/// `problems` with their line and field and skipped. `gazetteer`, when given, turns
/// country names into ISO codes.
class AcledReader {
public:
    /// Throws InputError when the file cannot be read or lacks a required column.
    AcledReader(const std::filesystem::path& file, const Gazetteer* gazetteer = nullptr);
    /// Reads from a stream that outlives the reader; `name` names it in messages.
    AcledReader(std::istream& in, std::string name, const Gazetteer* gazetteer = nullptr);
    AcledReader(const AcledReader&) = delete;
    AcledReader& operator=(const AcledReader&) = delete;
    ~AcledReader();

    /// The next good row; false at the end of the file.
    bool next(EventRecord& record, Diagnostics& problems);

private:
    void read_header();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Every good row of an ACLED-style CSV (see AcledReader).
std::vector<EventRecord> read_acled_csv(const std::filesystem::path& file, Diagnostics& problems,
                                        const Gazetteer* gazetteer = nullptr);

} // namespace kharita
