#include "kharita/text/words.hpp"

#include "kharita/text/lexer.hpp"
#include "kharita/text/normalize.hpp"

namespace kharita::detail {

namespace {

/// Word material: ASCII letters and digits, and every code point or byte beyond ASCII
/// (accented and Arabic letters, but also curly quotes, dashes and broken bytes, which stay
/// glued to the word they touch: “tripoli”).
bool word_material(const Lexeme& x) {
    return x.kind != LexemeKind::punct || x.code_point >= 0x80;
}

} // namespace

std::vector<Word> lower_words(std::string_view text, std::size_t from, std::size_t to) {
    std::vector<Word> out;
    const std::string_view range = text.substr(0, to);
    Lexer lexer(range, from);
    Lexeme x;
    bool in_word = false;
    std::size_t start = 0;
    std::size_t end = 0;
    const auto close = [&] {
        if (in_word)
            out.push_back({start, end, ascii_lower(range.substr(start, end - start))});
        in_word = false;
    };
    while (lexer.next(x)) {
        const bool adjacent = in_word && x.begin == end;
        if (word_material(x)) {
            if (!adjacent) {
                close();
                in_word = true;
                start = x.begin;
            }
            end = x.end;
            continue;
        }
        // an inner ASCII hyphen before a letter joins: "al-bayda", not "x--y" or "9-"
        if (adjacent && x.code_point == '-') {
            const std::optional<Lexeme> after = lexer.peek();
            if (after && after->begin == x.end && after->kind == LexemeKind::word) {
                end = x.end;
                continue;
            }
        }
        close();
    }
    close();
    return out;
}

} // namespace kharita::detail
