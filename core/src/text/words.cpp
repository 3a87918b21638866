#include "kharita/text/words.hpp"

#include <cctype>

namespace kharita::detail {

std::vector<Word> lower_words(std::string_view s, std::size_t from, std::size_t to) {
    std::vector<Word> out;
    std::size_t i = from;
    while (i < to) {
        const auto c = static_cast<unsigned char>(s[i]);
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && c < 0x80) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < to) {
            const auto d = static_cast<unsigned char>(s[j]);
            const bool w =
                (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || (d >= '0' && d <= '9') ||
                d >= 0x80 ||
                (d == '-' && j + 1 < to && std::isalpha(static_cast<unsigned char>(s[j + 1])));
            if (!w)
                break;
            ++j;
        }
        std::string lower(s.substr(i, j - i));
        for (char& ch : lower) {
            if (ch >= 'A' && ch <= 'Z')
                ch = static_cast<char>(ch - 'A' + 'a');
        }
        out.push_back({i, j, std::move(lower)});
        i = j;
    }
    return out;
}

} // namespace kharita::detail
