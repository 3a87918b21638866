#include "geo/person_names.hpp"

#include "kharita/text/normalize.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace kharita::detail {

extern const char* const kGivenNames;     // generated from data/names/given-names-en.txt
extern const char* const kGivenNamesIntl; // and from data/names/given-names-intl.txt

namespace {

/// An embedded list, normalised and sorted.
std::vector<std::string> read_names(std::string_view all) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < all.size()) {
        std::size_t end = all.find('\n', start);
        if (end == std::string_view::npos)
            end = all.size();
        std::string_view line = all.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.remove_suffix(1);
        if (!line.empty() && line.front() != '#')
            out.push_back(normalize_name(line));
        start = end + 1;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// The lists, read once (thread-safe static initialisation).
const std::vector<std::string>& given_names() {
    static const std::vector<std::string> names = read_names(kGivenNames);
    return names;
}

const std::vector<std::string>& intl_given_names() {
    static const std::vector<std::string> names = read_names(kGivenNamesIntl);
    return names;
}

} // namespace

bool is_given_name(std::string_view normalized) {
    const auto& names = given_names();
    return std::binary_search(names.begin(), names.end(), normalized);
}

bool is_intl_given_name(std::string_view normalized) {
    const auto& names = intl_given_names();
    return std::binary_search(names.begin(), names.end(), normalized);
}

} // namespace kharita::detail
