#pragma once
// The one lexer of Kharita: a single pass over UTF-8 text that decides what each piece of it
// is. Every reader of running text builds its tokens from these lexemes (the geoparser's
// tokenize() in text/tokens.hpp, the event extractor's lower_words() in text/words.hpp, the
// temporal grammar's tokens in time/), so that what counts as a letter, a space, a hyphen or
// a broken byte is decided here once. Private to core.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kharita::detail {

/// What a lexeme is.
enum class LexemeKind : std::uint8_t {
    word,    ///< a run of ASCII letters: "Tripoli"
    number,  ///< a run of ASCII digits: "2025"
    letter,  ///< one letter, digit or mark beyond ASCII: "é", "ط", "٣", a combining mark
    punct,   ///< one other code point: punctuation, symbols, spaces beyond ASCII's
    invalid, ///< one byte that starts no valid UTF-8 sequence
};

/// What a punctuation code point does between words: one table for every reader.
enum class PunctRole : std::uint8_t {
    other,      ///< brackets, symbols, closing quotes, anything not below
    hyphen,     ///< - U+2010 U+2011
    dash,       ///< U+2013 en dash, U+2014 em dash: read as a hyphen
    comma,      ///< ,
    full_stop,  ///< . ! ?
    bullet,     ///< U+2022, which starts a list item
    clause,     ///< : ; |
    open_quote, ///< " U+201C
    apostrophe, ///< ' ` ’ ‘ and the other signs is_apostrophe() names
    space,      ///< U+00A0 no-break space
};

struct Lexeme {
    std::size_t begin = 0; ///< byte offsets into the text
    std::size_t end = 0;
    LexemeKind kind = LexemeKind::punct;
    PunctRole role = PunctRole::other; ///< punct only
    char32_t code_point = 0;           ///< the first code point (U+FFFD for an invalid byte)
    std::uint32_t letters = 0;         ///< alphabetic code points in it
    std::uint32_t uppers = 0;          ///< upper- or titlecase letters among them
    bool upper_initial = false;        ///< starts with an upper- or titlecase letter
    bool arabic = false;               ///< a letter of the Arabic script
    bool space_before = false;         ///< ASCII white space since the previous lexeme
    bool line_break_before = false;    ///< a line break (\n or \r) among that white space

    std::size_t size() const noexcept { return end - begin; }
    std::string_view surface(std::string_view text) const { return text.substr(begin, size()); }
    /// The lowercase form word lists are matched against: ASCII letters lowered, other bytes
    /// as they are.
    std::string lower(std::string_view text) const;
    /// lower(), appended to `out`.
    void append_lower(std::string_view text, std::string& out) const;
    /// Part of a word: letters, digits and marks of any script.
    bool word_part() const noexcept {
        return kind == LexemeKind::word || kind == LexemeKind::number || kind == LexemeKind::letter;
    }
    /// Starts with a letter (not a digit or a mark).
    bool starts_with_letter() const noexcept {
        return kind == LexemeKind::word || (kind == LexemeKind::letter && letters > 0);
    }
    bool is(PunctRole r) const noexcept { return kind == LexemeKind::punct && role == r; }
};

/// Reads a text lexeme by lexeme. ASCII white space (space, tab, \n, \r) separates lexemes
/// and is no lexeme itself: the next lexeme records it (space_before, line_break_before).
/// A cursor: copying it is cheap, and a copy reads ahead without moving the original.
class Lexer {
public:
    /// Reads `text` from byte `from`. Offsets stay those of `text`.
    explicit Lexer(std::string_view text, std::size_t from = 0) noexcept
        : m_text(text), m_pos(from) {}

    /// Reads the next lexeme into `out`; false at the end of the text.
    bool next(Lexeme& out);
    /// The lexeme next() would read, without reading it.
    std::optional<Lexeme> peek() const;
    /// Goes on at byte `at`, a byte no lexeme read so far reaches past; white space before
    /// `at` is forgotten.
    void skip_to(std::size_t at) noexcept { m_pos = at; }
    std::string_view text() const noexcept { return m_text; }

private:
    std::string_view m_text;
    std::size_t m_pos;
};

/// The role of a code point that is punctuation (PunctRole::other for any other).
PunctRole punct_role(char32_t c) noexcept;

/// An upper- or titlecase letter.
bool is_upper_case(char32_t c) noexcept;

} // namespace kharita::detail
