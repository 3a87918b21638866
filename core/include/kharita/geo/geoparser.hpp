#pragma once
// Toponym recognition and resolution in English news text.
//
// Recognition: the gazetteer proposes candidate spans (word n-grams whose normalised form
// is a gazetteer name, plus capitalised words whose transliteration skeleton matches);
// context decides which are places (capitalisation, cue words, ordinary English words,
// person and organisation contexts, demonyms, direction + country region phrases).
// Resolution: each span's gazetteer candidates are re-ranked with the document's
// geographic focus (countries named or implied), distances to the other places resolved in
// the same text, and explicit containment ("X, Libya", "X in the Y Governorate").
//
// Thread rules: a Geoparser borrows its Gazetteer (which must outlive it) and is immutable
// after construction; parse() may run on many threads at once.

#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/place.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

struct ToponymAlternative {
    PlaceId place = 0;
    double score = 0;
};

/// Where a place the text puts at sea lies ("sank off Zuwara", "off the Libyan coast"): the
/// toponym still names the place; an event told there happened at this point.
struct SeaSite {
    LatLon position;
    GeoPrecision precision = GeoPrecision::region;
    std::string name; ///< "off Zuwara", "south of Lampedusa", "off eastern Libya"
    std::string why;  ///< ", at sea off Zuwārah"
};

struct Toponym {
    std::size_t start = 0;    ///< byte offset of the mention in the UTF-8 text
    std::size_t end = 0;      ///< byte offset one past the mention
    std::size_t cp_start = 0; ///< the same in Unicode code points
    std::size_t cp_end = 0;
    std::string text; ///< the mention as written
    ToponymKind kind = ToponymKind::place;
    std::optional<PlaceId> place; ///< resolved gazetteer entry (none for region phrases)
    std::string name;             ///< resolved name (gazetteer name or phrase label)
    LatLon position;
    std::int64_t geonameid = 0;
    std::string feature;     ///< "P.PPLA"
    std::string country;     ///< ISO alpha-2
    std::string admin1;      ///< admin-1 name
    std::string admin1_code; ///< GeoNames admin-1 code within the country ("77")
    GeoPrecision precision = GeoPrecision::town;
    double confidence = 0; ///< in [0, 1]
    std::string why;       ///< how it matched and what decided the resolution
    std::vector<ToponymAlternative> alternatives;
    bool alias = false;            ///< read through a team alias (ParseContext::aliases)
    std::optional<SeaSite> at_sea; ///< named as the shore of waters the text means
};

/// The toponym as the site of an event: the waters it names when `at_sea` is set (named
/// "off NAME", kind region, feature H.SEA, no gazetteer entry), else the toponym itself.
Toponym event_site(const Toponym& t);

/// A team's name for a place, kept with an event store (`kharita review alias`): read as
/// that place wherever it is written, before any gazetteer name.
struct PlaceNameAlias {
    std::string alias; ///< as reports write it ("Alshab port")
    std::string name;  ///< the place's name
    std::int64_t geonameid = 0;
    LatLon position;
    GeoPrecision precision = GeoPrecision::town;
    std::string country, admin1, feature;
    std::string why; ///< "team alias by NAME"
};

/// Hints that come with a document.
struct ParseContext {
    /// Countries the source is known to report on (ISO alpha-2), weighted like countries
    /// named in the text.
    std::vector<std::string> focus_countries;
    /// The team's aliases: each matched as written (case and diacritics folded, whole
    /// words), longest first, replacing any toponym it overlaps.
    std::vector<PlaceNameAlias> aliases;
};

/// Spans to resolve without recognition (for evaluation with gold spans).
struct Span {
    std::size_t start = 0; ///< byte offsets
    std::size_t end = 0;
};

/// A span the recogniser looked up and turned down, and why ("person: after a title",
/// "organisation: an organisation word follows", "common word: ...").
struct RejectedSpan {
    std::size_t start = 0; ///< byte offsets
    std::size_t end = 0;
    std::string text;
    std::string why;
};

/// The normalised key a mention's text is looked up by: a possessive "'s" dropped and a
/// dotted abbreviation closed up ("U.S." -> "us").
std::string mention_key(std::string_view surface);

/// The waters off the place of `t` when it lies on a coast (kharita/geo/land_mask.hpp), as
/// an event site (event_site()): 20 km past the coast nearest it, named "off NAME", with the
/// town's precision (a site already off a town is its own waters); nothing for an inland
/// place or a region phrase. "Drown off Libya" in a report
/// from Khums happened off Khums.
std::optional<Toponym> waters_off(const Toponym& t);

/// The waters off a country `t` names (a country toponym or a demonym of one), as an event
/// site: 20 km past the coast of the country's most populous town that has one, named "off
/// NAME" with a region's precision; nothing for a landlocked country or another toponym.
std::optional<Toponym> waters_off_country(const Gazetteer& gazetteer, const Toponym& t);

class Geoparser {
public:
    explicit Geoparser(const Gazetteer& gazetteer);

    /// Finds and resolves every toponym in `text` (UTF-8; invalid bytes are treated as
    /// separators and never throw). Toponyms come sorted by start offset, never overlapping.
    /// When `rejected` is given, the gazetteer names the context turned down are added to it
    /// with their reasons (for error analysis: `kharita eval geoparse --errors`).
    std::vector<Toponym> parse(std::string_view text, const ParseContext& context = {},
                               std::vector<RejectedSpan>* rejected = nullptr) const;

    /// Resolves the given spans of `text` with the same context model as parse(); spans
    /// whose text matches no gazetteer entry come back unresolved (place empty).
    std::vector<Toponym> resolve(std::string_view text, const std::vector<Span>& spans,
                                 const ParseContext& context = {}) const;

    /// How the span [start, end) of `text` (bytes), taken for no place, reads in its
    /// context by the recogniser's person and organisation cues: "person", "organisation",
    /// "common word" or "other". For error analysis (`kharita eval geoparse --errors`).
    std::string_view non_place_reading(std::string_view text, std::size_t start,
                                       std::size_t end) const;

    const Gazetteer& gazetteer() const noexcept { return m_gazetteer; }

private:
    const Gazetteer& m_gazetteer;
};

} // namespace kharita
