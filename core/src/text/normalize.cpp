#include "kharita/text/normalize.hpp"

#include "kharita/text/utf8.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <mutex>

namespace kharita {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_apostrophe_like(char32_t cp) noexcept {
    switch (cp) {
    case U'\'':
    case U'`':
    case 0x00B4:
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:
    case 0x02BB:
    case 0x02BC:
    case 0x02BE:
    case 0x02BF:
    case 0x02C8:
    case 0x02CA:
    case 0x02CB:
    case 0xFF07:
        return true;
    default:
        return false;
    }
}

/// The folded form of every BMP code point, built once with ICU. An entry is the UTF-8
/// of the folded form, " " for separators, "" for characters that vanish.
class FoldTable {
public:
    static const FoldTable& instance() {
        static const FoldTable table;
        return table;
    }
    const std::string& fold(char32_t cp) const {
        if (cp < m_table.size()) {
            return m_table[cp];
        }
        return m_space; // astral planes: emoji and rare scripts act as separators
    }

private:
    FoldTable() : m_table(0x10000) {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
        std::unique_ptr<icu::Transliterator> latin_ascii(
            icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) {
            latin_ascii.reset();
        }
        for (char32_t cp = 0; cp < 0x10000; ++cp) {
            m_table[cp] = build(cp, nfkd, latin_ascii.get());
        }
        // A folded form may itself contain foldable characters ("ŀ" -> "l·"); fold the
        // table through itself until it is stable, so normalize_name is idempotent.
        for (int pass = 0; pass < 3; ++pass) {
            for (std::string& entry : m_table) {
                bool plain = true;
                for (char c : entry)
                    plain = plain && static_cast<unsigned char>(c) < 0x80;
                if (plain) {
                    continue;
                }
                std::string refolded;
                for (char32_t c : decode_utf8(entry)) {
                    refolded += c < m_table.size() ? m_table[c] : std::string(" ");
                }
                entry = std::move(refolded);
            }
        }
    }

    static std::string build(char32_t cp, const icu::Normalizer2* nfkd,
                             const icu::Transliterator* latin_ascii) {
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return " ";
        }
        if (cp < 0x80) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
                return std::string(1, static_cast<char>(cp));
            }
            if (cp >= 'A' && cp <= 'Z') {
                return std::string(1, static_cast<char>(cp - 'A' + 'a'));
            }
            return is_apostrophe_like(cp) ? "" : " ";
        }
        if (is_apostrophe_like(cp)) {
            return "";
        }
        // Arabic letters that NFKD keeps apart but spellings use interchangeably.
        switch (cp) {
        case 0x0629:
            return "\xD9\x87"; // ta marbuta -> ha
        case 0x0649:           // alef maqsura
        case 0x06CC:           // Farsi yeh
            return "\xD9\x8A"; // ya
        case 0x06A9:
            return "\xD9\x83"; // keheh -> kaf
        case 0x0671:
            return "\xD8\xA7"; // alef wasla -> alef
        case 0x0640:           // tatweel
        case 0x0621:           // lone hamza
            return "";
        case 0x00DF:
            return "ss";
        default:
            break;
        }
        const auto category = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(cp)));
        if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
            category == U_FORMAT_CHAR) {
            return "";
        }
        if (u_isUWhiteSpace(static_cast<UChar32>(cp)) || u_ispunct(static_cast<UChar32>(cp)) ||
            category == U_CONTROL_CHAR || category == U_MATH_SYMBOL ||
            category == U_CURRENCY_SYMBOL || category == U_MODIFIER_SYMBOL ||
            category == U_OTHER_SYMBOL || category == U_UNASSIGNED) {
            return " ";
        }
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString text(static_cast<UChar32>(cp));
        icu::UnicodeString decomposed = nfkd->normalize(text, status);
        if (U_FAILURE(status)) {
            return " ";
        }
        icu::UnicodeString stripped;
        for (int32_t i = 0; i < decomposed.length();) {
            const UChar32 c = decomposed.char32At(i);
            i += U16_LENGTH(c);
            const auto cat = static_cast<UCharCategory>(u_charType(c));
            if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || is_apostrophe_like(c)) {
                continue;
            }
            stripped.append(c);
        }
        UErrorCode script_status = U_ZERO_ERROR;
        if (latin_ascii != nullptr &&
            uscript_getScript(static_cast<UChar32>(cp), &script_status) == USCRIPT_LATIN) {
            latin_ascii->transliterate(stripped);
        }
        stripped.foldCase();
        std::string out;
        stripped.toUTF8String(out);
        // Anything the steps above turned into ASCII punctuation is a separator.
        std::string cleaned;
        for (char c : out) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                if (c == '\'') {
                    continue;
                }
                cleaned += ' ';
            } else {
                cleaned += c;
            }
        }
        return cleaned;
    }

    std::vector<std::string> m_table;
    std::string m_space = " ";
};

constexpr std::array<std::string_view, 17> kArticles = {"al", "el", "az", "as",  "ash", "ad",
                                                        "ar", "at", "an", "ath", "adh", "ed",
                                                        "es", "et", "en", "er",  "ez"};

bool is_article(std::string_view word) {
    return std::find(kArticles.begin(), kArticles.end(), word) != kArticles.end();
}

bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

} // namespace

std::u32string decode_utf8(std::string_view s, std::size_t* invalid) {
    std::u32string out;
    out.reserve(s.size());
    std::size_t bad = 0;
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    while (i < s.size()) {
        const unsigned char c = byte(i);
        if (c < 0x80) {
            out.push_back(c);
            ++i;
            continue;
        }
        std::size_t len = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
            min = 0x10000;
        }
        bool ok = len != 0 && i + len <= s.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80) {
                ok = false;
            } else {
                cp = (cp << 6) | (byte(i + k) & 0x3F);
            }
        }
        if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) {
            ok = false;
        }
        if (!ok) {
            out.push_back(kReplacement);
            ++bad;
            ++i; // resynchronise on the next byte
            continue;
        }
        out.push_back(cp);
        i += len;
    }
    if (invalid != nullptr) {
        *invalid = bad;
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string normalize_name(std::string_view utf8) {
    const FoldTable& table = FoldTable::instance();
    std::string out;
    out.reserve(utf8.size());
    bool pending_space = false;
    const auto emit = [&](std::string_view piece) {
        for (char c : piece) {
            if (c == ' ') {
                pending_space = !out.empty();
            } else {
                if (pending_space) {
                    out += ' ';
                    pending_space = false;
                }
                out += c;
            }
        }
    };
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) { // ASCII fast path
            emit(table.fold(c));
            ++i;
            continue;
        }
        // one code point beyond ASCII; an invalid byte is a separator
        const detail::CodePoint cp = detail::decode_at(utf8, i);
        emit(cp.valid() ? table.fold(cp.value) : std::string_view(" "));
        i += cp.size;
    }
    return out;
}

bool is_arabic_article(std::string_view normalized_word) {
    return is_article(normalized_word);
}

std::string strip_articles(std::string_view normalized) {
    std::string out;
    std::size_t start = 0;
    std::size_t words = 0;
    std::size_t kept = 0;
    while (start <= normalized.size()) {
        std::size_t end = normalized.find(' ', start);
        if (end == std::string_view::npos) {
            end = normalized.size();
        }
        const std::string_view word = normalized.substr(start, end - start);
        ++words;
        // An article counts only before another word: "as" at the end is not one.
        const bool last = end == normalized.size();
        if (!word.empty() && !(is_article(word) && !last)) {
            if (!out.empty()) {
                out += ' ';
            }
            out += word;
            ++kept;
        }
        start = end + 1;
    }
    if (kept == 0) {
        return std::string(normalized);
    }
    return out;
}

std::string strip_glued_article(std::string_view normalized) {
    // "almarj", "elbaida", "alkufra": a glued al-/el- before at least four letters.
    if (normalized.size() >= 6 && (normalized.starts_with("al") || normalized.starts_with("el")) &&
        normalized[2] != ' ' && normalized.find(' ') == std::string_view::npos) {
        return std::string(normalized.substr(2));
    }
    return {};
}

std::string skeleton_key(std::string_view normalized) {
    const std::string base = strip_articles(normalized);
    // Work word by word: a final -ah/-eh is a vowel ending, and a word-initial y or w is a
    // consonant, whereas a y or w between vowels is a vowel carrier in most spellings.
    std::string out;
    std::size_t start = 0;
    while (start <= base.size()) {
        std::size_t end = base.find(' ', start);
        if (end == std::string::npos) {
            end = base.size();
        }
        std::string w(base.substr(start, end - start));
        start = end + 1;
        if (w.size() > 2 && w.back() == 'h' && is_vowel(w[w.size() - 2])) {
            w.pop_back();
        }
        std::string word;
        for (std::size_t i = 0; i < w.size(); ++i) {
            const char c = w[i];
            const char next = i + 1 < w.size() ? w[i + 1] : '\0';
            const auto u = static_cast<unsigned char>(c);
            if (u >= 0x80) {
                word += c;
                continue;
            }
            char mapped = c;
            if (next == 'h' && (c == 'k' || c == 'g' || c == 's' || c == 'c' || c == 'd' ||
                                c == 't' || c == 'z' || c == 'p')) {
                // kh gh sh ch dh th zh ph: one Arabic consonant written with two letters
                mapped = c == 'p' ? 'f' : c == 'c' ? 's' : c == 'g' ? 'k' : c;
                ++i;
            } else if (c == 'd' && next == 'j') {
                mapped = 'j'; // French "dj"
                ++i;
            } else if (c == 'q' || c == 'g' || c == 'c') {
                mapped = 'k';
            } else if (is_vowel(c)) {
                continue;
            } else if ((c == 'y' || c == 'w') && i > 0) {
                // y/w after a vowel or between vowels is a vowel length marker
                const bool prev_vowel = is_vowel(w[i - 1]);
                const bool next_vowel = is_vowel(next);
                if (c == 'y' || (prev_vowel && !next_vowel)) {
                    continue;
                }
            }
            if (!word.empty() && word.back() == mapped) {
                continue; // doubled consonant
            }
            word += mapped;
        }
        if (!out.empty() && !word.empty() && out.back() == word.front() &&
            static_cast<unsigned char>(word.front()) < 0x80) {
            word.erase(0, 1);
        }
        out += word;
    }
    return out;
}

bool has_arabic_script(std::string_view normalized) {
    for (std::size_t i = 0; i + 1 < normalized.size(); ++i) {
        const auto c = static_cast<unsigned char>(normalized[i]);
        if (c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) {
            return true;
        }
    }
    return false;
}

bool is_apostrophe(char32_t cp) noexcept {
    return is_apostrophe_like(cp);
}

bool is_blank_name(std::string_view utf8) {
    return normalize_name(utf8).empty();
}

double name_similarity(std::string_view a, std::string_view b) {
    if (a.empty() && b.empty()) {
        return 1.0;
    }
    // Two-row Levenshtein; rows live on the stack for names up to 127 bytes.
    constexpr std::size_t kStack = 128;
    std::size_t stack_rows[2][kStack];
    std::vector<std::size_t> heap;
    std::size_t* prev = stack_rows[0];
    std::size_t* cur = stack_rows[1];
    if (b.size() + 1 > kStack) {
        heap.resize(2 * (b.size() + 1));
        prev = heap.data();
        cur = heap.data() + b.size() + 1;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        prev[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    const double dist = static_cast<double>(prev[b.size()]);
    return 1.0 - dist / static_cast<double>(std::max(a.size(), b.size()));
}

SpellingMatcher::SpellingMatcher(std::string_view pattern) : m_pattern(pattern) {
    if (m_pattern.size() <= 64) {
        for (std::size_t i = 0; i < m_pattern.size(); ++i) {
            m_peq[static_cast<unsigned char>(m_pattern[i])] |= std::uint64_t{1} << i;
        }
    }
}

std::size_t SpellingMatcher::distance(std::string_view other) const {
    const std::size_t m = m_pattern.size();
    if (m == 0) {
        return other.size();
    }
    if (m > 64) {
        const double sim = name_similarity(m_pattern, other);
        return static_cast<std::size_t>(
            std::lround((1.0 - sim) * static_cast<double>(std::max(m, other.size()))));
    }
    // Myers (1999) / Hyyrö (2001), global edit distance.
    std::uint64_t pv = ~std::uint64_t{0};
    std::uint64_t mv = 0;
    const std::uint64_t last = std::uint64_t{1} << (m - 1);
    std::size_t score = m;
    for (char c : other) {
        const std::uint64_t eq = m_peq[static_cast<unsigned char>(c)];
        const std::uint64_t xv = eq | mv;
        const std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
        std::uint64_t ph = mv | ~(xh | pv);
        std::uint64_t mh = pv & xh;
        if ((ph & last) != 0) {
            ++score;
        } else if ((mh & last) != 0) {
            --score;
        }
        ph = (ph << 1) | 1;
        mh <<= 1;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
    }
    return score;
}

double SpellingMatcher::similarity(std::string_view other) const {
    if (m_pattern.empty() && other.empty()) {
        return 1.0;
    }
    return 1.0 - static_cast<double>(distance(other)) /
                     static_cast<double>(std::max(m_pattern.size(), other.size()));
}

std::string strip_unit_word(std::string_view normalized) {
    std::string n(normalized);
    for (std::string_view suffix : {" district", " governorate", " province", " region", " state",
                                    " shabiyah", " municipality", " wilayat", " wilaya"}) {
        if (n.size() > suffix.size() && n.ends_with(suffix)) {
            n.erase(n.size() - suffix.size());
            break;
        }
    }
    return n;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string ascii_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

} // namespace kharita
