#pragma once
// Reading JSON Lines: one JSON value per non-empty line. Private to core: the article reader
// (document/article_lines.hpp) and the evaluation corpora use it.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <istream>
#include <string>

namespace kharita::detail {

/// Calls on_value(json, line_number) for each line that parses and on_error(line_number,
/// message) for each that does not; either may throw to stop.
template <typename OnValue, typename OnError>
void for_each_json_line(std::istream& in, OnValue&& on_value, OnError&& on_error) {
    std::string line;
    std::uint64_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty() || line == "\r")
            continue;
        nlohmann::json value;
        try {
            value = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            on_error(line_no, std::string("not JSON: ") + e.what());
            continue;
        }
        on_value(value, line_no);
    }
}

} // namespace kharita::detail
