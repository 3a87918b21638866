#include "events/event_location_features.hpp"

#include "kharita/text/lexer.hpp"
#include "kharita/text/normalize.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>

namespace kharita::detail {

namespace {

/// A word (letters and digits, with inner hyphens and apostrophes: "al-Qanat", "Ma’an") or
/// one punctuation mark.
struct Tok {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool word = false;
    bool cap = false;       ///< a part starts with an upper-case letter ("Tripoli", "al-Qanat")
    bool all_upper = false; ///< two or more letters, all upper case ("ISIS")
    bool digit = false;
    std::string lower; ///< ASCII-lowered word, or the mark ("," ";" "(")
};

std::string punct_name(const Lexeme& x, std::string_view text) {
    switch (x.role) {
    case PunctRole::hyphen:
    case PunctRole::dash:
        return "-";
    case PunctRole::open_quote:
        return "<q>";
    case PunctRole::apostrophe:
        return "'";
    default:
        break;
    }
    if (x.code_point < 0x80 && x.code_point != '"' && x.code_point != '\\')
        return std::string(x.surface(text));
    return "<p>";
}

bool joins(const Lexeme& x) {
    return x.is(PunctRole::hyphen) || x.is(PunctRole::apostrophe);
}

/// The words and marks of text[from, to).
std::vector<Tok> tokenize_sentence(std::string_view text, std::size_t from, std::size_t to) {
    std::vector<Tok> out;
    const std::string_view range = text.substr(0, to);
    Lexer lexer(range, from);
    Lexeme x;
    std::size_t uppers = 0;
    std::size_t letters = 0;
    bool after_joiner = false;
    const auto close = [&] {
        if (!out.empty() && out.back().word)
            out.back().all_upper = letters >= 2 && uppers == letters;
    };
    while (lexer.next(x)) {
        const bool glued = !out.empty() && out.back().word && x.begin == out.back().end;
        if (x.word_part()) {
            if (!glued) {
                close();
                out.push_back({x.begin, x.end, true, x.upper_initial, false, false, {}});
                uppers = letters = 0;
            } else if (after_joiner && x.upper_initial) {
                out.back().cap = true; // "al-Qanat"
            }
            Tok& t = out.back();
            t.end = x.end;
            x.append_lower(range, t.lower);
            t.digit = t.digit || x.kind == LexemeKind::number;
            uppers += x.uppers;
            letters += x.letters;
            after_joiner = false;
            continue;
        }
        // an inner hyphen or apostrophe joins two word parts ("Ma’an"), not a possessive "'s"
        std::optional<Lexeme> next = lexer.peek();
        // "Al-‘Eiss": a hyphen glued to an apostrophe that a word part follows
        const bool word_next =
            next && next->begin == x.end &&
            (next->word_part() || (x.is(PunctRole::hyphen) && next->is(PunctRole::apostrophe)));
        if (glued && joins(x) && word_next &&
            !(x.is(PunctRole::apostrophe) && next->lower(range) == "s")) {
            Tok& t = out.back();
            t.end = x.end;
            t.lower += x.is(PunctRole::apostrophe) ? "'" : "-";
            after_joiner = true;
            continue;
        }
        close();
        after_joiner = false;
        out.push_back({x.begin, x.end, false, false, false, false, punct_name(x, range)});
    }
    close();
    return out;
}

bool in_list(std::string_view w, const auto& list) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

/// Capitalised function words that start a sentence or a title, not a place.
bool function_word(std::string_view w) {
    static constexpr std::array<std::string_view, 44> kWords = {
        "the",  "in",    "a",    "an",    "at",     "on",    "of",    "and",    "but",
        "for",  "from",  "to",   "by",    "with",   "as",    "after", "before", "during",
        "when", "while", "this", "that",  "these",  "those", "it",    "he",     "she",
        "they", "we",    "i",    "his",   "her",    "their", "its",   "our",    "there",
        "some", "many",  "if",   "since", "though", "near",  "among", "across"};
    return in_list(w, kWords);
}

/// Lower-case words inside a place name between capitalised ones ("Gulf of Oman",
/// "Rio de Janeiro", "Deir ez-Zor").
bool connector(std::string_view w) {
    static constexpr std::array<std::string_view, 14> kWords = {
        "of", "de", "al", "el", "bin", "ibn", "ez", "es", "la", "du", "des", "del", "da", "e"};
    return in_list(w, kWords);
}

bool time_word(std::string_view w) {
    static constexpr std::array<std::string_view, 19> kWords = {
        "monday",    "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday",
        "january",   "february", "march",     "april",    "june",   "july",     "august",
        "september", "october",  "november",  "december", "ramadan"};
    return in_list(w, kWords);
}

/// Ordinary words that say what kind of thing a capitalised name is: a place ("Hama
/// Airport", "Sawwan Hill", "Camp Bastion"), a body that is no place ("Syrian Army"), a
/// person's title ("President", "Gen.").
bool kind_word(std::string_view w) {
    static constexpr std::array<std::string_view, 114> kWords = {
        "president",    "minister",   "prime",        "gen",          "general",  "col",
        "colonel",      "lt",         "maj",          "capt",         "sgt",      "prince",
        "king",         "queen",      "sheikh",       "mr",           "mrs",      "dr",
        "province",     "district",   "governorate",  "region",       "county",   "state",
        "city",         "town",       "village",      "camp",         "quarter",  "neighbourhood",
        "neighborhood", "suburb",     "municipality", "prefecture",   "area",     "zone",
        "street",       "road",       "avenue",       "highway",      "square",   "roundabout",
        "bridge",       "crossing",   "checkpoint",   "border",       "airport",  "base",
        "port",         "harbour",    "harbor",       "station",      "hill",     "hills",
        "mount",        "mountain",   "mountains",    "valley",       "river",    "lake",
        "sea",          "gulf",       "bay",          "island",       "islands",  "coast",
        "desert",       "plain",      "plains",       "peninsula",    "strip",    "bank",
        "heights",      "peak",       "dam",          "field",        "fields",   "hospital",
        "school",       "university", "mosque",       "church",       "temple",   "market",
        "bazaar",       "hotel",      "palace",       "prison",       "jail",     "embassy",
        "stadium",      "park",       "complex",      "project",      "army",     "forces",
        "police",       "brigade",    "division",     "battalion",    "regiment", "front",
        "council",      "ministry",   "party",        "movement",     "group",    "committee",
        "government",   "agency",     "organization", "organisation", "union",    "court"};
    return in_list(w, kWords);
}

/// The words that report speech: a place before them is often where it was said.
bool speech_word(std::string_view w) {
    static constexpr std::array<std::string_view, 6> kWords = {"said",   "says",      "told",
                                                               "stated", "according", "reported"};
    return in_list(w, kWords);
}

std::string bucket(std::size_t n, std::initializer_list<std::size_t> edges) {
    std::size_t lo = 0;
    for (const std::size_t e : edges) {
        if (n < e)
            return lo + 1 == e ? std::to_string(lo)
                               : std::to_string(lo) + "-" + std::to_string(e - 1);
        lo = e;
    }
    return std::to_string(lo) + "+";
}

/// A candidate while it is being built: its tokens [first, last].
struct Raw {
    std::size_t first = 0;
    std::size_t last = 0;
    const Toponym* toponym = nullptr;
    bool from_run = true;
    /// pieces of the capitalised run it spans, when more than one ("Gaza" + "Strip"): the
    /// whole run is a candidate beside its pieces, so that the model learns the extent
    std::size_t pieces = 1;
};

const Toponym* toponym_of(const Tok& t, const std::vector<const Toponym*>& tops) {
    for (const Toponym* p : tops)
        if (p->start < t.end && t.begin < p->end)
            return p;
    return nullptr;
}

/// The capitalised runs of `toks`, split where toponyms begin and end.
std::vector<Raw> capitalised_runs(const std::vector<Tok>& toks,
                                  const std::vector<const Toponym*>& tops) {
    std::vector<Raw> out;
    std::size_t i = 0;
    while (i < toks.size()) {
        const Tok& t = toks[i];
        if (!t.word || !t.cap || time_word(t.lower) ||
            (function_word(t.lower) && !toponym_of(t, tops))) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < toks.size()) {
            const Tok& n = toks[j + 1];
            if (n.word && n.cap && !function_word(n.lower) && !time_word(n.lower)) {
                ++j;
            } else if (n.word && !n.cap && connector(n.lower) && j + 2 < toks.size() &&
                       toks[j + 2].word && toks[j + 2].cap) {
                j += 2;
            } else {
                break;
            }
        }
        // split by toponym: consecutive tokens in the same toponym (or in none) go together
        const std::size_t run_begin = out.size();
        std::size_t k = i;
        while (k <= j) {
            const Toponym* top = toponym_of(toks[k], tops);
            std::size_t m = k;
            while (m + 1 <= j && toponym_of(toks[m + 1], tops) == top)
                ++m;
            // a connector cut off at either end of a piece is no part of a name
            std::size_t a = k;
            std::size_t b = m;
            while (a < b && !toks[a].cap)
                ++a;
            while (b > a && !toks[b].cap)
                --b;
            if (toks[a].cap)
                out.push_back({a, b, top, true});
            k = m + 1;
        }
        if (out.size() - run_begin > 1) {
            const Toponym* top = nullptr;
            for (std::size_t p = run_begin; p < out.size() && !top; ++p)
                top = out[p].toponym;
            out.push_back(
                {out[run_begin].first, out.back().last, top, true, out.size() - run_begin});
        }
        i = j + 1;
    }
    return out;
}

/// What a token is, as a feature value: lower-case words by identity, the rest by shape.
std::string tok_name(const std::vector<Tok>& toks, std::size_t i, std::ptrdiff_t step) {
    const auto at = static_cast<std::ptrdiff_t>(i) + step;
    if (at < 0)
        return "<s>";
    if (at >= static_cast<std::ptrdiff_t>(toks.size()))
        return "</s>";
    const Tok& t = toks[static_cast<std::size_t>(at)];
    if (!t.word)
        return t.lower;
    if (t.cap)
        return "<cap>";
    if (t.digit)
        return "<num>";
    return t.lower;
}

/// The tokens of a sentence, its candidates and its event, for the feature functions.
struct Context {
    const std::vector<Tok>& toks;
    const std::vector<Raw>& cands;
    std::size_t ev_first = 0; ///< the event word's tokens
    std::size_t ev_last = 0;
    std::string ev_word;
    std::string_view text;
    const Gazetteer* gazetteer = nullptr;
};

std::size_t distance(const Raw& c, const Context& x) {
    return c.last < x.ev_first ? x.ev_first - c.last : c.first - x.ev_last;
}

/// What stands between a candidate and the event word.
/// The distance and clause buckets of a candidate, for conjunctions with other features.
struct Between {
    std::string d;
    std::string cl;
};

Between between_features(const Raw& c, const Context& x, std::vector<std::string>& f,
                         const std::string& side) {
    const std::size_t lo = c.last < x.ev_first ? c.last + 1 : x.ev_last + 1;
    const std::size_t hi = c.last < x.ev_first ? x.ev_first : c.first;
    std::size_t words = 0;
    std::size_t commas = 0;
    bool clause = false;
    bool speech = false;
    for (std::size_t k = lo; k < hi; ++k) {
        const Tok& t = x.toks[k];
        words += t.word ? 1 : 0;
        commas += t.lower == "," ? 1 : 0;
        clause = clause || t.lower == ";" || t.lower == ":" || t.lower == "." || t.lower == "<q>";
        speech = speech || (t.word && speech_word(t.lower));
    }
    const std::string d = bucket(words, {1, 2, 3, 5, 8, 13, 21});
    f.push_back("d=" + d);
    f.push_back("side&d=" + side + d);
    const std::string cl = clause        ? "stop"
                           : speech      ? "said"
                           : commas == 0 ? "same"
                           : commas == 1 ? "c1"
                                         : "c2";
    f.push_back("cl=" + cl);
    f.push_back("side&cl=" + side + cl);
    std::size_t between = 0;
    for (const Raw& o : x.cands)
        between += (o.pieces == 1 && o.first >= lo && o.last < hi) ? 1 : 0;
    f.push_back("betw=" + bucket(between, {1, 2}));
    f.push_back("side&betw=" + side + bucket(between, {1, 2}));
    // the lower-case words between, nearest the candidate first (at most four)
    std::size_t taken = 0;
    for (std::size_t n = 0; n < hi - lo && taken < 4; ++n) {
        const Tok& t = x.toks[c.last < x.ev_first ? lo + n : hi - 1 - n];
        if (t.word && !t.cap && !t.digit) {
            f.push_back("w=" + side + t.lower);
            ++taken;
        }
    }
    // and the two nearest the event word ("killed in", "attack on ... the town of")
    taken = 0;
    for (std::size_t n = 0; n < hi - lo && taken < 2; ++n) {
        const Tok& t = x.toks[c.last < x.ev_first ? hi - 1 - n : lo + n];
        if (t.word && !t.cap && !t.digit) {
            f.push_back("we" + std::to_string(taken) + "=" + side + t.lower);
            ++taken;
        }
    }
    return {d, cl};
}

/// How many candidates there are, a whole run counted by its pieces.
std::size_t pieces_only(const std::vector<Raw>& cands) {
    return static_cast<std::size_t>(
        std::count_if(cands.begin(), cands.end(), [](const Raw& r) { return r.pieces == 1; }));
}

/// The candidate ending nearest before candidate `ci` (or starting nearest after it), whole
/// runs and pieces alike.
std::optional<std::size_t> neighbour(std::size_t ci, const Context& x, bool after) {
    const Raw& c = x.cands[ci];
    std::optional<std::size_t> best;
    for (std::size_t k = 0; k < x.cands.size(); ++k) {
        const Raw& o = x.cands[k];
        if (after ? o.first <= c.last : o.last >= c.first)
            continue;
        if (!best || (after ? o.first < x.cands[*best].first : o.last > x.cands[*best].last))
            best = k;
    }
    return best;
}

/// How `a` stands to `b` in the gazetteer: "coarser" ("Faryab Province" to "Maimana"),
/// "finer", "same" precision, or "cap" when one of them is no toponym.
std::string relation(const Raw& a, const Raw& b) {
    if (!a.toponym || !b.toponym)
        return "cap";
    const auto pa = a.toponym->precision;
    const auto pb = b.toponym->precision;
    return pa > pb ? "coarser" : pa < pb ? "finer" : "same";
}

/// The candidate next to this one (at most three lower-case words or marks apart): the
/// words between and how the two compare say "Maimana, Faryab Province" (a containing
/// region), "the West Bank village of Idna", "Sukhnah, Taybah and Arak" (a list).
void adjacent_features(std::size_t ci, const Context& x, std::vector<std::string>& f) {
    const Raw& c = x.cands[ci];
    for (const bool after : {false, true}) {
        const std::optional<std::size_t> o = neighbour(ci, x, after);
        if (!o)
            continue;
        const Raw& n = x.cands[*o];
        const std::size_t lo = after ? c.last + 1 : n.last + 1;
        const std::size_t hi = after ? n.first : c.first;
        if (hi - lo > 3 || (lo <= x.ev_last && x.ev_first < hi))
            continue;
        std::string between;
        bool plain = true;
        for (std::size_t k = lo; k < hi; ++k) {
            plain = plain && !x.toks[k].cap && !x.toks[k].digit;
            between += (k == lo ? "" : " ") + x.toks[k].lower;
        }
        if (!plain)
            continue;
        const std::string rel = relation(c, n);
        const std::string dir = after ? "next=" : "prev=";
        f.push_back(dir + between);
        f.push_back(dir + rel);
        std::string both = dir;
        both += between;
        both += ' ';
        both += rel;
        f.push_back(std::move(both));
    }
}

/// Where a candidate stands among the others.
void rank_features(std::size_t ci, const Context& x, std::vector<std::string>& f,
                   const std::string& prec) {
    const Raw& c = x.cands[ci];
    const std::size_t dc = distance(c, x);
    std::size_t nearer = 0;
    std::size_t nearer_top = 0;
    std::size_t tops = 0;
    bool finer = false;
    for (std::size_t k = 0; k < x.cands.size(); ++k) {
        const Raw& o = x.cands[k];
        if (o.pieces > 1)
            continue; // a whole run is counted by its pieces
        tops += o.toponym ? 1 : 0;
        if (k == ci)
            continue;
        const std::size_t d = distance(o, x);
        nearer += d < dc ? 1 : 0;
        nearer_top += (d < dc && o.toponym) ? 1 : 0;
        if (o.toponym && c.toponym && o.toponym->precision < c.toponym->precision)
            finer = true;
    }
    const std::string rank = bucket(nearer, {1, 2, 3});
    f.push_back("rank=" + rank);
    f.push_back("rank&side=" + rank + (c.last < x.ev_first ? "b" : "a"));
    f.push_back("prec&rank=" + prec + rank);
    f.push_back("ntop_nearer=" + bucket(nearer_top, {1, 2}));
    f.push_back("nc=" + bucket(pieces_only(x.cands), {2, 3, 4, 5}));
    f.push_back("ntop=" + bucket(tops, {1, 2, 3, 4}));
    if (finer)
        f.push_back("finer_exists&prec=" + prec);
    // "Nablus, West Bank": two names joined by a comma; "the villages of A, B and C": a list
    const std::optional<std::size_t> prev = neighbour(ci, x, false);
    const std::optional<std::size_t> next = neighbour(ci, x, true);
    if (prev && x.cands[*prev].last + 2 == c.first && x.toks[c.first - 1].lower == ",")
        f.push_back(std::string("pair2") + (x.cands[*prev].toponym ? "top" : "cap"));
    const auto joined = [&](const Raw& a, const Raw& b) {
        return a.last + 2 == b.first &&
               (x.toks[a.last + 1].lower == "," || x.toks[a.last + 1].lower == "and");
    };
    if ((prev && joined(x.cands[*prev], c)) || (next && joined(c, x.cands[*next])))
        f.emplace_back("in_list");
    if (next && c.last + 2 == x.cands[*next].first && x.toks[c.last + 1].lower == ",")
        f.push_back(std::string("pair1") + (x.cands[*next].toponym ? "top" : "cap"));
    adjacent_features(ci, x, f);
}

/// What the gazetteer knows of the candidate's words: a place of that name (which the
/// geoparser may have turned down), ordinary English words ("Army", "Bridge").
void gazetteer_features(const Raw& c, const Context& x, std::vector<std::string>& f) {
    const Gazetteer& g = *x.gazetteer;
    const std::size_t from = x.toks[c.first].begin;
    const std::string_view all = x.text.substr(from, x.toks[c.last].end - from);
    if (!c.toponym && g.has_name(normalize_name(all)))
        f.emplace_back("gaz_name");
    std::size_t common = 0;
    std::size_t words = 0;
    bool last_common = false;
    for (std::size_t k = c.first; k <= c.last; ++k) {
        if (!x.toks[k].word || !x.toks[k].cap)
            continue;
        const Tok& t = x.toks[k];
        last_common = g.is_common_word(normalize_name(x.text.substr(t.begin, t.end - t.begin)));
        common += last_common ? 1 : 0;
        ++words;
    }
    f.push_back(std::string("common=") + (common == 0       ? "none"
                                          : common == words ? "all"
                                          : last_common     ? "last"
                                                            : "some"));
    if (c.toponym)
        f.push_back(std::string("top&common=") + (common == 0 ? "none" : "some"));
}

/// What the candidate is: gazetteer facts and shape.
void own_features(const Raw& c, const Context& x, std::vector<std::string>& f,
                  const std::string& prec) {
    f.emplace_back("b");
    if (c.toponym) {
        const Toponym& t = *c.toponym;
        f.push_back(std::string("kind=") + std::string(to_string(t.kind)));
        f.push_back("prec=" + prec);
        f.push_back("conf=" + std::to_string(std::min(4, static_cast<int>(t.confidence * 5))));
        f.push_back("fcode=" + ascii_lower(t.feature));
        f.emplace_back(t.start == x.toks[c.first].begin && t.end == x.toks[c.last].end
                           ? "top_whole"
                           : "top_part");
        if (!c.from_run)
            f.emplace_back("top_lower");
        if (c.pieces > 1)
            f.push_back("merged&kind=" + std::string(to_string(t.kind)));
    } else {
        f.emplace_back("cap_only");
    }
    const std::size_t words = c.last - c.first + 1;
    f.push_back("len=" + bucket(words, {2, 3, 4}));
    if (c.pieces > 1)
        f.emplace_back(c.pieces == 2 ? "merged=2" : "merged=3+");
    if (c.first == 0)
        f.emplace_back("initial");
    if (words == 1 && x.toks[c.first].all_upper)
        f.emplace_back("acronym");
    for (std::size_t k = c.first; k <= c.last; ++k) {
        if (x.toks[k].digit) {
            f.emplace_back("digit");
            break;
        }
    }
    if (words == 1 && time_word(x.toks[c.first].lower))
        f.emplace_back("time_word");
    // a word that says what kind of thing the name is: a place ("Province", "Square") or
    // a body ("Army", "Council"); a closed list, so that the weights hold no proper names
    if (kind_word(x.toks[c.last].lower))
        f.push_back("head=" + x.toks[c.last].lower);
    if (c.last > c.first && kind_word(x.toks[c.first].lower))
        f.push_back("lead=" + x.toks[c.first].lower);
    if (x.gazetteer)
        gazetteer_features(c, x, f);
}

std::vector<std::string> features(std::size_t ci, const Context& x) {
    const Raw& c = x.cands[ci];
    std::vector<std::string> f;
    f.reserve(48);
    const std::string prec = c.toponym ? std::string(to_string(c.toponym->precision)) : "none";
    own_features(c, x, f, prec);
    const std::string side = c.last < x.ev_first ? "b|" : "a|";
    f.push_back("side=" + side);
    f.push_back("prec&side=" + prec + side);
    const Between b = between_features(c, x, f, side);
    rank_features(ci, x, f, prec);
    const std::string p1 = tok_name(x.toks, c.first, -1);
    const std::string p2 = tok_name(x.toks, c.first, -2);
    const std::string n1 = tok_name(x.toks, c.last, 1);
    const std::string n2 = tok_name(x.toks, c.last, 2);
    f.push_back("p1=" + p1);
    f.push_back("p2=" + p2 + " " + p1);
    f.push_back("n1=" + n1);
    f.push_back("n2=" + n1 + " " + n2);
    f.push_back("side&p1=" + side + p1);
    f.push_back("side&n1=" + side + n1);
    f.push_back("prec&p1=" + prec + " " + p1);
    f.push_back("p3=" + tok_name(x.toks, c.first, -3) + " " + p2 + " " + p1);
    // the lower-case words around it, as a bag
    for (std::ptrdiff_t k = 1; k <= 5; ++k) {
        const std::string before = tok_name(x.toks, c.first, -k);
        const std::string after = tok_name(x.toks, c.last, k);
        if (k > 1 && before.front() >= 'a' && before.front() <= 'z')
            f.push_back("pw=" + before);
        if (k > 1 && after.front() >= 'a' && after.front() <= 'z')
            f.push_back("nw=" + after);
    }
    f.push_back("ev=" + x.ev_word);
    f.push_back("ev&side=" + x.ev_word + side);
    f.push_back("ev&p1=" + x.ev_word + " " + p1);
    const std::string d = bucket(distance(c, x), {2, 4, 8, 16});
    f.push_back("p1&d=" + side + p1 + " " + d);
    f.push_back("ev_n1=" + tok_name(x.toks, x.ev_last, 1));
    f.push_back("ev_n1&side&p1=" + tok_name(x.toks, x.ev_last, 1) + side + p1);
    f.push_back("ev_p1=" + tok_name(x.toks, x.ev_first, -1));
    // conjunctions a linear model cannot form by itself
    const std::string kind = c.toponym ? std::string(to_string(c.toponym->kind)) : "cap";
    f.push_back("ev&cl=" + x.ev_word + " " + side + b.cl);
    f.push_back("ev&d=" + x.ev_word + " " + side + b.d);
    f.push_back("prec&cl=" + prec + " " + side + b.cl);
    f.push_back("prec&d=" + prec + " " + side + b.d);
    f.push_back("p1&cl=" + p1 + " " + side + b.cl);
    f.push_back("kind&p1=" + kind + " " + p1);
    f.push_back("kind&n1=" + kind + " " + n1);
    // the same name said again: the first mention is the one annotated
    for (std::size_t k = 0; k < ci; ++k) {
        const Raw& o = x.cands[k];
        if (o.last - o.first == c.last - c.first &&
            x.toks[o.first].lower == x.toks[c.first].lower &&
            x.toks[o.last].lower == x.toks[c.last].lower) {
            f.emplace_back("repeat");
            break;
        }
    }
    return f;
}

/// Numbers the coordinated lists among the candidates: two pieces next to each other with
/// only ",", "and" or "or" between them ("Kép, Phúc Yên and Hòa Lạc") are in one list.
void mark_lists(const std::vector<Tok>& toks, const std::vector<Raw>& raws,
                std::vector<LocationCandidate>& out) {
    std::optional<std::size_t> prev;
    for (std::size_t k = 0; k < raws.size(); ++k) {
        if (raws[k].pieces > 1)
            continue;
        if (prev && raws[*prev].last < raws[k].first) {
            const std::size_t lo = raws[*prev].last + 1;
            const std::size_t hi = raws[k].first;
            bool joined = hi > lo && hi - lo <= 2;
            for (std::size_t t = lo; t < hi && joined; ++t)
                joined = toks[t].lower == "," || toks[t].lower == "and" || toks[t].lower == "or";
            if (joined) {
                if (out[*prev].list < 0)
                    out[*prev].list = static_cast<int>(*prev);
                out[k].list = out[*prev].list;
            }
        }
        prev = k;
    }
}

} // namespace

std::vector<LocationCandidate> location_candidates(std::string_view text, std::size_t from,
                                                   std::size_t to, std::size_t event_start,
                                                   std::size_t event_end,
                                                   const std::vector<Toponym>& toponyms,
                                                   const Gazetteer* gazetteer) {
    to = std::min(to, text.size());
    // Only the words around the event word are read: a place named further away is not
    // where it happened, and a page without full stops (a stripped menu, a table) would
    // otherwise make one "sentence" of thousands of candidates, each read against all.
    // 3 of the 9,655 event-location sentences are longer on one side.
    constexpr std::size_t kWindow = 500; // bytes on each side of the event word
    if (event_start > from + kWindow) {
        from = event_start - kWindow;
        while (from < event_start && text[from] != ' ') // start at a word
            ++from;
    }
    if (to > event_end + kWindow) {
        to = event_end + kWindow;
        while (to > event_end && text[to - 1] != ' ') // end after a word
            --to;
    }
    std::vector<Tok> toks = tokenize_sentence(text, from, to);
    std::vector<const Toponym*> tops;
    for (const Toponym& t : toponyms)
        if (t.start >= from && t.end <= to && t.end > t.start)
            tops.push_back(&t);
    std::vector<Raw> raws = capitalised_runs(toks, tops);
    // toponyms no capitalised run reaches ("moroni")
    for (const Toponym* t : tops) {
        bool covered = false;
        for (const Raw& r : raws)
            covered = covered || r.toponym == t;
        if (covered)
            continue;
        std::optional<std::size_t> first;
        std::size_t last = 0;
        for (std::size_t k = 0; k < toks.size(); ++k) {
            if (toks[k].word && toks[k].begin < t->end && t->start < toks[k].end) {
                first = first.value_or(k);
                last = k;
            }
        }
        if (first)
            raws.push_back({*first, last, t, false});
    }
    // the event word: its tokens, and no candidate on it
    Context x{toks, raws, 0, 0, {}, text, gazetteer};
    std::optional<std::size_t> ev_first;
    for (std::size_t k = 0; k < toks.size(); ++k) {
        if (toks[k].begin < event_end && event_start < toks[k].end) {
            ev_first = ev_first.value_or(k);
            x.ev_last = k;
        }
    }
    if (!ev_first)
        return {};
    x.ev_first = *ev_first;
    std::erase_if(raws, [&](const Raw& r) { return r.first <= x.ev_last && x.ev_first <= r.last; });
    std::sort(raws.begin(), raws.end(), [](const Raw& a, const Raw& b) {
        return a.first != b.first ? a.first < b.first : a.last < b.last;
    });
    x.ev_word = ascii_lower(text.substr(event_start, event_end - event_start));
    std::vector<LocationCandidate> out;
    if (raws.empty())
        return out;
    out.reserve(raws.size() + 1);
    std::size_t tops_named = 0;
    for (std::size_t k = 0; k < raws.size(); ++k) {
        out.push_back({toks[raws[k].first].begin, toks[raws[k].last].end, raws[k].toponym,
                       features(k, x), false});
        tops_named += raws[k].toponym && raws[k].pieces == 1 ? 1 : 0;
    }
    const std::string ev_n1 = tok_name(toks, x.ev_last, 1);
    const std::string ev_p1 = tok_name(toks, x.ev_first, -1);
    std::vector<std::string> none = {"none",
                                     "none&ev=" + x.ev_word,
                                     "none&nc=" + bucket(pieces_only(raws), {2, 3, 4, 5}),
                                     "none&ntop=" + bucket(tops_named, {1, 2, 3}),
                                     "none&ev_n1=" + ev_n1,
                                     "none&ev_p1=" + ev_p1,
                                     "none&ev_p2=" + tok_name(toks, x.ev_first, -2) + " " + ev_p1,
                                     "none&ev_n2=" + ev_n1 + " " + tok_name(toks, x.ev_last, 2)};
    // the lower-case words around the event word, as a bag: a plan ("will", "would"), a
    // negation, a background mention ("since", "last year") often has no place of its own
    for (std::ptrdiff_t k = 2; k <= 5; ++k) {
        const std::string before = tok_name(toks, x.ev_first, -k);
        const std::string after = tok_name(toks, x.ev_last, k);
        if (before.front() >= 'a' && before.front() <= 'z')
            none.push_back("none&pw=" + before);
        if (after.front() >= 'a' && after.front() <= 'z')
            none.push_back("none&nw=" + after);
    }
    out.push_back({0, 0, nullptr, std::move(none), true});
    mark_lists(toks, raws, out);
    return out;
}

} // namespace kharita::detail
