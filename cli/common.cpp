#include "common.hpp"

#include "kharita/base/error.hpp"
#include "kharita/document/article.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/store/store.hpp"

#include <fmt/core.h>

#include <iostream>

namespace kharita::cli {

std::filesystem::path gazetteer_path(const std::string& option) {
    return option.empty() ? default_gazetteer_path() : std::filesystem::path(option);
}

std::string store_location(const std::string& option) {
    if (!option.empty())
        return option;
    std::string location = default_store_location();
    if (location.empty()) {
        throw InputError("--db", "no event store: give --db FILE (or a postgresql:// server) or "
                                 "set KHARITA_DB");
    }
    return location;
}

std::optional<LocalTime> parse_retrieved_at(const std::string& option) {
    if (option.empty())
        return std::nullopt;
    const auto t = LocalTime::parse(option);
    if (!t) {
        throw InputError("--retrieved-at", "\"" + option +
                                               "\" is not a date-time (use 2025-06-14 or "
                                               "2025-06-14T12:00:00Z)");
    }
    return t;
}

std::optional<LocalTime> file_day_reference(const std::filesystem::path& file) {
    const std::optional<LocalTime> t = file_modification_day(file);
    if (!t)
        return std::nullopt;
    fmt::print(stderr,
               "kharita: {}: no --retrieved-at; relative dates count from the file's "
               "modification day, {}\n",
               file.string(), t->day.iso());
    return t;
}

std::istream& open_input(const std::string& file, std::ifstream& holder) {
    if (file == "-")
        return std::cin;
    holder.open(file, std::ios::binary);
    if (!holder)
        throw InputError(file, "cannot open");
    return holder;
}

} // namespace kharita::cli
