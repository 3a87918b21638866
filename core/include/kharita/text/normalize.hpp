#pragma once
// Name normalisation and transliteration-aware matching keys.
//
// Three levels, each a function of the previous one:
//   normalize_name   Unicode-aware folding: decompose, strip marks, case-fold, Latin to
//                    ASCII, unify apostrophes/ʿayn/hamza (removed) and hyphens (space),
//                    Arabic letter variants unified. "Az-Zāwiyah" -> "az zawiyah".
//   strip_articles   drops Arabic article tokens (al, el, az, ash, ...):  -> "zawiyah".
//   skeleton_key     consonant skeleton for Arabic names in Latin script: vowels dropped,
//                    digraphs and usual alternations (q/g/k, dh/d, ou/u, doubled letters,
//                    final -ah) unified, spaces removed:  -> "zw".
// All functions are thread-safe; the folding table is built once on first use.
// Invalid UTF-8 is treated as a separator, never an error.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

/// Unicode-aware folding of a name or a piece of text.
std::string normalize_name(std::string_view utf8);

/// Removes Arabic article tokens from an already normalised name. Returns the input when
/// nothing would remain. "al kufrah" -> "kufrah"; "bir al ghanam" -> "bir ghanam".
std::string strip_articles(std::string_view normalized);

/// Whether a normalised word is an Arabic article as romanised: "al", "el" and the forms
/// assimilated to the next letter ("ash", "az", "ad", ...).
bool is_arabic_article(std::string_view normalized_word);

/// Variants of a normalised query with a glued article split off: "almarj" -> "marj".
/// Empty when the name does not start with a glued article.
std::string strip_glued_article(std::string_view normalized);

/// An admin-unit name without the unit word analysts and sources add to it:
/// "tripoli district" -> "tripoli", "sousse governorate" -> "sousse". Input normalised.
std::string strip_unit_word(std::string_view normalized);

/// ASCII-only case changes (codes, keys, file extensions); other bytes pass unchanged.
std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);

/// Consonant skeleton of a normalised name (see above). Non-ASCII letters pass unchanged.
std::string skeleton_key(std::string_view normalized);

/// True when the normalised text holds at least one Arabic-script letter.
bool has_arabic_script(std::string_view normalized);

/// Apostrophes and the signs written for ʿayn and hamza (' ’ ‘ ʼ ʻ ʿ ʾ ` ´ ...).
bool is_apostrophe(char32_t cp) noexcept;

/// True when the text is empty after normalisation (only spaces or punctuation).
bool is_blank_name(std::string_view utf8);

/// Levenshtein-based similarity in [0, 1] of two normalised strings (by bytes):
/// 1 - distance / max(length).
double name_similarity(std::string_view a, std::string_view b);

/// name_similarity() against one fixed string, many times: Myers' bit-parallel edit
/// distance with the pattern's bit masks computed once (patterns up to 64 bytes; longer
/// ones fall back to the dynamic programme). Copyable; the pattern is copied.
class SpellingMatcher {
public:
    explicit SpellingMatcher(std::string_view pattern);
    double similarity(std::string_view other) const;
    std::size_t distance(std::string_view other) const;

private:
    std::string m_pattern;
    std::uint64_t m_peq[256] = {};
};

/// Decodes UTF-8 into code points; invalid sequences become U+FFFD.
/// If `invalid` is not null it receives the number of invalid sequences.
std::u32string decode_utf8(std::string_view utf8, std::size_t* invalid = nullptr);
void append_utf8(std::string& out, char32_t cp);

} // namespace kharita
