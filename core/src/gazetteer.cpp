#include "kharita/gazetteer.hpp"

#include "detail/gazetteer_schema.hpp"
#include "detail/sqlite.hpp"
#include "kharita/error.hpp"
#include "kharita/normalize.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

namespace kharita {

namespace {

std::uint64_t hash_key(std::string_view s) noexcept {
    // FNV-1a, 64 bit: short keys, good spread, no allocation.
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

enum class NameKind : std::uint8_t { name, ascii, alternate, demonym, abbreviation };

NameKind parse_kind(std::string_view k) {
    if (k == "name") return NameKind::name;
    if (k == "ascii") return NameKind::ascii;
    if (k == "demonym") return NameKind::demonym;
    if (k == "abbreviation") return NameKind::abbreviation;
    return NameKind::alternate;
}

struct NameEntry {
    PlaceId place;
    std::uint32_t name_offset;  // into Impl::arena: display name
    std::uint32_t norm_offset;  // into Impl::arena: normalised name
    std::uint16_t name_len;
    std::uint16_t norm_len;
    NameKind kind;
};

/// hash -> contiguous run of entry indexes. Built once, then read-only.
class KeyIndex {
public:
    void add(std::string_view key, std::uint32_t entry) {
        if (!key.empty()) {
            m_pending.emplace_back(hash_key(key), entry);
        }
    }
    void finish() {
        std::sort(m_pending.begin(), m_pending.end());
        m_pending.erase(std::unique(m_pending.begin(), m_pending.end()), m_pending.end());
        m_entries.reserve(m_pending.size());
        m_runs.reserve(m_pending.size() / 2);
        for (std::size_t i = 0; i < m_pending.size();) {
            std::size_t j = i;
            while (j < m_pending.size() && m_pending[j].first == m_pending[i].first) {
                m_entries.push_back(m_pending[j].second);
                ++j;
            }
            m_runs.emplace(m_pending[i].first,
                           (static_cast<std::uint64_t>(m_entries.size() - (j - i)) << 32) | (j - i));
            i = j;
        }
        m_pending.clear();
        m_pending.shrink_to_fit();
    }
    template <typename F>
    void for_each(std::string_view key, F&& f) const {
        const auto it = m_runs.find(hash_key(key));
        if (it == m_runs.end()) {
            return;
        }
        const std::uint64_t begin = it->second >> 32;
        const std::uint64_t count = it->second & 0xFFFFFFFFULL;
        for (std::uint64_t k = begin; k < begin + count; ++k) {
            f(m_entries[k]);
        }
    }
    bool contains(std::string_view key) const { return m_runs.contains(hash_key(key)); }

private:
    std::vector<std::pair<std::uint64_t, std::uint32_t>> m_pending;
    std::vector<std::uint32_t> m_entries;
    std::unordered_map<std::uint64_t, std::uint64_t> m_runs;
};

/// Deletion index over skeleton keys (SymSpell, edit distance 1): every key and each of
/// its one-letter deletions point back to the key.
class DeletionIndex {
public:
    void add(const std::string& skeleton, std::uint32_t skeleton_id) {
        m_pairs.emplace_back(hash_key(skeleton), skeleton_id);
        for (std::size_t i = 0; i < skeleton.size(); ++i) {
            std::string d = skeleton;
            d.erase(i, 1);
            m_pairs.emplace_back(hash_key(d), skeleton_id);
        }
    }
    void finish() {
        std::sort(m_pairs.begin(), m_pairs.end());
        m_pairs.erase(std::unique(m_pairs.begin(), m_pairs.end()), m_pairs.end());
        m_pairs.shrink_to_fit();
    }
    template <typename F>
    void for_each(std::string_view key, F&& f) const {
        const std::uint64_t h = hash_key(key);
        auto it = std::lower_bound(m_pairs.begin(), m_pairs.end(),
                                   std::pair<std::uint64_t, std::uint32_t>{h, 0});
        for (; it != m_pairs.end() && it->first == h; ++it) {
            f(it->second);
        }
    }

private:
    std::vector<std::pair<std::uint64_t, std::uint32_t>> m_pairs;
};

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
    case MatchKind::exact: return 1.0;
    case MatchKind::alternate: return 0.93;
    case MatchKind::abbreviation: return 0.88;
    case MatchKind::demonym: return 0.85;
    case MatchKind::article: return 0.88;
    case MatchKind::transliteration: return 0.72;
    case MatchKind::fuzzy: return 0.55;
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
        if (code.starts_with("PCL")) imp = 1.0;
        else if (code == "ADM1") imp = 0.72;
        else if (code == "ADM2") imp = 0.5;
        else imp = 0.4;
    } else if (p.feature_class == 'P') {
        if (code == "PPLC") imp = std::max(imp, 0.85);
        else if (code == "PPLA") imp = std::max(imp, 0.6);
        else if (code == "PPLA2") imp = std::max(imp, 0.45);
        else if (code == "PPLX") imp = std::max(imp, 0.35);
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
    switch (k) {
    case MatchKind::exact: return "exact";
    case MatchKind::alternate: return "alternate name";
    case MatchKind::abbreviation: return "abbreviation";
    case MatchKind::demonym: return "demonym";
    case MatchKind::article: return "article variant";
    case MatchKind::transliteration: return "transliteration";
    case MatchKind::fuzzy: return "fuzzy";
    }
    return "unknown";
}

struct Gazetteer::Impl {
    std::vector<Place> places;
    std::vector<double> importance;
    std::vector<NameEntry> entries;
    std::string arena;
    KeyIndex by_norm;
    KeyIndex by_article;
    KeyIndex by_skeleton;
    std::vector<std::string> skeletons;                 // distinct skeletons for fuzzy
    std::vector<std::vector<std::uint32_t>> skeleton_entries;
    DeletionIndex deletions;
    std::unordered_set<std::string> common_words;
    std::unordered_map<std::string, PlaceId> countries;  // iso2 -> place
    std::unordered_map<std::string, std::string> admin1_names;  // "LY.77" -> name
    std::unordered_map<std::string, PlaceId> admin1_places;
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
            d.importance.push_back(importance(p));
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
            e.kind = parse_kind(stmt.column_text(2));
            const auto idx = static_cast<std::uint32_t>(d.entries.size());
            d.entries.push_back(e);
            d.by_norm.add(norm, idx);
            const std::string art = strip_articles(norm);
            if (art != norm) {
                d.by_article.add(art, idx);
            }
            const std::string_view skel = stmt.column_text(4);
            if (ascii && skel.size() >= 2) {
                d.by_skeleton.add(skel, idx);
                if (skel.size() >= 4) {
                    auto [sit, inserted] = skeleton_ids.emplace(
                        std::string(skel), static_cast<std::uint32_t>(d.skeletons.size()));
                    if (inserted) {
                        d.skeletons.emplace_back(skel);
                        d.skeleton_entries.emplace_back();
                    }
                    d.skeleton_entries[sit->second].push_back(idx);
                }
            }
        }
    }
    d.info.indexed_names = d.entries.size();
    d.info.places = d.places.size();
    d.by_norm.finish();
    d.by_article.finish();
    d.by_skeleton.finish();
    for (std::uint32_t i = 0; i < d.skeletons.size(); ++i) {
        d.deletions.add(d.skeletons[i], i);
    }
    d.deletions.finish();
    {
        auto stmt = db.prepare("SELECT word FROM common_words");
        while (stmt.step()) {
            d.common_words.emplace(stmt.column_text(0));
        }
    }
    {
        auto stmt = db.prepare("SELECT iso2, geonameid FROM countries");
        std::unordered_map<std::int64_t, PlaceId> by_gn;
        for (const Place& p : d.places) {
            if (p.geonameid != 0) {
                by_gn.emplace(p.geonameid, p.id);
            }
        }
        while (stmt.step()) {
            const auto it = by_gn.find(stmt.column_int64(1));
            if (it != by_gn.end()) {
                d.countries.emplace(std::string(stmt.column_text(0)), it->second);
            }
        }
        auto a1 = db.prepare("SELECT code, name, coalesce(geonameid, 0) FROM admin1");
        while (a1.step()) {
            const std::string code(a1.column_text(0));
            d.admin1_names.emplace(code, std::string(a1.column_text(1)));
            const auto it = by_gn.find(a1.column_int64(2));
            if (it != by_gn.end()) {
                d.admin1_places.emplace(code, it->second);
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

std::vector<Candidate> Gazetteer::lookup_normalized(std::string_view n,
                                                    const LookupOptions& options) const {
    const Impl& d = *m_impl;
    if (n.empty()) {
        return {};
    }
    // Best match per place: (kind, entry).
    struct Hit {
        PlaceId place;
        MatchKind kind;
        std::uint32_t entry;
        double similarity;
    };
    std::vector<Hit> hits;
    const auto accept = [&](std::uint32_t idx, MatchKind kind, double similarity) {
        const NameEntry& e = d.entries[idx];
        const Place& p = d.places[e.place];
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
        for (Hit& h : hits) {
            if (h.place == e.place) {
                // A demonym row wins over an alternate row with the same spelling
                // ("Libyan" is both in some sources): callers need to know it is an adjective.
                const bool demonym_over_alternate =
                    kind == MatchKind::demonym && h.kind == MatchKind::alternate;
                if (kind < h.kind || demonym_over_alternate ||
                    (kind == h.kind && similarity > h.similarity)) {
                    h = {e.place, kind, idx, similarity};
                }
                return;
            }
        }
        hits.push_back({e.place, kind, idx, similarity});
    };

    d.by_norm.for_each(n, [&](std::uint32_t idx) {
        const NameEntry& e = d.entries[idx];
        if (d.text(e.norm_offset, e.norm_len) != n) {
            return;  // hash collision
        }
        MatchKind kind = MatchKind::alternate;
        switch (e.kind) {
        case NameKind::name: kind = MatchKind::exact; break;
        case NameKind::ascii: kind = MatchKind::exact; break;
        case NameKind::demonym: kind = MatchKind::demonym; break;
        case NameKind::abbreviation: kind = MatchKind::abbreviation; break;
        case NameKind::alternate: kind = MatchKind::alternate; break;
        }
        accept(idx, kind, 1.0);
    });

    const std::string article = strip_articles(n);
    const std::string glued = strip_glued_article(n);
    for (const std::string& key : {article, glued}) {
        if (key.empty()) {
            continue;
        }
        d.by_article.for_each(key, [&](std::uint32_t idx) { accept(idx, MatchKind::article, 1.0); });
        if (key != n) {
            d.by_norm.for_each(key, [&](std::uint32_t idx) {
                const NameEntry& e = d.entries[idx];
                if (d.text(e.norm_offset, e.norm_len) == key &&
                    e.kind != NameKind::demonym && e.kind != NameKind::abbreviation) {
                    accept(idx, MatchKind::article, 1.0);
                }
            });
        }
    }

    const bool ascii = std::all_of(n.begin(), n.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const bool strong = !hits.empty();
    if (options.transliteration && ascii && n.size() >= 4) {
        for (const std::string& base : {std::string(n), glued}) {
            if (base.empty()) {
                continue;
            }
            const std::string skel = skeleton_key(base);
            if (skel.size() < 2) {
                continue;
            }
            d.by_skeleton.for_each(skel, [&](std::uint32_t idx) {
                const NameEntry& e = d.entries[idx];
                if (e.kind == NameKind::demonym || e.kind == NameKind::abbreviation) {
                    return;
                }
                accept(idx, MatchKind::transliteration,
                       name_similarity(base, d.text(e.norm_offset, e.norm_len)));
            });
            if (options.fuzzy && !strong && skel.size() >= 4) {
                const auto try_skeleton = [&](std::uint32_t sid) {
                    const std::string& other = d.skeletons[sid];
                    if (other == skel || !skeleton_edit_distance_at_most_one(skel, other)) {
                        return;
                    }
                    for (std::uint32_t idx : d.skeleton_entries[sid]) {
                        const NameEntry& e = d.entries[idx];
                        const double sim = name_similarity(base, d.text(e.norm_offset, e.norm_len));
                        if (sim >= 0.7) {
                            accept(idx, MatchKind::fuzzy, sim);
                        }
                    }
                };
                d.deletions.for_each(skel, try_skeleton);
                for (std::size_t i = 0; i < skel.size(); ++i) {
                    std::string del = skel;
                    del.erase(i, 1);
                    d.deletions.for_each(del, try_skeleton);
                }
            }
        }
    }

    const bool common = n.find(' ') == std::string_view::npos && d.common_words.contains(std::string(n));
    std::vector<Candidate> out;
    out.reserve(hits.size());
    for (const Hit& h : hits) {
        double base = base_score(h.kind);
        if (h.kind == MatchKind::transliteration || h.kind == MatchKind::fuzzy) {
            base *= 0.6 + 0.4 * h.similarity;
        }
        double score = 0.72 * base + 0.28 * d.importance[h.place];
        if (common) {
            score *= 0.45;
        }
        const NameEntry& e = d.entries[h.entry];
        out.push_back({h.place, score, h.kind, std::string(d.text(e.name_offset, e.name_len)),
                       common});
    }
    // A district named after its seat ("Benghazi", "Misrata"): the town is what a bare name
    // usually means, so the unit yields to a populated place of the same name inside it.
    for (Candidate& c : out) {
        const Place& unit = d.places[c.place];
        if (unit.feature_class != 'A' || unit.feature_code.starts_with("PCL")) {
            continue;
        }
        for (const Candidate& other : out) {
            const Place& town = d.places[other.place];
            if (town.feature_class == 'P' && town.country == unit.country &&
                town.admin1 == unit.admin1 && other.kind <= c.kind) {
                c.score = std::min(c.score, other.score * 0.98);
                break;
            }
        }
    }
    std::sort(out.begin(), out.end(), [&](const Candidate& a, const Candidate& b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        return d.places[a.place].population > d.places[b.place].population;
    });
    if (out.size() > options.limit) {
        out.resize(options.limit);
    }
    return out;
}

bool Gazetteer::has_name(std::string_view normalized) const {
    const Impl& d = *m_impl;
    return d.by_norm.contains(normalized) || d.by_article.contains(normalized);
}

bool Gazetteer::is_common_word(std::string_view normalized) const {
    return m_impl->common_words.contains(std::string(normalized));
}

const Place& Gazetteer::place(PlaceId id) const { return m_impl->places.at(id); }

std::size_t Gazetteer::size() const noexcept { return m_impl->places.size(); }

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

GazetteerInfo Gazetteer::info() const { return m_impl->info; }

std::filesystem::path default_gazetteer_path() {
    if (const char* env = std::getenv("KHARITA_GAZETTEER"); env != nullptr && *env != '\0') {
        return env;
    }
#ifdef KHARITA_DEFAULT_GAZETTEER
    return KHARITA_DEFAULT_GAZETTEER;
#else
    return "gazetteer.sqlite";
#endif
}

} // namespace kharita
