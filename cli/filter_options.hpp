#pragma once
// The event filter options shared by `kharita query`, `export` and `render`.

#include "kharita/store/store.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kharita::cli {

struct FilterArgs {
    std::string from, to, bbox, polygon, text, min_geo, min_time;
    std::vector<std::string> regions, types, statuses, reviews;
    bool reviewed = false;
    std::int64_t limit = -1;
};

void add_filter_options(CLI::App* cmd, FilterArgs& f);

/// The filter the options describe. Throws InputError naming the option that is wrong.
EventFilter build_filter(const FilterArgs& a);

} // namespace kharita::cli
