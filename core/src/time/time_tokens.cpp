#include "time/time_tokens.hpp"

#include <algorithm>
#include <cstdlib>

namespace kharita::detail {

std::vector<TimeToken> time_tokens(std::string_view s) {
    std::vector<TimeToken> out;
    std::size_t i = 0;
    bool space = false;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            ++i;
            continue;
        }
        TimeToken t{};
        t.begin = i;
        t.space_before = space;
        space = false;
        if (c >= '0' && c <= '9') {
            std::size_t j = i;
            while (j < s.size() && s[j] >= '0' && s[j] <= '9' && j - i < 12)
                ++j;
            t.kind = TimeTokenKind::number;
            t.text = std::string(s.substr(i, j - i));
            t.value = std::strtol(t.text.c_str(), nullptr, 10);
            i = j;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            std::size_t j = i;
            t.capitalised = c >= 'A' && c <= 'Z';
            while (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) {
                t.text += static_cast<char>(s[j] >= 'A' && s[j] <= 'Z' ? s[j] - 'A' + 'a' : s[j]);
                ++j;
            }
            t.kind = TimeTokenKind::word;
            i = j;
        } else {
            // one character (a whole UTF-8 sequence for non-ASCII)
            std::size_t len = c < 0x80             ? 1
                              : (c & 0xE0) == 0xC0 ? 2
                              : (c & 0xF0) == 0xE0 ? 3
                              : (c & 0xF8) == 0xF0 ? 4
                                                   : 1;
            len = std::min(len, s.size() - i);
            t.kind = TimeTokenKind::punct;
            t.text = std::string(s.substr(i, len));
            // en and em dashes count as hyphens
            if (t.text == "\xE2\x80\x93" || t.text == "\xE2\x80\x94")
                t.text = "-";
            i += len;
        }
        t.end = i;
        out.push_back(std::move(t));
    }
    return out;
}

} // namespace kharita::detail
