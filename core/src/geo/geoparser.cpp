#include "kharita/geo/geoparser.hpp"

#include "geo/aliases.hpp"

#include "geo/capitals.hpp"
#include "geo/geoparser_words.hpp"
#include "geo/person_names.hpp"
#include "geo/region_phrases.hpp"
#include "geo/sea_phrases.hpp"
#include "kharita/geo/land_mask.hpp"
#include "kharita/text/normalize.hpp"
#include "kharita/text/tokens.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace kharita {

namespace detail {

bool lies_toward(const LatLon& q, double mlat, double mlon, Direction d) {
    switch (d) {
    case Direction::north:
        return q.lat >= mlat;
    case Direction::south:
        return q.lat <= mlat;
    case Direction::east:
        return q.lon >= mlon;
    case Direction::west:
        return q.lon <= mlon;
    case Direction::ne:
        return q.lat >= mlat && q.lon >= mlon;
    case Direction::nw:
        return q.lat >= mlat && q.lon <= mlon;
    case Direction::se:
        return q.lat <= mlat && q.lon >= mlon;
    case Direction::sw:
        return q.lat <= mlat && q.lon <= mlon;
    case Direction::central:
        return std::abs(q.lat - mlat) < 3 && std::abs(q.lon - mlon) < 3;
    case Direction::none:
        break;
    }
    return false;
}

std::optional<LatLon> direction_centroid(const std::vector<WeightedPoint>& points, Direction d,
                                         const std::optional<LatLon>& centre) {
    if (points.size() < 3) {
        return std::nullopt;
    }
    std::vector<double> lats, lons;
    for (const WeightedPoint& q : points) {
        lats.push_back(q.position.lat);
        lons.push_back(q.position.lon);
    }
    std::nth_element(lats.begin(), lats.begin() + static_cast<std::ptrdiff_t>(lats.size() / 2),
                     lats.end());
    std::nth_element(lons.begin(), lons.begin() + static_cast<std::ptrdiff_t>(lons.size() / 2),
                     lons.end());
    const double mlat = centre ? centre->lat : lats[lats.size() / 2];
    const double mlon = centre ? centre->lon : lons[lons.size() / 2];
    double slat = 0, slon = 0;
    double count = 0;
    for (const WeightedPoint& q : points) {
        const double w = std::max(1.0, std::sqrt(static_cast<double>(q.population)));
        if (lies_toward(q.position, mlat, mlon, d)) {
            slat += w * q.position.lat;
            slon += w * q.position.lon;
            count += w;
        }
    }
    if (count > 0) {
        return LatLon{slat / count, slon / count};
    }
    return std::nullopt;
}

std::optional<Offset> offset_toward(double dlat, double dlon, Direction d) {
    switch (d) {
    case Direction::north:
        return Offset{dlat, std::abs(dlon)};
    case Direction::south:
        return Offset{-dlat, std::abs(dlon)};
    case Direction::east:
        return Offset{dlon, std::abs(dlat)};
    case Direction::west:
        return Offset{-dlon, std::abs(dlat)};
    default:
        return std::nullopt;
    }
}

std::optional<LatLon> border_midpoint(const std::vector<LatLon>& one_side,
                                      const std::vector<LatLon>& other_side) {
    double best_km = -1;
    std::optional<LatLon> mid;
    for (const LatLon& a : one_side) {
        for (const LatLon& b : other_side) {
            const double km = distance_km(a, b);
            if (best_km < 0 || km < best_km) {
                best_km = km;
                mid = LatLon{(a.lat + b.lat) / 2, (a.lon + b.lon) / 2};
            }
        }
    }
    return mid;
}

} // namespace detail

namespace {

using detail::Gap;
using detail::Token;

using detail::combine_directions;
using detail::Direction;
using detail::direction_of;
using detail::is_building_word;
using detail::is_calendar_word;
using detail::is_connector;
using detail::is_containment_noun;
using detail::is_determiner;
using detail::is_given_name;
using detail::is_intl_given_name;
using detail::is_locative_cue;
using detail::is_organisation_word;
using detail::is_person_title;
using detail::is_place_generic;
using detail::is_saying_verb;
using detail::is_site_word_start;
using detail::is_title_abbreviation;
using detail::is_unit_word;

std::string fmt_score(const char* label, double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%.2f", label, v);
    return buf;
}

/// The 3-degree grid cell of a point: the context terms look up the text's places by cell,
/// checking the cell and its neighbours (three rows, five columns) for places within 300 km.
std::int64_t grid_cell(const LatLon& p) {
    const auto r = static_cast<std::int64_t>(std::floor((p.lat + 90.0) / 3.0));
    const auto c = static_cast<std::int64_t>(std::floor((p.lon + 180.0) / 3.0));
    return r * 1000 + c;
}

/// Spelling similarity of two normalised names, the better of as written and without their
/// Arabic articles ("al oijeilat" / "el ajelat").
double variant_similarity(std::string_view a, std::string_view b) {
    return std::max(name_similarity(a, b), name_similarity(strip_articles(a), strip_articles(b)));
}

/// True when a normalised Arabic word starts with the one-letter clitics wa-, bi-, li-, fa-
/// (و ب ل ف), which attach to the following word.
bool arabic_clitic(std::string_view w) {
    return w.size() >= 2 && (w.starts_with("\xD9\x88") || w.starts_with("\xD8\xA8") ||
                             w.starts_with("\xD9\x84") || w.starts_with("\xD9\x81"));
}

/// "MPs", "CEOs": an acronym in the plural, never a place.
bool is_plural_acronym(std::string_view surface) {
    if (surface.size() < 3 || surface.back() != 's')
        return false;
    return std::all_of(surface.begin(), surface.end() - 1,
                       [](char c) { return c >= 'A' && c <= 'Z'; });
}

/// The terms of a candidate's score in a resolution pass; `why` reports them.
struct ScoreParts {
    double lookup = 0;    ///< the gazetteer's score
    double focus = 0;     ///< the document's countries (log scale)
    double near = 0;      ///< other places of the text within 300 km
    double listed = 0;    ///< a close list neighbour ("Sorman, Sabratha")
    double contained = 0; ///< explicit containment ("Zawiya, Libya")
    double unit = 0;      ///< an administrative unit named with its unit word ("Idlib province")
    double state = 0;     ///< the states (admin-1 units) the text names ("Paris" in Kentucky news)

    double total() const { return lookup + focus + near + listed + contained + unit + state; }
    std::string explain() const;
};

struct Mention {
    std::size_t first = 0, last = 0; // token range, inclusive
    std::size_t begin = 0, end = 0;  // bytes
    std::string key;                 // normalised text looked up
    ToponymKind kind = ToponymKind::place;
    bool weak = false; // found only through a transliteration skeleton, or a
                       // bare country code: kept only with support nearby
    std::vector<Candidate> candidates;
    std::vector<double> final_scores;      // per candidate: parts[i].total()
    std::vector<ScoreParts> parts;         // per candidate
    std::optional<std::size_t> chosen;     // the candidate chosen, if any
    Direction direction = Direction::none; // of a region phrase ("southern Libya")
    std::string border_with;               // second country of a "Libyan-Tunisian border" phrase
    std::string unit_word;                 // the unit word after the name ("province")
    bool pair_state = false;               // the state of a "Town, ST" pair ("Ky." in "Paris, Ky.")
    std::string why;
};

bool is_country_place(const Place& p) {
    return p.feature_class == 'A' && p.feature_code.starts_with("PCL");
}

/// A candidate found only through a spelling variant (a transliteration skeleton or one
/// edit away), not by a name as written.
bool spelling_variant(const Candidate& c) {
    return c.kind == MatchKind::transliteration || c.kind == MatchKind::fuzzy;
}

bool is_admin1_place(const Place& p) {
    return p.feature_class == 'A' && p.feature_code == "ADM1";
}

/// A capitalised n-gram whose normalised text (`key`) is a gazetteer name.
struct SpanCandidate {
    std::size_t first, last; // token range, inclusive
    std::string key;
    bool demonym_plural; // "Libyans": kept only if the singular is a demonym
};

/// The countries a document points at, weighted by how surely each mention names one.
struct DocumentFocus {
    std::map<std::string, double> mass;
    double total = 0;
    /// The admin-1 units the text names ("Kentucky", the "Ky." of "Paris, Ky."), by "US.KY"
    /// key: the focus of local news below the country.
    std::map<std::string, double> unit_mass;
    double unit_total = 0;
    std::map<std::string, double> pair_country_mass; ///< the "Town, ST" pairs' states by country
};

/// What a mention's current choice adds to the document's focus.
struct OwnEvidence {
    std::string country;
    double weight = 0;
    std::string unit; ///< "US.KY" when the mention itself names an admin-1 unit
    double unit_weight = 0;
};

/// Why a capitalised word was read as part of a person's name.
enum class PersonCue : std::uint8_t { none, title, given_name, saying };

/// The state (admin-1 unit) written after a comma ("Paris, Ky.", "Lincoln, Neb.",
/// "Corbin, KY", "Athens, Georgia"): its tokens, its byte end and its admin-1 candidates.
struct StateRef {
    std::size_t first = 0, last = 0;
    std::size_t end = 0;
    std::vector<Candidate> candidates;
    bool abbreviated = false; ///< "Ky.", "W.Va.", "KY": no town's name as written
};

/// The chosen places of a text, for the "near" term: by 3-degree cell, and which countries
/// and admin-1 units ("LY", "LY.77") hold them (up to two keys each).
class PlaceContext {
public:
    PlaceContext(const Gazetteer& g, const std::vector<Mention>& mentions);
    /// 1 when another place of the text (not `self`, not named `key`) lies within 100 km,
    /// 0.5 within `max_km`, else 0.
    double near(const Place& p, const std::string& key, PlaceId self, double max_km) const;
    /// True when the country or unit holds a place named other than `key`.
    bool holds_other(const std::string& holder, const std::string& key) const;

private:
    struct Anchor {
        LatLon position;
        PlaceId id;
        const std::string* key;
    };
    std::vector<Anchor> m_anchors;
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> m_grid;
    std::unordered_map<std::string, std::vector<const std::string*>> m_holders;
};

/// What supports a weak mention: the source's countries, the countries of strong mentions,
/// and strong places by 3-degree cell.
struct StrongSupport {
    std::set<std::string> hinted;
    std::set<std::string> countries;
    std::unordered_map<std::int64_t, std::vector<std::pair<LatLon, const std::string*>>> grid;

    bool near(const LatLon& p, const std::string& key) const;
};

class Parse {
public:
    Parse(const Gazetteer& g, std::string_view text, const ParseContext& context)
        : m_g(g), m_text(text), m_context(context), m_tokens(detail::tokenize(text)),
          m_capitals(detail::code_tokens(text, m_tokens)) {
        find_name_runs();
    }

    /// When recognising, weak or unsupported mentions are dropped after resolution; with
    /// given spans every span is kept and reported.
    bool prune = true;

    void recognise();
    void mentions_from_spans(const std::vector<Span>& spans);
    void resolve();
    std::vector<Toponym> toponyms() const;

private:
    bool capitalised(const Token& t) const { return t.upper_initial || t.arabic; }
    bool common(const Token& t) const { return m_g.is_common_word(t.norm); }
    /// Whether a one-token span reads as written: the gazetteer spells it so ("The" is not
    /// "THE", an airport code), in capitals when the word is set in capitals ("LIBYA").
    bool same_spelling(std::size_t i, const Candidate& c) const;
    bool has_place_name(std::string_view key) const { return m_g.has_name(key); }
    std::string join(std::size_t first, std::size_t last) const;

    // Recognition
    std::vector<SpanCandidate> candidate_spans() const;
    std::string dotted_key(std::size_t i) const;
    std::string spelled_prefix(std::size_t i) const;
    std::optional<Mention> mention_from_span(const SpanCandidate& s) const;
    bool keep_code_candidates(Mention& m, bool english_word) const;
    void drop_code_readings(Mention& m) const;
    bool minor_as_code(const Candidate& c) const;
    bool accept_span(std::size_t first, std::size_t last,
                     const std::vector<Candidate>& candidates) const {
        return rejection(first, last, candidates) == nullptr;
    }
    const char* rejection(std::size_t first, std::size_t last,
                          const std::vector<Candidate>& candidates) const;
    const char* person_rejection(std::size_t first, std::size_t last, const Candidate& best) const;
    const char* organisation_rejection(std::size_t first, std::size_t last,
                                       const Candidate& best) const;
    bool region_like(const Candidate& c) const;
    bool cue_before(std::size_t first) const;
    bool of_before(std::size_t first) const;
    bool listed_after_cue(std::size_t first) const;
    bool dateline(std::size_t first, std::size_t last) const;
    bool after_title_abbreviation(std::size_t i) const;
    bool appositive_title(std::size_t i) const;
    bool given_name_before(std::size_t i) const;
    bool intl_given_name(std::size_t i) const;
    std::size_t surname_of(std::size_t i) const;
    bool further_name_word(std::size_t j) const;
    bool said_person(std::size_t i) const;
    std::optional<Candidate> best_of_word(std::size_t i) const;
    void mark_person(std::size_t i, PersonCue cue);
    std::optional<StateRef> state_after(std::size_t last) const;
    void apply_state_pairs();
    bool take_state_reading(const Mention& town, Mention& state, const StateRef& ref) const;
    bool town_in(const Mention& town, const Candidate& state) const;
    /// Whether another candidate of `m`, in another country than `p`, is a national capital
    /// ("Cairo", "Geneva" is no capital but "Genève" is a seat: see the definition).
    bool capital_namesake(const Mention& m, const Place& p) const;
    void constrain_to_state(Mention& m, const Place& state) const;
    void add_unit_candidates(Mention& m) const;
    bool take_site_reading(Mention& m) const;
    bool important(const Candidate& c) const;
    void find_person_words();
    bool pair_fails(std::size_t generic) const;
    void second_chance_lookups();
    bool looks_like_person(std::size_t first, std::size_t last) const;
    bool hyphenated_part(std::size_t first, std::size_t last) const;
    bool named_place_not_person(std::size_t i) const;
    void find_name_runs();
    bool token_is_place(std::size_t i) const;
    void add_transliterated(std::vector<Mention>& found) const;
    /// The countries the text's source covers and those the mentions `ms` name as written (not
    /// weak): by a country or a demonym, and with `by_large_places` by a province or a large
    /// city too ("MISRATA", "Sirte": a text about Libya need not write "Libya").
    std::vector<std::string> countries_named(const std::vector<Mention>& ms,
                                             bool by_large_places) const;
    /// Replaces the candidates of a spelling-variant mention by its best reading inside
    /// `named`; false when it has none there.
    bool take_named_country_reading(Mention& m, const std::vector<std::string>& named) const;
    void lookup_candidates(Mention& m, bool penalise_common_words = true) const;
    void apply_region_phrases();
    void apply_border_phrases();

    // Resolution
    const Place& chosen_place(const Mention& m) const;
    double evidence(const Mention& m) const;
    DocumentFocus document_focus() const;
    OwnEvidence own_evidence(const Mention& m) const;
    double focus_share(const DocumentFocus& focus, const OwnEvidence& self,
                       const Candidate& c) const;
    bool list_neighbours(std::size_t a, std::size_t b) const;
    double list_closeness(std::size_t mi, const Place& p) const;
    double containment_bonus(std::size_t mi, const Candidate& c) const;
    double state_focus(std::size_t mi, const Candidate& c, const DocumentFocus& focus,
                       const OwnEvidence& own) const;
    ScoreParts score_parts(std::size_t mi, const Candidate& c, const DocumentFocus& focus,
                           const OwnEvidence& own, const PlaceContext& context) const;
    void resolution_pass();
    StrongSupport strong_support() const;
    bool keep_mention(std::size_t mi, const StrongSupport& support) const;
    void prune_unsupported();

    // Output
    Toponym toponym_of(const Mention& m) const;
    double confidence(const Mention& m, std::size_t ci) const;
    bool names_its_district(const Mention& m, const Place& p) const;
    void place_region_phrase(const Mention& m, const Place& p, Toponym& t) const;
    void place_at_sea(const Mention& m, const Place& p, const detail::SeaPhrase& s,
                      Toponym& t) const;
    bool region_in_direction(const Place& country, Direction d, Toponym& t) const;
    std::vector<LatLon> admin1_positions(const std::string& country) const;
    static void as_region(Toponym& t);
    void set_code_point_offsets(std::vector<Toponym>& toponyms) const;

    const Gazetteer& m_g;
    std::string_view m_text;
    const ParseContext& m_context;
    std::vector<Token> m_tokens;
    // per token: written as a code ("UAE"), not a word in capitals; or as a longer acronym
    detail::CodeTokens m_capitals;
    // Per token: whether a person title stands before it in its run of capitalised words or
    // right before the run ("President Vladimir Putin"). Found once, in one pass, so that
    // asking for every token of a long run stays linear.
    std::vector<bool> m_titled;
    std::vector<Mention> m_mentions;
    std::set<std::string> m_person_words;  // words seen in this text as part of a name
    std::vector<PersonCue> m_person_token; // per token: read as part of a person's name here
    // words read as a person's name by a strong cue (a title, a given name, a verb of
    // saying): no town of that name in this text without a place's context
    std::set<std::string> m_named_persons;

public:
    /// Where spans the recogniser looked at and turned down are reported, with the reason
    /// (null: not reported).
    std::vector<RejectedSpan>* rejected = nullptr;
};

std::string Parse::join(std::size_t first, std::size_t last) const {
    std::string key;
    for (std::size_t k = first; k <= last; ++k) {
        if (m_tokens[k].norm.empty())
            continue;
        if (!key.empty())
            key += ' ';
        key += m_tokens[k].norm;
    }
    return key;
}

bool Parse::token_is_place(std::size_t i) const {
    const Token& t = m_tokens[i];
    if (has_place_name(t.norm)) {
        return true;
    }
    LookupOptions o;
    o.limit = 1;
    o.fuzzy = false;
    const auto c = m_g.lookup_normalized(t.norm, o);
    if (c.empty() || c.front().common_word) {
        return false;
    }
    const double sim = variant_similarity(t.norm, normalize_name(c.front().matched_name));
    if (c.front().score >= 0.7 && sim >= 0.7) {
        return true;
    }
    // a spelling variant of a place in an Arabic-speaking country ("Zwara")
    return c.front().score >= 0.5 && sim >= 0.65 &&
           m_g.arabic_speaking(m_g.place(c.front().place).country);
}

/// Two or three capitalised words that are neither ordinary English words nor places are
/// most often a person's name: "Leonid Slutsky", "Vladimir Putin".
bool Parse::looks_like_person(std::size_t first, std::size_t last) const {
    if (m_tokens[first].arabic) {
        return false; // Arabic script has no capitals to tell names by
    }
    // A title right before: everything up to the end of the capitalised run is a name.
    if (m_titled[first]) {
        return true;
    }
    if (first != last) {
        return false; // multi-word gazetteer names are rarely personal names
    }
    const Token& t = m_tokens[first];
    // Given name before a surname: "Vladimir Putin"; not "Lagos April 4" (a date), nor a
    // country, a state or a city of some size that is no given name before a word ("Russia's
    // Sputnik", "Cambridge Analytica", "Seattle Seahawks": an organisation named after it)
    if (first + 1 < m_tokens.size()) {
        const Token& next = m_tokens[first + 1];
        if (next.gap == Gap::space && capitalised(next) && !next.all_caps && !common(next) &&
            !is_connector(next.norm) && !is_calendar_word(next.norm) &&
            !token_is_place(first + 1)) {
            const bool longer_run = first + 2 < m_tokens.size() &&
                                    m_tokens[first + 2].gap == Gap::space &&
                                    capitalised(m_tokens[first + 2]);
            if (!longer_run && !named_place_not_person(first))
                return true;
        }
    }
    // Surname after a given name: "Harvey Weinstein" (the span is the second word); a
    // country after a word that is no given name ("DeSmog Canada") is no surname
    if (first > 0 && t.gap == Gap::space) {
        const Token& prev = m_tokens[first - 1];
        if (capitalised(prev) && !prev.all_caps && !common(prev) && !is_connector(prev.norm) &&
            !prev.possessive && !is_place_generic(prev.norm) && !token_is_place(first - 1) &&
            direction_of(prev.norm) == Direction::none) {
            if (is_given_name(prev.norm) || intl_given_name(first - 1))
                return true;
            const auto c = best_of_word(first);
            return !(c && (c->kind == MatchKind::demonym || is_country_place(m_g.place(c->place))));
        }
    }
    return false;
}

/// Whether token i, before another capitalised word, names a place rather than a person: a
/// country, a state or a city of 100,000 people or more, by its name as written, that is no
/// given name ("Cambridge Analytica"; "Lincoln Chafee", "Austin Powers" stay persons).
bool Parse::named_place_not_person(std::size_t i) const {
    if (is_given_name(m_tokens[i].norm))
        return false;
    const auto c = best_of_word(i);
    return c && c->kind == MatchKind::exact && (important(*c) || region_like(*c));
}

bool Parse::same_spelling(std::size_t i, const Candidate& c) const {
    const Token& t = m_tokens[i];
    const std::string_view surface = m_text.substr(t.begin, t.end - t.begin);
    if (!t.all_caps || m_capitals.code[i])
        return c.matched_name == surface;
    return c.matched_name.size() == surface.size() &&
           std::equal(surface.begin(), surface.end(), c.matched_name.begin(), [](char a, char b) {
               return a == static_cast<char>(std::toupper(static_cast<unsigned char>(b)));
           });
}

void Parse::find_name_runs() {
    const std::size_t n = m_tokens.size();
    m_titled.assign(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        const bool joins = i > 0 && m_tokens[i].gap == Gap::space && capitalised(m_tokens[i - 1]) &&
                           !m_tokens[i - 1].all_caps;
        if (joins) {
            m_titled[i] = m_titled[i - 1] || is_person_title(m_tokens[i - 1].norm);
        } else {
            m_titled[i] =
                (i > 0 && m_tokens[i].gap == Gap::space && is_person_title(m_tokens[i - 1].norm)) ||
                after_title_abbreviation(i) || appositive_title(i);
        }
    }
}

bool Parse::important(const Candidate& c) const {
    const Place& p = m_g.place(c.place);
    return c.kind == MatchKind::demonym || is_country_place(p) || is_admin1_place(p) ||
           p.population >= 100000 || (p.feature_class == 'L' && p.feature_code == "CONT");
}

/// A country, an admin-1 unit, a continent or a demonym: a name that stays a place even
/// where a person of that name was mentioned ("Jordan", "Georgia").
bool Parse::region_like(const Candidate& c) const {
    const Place& p = m_g.place(c.place);
    return c.kind == MatchKind::demonym || is_country_place(p) || is_admin1_place(p) ||
           (p.feature_class == 'L' && p.feature_code == "CONT");
}

/// A lowercase locative cue right before the token ("in Madison", "near Corbin").
bool Parse::cue_before(std::size_t first) const {
    // "near al-Abyar": the article written before the name with a hyphen belongs to it
    if (first >= 2 && m_tokens[first].gap == Gap::hyphen && !m_tokens[first - 1].upper_initial &&
        is_arabic_article(m_tokens[first - 1].norm))
        --first;
    if (first == 0 || m_tokens[first].gap != Gap::space)
        return false;
    const Token& prev = m_tokens[first - 1];
    // "according to Patrick" names a source, not a destination
    if (prev.norm == "to" && first > 1 && m_tokens[first - 2].norm == "according")
        return false;
    // "south of Lampedusa", "20 km north-east of Sirte"; "the town of Brega", "the port city
    // of Misrata"
    if (prev.norm == "of" && first > 1) {
        const Token& noun = m_tokens[first - 2];
        return direction_of(noun.norm) != Direction::none ||
               (detail::is_settlement_noun(noun.norm) && !capitalised(noun));
    }
    // a cue opening the sentence is capitalised: "In Petal, a church lost its roof"
    return is_locative_cue(prev.norm) && (!capitalised(prev) || prev.sentence_start);
}

/// An item of a list a locative cue opens ("in Troy, Schenectady and Albany"): the items
/// before the one at `first`, back over commas and "and", reach a cue within six items.
bool Parse::listed_after_cue(std::size_t first) const {
    std::size_t k = first;
    for (int items = 0; items < 6; ++items) {
        std::size_t end = 0; // one past the previous item's last token
        if (m_tokens[k].gap == Gap::comma)
            end = k;
        else if (k >= 2 && m_tokens[k].gap == Gap::space && m_tokens[k - 1].norm == "and")
            end = k - 1;
        else
            return false;
        if (end == 0 || !capitalised(m_tokens[end - 1]))
            return false;
        std::size_t b = end - 1;
        while (b > 0 && m_tokens[b].gap == Gap::space && capitalised(m_tokens[b - 1]) &&
               end - b < 4)
            --b;
        if (cue_before(b))
            return true;
        k = b;
    }
    return false;
}

/// "of Walton", "the mayor of Murzuq": after "of" a word is rather a place than a person
/// that the text names elsewhere.
bool Parse::of_before(std::size_t first) const {
    return first > 0 && m_tokens[first].gap == Gap::space && m_tokens[first - 1].norm == "of";
}

/// A dateline's place: a word in capitals opening a line or sentence, then a comma
/// ("OXFORD, Miss. —", "TROY, N.Y. —").
bool Parse::dateline(std::size_t first, std::size_t last) const {
    const Token& head = m_tokens[first];
    return head.all_caps && (first == 0 || head.gap == Gap::other) && last + 1 < m_tokens.size() &&
           m_tokens[last + 1].gap == Gap::comma;
}

/// Why a span is read as a person's name, or null. Context first: "in Madison" and "Lincoln,
/// Neb." are places even in a text that names James Madison.
const char* Parse::person_rejection(std::size_t first, std::size_t last,
                                    const Candidate& best) const {
    if (best.kind == MatchKind::demonym && first == last) {
        return nullptr;
    }
    // "at Kelly's attempts": a cue before a possessive locates what follows it, not the name
    const bool cue = cue_before(first) && !m_tokens[last].possessive;
    const bool place_context =
        cue || dateline(first, last) || state_after(last).has_value() || listed_after_cue(first);
    // "at Donald Trump's": a given name with its surname is a person's after a cue too
    const bool with_surname = first == last && last + 1 < m_tokens.size() &&
                              m_person_token[first] == PersonCue::given_name &&
                              m_person_token[last + 1] == PersonCue::given_name;
    for (std::size_t k = first; k <= last && (!place_context || with_surname); ++k) {
        // the given-name cue was weighed against countries and states when it was found
        if (m_person_token[k] == PersonCue::given_name &&
            !(best.kind == MatchKind::demonym || is_country_place(m_g.place(best.place))))
            return "person: a given name and a surname";
        if (m_person_token[k] == PersonCue::saying && !region_like(best))
            return "person: the subject or object of a verb of saying";
    }
    const Token& head = m_tokens[first];
    // "Julia" (Plovdiv), "Antonio" (Antony): a given name that is a place's name only by
    // another spelling or an alternate name is a person's
    const bool weak_context = place_context || of_before(first);
    if (first == last && !weak_context && is_given_name(head.norm) &&
        best.kind != MatchKind::exact && !region_like(best)) {
        return "person: a given name, a place's name only by an alternate spelling";
    }
    // A word used for a person elsewhere in this text ("John Moore" ... "Moore said"): by a
    // strong cue, any town; by the weaker two-capitalised-words cue, a minor one.
    if (first == last && !weak_context &&
        ((m_named_persons.contains(head.norm) && !region_like(best)) ||
         (m_person_words.contains(head.norm) && !important(best)))) {
        return "person: the word names a person elsewhere in the text";
    }
    if (looks_like_person(first, last)) {
        return m_titled[first] ? "person: after a title"
                               : "person: a name of two capitalised words";
    }
    return nullptr;
}

/// Why a span is read as (part of) an organisation's or an institution's name, or null.
/// A place inside an organisation's name stays a toponym when it is a country, a state or a
/// large city ("Kentucky Derby", GeoWebNews' Embedded_Non_Lit); a minor place does not
/// ("Olympic Games").
const char* Parse::organisation_rejection(std::size_t first, std::size_t last,
                                          const Candidate& best) const {
    const Token& tail = m_tokens[last];
    // "Algeria Square", "Tahrir Square", "Tripoli Street": a square or a street named after a
    // place lies in another town, the one the story is in
    if (last + 1 < m_tokens.size()) {
        static constexpr std::array<std::string_view, 7> kStreetWords = {
            "avenue", "boulevard", "bridge", "road", "roundabout", "square", "street"};
        static_assert(detail::sorted_unique(kStreetWords));
        const Token& next = m_tokens[last + 1];
        if (next.gap == Gap::space && next.upper_initial && !next.all_caps &&
            detail::in_words(kStreetWords, next.norm))
            return "street: a square or a street named after the place";
        // "around the Ouagadougou conference hall" (in Sirte): a hall named after a place
        const bool conference =
            next.norm == "conference" && last + 2 < m_tokens.size() &&
            m_tokens[last + 2].gap == Gap::space &&
            (m_tokens[last + 2].norm == "hall" || m_tokens[last + 2].norm == "centre" ||
             m_tokens[last + 2].norm == "center");
        if (next.gap == Gap::space && !next.all_caps && (next.norm == "hall" || conference))
            return "street: a hall named after the place";
    }
    if (region_like(best))
        return nullptr; // "Russian Federation", "Kentucky Derby"
    if (first != last && is_organisation_word(tail.norm))
        return "organisation: the name ends in an organisation word";
    // "the White House", "White House aides", "the Oval Office": a building of government
    // (the corpora mark some as toponyms, but the namesake town is never right)
    if (first != last && is_building_word(tail.norm) && !cue_before(first) && !state_after(last))
        return "organisation: \"... House\", a building of government";
    // "the International Committee of the Red Cross": a minor place's name after an
    // organisation word and "of" ends the organisation's name ("the Council of Europe",
    // "the Central Bank of Libya" name a region and a country: those stay)
    if (first >= 2) {
        std::size_t k = first - 1;
        if (m_tokens[k].norm == "the" && k >= 2)
            --k;
        const Token& org = m_tokens[k - 1];
        if (m_tokens[k].norm == "of" && org.upper_initial && !org.all_caps &&
            is_organisation_word(org.norm) && m_g.place(best.place).population < 15000) {
            return "organisation: after an organisation word and \"of\"";
        }
    }
    // "Olympic Games": a minor place's name before an organisation word; a town of some
    // size stays a toponym ("Venice Commission": GeoWebNews' Embedded_Non_Lit)
    if (last + 1 < m_tokens.size()) {
        const Token& next = m_tokens[last + 1];
        if (next.gap == Gap::space && next.upper_initial && !next.all_caps &&
            is_organisation_word(next.norm) && m_g.place(best.place).population < 15000) {
            return "organisation: an organisation word follows";
        }
    }
    return nullptr;
}

const char* Parse::rejection(std::size_t first, std::size_t last,
                             const std::vector<Candidate>& candidates) const {
    const Token& head = m_tokens[first];
    const Token& tail = m_tokens[last];
    if (!capitalised(head) || !capitalised(tail) || candidates.empty()) {
        return "not capitalised";
    }
    const Candidate& best = candidates.front();
    if (first == last) {
        const bool code = m_capitals.code[first];
        if (is_calendar_word(head.norm) || head.has_digit || is_place_generic(head.norm) ||
            (head.norm.size() < 3 && !code && !head.arabic)) {
            return "common word: a date, a number, a generic or a short word";
        }
        // "Sen. Moore", "Gov. Beshear": the title itself ("Sen" is no Senegal)
        if (is_title_abbreviation(head.norm) && after_title_abbreviation(first + 1))
            return "person: a title written short";
        if (direction_of(head.norm) != Direction::none && !code) {
            return "common word: a direction"; // "East", "West" alone are directions
        }
        if (common(head) && !code) {
            // "May", "Mission", "Council", "China", "Turkey": an ordinary word is a place
            // after a locative cue, or mid-sentence when the place is a prominent one; never
            // as the first word of a longer capitalised name.
            const bool cue = cue_before(first);
            // "China's Commerce Ministry": a possessive ends the name
            const bool next_cap = first + 1 < m_tokens.size() && !head.possessive &&
                                  m_tokens[first + 1].gap == Gap::space &&
                                  capitalised(m_tokens[first + 1]) && !m_tokens[first + 1].all_caps;
            // "the Centre", "a Cup": after a determiner the word is a common noun.
            const bool determiner = first > 0 && is_determiner(m_tokens[first - 1].norm);
            const bool prominent = !head.sentence_start && !determiner &&
                                   same_spelling(first, best) && important(best);
            // a country's name opens a sentence as the country ("China claims the sea"); in
            // the possessive it is the country after "that" too ("ruled that China's claims")
            const bool country = (!determiner || head.possessive) && same_spelling(first, best) &&
                                 is_country_place(m_g.place(best.place));
            // "the French president", "a Polish company": a nationality adjective that is
            // also an ordinary word is the adjective when capitalised inside a sentence,
            // determiner or not (the lowercase word is the common one)
            const bool nationality = best.kind == MatchKind::demonym && !head.sentence_start &&
                                     !head.all_caps && same_spelling(first, best);
            // "the Detention Centre", "Rainbow Kitten Surprise": the last word of a longer
            // capitalised name (a country's name stays: "Northern Cyprus" reads as one)
            const bool prev_cap =
                first > 0 && head.gap == Gap::space && capitalised(m_tokens[first - 1]) &&
                !m_tokens[first - 1].all_caps && !is_connector(m_tokens[first - 1].norm);
            if (!nationality && ((prev_cap && !country && !cue) || next_cap ||
                                 !(cue || prominent || country || dateline(first, last)))) {
                return "common word: an ordinary English word without a place's context";
            }
        }
    }
    if (hyphenated_part(first, last))
        return "person: part of a hyphenated name";
    if (const char* why = organisation_rejection(first, last, best))
        return why;
    return person_rejection(first, last, best);
}

/// "Diaz-Balart", "Melbourne-Blake", "Notre Dame-UConn": a span joined by a hyphen to a
/// capitalised word that is no place's name is part of a double-barrelled name (or of a
/// pairing of teams), not a place; a pair of places ("Dubai-Abu Dhabi") and a place before
/// a lower-case word ("Paris-based") stay.
bool Parse::hyphenated_part(std::size_t first, std::size_t last) const {
    const auto name_word = [&](std::size_t k) {
        const Token& t = m_tokens[k];
        return t.upper_initial && !t.arabic && !t.has_digit && !is_place_generic(t.norm) &&
               !common(t) && direction_of(t.norm) == Direction::none && !token_is_place(k);
    };
    const bool before = first > 0 && m_tokens[first].gap == Gap::hyphen && name_word(first - 1) &&
                        m_text.substr(m_tokens[first - 1].end,
                                      m_tokens[first].begin - m_tokens[first - 1].end) == "-";
    const bool after =
        last + 1 < m_tokens.size() && m_tokens[last + 1].gap == Gap::hyphen &&
        name_word(last + 1) &&
        m_text.substr(m_tokens[last].end, m_tokens[last + 1].begin - m_tokens[last].end) == "-";
    return before || after;
}

/// "a police spokesman, Israel Ramirez, said": token i opens a name of two capitalised words
/// set off by a comma after a role noun in lower case.
bool Parse::appositive_title(std::size_t i) const {
    if (i == 0 || i + 1 >= m_tokens.size() || m_tokens[i].gap != Gap::comma)
        return false;
    const Token& prev = m_tokens[i - 1];
    const Token& next = m_tokens[i + 1];
    return !capitalised(prev) && is_person_title(prev.norm) && m_tokens[i].upper_initial &&
           !m_tokens[i].all_caps && next.gap == Gap::space && next.upper_initial &&
           !next.all_caps && !is_connector(next.norm);
}

/// "Mr. Nelson", "Sen. Moore": token i right after a title written short with a period.
bool Parse::after_title_abbreviation(std::size_t i) const {
    if (i == 0 || i >= m_tokens.size() || m_tokens[i].gap != Gap::other)
        return false;
    const Token& prev = m_tokens[i - 1];
    if (!prev.upper_initial || !is_title_abbreviation(prev.norm))
        return false;
    const std::string_view between = m_text.substr(prev.end, m_tokens[i].begin - prev.end);
    return between.size() >= 2 && between.front() == '.' &&
           between.find_first_not_of(' ', 1) == std::string_view::npos;
}

/// The gazetteer's best reading of token i alone, without spelling variants.
std::optional<Candidate> Parse::best_of_word(std::size_t i) const {
    if (!has_place_name(m_tokens[i].norm))
        return std::nullopt;
    LookupOptions o;
    o.limit = 1;
    o.fuzzy = false;
    o.transliteration = false;
    auto c = m_g.lookup_normalized(m_tokens[i].norm, o);
    if (c.empty())
        return std::nullopt;
    return c.front();
}

/// Token i is a given name and the next a capitalised word that makes it a person's full
/// name ("James Madison", "Mary Anderson"), unless the two are a place's name ("Carson
/// City") or either is a country or a state ("Austin, Texas" written without the comma).
bool Parse::given_name_before(std::size_t i) const {
    const std::size_t n = m_tokens.size();
    if (i + 1 >= n)
        return false;
    const Token& t = m_tokens[i];
    const std::size_t s = surname_of(i);
    const Token& next = m_tokens[s];
    // the name starts a capitalised run ("New York Times" has no given name "York")
    // ("Stephen Russell's Dave Allen": a possessive ends the run before)
    // ("Foreign Secretary William Hague": a title ends the run before)
    const bool run_start = i == 0 || t.gap != Gap::space || !capitalised(m_tokens[i - 1]) ||
                           m_tokens[i - 1].possessive || is_determiner(m_tokens[i - 1].norm) ||
                           is_person_title(m_tokens[i - 1].norm);
    if (!run_start || !(is_given_name(t.norm) || intl_given_name(i)) ||
        (common(t) && t.sentence_start) || (s == i + 1 && next.gap != Gap::space) ||
        !next.upper_initial || next.all_caps || next.arabic || is_connector(next.norm) ||
        is_organisation_word(next.norm) || is_building_word(next.norm) || is_unit_word(next.norm) ||
        is_person_title(next.norm) || is_calendar_word(next.norm) ||
        direction_of(next.norm) != Direction::none || is_place_generic(next.norm)) {
        return false;
    }
    if (has_place_name(join(i, s)) ||
        (s + 1 < n && m_tokens[s + 1].gap == Gap::space && capitalised(m_tokens[s + 1]) &&
         has_place_name(join(i, s + 1)))) {
        return false;
    }
    const auto surname = best_of_word(s);
    if (surname && region_like(*surname))
        return false;
    // "Charlotte Smith", "Virginia Walker": a large place's or a state's name is a given
    // name before a word that names no large place ("Dallas Mavericks" is a team: a plural
    // common word); a country's name stays a country ("Jordan Smith" is rare)
    if (const auto c = best_of_word(i); c && (important(*c) || region_like(*c))) {
        if (is_country_place(m_g.place(c->place)) || c->kind == MatchKind::demonym)
            return false;
        const bool plural_word = common(next) && next.norm.size() > 3 && next.norm.back() == 's';
        return !plural_word && !(surname && important(*surname));
    }
    return true;
}

/// Token i is a given name of the wider list (person_names.hpp) that is no ordinary English
/// word and names no place by its own name, no large place, country, state or demonym:
/// "Mustafa", "Fayez", "Khalifa" are given names; "Sabha", "Paris" and "Abu" (Abu Dhabi),
/// given names too, stay places.
bool Parse::intl_given_name(std::size_t i) const {
    const Token& t = m_tokens[i];
    if (common(t) || !is_intl_given_name(t.norm))
        return false;
    const auto c = best_of_word(i);
    if (!c)
        return true;
    if (region_like(*c) || c->kind == MatchKind::exact)
        return false;
    // "Khalifa Haftar": a name the gazetteer has only with its article (El-Khalifah, a
    // district of Cairo) is a given name before a surname that names no place
    if (c->kind == MatchKind::article)
        return i + 1 < m_tokens.size() && !best_of_word(surname_of(i));
    return !important(*c);
}

/// The surname after the given name at token i: the next word, or the word after an "al-" or
/// "el-" joined to it by a hyphen ("Fayez al-Sarraj", "Abdurrahim El-Keib").
std::size_t Parse::surname_of(std::size_t i) const {
    const std::size_t n = m_tokens.size();
    if (i + 2 < n && (m_tokens[i + 1].norm == "al" || m_tokens[i + 1].norm == "el") &&
        m_tokens[i + 1].gap == Gap::space && m_tokens[i + 2].gap == Gap::hyphen &&
        m_text.substr(m_tokens[i + 1].end, m_tokens[i + 2].begin - m_tokens[i + 1].end) == "-")
        return i + 2;
    return i + 1;
}

/// Token j continues a person's name whose word before it is a given name too: "Jalil" in
/// "Mustafa Abdul Jalil"; not a place's generic word, a title, a date or a large place.
bool Parse::further_name_word(std::size_t j) const {
    if (j >= m_tokens.size() || j == 0)
        return false;
    const Token& t = m_tokens[j];
    const Token& prev = m_tokens[j - 1];
    if (t.gap != Gap::space || !t.upper_initial || t.all_caps || t.arabic || t.has_digit ||
        common(t) || prev.possessive ||
        !(is_given_name(prev.norm) || is_intl_given_name(prev.norm)) || is_connector(t.norm) ||
        is_organisation_word(t.norm) || is_building_word(t.norm) || is_unit_word(t.norm) ||
        is_person_title(t.norm) || is_calendar_word(t.norm) ||
        direction_of(t.norm) != Direction::none || is_place_generic(t.norm))
        return false;
    const auto c = best_of_word(j);
    return !(c && (important(*c) || region_like(*c)));
}

/// "Moore said", "said Moore", "according to Moore": a single capitalised word as the one
/// who speaks is a person, unless it is a country, a state, a capital or a demonym
/// ("Russia said", "Moscow said": metonyms, still places) or a locative cue stands before
/// it ("officials in Madison said").
bool Parse::said_person(std::size_t i) const {
    const std::size_t n = m_tokens.size();
    const Token& t = m_tokens[i];
    if (t.arabic || t.all_caps || cue_before(i) || of_before(i))
        return false;
    const bool single = !(i > 0 && m_tokens[i].gap == Gap::space && capitalised(m_tokens[i - 1]));
    const bool ends =
        i + 1 >= n || m_tokens[i + 1].gap == Gap::comma || m_tokens[i + 1].gap == Gap::other;
    const bool verb_after = single && i + 1 < n && m_tokens[i + 1].gap == Gap::space &&
                            !capitalised(m_tokens[i + 1]) && is_saying_verb(m_tokens[i + 1].norm);
    const bool verb_before =
        ends && i > 0 && m_tokens[i].gap == Gap::space && !capitalised(m_tokens[i - 1]) &&
        (m_tokens[i - 1].norm == "said" || m_tokens[i - 1].norm == "says" ||
         (m_tokens[i - 1].norm == "to" && i > 1 && m_tokens[i - 2].norm == "according"));
    if (!verb_after && !verb_before)
        return false;
    const auto c = best_of_word(i);
    if (!c)
        return true;
    const Place& p = m_g.place(c->place);
    // "Liverpool said": a city of some size speaking is a metonym unless it is also a given
    // name ("Lincoln said")
    return !(region_like(*c) || p.feature_code == "PPLC" ||
             (important(*c) && !is_given_name(t.norm)));
}

void Parse::mark_person(std::size_t i, PersonCue cue) {
    m_person_token[i] = cue;
    m_named_persons.insert(m_tokens[i].norm);
}

void Parse::find_person_words() {
    m_person_token.assign(m_tokens.size(), PersonCue::none);
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
        const Token& t = m_tokens[i];
        if (!t.upper_initial || t.all_caps)
            continue;
        // A capitalised run right after a title or role noun is a name, all of it:
        // "chief of staff John Kelly", "host Megyn Kelly", "Mr. Nelson", "Gov. Andy Beshear".
        const bool titled =
            (i > 0 && t.gap == Gap::space && is_person_title(m_tokens[i - 1].norm) &&
             !capitalised(m_tokens[i - 1])) ||
            after_title_abbreviation(i) || appositive_title(i);
        if (titled) {
            std::size_t j = i;
            while (j < m_tokens.size() && capitalised(m_tokens[j]) && !m_tokens[j].all_caps &&
                   (j == i || m_tokens[j].gap == Gap::space) && j < i + 3) {
                mark_person(j, PersonCue::title);
                ++j;
            }
            i = j - 1;
            continue;
        }
        if (given_name_before(i)) {
            // the given name stays a possible place elsewhere ("Georgia"); the surname is
            // remembered ("James Madison" ... "Madison said")
            m_person_token[i] = PersonCue::given_name;
            std::size_t last = surname_of(i);
            mark_person(last, PersonCue::given_name);
            // "Mustafa Abdul Jalil": a second given name, and the word after it is the name too
            if (last == i + 1 && further_name_word(last + 1))
                mark_person(++last, PersonCue::given_name);
            i = last;
            continue;
        }
        if (said_person(i)) {
            mark_person(i, PersonCue::saying);
            continue;
        }
        if (!common(t) && looks_like_person(i, i)) {
            m_person_words.insert(t.norm);
        }
    }
}

void Parse::add_transliterated(std::vector<Mention>& found) const {
    // Capitalised words (and Arabic generic + word pairs) the gazetteer has under another
    // spelling: "Zwara", "Regdaleen", "Al Jemell". Kept only if the context supports them.
    std::vector<bool> covered(m_tokens.size(), false);
    for (const Mention& m : found) {
        for (std::size_t k = m.first; k <= m.last; ++k)
            covered[k] = true;
    }
    std::vector<std::string> named = countries_named(found, true);
    std::erase_if(named, [&](const std::string& cc) { return !m_g.arabic_speaking(cc); });
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
        const Token& t = m_tokens[i];
        if (covered[i] || !t.upper_initial || t.all_caps || t.has_digit) {
            continue;
        }
        std::size_t last = i;
        const bool pair =
            is_place_generic(t.norm) && i + 1 < m_tokens.size() &&
            (m_tokens[i + 1].gap == Gap::space || m_tokens[i + 1].gap == Gap::hyphen) &&
            m_tokens[i + 1].upper_initial;
        // "Abu Grein": the word after the generic may have been read alone as a place where
        // Arabic is not spoken (Grein, Austria); the pair is an Arabic name before it is that
        auto foreign_word = found.end();
        if (pair && covered[i + 1]) {
            foreign_word = std::find_if(found.begin(), found.end(), [&](const Mention& f) {
                return f.first == i + 1 && f.last == i + 1 && !f.candidates.empty() &&
                       !m_g.arabic_speaking(m_g.place(f.candidates.front().place).country);
            });
        }
        if (pair && (!covered[i + 1] || foreign_word != found.end())) {
            last = i + 1;
        } else if (t.norm.size() < 4) {
            continue;
        }
        if (last == i && (common(t) || is_calendar_word(t.norm) || is_place_generic(t.norm))) {
            continue;
        }

        // A lone word on its own line (a source name, a heading) gives no context to trust
        // a spelling variant with.
        const bool alone_on_line = last == i && t.gap == Gap::other && t.sentence_start &&
                                   (i + 1 >= m_tokens.size() || m_tokens[i + 1].gap == Gap::other);
        if (alone_on_line) {
            continue;
        }
        Mention m;
        m.first = i;
        m.last = last;
        m.begin = t.begin;
        m.end = m_tokens[last].end;
        m.key = join(i, last);
        lookup_candidates(m);
        if (m.candidates.empty() || !accept_span(i, last, m.candidates))
            continue;
        // "Ras Jedir crossing", "Hariga port": a site's name with its kind words needs no
        // context, whatever the bare words matched
        if (take_site_reading(m)) {
            for (std::size_t k = i; k <= last; ++k)
                covered[k] = true;
            found.push_back(std::move(m));
            continue;
        }
        // The skeleton rules model Arabic names in Latin script: a spelling variant is only
        // believed for a place in a country where Arabic is spoken. "Abu Grein" (an Arabic
        // generic and a name) spells a Libyan village's name, and a dozen names in Paraguay
        // or Germany share its skeleton with more people: in a text that names Libya,
        // Libya's own reading.
        if (!m_g.arabic_speaking(m_g.place(m.candidates.front().place).country) &&
            (last == i || !take_named_country_reading(m, named))) {
            continue;
        }
        // "near the Alshab port" in a report on Libya: a spelling variant of a minor place in
        // another Arabic-speaking country the text never names (Sahab, Jordan) is no reading
        // of it; the named countries' own variant, if any, is
        if (const std::string& cc = m_g.place(m.candidates.front().place).country;
            !named.empty() && std::find(named.begin(), named.end(), cc) == named.end() &&
            !important(m.candidates.front()) && !take_named_country_reading(m, named)) {
            continue;
        }
        const Candidate& best = m.candidates.front();
        const Place& p = m_g.place(best.place);
        if (p.feature_class != 'P' && p.feature_class != 'A' && p.feature_class != 'S') {
            continue;
        }
        if (best.kind == MatchKind::article) {
            m.weak = false; // "Almarj": the name with its article glued on
        } else if (best.kind == MatchKind::transliteration || best.kind == MatchKind::fuzzy) {
            if (best.score < 0.45 ||
                variant_similarity(m.key, normalize_name(best.matched_name)) < 0.6) {
                continue;
            }
            m.weak = true;
        } else {
            continue;
        }
        for (std::size_t k = i; k <= last; ++k)
            covered[k] = true;
        if (last == i + 1 && foreign_word != found.end())
            found.erase(foreign_word);
        found.push_back(std::move(m));
    }
}

bool Parse::pair_fails(std::size_t generic) const {
    // True unless "generic + next word" is a gazetteer name or a spelling variant of one in
    // an Arabic-speaking country.
    const std::string key = join(generic, generic + 1);
    if (has_place_name(key)) {
        return false;
    }
    LookupOptions o;
    o.limit = 3;
    const auto c = m_g.lookup_normalized(key, o);
    return c.empty() || !m_g.arabic_speaking(m_g.place(c.front().place).country) ||
           variant_similarity(key, normalize_name(c.front().matched_name)) < 0.6;
}

std::vector<std::string> Parse::countries_named(const std::vector<Mention>& ms,
                                                bool by_large_places) const {
    std::vector<std::string> named(m_context.focus_countries.begin(),
                                   m_context.focus_countries.end());
    for (const Mention& m : ms) {
        if (m.candidates.empty() || m.weak)
            continue;
        const Candidate& c = m.candidates.front();
        const Place& p = m_g.place(c.place);
        const bool names = is_country_place(p) || m.kind == ToponymKind::demonym ||
                           (by_large_places && !spelling_variant(c) && important(c));
        if (names && std::find(named.begin(), named.end(), p.country) == named.end())
            named.push_back(p.country);
    }
    return named;
}

bool Parse::take_named_country_reading(Mention& m, const std::vector<std::string>& named) const {
    std::optional<Candidate> best;
    for (const std::string& cc : named) {
        LookupOptions o;
        o.limit = 6;
        o.countries = {cc};
        for (const Candidate& c : m_g.lookup_normalized(m.key, o)) {
            if (spelling_variant(c) && (!best || c.score > best->score))
                best = c;
        }
    }
    if (!best)
        return false;
    m.candidates = {*best};
    return true;
}

void Parse::second_chance_lookups() {
    // Countries the text names (or its source covers): a mention whose candidates all lie
    // elsewhere, and whose best is no prominent place, gets the named countries' own
    // candidates too ("Kabo" in a text about Libya: Kabaw, not Kabo in the Central African
    // Republic). Resolution then weighs them with the rest of the context.
    const std::vector<std::string> named = countries_named(m_mentions, false);
    if (named.empty())
        return;
    for (Mention& m : m_mentions) {
        if (m.candidates.empty() || m.kind != ToponymKind::place)
            continue;
        const bool has_named =
            std::any_of(m.candidates.begin(), m.candidates.end(), [&](const Candidate& c) {
                return std::find(named.begin(), named.end(), m_g.place(c.place).country) !=
                       named.end();
            });
        if (has_named || important(m.candidates.front()))
            continue;
        // one lookup per named country, so a small place in one is not crowded out by the
        // larger places of another
        for (const std::string& cc : named) {
            LookupOptions o;
            o.limit = 6;
            o.countries = {cc};
            for (const Candidate& c : m_g.lookup_normalized(m.key, o)) {
                if (variant_similarity(m.key, normalize_name(c.matched_name)) >= 0.55) {
                    m.candidates.push_back(c);
                }
            }
        }
    }
}

/// The key under which a dotted abbreviation standing alone ("N.J.", "D.C.", "S.C.") is a
/// place's abbreviation, or empty. The token's own key ("nj") is a postal code, which names a
/// state only after "Town, "; with its periods the abbreviation cannot be a word ("IN", "OR")
/// and is looked up as written. Initials before a capitalised word ("J.R. Smith", "N.C.
/// Wyeth") are a person's.
std::string Parse::dotted_key(std::size_t i) const {
    const Token& t = m_tokens[i];
    const std::string_view surface = m_text.substr(t.begin, t.end - t.begin);
    if (!t.all_caps || surface.size() < 4 || surface.back() != '.' || surface.find('.') != 1)
        return {};
    if (i + 1 < m_tokens.size() && m_tokens[i + 1].gap == Gap::space &&
        capitalised(m_tokens[i + 1]) && !is_connector(m_tokens[i + 1].norm))
        return {};
    std::string key = normalize_name(surface);
    if (!has_place_name(key))
        return {};
    return key;
}

/// "St. Albans", "Mt. Juliet", "Ft. Worth": token i is a place-name prefix written short
/// with a period, before a capitalised word. Returns the prefix written out ("saint",
/// "mount", "fort", "point") or empty. The period joins the name like a space.
std::string Parse::spelled_prefix(std::size_t i) const {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> prefixes = {
        {{"ft", "fort"}, {"mt", "mount"}, {"pt", "point"}, {"st", "saint"}, {"ste", "sainte"}}};
    // in capitals only before a word in capitals ("ST. LOUIS" in a dateline)
    if (i + 1 >= m_tokens.size() || !m_tokens[i].upper_initial || !m_tokens[i + 1].upper_initial ||
        (m_tokens[i].all_caps && !m_tokens[i + 1].all_caps))
        return {};
    const auto* it = std::find_if(prefixes.begin(), prefixes.end(),
                                  [&](const auto& pr) { return pr.first == m_tokens[i].norm; });
    if (it == prefixes.end())
        return {};
    const std::string_view between =
        m_text.substr(m_tokens[i].end, m_tokens[i + 1].begin - m_tokens[i].end);
    if (between != ". " && between != ".")
        return {};
    return std::string(it->second);
}

/// Every capitalised n-gram (up to six tokens, connectors inside) whose normalised text is
/// a gazetteer name, with Arabic clitics and an English plural ("Libyans") taken off.
std::vector<SpanCandidate> Parse::candidate_spans() const {
    const std::size_t n = m_tokens.size();
    std::vector<SpanCandidate> spans;
    for (std::size_t i = 0; i < n; ++i) {
        if (!capitalised(m_tokens[i]))
            continue;
        std::string key = m_tokens[i].norm;
        // "Mt. Juliet" under "Mount Juliet": the key with the prefix written out, if any
        std::string spelled = spelled_prefix(i);
        std::string dotted;
        for (std::size_t j = i; j < n && j < i + 6; ++j) {
            const Token& t = m_tokens[j];
            if (j > i) {
                if (t.gap == Gap::comma && t.all_caps) {
                    // "Washington, D.C.": a name the gazetteer writes with its comma
                    std::string with =
                        key + ' ' + normalize_name(m_text.substr(t.begin, t.end - t.begin));
                    if (has_place_name(with))
                        spans.push_back({i, j, std::move(with), false});
                }
                if (t.gap != Gap::space && t.gap != Gap::hyphen && spelled_prefix(j - 1).empty())
                    break;
                // "Idaho — City leaders": a dash between spaces parts clauses, not a name
                if (t.gap == Gap::hyphen &&
                    m_text.substr(m_tokens[j - 1].end, t.begin - m_tokens[j - 1].end)
                            .find_first_of(" \t\n") != std::string_view::npos)
                    break;
                if (m_tokens[j - 1].possessive)
                    break;
                if (!capitalised(t) && !is_connector(t.norm))
                    break;
                key += ' ';
                key += t.norm;
                if (!spelled.empty())
                    spelled += ' ' + t.norm;
            }
            if (!capitalised(t))
                continue; // a connector cannot end a name
            if (j == i && is_plural_acronym(m_text.substr(t.begin, t.end - t.begin)))
                break;
            if (j == i && !(dotted = dotted_key(i)).empty()) {
                // "N.J.", "S.C." as written: "SC" is also a code of the Seychelles
                spans.push_back({i, j, dotted, false});
            } else if (has_place_name(key)) {
                spans.push_back({i, j, key, false});
            } else if (j > i && !spelled.empty() && has_place_name(spelled)) {
                spans.push_back({i, j, spelled, false});
            } else if (j == i && t.arabic && key.size() > 4 && arabic_clitic(key)) {
                // "والزاوية", "بطرابلس": a conjunction or preposition written onto the name
                const std::string bare = key.substr(2);
                if (has_place_name(bare))
                    spans.push_back({i, j, bare, false});
            } else if (j == i && key.size() > 4 && key.back() == 's' &&
                       has_place_name(key.substr(0, key.size() - 1))) {
                spans.push_back({i, j, key.substr(0, key.size() - 1), true}); // "Libyans"
            }
        }
    }
    // Leftmost-longest among the acceptable spans.
    std::stable_sort(spans.begin(), spans.end(),
                     [](const SpanCandidate& a, const SpanCandidate& b) {
                         if (a.first != b.first)
                             return a.first < b.first;
                         return a.last > b.last;
                     });
    return spans;
}

/// A code must be an abbreviation or an all-caps name of the place, matched letter for
/// letter (never through a spelling skeleton: "GAZA" is no code for Zarqa), not a word
/// spelled like one ("Eu" for "EU"); a code that is also an English word ("US", "ARE", "TIP")
/// only as an abbreviation, not as an airport's code; a code of three letters or fewer must
/// name a country, a province or a larger area, not an airport ("SSA"). False when no
/// candidate is left. A bare ISO code of a smaller country ("PM", "TV", "MW") is weak; an
/// abbreviation in its own right ("UK", "UAE", "EU") or a large country's code ("US") is not.
bool Parse::keep_code_candidates(Mention& m, bool english_word) const {
    const auto code_like = [&](const Candidate& k) {
        const Place& kp = m_g.place(k.place);
        return is_country_place(kp) || is_admin1_place(kp) || kp.feature_class == 'L';
    };
    std::erase_if(m.candidates, [&](const Candidate& k) {
        const bool caps_name = std::none_of(k.matched_name.begin(), k.matched_name.end(),
                                            [](char ch) { return ch >= 'a' && ch <= 'z'; });
        const bool letter_for_letter =
            k.kind != MatchKind::transliteration && k.kind != MatchKind::fuzzy;
        const bool as_code =
            k.kind == MatchKind::abbreviation || (caps_name && letter_for_letter && !english_word);
        // a two-letter state code ("KY", "IN", "OR") only after "Town, "
        const bool state_code = m.key.size() == 2 && is_admin1_place(m_g.place(k.place));
        const bool town_comma = m.first > 0 && m_tokens[m.first].gap == Gap::comma &&
                                capitalised(m_tokens[m.first - 1]);
        // "NAFTA", "OPEC": an acronym of four letters or more is an organisation's or a
        // treaty's, not a town's name set in capitals (a town in a dateline or a heading is
        // no code); a country, a province, a region or a large city keeps its
        const bool acronym = m.key.size() >= 4 && minor_as_code(k);
        return !as_code || (m.key.size() <= 3 && !code_like(k)) || (state_code && !town_comma) ||
               acronym;
    });
    if (m.candidates.empty())
        return false;
    const Place& cp = m_g.place(m.candidates.front().place);
    std::string upper = m.key;
    for (char& ch : upper)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    m.weak = upper == cp.country && cp.population < 50000000;
    return true;
}

/// "NAFTA", "OPEC": an acronym of four letters or more names an organisation or a treaty,
/// not a town whose name it spells in capitals; a country, a province, a region or a city of
/// 100,000 people keeps its ("LIBYA", "TRIPOLI" in running text), and so does an
/// abbreviation of the place.
bool Parse::minor_as_code(const Candidate& c) const {
    const Place& p = m_g.place(c.place);
    return c.kind != MatchKind::abbreviation && !is_country_place(p) && !is_admin1_place(p) &&
           p.feature_class != 'L' && p.population < 100000;
}

/// A word written in lower case after its capital is no code: "Che" is not CHE
/// (Switzerland), "Mac" not MAC (Macao). Abbreviations written with lower case letters
/// ("Calif.", "Mass.") stay.
void Parse::drop_code_readings(Mention& m) const {
    std::erase_if(m.candidates, [](const Candidate& c) {
        return c.kind == MatchKind::abbreviation &&
               std::none_of(c.matched_name.begin(), c.matched_name.end(),
                            [](char ch) { return ch >= 'a' && ch <= 'z'; });
    });
}

/// The mention a candidate span makes, if its candidates and context accept it.
std::optional<Mention> Parse::mention_from_span(const SpanCandidate& s) const {
    Mention m;
    m.first = s.first;
    m.last = s.last;
    m.begin = m_tokens[s.first].begin;
    m.end = m_tokens[s.last].end;
    m.key = s.key;
    // "Abu Serra", "Al Assa": a word after an Arabic generic belongs to it; the
    // spelling-variant pass tries the pair first.
    if (s.first == s.last && s.first > 0 && is_place_generic(m_tokens[s.first - 1].norm) &&
        m_tokens[s.first - 1].upper_initial &&
        (m_tokens[s.first].gap == Gap::space || m_tokens[s.first].gap == Gap::hyphen) &&
        !pair_fails(s.first - 1)) {
        return std::nullopt;
    }
    // A code ("UAE", "LBA") is looked up as a code; a word set in capitals ("LIBYA" in a
    // heading, "SIRTE" in a dateline) as the word it is.
    const bool code = s.first == s.last && m_capitals.code[s.first];
    lookup_candidates(m, !code);
    if (!code && !m_tokens[s.first].all_caps && !m_tokens[s.first].arabic)
        drop_code_readings(m);
    if (s.first == s.last && m_capitals.acronym[s.first])
        std::erase_if(m.candidates, [&](const Candidate& c) { return minor_as_code(c); });
    if (m.candidates.empty())
        return std::nullopt;
    if (const char* why = rejection(s.first, s.last, m.candidates)) {
        if (rejected != nullptr)
            rejected->push_back(
                {m.begin, m.end, std::string(m_text.substr(m.begin, m.end - m.begin)), why});
        return std::nullopt;
    }
    if (!take_site_reading(m))
        add_unit_candidates(m);
    if (s.demonym_plural && m.candidates.front().kind != MatchKind::demonym)
        return std::nullopt;
    if (code && !keep_code_candidates(m, common(m_tokens[s.first])))
        return std::nullopt;
    return m;
}

void Parse::recognise() {
    find_person_words();
    std::vector<Mention> found;
    std::size_t next_free = 0;
    for (const SpanCandidate& s : candidate_spans()) {
        if (s.first < next_free)
            continue;
        if (std::optional<Mention> m = mention_from_span(s)) {
            found.push_back(std::move(*m));
            next_free = s.last + 1;
        }
    }
    add_transliterated(found);
    std::sort(found.begin(), found.end(),
              [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
    m_mentions = std::move(found);
    apply_state_pairs();
    apply_region_phrases();
    apply_border_phrases();
    second_chance_lookups();
}

/// "Idlib province", "Laurel County" (when the gazetteer has no "Laurel County" name): the
/// unit word after the name makes an administrative unit of that name the likelier reading;
/// the unit is looked up when the name's candidates hold none.
void Parse::add_unit_candidates(Mention& m) const {
    if (m.last + 1 >= m_tokens.size())
        return;
    const Token& next = m_tokens[m.last + 1];
    if (next.gap != Gap::space || !is_unit_word(next.norm) || m_tokens[m.last].possessive)
        return;
    const auto is_unit = [&](const Candidate& c) {
        const Place& p = m_g.place(c.place);
        return p.feature_class == 'A' && !is_country_place(p);
    };
    m.unit_word = next.norm;
    if (std::any_of(m.candidates.begin(), m.candidates.end(), is_unit))
        return;
    LookupOptions o;
    o.limit = 4;
    o.fuzzy = false;
    o.feature_classes = "A";
    for (const Candidate& c : m_g.lookup_normalized(m.key, o)) {
        if (is_unit(c) && std::none_of(m.candidates.begin(), m.candidates.end(),
                                       [&](const Candidate& k) { return k.place == c.place; }))
            m.candidates.push_back(c);
    }
}

/// "Es Sider oil terminal", "the Sharara oilfield", "al-Watiya air base", "Ras Jedir
/// crossing": kind words after a name make the facility the gazetteer has under the name
/// with those words the reading. Only a site's own name counts (no spelling variant):
/// "Brega" alone stays the town, "Brega port" is the terminal. The span stays the name as
/// written: the kind word after it is what tells an event's place ("the Ras Ajdir crossing
/// reopened") and the event-location model its site. True when the mention became the
/// site's.
bool Parse::take_site_reading(Mention& m) const {
    if (m.last + 1 >= m_tokens.size() || m_tokens[m.last].possessive ||
        !is_site_word_start(m_tokens[m.last + 1].norm))
        return false;
    std::size_t words = 0; // up to three: "oil export terminal", "air force base"
    while (words < 3 && m.last + words + 1 < m_tokens.size()) {
        const Token& t = m_tokens[m.last + words + 1];
        if (t.gap != Gap::space || t.has_digit || t.norm.empty())
            break;
        ++words;
        if (t.possessive)
            break;
    }
    LookupOptions o;
    o.limit = 4;
    o.transliteration = false;
    o.fuzzy = false;
    o.feature_classes = "SL";
    for (std::size_t n = words; n >= 1; --n) {
        const std::string key = m.key + " " + join(m.last + 1, m.last + n);
        std::vector<Candidate> found = m_g.lookup_normalized(key, o);
        if (found.empty())
            continue;
        m.candidates = std::move(found);
        m.key = key;
        m.kind = ToponymKind::place;
        m.weak = false;
        m.why = std::string(to_string(m.candidates.front().kind)) + ", site words";
        return true;
    }
    return false;
}

/// The state after "Town, " at token last + 1: a full name ("Kentucky"), a news-style
/// abbreviation ("Ky.", "W.Va.", "N.C.") or a postal code ("KY"); an admin-1 unit of the
/// gazetteer under that name, else nothing.
std::optional<StateRef> Parse::state_after(std::size_t last) const {
    const std::size_t n = m_tokens.size();
    const std::size_t k = last + 1;
    if (k >= n || m_tokens[k].gap != Gap::comma || !m_tokens[k].upper_initial ||
        m_tokens[k].has_digit || m_tokens[k].norm.size() > 14)
        return std::nullopt;
    StateRef ref;
    ref.first = k;
    std::size_t j = k;
    // "W.Va.": tokens joined by single periods; "New Hampshire", "West Virginia": by spaces
    while (j + 1 < n && j < k + 2) {
        const Token& a = m_tokens[j];
        const Token& b = m_tokens[j + 1];
        const std::string_view between = m_text.substr(a.end, b.begin - a.end);
        const bool dotted = between == "." && b.upper_initial && b.norm.size() <= 3;
        const bool spaced =
            b.gap == Gap::space && b.upper_initial && !b.all_caps && has_place_name(join(k, j + 1));
        if (!dotted && !spaced)
            break;
        ++j;
    }
    ref.last = j;
    ref.end = m_tokens[j].end;
    const bool abbreviated = m_tokens[j].norm.size() <= 5;
    if (abbreviated && ref.end < m_text.size() && m_text[ref.end] == '.') {
        ++ref.end;
        ref.abbreviated = true;
    }
    ref.abbreviated =
        ref.abbreviated || (j == k && m_tokens[k].all_caps && m_tokens[k].norm.size() == 2);
    const std::string_view surface = m_text.substr(m_tokens[k].begin, ref.end - m_tokens[k].begin);
    std::set<std::string> keys = {join(k, j), normalize_name(surface), mention_key(surface)};
    std::string no_dots;
    for (char c : surface)
        if (c != '.')
            no_dots += c;
    keys.insert(normalize_name(no_dots));
    LookupOptions o;
    o.limit = 12;
    o.fuzzy = false;
    o.transliteration = false;
    o.penalise_common_words = false;
    o.postal_codes = true; // "KY", "Ky.": names of the state only in this shape
    for (const std::string& key : keys) {
        // has_place_name() skips the lookups of most "Town, Word" commas; postal codes ("KY",
        // "Ky.") do not make a word a place name by themselves, so an abbreviated state is
        // looked up all the same
        if (key.empty() || (!ref.abbreviated && !has_place_name(key)))
            continue;
        for (const Candidate& c : m_g.lookup_normalized(key, o)) {
            if (is_admin1_place(m_g.place(c.place)) &&
                std::none_of(ref.candidates.begin(), ref.candidates.end(),
                             [&](const Candidate& x) { return x.place == c.place; }))
                ref.candidates.push_back(c);
        }
    }
    if (ref.candidates.empty())
        return std::nullopt;
    std::stable_sort(ref.candidates.begin(), ref.candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    return ref;
}

/// Keeps the candidates of `m` inside `state`, looking the name up there when none is.
void Parse::constrain_to_state(Mention& m, const Place& state) const {
    const auto inside = [&](const Candidate& c) {
        const Place& p = m_g.place(c.place);
        return p.country == state.country && p.admin1 == state.admin1 && p.id != state.id;
    };
    std::vector<Candidate> kept;
    std::copy_if(m.candidates.begin(), m.candidates.end(), std::back_inserter(kept), inside);
    if (kept.empty()) {
        LookupOptions o;
        o.limit = 40;
        o.fuzzy = false;
        o.countries = {state.country};
        for (const Candidate& c : m_g.lookup_normalized(m.key, o)) {
            if (inside(c))
                kept.push_back(c);
        }
    }
    if (kept.empty())
        return;
    m.candidates = std::move(kept);
    m.why += ", in " + state.name + " (town, state pair)";
}

/// Whether the mention after "Town, " is the state of the pair, made so where it was read
/// otherwise: "Kan." as a village Kan, "TN" in "PARIS, TN" as Tunisia's code (when the town
/// has a namesake in the state). "Paris, France" (containment weighs it) and "Zintan, Nalut"
/// (a list of towns, one named like its district) are no pairs. An abbreviation read as the
/// state takes its period into the span ("Tenn.").
bool Parse::take_state_reading(const Mention& town, Mention& state, const StateRef& ref) const {
    const Place& sp = m_g.place(state.candidates.front().place);
    if (is_admin1_place(sp)) {
        if (ref.abbreviated && state.last == ref.last &&
            state.candidates.front().kind == MatchKind::abbreviation)
            state.end = std::max(state.end, ref.end);
        return true;
    }
    if (!ref.abbreviated || (is_country_place(sp) && !town_in(town, ref.candidates.front())))
        return false;
    state.last = ref.last;
    state.end = ref.end;
    state.candidates = ref.candidates;
    state.kind = ToponymKind::place;
    state.weak = false;
    state.why = "state abbreviation";
    return true;
}

/// Whether the town of a pair has a namesake inside the admin-1 unit `state` names.
bool Parse::town_in(const Mention& town, const Candidate& state) const {
    const Place& unit = m_g.place(state.place);
    const auto inside = [&](const Candidate& c) {
        const Place& p = m_g.place(c.place);
        return p.country == unit.country && p.admin1 == unit.admin1 && p.id != unit.id;
    };
    if (std::any_of(town.candidates.begin(), town.candidates.end(), inside))
        return true;
    LookupOptions o;
    o.limit = 40;
    o.fuzzy = false;
    o.countries = {unit.country};
    const auto found = m_g.lookup_normalized(town.key, o);
    return std::any_of(found.begin(), found.end(), inside);
}

/// "Paris, Ky.", "Lincoln, Neb.", "Corbin, KY", "Athens, Georgia": the town is looked for
/// inside the state, and the state becomes a mention of its own (an abbreviation the n-gram
/// pass cannot see, "W.Va.", is added here). The state's mention counts twice towards the
/// text's focus.
void Parse::apply_state_pairs() {
    std::vector<Mention> added;
    for (std::size_t mi = 0; mi < m_mentions.size(); ++mi) {
        Mention& m = m_mentions[mi];
        if (m.candidates.empty() || m.kind != ToponymKind::place)
            continue;
        std::optional<StateRef> ref = state_after(m.last);
        if (!ref)
            continue;
        Mention* state = nullptr;
        if (mi + 1 < m_mentions.size() && m_mentions[mi + 1].first == ref->first) {
            state = &m_mentions[mi + 1];
            if (!take_state_reading(m, *state, *ref))
                continue;
        } else if (mi + 1 < m_mentions.size() && m_mentions[mi + 1].begin < ref->end) {
            continue; // the words after the comma are another mention's
        } else {
            Mention s;
            s.first = ref->first;
            s.last = ref->last;
            s.begin = m_tokens[ref->first].begin;
            s.end = ref->end;
            s.key = join(ref->first, ref->last);
            s.candidates = ref->candidates;
            s.why = "state abbreviation";
            added.push_back(std::move(s));
            state = &added.back();
        }
        state->pair_state = true;
        // the state the town's own candidates point at, else the gazetteer's best
        const Place* unit = &m_g.place(state->candidates.front().place);
        for (const Candidate& sc : state->candidates) {
            const Place& sp = m_g.place(sc.place);
            if (std::any_of(m.candidates.begin(), m.candidates.end(), [&](const Candidate& c) {
                    const Place& p = m_g.place(c.place);
                    return p.country == sp.country && p.admin1 == sp.admin1;
                })) {
                unit = &sp;
                break;
            }
        }
        constrain_to_state(m, *unit);
    }
    if (added.empty())
        return;
    for (Mention& a : added)
        m_mentions.push_back(std::move(a));
    std::sort(m_mentions.begin(), m_mentions.end(),
              [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
}

void Parse::apply_border_phrases() {
    // "the Libyan-Tunisian border", "Libya-Tunisia border": one region mention for the
    // border between the two countries. The second country's mention is marked and dropped
    // after the pass (erasing each at once would make a text of such phrases quadratic).
    std::vector<bool> merged(m_mentions.size(), false);
    for (std::size_t i = 0; i + 1 < m_mentions.size(); ++i) {
        if (merged[i])
            continue;
        Mention& a = m_mentions[i];
        const Mention& b = m_mentions[i + 1];
        if (a.candidates.empty() || b.candidates.empty() || b.first != a.last + 1 ||
            m_tokens[b.first].gap != Gap::hyphen || b.last + 1 >= m_tokens.size()) {
            continue;
        }
        const Token& after = m_tokens[b.last + 1];
        if (!(after.norm == "border" || after.norm == "borders" || after.norm == "frontier") ||
            after.gap != Gap::space) {
            continue;
        }
        const Place& pa = m_g.place(a.candidates.front().place);
        const Place& pb = m_g.place(b.candidates.front().place);
        if (!is_country_place(pa) || !is_country_place(pb) || pa.country == pb.country) {
            continue;
        }
        a.last = b.last + 1;
        a.end = after.end;
        a.kind = ToponymKind::region;
        a.border_with = pb.country;
        a.why = "border between " + pa.name + " and " + pb.name;
        a.key = join(a.first, a.last);
        merged[i + 1] = true;
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_mentions.size(); ++i) {
        if (merged[i])
            continue;
        if (kept != i)
            m_mentions[kept] = std::move(m_mentions[i]);
        ++kept;
    }
    m_mentions.resize(kept);
}

bool Parse::list_neighbours(std::size_t a, std::size_t b) const {
    // adjacent items of one list: "Sorman, Sabratha", "Nalut and Wazen", "Yefren Zwara"
    const Mention& x = m_mentions[std::min(a, b)];
    const Mention& y = m_mentions[std::max(a, b)];
    if (y.first == x.last + 1) {
        const Gap gap = m_tokens[y.first].gap;
        return gap == Gap::comma || gap == Gap::space;
    }
    if (y.first == x.last + 2) {
        const std::string& w = m_tokens[x.last + 1].norm;
        return (w == "and" || w == "or") && m_tokens[x.last + 1].gap != Gap::other;
    }
    return false;
}

void Parse::lookup_candidates(Mention& m, bool penalise_common_words) const {
    LookupOptions o;
    o.limit = 8;
    o.penalise_common_words = penalise_common_words;
    m.candidates = m_g.lookup_normalized(m.key, o);
    // "Benina" is a place's own name: that it is also a skeleton away from Benin does not
    // make it the country. A country's name has one spelling news keeps to; a spelling
    // variant of it counts only where the word names nothing as written.
    const bool as_written = std::any_of(m.candidates.begin(), m.candidates.end(),
                                        [](const Candidate& c) { return !spelling_variant(c); });
    if (as_written) {
        std::erase_if(m.candidates, [&](const Candidate& c) {
            return spelling_variant(c) && is_country_place(m_g.place(c.place));
        });
    }
    // Drop candidates far weaker than the best: they only add noise to the context.
    if (!m.candidates.empty()) {
        const double best = m.candidates.front().score;
        std::erase_if(m.candidates, [best](const Candidate& c) { return c.score < best - 0.45; });
        m.kind = m.candidates.front().kind == MatchKind::demonym ? ToponymKind::demonym
                                                                 : ToponymKind::place;
        if (m.why.empty())
            m.why = std::string(to_string(m.candidates.front().kind));
    }
}

void Parse::mentions_from_spans(const std::vector<Span>& spans) {
    for (const Span& s : spans) {
        Mention m;
        m.begin = std::min(s.start, m_text.size());
        m.end = std::min(std::max(s.end, m.begin), m_text.size());
        m.key = mention_key(m_text.substr(m.begin, m.end - m.begin));
        lookup_candidates(m);
        if (m.candidates.empty() && m.key.size() > 4 && m.key.back() == 's') {
            m.key.pop_back();
            lookup_candidates(m);
        }
        // token range, for the containment patterns: the token the span starts in (or right
        // after), and the last token that starts before its end; by bisection, so that many
        // spans over a long text cost no pass over the text each
        m.first = m.last = 0;
        const auto starts_after = [](std::size_t offset, const Token& t) {
            return offset < t.begin;
        };
        const auto first_after_begin =
            std::upper_bound(m_tokens.begin(), m_tokens.end(), m.begin, starts_after);
        if (first_after_begin != m_tokens.begin() && m.begin <= std::prev(first_after_begin)->end)
            m.first = static_cast<std::size_t>(std::prev(first_after_begin) - m_tokens.begin());
        const auto first_at_end =
            std::lower_bound(m_tokens.begin(), m_tokens.end(), m.end,
                             [](const Token& t, std::size_t offset) { return t.begin < offset; });
        if (first_at_end != m_tokens.begin())
            m.last = static_cast<std::size_t>(std::prev(first_at_end) - m_tokens.begin());
        m_mentions.push_back(std::move(m));
    }
}

void Parse::apply_region_phrases() {
    for (Mention& m : m_mentions) {
        if (m.candidates.empty() || m.first == 0 || m.kind != ToponymKind::place)
            continue;
        const Place& p = m_g.place(m.candidates.front().place);
        if (!is_country_place(p) && !is_admin1_place(p))
            continue;
        const Token& prev = m_tokens[m.first - 1];
        if (m.first > 0 && m_tokens[m.first].gap != Gap::space)
            continue;
        Direction d = direction_of(prev.norm);
        std::size_t start = m.first - 1;
        // "south-western Libya", "north east Libya"
        if (start > 0 && (prev.gap == Gap::hyphen || prev.gap == Gap::space)) {
            const Direction outer = direction_of(m_tokens[start - 1].norm);
            if (const Direction c = combine_directions(outer, d); c != Direction::none) {
                d = c;
                --start;
            }
        }
        if (d == Direction::none)
            continue;
        m.direction = d;
        m.kind = ToponymKind::region;
        m.first = start;
        m.begin = m_tokens[start].begin;
        // keep candidates: the region is resolved inside the chosen country or admin-1
    }
}

double Parse::containment_bonus(std::size_t mi, const Candidate& c) const {
    // X, Y   |   X in (the) Y   |   Y's X   |   X district of Y
    const Mention& x = m_mentions[mi];
    const Place& cp = m_g.place(c.place);
    double bonus = 0;
    const auto contains = [&](const Mention& y) {
        if (!y.chosen)
            return false;
        const Place& yp = chosen_place(y);
        if (yp.id == cp.id)
            return false;
        if (is_country_place(yp))
            return yp.country == cp.country;
        if (is_admin1_place(yp))
            return yp.country == cp.country && yp.admin1 == cp.admin1;
        if (yp.feature_class == 'P')
            return distance_km(yp.position, cp.position) < 30;
        return distance_km(yp.position, cp.position) < 100;
    };
    if (mi + 1 < m_mentions.size()) {
        const Mention& y = m_mentions[mi + 1];
        bool pattern = false;
        if (y.first == x.last + 1 && m_tokens[y.first].gap == Gap::comma) {
            pattern = true; // "Zawiya, Libya"
        } else if (y.first > x.last + 1 && y.first <= x.last + 4) {
            // the words between: "in", "in the", "district of", "neighbourhood of the"
            bool ok = true;
            bool has_in_or_of = false;
            for (std::size_t k = x.last + 1; k < y.first; ++k) {
                const std::string& w = m_tokens[k].norm;
                if (w == "in" || w == "of")
                    has_in_or_of = true;
                else if (!(w == "the" || is_containment_noun(w)))
                    ok = false;
                if (m_tokens[k].gap == Gap::other)
                    ok = false;
            }
            pattern = ok && has_in_or_of && m_tokens[y.first].gap != Gap::other;
        }
        if (pattern && contains(y))
            bonus += 0.3;
    }
    if (mi > 0) {
        const Mention& y = m_mentions[mi - 1];
        if (y.last + 1 == x.first && m_tokens[y.last].possessive && contains(y))
            bonus += 0.3;
    }
    return bonus;
}

const Place& Parse::chosen_place(const Mention& m) const {
    return m_g.place(m.candidates[*m.chosen].place);
}

/// How much a mention tells about the document's country: a country or demonym says it
/// outright; a town says it less surely; a spelling variant hardly at all.
double Parse::evidence(const Mention& m) const {
    const Place& p = chosen_place(m);
    if (is_country_place(p) || m.kind == ToponymKind::demonym)
        return 1.0;
    return m.weak ? 0.2 : 0.5;
}

/// The countries the document points at: the source's, then each chosen place's.
DocumentFocus Parse::document_focus() const {
    DocumentFocus focus;
    for (const std::string& cc : m_context.focus_countries) {
        focus.mass[cc] += 2.0;
        focus.total += 2.0;
    }
    for (const Mention& m : m_mentions) {
        if (!m.chosen || chosen_place(m).country.empty())
            continue;
        focus.mass[chosen_place(m).country] += evidence(m);
        focus.total += evidence(m);
        const OwnEvidence own = own_evidence(m);
        if (!own.unit.empty()) {
            focus.unit_mass[own.unit] += own.unit_weight;
            if (m.pair_state)
                focus.pair_country_mass[own.country] += own.unit_weight;
            focus.unit_total += own.unit_weight;
        }
    }
    return focus;
}

/// The other places of the text, indexed so that context costs stay linear in the number
/// of mentions (a 50 MB text has hundreds of thousands): distinct chosen places by 3-degree
/// cell, and which countries and admin-1 units hold them.
PlaceContext::PlaceContext(const Gazetteer& g, const std::vector<Mention>& mentions) {
    std::set<std::pair<PlaceId, std::string_view>> seen_anchor;
    for (const Mention& o : mentions) {
        if (!o.chosen)
            continue;
        const Place& op = g.place(o.candidates[*o.chosen].place);
        if (is_country_place(op) || !seen_anchor.emplace(op.id, o.key).second)
            continue;
        m_grid[grid_cell(op.position)].push_back(static_cast<std::uint32_t>(m_anchors.size()));
        m_anchors.push_back({op.position, op.id, &o.key});
        for (const std::string& holder : {op.country, op.country + "." + op.admin1}) {
            auto& keys = m_holders[holder];
            if (keys.size() < 2 &&
                std::none_of(keys.begin(), keys.end(),
                             [&](const std::string* k) { return *k == o.key; })) {
                keys.push_back(&o.key);
            }
        }
    }
}

double PlaceContext::near(const Place& p, const std::string& key, PlaceId self,
                          double max_km) const {
    double best = 0;
    const std::int64_t c0 = grid_cell(p.position);
    for (std::int64_t dr = -1; dr <= 1; ++dr) {
        for (std::int64_t dc = -2; dc <= 2; ++dc) {
            const auto it = m_grid.find(c0 + dr * 1000 + dc);
            if (it == m_grid.end())
                continue;
            for (std::uint32_t ai : it->second) {
                const Anchor& a = m_anchors[ai];
                if (a.id == self || *a.key == key)
                    continue;
                const double km = distance_km(a.position, p.position);
                if (km < max_km)
                    best = std::max(best, km < 100 ? 1.0 : 0.5);
                if (best >= 1.0)
                    return best;
            }
        }
    }
    return best;
}

bool PlaceContext::holds_other(const std::string& holder, const std::string& key) const {
    const auto it = m_holders.find(holder);
    return it != m_holders.end() && std::any_of(it->second.begin(), it->second.end(),
                                                [&](const std::string* k) { return *k != key; });
}

/// What a mention's current choice adds to the document's focus (left out when the
/// mention's own candidates are weighed).
OwnEvidence Parse::own_evidence(const Mention& m) const {
    OwnEvidence own;
    if (m.chosen) {
        const Place& p = chosen_place(m);
        own.country = p.country;
        own.weight = evidence(m);
        if (is_admin1_place(p) && m.kind == ToponymKind::place) {
            own.unit = p.country + "." + p.admin1;
            own.unit_weight = m.pair_state ? 2.0 : 1.0;
        }
    }
    return own;
}

/// Share of the rest of the document that points at a candidate's country (the mention's
/// own evidence left out), in [0, 1].
double Parse::focus_share(const DocumentFocus& focus, const OwnEvidence& self,
                          const Candidate& c) const {
    const double own = self.weight;
    const std::string& own_country = self.country;
    const Place& p = m_g.place(c.place);
    double f = 0;
    if (focus.total - own > 0 && !p.country.empty()) {
        const auto it = focus.mass.find(p.country);
        double mass = it == focus.mass.end() ? 0 : it->second;
        if (p.country == own_country)
            mass -= own;
        f = std::max(0.0, mass) / (focus.total - own);
    }
    if (is_country_place(p) && c.kind != MatchKind::alternate &&
        c.kind != MatchKind::transliteration && c.kind != MatchKind::fuzzy) {
        // A country named by its name is rarely a namesake town: never let the text's focus
        // elsewhere count against it.
        f = std::max(f, 0.5);
    }
    if (p.country.empty()) {
        // continents, seas, supranational regions: neither favoured nor not
        double top = 0;
        for (const auto& [cc, mass] : focus.mass)
            top = std::max(top, mass);
        f = focus.total > 0 ? 0.5 * top / focus.total : 0;
    }
    return f;
}

/// Closeness to the list neighbours of mention `mi` (adjacent items of one list): 1 within
/// 100 km, 0.5 within 300 km.
double Parse::list_closeness(std::size_t mi, const Place& p) const {
    const Mention& m = m_mentions[mi];
    double listed = 0;
    for (std::size_t oj : {mi - 1, mi + 1}) {
        if (oj >= m_mentions.size() || !list_neighbours(mi, oj))
            continue;
        const Mention& o = m_mentions[oj];
        if (!o.chosen || o.key == m.key)
            continue;
        const Place& op = chosen_place(o);
        if (is_country_place(op) || op.id == p.id)
            continue;
        // "Hammamet, Tunisia": a country's name after a town of that country is the town's
        // country, not the list's next town (its capital, which a country's name may mean)
        if (std::any_of(m.candidates.begin(), m.candidates.end(), [&](const Candidate& k) {
                const Place& c = m_g.place(k.place);
                return k.kind == MatchKind::exact && is_country_place(c) && c.country == op.country;
            })) {
            continue;
        }
        const double km = distance_km(op.position, p.position);
        listed = std::max(listed, km < 100 ? 1.0 : km < 300 ? 0.5 : 0.0);
    }
    return listed;
}

/// The states term: a town named exactly is read by the share of the text's states that
/// are its own ("Paris" in Kentucky news); a state named like a country ("Georgia") by the
/// share of the "Town, ST" pairs in its country (a US local story). Alternate names get
/// nothing: "Tripoli" is no district of another name.
double Parse::state_focus(std::size_t mi, const Candidate& c, const DocumentFocus& focus,
                          const OwnEvidence& own) const {
    const Place& p = m_g.place(c.place);
    if (focus.unit_total - own.unit_weight <= 0 || is_country_place(p) || p.admin1.empty() ||
        (c.kind != MatchKind::exact && c.kind != MatchKind::abbreviation))
        return 0;
    double mass = 0, total = focus.unit_total - own.unit_weight;
    if (is_admin1_place(p)) {
        const Mention& m = m_mentions[mi];
        const bool named_like_a_country =
            std::any_of(m.candidates.begin(), m.candidates.end(),
                        [&](const Candidate& k) { return is_country_place(m_g.place(k.place)); });
        const auto it = focus.pair_country_mass.find(p.country);
        if (!named_like_a_country || it == focus.pair_country_mass.end())
            return 0;
        mass = it->second - (own.country == p.country && m.pair_state ? own.unit_weight : 0.0);
    } else {
        const std::string unit = p.country + "." + p.admin1;
        const auto it = focus.unit_mass.find(unit);
        mass = it == focus.unit_mass.end() ? 0.0 : it->second;
        if (unit == own.unit)
            mass -= own.unit_weight;
    }
    const double share = std::max(0.0, mass) / total;
    return 0.05 * std::log((share + 0.05) / 0.05);
}

bool Parse::capital_namesake(const Mention& m, const Place& p) const {
    return std::any_of(m.candidates.begin(), m.candidates.end(), [&](const Candidate& k) {
        const Place& o = m_g.place(k.place);
        // a national capital, or a first-order seat of a million people ("Geneva" the city
        // is GeoNames' Genève, a PPLA): the place a bare name means in world news
        // the capital must go by the name as written ("Suva" is no reading of "Sabha")
        const bool by_name = k.kind == MatchKind::exact || k.kind == MatchKind::alternate;
        return by_name && o.country != p.country && o.feature_class == 'P' &&
               (o.feature_code == "PPLC" || (o.feature_code == "PPLA" && o.population >= 150000));
    });
}

/// The terms of candidate `c` of mention `mi` in this pass.
ScoreParts Parse::score_parts(std::size_t mi, const Candidate& c, const DocumentFocus& focus,
                              const OwnEvidence& own, const PlaceContext& context) const {
    const Mention& m = m_mentions[mi];
    const Place& p = m_g.place(c.place);
    const double f = focus_share(focus, own, c);
    // Closeness to the other places of the text, and more to list neighbours. A country or
    // admin-1 unit is close to the places inside it; a place inside a country says less than
    // one inside a province.
    double near = 0, listed = 0;
    if (is_country_place(p)) {
        near = context.holds_other(p.country, m.key) ? 0.5 : 0.0;
    } else if (is_admin1_place(p)) {
        near = context.holds_other(p.country + "." + p.admin1, m.key) ? 1.0 : 0.0;
        // "Sirte", "Misrata": a unit named like a town of its own is close to the places
        // around that town, which the town is close to as well; holding them says less
        if (std::any_of(m.candidates.begin(), m.candidates.end(), [&](const Candidate& k) {
                const Place& o = m_g.place(k.place);
                return o.feature_class == 'P' && o.country == p.country && o.admin1 == p.admin1;
            })) {
            near *= 0.5;
        }
    } else {
        near = context.near(p, m.key, p.id, 300);
        listed = list_closeness(mi, p);
    }
    ScoreParts parts;
    parts.lookup = c.score;
    // Focus works on a log scale, like the gazetteer's population prior: a text about the
    // United States makes "London" more likely to be London, Kentucky by a factor, not by
    // enough to outweigh London's thousandfold size.
    parts.focus = 0.05 * std::log((f + 0.05) / 0.05);
    parts.near = 0.15 * near;
    parts.listed = 0.25 * listed;
    parts.contained = containment_bonus(mi, c);
    // "Idlib province": the unit word asks for an administrative unit
    if (!m.unit_word.empty() && p.feature_class == 'A' && !is_country_place(p))
        parts.unit = 0.3;
    // The states the text names (its "Town, ST" pairs too) decide between namesakes below
    // the country, on the same log scale as the country focus: "Paris" in Kentucky news.
    parts.state = state_focus(mi, c, focus, own);
    // A country's capital is what its name means unless something nearer than the country
    // points elsewhere: a story that names the United States often (its embassy, its envoy)
    // does not move "Cairo" to Georgia or "Geneva" to Illinois; the story's state or places
    // near the namesake still can.
    if (p.feature_class == 'P' && p.feature_code != "PPLC" && parts.state <= 0 && near <= 0 &&
        listed <= 0 && parts.contained <= 0 && capital_namesake(m, p)) {
        parts.focus = 0;
    }
    // A dateline names the town a report was filed from: "TUNIS" is the city, though
    // Tunisia bears that name in another language (an alternate name) and the text is about
    // Tunisia
    if (c.kind == MatchKind::alternate && (is_country_place(p) || is_admin1_place(p)) &&
        dateline(m.first, m.last)) {
        parts.focus = 0;
        parts.near = 0;
    }
    return parts;
}

/// One pass of resolution: every candidate scored against the choices of the previous
/// pass, then every mention takes its best candidate at once.
void Parse::resolution_pass() {
    const DocumentFocus focus = document_focus();
    const PlaceContext context(m_g, m_mentions);
    std::vector<std::optional<std::size_t>> next(m_mentions.size());
    for (std::size_t mi = 0; mi < m_mentions.size(); ++mi) {
        Mention& m = m_mentions[mi];
        if (m.candidates.empty())
            continue;
        m.final_scores.assign(m.candidates.size(), 0);
        m.parts.assign(m.candidates.size(), {});
        const OwnEvidence own = own_evidence(m);
        for (std::size_t ci = 0; ci < m.candidates.size(); ++ci) {
            m.parts[ci] = score_parts(mi, m.candidates[ci], focus, own, context);
            m.final_scores[ci] = m.parts[ci].total();
        }
        const auto best = std::max_element(m.final_scores.begin(), m.final_scores.end());
        next[mi] = static_cast<std::size_t>(best - m.final_scores.begin());
    }
    for (std::size_t mi = 0; mi < m_mentions.size(); ++mi)
        m_mentions[mi].chosen = next[mi];
}

void Parse::resolve() {
    // Pass 0: the gazetteer's own ranking; then three passes with the text as context.
    for (Mention& m : m_mentions) {
        m.chosen = m.candidates.empty() ? std::nullopt : std::optional<std::size_t>(0);
    }
    for (int pass = 0; pass < 3; ++pass) {
        resolution_pass();
    }
    if (prune) {
        prune_unsupported();
    }
}

/// The countries and places found by their own names (strong mentions), by key so that a
/// mention never supports itself.
StrongSupport Parse::strong_support() const {
    StrongSupport support;
    support.hinted.insert(m_context.focus_countries.begin(), m_context.focus_countries.end());
    for (const Mention& o : m_mentions) {
        // a place read through a spelling variant supports nothing, itself included
        if (o.weak || !o.chosen || spelling_variant(o.candidates[*o.chosen]))
            continue;
        const Place& op = chosen_place(o);
        if (!op.country.empty())
            support.countries.insert(op.country);
        if (!is_country_place(op)) {
            auto& cell = support.grid[grid_cell(op.position)];
            if (cell.size() < 64)
                cell.emplace_back(op.position, &o.key);
        }
    }
    return support;
}

/// True when a strong mention other than `key` lies within 150 km of `p`.
bool StrongSupport::near(const LatLon& p, const std::string& key) const {
    const std::int64_t c0 = grid_cell(p);
    for (std::int64_t dr = -1; dr <= 1; ++dr) {
        for (std::int64_t dc = -2; dc <= 2; ++dc) {
            const auto it = grid.find(c0 + dr * 1000 + dc);
            if (it == grid.end())
                continue;
            for (const auto& [q, other] : it->second) {
                if (*other != key && distance_km(q, p) < 150)
                    return true;
            }
        }
    }
    return false;
}

/// Whether the name also reads as the admin-1 unit the town `p` lies in, within 161 km ("Kufra":
/// the oasis town and the Al Kufrah district named after it): the town that names its district
/// is its seat, however a gazetteer codes it, and no minor place.
bool Parse::names_its_district(const Mention& m, const Place& p) const {
    return std::any_of(m.candidates.begin(), m.candidates.end(), [&](const Candidate& c) {
        const Place& d = m_g.place(c.place);
        return d.feature_code == "ADM1" && d.country == p.country && d.admin1 == p.admin1 &&
               d.position.is_valid() && distance_km(d.position, p.position) <= 161;
    });
}

/// Whether mention `mi` stays after resolution. A confident mention stays above 0.3. A
/// spelling variant, a bare country code or a one-word minor place stays only where the rest
/// of the text supports it (another mention in the same country, or a place found by its own
/// name within 150 km), and above 0.45; otherwise a surname can turn into a village.
bool Parse::keep_mention(std::size_t mi, const StrongSupport& support) const {
    const Mention& m = m_mentions[mi];
    if (!m.chosen) {
        return false;
    }
    const double final_score = m.final_scores[*m.chosen];
    const Place& p = chosen_place(m);
    // A one-word name of a minor place (a village, a hamlet) is more often a surname or a
    // word than that place.
    const bool minor = m.first == m.last && p.feature_class == 'P' && p.population < 50000 &&
                       p.feature_code != "PPLA" && p.feature_code != "PPLX" &&
                       p.feature_code != "PPLC" && m.kind == ToponymKind::place &&
                       m.parts[*m.chosen].contained <= 0.0 && !names_its_district(m, p);
    // A word a name as written proposed but that resolved to a spelling variant ("Hariga"
    // as Al Kharjah, "Benina" as Benin) is as weak as one the variant pass found.
    const bool weak = m.weak || spelling_variant(m.candidates[*m.chosen]);
    if (!weak && !minor) {
        return !(final_score < 0.3);
    }
    // ... or a locative cue ("left Jakharrah", "near Kabaw") or the kind of a site after it
    // ("the Salloum crossing", "the Mellitah oil complex") in a text that names its country.
    const bool site_after =
        m.last + 1 < m_tokens.size() && m_tokens[m.last + 1].gap == Gap::space &&
        !m_tokens[m.last + 1].upper_initial && is_site_word_start(m_tokens[m.last + 1].norm);
    const bool cue = cue_before(m.first) || site_after;
    bool supported = (weak || cue) &&
                     (support.hinted.contains(p.country) || support.countries.contains(p.country));
    if (!supported && !is_country_place(p)) {
        supported = support.near(p.position, m.key);
    }
    return supported && !(final_score < 0.45);
}

/// Drops the mentions keep_mention() rejects, keeping the others in order.
void Parse::prune_unsupported() {
    const StrongSupport support = strong_support();
    std::vector<bool> drop(m_mentions.size(), false);
    for (std::size_t mi = 0; mi < m_mentions.size(); ++mi)
        drop[mi] = !keep_mention(mi, support);
    std::size_t kept = 0;
    for (std::size_t mi = 0; mi < m_mentions.size(); ++mi) {
        if (drop[mi])
            continue;
        if (kept != mi)
            m_mentions[kept] = std::move(m_mentions[mi]);
        ++kept;
    }
    m_mentions.resize(kept);
}

bool Parse::region_in_direction(const Place& country, Direction d, Toponym& t) const {
    // The region whose offset from the country's point lies most in direction d, and
    // clearly more that way than sideways.
    double best = 0;
    const Place* chosen = nullptr;
    for (PlaceId id : m_g.regions_of(country.country)) {
        const Place& r = m_g.place(id);
        const std::optional<detail::Offset> o = detail::offset_toward(
            r.position.lat - country.position.lat, r.position.lon - country.position.lon, d);
        if (!o) {
            return false; // diagonal and central phrases use the admin-1 centroid
        }
        if (o->along > 1.0 && o->along > 0.5 * o->across && o->along > best) {
            best = o->along;
            chosen = &r;
        }
    }
    if (chosen == nullptr) {
        return false;
    }
    t.position = chosen->position;
    t.name = t.text;
    t.precision = GeoPrecision::region;
    t.place = chosen->id;
    t.geonameid = chosen->geonameid;
    t.feature = std::string(1, chosen->feature_class) + "." + chosen->feature_code;
    t.why += ", the " + chosen->name + " region of " + country.name;
    return true;
}

/// The admin-1 points of a country as a list of positions.
std::vector<LatLon> Parse::admin1_positions(const std::string& country) const {
    std::vector<LatLon> out;
    for (PlaceId a : m_g.admin1_places_of(country))
        out.push_back(m_g.place(a).position);
    return out;
}

/// A region phrase as a toponym: no gazetteer place of its own, a region's precision.
void Parse::as_region(Toponym& t) {
    t.name = t.text;
    t.precision = GeoPrecision::region;
    t.place.reset();
    t.geonameid = 0;
}

/// Where a region phrase lies, for the mention's chosen country or admin-1 place `p`: a
/// border between two countries, the country's named region in that direction ("southern
/// Libya" is Fezzan), or the part of the country or unit the direction names.
void Parse::place_region_phrase(const Mention& m, const Place& p, Toponym& t) const {
    if (!m.border_with.empty()) {
        if (const auto mid = detail::border_midpoint(admin1_positions(p.country),
                                                     admin1_positions(m.border_with)))
            t.position = *mid;
        as_region(t);
        return;
    }
    if (is_country_place(p) && region_in_direction(p, m.direction, t)) {
        return;
    }
    std::vector<detail::WeightedPoint> points;
    for (PlaceId a : m_g.admin1_places_of(p.country)) {
        if (is_admin1_place(p) && m_g.place(a).admin1 != p.admin1)
            continue;
        points.push_back({m_g.place(a).position, m_g.place(a).population});
    }
    // a country's own point is the middle of its land; an admin-1 unit has only its own
    const std::optional<LatLon> centre =
        is_country_place(p) ? std::optional<LatLon>(p.position) : std::nullopt;
    if (const auto centroid = detail::direction_centroid(points, m.direction, centre))
        t.position = *centroid;
    as_region(t);
    t.why += ", direction within " + p.name;
}

/// A place the text puts at sea (sea_phrases.hpp), off the mention's chosen place `p`: past
/// the coast nearest a town or island; for a country, past the coast of its most populous
/// town that has one (on the side a region phrase names). A written
/// direction and distance are followed; a bare "south of X" is at sea only when the sea lies
/// that way from X. Nothing changes when no sea is found (an inland place: "sealed off"
/// and "cut off" are no sea phrases either).
void Parse::place_at_sea(const Mention& m, const Place& p, const detail::SeaPhrase& s,
                         Toponym& t) const {
    // "north of Libya" is no sea without a distance ("200 km north of Libya")
    if (s.bearing && !s.distance_given && (is_country_place(p) || m.kind == ToponymKind::region))
        return;
    const LandMask& land = LandMask::builtin();
    std::vector<const Place*> refs;
    if (is_country_place(p)) {
        for (PlaceId a : m_g.largest_towns(p.country)) {
            const Place& u = m_g.place(a);
            if (m.kind != ToponymKind::region ||
                detail::lies_toward(u.position, p.position.lat, p.position.lon, m.direction))
                refs.push_back(&u);
        }
    } else if (m.kind != ToponymKind::region) {
        refs.push_back(&p);
    }
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const LatLon from = refs[i]->position;
        std::optional<LatLon> at_sea;
        if (s.bearing) {
            // "south of Lampedusa", "30 km west of Tripoli": only where the sea lies that way
            const auto way = land.seaward(from, detail::kOffshoreKm);
            const double turn =
                way ? std::abs(std::remainder(way->bearing - *s.bearing, 360.0)) : 180.0;
            if (!way || (way->spread < 0.6 && turn > 60))
                continue;
            if (!s.from_place) {
                at_sea = land.offshore(from, s.bearing, s.beyond_km);
            } else if (const LatLon q = destination_point(from, *s.bearing, s.beyond_km);
                       !land.on_land(q)) {
                at_sea = q;
            }
        } else {
            at_sea = land.offshore(from, s.bearing, s.beyond_km);
        }
        if (!at_sea)
            continue;
        SeaSite site;
        site.position = *at_sea;
        // off a town or an island, about as near as the town; off a country, its waters
        site.precision =
            refs[i] == &p ? std::max(t.precision, GeoPrecision::town) : GeoPrecision::region;
        site.name = s.words + " " + (m.kind == ToponymKind::region ? t.text : p.name);
        site.why = ", at sea off " + refs[i]->name;
        t.at_sea = std::move(site);
        return;
    }
}

/// How sure the choice is: the gazetteer's score and the margin over the best candidate
/// more than 161 km away, less for a spelling variant.
double Parse::confidence(const Mention& m, std::size_t ci) const {
    const Candidate& c = m.candidates[ci];
    const Place& p = m_g.place(c.place);
    double second = 0;
    for (std::size_t k = 0; k < m.final_scores.size(); ++k) {
        if (k != ci && m_g.place(m.candidates[k].place).position.is_valid()) {
            const double km = distance_km(m_g.place(m.candidates[k].place).position, p.position);
            if (km > 161)
                second = std::max(second, m.final_scores[k]);
        }
    }
    const double margin = m.final_scores[ci] - second;
    return std::clamp(0.5 * c.score + 0.5 * std::tanh(4 * margin) + (m.weak ? -0.15 : 0.0), 0.0,
                      1.0);
}

/// What decided: the gazetteer's score and each context term that added to it
/// (" = lookup 0.93 + focus 0.07 + contained 0.30").
std::string ScoreParts::explain() const {
    std::string out = fmt_score(" = lookup ", lookup);
    if (focus > 0.005)
        out += fmt_score(" + focus ", focus);
    if (near > 0.005)
        out += fmt_score(" + near ", near);
    if (listed > 0.005)
        out += fmt_score(" + list ", listed);
    if (contained > 0.005)
        out += fmt_score(" + contained ", contained);
    if (unit > 0.005)
        out += fmt_score(" + unit ", unit);
    if (state > 0.005)
        out += fmt_score(" + state ", state);
    return out;
}

/// The toponym a resolved or unresolved mention reports.
Toponym Parse::toponym_of(const Mention& m) const {
    Toponym t;
    t.start = m.begin;
    t.end = m.end;
    t.text = std::string(m_text.substr(m.begin, m.end - m.begin));
    t.kind = m.kind;
    t.why = m.why;
    if (!m.chosen) {
        return t;
    }
    const std::size_t ci = *m.chosen;
    const Candidate& c = m.candidates[ci];
    const Place& p = m_g.place(c.place);
    // "Idlib province", "the Kharkiv region": a unit named with its unit word in lower case
    // is named by both words, as the unit word chose it ("Colorado State University",
    // "Kentucky Department of Education" are organisations named after the state)
    if (!m.unit_word.empty() && m.kind == ToponymKind::place && p.feature_class == 'A' &&
        !is_country_place(p) && m.last + 1 < m_tokens.size() &&
        !m_tokens[m.last + 1].upper_initial) {
        t.end = m_tokens[m.last + 1].end;
        t.text = std::string(m_text.substr(t.start, t.end - t.start));
    }
    t.place = c.place;
    t.name = p.name;
    t.position = p.position;
    t.geonameid = p.geonameid;
    t.feature = std::string(1, p.feature_class) + "." + p.feature_code;
    t.country = p.country;
    t.admin1 = m_g.admin1_name(p.country, p.admin1);
    t.admin1_code = p.admin1;
    t.precision = p.precision();
    t.confidence = confidence(m, ci);
    t.why += m.parts[ci].explain();
    for (std::size_t k = 0; k < m.candidates.size() && t.alternatives.size() < 4; ++k) {
        if (k != ci)
            t.alternatives.push_back({m.candidates[k].place, m.final_scores[k]});
    }
    if (m.kind == ToponymKind::region) {
        place_region_phrase(m, p, t);
    }
    if (const auto sea =
            detail::sea_phrase(m_tokens, m.first, m.last, m.kind == ToponymKind::demonym))
        place_at_sea(m, p, *sea, t);
    return t;
}

/// Sets each toponym's code point offsets from its byte offsets, in one pass over the text.
void Parse::set_code_point_offsets(std::vector<Toponym>& toponyms) const {
    std::vector<std::pair<std::size_t, std::size_t*>> wanted;
    for (Toponym& t : toponyms) {
        wanted.emplace_back(t.start, &t.cp_start);
        wanted.emplace_back(t.end, &t.cp_end);
    }
    std::sort(wanted.begin(), wanted.end());
    std::size_t cp = 0;
    std::size_t byte = 0;
    for (auto& [offset, target] : wanted) {
        cp += detail::code_point_offset(m_text.substr(byte, offset - byte), offset - byte);
        byte = offset;
        *target = cp;
    }
}

std::vector<Toponym> Parse::toponyms() const {
    std::vector<Toponym> out;
    out.reserve(m_mentions.size());
    for (const Mention& m : m_mentions)
        out.push_back(toponym_of(m));
    set_code_point_offsets(out);
    return out;
}

} // namespace

std::string mention_key(std::string_view surface) {
    std::string s(surface);
    if (s.size() > 2 && s.ends_with("'s"))
        s.resize(s.size() - 2);
    else if (s.size() > 4 && s.ends_with("\xE2\x80\x99s"))
        s.resize(s.size() - 4);
    std::string compact; // "U.S." -> "US"
    for (char c : s)
        if (c != '.')
            compact += c;
    return normalize_name(compact.size() + 2 <= s.size() && compact.size() <= 4 ? compact : s);
}

Geoparser::Geoparser(const Gazetteer& gazetteer) : m_gazetteer(gazetteer) {}

Toponym event_site(const Toponym& t) {
    if (!t.at_sea)
        return t;
    Toponym out = t;
    out.position = t.at_sea->position;
    out.precision = t.at_sea->precision;
    out.name = t.at_sea->name;
    out.why += t.at_sea->why;
    out.kind = ToponymKind::region; // a phrase naming an area, as "southern Libya"
    out.place.reset();
    out.geonameid = 0;
    out.feature = "H.SEA";
    out.at_sea.reset();
    return out;
}

std::optional<Toponym> waters_off_country(const Gazetteer& gazetteer, const Toponym& t) {
    if (!t.place || t.at_sea || t.feature == "H.SEA" ||
        !is_country_place(gazetteer.place(*t.place)))
        return std::nullopt;
    const Place& country = gazetteer.place(*t.place);
    for (PlaceId id : gazetteer.largest_towns(country.country)) {
        const Place& town = gazetteer.place(id);
        if (const auto at_sea =
                LandMask::builtin().offshore(town.position, std::nullopt, detail::kOffshoreKm)) {
            Toponym out = t;
            out.at_sea = SeaSite{*at_sea, GeoPrecision::region, "off " + country.name,
                                 ", at sea off " + town.name};
            return event_site(out);
        }
    }
    return std::nullopt;
}

std::optional<Toponym> waters_off(const Toponym& t) {
    if (t.feature == "H.SEA" && t.precision == GeoPrecision::town)
        return t; // already off a town
    if (t.kind != ToponymKind::place || t.precision > GeoPrecision::town)
        return std::nullopt;
    const auto at_sea = LandMask::builtin().offshore(t.position, std::nullopt, detail::kOffshoreKm);
    if (!at_sea)
        return std::nullopt;
    Toponym out = t;
    out.at_sea = SeaSite{*at_sea, GeoPrecision::town, "off " + t.name, ", at sea off " + t.name};
    return event_site(out);
}

namespace {

/// The reading of tokens [first, last] of `tokens` as a person's name, by the cues the
/// recogniser uses: a title before, a given name before or as the first word, a verb of
/// saying after or "said" before.
bool reads_as_person(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
    const Token& head = tokens[first];
    if (first > 0) {
        const Token& prev = tokens[first - 1];
        if (is_person_title(prev.norm) || is_title_abbreviation(prev.norm) || prev.norm == "said" ||
            (prev.upper_initial && is_given_name(prev.norm) && head.gap == Gap::space))
            return true;
    }
    if (is_given_name(head.norm) && last + 1 < tokens.size() && tokens[last + 1].upper_initial &&
        tokens[last + 1].gap == Gap::space)
        return true;
    return last + 1 < tokens.size() && is_saying_verb(tokens[last + 1].norm);
}

/// The reading of tokens [first, last] as an organisation's name: an organisation or
/// building word at its end or right after it, or an acronym.
bool reads_as_organisation(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
    const Token& tail = tokens[last];
    if (is_organisation_word(tail.norm) || (first != last && is_building_word(tail.norm)))
        return true;
    if (last + 1 < tokens.size() && tokens[last + 1].upper_initial &&
        tokens[last + 1].gap == Gap::space &&
        (is_organisation_word(tokens[last + 1].norm) || is_building_word(tokens[last + 1].norm)))
        return true;
    return first == last && tail.all_caps && tail.norm.size() >= 3;
}

} // namespace

std::string_view Geoparser::non_place_reading(std::string_view text, std::size_t start,
                                              std::size_t end) const {
    end = std::min(end, text.size());
    start = std::min(start, end);
    // a window of the text around the span, on code point boundaries
    std::size_t wb = start > 160 ? start - 160 : 0;
    while (wb > 0 && (static_cast<unsigned char>(text[wb]) & 0xC0) == 0x80)
        --wb;
    std::size_t we = std::min(text.size(), end + 160);
    while (we < text.size() && (static_cast<unsigned char>(text[we]) & 0xC0) == 0x80)
        ++we;
    const std::vector<Token> tokens = detail::tokenize(text.substr(wb, we - wb));
    std::optional<std::size_t> first, last;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        const std::size_t b = tokens[k].begin + wb;
        if (b >= start && b < end) {
            if (!first)
                first = k;
            last = k;
        }
    }
    if (!first)
        return "other";
    if (reads_as_person(tokens, *first, *last))
        return "person";
    if (reads_as_organisation(tokens, *first, *last))
        return "organisation";
    if (*first == *last && m_gazetteer.is_common_word(tokens[*first].norm))
        return "common word";
    return "other";
}

std::vector<Toponym> Geoparser::parse(std::string_view text, const ParseContext& context,
                                      std::vector<RejectedSpan>* rejected) const {
    Parse p(m_gazetteer, text, context);
    p.rejected = rejected;
    p.recognise();
    p.resolve();
    std::vector<Toponym> found = p.toponyms();
    if (!context.aliases.empty())
        apply_aliases(text, context.aliases, found);
    return found;
}

std::vector<Toponym> Geoparser::resolve(std::string_view text, const std::vector<Span>& spans,
                                        const ParseContext& context) const {
    Parse p(m_gazetteer, text, context);
    p.prune = false;
    p.mentions_from_spans(spans);
    p.resolve();
    return p.toponyms();
}

} // namespace kharita
