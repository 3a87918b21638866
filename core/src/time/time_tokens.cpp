#include "time/time_tokens.hpp"

#include "kharita/text/lexer.hpp"
#include "kharita/text/utf8.hpp"

#include <algorithm>
#include <cstdlib>

namespace kharita::detail {

namespace {

// A number token holds at most this many digits (a longer run is read as several).
constexpr std::size_t kMaxDigits = 12;

} // namespace

std::vector<TimeToken> time_tokens(std::string_view s) {
    std::vector<TimeToken> out;
    Lexer lexer(s);
    Lexeme x;
    while (lexer.next(x)) {
        TimeToken t{};
        t.begin = x.begin;
        t.end = x.end;
        t.space_before = x.space_before;
        switch (x.kind) {
        case LexemeKind::word:
            t.kind = TimeTokenKind::word;
            x.append_lower(s, t.text);
            t.capitalised = x.upper_initial;
            break;
        case LexemeKind::number:
            t.kind = TimeTokenKind::number;
            t.end = std::min(x.end, x.begin + kMaxDigits);
            t.text = std::string(s.substr(t.begin, t.end - t.begin));
            t.value = std::strtol(t.text.c_str(), nullptr, 10);
            break;
        case LexemeKind::letter:
        case LexemeKind::punct:
            // one character; the grammar knows no letters beyond ASCII and reads a dash as a
            // hyphen (U+2010 and U+2011 keep their bytes: it never read them as hyphens)
            t.kind = TimeTokenKind::punct;
            t.text = x.role == PunctRole::dash ? std::string("-") : std::string(x.surface(s));
            break;
        case LexemeKind::invalid:
            // a broken sequence is one character as long as its first byte announces, even
            // when that takes in the bytes after it ("\xE2" "12" is one token)
            t.kind = TimeTokenKind::punct;
            t.end = std::min(s.size(),
                             x.begin + announced_length(static_cast<unsigned char>(s[x.begin])));
            t.text = std::string(s.substr(t.begin, t.end - t.begin));
            break;
        }
        lexer.skip_to(t.end);
        out.push_back(std::move(t));
    }
    return out;
}

} // namespace kharita::detail
