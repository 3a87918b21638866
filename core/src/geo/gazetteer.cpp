#include "kharita/geo/gazetteer.hpp"

#include "detail/gazetteer_schema.hpp"
#include "detail/name_table.hpp"
#include "detail/sqlite.hpp"
#include "geo/gazetteer_scoring.hpp"
#include "geo/index_file.hpp"
#include "kharita/base/error.hpp"
#include "kharita/text/hash.hpp"
#include "kharita/text/normalize.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include <unistd.h>

namespace kharita {

namespace {

std::uint64_t hash_key(std::string_view s) noexcept {
    return fnv1a(s);
}

// The names of the lookup vocabulary, in the order of the enumerators.
constexpr std::array<std::string_view, 7> kMatchKindNames = {
    "exact",           "alternate name",  "abbreviation", "demonym",
    "article variant", "transliteration", "fuzzy"};
static_assert(kMatchKindNames.size() == static_cast<std::size_t>(MatchKind::fuzzy) + 1);

constexpr std::array<std::string_view, 7> kNameKindNames = {
    "name", "ascii", "alternate", "demonym", "abbreviation", "short form", "postal code"};
static_assert(kNameKindNames.size() == static_cast<std::size_t>(NameKind::postal_code) + 1);

// What a short form's match is worth against a full name ("Laurel" of "Laurel County"):
// a county at 0.8 falls to 0.44, below the confident range, like an ordinary word.
constexpr double kShortFormFactor = 0.55;

struct NameEntry {
    PlaceId place;
    std::uint32_t name_offset; // into Impl::arena: display name
    std::uint32_t norm_offset; // into Impl::arena: normalised name
    std::uint16_t name_len;
    std::uint16_t norm_len;
    NameKind kind;
};

/// Multimap from a 64-bit key hash to 32-bit values, built once then read-only: pairs sorted
/// by hash plus a table of where each top-bits bucket starts, so a probe costs about two
/// cache misses and 12 bytes per pair (std::unordered_map costs several misses and ~40 bytes).
class HashRuns {
public:
    /// `extra` is a byte carried with the pair (the place's importance, quantised); it
    /// replaces the low 8 bits of the hash, leaving 56 bits to tell keys apart.
    void add(std::uint64_t hash, std::uint32_t value, std::uint32_t place = 0,
             std::uint8_t extra = 0) {
        m_pairs.push_back({(hash & kKeyMask) | extra, value, place});
    }
    /// Sorts and indexes. Pairs with the same hash and the same `same(value)` key collapse
    /// into the one with the smallest `rank(value)`.
    /// `same` and `rank` are computed once per pair, not once per comparison: they may hash
    /// a name, and a million pairs take twenty million comparisons to sort.
    template <typename Same, typename Rank> void finish(Same&& same, Rank&& rank) {
        struct Keyed {
            std::uint64_t hash; // the key part of the hash
            std::uint64_t same;
            std::int64_t rank;
            std::uint32_t value;
            std::uint32_t pair;
        };
        std::vector<Keyed> keyed(m_pairs.size());
        for (std::size_t i = 0; i < m_pairs.size(); ++i) {
            const Pair& p = m_pairs[i];
            keyed[i] = {p.hash & kKeyMask, static_cast<std::uint64_t>(same(p.value)),
                        static_cast<std::int64_t>(rank(p.value)), p.value,
                        static_cast<std::uint32_t>(i)};
        }
        std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
            if (a.hash != b.hash)
                return a.hash < b.hash;
            if (a.same != b.same)
                return a.same < b.same;
            return a.rank != b.rank ? a.rank < b.rank : a.value < b.value;
        });
        std::vector<Pair> sorted;
        sorted.reserve(keyed.size());
        for (std::size_t i = 0; i < keyed.size(); ++i) {
            if (i > 0 && keyed[i].hash == keyed[i - 1].hash && keyed[i].same == keyed[i - 1].same)
                continue; // the same key and place (or spelling): the best-ranked one stays
            sorted.push_back(m_pairs[keyed[i].pair]);
        }
        m_pairs = std::move(sorted);
        index();
    }
    /// Sorts and indexes, pairs with the same hash and value collapsing into one.
    void finish() {
        std::sort(m_pairs.begin(), m_pairs.end(), [](const Pair& a, const Pair& b) {
            const std::uint64_t ka = a.hash & kKeyMask, kb = b.hash & kKeyMask;
            return ka != kb ? ka < kb : a.value < b.value;
        });
        m_pairs.erase(std::unique(m_pairs.begin(), m_pairs.end(),
                                  [](const Pair& a, const Pair& b) {
                                      return (a.hash & kKeyMask) == (b.hash & kKeyMask) &&
                                             a.value == b.value;
                                  }),
                      m_pairs.end());
        index();
    }

private:
    void index() {
        m_pairs.shrink_to_fit();
        m_bits = 1;
        // About four pairs per bucket: the bucket table stays small enough to stay cached.
        while ((std::size_t{4} << m_bits) < m_pairs.size() && m_bits < 24)
            ++m_bits;
        m_starts.assign((std::size_t{1} << m_bits) + 1, 0);
        std::size_t k = 0;
        for (std::size_t b = 0; b < (std::size_t{1} << m_bits); ++b) {
            m_starts[b] = static_cast<std::uint32_t>(k);
            while (k < m_pairs.size() && bucket(m_pairs[k].hash) == b)
                ++k;
        }
        m_starts.back() = static_cast<std::uint32_t>(m_pairs.size());
    }

public:
    template <typename F> void for_each(std::uint64_t hash, F&& f) const {
        if (m_pairs.empty())
            return;
        const std::size_t b = bucket(hash);
        const std::uint64_t key = hash & kKeyMask;
        for (std::uint32_t k = m_starts[b]; k < m_starts[b + 1]; ++k) {
            const std::uint64_t here = m_pairs[k].hash & kKeyMask;
            if (here == key) {
                f(m_pairs[k].value, m_pairs[k].place,
                  static_cast<std::uint8_t>(m_pairs[k].hash & 0xFF));
            } else if (here > key) {
                break;
            }
        }
    }
    bool contains(std::uint64_t hash) const {
        bool found = false;
        for_each(hash, [&](std::uint32_t, std::uint32_t, std::uint8_t) { found = true; });
        return found;
    }
    void save(detail::IndexWriter& w) const {
        w.word(m_bits);
        w.array(m_pairs);
        w.array(m_starts);
    }
    /// False when the stored table is not one index() could have made.
    bool load(detail::IndexReader& r) {
        m_bits = static_cast<unsigned>(r.word());
        r.array(m_pairs);
        r.array(m_starts);
        return r.ok() && m_bits >= 1 && m_bits <= 24 &&
               m_starts.size() == (std::size_t{1} << m_bits) + 1 &&
               m_starts.back() == m_pairs.size() &&
               std::is_sorted(m_starts.begin(), m_starts.end());
    }

private:
    static constexpr std::uint64_t kKeyMask = ~std::uint64_t{0xFF};
    struct Pair {
        std::uint64_t hash;
        std::uint32_t value;
        std::uint32_t place; // carried along so a probe needs no second lookup
    };
    std::size_t bucket(std::uint64_t hash) const {
        return static_cast<std::size_t>(hash >> (64 - m_bits));
    }
    std::vector<Pair> m_pairs;
    std::vector<std::uint32_t> m_starts;
    unsigned m_bits = 1;
};

/// Name key -> name entries.
class KeyIndex {
public:
    void add(std::string_view key, std::uint32_t value, std::uint32_t place, std::uint8_t rank) {
        if (!key.empty())
            m_runs.add(hash_key(key), value, place, rank);
    }
    template <typename Same, typename Rank> void finish(Same&& same, Rank&& rank) {
        m_runs.finish(same, rank);
    }
    template <typename F> void for_each(std::string_view key, F&& f) const {
        m_runs.for_each(hash_key(key), f);
    }
    bool contains(std::string_view key) const { return m_runs.contains(hash_key(key)); }
    void save(detail::IndexWriter& w) const { m_runs.save(w); }
    bool load(detail::IndexReader& r) { return m_runs.load(r); }

private:
    HashRuns m_runs;
};

/// Deletion index over skeleton keys (SymSpell, edit distance 1): every key and each of
/// its one-letter deletions point back to the key.
class DeletionIndex {
public:
    void add(const std::string& skeleton, std::uint32_t skeleton_id) {
        m_runs.add(hash_key(skeleton), skeleton_id);
        for (std::size_t i = 0; i < skeleton.size(); ++i) {
            std::string d = skeleton;
            d.erase(i, 1);
            m_runs.add(hash_key(d), skeleton_id);
        }
    }
    void finish() { m_runs.finish(); }
    template <typename F> void for_each(std::string_view key, F&& f) const {
        m_runs.for_each(hash_key(key), [&](std::uint32_t v, std::uint32_t, std::uint8_t) { f(v); });
    }
    void save(detail::IndexWriter& w) const { m_runs.save(w); }
    bool load(detail::IndexReader& r) { return m_runs.load(r); }

private:
    HashRuns m_runs;
};

/// A set of words as sorted hashes behind a small Bloom filter: most queries are not
/// ordinary words and are answered from the 128 KB filter without touching the list.
class WordSet {
public:
    void add(std::string_view word) { m_hashes.push_back(hash_key(word)); }
    void finish() {
        std::sort(m_hashes.begin(), m_hashes.end());
        m_hashes.erase(std::unique(m_hashes.begin(), m_hashes.end()), m_hashes.end());
        m_bloom.assign(kBloomBits / 64, 0);
        for (std::uint64_t h : m_hashes) {
            set(h);
            set(h >> 21);
        }
    }
    bool contains(std::string_view word) const {
        if (m_bloom.empty())
            return false;
        const std::uint64_t h = hash_key(word);
        if (!test(h) || !test(h >> 21))
            return false;
        return std::binary_search(m_hashes.begin(), m_hashes.end(), h);
    }
    void save(detail::IndexWriter& w) const {
        w.array(m_hashes);
        w.array(m_bloom);
    }
    bool load(detail::IndexReader& r) {
        r.array(m_hashes);
        r.array(m_bloom);
        return r.ok() && (m_bloom.empty() || m_bloom.size() == kBloomBits / 64);
    }

private:
    static constexpr std::uint64_t kBloomBits = std::uint64_t{1} << 20;
    void set(std::uint64_t h) { m_bloom[(h % kBloomBits) / 64] |= std::uint64_t{1} << (h % 64); }
    bool test(std::uint64_t h) const {
        return (m_bloom[(h % kBloomBits) / 64] >> (h % 64) & 1) != 0;
    }
    std::vector<std::uint64_t> m_hashes;
    std::vector<std::uint64_t> m_bloom;
};

/// What ranking needs of a place, packed so one cache line serves several places.
struct PlaceRank {
    float importance;
    char feature_class;
    bool is_country;
    char country[2];
    std::uint32_t admin1_hash; // low half of hash_key(admin1)
};

// An index value: the name entry, its kind and whether the key is the name's article-free
// form rather than the name itself.
constexpr std::uint32_t kEntryMask = (1u << 28) - 1;
constexpr std::uint32_t kArticleTag = 1u << 31;
constexpr std::uint32_t pack(std::uint32_t entry, NameKind kind, bool article) {
    return entry | (static_cast<std::uint32_t>(kind) << 28) | (article ? kArticleTag : 0u);
}
constexpr NameKind kind_of(std::uint32_t v) {
    return static_cast<NameKind>((v >> 28) & 7u);
}

// What each kind of match scores before spelling and importance, indexed by MatchKind.
constexpr std::array<double, 7> kMatchBaseScores = {
    1.0,  // exact
    0.93, // alternate
    0.88, // abbreviation
    1.0,  // demonym: "Canadian" is the adjective, not Canadian, Texas
    0.88, // article
    0.72, // transliteration
    0.55, // fuzzy
};
static_assert(kMatchBaseScores.size() == kMatchKindNames.size());

// The match a name of each kind gives when the query equals it, indexed by NameKind.
constexpr std::array<MatchKind, 7> kMatchOfNameKind = {
    MatchKind::exact,        // name
    MatchKind::exact,        // ascii
    MatchKind::alternate,    // alternate
    MatchKind::demonym,      // demonym
    MatchKind::abbreviation, // abbreviation
    MatchKind::alternate,    // short form (scaled by kShortFormFactor)
    MatchKind::abbreviation, // postal code
};
static_assert(kMatchOfNameKind.size() == kNameKindNames.size());

/// Whether a name of this kind is found through its spellings (article-free form,
/// skeleton): names are; adjectives, abbreviations, codes and short forms only as written.
bool spelling_variant_kind(NameKind k) {
    return k == NameKind::name || k == NameKind::ascii || k == NameKind::alternate;
}

MatchKind match_kind_of(NameKind k) {
    return kMatchOfNameKind[static_cast<std::size_t>(k)];
}

// Which name of a place an index keeps when it has several under one key, indexed by
// NameKind (lowest first): "Libyan" as demonym beats it as alternate.
constexpr std::array<int, 7> kNameKindRanks = {
    0, // name
    1, // ascii
    3, // alternate
    2, // demonym
    4, // abbreviation
    5, // short form
    6, // postal code
};
static_assert(kNameKindRanks.size() == kNameKindNames.size());

int name_kind_rank(NameKind k) {
    return kNameKindRanks[static_cast<std::size_t>(k)];
}

} // namespace

namespace detail {

bool skeleton_edit_distance_at_most_one(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) {
        std::swap(a, b);
    }
    if (b.size() - a.size() > 1) {
        return false;
    }
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) {
        ++i;
    }
    if (a.size() == b.size()) {
        return i == a.size() || a.substr(i + 1) == b.substr(i + 1) ||
               (i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
                a.substr(i + 2) == b.substr(i + 2));
    }
    return a.substr(i) == b.substr(i + 1);
}

double match_base_score(MatchKind k) noexcept {
    const auto i = static_cast<std::size_t>(k);
    return i < kMatchBaseScores.size() ? kMatchBaseScores[i] : 0.0;
}

double place_importance(const Place& p) {
    double imp = std::clamp(std::log10(static_cast<double>(p.population) + 1.0) / 7.0, 0.0, 1.0);
    const std::string_view code = p.feature_code;
    if (p.feature_class == 'A') {
        // An administrative unit's population measures its area, not how often news names
        // it; its rank is fixed so that a town and the district named after it rank by the
        // town's size.
        if (code.starts_with("PCL")) {
            // countries rank above everything else, larger ones slightly higher
            imp = 0.9 + 0.1 * std::clamp(std::log10(static_cast<double>(p.population) + 1.0) / 9.0,
                                         0.0, 1.0);
        } else if (code == "ADM1")
            imp = 0.72;
        else if (code == "ADM2")
            imp = 0.5;
        else
            imp = 0.4;
    } else if (p.feature_class == 'P') {
        if (code == "PPLC")
            imp = std::max(imp, 0.85);
        else if (code == "PPLA")
            imp = std::max(imp, 0.6);
        else if (code == "PPLA2")
            imp = std::max(imp, 0.45);
        else if (code == "PPLX")
            imp = std::max(imp, 0.35);
    } else if (code == "CONT") {
        imp = 1.0;
    } else if (p.feature_class == 'H' && (code == "SEA" || code == "OCN")) {
        imp = 0.9;
    } else if (code == "RGN") {
        imp = std::max(imp, 0.6);
    } else {
        imp = std::max(imp, 0.3);
    }
    return imp;
}

} // namespace detail

std::string_view to_string(MatchKind k) noexcept {
    return detail::name_in(kMatchKindNames, k);
}

std::optional<MatchKind> match_kind_from(std::string_view name) noexcept {
    return detail::value_in<MatchKind>(kMatchKindNames, name);
}

std::string_view to_string(NameKind k) noexcept {
    return detail::name_in(kNameKindNames, k);
}

std::optional<NameKind> name_kind_from(std::string_view name) noexcept {
    return detail::value_in<NameKind>(kNameKindNames, name);
}

namespace {

// Per-lookup types, kept in per-thread buffers (Scratch) so a lookup allocates only its
// result.

/// Which form of the query a hit matched.
enum class QueryForm : std::uint8_t {
    as_given,              ///< the normalised query itself
    without_glued_article, ///< with a glued al-/el- split off ("almarj" -> "marj")
};
constexpr std::size_t kQueryForms = 2;

struct Hit {
    PlaceId place;
    MatchKind kind;
    QueryForm form;
    std::uint32_t entry;
    float upper;          // best score this hit can reach (perfect spelling similarity)
    bool admin_unit;      // an administrative division below country level
    bool spelled = false; // found by a spelling, not by its skeleton: never capped
};
struct Group {
    std::uint32_t begin, end; // hits of the group's best kind
    MatchKind kind;
    float upper; // score with perfect spelling similarity
};
struct Scored {
    double score;
    std::uint32_t group;
    std::uint32_t entry;
};
struct Scratch {
    std::vector<Hit> hits;
    std::vector<Group> groups;
    std::vector<Scored> top;
    std::vector<std::uint32_t> near;
};

/// A lookup's query in the forms the indexes are probed with, and its options.
struct Query {
    std::string_view normalized;
    std::string without_glued_article; // empty when the query has no glued article
    std::array<std::string_view, kQueryForms> forms;
    const LookupOptions& options;
    bool filtered; // some country, feature class or box filter applies

    Query(std::string_view n, const LookupOptions& o)
        : normalized(n),
          without_glued_article(strip_glued_article(n)), forms{n, without_glued_article},
          options(o),
          filtered(!o.countries.empty() || !o.feature_classes.empty() || o.bbox.has_value()) {}
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    std::string_view form(QueryForm f) const { return forms[static_cast<std::size_t>(f)]; }
};

/// A skeleton match is weaker than one by spelling: only these are capped and re-scored by
/// spelling similarity.
bool skeleton_kind(MatchKind k) {
    return k == MatchKind::transliteration || k == MatchKind::fuzzy;
}

/// Caps the hits at `max_hits`: a short skeleton can match a thousand spellings; only the
/// hits whose best possible score is among the highest are worth the spelling comparison.
/// Names matched as written always stay; only skeleton matches are capped.
void cap_hits(std::vector<Hit>& hits, std::size_t max_hits) {
    if (hits.size() <= max_hits) {
        return;
    }
    const auto weak_begin = std::partition(
        hits.begin(), hits.end(), [](const Hit& h) { return !skeleton_kind(h.kind) || h.spelled; });
    const auto strong = static_cast<std::size_t>(weak_begin - hits.begin());
    if (strong < max_hits) {
        std::nth_element(weak_begin, hits.begin() + static_cast<std::ptrdiff_t>(max_hits),
                         hits.end(), [](const Hit& a, const Hit& b) { return a.upper > b.upper; });
        hits.resize(max_hits);
    } else {
        hits.resize(strong);
    }
}

/// One group per place, at its strongest match kind, strongest upper bound first.
/// `factor_of(place)` scales a place's bound (the common-word penalty).
template <class Factor> void group_by_place(Scratch& s, Factor factor_of) {
    auto& hits = s.hits;
    if (hits.size() > 1) {
        std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
            if (a.place != b.place)
                return a.place < b.place;
            return a.kind != b.kind ? a.kind < b.kind : a.upper > b.upper;
        });
    }
    for (std::size_t i = 0; i < hits.size();) {
        std::size_t j = i + 1;
        while (j < hits.size() && hits[j].place == hits[i].place)
            ++j;
        std::size_t k = i + 1;
        while (k < j && hits[k].kind == hits[i].kind)
            ++k;
        const double upper = hits[i].upper * factor_of(hits[i].place);
        s.groups.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(k),
                            hits[i].kind, static_cast<float>(upper)});
        i = j;
    }
    if (s.groups.size() > 1) {
        std::sort(s.groups.begin(), s.groups.end(),
                  [](const Group& a, const Group& b) { return a.upper > b.upper; });
    }
}

/// Keeps `top` sorted by score, at most `keep` long, with a new scored group.
void insert_top(std::vector<Scored>& top, const Scored& scored, std::size_t keep) {
    const auto pos = std::upper_bound(top.begin(), top.end(), scored.score,
                                      [](double s, const Scored& x) { return s > x.score; });
    top.insert(pos, scored);
    if (top.size() > keep) {
        top.pop_back();
    }
}

} // namespace

struct Gazetteer::Impl {
    std::vector<Place> places;
    std::vector<PlaceRank> ranks;
    std::vector<NameEntry> entries;
    std::string arena;
    KeyIndex by_name;                   // normalised names, and their article-free forms (tagged)
    KeyIndex by_skeleton;               // consonant skeletons
    std::vector<std::string> skeletons; // distinct skeletons of 4+ letters, for fuzzy
    std::size_t longest_skeleton = 0;   // no longer query is one edit away from any of them
    DeletionIndex deletions;
    WordSet common_words;
    std::unordered_map<std::string, PlaceId> countries; // iso2 -> place
    std::unordered_set<std::string> arabic_countries;
    std::unordered_map<std::string, std::vector<PlaceId>> regions; // country -> L.RGN places
    std::unordered_map<std::string, std::string> admin1_names;     // "LY.77" -> name
    std::unordered_map<std::string, PlaceId> admin1_places;
    std::unordered_map<std::string, std::vector<PlaceId>> admin1_by_country; // "LY" -> places
    std::unordered_map<std::string, std::vector<PlaceId>> largest_towns;     // "LY" -> towns
    std::vector<AdminUnit> admin1_units;
    GazetteerInfo info;

    std::string_view text(std::uint32_t off, std::uint16_t len) const {
        return std::string_view(arena).substr(off, len);
    }
    std::uint32_t store(std::string_view s) {
        const auto off = static_cast<std::uint32_t>(arena.size());
        arena.append(s);
        return off;
    }

    // Loading, in the order open() runs the stages.
    using RowToPlace = std::unordered_map<std::int64_t, PlaceId>;
    RowToPlace load_places(detail::Database& db);
    void load_names(detail::Database& db, const RowToPlace& row_to_place);
    void finish_name_indexes();
    void load_common_words(detail::Database& db);
    void load_countries_and_admin1(detail::Database& db);
    void load_meta(detail::Database& db);
    void rank_largest_towns();

    // The index file (geo/index_file.hpp): what load_places() to load_common_words() build.
    void save_index(const std::filesystem::path& file, std::uint64_t source) const;
    bool load_index(const std::filesystem::path& file, std::uint64_t source);
    void save_places(detail::IndexWriter& w) const;
    bool load_places(detail::IndexReader& r);

    /// Calls f(value, place, rank) for each skeleton-index entry under `key` that a
    /// spelling variant can match (not demonyms, abbreviations, codes or short forms).
    template <typename F> void for_each_skeleton_hit(std::string_view key, F&& f) const {
        by_skeleton.for_each(key, [&](std::uint32_t v, std::uint32_t place, std::uint8_t rank) {
            if (spelling_variant_kind(kind_of(v))) {
                f(v, place, rank);
            }
        });
    }

    // Lookup, in the order lookup() runs the stages.
    std::vector<Candidate> lookup(std::string_view normalized, const LookupOptions& options) const;
    void accept_hit(const Query& q, Scratch& s, PlaceId place, MatchKind kind, QueryForm form,
                    std::uint32_t entry, std::uint8_t rank, double factor = 1.0) const;
    void collect_name_hits(const Query& q, Scratch& s) const;
    void collect_skeleton_hits(const Query& q, Scratch& s) const;
    void collect_fuzzy_hits(const Query& q, Scratch& s, QueryForm form,
                            const std::string& skel) const;
    void score_groups(const Query& q, Scratch& s, double common_factor, std::size_t keep) const;
    /// The common-word penalty for `place`: none for a country ("China", "Turkey", "Chad"
    /// written with a capital are the countries far more often than the words).
    double common_factor_of(std::uint32_t place, double common_factor) const {
        return ranks[place].is_country ? 1.0 : common_factor;
    }
    void rank_seats_below_towns(Scratch& s) const;
    std::vector<Candidate> best_candidates(Scratch& s, std::size_t limit, bool common) const;
};

Gazetteer::Gazetteer() : m_impl(std::make_unique<Impl>()) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

namespace {

/// Opens the file read-only and checks that it is a Kharita gazetteer of the supported
/// schema version; anything else is an InputError naming the file.
detail::Database open_checked(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        throw InputError(file.string(), "gazetteer file not found (build it with `kharita "
                                        "gazetteer build`)");
    }
    auto db = detail::Database::open(file, detail::OpenMode::read_only, false);
    std::optional<std::int64_t> version;
    try {
        version = db.query_int("SELECT value FROM meta WHERE key = 'schema_version'");
    } catch (const DatabaseError& e) {
        throw InputError(file.string(), std::string("not a Kharita gazetteer: ") + e.what());
    }
    if (!version || *version != detail::kGazetteerSchemaVersion) {
        throw InputError(file.string(),
                         "gazetteer schema version " + (version ? std::to_string(*version) : "?") +
                             " is not the supported version " +
                             std::to_string(detail::kGazetteerSchemaVersion) + "; rebuild it");
    }
    return db;
}

/// What ranking needs of a place, packed (see PlaceRank).
PlaceRank rank_of(const Place& p) {
    PlaceRank r{};
    r.importance = static_cast<float>(detail::place_importance(p));
    r.feature_class = p.feature_class;
    r.is_country = p.feature_code.starts_with("PCL");
    r.country[0] = !p.country.empty() ? p.country[0] : ' ';
    r.country[1] = p.country.size() > 1 ? p.country[1] : ' ';
    r.admin1_hash = static_cast<std::uint32_t>(hash_key(p.admin1));
    return r;
}

/// The byte a name index carries with each pair: the place's importance in 7 bits, and in
/// the lowest bit whether it is an administrative unit below country level.
std::uint8_t index_rank(const PlaceRank& pr) {
    return static_cast<std::uint8_t>(
        (std::lround(std::clamp(pr.importance, 0.0F, 1.0F) * 127.0F) << 1) |
        (pr.feature_class == 'A' && !pr.is_country ? 1 : 0));
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// The index file of a gazetteer file: next to it, with ".index" added.
std::filesystem::path index_file_of(const std::filesystem::path& file) {
    std::filesystem::path p = file;
    p += ".index";
    return p;
}

/// What the index file must have been built from: the gazetteer file's build time, sources
/// and size (a rebuilt or another gazetteer differs in at least one), and the index format.
std::uint64_t source_checksum(const std::filesystem::path& file, const GazetteerInfo& info) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    std::uint64_t h = fnv1a(info.built_at);
    h = fnv1a(info.sources, h ^ 0x9E3779B97F4A7C15ULL);
    h = fnv1a(std::to_string(ec ? 0 : size), h);
    return fnv1a(std::to_string(detail::kIndexVersion) + "/" + std::to_string(sizeof(NameEntry)),
                 h);
}

} // namespace

Gazetteer Gazetteer::open(const std::filesystem::path& file) {
    auto db = open_checked(file);
    Gazetteer g;
    Impl& d = *g.m_impl;
    d.load_meta(db);
    const std::uint64_t source = source_checksum(file, d.info);
    const std::filesystem::path index = index_file_of(file);
    if (!d.load_index(index, source)) {
        // none yet, stale (the gazetteer was rebuilt) or foreign: build the indexes from the
        // SQLite file and write them for the next start
        d = Impl{};
        d.load_meta(db);
        const Impl::RowToPlace row_to_place = d.load_places(db);
        d.load_names(db, row_to_place);
        d.finish_name_indexes();
        d.load_common_words(db);
        d.save_index(index, source);
    }
    d.load_countries_and_admin1(db);
    d.rank_largest_towns();
    return g;
}

namespace {

/// A place as the index file stores it: plain values, its strings in one text block.
struct PlaceRecord {
    std::int64_t geonameid;
    std::int64_t population;
    double lat;
    double lon;
    std::uint32_t offset[4]; // name, feature code, country, admin-1
    std::uint32_t length[4];
    std::uint64_t feature_class;
};

} // namespace

void Gazetteer::Impl::save_places(detail::IndexWriter& w) const {
    std::vector<PlaceRecord> records;
    records.reserve(places.size());
    std::string strings;
    for (const Place& p : places) {
        PlaceRecord r{};
        r.geonameid = p.geonameid;
        r.population = p.population;
        r.lat = p.position.lat;
        r.lon = p.position.lon;
        r.feature_class = static_cast<unsigned char>(p.feature_class);
        const std::array<const std::string*, 4> fields = {&p.name, &p.feature_code, &p.country,
                                                          &p.admin1};
        for (std::size_t k = 0; k < fields.size(); ++k) {
            r.offset[k] = static_cast<std::uint32_t>(strings.size());
            r.length[k] = static_cast<std::uint32_t>(fields[k]->size());
            strings += *fields[k];
        }
        records.push_back(r);
    }
    w.array(records);
    w.text(strings);
}

bool Gazetteer::Impl::load_places(detail::IndexReader& r) {
    std::vector<PlaceRecord> records;
    std::string strings;
    r.array(records);
    r.text(strings);
    if (!r.ok())
        return false;
    places.reserve(records.size());
    for (const PlaceRecord& rec : records) {
        Place p;
        p.id = static_cast<PlaceId>(places.size());
        p.geonameid = rec.geonameid;
        p.population = rec.population;
        p.position = {rec.lat, rec.lon};
        p.feature_class = static_cast<char>(rec.feature_class);
        const std::array<std::string*, 4> fields = {&p.name, &p.feature_code, &p.country,
                                                    &p.admin1};
        for (std::size_t k = 0; k < fields.size(); ++k) {
            if (rec.offset[k] > strings.size() || rec.length[k] > strings.size() - rec.offset[k])
                return false;
            fields[k]->assign(strings, rec.offset[k], rec.length[k]);
        }
        if (p.feature_class == 'L' && p.feature_code == "RGN" && !p.country.empty()) {
            regions[p.country].push_back(p.id);
        }
        places.push_back(std::move(p));
    }
    return true;
}

/// Writes the index file, best effort: to a file of its own first, then renamed over the
/// old one, so that a reader never sees half a file and two writers do not mix theirs. A
/// directory that cannot be written to leaves the indexes to be built again next time.
void Gazetteer::Impl::save_index(const std::filesystem::path& file, std::uint64_t source) const {
    std::filesystem::path tmp = file;
    tmp += ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            return;
        detail::IndexWriter w(out);
        out.write(detail::kIndexMagic, sizeof detail::kIndexMagic);
        w.word(detail::kIndexVersion);
        w.word(source);
        save_places(w);
        w.array(ranks);
        w.array(entries);
        w.text(arena);
        by_name.save(w);
        by_skeleton.save(w);
        std::vector<std::uint64_t> skeleton_offsets;
        std::string skeleton_text;
        for (const std::string& k : skeletons) {
            skeleton_offsets.push_back(skeleton_text.size());
            skeleton_text += k;
        }
        skeleton_offsets.push_back(skeleton_text.size());
        w.array(skeleton_offsets);
        w.text(skeleton_text);
        deletions.save(w);
        common_words.save(w);
        w.word(info.names);
        if (!out.flush())
            return;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
    if (ec)
        std::filesystem::remove(tmp, ec);
}

/// Reads the index file; false (and the indexes to be built) when there is none or it is
/// not this format and version, was built from another gazetteer file, or is damaged.
bool Gazetteer::Impl::load_index(const std::filesystem::path& file, std::uint64_t source) {
    const detail::MappedFile mapped(file);
    const std::string_view bytes = mapped.bytes();
    if (bytes.size() < sizeof detail::kIndexMagic ||
        bytes.substr(0, sizeof detail::kIndexMagic) !=
            std::string_view(detail::kIndexMagic, sizeof detail::kIndexMagic))
        return false;
    detail::IndexReader r(bytes.substr(sizeof detail::kIndexMagic), &mapped);
    if (r.word() != detail::kIndexVersion || r.word() != source)
        return false;
    if (!load_places(r))
        return false;
    r.array(ranks);
    r.array(entries);
    r.text(arena);
    if (!by_name.load(r) || !by_skeleton.load(r))
        return false;
    std::vector<std::uint64_t> skeleton_offsets;
    std::string skeleton_text;
    r.array(skeleton_offsets);
    r.text(skeleton_text);
    if (!r.ok() || skeleton_offsets.empty() || skeleton_offsets.back() != skeleton_text.size() ||
        !std::is_sorted(skeleton_offsets.begin(), skeleton_offsets.end()))
        return false;
    skeletons.reserve(skeleton_offsets.size() - 1);
    for (std::size_t k = 0; k + 1 < skeleton_offsets.size(); ++k) {
        skeletons.emplace_back(skeleton_text, skeleton_offsets[k],
                               skeleton_offsets[k + 1] - skeleton_offsets[k]);
        longest_skeleton = std::max(longest_skeleton, skeletons.back().size());
    }
    if (!deletions.load(r) || !common_words.load(r))
        return false;
    info.names = static_cast<std::size_t>(r.word());
    info.indexed_names = entries.size();
    info.places = places.size();
    // every reference into the tables must hold, or a damaged file would read out of bounds
    const bool consistent = r.ok() && r.at_end() && ranks.size() == places.size() &&
                            std::all_of(entries.begin(), entries.end(), [&](const NameEntry& e) {
                                return e.place < places.size() &&
                                       std::size_t{e.name_offset} + e.name_len <= arena.size() &&
                                       std::size_t{e.norm_offset} + e.norm_len <= arena.size();
                            });
    return consistent;
}

/// Every place, in row order, with its packed rank and the named regions of each country;
/// returns the map from a row id to the dense PlaceId.
Gazetteer::Impl::RowToPlace Gazetteer::Impl::load_places(detail::Database& db) {
    RowToPlace row_to_place;
    auto stmt = db.prepare("SELECT id, coalesce(geonameid, 0), name, feature_class, "
                           "feature_code, country, admin1, population, lat, lon FROM places "
                           "ORDER BY id");
    while (stmt.step()) {
        Place p;
        p.id = static_cast<PlaceId>(places.size());
        p.geonameid = stmt.column_int64(1);
        p.name = std::string(stmt.column_text(2));
        const std::string_view fc = stmt.column_text(3);
        p.feature_class = fc.empty() ? ' ' : fc[0];
        p.feature_code = std::string(stmt.column_text(4));
        p.country = std::string(stmt.column_text(5));
        p.admin1 = std::string(stmt.column_text(6));
        p.population = stmt.column_int64(7);
        p.position = {stmt.column_double(8), stmt.column_double(9)};
        row_to_place.emplace(stmt.column_int64(0), p.id);
        if (p.feature_class == 'L' && p.feature_code == "RGN" && !p.country.empty()) {
            regions[p.country].push_back(p.id);
        }
        ranks.push_back(rank_of(p));
        places.push_back(std::move(p));
    }
    return row_to_place;
}

/// The names the geoparser can meet in English or Arabic text, into the name, article-free
/// and skeleton indexes (not yet sorted: see finish_name_indexes()).
void Gazetteer::Impl::load_names(detail::Database& db, const RowToPlace& row_to_place) {
    std::unordered_set<std::uint64_t> skeleton_hashes; // distinct skeletons, by 64-bit hash
    auto stmt = db.prepare("SELECT place_id, name, kind, norm, skeleton FROM names");
    while (stmt.step()) {
        ++info.names;
        const std::string_view norm = stmt.column_text(3);
        const bool ascii = is_ascii(norm);
        if (norm.empty() || norm.size() > 0xFFFF || (!ascii && !has_arabic_script(norm))) {
            continue;
        }
        const auto it = row_to_place.find(stmt.column_int64(0));
        if (it == row_to_place.end()) {
            continue;
        }
        const std::string_view name = stmt.column_text(1);
        NameEntry e{};
        e.place = it->second;
        e.name_offset = store(name.substr(0, 0xFFFF));
        e.name_len = static_cast<std::uint16_t>(std::min<std::size_t>(name.size(), 0xFFFF));
        e.norm_offset = store(norm);
        e.norm_len = static_cast<std::uint16_t>(norm.size());
        // A kind this version does not know reads as an alternate name.
        e.kind = name_kind_from(stmt.column_text(2)).value_or(NameKind::alternate);
        const auto idx = static_cast<std::uint32_t>(entries.size());
        entries.push_back(e);
        const std::uint8_t rank = index_rank(ranks[e.place]);
        by_name.add(norm, pack(idx, e.kind, false), e.place, rank);
        const std::string art = strip_articles(norm);
        if (art != norm) {
            by_name.add(art, pack(idx, e.kind, true), e.place, rank);
        }
        const std::string_view skel = stmt.column_text(4);
        if (ascii && skel.size() >= 2) {
            by_skeleton.add(skel, pack(idx, e.kind, false), e.place, rank);
            if (skel.size() >= 4 && skeleton_hashes.insert(hash_key(skel)).second) {
                skeletons.emplace_back(skel);
            }
        }
    }
    info.indexed_names = entries.size();
    info.places = places.size();
}

/// Sorts and deduplicates the name indexes and builds the fuzzy deletion index. One entry
/// per (key, place) is enough for name keys: the strongest kind of name. Skeleton keys keep
/// one entry per distinct spelling, for the similarity ranking.
void Gazetteer::Impl::finish_name_indexes() {
    const auto kind_rank = [](std::uint32_t v) { return name_kind_rank(kind_of(v)); };
    const auto same_place = [this](std::uint32_t v) {
        return (std::uint64_t{entries[v & kEntryMask].place} << 1) | (v >> 31);
    };
    const auto same_spelling = [this](std::uint32_t v) {
        const NameEntry& e = entries[v & kEntryMask];
        return (std::uint64_t{e.place} << 32) ^ hash_key(text(e.norm_offset, e.norm_len));
    };
    by_name.finish(same_place, kind_rank);
    by_skeleton.finish(same_spelling, kind_rank);
    for (std::uint32_t i = 0; i < skeletons.size(); ++i) {
        deletions.add(skeletons[i], i);
        longest_skeleton = std::max(longest_skeleton, skeletons[i].size());
    }
    deletions.finish();
}

/// The ordinary English words baked into the file.
void Gazetteer::Impl::load_common_words(detail::Database& db) {
    auto stmt = db.prepare("SELECT word FROM common_words");
    while (stmt.step()) {
        common_words.add(stmt.column_text(0));
    }
    common_words.finish();
}

/// Countries (their places and whether Arabic is spoken) and admin-1 units (names, codes
/// and places), joined to the places by GeoNames id.
void Gazetteer::Impl::load_countries_and_admin1(detail::Database& db) {
    std::unordered_map<std::int64_t, PlaceId> by_gn;
    for (const Place& p : places) {
        if (p.geonameid != 0) {
            by_gn.emplace(p.geonameid, p.id);
        }
    }
    auto stmt = db.prepare("SELECT iso2, geonameid, coalesce(languages, '') FROM countries");
    while (stmt.step()) {
        const std::string_view languages = stmt.column_text(2);
        if (languages.starts_with("ar") || languages.find(",ar") != std::string_view::npos) {
            arabic_countries.emplace(stmt.column_text(0));
        }
        const auto it = by_gn.find(stmt.column_int64(1));
        if (it != by_gn.end()) {
            countries.emplace(std::string(stmt.column_text(0)), it->second);
        }
    }
    auto a1 = db.prepare("SELECT code, name, coalesce(geonameid, 0), coalesce(iso_code, ''), "
                         "coalesce(ascii_name, '') FROM admin1");
    while (a1.step()) {
        const std::string code(a1.column_text(0));
        admin1_names.emplace(code, std::string(a1.column_text(1)));
        if (code.size() > 3) {
            admin1_units.push_back({code.substr(0, 2), code.substr(3),
                                    std::string(a1.column_text(1)), std::string(a1.column_text(4)),
                                    std::string(a1.column_text(3))});
        }
        const auto it = by_gn.find(a1.column_int64(2));
        if (it != by_gn.end()) {
            admin1_places.emplace(code, it->second);
            admin1_by_country[code.substr(0, 2)].push_back(it->second);
        }
    }
}

/// The most populous populated places of each country, most populous first.
void Gazetteer::Impl::rank_largest_towns() {
    for (const Place& p : places) {
        if (p.feature_class == 'P' && !p.country.empty() && p.population > 0)
            largest_towns[p.country].push_back(p.id);
    }
    for (auto& [country, ids] : largest_towns) {
        const std::size_t keep = std::min(ids.size(), kLargestTowns);
        std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(keep), ids.end(),
                          [&](PlaceId a, PlaceId b) {
                              return places[a].population != places[b].population
                                         ? places[a].population > places[b].population
                                         : a < b;
                          });
        ids.resize(keep);
    }
}

/// When the file was built and from what.
void Gazetteer::Impl::load_meta(detail::Database& db) {
    auto stmt = db.prepare("SELECT key, value FROM meta WHERE key IN ('built_at', 'sources')");
    while (stmt.step()) {
        (stmt.column_text(0) == "built_at" ? info.built_at : info.sources) =
            std::string(stmt.column_text(1));
    }
}

std::vector<Candidate> Gazetteer::lookup(std::string_view query,
                                         const LookupOptions& options) const {
    return lookup_normalized(normalize_name(query), options);
}

std::vector<Candidate> Gazetteer::lookup_normalized(std::string_view n,
                                                    const LookupOptions& options) const {
    return m_impl->lookup(n, options);
}

std::vector<Candidate> Gazetteer::Impl::lookup(std::string_view n,
                                               const LookupOptions& options) const {
    if (n.empty() || options.limit == 0) {
        return {};
    }
    thread_local Scratch scratch;
    scratch.hits.clear();
    scratch.groups.clear();
    scratch.top.clear();
    const Query q(n, options);

    // 1. Raw hits (place, kind, name entry) from the indexes, filters applied.
    collect_name_hits(q, scratch);
    collect_skeleton_hits(q, scratch);
    if (scratch.hits.empty()) {
        return {};
    }
    const std::size_t keep = options.limit + 8; // slack for the seat rule below
    cap_hits(scratch.hits, 2 * keep + 16);

    // 2. One group per place, at its strongest match kind.
    const bool common = options.penalise_common_words && n.find(' ') == std::string_view::npos &&
                        common_words.contains(n);
    const double common_factor = common ? 0.45 : 1.0;
    group_by_place(scratch,
                   [&](std::uint32_t place) { return common_factor_of(place, common_factor); });

    // 3. Exact scores for the groups that can still reach the top.
    score_groups(q, scratch, common_factor, keep);

    // 4. A district named after its seat ranks below the town.
    rank_seats_below_towns(scratch);
    return best_candidates(scratch, options.limit, common);
}

/// Adds a hit unless the options' filters exclude its place; its upper bound is the score
/// it would have with a perfect spelling.
void Gazetteer::Impl::accept_hit(const Query& q, Scratch& s, PlaceId place, MatchKind kind,
                                 QueryForm form, std::uint32_t entry, std::uint8_t rank,
                                 double factor) const {
    const LookupOptions& options = q.options;
    if (q.filtered) {
        const Place& p = places[place];
        if (!options.countries.empty() &&
            std::find(options.countries.begin(), options.countries.end(), p.country) ==
                options.countries.end()) {
            return;
        }
        if (!options.feature_classes.empty() &&
            options.feature_classes.find(p.feature_class) == std::string::npos) {
            return;
        }
        if (options.bbox && !options.bbox->contains(p.position)) {
            return;
        }
    }
    const double upper =
        (0.72 * detail::match_base_score(kind) + 0.28 * ((rank >> 1) / 127.0)) * factor;
    s.hits.push_back({place, kind, form, entry, static_cast<float>(upper), (rank & 1) != 0});
}

/// Hits on names as written: the query itself, then its article-free forms.
void Gazetteer::Impl::collect_name_hits(const Query& q, Scratch& s) const {
    const std::string_view n = q.normalized;
    // Keys are 64-bit FNV-1a hashes: over a million names the chance of any collision is
    // about 1e-8, so entries are not compared byte by byte.
    by_name.for_each(n, [&](std::uint32_t v, std::uint32_t place, std::uint8_t rank) {
        const NameKind k = kind_of(v);
        if (k == NameKind::postal_code && !q.options.postal_codes) {
            return;
        }
        // An untagged key is the name itself; a tagged one is the name without its article
        // ("zawiyah" for "Az Zawiyah").
        accept_hit(q, s, place, (v & kArticleTag) != 0 ? MatchKind::article : match_kind_of(k),
                   QueryForm::as_given, v & kEntryMask, rank,
                   k == NameKind::short_form ? kShortFormFactor : 1.0);
    });
    // Article-free forms exist only for names with a space or a glued al-/el-.
    const std::string article =
        n.find(' ') != std::string_view::npos ? strip_articles(n) : std::string();
    for (const std::string* key : {&article, &q.without_glued_article}) {
        if (key->empty() || *key == n) {
            continue;
        }
        by_name.for_each(*key, [&](std::uint32_t v, std::uint32_t place, std::uint8_t rank) {
            const NameKind k = kind_of(v);
            if (spelling_variant_kind(k) || k == NameKind::short_form) {
                accept_hit(q, s, place, MatchKind::article, QueryForm::as_given, v & kEntryMask,
                           rank, k == NameKind::short_form ? kShortFormFactor : 1.0);
            }
        });
    }
    // The Arabic feminine ending (ta marbuta) is written -a or -ah: "Al-Qubba" is "Al Qubbah",
    // "Misrata" "Misratah". A short skeleton ("kb") matches too many names to find them.
    const std::string as_given(n);
    for (const std::string* key : {&as_given, &article, &q.without_glued_article}) {
        if (key->size() < 4 || key->back() != 'a' || !is_ascii(*key)) {
            continue;
        }
        const std::string with_h = *key + 'h';
        by_name.for_each(with_h, [&](std::uint32_t v, std::uint32_t place, std::uint8_t rank) {
            const NameKind k = kind_of(v);
            if (spelling_variant_kind(k)) {
                // scored as a transliteration, but a spelling: never capped with the
                // skeleton's many hits
                const std::size_t before = s.hits.size();
                accept_hit(q, s, place, MatchKind::transliteration, QueryForm::as_given,
                           v & kEntryMask, rank, 1.0);
                if (s.hits.size() > before)
                    s.hits.back().spelled = true;
            }
        });
    }
}

/// Hits on the consonant skeleton of each query form (ASCII queries of four letters or
/// more), and fuzzy ones when nothing else matched.
void Gazetteer::Impl::collect_skeleton_hits(const Query& q, Scratch& s) const {
    if (!q.options.transliteration || !is_ascii(q.normalized) || q.normalized.size() < 4) {
        return;
    }
    for (const QueryForm form : {QueryForm::as_given, QueryForm::without_glued_article}) {
        if (q.form(form).empty()) {
            continue;
        }
        const std::string skel = skeleton_key(q.form(form));
        if (skel.size() < 2) {
            continue;
        }
        for_each_skeleton_hit(skel, [&](std::uint32_t v, PlaceId place, std::uint8_t rank) {
            accept_hit(q, s, place, MatchKind::transliteration, form, v & kEntryMask, rank);
        });
        // Fuzzy is the last resort: only when no spelling or skeleton matched at all (and
        // never for a run of letters longer than any name, whose deletions are all misses)
        if (q.options.fuzzy && s.hits.empty() && skel.size() >= 4 &&
            skel.size() <= longest_skeleton + 1) {
            collect_fuzzy_hits(q, s, form, skel);
        }
    }
}

/// Hits on the skeletons one edit away from `skel` (SymSpell: the deletion index gives the
/// candidates, an exact check keeps those truly one edit away).
void Gazetteer::Impl::collect_fuzzy_hits(const Query& q, Scratch& s, QueryForm form,
                                         const std::string& skel) const {
    auto& near = s.near;
    near.clear();
    const auto try_skeleton = [&](std::uint32_t sid) {
        const std::string& other = skeletons[sid];
        if (other != skel && detail::skeleton_edit_distance_at_most_one(skel, other)) {
            near.push_back(sid);
        }
    };
    deletions.for_each(skel, try_skeleton);
    std::string del;
    for (std::size_t i = 0; i < skel.size(); ++i) {
        del.assign(skel).erase(i, 1);
        deletions.for_each(del, try_skeleton);
    }
    std::sort(near.begin(), near.end());
    near.erase(std::unique(near.begin(), near.end()), near.end());
    for (std::uint32_t sid : near) {
        for_each_skeleton_hit(
            skeletons[sid], [&](std::uint32_t v, PlaceId place, std::uint8_t rank) {
                accept_hit(q, s, place, MatchKind::fuzzy, form, v & kEntryMask, rank);
            });
    }
}

/// Exact scores only for groups that can still reach the top: spelling similarity (a
/// Levenshtein ratio) only ever lowers a score, so the upper bound prunes the rest.
void Gazetteer::Impl::score_groups(const Query& q, Scratch& s, double common_factor,
                                   std::size_t keep) const {
    const auto& hits = s.hits;
    std::optional<SpellingMatcher> matchers[kQueryForms];
    for (std::uint32_t gi = 0; gi < s.groups.size(); ++gi) {
        const Group& g = s.groups[gi];
        if (s.top.size() >= keep && g.upper < s.top.back().score) {
            break;
        }
        double score = g.upper;
        std::uint32_t entry = hits[g.begin].entry;
        if (skeleton_kind(g.kind)) {
            if (!matchers[0]) {
                matchers[0].emplace(q.form(QueryForm::as_given));
                matchers[1].emplace(q.form(QueryForm::without_glued_article));
            }
            double best_sim = -1;
            for (std::uint32_t h = g.begin; h < g.end; ++h) {
                const NameEntry& e = entries[hits[h].entry];
                const double sim = matchers[static_cast<std::size_t>(hits[h].form)]->similarity(
                    text(e.norm_offset, e.norm_len));
                if (sim > best_sim) {
                    best_sim = sim;
                    entry = hits[h].entry;
                }
            }
            if (g.kind == MatchKind::fuzzy && best_sim < 0.7) {
                continue;
            }
            const double base = detail::match_base_score(g.kind) * (0.6 + 0.4 * best_sim);
            // a country keeps its score for an ordinary word only by its own name ("Turkey");
            // by a spelling variant it is as unlikely as any place ("Wales" is no Bolivia)
            score =
                (0.72 * base + (hits[g.begin].upper - 0.72 * detail::match_base_score(g.kind))) *
                common_factor;
        }
        insert_top(s.top, {score, gi, entry}, keep);
    }
}

/// A district named after its seat ("Benghazi", "Misrata"): the town is what a bare name
/// usually means, so the unit ranks just below a populated place of the same name inside it.
void Gazetteer::Impl::rank_seats_below_towns(Scratch& s) const {
    const auto first_hit = [&](const Scored& c) -> const Hit& {
        return s.hits[s.groups[c.group].begin];
    };
    const bool any_unit = std::any_of(s.top.begin(), s.top.end(),
                                      [&](const Scored& c) { return first_hit(c).admin_unit; });
    if (!any_unit) {
        return;
    }
    for (Scored& c : s.top) {
        if (!first_hit(c).admin_unit) {
            continue;
        }
        const PlaceRank& unit = ranks[first_hit(c).place];
        if (unit.feature_class != 'A' || unit.is_country) {
            continue;
        }
        for (const Scored& other : s.top) {
            const PlaceRank& town = ranks[first_hit(other).place];
            if (town.feature_class == 'P' && town.country[0] == unit.country[0] &&
                town.country[1] == unit.country[1] && town.admin1_hash == unit.admin1_hash &&
                s.groups[other.group].kind <= s.groups[c.group].kind) {
                c.score = std::min(c.score, other.score * 0.98);
                break;
            }
        }
    }
}

/// The `limit` best scored groups as candidates, best first.
std::vector<Candidate> Gazetteer::Impl::best_candidates(Scratch& s, std::size_t limit,
                                                        bool common) const {
    const auto place_of = [&](const Scored& c) { return s.hits[s.groups[c.group].begin].place; };
    std::sort(s.top.begin(), s.top.end(), [&](const Scored& a, const Scored& b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        // Equal scores come from the index's 7-bit importance; the exact value decides.
        const float ia = ranks[place_of(a)].importance;
        const float ib = ranks[place_of(b)].importance;
        return ia != ib ? ia > ib : place_of(a) < place_of(b);
    });
    const std::size_t count = std::min(s.top.size(), limit);
    std::vector<Candidate> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const Scored& c = s.top[i];
        const NameEntry& e = entries[c.entry];
        out.push_back({place_of(c), c.score, s.groups[c.group].kind,
                       text(e.name_offset, e.name_len), common});
    }
    return out;
}

bool Gazetteer::has_name(std::string_view normalized) const {
    const Impl& d = *m_impl;
    if (!d.by_name.contains(normalized)) {
        return false;
    }
    // A short form ("Andrew" of "Andrew County") or a postal code ("IN") alone does not
    // make a word a place name: they only count once something else proposed it.
    bool any = false;
    d.by_name.for_each(normalized, [&](std::uint32_t v, std::uint32_t, std::uint8_t) {
        const NameKind k = kind_of(v);
        any = any || (k != NameKind::short_form && k != NameKind::postal_code);
    });
    return any;
}

bool Gazetteer::is_common_word(std::string_view normalized) const {
    return m_impl->common_words.contains(normalized);
}

const Place& Gazetteer::place(PlaceId id) const {
    return m_impl->places.at(id);
}

std::size_t Gazetteer::size() const noexcept {
    return m_impl->places.size();
}

std::optional<PlaceId> Gazetteer::country(std::string_view iso2) const {
    const auto it = m_impl->countries.find(std::string(iso2));
    if (it == m_impl->countries.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::string Gazetteer::admin1_name(std::string_view country, std::string_view admin1) const {
    const auto it = m_impl->admin1_names.find(std::string(country) + "." + std::string(admin1));
    return it == m_impl->admin1_names.end() ? std::string() : it->second;
}

std::optional<PlaceId> Gazetteer::admin1_place(std::string_view country,
                                               std::string_view admin1) const {
    const auto it = m_impl->admin1_places.find(std::string(country) + "." + std::string(admin1));
    if (it == m_impl->admin1_places.end()) {
        return std::nullopt;
    }
    return it->second;
}

bool Gazetteer::arabic_speaking(std::string_view country) const {
    return m_impl->arabic_countries.contains(std::string(country));
}

std::vector<PlaceId> Gazetteer::admin1_places_of(std::string_view country) const {
    const auto it = m_impl->admin1_by_country.find(std::string(country));
    return it == m_impl->admin1_by_country.end() ? std::vector<PlaceId>{} : it->second;
}

std::vector<PlaceId> Gazetteer::largest_towns(std::string_view country) const {
    const auto it = m_impl->largest_towns.find(std::string(country));
    return it == m_impl->largest_towns.end() ? std::vector<PlaceId>{} : it->second;
}

std::vector<PlaceId> Gazetteer::regions_of(std::string_view country) const {
    const auto it = m_impl->regions.find(std::string(country));
    return it == m_impl->regions.end() ? std::vector<PlaceId>{} : it->second;
}

const std::vector<AdminUnit>& Gazetteer::admin1_units() const noexcept {
    return m_impl->admin1_units;
}

GazetteerInfo Gazetteer::info() const {
    return m_impl->info;
}

} // namespace kharita
