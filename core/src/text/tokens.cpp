#include "kharita/text/tokens.hpp"

#include "kharita/text/lexer.hpp"
#include "kharita/text/normalize.hpp"
#include "kharita/text/utf8.hpp"

namespace kharita::detail {

namespace {

/// What lies between two tokens, gathered lexeme by lexeme until the next word.
struct Separators {
    bool sentence_break = true; // the start of the text starts a sentence
    bool hyphen = false;
    bool comma = false;
    bool other = false;

    /// Takes in the white space before a lexeme: a line break ends a sentence.
    void add_space(const Lexeme& x) {
        if (x.line_break_before) {
            sentence_break = true;
            other = true;
        }
    }

    /// Takes in a lexeme that is no part of a word.
    void add(const Lexeme& x) {
        if (x.kind == LexemeKind::invalid) {
            other = true;
            return;
        }
        switch (x.role) {
        case PunctRole::full_stop:
        case PunctRole::bullet:
            sentence_break = true;
            other = true;
            break;
        case PunctRole::hyphen:
        case PunctRole::dash:
            hyphen = true;
            break;
        case PunctRole::comma:
            comma = true;
            break;
        case PunctRole::space:
        case PunctRole::apostrophe: // a trailing apostrophe ("Martyrs' Square") joins like one
            break;
        case PunctRole::open_quote: // a quotation starts a sentence of its own
            sentence_break = true;
            other = true;
            break;
        case PunctRole::clause:
        case PunctRole::other:
            other = true;
            break;
        }
    }

    /// The gap before the token that follows: the strongest separator seen.
    Gap gap() const {
        if (other)
            return Gap::other;
        if (comma)
            return Gap::comma;
        if (hyphen)
            return Gap::hyphen;
        return Gap::space;
    }
};

/// Reads one word token from its first lexeme on: adjacent letters, digits and marks of any
/// script, apostrophes between letters ("O'Neil", "Ma'aten"), a dotted abbreviation ("U.S.").
/// A final "'s" is a possessive: the token ends before it and the lexer moves past it.
class WordReader {
public:
    WordReader(Lexer& lexer, const Lexeme& first) : m_lexer(lexer), m_text(lexer.text()) {
        m_token.begin = first.begin;
        m_token.upper_initial = first.upper_initial;
        m_token.arabic = first.arabic;
        take(first);
    }

    Token read() {
        for (;;) {
            const std::optional<Lexeme> next = m_lexer.peek();
            if (!next || next->begin != m_end)
                break; // white space or the end of the text
            if (next->word_part()) {
                m_lexer.next(m_scratch);
                take(*next);
                continue;
            }
            if (next->is(PunctRole::apostrophe) && apostrophe(*next)) {
                if (m_token.possessive)
                    break;
                continue;
            }
            if (next->is(PunctRole::full_stop) && next->code_point == '.')
                dotted_abbreviation();
            break;
        }
        m_token.end = m_end;
        m_token.all_caps = m_letters >= 2 && m_uppers == m_letters;
        const std::string_view surface = m_text.substr(m_token.begin, m_end - m_token.begin);
        if (m_dotted) {
            std::string letters; // "U.S." -> "US"
            for (const char c : surface) {
                if (c != '.')
                    letters += c;
            }
            m_token.norm = normalize_name(letters);
        } else {
            m_token.norm = normalize_name(surface);
        }
        return std::move(m_token);
    }

private:
    /// Adds a word part to the token.
    void take(const Lexeme& x) {
        m_letters += x.letters;
        m_uppers += x.uppers;
        m_token.has_digit = m_token.has_digit || x.kind == LexemeKind::number;
        m_end = x.end;
    }

    /// An apostrophe right after the word: part of it when a letter follows ("O'Neil");
    /// before a lone final "s" a possessive, which ends the token and is skipped. False when
    /// it ends the word.
    bool apostrophe(const Lexeme& mark) {
        if (mark.end >= m_text.size())
            return false;
        Lexer ahead = m_lexer;
        Lexeme after;
        ahead.next(m_scratch); // the apostrophe
        if (!ahead.next(after) || after.begin != mark.end || !after.starts_with_letter())
            return false;
        bool lone_s = after.kind == LexemeKind::word && after.size() == 1 &&
                      (after.code_point == 's' || after.code_point == 'S');
        if (lone_s) {
            const std::optional<Lexeme> beyond = ahead.peek();
            lone_s = !beyond || beyond->begin != after.end || !beyond->word_part();
        }
        m_lexer.next(m_scratch); // the apostrophe
        if (lone_s) {
            m_lexer.next(m_scratch); // the s
            m_token.possessive = true;
        } else {
            m_end = mark.end;
        }
        return true;
    }

    /// A single capital followed by periods and capitals ("U.S.", "U.K.", "U.S.A."): the
    /// periods join the token, which ends after the last one. m_end is at the first period.
    void dotted_abbreviation() {
        const std::size_t j = m_end;
        if (!(m_letters == 1 && m_uppers == 1 && j + 2 < m_text.size() && j - m_token.begin <= 4 &&
              is_upper_case(decode_at(m_text, j + 1).value) && m_text[j + 2] == '.')) {
            return;
        }
        // consume ".X" pairs; a byte beyond ASCII between periods (broken UTF-8 only) is
        // read as the Latin-1 letter of that number
        std::size_t k = j;
        while (k + 2 < m_text.size() && m_text[k] == '.' &&
               is_upper_case(static_cast<unsigned char>(m_text[k + 1])) && m_text[k + 2] == '.') {
            k += 2;
            ++m_letters;
            ++m_uppers;
        }
        m_end = k + 1; // the final period
        m_dotted = true;
        m_lexer.skip_to(m_end);
    }

    Lexer& m_lexer;
    std::string_view m_text;
    Token m_token;
    Lexeme m_scratch;
    std::size_t m_end = 0;
    std::size_t m_letters = 0;
    std::size_t m_uppers = 0;
    bool m_dotted = false;
};

} // namespace

std::vector<Token> tokenize(std::string_view text, std::size_t* invalid_bytes) {
    std::vector<Token> tokens;
    std::size_t invalid = 0;
    Separators between;
    Lexer lexer(text);
    Lexeme x;
    while (lexer.next(x)) {
        between.add_space(x);
        if (!x.word_part()) {
            invalid += x.kind == LexemeKind::invalid ? 1 : 0;
            between.add(x);
            continue;
        }
        Token t = WordReader(lexer, x).read();
        t.gap = tokens.empty() ? Gap::start : between.gap();
        t.sentence_start = between.sentence_break;
        tokens.push_back(std::move(t));
        between = Separators{};
        between.sentence_break = false;
    }
    if (invalid_bytes != nullptr) {
        *invalid_bytes = invalid;
    }
    return tokens;
}

} // namespace kharita::detail
