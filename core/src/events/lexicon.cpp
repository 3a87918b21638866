#include "events/lexicon.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

namespace kharita::detail {

namespace {

using T = EventType;

// What happens at a border crossing that makes it an event: a crossing that is merely named
// ("the crossings with Tunisia are not affected") is none. ("crossing" itself is never one
// of them; "border" is needed by the closure entries below.)
// Bodies recovered after a shipwreck are its toll, not a grave (after a flood they are
// bodies found).
constexpr std::string_view kAtSea =
    "boat boats shipwreck capsized sank vessel dinghy coastguard coast ashore";

/// What a shipwreck wrecks.
constexpr std::string_view kBoat = "boat boats vessel dinghy raft ship";

// What an oil shutdown shuts.
constexpr std::string_view kOil =
    "oil port ports terminal terminals field fields exports production";

// Who takes a town by force: "took", "entered", "seized" are events only with them.
/// What a signing signs.
constexpr std::string_view kAgreement =
    "agreement memorandum deal accord ceasefire declaration treaty";
/// What makes a gathering a protest.
constexpr std::string_view kDemands =
    "demand demanding calling chanting protest against denounce denouncing";
/// A road blocked as a protest: a road, and what it is blocked against ("blocked roads ... to
/// denounce power cuts"); "|": both groups.
constexpr std::string_view kRoadProtest = "road roads street streets highway highways | "
                                          "denounce denouncing demand demanding protest against";
/// Who is dispersed when a protest meets force.
constexpr std::string_view kCrowd =
    "crowd crowds protest protesters demonstrators demonstration gathering";
constexpr std::string_view kArmed =
    "forces fighters troops army units militia militias brigade brigades";

/// What strikes from the air: "struck" and "strikes" are air strikes only with one of them.
constexpr std::string_view kAircraft =
    "air jets jet warplanes warplane aircraft drone drones planes plane helicopter helicopters";

/// Who attacks: "shot", "targeted" and "killed" report an attack only with one of them.
constexpr std::string_view kAssailants =
    "gunmen gunman assailants attackers militants masked kidnappers bomber bombers";
/// What is fired: a rocket that "hit" or "landed".
constexpr std::string_view kImpact = "fired hit landed struck slammed";

/// Words that make an assembly's "vote" an election or no sitting at all.
constexpr std::string_view kNoSitting =
    "election elections elected voters polls turnout delayed postponed";

/// Bodies whose votes are sittings.
constexpr std::string_view kAssembly =
    "council congress parliament assembly house chamber forum committee";
/// Oil sites whose taking is a takeover, and the fighting that makes it a battle.
constexpr std::string_view kOilSites = "terminal terminals port ports field fields refinery";
constexpr std::string_view kFight = "fighting clashes battle battles fought firefight";
/// Sites whose taking over is a takeover: institutions, and the places a force holds.
constexpr std::string_view kTakenSites =
    "headquarters bank ministry building offices institution airport base field terminal "
    "port refinery";

constexpr std::string_view kBorderAction =
    "closed closure reopened reopening shut crossed fled stranded visit visited attack "
    "attacked seized";
// A bare "crossing" needs the border as well ("|": both groups).
constexpr std::string_view kBorderCrossingAction =
    "border | closed closure reopened reopening shut crossed fled stranded visit visited "
    "attack attacked seized";

// Verbs and nouns news uses to report each kind of event. Entries that also have an
// everyday sense name the words that make them an event ("closed" a border or a crossing,
// "shut" an oil port, "strikes" by aircraft). Adding an entry moves every score: measure
// with `kharita eval events tests/data/events-dev` and the seed page before keeping it.
constexpr auto kLexicon = std::to_array<TriggerEntry>({
    // meetings, talks, visits, signings
    {"town hall", T::meeting, "town hall", 0.9, ""},
    {"town hall-style", T::meeting, "town hall", 0.9, ""},
    {"meeting", T::meeting, "meeting", 0.8, ""},
    {"meetings", T::meeting, "meeting", 0.7, ""},
    {"met", T::meeting, "meeting", 0.7, ""},
    {"be met", T::meeting, "met with", 0.0, ""},     // "will be met with force"
    {"met little", T::meeting, "met with", 0.0, ""}, // "met little resistance"
    {"met no", T::meeting, "met with", 0.0, ""},
    {"met stiff", T::meeting, "met with", 0.0, ""}, // "met stiff resistance"
    {"met fierce", T::meeting, "met with", 0.0, ""},
    // "protests that were met with live fire", "the plan was met with anger"
    {"was met with", T::meeting, "met with", 0.0, ""},
    {"were met with", T::meeting, "met with", 0.0, ""},
    {"been met with", T::meeting, "met with", 0.0, ""},
    {"being met with", T::meeting, "met with", 0.0, ""},
    {"is met with", T::meeting, "met with", 0.0, ""},
    {"are met with", T::meeting, "met with", 0.0, ""},
    {"meeting little", T::meeting, "met with", 0.0, ""}, // "entered the town, meeting little
    {"meeting no", T::meeting, "met with", 0.0, ""},     // resistance"
    {"meeting stiff", T::meeting, "met with", 0.0, ""},
    {"meeting fierce", T::meeting, "met with", 0.0, ""},
    {"meet", T::meeting, "meeting", 0.7, ""},
    {"talks", T::meeting, "talks", 0.7, ""},
    {"negotiations", T::meeting, "talks", 0.6, ""},
    {"visit", T::meeting, "visit", 0.8, ""},
    {"visited", T::meeting, "visit", 0.8, ""},
    {"field visit", T::meeting, "visit", 0.8, ""},
    {"conference", T::meeting, "conference", 0.8, ""},
    {"news conference", T::meeting, "statement", 0.0, ""},
    {"press conference", T::meeting, "statement", 0.0, ""},
    {"consultations", T::meeting, "consultations", 0.6, ""},
    {"summit", T::meeting, "summit", 0.8, ""},
    {"reconvene", T::meeting, "meeting", 0.8, ""},
    // sittings and receptions news reports in their own words
    {"sworn in", T::meeting, "session", 0.8, ""},
    {"swearing-in", T::meeting, "session", 0.8, ""},
    {"vote of confidence", T::meeting, "session", 0.8, ""},
    {"confidence vote", T::meeting, "session", 0.8, ""},
    // "received the commander at the Elysee Palace": a reception where the sentence names
    // the venue (events.cpp), of a delegation, an envoy or someone by a title
    {"received", T::meeting, "reception", 0.6,
     "delegation delegations envoy ambassador president minister commander head leader "
     "chairman premier king emir"},
    {"convened", T::meeting, "meeting", 0.8, ""},
    // a briefing of the Security Council is one of its sittings (where the sentence says)
    {"briefed the security council", T::meeting, "briefing", 0.7, ""},
    {"briefed the un security council", T::meeting, "briefing", 0.7, ""},
    {"told the security council", T::meeting, "briefing", 0.7, ""},
    {"told the un security council", T::meeting, "briefing", 0.7, ""},
    {"telling the security council", T::meeting, "briefing", 0.7, ""},
    {"telling the un security council", T::meeting, "briefing", 0.7, ""},
    {"addressed the security council", T::meeting, "briefing", 0.7, ""},
    {"addressed the un security council", T::meeting, "briefing", 0.7, ""},
    {"session", T::meeting, "session", 0.6,
     "parliament house council assembly congress forum held convened opened"},
    {"signed", T::meeting, "signing", 0.7, kAgreement},
    // a vote is a sitting of the body that votes: "the Security Council voted on Thursday"
    {"voted", T::meeting, "session", 0.6, kAssembly},
    // a vote or a ballot of an assembly, not of an electorate, nor one put off
    {"vote", T::meeting, "session", 0.5, kAssembly, kNoSitting},
    {"ballot", T::meeting, "session", 0.5, kAssembly, kNoSitting},
    {"signing", T::meeting, "signing", 0.7, kAgreement},
    // armed clashes, battles, territory taken by force
    {"clashes", T::clash, "armed clash", 0.9, ""},
    {"clash", T::clash, "armed clash", 0.8, ""},
    {"clashed", T::clash, "armed clash", 0.9, ""},
    {"fighting", T::clash, "armed clash", 0.8, ""},
    {"fought", T::clash, "armed clash", 0.8, ""},
    {"battled", T::clash, "armed clash", 0.9, ""},
    {"battle", T::clash, "armed clash", 0.7, ""},
    {"battles", T::clash, "armed clash", 0.8, ""},
    {"firefight", T::clash, "armed clash", 0.9, ""},
    {"gunfire", T::clash, "armed clash", 0.7, ""},
    {"celebratory gunfire", T::clash, "celebration", 0.0, ""},
    {"skirmishes", T::clash, "armed clash", 0.8, ""},
    {"exchanged fire", T::clash, "armed clash", 0.9, ""},
    {"laid siege", T::clash, "siege", 0.8, ""},
    {"besieged", T::clash, "siege", 0.6, kArmed},
    // oil terminals taken without a fight are a takeover (ACLED's strategic development);
    // with fighting in the sentence they fall to the battle entries below
    {"took control", T::strategic, "takeover", 0.7, kOilSites, kFight},
    {"taken control", T::strategic, "takeover", 0.7, kOilSites, kFight},
    {"seized control", T::strategic, "takeover", 0.7, kOilSites, kFight},
    {"seized", T::strategic, "takeover", 0.6, kOilSites, kFight},
    {"took control", T::clash, "territory taken", 0.7, kArmed},
    {"took full control", T::clash, "territory taken", 0.8, kArmed},
    {"taken full control", T::clash, "territory taken", 0.8, kArmed},
    {"taken control", T::clash, "territory taken", 0.7, kArmed},
    {"seized control", T::clash, "territory taken", 0.8, kArmed},
    {"seized", T::clash, "territory taken", 0.6, kArmed},
    {"took", T::clash, "territory taken", 0.5, kArmed},
    {"took back", T::clash, "territory taken", 0.7, kArmed},
    {"entered", T::clash, "territory taken", 0.5, kArmed},
    {"moved into", T::clash, "territory taken", 0.5, kArmed},
    {"captured", T::clash, "territory taken", 0.6, kArmed},
    {"recaptured", T::clash, "territory taken", 0.8, ""},
    {"retook", T::clash, "territory taken", 0.8, ""},
    {"overran", T::clash, "territory taken", 0.8, ""},
    // a force that drove, pushed or has driven its enemy out of a place (the extractor
    // checks for "out of")
    {"drove", T::clash, "territory taken", 0.6, ""},
    {"driven", T::clash, "territory taken", 0.6, ""},
    {"pushed", T::clash, "territory taken", 0.6, ""},
    // a town or a site that fell, after fighting or to fighters
    {"fell", T::clash, "territory taken", 0.5, kFight,
     "shells shell rockets rocket bombs mortar mortars water output production prices exports "
     "departures arrivals numbers sharply"},
    {"fell to", T::clash, "territory taken", 0.7, kArmed},
    // an assault by armed units on a place they fight for
    {"assault", T::clash, "armed clash", 0.7, kArmed},
    // an assault the other side fought back: "attacked the terminals but were driven back"
    {"driven back", T::clash, "armed clash", 0.7, kArmed},
    {"beaten back", T::clash, "armed clash", 0.7, kArmed},
    {"repelled", T::clash, "armed clash", 0.7, kArmed},
    {"repulsed", T::clash, "armed clash", 0.7, kArmed},
    {"fought off", T::clash, "armed clash", 0.7, kArmed},
    // attacks, air strikes, explosions
    {"attack", T::attack, "attack", 0.7, ""},
    {"attacks", T::attack, "attack", 0.6, ""},
    {"attacked", T::attack, "attack", 0.8, ""},
    {"shelling", T::attack, "shelling", 0.8, ""},
    {"shelled", T::attack, "shelling", 0.8, ""},
    {"airstrike", T::attack, "air strike", 0.9, ""},
    {"airstrikes", T::attack, "air strike", 0.9, ""},
    {"air strike", T::attack, "air strike", 0.9, ""},
    {"air strikes", T::attack, "air strike", 0.9, ""},
    {"air raid", T::attack, "air strike", 0.9, ""},
    {"air raids", T::attack, "air strike", 0.9, ""},
    {"drone strike", T::attack, "air strike", 0.9, ""},
    {"drone strikes", T::attack, "air strike", 0.9, ""},
    {"strikes", T::attack, "air strike", 0.6, kAircraft},
    {"struck", T::attack, "air strike", 0.6, kAircraft},
    {"bombing", T::attack, "explosion", 0.8, ""},
    {"bombings", T::attack, "explosion", 0.8, ""},
    {"bombed", T::attack, "explosion", 0.8, ""},
    {"car bomb", T::attack, "explosion", 0.95, ""},
    {"car bombs", T::attack, "explosion", 0.95, ""},
    {"bomb", T::attack, "explosion", 0.7, "exploded explosion blast planted went detonated"},
    {"bombs", T::attack, "explosion", 0.7, "exploded explosion blast blasts planted went"},
    {"suicide bomber", T::attack, "explosion", 0.95, ""},
    {"explosion", T::attack, "explosion", 0.7, ""},
    {"explosions", T::attack, "explosion", 0.7, ""},
    {"blast", T::attack, "explosion", 0.7, ""},
    {"blasts", T::attack, "explosion", 0.7, ""},
    {"exploded", T::attack, "explosion", 0.8, ""},
    {"rockets", T::attack, "shelling", 0.7, "fired hit landed struck"},
    {"mortar", T::attack, "shelling", 0.7, "fired hit landed struck shells rounds"},
    {"stormed", T::attack, "attack", 0.7, ""},
    {"opened fire", T::attack, "attack", 0.8, ""},
    // "gunmen fired on his car", "fired at the convoy": shots at a target (not "rockets
    // fired", which the entries above read)
    {"fired on", T::attack, "attack", 0.7, kAssailants},
    {"fired at", T::attack, "attack", 0.7, kAssailants},
    {"ambush", T::attack, "attack", 0.8, ""},
    {"ambushed", T::attack, "attack", 0.8, ""},
    // the verbs news uses most for violence that the entries above miss (ranked by how often
    // they are the event word of the event-location training sentences: detonated, shot,
    // targeted, destroyed, burned, torched, abducted ...)
    {"detonated", T::attack, "explosion", 0.8, ""},
    {"blew up", T::attack, "explosion", 0.7, ""},
    {"rocket", T::attack, "shelling", 0.7, kImpact},
    {"missile", T::attack, "shelling", 0.7, kImpact},
    {"missiles", T::attack, "shelling", 0.7, kImpact},
    {"shells", T::attack, "shelling", 0.6, kImpact},
    {"targeted", T::attack, "attack", 0.6, kAssailants},
    {"shot", T::attack, "attack", 0.6, kAssailants},
    {"torched", T::attack, "arson", 0.7, ""},
    {"set fire", T::attack, "arson", 0.6, kAssailants},
    {"abducted", T::attack, "abduction", 0.8, ""},
    // people seized where no armed force is named ("gunmen seized the ambassador"); the
    // extractor keeps it only with people as its object or subject
    {"seized", T::attack, "abduction", 0.6, ""},
    {"kidnapped", T::attack, "abduction", 0.8, ""},
    {"abduction", T::attack, "abduction", 0.7, ""},
    {"kidnapping", T::attack, "abduction", 0.7, ""},
    {"hijacked", T::attack, "hijacking", 0.9, ""},
    {"hijacking", T::attack, "hijacking", 0.8, ""},
    {"explosive device", T::attack, "explosion", 0.8, ""},
    {"bombardment", T::attack, "shelling", 0.8, ""},
    {"drone", T::attack, "air strike", 0.6, "hit targeted"},
    {"grenade", T::attack, "explosion", 0.7, "thrown threw hurled exploded hit fired"},
    {"grenades", T::attack, "explosion", 0.7, "thrown threw hurled exploded hit fired"},
    // killings of people
    {"assassinated", T::killing, "assassination", 0.95, ""},
    {"assassination", T::killing, "assassination", 0.9, ""},
    {"killing", T::killing, "killing", 0.8, ""},
    {"murdered", T::killing, "killing", 0.9, ""},
    // only with an assailant as its subject (the extractor checks): "Gunmen killed three
    // soldiers", not "clashes killed five" (a toll) or "the attackers had been killed"
    {"killed", T::killing, "killing", 0.6, kAssailants},
    // without an assailant, "killed" is a killing only of a person named as its subject
    // ("Gaddafi was captured and killed"): the extractor's named_victim; else a toll
    {"killed", T::killing, "killing", 0.6, ""},
    {"shot dead", T::killing, "killing", 0.9, ""},
    // an aircraft brought down by fire
    {"shot down", T::attack, "aircraft downed", 0.8, kAircraft},
    {"downed", T::attack, "aircraft downed", 0.7, kAircraft},
    // "seized by masked gunmen ... and found dead hours later": a body found after violence
    {"found dead", T::killing, "killing", 0.7, "", kAtSea},
    {"gunned down", T::killing, "killing", 0.9, ""},
    {"executed", T::killing, "execution", 0.7, ""},
    {"beheaded", T::killing, "execution", 0.9, ""},
    {"beheading", T::killing, "execution", 0.9, ""},
    // protests
    {"protest", T::protest, "protest", 0.8, ""},
    {"protests", T::protest, "protest", 0.8, ""},
    {"protesters", T::protest, "protest", 0.8, ""},
    {"protested", T::protest, "protest", 0.9, ""},
    {"protesting", T::protest, "protest", 0.8, ""},
    {"demonstration", T::protest, "demonstration", 0.8, ""},
    {"demonstrations", T::protest, "demonstration", 0.8, ""},
    {"demonstrators", T::protest, "demonstration", 0.8, ""},
    {"demonstrated", T::protest, "demonstration", 0.9, ""},
    {"rally", T::protest, "demonstration", 0.6, ""},
    {"rallies", T::protest, "demonstration", 0.6, ""},
    {"sit-in", T::protest, "sit-in", 0.8, ""},
    {"gathered", T::protest, "demonstration", 0.6, kDemands},
    {"rallied", T::protest, "demonstration", 0.7, kDemands},
    {"marched", T::protest, "demonstration", 0.7, ""},
    {"took to the streets", T::protest, "demonstration", 0.9, ""},
    {"blocked", T::protest, "road block", 0.6, kRoadProtest},
    {"went on strike", T::protest, "strike", 0.8, ""},
    {"on strike", T::protest, "strike", 0.7, "went gone staged"},
    // a crowd broken up by force: a protest met with intervention (ACLED's sub-event)
    {"disperse", T::protest, "protest with intervention", 0.7, kCrowd},
    {"dispersed", T::protest, "protest with intervention", 0.7, kCrowd},
    // border sites and crossings
    {"border crossing", T::border, "crossing", 0.7, kBorderAction},
    {"border crossings", T::border, "crossing", 0.7, kBorderAction},
    {"border centers", T::border, "border centre", 0.8, ""},
    {"border centres", T::border, "border centre", 0.8, ""},
    {"border center", T::border, "border centre", 0.8, ""},
    {"border centre", T::border, "border centre", 0.8, ""},
    {"border post", T::border, "border post", 0.8, ""},
    {"crossing", T::border, "crossing", 0.6, kBorderCrossingAction},
    {"crossings", T::border, "crossing", 0.6, kBorderCrossingAction},
    {"close", T::border, "closure", 0.6, "border borders"}, // "voted to close the borders"
    {"close to", T::border, "closure", 0.0, ""},            // "a town close to the border"
    {"close ally", T::border, "closure", 0.0, ""},
    {"close allies", T::border, "closure", 0.0, ""},
    {"close aide", T::border, "closure", 0.0, ""},
    {"closed", T::border, "closure", 0.6, "border"},
    {"closure", T::border, "closure", 0.7, "border"},
    {"reopened", T::border, "reopening", 0.7, "border"},
    {"reopening", T::border, "reopening", 0.6, "border"},
    // mass graves and bodies found
    {"mass grave", T::mass_grave, "mass grave", 0.95, ""},
    {"grave", T::mass_grave, "mass grave", 0.7,
     "found discovered exhumed unearthed uncovered discovery bodies", kAtSea},
    {"graves", T::mass_grave, "mass grave", 0.7,
     "found discovered exhumed unearthed uncovered discovery bodies", kAtSea},
    {"mass graves", T::mass_grave, "mass grave", 0.95, ""},
    {"bodies", T::mass_grave, "bodies found", 0.6,
     "found discovered recovered exhumed unearthed uncovered discovery charred", kAtSea},
    {"remains", T::mass_grave, "bodies found", 0.4,
     "found discovered recovered exhumed unearthed uncovered discovery charred", kAtSea},
    // migration at sea
    {"shipwreck", T::migration, "shipwreck", 0.9, ""},
    {"capsized", T::migration, "shipwreck", 0.9, ""},
    {"intercepted", T::migration, "interception", 0.7, ""},
    {"intercepts", T::migration, "interception", 0.7, ""},
    {"rescued", T::migration, "rescue", 0.6, "migrants boat sea coast"},
    {"sank", T::migration, "shipwreck", 0.8, ""},
    // a boat lost at sea told in other words than "capsized" and "sank"
    {"sinking", T::migration, "shipwreck", 0.7, kBoat},
    {"sunk", T::migration, "shipwreck", 0.7, kBoat},
    {"broke apart", T::migration, "shipwreck", 0.8, kBoat},
    {"overturned", T::migration, "shipwreck", 0.7, kBoat},
    {"went down", T::migration, "shipwreck", 0.7, kBoat},
    // people taken off a boat at sea by another vessel
    {"picked up", T::migration, "rescue", 0.6, kBoat},
    {"washed ashore", T::migration, "shipwreck", 0.8, "bodies body migrants"},
    {"drowned", T::migration, "shipwreck", 0.7, "migrants boat sea coast"},
    // strategic developments: oil shut-ins, institutions taken over
    {"force majeure", T::strategic, "oil shutdown", 0.9, ""},
    {"shut", T::strategic, "oil shutdown", 0.6, kOil},
    {"shut down", T::strategic, "oil shutdown", 0.7, kOil},
    {"shutdown", T::strategic, "oil shutdown", 0.7, "oil port ports terminal terminals field"},
    {"closure", T::strategic, "oil shutdown", 0.6, kOil},
    {"closures", T::strategic, "oil shutdown", 0.6, kOil},
    // a site taken over or occupied with no fighting told: ACLED's headquarters or base
    // established, non-violent transfer of territory
    {"took over", T::strategic, "takeover", 0.6, kTakenSites, kFight},
    {"taken over", T::strategic, "takeover", 0.6, kTakenSites, kFight},
    {"occupied", T::strategic, "takeover", 0.6, kTakenSites, kFight},
});

bool sentence_has_one_of(const std::vector<Word>& w, std::string_view needs) {
    if (needs.empty())
        return true;
    if (const std::size_t bar = needs.find(" | "); bar != std::string_view::npos) {
        return sentence_has_one_of(w, needs.substr(0, bar)) &&
               sentence_has_one_of(w, needs.substr(bar + 3));
    }
    while (!needs.empty()) {
        const std::size_t sp = needs.find(' ');
        const std::string_view one = needs.substr(0, sp);
        if (std::any_of(w.begin(), w.end(), [&](const Word& x) { return x.lower == one; }))
            return true;
        needs = sp == std::string_view::npos ? std::string_view() : needs.substr(sp + 1);
    }
    return false;
}

/// The entries by their first word, built once.
const std::unordered_multimap<std::string_view, const TriggerEntry*>& by_first_word() {
    static const auto index = [] {
        std::unordered_multimap<std::string_view, const TriggerEntry*> m;
        for (const TriggerEntry& e : kLexicon)
            m.emplace(e.words.substr(0, e.words.find(' ')), &e);
        return m;
    }();
    return index;
}

/// How many words of `entry` match from word `k`, or 0.
std::size_t words_matched(const TriggerEntry& entry, const std::vector<Word>& w, std::size_t k) {
    std::size_t n = 0;
    std::string_view rest = entry.words;
    while (!rest.empty()) {
        const std::size_t sp = rest.find(' ');
        if (k + n >= w.size() || w[k + n].lower != rest.substr(0, sp))
            return 0;
        ++n;
        rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    }
    return n;
}

} // namespace

std::span<const TriggerEntry> trigger_lexicon() {
    return kLexicon;
}

TriggerMatch longest_trigger_at(const std::vector<Word>& w, std::size_t k) {
    TriggerMatch best;
    const auto [first, last] = by_first_word().equal_range(w[k].lower);
    std::vector<const TriggerEntry*> candidates;
    for (auto it = first; it != last; ++it)
        candidates.push_back(it->second);
    // the multimap's order is unspecified: ties go to the entry listed first
    std::sort(candidates.begin(), candidates.end());
    for (const TriggerEntry* e : candidates) {
        const std::size_t n = words_matched(*e, w, k);
        if (n > best.length && sentence_has_one_of(w, e->needs) &&
            (e->unless.empty() || !sentence_has_one_of(w, e->unless)))
            best = {e, n};
    }
    return best;
}

} // namespace kharita::detail
