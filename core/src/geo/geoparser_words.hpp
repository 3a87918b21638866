#pragma once
// The closed-class English words the geoparser's recogniser reasons with: language, not
// places (no place name is among them). Each list is a sorted constexpr table, checked
// sorted at compile time and searched by bisection.

#include "kharita/text/word_lists.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kharita::detail {

/// Lowercase words that may sit inside a multi-word name ("Bosnia and Herzegovina",
/// "Bir al Ghanam", "Port of Spain").
inline constexpr std::array<std::string_view, 42> kConnectorWords = {
    "ad",  "al",   "am",  "an",  "and", "ar",   "as",    "ash", "at",  "ath", "az",
    "bin", "bint", "da",  "das", "de",  "del",  "della", "den", "der", "des", "di",
    "do",  "dos",  "du",  "el",  "en",  "es",   "ibn",   "im",  "la",  "le",  "les",
    "of",  "on",   "sur", "the", "ul",  "upon", "van",   "von", "y"};
static_assert(sorted_unique(kConnectorWords));

/// Months and weekdays, written out or abbreviated: "May" is a date before it is a place.
inline constexpr std::array<std::string_view, 31> kCalendarWords = {
    "apr",    "april", "aug",       "august", "dec",      "december", "feb",      "february",
    "friday", "jan",   "january",   "jul",    "july",     "jun",      "june",     "mar",
    "march",  "may",   "monday",    "nov",    "november", "oct",      "october",  "saturday",
    "sep",    "sept",  "september", "sunday", "thursday", "tuesday",  "wednesday"};
static_assert(sorted_unique(kCalendarWords));

/// Words after which a capitalised word is usually a place: "in Mission", "near Kabo", "sank
/// off Lampedusa".
inline constexpr std::array<std::string_view, 23> kLocativeCues = {
    "across",     "around", "at",     "between", "entered", "from",      "in",      "inside",
    "into",       "left",   "near",   "off",     "outside", "outskirts", "reached", "through",
    "throughout", "to",     "toward", "towards", "via",     "visited",   "within"};
static_assert(sorted_unique(kLocativeCues));

/// Words that introduce a person's name: titles, ranks, roles and kin ("President Vladimir
/// Putin", "Mr Jordan", "striker Harry Kane", "host Megyn Kelly").
// (laid out by hand: clang-format would put a list this long one word a line)
// clang-format off
inline constexpr std::array<std::string_view, 193> kPersonTitles = {
    "activist", "actor", "actress", "admiral", "adviser", "advisor", "aide", "alderman",
    "ambassador", "analyst", "anchor", "archbishop", "archduke", "artist", "assemblyman",
    "assemblywoman", "assessor", "attorney", "auditor", "aunt", "author", "baron", "baroness",
    "barrister", "bishop", "boss", "brig", "brigadier", "brother", "candidate", "capt", "captain",
    "cardinal", "ceo", "chair", "chairman", "chairperson", "chairwoman", "chancellor", "chef",
    "chief", "clerk", "coach", "col", "colleague", "colonel", "columnist", "comedian", "commander",
    "commissioner", "congressman", "congresswoman", "constable", "coroner", "correspondent",
    "councillor", "councilman", "councilmember", "councilwoman", "countess", "dame", "daughter",
    "dean", "defender", "deputy", "designer", "detective", "director", "doctor", "dr", "dsrsg",
    "duchess", "duke", "earl", "economist", "editor", "emir", "envoy", "executive", "farmer",
    "father", "field", "founder", "friend", "gen", "general", "goalkeeper", "gov", "governor",
    "host", "husband", "imam", "inspector", "journalist", "judge", "juror", "justice",
    "king", "lady", "lawmaker", "lawyer", "leader", "legislator", "lieutenant", "lord", "lt",
    "magistrate", "maj", "major", "manager", "marshal", "mayor", "midfielder", "minister", "miss",
    "mother", "mr", "mrs", "ms", "musician", "neighbor", "neighbour", "nominee", "nurse", "officer",
    "official", "owner", "partner", "pastor", "physician", "pilot", "player", "pope", "premier",
    "presenter", "president", "priest", "prince", "princess", "principal", "producer", "prof",
    "professor", "prosecutor", "queen", "rabbi", "rapper", "rep", "reporter", "representative",
    "researcher", "resident", "rev", "reverend", "saint", "scientist", "secretary", "selectman",
    "sen", "senator", "sergeant", "sgt", "sheikh", "sheriff", "singer", "sir", "sister",
    "solicitor", "son", "speaker", "spokesman", "spokesperson", "spokeswoman", "srsg", "st",
    "staff", "star", "striker", "student", "sultan", "superintendent", "supervisor", "suspect",
    "teacher", "treasurer", "trooper", "trustee", "uncle", "veteran", "victim", "whip", "wife",
    "writer"};
// clang-format on
static_assert(sorted_unique(kPersonTitles));

/// Arabic toponymic generics that begin multi-word place names ("Ras Ajdir", "Bir Ghanam").
inline constexpr std::array<std::string_view, 28> kPlaceGenerics = {
    "abu",  "ain",  "al",  "ard", "bab",   "bani",  "ben",   "beni",   "bin",  "bir",
    "dar",  "el",   "hai", "hay", "jabal", "jebel", "marsa", "nahr",   "qasr", "ras",
    "sidi", "souq", "suq", "tal", "tell",  "umm",   "wadi",  "zawiyat"};
static_assert(sorted_unique(kPlaceGenerics));

/// Words between X and Y that say X lies inside Y: "Abu Salim district of Tripoli".
inline constexpr std::array<std::string_view, 23> kContainmentNouns = {
    "area",  "center",      "centre", "city",         "county",       "district",
    "east",  "governorate", "heart",  "municipality", "neighborhood", "neighbourhood",
    "north", "outskirts",   "part",   "province",     "region",       "south",
    "state", "suburb",      "town",   "village",      "west"};
static_assert(sorted_unique(kContainmentNouns));

/// Nouns of a settlement or a unit before "of" that make what follows a place: "the town of
/// Brega", "the port city of Misrata", "the outskirts of Sirte".
inline constexpr std::array<std::string_view, 17> kSettlementNouns = {
    "capital",      "city",         "district",      "governorate", "hamlet",    "island",
    "municipality", "neighborhood", "neighbourhood", "oasis",       "outskirts", "port",
    "province",     "region",       "suburb",        "town",        "village"};
static_assert(sorted_unique(kSettlementNouns));

/// Words after which a capitalised word is a common noun: "the Centre", "a Cup".
inline constexpr std::array<std::string_view, 15> kDeterminers = {
    "a",  "an",  "each", "every", "her",   "his",  "its", "my",
    "no", "our", "that", "the",   "their", "this", "your"};
static_assert(sorted_unique(kDeterminers));

/// Titles written short with a period before a name: "Mr. Nelson", "Sen. Moore",
/// "Gov. Andy Beshear". ("St." is not among them: "St. Louis" is a place.)
inline constexpr std::array<std::string_view, 22> kTitleAbbreviations = {
    "adm", "capt", "cmdr", "col",  "cpl",  "dr",  "gen", "gov", "lt",  "maj", "messrs",
    "mr",  "mrs",  "ms",   "pres", "prof", "pvt", "rep", "rev", "sen", "sgt", "supt"};
static_assert(sorted_unique(kTitleAbbreviations));

/// Verbs of saying after a name ("Moore said"): the name is a person's, unless it is a
/// country, a state or a capital ("Russia said", "Moscow said" are metonyms, still places).
inline constexpr std::array<std::string_view, 45> kSayingVerbs = {
    "acknowledged", "added",     "adds",      "admitted",  "announced", "argued",    "asked",
    "cautioned",    "claimed",   "commented", "confirmed", "contended", "continued", "declared",
    "denied",       "estimated", "explained", "explains",  "insisted",  "insists",   "noted",
    "notes",        "pledged",   "predicted", "promised",  "recalled",  "recalls",   "remarked",
    "replied",      "responded", "said",      "says",      "stated",    "suggested", "tells",
    "testified",    "told",      "tweeted",   "urged",     "urges",     "vowed",     "warned",
    "warns",        "writes",    "wrote"};
static_assert(sorted_unique(kSayingVerbs));

/// Capitalised words that end the name of an organisation, an institution or an event
/// ("Democratic Party", "Olympic Games") or a newspaper ("Washington Post"): a minor place right
/// before one names no place.
inline constexpr std::array<std::string_view, 47> kOrganisationWords = {
    "agency",      "alliance",     "army",         "association", "authority",  "bank",
    "board",       "brigade",      "brigades",     "bureau",      "chronicle",  "club",
    "coalition",   "college",      "commission",   "committee",   "company",    "corp",
    "corporation", "council",      "court",        "forces",      "foundation", "front",
    "games",       "gazette",      "group",        "guard",       "herald",     "inc",
    "institute",   "journal",      "league",       "ltd",         "militia",    "ministry",
    "movement",    "organisation", "organization", "party",       "post",       "regiment",
    "society",     "team",         "times",        "tribune",     "university"};
static_assert(sorted_unique(kOrganisationWords));

/// Government buildings named after "the" ("the White House", "the Oval Office"):
/// an institution, not the namesake town.
inline constexpr std::array<std::string_view, 4> kBuildingWords = {"building", "house", "office",
                                                                   "palace"};
static_assert(sorted_unique(kBuildingWords));

/// Lowercase words after a name that make it an administrative unit ("Idlib province",
/// "Jufra district", "Tripoli municipality").
inline constexpr std::array<std::string_view, 16> kUnitWords = {
    "borough",     "canton",       "county",   "department", "district",   "emirate",
    "governorate", "municipality", "oblast",   "parish",     "prefecture", "province",
    "region",      "state",        "township", "wilaya"};
static_assert(sorted_unique(kUnitWords));

/// Lowercase words that open a facility's kind words after its name ("oil terminal", "air
/// base", "oilfield", "border crossing", "international airport"): the name with the words
/// after it is looked up as a site's name. The gazetteer makes these names from each site's
/// bare names (gazetteer/src/area_sources.cpp, kSiteWords: each kind word starts with one).
inline constexpr std::array<std::string_view, 25> kSiteWordStarts = {
    "air",      "airbase",       "airfield", "airport",  "airstrip", "base",     "border",
    "crossing", "detention",     "export",   "field",    "gas",      "gasfield", "harbor",
    "harbour",  "international", "jail",     "military", "oil",      "oilfield", "port",
    "prison",   "refinery",      "seaport",  "terminal"};
static_assert(sorted_unique(kSiteWordStarts));

constexpr bool is_connector(std::string_view w) {
    return in_words(kConnectorWords, w);
}
constexpr bool is_calendar_word(std::string_view w) {
    return in_words(kCalendarWords, w);
}
constexpr bool is_locative_cue(std::string_view w) {
    return in_words(kLocativeCues, w);
}
constexpr bool is_person_title(std::string_view w) {
    return in_words(kPersonTitles, w);
}
constexpr bool is_place_generic(std::string_view w) {
    return in_words(kPlaceGenerics, w);
}
constexpr bool is_containment_noun(std::string_view w) {
    return in_words(kContainmentNouns, w);
}
constexpr bool is_settlement_noun(std::string_view w) {
    return in_words(kSettlementNouns, w);
}
constexpr bool is_determiner(std::string_view w) {
    return in_words(kDeterminers, w);
}

constexpr bool is_title_abbreviation(std::string_view w) {
    return in_words(kTitleAbbreviations, w);
}
constexpr bool is_saying_verb(std::string_view w) {
    return in_words(kSayingVerbs, w);
}
constexpr bool is_organisation_word(std::string_view w) {
    return in_words(kOrganisationWords, w);
}
constexpr bool is_building_word(std::string_view w) {
    return in_words(kBuildingWords, w);
}
constexpr bool is_site_word_start(std::string_view w) {
    return in_words(kSiteWordStarts, w);
}
constexpr bool is_unit_word(std::string_view w) {
    return in_words(kUnitWords, w);
}

/// A compass direction or "central", as a region phrase names it ("southern Libya").
enum class Direction : std::uint8_t { none, north, south, east, west, central, ne, nw, se, sw };

struct DirectionWord {
    std::string_view word;
    Direction direction;
};

/// The words that name a direction, sorted by word.
inline constexpr std::array<DirectionWord, 18> kDirectionWords = {{
    {"central", Direction::central},
    {"east", Direction::east},
    {"eastern", Direction::east},
    {"middle", Direction::central},
    {"north", Direction::north},
    {"northeast", Direction::ne},
    {"northeastern", Direction::ne},
    {"northern", Direction::north},
    {"northwest", Direction::nw},
    {"northwestern", Direction::nw},
    {"south", Direction::south},
    {"southeast", Direction::se},
    {"southeastern", Direction::se},
    {"southern", Direction::south},
    {"southwest", Direction::sw},
    {"southwestern", Direction::sw},
    {"west", Direction::west},
    {"western", Direction::west},
}};
static_assert(std::is_sorted(kDirectionWords.begin(), kDirectionWords.end(),
                             [](const DirectionWord& a, const DirectionWord& b) {
                                 return a.word < b.word;
                             }));

/// The direction a word names ("southern", "north"), or Direction::none.
constexpr Direction direction_of(std::string_view w) {
    const auto it =
        std::lower_bound(kDirectionWords.begin(), kDirectionWords.end(), w,
                         [](const DirectionWord& d, std::string_view key) { return d.word < key; });
    return it != kDirectionWords.end() && it->word == w ? it->direction : Direction::none;
}

/// The diagonal two directions make when written as two words ("north east", "south-western"),
/// or Direction::none when they make none.
constexpr Direction combine_directions(Direction outer, Direction inner) {
    if (outer == Direction::north && inner == Direction::east)
        return Direction::ne;
    if (outer == Direction::north && inner == Direction::west)
        return Direction::nw;
    if (outer == Direction::south && inner == Direction::east)
        return Direction::se;
    if (outer == Direction::south && inner == Direction::west)
        return Direction::sw;
    return Direction::none;
}

} // namespace kharita::detail
