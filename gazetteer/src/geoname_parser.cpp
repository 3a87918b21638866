#include "kharita/gazetteer_builder.hpp"
#include "kharita/text/normalize.hpp"
#include "tab_fields.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace kharita {

namespace {

template <typename T> bool parse_number(std::string_view s, T& out) {
    if (s.empty()) {
        return false;
    }
    const auto* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && ptr == end;
}

} // namespace

std::optional<std::string> parse_geoname_line(std::string_view line, GeonameRecord& out) {
    constexpr std::size_t kColumns = 19;
    std::array<std::string_view, kColumns> f{};
    const std::size_t count = detail::split_tabs(line, f);
    if (count != kColumns) {
        return "expected 19 tab-separated columns, found " + std::to_string(count);
    }
    std::size_t invalid = 0;
    decode_utf8(line, &invalid);
    if (invalid > 0) {
        return "broken UTF-8 (" + std::to_string(invalid) + " invalid byte sequence(s))";
    }
    if (!parse_number(f[0], out.geonameid) || out.geonameid <= 0) {
        return "geonameid: \"" + std::string(f[0]) + "\" is not a positive integer";
    }
    if (f[1].empty()) {
        return "name: empty";
    }
    if (!parse_number(f[4], out.lat) || !std::isfinite(out.lat) || out.lat < -90 || out.lat > 90) {
        return "latitude: \"" + std::string(f[4]) + "\" is not a number in [-90, 90]";
    }
    if (!parse_number(f[5], out.lon) || !std::isfinite(out.lon) || out.lon < -180 ||
        out.lon > 180) {
        return "longitude: \"" + std::string(f[5]) + "\" is not a number in [-180, 180]";
    }
    if (f[6].size() > 1) {
        return "feature class: \"" + std::string(f[6]) + "\" is not one letter";
    }
    out.population = 0;
    if (!f[14].empty() && (!parse_number(f[14], out.population) || out.population < 0)) {
        return "population: \"" + std::string(f[14]) + "\" is not a non-negative integer";
    }
    out.name = f[1];
    out.asciiname = f[2];
    out.alternatenames = f[3];
    out.feature_class = f[6].empty() ? ' ' : f[6][0];
    out.feature_code = f[7];
    out.country = f[8];
    out.admin1 = f[10];
    out.admin2 = f[11];
    return std::nullopt;
}

} // namespace kharita
