#pragma once
// Splits a tab-separated line into its fields, for the gazetteer's line parsers.

#include <array>
#include <cstddef>
#include <string_view>

namespace kharita::detail {

/// The first N tab-separated fields of `line` into `fields`; returns how many fields the line
/// has (more or fewer than N is the caller's error to report).
template <std::size_t N>
std::size_t split_tabs(std::string_view line, std::array<std::string_view, N>& fields) {
    std::size_t count = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        const std::string_view field = line.substr(
            start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
        if (count < N)
            fields[count] = field;
        ++count;
        if (tab == std::string_view::npos)
            return count;
        start = tab + 1;
    }
}

} // namespace kharita::detail
