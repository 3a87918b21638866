#include "kharita/text/sentences.hpp"

namespace kharita::detail {

std::vector<TextSpan> sentences(std::string_view s) {
    std::vector<TextSpan> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool end = s[i] == '\n';
        if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && i + 2 < s.size() && s[i + 1] == ' ') {
            const auto n = static_cast<unsigned char>(s[i + 2]);
            // "U.S. officials", "J. Smith": a single capital before the stop ends no sentence
            const bool abbreviation = i >= 2 && (s[i - 2] == '.' || s[i - 2] == ' ') &&
                                      s[i - 1] >= 'A' && s[i - 1] <= 'Z';
            end = !abbreviation && ((n >= 'A' && n <= 'Z') || n == '"' || n >= 0x80);
        }
        if (end) {
            if (i + 1 > start)
                out.push_back({start, i + 1});
            start = i + 1;
        }
    }
    if (start < s.size())
        out.push_back({start, s.size()});
    return out;
}

} // namespace kharita::detail
