#pragma once
// Helpers the subcommands share: where the gazetteer is, and the reference time of an input.

#include "kharita/time/timex.hpp"

#include <filesystem>
#include <fstream>
#include <istream>
#include <optional>
#include <string>

namespace kharita::cli {

/// The gazetteer named by --gazetteer, else the default one.
std::filesystem::path gazetteer_path(const std::string& option);

/// The event store named by --db, else by $KHARITA_DB: a SpatiaLite file or a PostgreSQL
/// server (docs/store.md). Throws InputError under --db when neither is set.
std::string store_location(const std::string& option);

/// Parses --retrieved-at (empty: none). Throws InputError for text that is not a date-time.
std::optional<LocalTime> parse_retrieved_at(const std::string& option);

/// The day `file` was last modified, as the reference time of an input that came without
/// --retrieved-at; says so on stderr. None when the file has no readable time.
std::optional<LocalTime> file_day_reference(const std::filesystem::path& file);

/// The input named on the command line: standard input for "-", else `file` opened into
/// `holder`. Throws InputError naming the file when it cannot be opened.
std::istream& open_input(const std::string& file, std::ifstream& holder);

} // namespace kharita::cli
