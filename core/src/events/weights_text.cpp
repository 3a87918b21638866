#include "weights_text.hpp"

#include "kharita/base/error.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace kharita::detail {

std::unordered_map<std::string, double> read_weights_text(std::string_view text,
                                                          const std::string& source) {
    std::unordered_map<std::string, double> out;
    std::uint64_t line_no = 0;
    while (!text.empty()) {
        ++line_no;
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        const std::size_t tab = line.rfind('\t');
        double w = 0;
        const char* end = line.data() + line.size();
        if (tab == std::string_view::npos || tab == 0 ||
            std::from_chars(line.data() + tab + 1, end, w).ptr != end || !std::isfinite(w)) {
            throw InputError(source, line_no, 0, "weight",
                             "not a \"feature<TAB>weight\" line: " +
                                 std::string(line.substr(0, 60)));
        }
        out.emplace(line.substr(0, tab), w);
    }
    return out;
}

std::string weights_to_text(std::string_view header,
                            const std::vector<std::pair<std::string, double>>& settings,
                            const std::unordered_map<std::string, double>& weights) {
    std::string out;
    std::size_t at = 0;
    while (at < header.size()) {
        const std::size_t nl = std::min(header.find('\n', at), header.size());
        out += "# ";
        out += header.substr(at, nl - at);
        out += '\n';
        at = nl + 1;
    }
    const auto line = [&out](const std::string& name, double v) {
        std::array<char, 32> buf{};
        const auto r =
            std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::general, 6);
        out += name;
        out += '\t';
        out.append(buf.data(), r.ptr);
        out += '\n';
    };
    for (const auto& [name, v] : settings)
        line(name, v);
    std::vector<std::pair<std::string, double>> sorted(weights.begin(), weights.end());
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [name, w] : sorted)
        line(name, w);
    return out;
}

} // namespace kharita::detail
