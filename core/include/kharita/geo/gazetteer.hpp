#pragma once
// The gazetteer as the geoparser sees it: every place and every Latin- or Arabic-script
// name loaded from a SpatiaLite gazetteer file into hash indexes, for lookups at memory
// speed (no SQL per query). The indexes are built once (by `kharita gazetteer build`, or by
// the first open() after it) into an index file next to the gazetteer file
// ("gazetteer.sqlite.index"), which later opens map and read instead of building them.
//
// Thread rules: a loaded Gazetteer is immutable; lookup() may be called from many threads.
// Move-only (it can hold a few hundred MB).

#include "kharita/base/lat_lon.hpp"
#include "kharita/geo/place.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

/// Why a candidate matched, strongest first.
enum class MatchKind : std::uint8_t {
    exact,           ///< the query is the place's main name (after normalisation)
    alternate,       ///< an alternate name, in any language
    abbreviation,    ///< an abbreviation or code ("UAE", "U.S.")
    demonym,         ///< an adjective of nationality ("Libyan")
    article,         ///< equal once Arabic articles are dropped ("Zawiyah" = "Az Zawiyah")
    transliteration, ///< same consonant skeleton ("Zwara" = "Zuwarah", "Regdaleen" = "Riqdalin")
    fuzzy,           ///< one edit away in the skeleton and a similar spelling
};

std::string_view to_string(MatchKind k) noexcept;
/// The kind named by to_string(MatchKind) ("alternate name"), if any.
std::optional<MatchKind> match_kind_from(std::string_view name) noexcept;

/// What a name of a place is, as the gazetteer file stores it (the `kind` column of its
/// `names` table, written by the importer).
enum class NameKind : std::uint8_t {
    name,         ///< the place's main name
    ascii,        ///< the main name in ASCII ("Az Zawiyah" for "Az Zāwiyah")
    alternate,    ///< another name, in any language
    demonym,      ///< an adjective of nationality ("Libyan")
    abbreviation, ///< an abbreviation or code ("UAE")
    /// A unit's name without its unit word ("Laurel" of "Laurel County"): weak, it scores
    /// below the confident range so that it never outranks a town of that name by itself.
    short_form,
    /// A code that names the place only after a town and a comma ("Paris, KY", "Paris,
    /// Ky."): matched only when LookupOptions::postal_codes asks for it.
    postal_code,
};

std::string_view to_string(NameKind k) noexcept;
/// The kind named by to_string(NameKind), if any.
std::optional<NameKind> name_kind_from(std::string_view name) noexcept;

/// Filters and limits for a lookup. Empty filters mean "any".
struct LookupOptions {
    std::vector<std::string> countries; ///< ISO alpha-2 codes
    std::string feature_classes;        ///< e.g. "PA"
    std::optional<BoundingBox> bbox;
    std::size_t limit = 10;
    /// Strongest-to-weakest levels to try; fuzzy runs only when nothing closer matched.
    bool transliteration = true;
    bool fuzzy = true;
    /// Down-weight queries that are ordinary English words ("May"); callers that know the
    /// text was an acronym ("US") turn it off.
    bool penalise_common_words = true;
    /// Also match postal-code names (NameKind::postal_code: "KY", "Ky."); for the state of
    /// a "Town, ST" pair, never for a word on its own ("IN", "OR", "ME").
    bool postal_codes = false;
};

struct Candidate {
    PlaceId place = 0;
    double score = 0; ///< in [0, 1]; above ~0.5 is a confident match
    MatchKind kind = MatchKind::exact;
    std::string_view
        matched_name;         ///< the gazetteer name that matched; valid while the Gazetteer lives
    bool common_word = false; ///< the query is an ordinary English word ("May")
};

/// Summary of what a gazetteer file holds.
struct GazetteerInfo {
    std::size_t places = 0;
    std::size_t names = 0;
    std::size_t indexed_names = 0;
    std::string built_at;
    std::string sources;
};

/// An admin-1 unit (a Libyan district, a Tunisian governorate).
struct AdminUnit {
    std::string country; ///< ISO alpha-2
    std::string code;    ///< GeoNames admin-1 code within the country ("77")
    std::string name;    ///< "Tripoli"
    std::string ascii_name;
    std::string iso_code; ///< ISO 3166-2 ("LY-TB"), empty when no source gives it
};

/// How many of a country's most populous towns Gazetteer::largest_towns() keeps.
inline constexpr std::size_t kLargestTowns = 12;

class Gazetteer {
public:
    /// Loads a gazetteer built by `kharita gazetteer build`. Throws DatabaseError or
    /// InputError (missing file, not a Kharita gazetteer, incompatible schema). The hash
    /// indexes come from the index file next to it when its header (format, version, and a
    /// checksum of this file's build time, sources and size) matches and its tables are
    /// whole; otherwise (none, stale, foreign, damaged) they are built from the file and the
    /// index file is written again, atomically and best effort (a read-only directory only
    /// costs the build on every open).
    static Gazetteer open(const std::filesystem::path& file);

    Gazetteer(Gazetteer&&) noexcept;
    Gazetteer& operator=(Gazetteer&&) noexcept;
    ~Gazetteer();

    /// Ranked candidates for a name. An empty or all-punctuation query gives none.
    std::vector<Candidate> lookup(std::string_view query, const LookupOptions& options = {}) const;

    /// Same, for a query already passed through normalize_name().
    std::vector<Candidate> lookup_normalized(std::string_view normalized,
                                             const LookupOptions& options = {}) const;

    /// True when some indexed name normalises to exactly this key (or its article-free
    /// or skeleton form when `loose`), not counting short forms and postal codes. Used by
    /// the recogniser to test n-grams cheaply.
    bool has_name(std::string_view normalized) const;

    /// True for ordinary lowercase English words (from the word list baked into the file).
    bool is_common_word(std::string_view normalized) const;

    const Place& place(PlaceId id) const;
    std::size_t size() const noexcept;

    /// The country place for an ISO alpha-2 code, if the gazetteer has one.
    std::optional<PlaceId> country(std::string_view iso2) const;
    /// Admin-1 display name ("Tripoli") for a country and admin-1 code, or "".
    std::string admin1_name(std::string_view country, std::string_view admin1) const;
    /// The admin-1 place for a country and admin-1 code, if any.
    std::optional<PlaceId> admin1_place(std::string_view country, std::string_view admin1) const;

    /// True when Arabic is a language of the country (GeoNames countryInfo): its place
    /// names reach English text through transliteration.
    bool arabic_speaking(std::string_view country) const;

    /// Every admin-1 place of a country (for region phrases such as "southern Libya").
    std::vector<PlaceId> admin1_places_of(std::string_view country) const;
    /// The named regions (feature L.RGN) of a country: Fezzan, Cyrenaica, Tripolitania.
    std::vector<PlaceId> regions_of(std::string_view country) const;
    /// The country's most populous populated places (up to kLargestTowns), most populous
    /// first: where "off the Libyan coast" looks for a coast.
    std::vector<PlaceId> largest_towns(std::string_view country) const;

    /// Every admin-1 unit the gazetteer knows.
    const std::vector<AdminUnit>& admin1_units() const noexcept;

    GazetteerInfo info() const;

private:
    Gazetteer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Where the default gazetteer lives: $KHARITA_GAZETTEER, else the file the build made.
std::filesystem::path default_gazetteer_path();

} // namespace kharita
