#pragma once
// Builds a Kharita gazetteer (a SpatiaLite file) from GeoNames dumps and the embedded
// supplementary sources in data/. Streams every input: the full GeoNames allCountries
// dump (12 M rows) imports without being held in memory.

#include "kharita/base/diagnostics.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

struct GazetteerBuildOptions {
    /// The embedded data directory (data/ of the source tree).
    std::filesystem::path data_dir;
    /// A directory of GeoNames dumps the user downloaded (allCountries.txt or country
    /// files, alternateNamesV2.txt, admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt),
    /// plain or gzip-compressed. When set, these replace the embedded GeoNames files; the
    /// embedded Who's On First, reference and supplement files are still merged in.
    std::optional<std::filesystem::path> geonames_dir;
    /// Whether OpenStreetMap's places (data/osm/, ODbL 1.0: a gazetteer built with them is a
    /// database derived from OpenStreetMap) are merged in; `--no-osm` leaves them out.
    bool openstreetmap = true;
    /// The gazetteer file to write; replaced atomically on success.
    std::filesystem::path out;
    /// Word lists (one word per line); their lowercase entries mark ordinary English words.
    std::vector<std::filesystem::path> word_lists;
    /// Called with progress lines on long imports; may be empty.
    std::function<void(std::string_view)> progress;
};

struct SourceCount {
    std::string source;
    std::uint64_t rows = 0;   ///< records read
    std::uint64_t places = 0; ///< new places
    std::uint64_t merged = 0; ///< records merged into an existing place
    std::uint64_t names = 0;  ///< name rows written
};

struct GazetteerBuildReport {
    std::vector<SourceCount> sources;
    std::uint64_t places = 0;
    std::uint64_t names = 0;
    Diagnostics problems{10};
    double seconds = 0;
};

/// Builds the gazetteer. Throws InputError (missing or unreadable input, a directory
/// without recognisable dumps) or DatabaseError; on any throw the previous file at
/// `options.out`, if there was one, is left untouched.
GazetteerBuildReport build_gazetteer(const GazetteerBuildOptions& options);

/// One row of a GeoNames `geoname` table dump (allCountries.txt, cities500.txt, LY.txt).
struct GeonameRecord {
    std::int64_t geonameid = 0;
    std::string_view name, asciiname, alternatenames;
    double lat = 0, lon = 0;
    char feature_class = ' ';
    std::string_view feature_code, country, admin1, admin2;
    std::int64_t population = 0;
};

/// Parses one tab-separated `geoname` line. Returns an error message naming the field
/// on a malformed row (wrong column count, bad number, coordinate out of range, broken
/// UTF-8); the views in `out` point into `line`.
std::optional<std::string> parse_geoname_line(std::string_view line, GeonameRecord& out);

} // namespace kharita
