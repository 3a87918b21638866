#include "kharita/geo/gazetteer.hpp"

#include "detail/gazetteer_schema.hpp"
#include "detail/sqlite.hpp"
#include "geo/name_table.hpp"
#include "kharita/base/error.hpp"
#include "kharita/text/hash.hpp"
#include "kharita/text/normalize.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

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

constexpr std::array<std::string_view, 5> kNameKindNames = {"name", "ascii", "alternate", "demonym",
                                                            "abbreviation"};
static_assert(kNameKindNames.size() == static_cast<std::size_t>(NameKind::abbreviation) + 1);

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
    template <typename Same, typename Rank> void finish(Same&& same, Rank&& rank) {
        std::sort(m_pairs.begin(), m_pairs.end(), [&](const Pair& a, const Pair& b) {
            if ((a.hash & kKeyMask) != (b.hash & kKeyMask))
                return a.hash < b.hash;
            const auto sa = same(a.value), sb = same(b.value);
            if (sa != sb)
                return sa < sb;
            const auto ra = rank(a.value), rb = rank(b.value);
            return ra != rb ? ra < rb : a.value < b.value;
        });
        m_pairs.erase(std::unique(m_pairs.begin(), m_pairs.end(),
                                  [&](const Pair& a, const Pair& b) {
                                      return (a.hash & kKeyMask) == (b.hash & kKeyMask) &&
                                             same(a.value) == same(b.value);
                                  }),
                      m_pairs.end());
        index();
    }
    void finish() {
        finish([](std::uint32_t v) { return v; }, [](std::uint32_t) { return 0; });
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

double base_score(MatchKind k) {
    switch (k) {
    case MatchKind::exact:
        return 1.0;
    case MatchKind::alternate:
        return 0.93;
    case MatchKind::abbreviation:
        return 0.88;
    case MatchKind::demonym:
        return 1.0; // "Canadian" is the adjective, not Canadian, Texas
    case MatchKind::article:
        return 0.88;
    case MatchKind::transliteration:
        return 0.72;
    case MatchKind::fuzzy:
        return 0.55;
    }
    return 0.0;
}

/// Prior importance of a place in [0, 1] from its feature and population.
double importance(const Place& p) {
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

} // namespace

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

struct Gazetteer::Impl {
    std::vector<Place> places;
    std::vector<PlaceRank> ranks;
    std::vector<NameEntry> entries;
    std::string arena;
    KeyIndex by_name;                   // normalised names, and their article-free forms (tagged)
    KeyIndex by_skeleton;               // consonant skeletons
    std::vector<std::string> skeletons; // distinct skeletons of 4+ letters, for fuzzy
    DeletionIndex deletions;
    WordSet common_words;
    std::unordered_map<std::string, PlaceId> countries; // iso2 -> place
    std::unordered_set<std::string> arabic_countries;
    std::unordered_map<std::string, std::vector<PlaceId>> regions; // country -> L.RGN places
    std::unordered_map<std::string, std::string> admin1_names;     // "LY.77" -> name
    std::unordered_map<std::string, PlaceId> admin1_places;
    std::unordered_map<std::string, std::vector<PlaceId>> admin1_by_country; // "LY" -> places
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
};

Gazetteer::Gazetteer() : m_impl(std::make_unique<Impl>()) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

Gazetteer Gazetteer::open(const std::filesystem::path& file) {
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

    Gazetteer g;
    Impl& d = *g.m_impl;
    std::unordered_map<std::int64_t, PlaceId> row_to_place;
    {
        auto stmt = db.prepare("SELECT id, coalesce(geonameid, 0), name, feature_class, "
                               "feature_code, country, admin1, population, lat, lon FROM places "
                               "ORDER BY id");
        while (stmt.step()) {
            Place p;
            p.id = static_cast<PlaceId>(d.places.size());
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
                d.regions[p.country].push_back(p.id);
            }
            PlaceRank r{};
            r.importance = static_cast<float>(importance(p));
            r.feature_class = p.feature_class;
            r.is_country = p.feature_code.starts_with("PCL");
            r.country[0] = p.country.size() > 0 ? p.country[0] : ' ';
            r.country[1] = p.country.size() > 1 ? p.country[1] : ' ';
            r.admin1_hash = static_cast<std::uint32_t>(hash_key(p.admin1));
            d.ranks.push_back(r);
            d.places.push_back(std::move(p));
        }
    }
    std::unordered_map<std::string, std::uint32_t> skeleton_ids;
    {
        auto stmt = db.prepare("SELECT place_id, name, kind, norm, skeleton FROM names");
        while (stmt.step()) {
            ++d.info.names;
            const std::string_view norm = stmt.column_text(3);
            // Only names the geoparser can meet in English or Arabic text are indexed.
            const bool ascii = std::all_of(norm.begin(), norm.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x80;
            });
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
            e.name_offset = d.store(name.substr(0, 0xFFFF));
            e.name_len = static_cast<std::uint16_t>(std::min<std::size_t>(name.size(), 0xFFFF));
            e.norm_offset = d.store(norm);
            e.norm_len = static_cast<std::uint16_t>(norm.size());
            // A kind this version does not know reads as an alternate name.
            e.kind = name_kind_from(stmt.column_text(2)).value_or(NameKind::alternate);
            const auto idx = static_cast<std::uint32_t>(d.entries.size());
            d.entries.push_back(e);
            const PlaceRank& pr = d.ranks[e.place];
            const auto rank = static_cast<std::uint8_t>(
                (std::lround(std::clamp(pr.importance, 0.0F, 1.0F) * 127.0F) << 1) |
                (pr.feature_class == 'A' && !pr.is_country ? 1 : 0));
            d.by_name.add(norm, pack(idx, e.kind, false), e.place, rank);
            const std::string art = strip_articles(norm);
            if (art != norm) {
                d.by_name.add(art, pack(idx, e.kind, true), e.place, rank);
            }
            const std::string_view skel = stmt.column_text(4);
            if (ascii && skel.size() >= 2) {
                d.by_skeleton.add(skel, pack(idx, e.kind, false), e.place, rank);
                if (skel.size() >= 4 && skeleton_ids.emplace(std::string(skel), 0).second) {
                    d.skeletons.emplace_back(skel);
                }
            }
        }
    }
    d.info.indexed_names = d.entries.size();
    d.info.places = d.places.size();
    // One entry per (key, place) is enough for name keys: the strongest kind of name.
    // Skeleton keys keep one entry per distinct spelling, for the similarity ranking.
    const auto kind_rank = [](std::uint32_t v) {
        switch (kind_of(v)) {
        case NameKind::name:
            return 0;
        case NameKind::ascii:
            return 1;
        case NameKind::demonym:
            return 2; // "Libyan" as demonym beats it as alternate
        case NameKind::alternate:
            return 3;
        case NameKind::abbreviation:
            return 4;
        }
        return 5;
    };
    const auto same_place = [&d](std::uint32_t v) {
        return (std::uint64_t{d.entries[v & kEntryMask].place} << 1) | (v >> 31);
    };
    const auto same_spelling = [&d](std::uint32_t v) {
        const NameEntry& e = d.entries[v & kEntryMask];
        return (std::uint64_t{e.place} << 32) ^ hash_key(d.text(e.norm_offset, e.norm_len));
    };
    d.by_name.finish(same_place, kind_rank);
    d.by_skeleton.finish(same_spelling, kind_rank);
    for (std::uint32_t i = 0; i < d.skeletons.size(); ++i) {
        d.deletions.add(d.skeletons[i], i);
    }
    d.deletions.finish();
    {
        auto stmt = db.prepare("SELECT word FROM common_words");
        while (stmt.step()) {
            d.common_words.add(stmt.column_text(0));
        }
        d.common_words.finish();
    }
    {
        auto stmt = db.prepare("SELECT iso2, geonameid, coalesce(languages, '') FROM countries");
        std::unordered_map<std::int64_t, PlaceId> by_gn;
        for (const Place& p : d.places) {
            if (p.geonameid != 0) {
                by_gn.emplace(p.geonameid, p.id);
            }
        }
        while (stmt.step()) {
            const std::string_view languages = stmt.column_text(2);
            if (languages.starts_with("ar") || languages.find(",ar") != std::string_view::npos) {
                d.arabic_countries.emplace(stmt.column_text(0));
            }
            const auto it = by_gn.find(stmt.column_int64(1));
            if (it != by_gn.end()) {
                d.countries.emplace(std::string(stmt.column_text(0)), it->second);
            }
        }
        auto a1 = db.prepare("SELECT code, name, coalesce(geonameid, 0), coalesce(iso_code, ''), "
                             "coalesce(ascii_name, '') FROM admin1");
        while (a1.step()) {
            const std::string code(a1.column_text(0));
            d.admin1_names.emplace(code, std::string(a1.column_text(1)));
            if (code.size() > 3) {
                d.admin1_units.push_back(
                    {code.substr(0, 2), code.substr(3), std::string(a1.column_text(1)),
                     std::string(a1.column_text(4)), std::string(a1.column_text(3))});
            }
            const auto it = by_gn.find(a1.column_int64(2));
            if (it != by_gn.end()) {
                d.admin1_places.emplace(code, it->second);
                d.admin1_by_country[code.substr(0, 2)].push_back(it->second);
            }
        }
    }
    {
        auto stmt = db.prepare("SELECT key, value FROM meta WHERE key IN ('built_at', 'sources')");
        while (stmt.step()) {
            (stmt.column_text(0) == "built_at" ? d.info.built_at : d.info.sources) =
                std::string(stmt.column_text(1));
        }
    }
    return g;
}

std::vector<Candidate> Gazetteer::lookup(std::string_view query,
                                         const LookupOptions& options) const {
    return lookup_normalized(normalize_name(query), options);
}

namespace {

struct Hit {
    PlaceId place;
    MatchKind kind;
    std::uint8_t variant; // which query form matched: 0 = as given, 1 = glued article split
    std::uint32_t entry;
    float upper;     // best score this hit can reach (perfect spelling similarity)
    bool admin_unit; // an administrative division below country level
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
/// Per-thread buffers, so a lookup allocates only its result.
struct Scratch {
    std::vector<Hit> hits;
    std::vector<Group> groups;
    std::vector<Scored> top;
    std::vector<std::uint32_t> near;
};

MatchKind match_kind(NameKind k) {
    switch (k) {
    case NameKind::name:
    case NameKind::ascii:
        return MatchKind::exact;
    case NameKind::demonym:
        return MatchKind::demonym;
    case NameKind::abbreviation:
        return MatchKind::abbreviation;
    case NameKind::alternate:
        return MatchKind::alternate;
    }
    return MatchKind::alternate;
}

} // namespace

std::vector<Candidate> Gazetteer::lookup_normalized(std::string_view n,
                                                    const LookupOptions& options) const {
    const Impl& d = *m_impl;
    if (n.empty() || options.limit == 0) {
        return {};
    }
    thread_local Scratch scratch;
    auto& hits = scratch.hits;
    auto& groups = scratch.groups;
    auto& top = scratch.top;
    hits.clear();
    groups.clear();
    top.clear();

    // 1. Raw hits (place, kind, name entry) from the indexes, filters applied.
    const bool filtered =
        !options.countries.empty() || !options.feature_classes.empty() || options.bbox.has_value();
    const auto accept = [&](std::uint32_t place, MatchKind kind, std::uint8_t variant,
                            std::uint32_t entry, std::uint8_t rank) {
        if (filtered) {
            const Place& p = d.places[place];
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
        const double upper = 0.72 * base_score(kind) + 0.28 * ((rank >> 1) / 127.0);
        hits.push_back({place, kind, variant, entry, static_cast<float>(upper), (rank & 1) != 0});
    };
    // Keys are 64-bit FNV-1a hashes: over a million names the chance of any collision is
    // about 1e-8, so entries are not compared byte by byte.
    d.by_name.for_each(n, [&](std::uint32_t v, std::uint32_t place, std::uint8_t rank) {
        // An untagged key is the name itself; a tagged one is the name without its article
        // ("zawiyah" for "Az Zawiyah").
        accept(place, (v & kArticleTag) != 0 ? MatchKind::article : match_kind(kind_of(v)), 0,
               v & kEntryMask, rank);
    });
    // Article-free forms exist only for names with a space or a glued al-/el-.
    const std::string article =
        n.find(' ') != std::string_view::npos ? strip_articles(n) : std::string();
    const std::string glued = strip_glued_article(n);
    for (const std::string* key : {&article, &glued}) {
        if (key->empty() || *key == n) {
            continue;
        }
        d.by_name.for_each(*key, [&](std::uint32_t v, std::uint32_t place, std::uint8_t rank) {
            const NameKind k = kind_of(v);
            if (k != NameKind::demonym && k != NameKind::abbreviation) {
                accept(place, MatchKind::article, 0, v & kEntryMask, rank);
            }
        });
    }

    const bool ascii = std::all_of(n.begin(), n.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const std::string_view forms[2] = {n, glued};
    if (options.transliteration && ascii && n.size() >= 4) {
        for (std::uint8_t variant = 0; variant < 2; ++variant) {
            if (forms[variant].empty()) {
                continue;
            }
            const std::string skel = skeleton_key(forms[variant]);
            if (skel.size() < 2) {
                continue;
            }
            const auto skeleton_hits = [&](std::string_view key, MatchKind kind) {
                d.by_skeleton.for_each(
                    key, [&](std::uint32_t v, std::uint32_t place, std::uint8_t rank) {
                        const NameKind k = kind_of(v);
                        if (k != NameKind::demonym && k != NameKind::abbreviation) {
                            accept(place, kind, variant, v & kEntryMask, rank);
                        }
                    });
            };
            skeleton_hits(skel, MatchKind::transliteration);
            // Fuzzy is the last resort: only when no spelling or skeleton matched at all.
            if (options.fuzzy && hits.empty() && skel.size() >= 4) {
                auto& near = scratch.near;
                near.clear();
                const auto try_skeleton = [&](std::uint32_t sid) {
                    const std::string& other = d.skeletons[sid];
                    if (other != skel && skeleton_edit_distance_at_most_one(skel, other)) {
                        near.push_back(sid);
                    }
                };
                d.deletions.for_each(skel, try_skeleton);
                std::string del;
                for (std::size_t i = 0; i < skel.size(); ++i) {
                    del.assign(skel).erase(i, 1);
                    d.deletions.for_each(del, try_skeleton);
                }
                std::sort(near.begin(), near.end());
                near.erase(std::unique(near.begin(), near.end()), near.end());
                for (std::uint32_t sid : near) {
                    skeleton_hits(d.skeletons[sid], MatchKind::fuzzy);
                }
            }
        }
    }
    if (hits.empty()) {
        return {};
    }

    // A short skeleton can match a thousand spellings; only the hits whose best possible
    // score is among the highest are worth the spelling comparison.
    const std::size_t keep = options.limit + 8; // slack for the seat rule below
    const std::size_t max_hits = 2 * keep + 16;
    if (hits.size() > max_hits) {
        // Names matched as written always stay; only skeleton matches are capped.
        const auto weak_begin = std::partition(hits.begin(), hits.end(), [](const Hit& h) {
            return h.kind != MatchKind::transliteration && h.kind != MatchKind::fuzzy;
        });
        const auto strong = static_cast<std::size_t>(weak_begin - hits.begin());
        if (strong < max_hits) {
            std::nth_element(weak_begin, hits.begin() + static_cast<std::ptrdiff_t>(max_hits),
                             hits.end(),
                             [](const Hit& a, const Hit& b) { return a.upper > b.upper; });
            hits.resize(max_hits);
        } else {
            hits.resize(strong);
        }
    }

    // 2. One group per place, at its strongest match kind.
    if (hits.size() > 1) {
        std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
            return a.place != b.place ? a.place < b.place : a.kind < b.kind;
        });
    }
    const bool common = options.penalise_common_words && n.find(' ') == std::string_view::npos &&
                        d.common_words.contains(n);
    const double common_factor = common ? 0.45 : 1.0;
    for (std::size_t i = 0; i < hits.size();) {
        std::size_t j = i + 1;
        while (j < hits.size() && hits[j].place == hits[i].place)
            ++j;
        std::size_t k = i + 1;
        while (k < j && hits[k].kind == hits[i].kind)
            ++k;
        const double upper = hits[i].upper * common_factor;
        groups.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(k),
                          hits[i].kind, static_cast<float>(upper)});
        i = j;
    }
    if (groups.size() > 1) {
        std::sort(groups.begin(), groups.end(),
                  [](const Group& a, const Group& b) { return a.upper > b.upper; });
    }

    // 3. Exact scores only for groups that can still reach the top: spelling similarity
    // (a Levenshtein ratio) only ever lowers a score, so the upper bound prunes the rest.
    std::optional<SpellingMatcher> matchers[2];
    for (std::uint32_t gi = 0; gi < groups.size(); ++gi) {
        const Group& g = groups[gi];
        if (top.size() >= keep && g.upper < top.back().score) {
            break;
        }
        double score = g.upper;
        std::uint32_t entry = hits[g.begin].entry;
        if (g.kind == MatchKind::transliteration || g.kind == MatchKind::fuzzy) {
            if (!matchers[0]) {
                matchers[0].emplace(forms[0]);
                matchers[1].emplace(forms[1]);
            }
            double best_sim = -1;
            for (std::uint32_t h = g.begin; h < g.end; ++h) {
                const NameEntry& e = d.entries[hits[h].entry];
                const double sim =
                    matchers[hits[h].variant]->similarity(d.text(e.norm_offset, e.norm_len));
                if (sim > best_sim) {
                    best_sim = sim;
                    entry = hits[h].entry;
                }
            }
            if (g.kind == MatchKind::fuzzy && best_sim < 0.7) {
                continue;
            }
            const double base = base_score(g.kind) * (0.6 + 0.4 * best_sim);
            score =
                (0.72 * base + (hits[g.begin].upper - 0.72 * base_score(g.kind))) * common_factor;
        }
        const auto pos = std::upper_bound(top.begin(), top.end(), score,
                                          [](double s, const Scored& x) { return s > x.score; });
        top.insert(pos, {score, gi, entry});
        if (top.size() > keep) {
            top.pop_back();
        }
    }

    // 4. A district named after its seat ("Benghazi", "Misrata"): the town is what a bare
    // name usually means, so the unit ranks just below a populated place of the same name
    // inside it.
    const bool any_unit = std::any_of(top.begin(), top.end(), [&](const Scored& c) {
        return hits[groups[c.group].begin].admin_unit;
    });
    for (Scored& c : top) {
        if (!any_unit || !hits[groups[c.group].begin].admin_unit) {
            continue;
        }
        const PlaceRank& unit = d.ranks[hits[groups[c.group].begin].place];
        if (unit.feature_class != 'A' || unit.is_country) {
            continue;
        }
        for (const Scored& other : top) {
            const PlaceRank& town = d.ranks[hits[groups[other.group].begin].place];
            if (town.feature_class == 'P' && town.country[0] == unit.country[0] &&
                town.country[1] == unit.country[1] && town.admin1_hash == unit.admin1_hash &&
                groups[other.group].kind <= groups[c.group].kind) {
                c.score = std::min(c.score, other.score * 0.98);
                break;
            }
        }
    }
    const auto place_of = [&](const Scored& c) { return hits[groups[c.group].begin].place; };
    std::sort(top.begin(), top.end(), [&](const Scored& a, const Scored& b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        // Equal scores come from the index's 7-bit importance; the exact value decides.
        const float ia = d.ranks[place_of(a)].importance;
        const float ib = d.ranks[place_of(b)].importance;
        return ia != ib ? ia > ib : place_of(a) < place_of(b);
    });
    const std::size_t count = std::min(top.size(), options.limit);
    std::vector<Candidate> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const Scored& c = top[i];
        const NameEntry& e = d.entries[c.entry];
        out.push_back({place_of(c), c.score, groups[c.group].kind,
                       d.text(e.name_offset, e.name_len), common});
    }
    return out;
}

bool Gazetteer::has_name(std::string_view normalized) const {
    const Impl& d = *m_impl;
    return d.by_name.contains(normalized);
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
