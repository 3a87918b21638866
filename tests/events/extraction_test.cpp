// The stages of event extraction (core/src/events/extraction.hpp), each on short texts with
// hand-made toponyms: no gazetteer needed.

#include "events/extraction.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace kharita {
namespace {

using detail::Retelling;
using detail::SentenceTrigger;

/// A resolved toponym for the mention `mention` (its first occurrence in `text`).
Toponym toponym(std::string_view text, std::string_view mention, GeoPrecision precision,
                LatLon position, double confidence = 0.5) {
    Toponym t;
    t.start = text.find(mention);
    t.end = t.start + mention.size();
    t.text = std::string(mention);
    t.name = std::string(mention);
    t.precision = precision;
    t.position = position;
    t.confidence = confidence;
    return t;
}

const LatLon kTripoli{32.887, 13.187};
const LatLon kTunis{36.819, 10.166};
const LatLon kMisrata{32.375, 15.092};
const LatLon kLibya{27.0, 17.0};

std::vector<SentenceTrigger> triggers(std::string_view sentence,
                                      const std::vector<Toponym>& toponyms = {}) {
    return detail::sentence_triggers(sentence, 0, sentence.size(), toponyms);
}

std::vector<std::string_view> words_of(const std::vector<SentenceTrigger>& ts) {
    std::vector<std::string_view> out;
    out.reserve(ts.size());
    for (const SentenceTrigger& t : ts)
        out.push_back(t.words);
    return out;
}

/// Whether the sentence has exactly one trigger, of that type and subtype.
::testing::AssertionResult one_trigger(std::string_view sentence, EventType type,
                                       std::string_view subtype) {
    const auto ts = triggers(sentence);
    if (ts.size() != 1 || ts[0].type != type || ts[0].subtype != subtype) {
        return ::testing::AssertionFailure()
               << ts.size() << " triggers in \"" << sentence << "\", not one " << subtype;
    }
    return ::testing::AssertionSuccess();
}

// ---- triggers -----------------------------------------------------------------------------

TEST(SentenceTriggersTest, PeopleSeizedAreAnAbduction) {
    // its object, the subject of a passive, a reduced relative: people taken
    EXPECT_TRUE(one_trigger("Masked gunmen seized the ambassador on Tuesday.", EventType::attack,
                            "abduction"));
    EXPECT_TRUE(one_trigger("A trade official was seized in the capital on Monday.",
                            EventType::attack, "abduction"));
    EXPECT_TRUE(one_trigger("Five members of an aid team seized in the city are still missing.",
                            EventType::attack, "abduction"));
    // an armed force that seizes people takes no town
    EXPECT_TRUE(one_trigger("Fighters seized two engineers near the field on Monday.",
                            EventType::attack, "abduction"));
    EXPECT_TRUE(
        one_trigger("Fighters seized the town on Monday.", EventType::clash, "territory taken"));
    // a thing seized, or a teller of the news before the verb, is no abduction
    EXPECT_TRUE(triggers("Customs officers seized a shipment of rifles on Monday.").empty());
    EXPECT_TRUE(triggers("An official said the smugglers seized the cargo on Monday.").empty());
}

TEST(SentenceTriggersTest, ARunOfHappeningsToldAsOneIsNoEvent) {
    // a wave, a series, months of: many happenings, none told
    EXPECT_TRUE(
        triggers("Residents spoke of the fear left by a wave of suicide bombings.").empty());
    EXPECT_TRUE(triggers("The city has seen a long series of bombings in the past year.").empty());
    EXPECT_TRUE(triggers("The port lived through months of shelling by the brigades.").empty());
    // a wave on a day is that day's happening
    EXPECT_TRUE(one_trigger("A new wave of air strikes hit the port on Monday.", EventType::attack,
                            "air strike"));
}

TEST(SentenceTriggersTest, AnAssaultFoughtBackIsAClash) {
    // "attacked" and the other side's answer are one armed clash
    EXPECT_TRUE(one_trigger("Fighters attacked the terminals on Sunday but were driven back "
                            "within hours.",
                            EventType::clash, "armed clash"));
    EXPECT_TRUE(one_trigger("Troops repelled an assault on the port on Monday.", EventType::clash,
                            "armed clash"));
    // no armed side named: a crowd pushed away is no battle
    EXPECT_TRUE(triggers("The crowd was driven back from the gates by police.").empty());
}

TEST(SentenceTriggersTest, RemainsAsAVerbIsNoFind) {
    EXPECT_TRUE(triggers("Output has recovered, but remains exposed to disputes.").empty());
    EXPECT_TRUE(one_trigger("The remains of nine people were recovered near the farm on Monday.",
                            EventType::mass_grave, "bodies found"));
}

TEST(SentenceTriggersTest, AForceThatDrivesItsEnemyOutTakesThePlace) {
    EXPECT_TRUE(one_trigger("Government troops pushed the rebels out of the oil port on Thursday.",
                            EventType::clash, "territory taken"));
    EXPECT_TRUE(one_trigger("The militants were driven out of the town at the end of May.",
                            EventType::clash, "territory taken"));
    EXPECT_TRUE(one_trigger("Armed men drove a brigade out of the town on Monday.",
                            EventType::clash, "territory taken"));
    // who someone is ("groups driven out of the city"), or a push that drives no one out
    EXPECT_TRUE(triggers("Armed groups driven out of the city could cross the border.").empty());
    EXPECT_TRUE(triggers("Officials pushed for new elections on Monday.").empty());
}

TEST(SentenceTriggersTest, AnAssemblysVoteOrBallotIsASitting) {
    EXPECT_TRUE(one_trigger("The council held a vote on Tuesday to choose its new head.",
                            EventType::meeting, "session"));
    EXPECT_TRUE(one_trigger("He won 26 votes in the congress's ballot on Tuesday.",
                            EventType::meeting, "session"));
    // an electorate's vote, a vote put off, a vote of no assembly: none
    EXPECT_TRUE(triggers("The house was elected in a vote with low turnout.").empty());
    EXPECT_TRUE(triggers("The parliament again delayed a vote on the new cabinet.").empty());
    EXPECT_TRUE(triggers("Shareholders will vote on the merger next month.").empty());
}

TEST(SentenceTriggersTest, AnAircraftShotDownIsAnAttack) {
    EXPECT_TRUE(one_trigger("A militia said it had shot down a drone near Sirte.",
                            EventType::attack, "aircraft downed"));
    EXPECT_TRUE(one_trigger("Anti-aircraft fire downed a helicopter near Sirte.", EventType::attack,
                            "aircraft downed"));
    // no aircraft: no attack ("the minister shot down the proposal")
    const auto proposal = triggers("The minister shot down the proposal at a meeting.");
    EXPECT_TRUE(std::none_of(proposal.begin(), proposal.end(),
                             [](const SentenceTrigger& t) { return t.type == EventType::attack; }));
}

TEST(SentenceTriggersTest, OneBombThatWentOffIsAnAttack) {
    const auto ts = triggers("A small bomb went off outside a police station in Derna.");
    ASSERT_EQ(ts.size(), 1U);
    EXPECT_EQ(ts[0].type, EventType::attack);
    EXPECT_EQ(ts[0].words, "bomb");
    // a bomb that nothing set off is no attack
    EXPECT_TRUE(triggers("A bomb disposal team arrived at the police station in Derna.").empty());
}

TEST(SentenceTriggersTest, AnAssaultByArmedUnitsIsAClashUnlessNamedByWhenItBegan) {
    const auto launched = triggers("Government forces launched a fresh assault on Zawiya.");
    ASSERT_EQ(launched.size(), 1U);
    EXPECT_EQ(launched[0].type, EventType::clash);
    EXPECT_FALSE(launched[0].in_passing);
    // no armed units: no battle
    EXPECT_TRUE(triggers("He was charged with assault after a brawl in a cafe.").empty());
    // the background of the news: "an assault that began in May"
    const auto began = triggers("The army said its forces held the city after a siege of two "
                                "years and an assault that began in May.");
    EXPECT_TRUE(std::all_of(began.begin(), began.end(),
                            [](const SentenceTrigger& t) { return t.in_passing; }));
    const auto began_here = triggers("Its forces began an assault on the city in May.");
    ASSERT_EQ(began_here.size(), 1U);
    EXPECT_FALSE(began_here[0].in_passing);
}

TEST(SentenceTriggersTest, ATownThatFellAfterFightingWasTaken) {
    EXPECT_TRUE(one_trigger("The city fell on Thursday after weeks of fighting.", EventType::clash,
                            "territory taken"));
    EXPECT_TRUE(one_trigger("The port fell to rebel forces on Thursday.", EventType::clash,
                            "territory taken"));
    // what fell that no one took
    for (const std::string_view s : {"Oil output fell sharply after fighting closed the fields.",
                                     "Shells fell on the port on Thursday during the fighting."}) {
        const auto ts = triggers(s);
        EXPECT_TRUE(std::none_of(ts.begin(), ts.end(), [](const SentenceTrigger& t) {
            return t.subtype == "territory taken";
        })) << s;
    }
}

TEST(SentenceTriggersTest, TheLongestEntryAtAWordWinsWithItsSpan) {
    const std::string_view s = "An air strike on Sirte killed six people.";
    const auto ts = triggers(s);
    ASSERT_EQ(ts.size(), 1U);
    EXPECT_EQ(ts[0].type, EventType::attack);
    EXPECT_EQ(ts[0].words, "air strike");
    EXPECT_EQ(ts[0].subtype, "air strike");
    EXPECT_EQ(s.substr(ts[0].start, ts[0].end - ts[0].start), "air strike");
    EXPECT_DOUBLE_EQ(ts[0].strength, 0.9);
}

TEST(SentenceTriggersTest, OneTriggerPerEventTypeInASentence) {
    const auto ts = triggers("Clashes and fighting erupted in Tripoli, and a protest followed.");
    EXPECT_EQ(words_of(ts), (std::vector<std::string_view>{"clashes", "protest"}));
}

TEST(SentenceTriggersTest, ShortSentencesHaveNone) {
    EXPECT_TRUE(triggers("Clashes erupted.").empty());
    EXPECT_TRUE(triggers("").empty());
}

TEST(SentenceTriggersTest, PreventedOrHypotheticalEventsAreNone) {
    EXPECT_EQ(words_of(triggers("Talks were held to prevent clashes in Zawiya.")),
              (std::vector<std::string_view>{"talks"}));
    EXPECT_TRUE(triggers("A truce between forces fighting near Sirte held.").empty());
}

TEST(SentenceTriggersTest, SomeTriggersNeedASecondWord) {
    EXPECT_TRUE(triggers("The bodies were taken to a hospital.").empty());
    EXPECT_EQ(triggers("Ten bodies were found near Sirte.").at(0).type, EventType::mass_grave);
    EXPECT_TRUE(triggers("The crossing reopened on Monday.").empty());
    EXPECT_EQ(triggers("The border crossing reopened on Monday.").at(0).words, "border crossing");
    EXPECT_TRUE(triggers("Hundreds gathered in Martyrs Square.").empty());
    EXPECT_EQ(triggers("Hundreds gathered in Martyrs Square demanding elections.").at(0).type,
              EventType::protest);
    EXPECT_TRUE(triggers("Firefighters rescued a family from the fire.").empty());
    EXPECT_EQ(triggers("The coast guard rescued 40 migrants.").at(0).subtype, "rescue");
}

TEST(SentenceTriggersTest, DeniedConditionalAndThreatenedEventsAreNone) {
    EXPECT_TRUE(triggers("No clashes were reported in Souq al-Jumaa overnight.").empty());
    EXPECT_TRUE(triggers("The two delegations did not meet in Tunis.").empty());
    EXPECT_TRUE(triggers("If the polling stations are attacked, voting will be delayed.").empty());
    EXPECT_TRUE(triggers("The minister threatened to bomb any tanker at the port.").empty());
    EXPECT_EQ(triggers("Clashes were reported in Souq al-Jumaa overnight.").size(), 1U);
}

TEST(SentenceTriggersTest, ATollIsNoKillingOfItsOwn) {
    const auto ts = triggers("A car bomb exploded near the court, killing at least nine people.");
    ASSERT_EQ(ts.size(), 1U);
    EXPECT_EQ(ts[0].type, EventType::attack);
    EXPECT_EQ(triggers("The killing of the commander shocked the city.").at(0).type,
              EventType::killing);
}

TEST(SentenceTriggersTest, StopEntriesAndEntriesThatNeedTwoWords) {
    EXPECT_TRUE(triggers("He spoke at a news conference in the capital.").empty());
    EXPECT_TRUE(triggers("Celebratory gunfire rang out across the city.").empty());
    EXPECT_EQ(triggers("Forces entered the town on Thursday.").at(0).subtype, "territory taken");
    EXPECT_TRUE(triggers("The minister entered the hall on Thursday.").empty());
    EXPECT_EQ(triggers("Rebel forces shut the oil ports of the east.").at(0).type,
              EventType::strategic);
    EXPECT_TRUE(triggers("The shop was shut for the holiday.").empty());
    EXPECT_EQ(triggers("Tunisia closed its border crossings with Libya.").at(0).type,
              EventType::border);
    EXPECT_TRUE(triggers("The border crossings with Tunisia are not affected.").empty());
}

TEST(SentenceTriggersTest, GenericPluralsNeedAPlaceOfTheirOwn) {
    const std::string_view s = "UNSMIL continued its meetings with political parties in Misrata.";
    EXPECT_TRUE(triggers(s).empty());
    EXPECT_TRUE(triggers(s, {toponym(s, "UNSMIL", GeoPrecision::country, kLibya)}).empty());
    EXPECT_EQ(triggers(s, {toponym(s, "Misrata", GeoPrecision::town, kMisrata)}).size(), 1U);
}

TEST(SentenceTriggersTest, TheWordsBeforeSayHowTheEventIsTold) {
    const auto the = triggers("The meeting was held in Tunis on Monday.");
    ASSERT_EQ(the.size(), 1U);
    EXPECT_TRUE(the[0].anaphoric);
    EXPECT_FALSE(the[0].another);
    const auto another = triggers("Another mass grave was found in Tarhuna.");
    ASSERT_EQ(another.size(), 1U);
    EXPECT_TRUE(another[0].another);
    EXPECT_FALSE(another[0].anaphoric);
    const auto passing =
        triggers("Days after deadly clashes in the capital, officials held talks in Tripoli.");
    ASSERT_EQ(passing.size(), 2U);
    EXPECT_TRUE(passing[0].in_passing);  // clashes
    EXPECT_FALSE(passing[1].in_passing); // talks
    const auto plain = triggers("Armed groups clashed in Tripoli on Monday.");
    ASSERT_EQ(plain.size(), 1U);
    EXPECT_FALSE(plain[0].anaphoric || plain[0].another || plain[0].in_passing);
    // a clause "since" opens, with a subject of a name and its possessive
    const auto since =
        triggers("Output has risen since Khalifa Haftar's forces took control of the terminals.");
    ASSERT_EQ(since.size(), 1U);
    EXPECT_TRUE(since[0].in_passing);
}

TEST(SentenceTriggersTest, OffersFearsAndCallsAreNoEvents) {
    EXPECT_TRUE(triggers("The mission said it was ready to host talks in Tunis.").empty());
    EXPECT_TRUE(triggers("Officials feared fighting would spread to Tripoli.").empty());
    EXPECT_TRUE(triggers("Activists used social media to call for protests in Benghazi.").empty());
    // the cue of a call does not reach past a verb of saying
    EXPECT_EQ(words_of(triggers("The envoy called for restraint and said talks would continue "
                                "in Cairo.")),
              (std::vector<std::string_view>{"talks"}));
    EXPECT_TRUE(triggers("He said talks could resume only in Geneva.").empty());
    EXPECT_EQ(triggers("Forces entered the town, meeting little resistance.").at(0).type,
              EventType::clash);
    EXPECT_EQ(triggers("Forces entered the town, meeting little resistance.").size(), 1U);
}

TEST(SentenceTriggersTest, CausesMemoriesMotivesAndStatesAreNoEvents) {
    const auto fleeing = triggers("Egyptians fleeing the fighting in Tripoli reached the border.");
    ASSERT_EQ(fleeing.size(), 1U);
    EXPECT_TRUE(fleeing[0].in_passing);
    const auto away = triggers("The session was held in Tobruk, far from the fighting.");
    ASSERT_EQ(away.size(), 2U);
    EXPECT_TRUE(away[1].in_passing); // fighting
    const auto anniversary =
        triggers("They marched on Thursday, the anniversary of deadly clashes in Benghazi.");
    ASSERT_EQ(anniversary.size(), 2U);
    EXPECT_FALSE(anniversary[0].in_passing); // marched
    EXPECT_TRUE(anniversary[1].in_passing);  // clashes
    EXPECT_EQ(words_of(triggers("The delegation left the conference in protest on Monday.")),
              (std::vector<std::string_view>{"conference"}));
    EXPECT_TRUE(triggers("The closure was a protest against the new government.").empty());
    EXPECT_TRUE(triggers("The two sides have been fighting for control of the bases.").empty());
    EXPECT_TRUE(triggers("The town has been torn by fighting between armed groups.").empty());
    EXPECT_EQ(triggers("The two sides were fighting for control of the bases.").size(), 1U);
    // the cause of what the sentence tells
    const auto over = triggers("The court issued a warrant over the killing of 33 prisoners.");
    ASSERT_EQ(over.size(), 1U);
    EXPECT_TRUE(over[0].in_passing);
    const auto protest = triggers("He resigned in protest at the killing of demonstrators.");
    const auto killing = std::find_if(protest.begin(), protest.end(),
                                      [](const auto& t) { return t.words == "killing"; });
    ASSERT_NE(killing, protest.end());
    EXPECT_TRUE(killing->in_passing);
    // met as a passive says how something was received
    EXPECT_TRUE(triggers("The plan was met with anger in the eastern city.").empty());
    EXPECT_EQ(words_of(triggers("The envoy met with tribal elders in the eastern city.")),
              (std::vector<std::string_view>{"met"}));
}

TEST(SentenceTriggersTest, AnAssaultOnArmedUnitsIsAClash) {
    const auto units = triggers("Gunmen attacked army and police positions across the town.");
    ASSERT_EQ(units.size(), 1U);
    EXPECT_EQ(units[0].type, EventType::clash);
    const auto brigades = triggers("The army attacked the bases of Islamist brigades at dawn.");
    ASSERT_EQ(brigades.size(), 1U);
    EXPECT_EQ(brigades[0].type, EventType::clash);
    // a checkpoint or a building is the target of an attack
    const auto checkpoint = triggers("Militants attacked a checkpoint of the army's forces.");
    ASSERT_EQ(checkpoint.size(), 1U);
    EXPECT_EQ(checkpoint[0].type, EventType::attack);
}

TEST(SentenceTriggersTest, OneHappeningToldWithTwoWordsIsOneEvent) {
    // the toll of an attack, after a comma
    EXPECT_EQ(words_of(triggers("Gunmen stormed the hotel in Tripoli, killing guards and guests.")),
              (std::vector<std::string_view>{"stormed"}));
    // a crowd's assault is its protest; a protest that is the target is not the attack
    EXPECT_EQ(words_of(triggers("Protesters stormed the parliament building in Tobruk.")),
              (std::vector<std::string_view>{"protesters"}));
    EXPECT_EQ(words_of(triggers("Gunmen opened fire on demonstrators in Tripoli on Friday.")),
              (std::vector<std::string_view>{"opened fire", "demonstrators"}));
    // a person killed is the killing, the shooting the way it was done
    EXPECT_EQ(words_of(triggers("Gunmen opened fire on his car in Benghazi, killing him.")),
              (std::vector<std::string_view>{"killing"}));
    // sounds heard retell the fight they are the sound of
    const auto heard = triggers("Gunfire and explosions were heard in the centre of Tripoli.");
    ASSERT_EQ(heard.size(), 2U);
    EXPECT_TRUE(heard[0].anaphoric && heard[1].anaphoric);
    // "the killing of" introduces a happening with what it befell
    EXPECT_FALSE(triggers("The fighting followed the killing of a commander.").at(1).anaphoric);
}

TEST(SentenceTriggersTest, ASecondVerbOfOneTypeAfterAndIsASecondHappening) {
    const std::string_view s =
        "Forces recaptured the airport this week and took Tarhuna on Friday.";
    const auto ts = triggers(s);
    ASSERT_EQ(words_of(ts), (std::vector<std::string_view>{"recaptured", "took"}));
    EXPECT_EQ(ts[0].clause_to, s.find("and took"));
    EXPECT_EQ(ts[1].clause_from, s.find("and took"));
    EXPECT_TRUE(ts[1].repeated_type);
    // nouns joined by "and" name one fight (two verbs for one happening, "attacked and
    // overran the town", get one place and date and fold together: fold_told_again)
    EXPECT_EQ(triggers("Clashes and fighting broke out in Tripoli.").size(), 1U);
}

TEST(SentenceTriggersTest, APresentPerfectOfLastingOrStanceIsAState) {
    EXPECT_TRUE(triggers("Clashes have continued in the district of Sidi Akhribish.").empty());
    EXPECT_TRUE(
        triggers("Demonstrators in both halves of the country have denounced leaders.").empty());
    // the news in the present perfect
    EXPECT_EQ(triggers("Clashes have killed 20 people in Tripoli.").size(), 1U);
    EXPECT_EQ(triggers("Protesters have stormed the parliament in Tobruk.").size(), 1U);
    // the subject ends at a comma
    EXPECT_EQ(triggers("Clashes erupted in Zawiya, and officials have condemned them.").size(), 1U);
}

TEST(SentenceTriggersTest, BackgroundToldAroundTheNews) {
    // a relative clause about someone
    EXPECT_TRUE(triggers("Fighters said they backed Haftar, whose forces attacked Islamist "
                         "groups in Benghazi on Friday.")
                    .empty());
    EXPECT_TRUE(
        triggers("The country divided between the coalition, which took Tripoli in August, and "
                 "the east.")
            .empty());
    // ... closed before the trigger
    EXPECT_EQ(triggers("The strike, which residents blamed on a drone, hit a building and "
                       "clashes followed.")
                  .size(),
              1U);
    // a series up to the report
    EXPECT_TRUE(triggers("The United States has carried out air strikes since August 1.").empty());
    EXPECT_EQ(triggers("The United States carried out air strikes on Sirte on Monday.").size(), 1U);
    // ... but a "since" of another clause dates that clause, not the act
    EXPECT_EQ(triggers("The oil company has declared force majeure at Brega, saying tankers had "
                       "been kept away since guards blocked the gates.")
                  .size(),
              1U);
    // a period of fighting that something followed or ended
    const auto follows = triggers("The departures follow more than two weeks of fighting.");
    const auto ended = triggers("Mediation ended a week of clashes between armed groups.");
    ASSERT_EQ(follows.size(), 1U);
    ASSERT_EQ(ended.size(), 1U);
    EXPECT_TRUE(follows[0].in_passing);
    EXPECT_TRUE(ended[0].in_passing);
    EXPECT_FALSE(triggers("Two days of fighting in Tripoli killed 55 people.").at(0).in_passing);
    // a cause
    EXPECT_TRUE(
        triggers("Lawmakers met in Tobruk because of the clashes in Benghazi.").at(1).in_passing);
    // responsibility for one told elsewhere
    EXPECT_TRUE(triggers("Marchers went to the base of the brigade residents blame for the attack.")
                    .at(0)
                    .in_passing);
    // a progressive perfect
    EXPECT_TRUE(
        triggers("Workers have been crossing home through the Salloum border post.").empty());
}

TEST(SentenceTriggersTest, WhatTheNewsCameWithAndStatesOfFightingArePassing) {
    // whether the sentence's fight is told in passing (true), as news (false), or not at all
    const auto passing = [](std::string_view s) -> std::optional<bool> {
        for (const SentenceTrigger& t : triggers(s)) {
            if (t.type == EventType::clash)
                return t.in_passing;
        }
        return std::nullopt;
    };
    // the clause a piece of news came with
    EXPECT_EQ(passing("The ruling came as fighting continued around the port."), true);
    EXPECT_EQ(passing("The measures come amid renewed clashes in the south."), true);
    EXPECT_EQ(passing("The ruling was read as fighting continued around the port."), false);
    // a state, what stopped, an effect's cause
    EXPECT_EQ(passing("The town was caught up in fighting between two brigades."), true);
    EXPECT_EQ(passing("A pause in the fighting has held since Sunday."), true);
    EXPECT_EQ(passing("Aid reached areas affected by the fighting."), true);
    EXPECT_EQ(passing("Hospitals are stretched by the heavy fighting around the capital."), true);
    // what a verb of ending ended
    EXPECT_EQ(passing("A truce agreed on Sunday ended the fighting in the south."), true);
    // a toll is a report
    EXPECT_EQ(passing("Five men were killed in fighting in the town on Friday."), false);
    EXPECT_EQ(passing("Heavy fighting broke out in the town on Friday."), false);
}

TEST(SentenceTriggersTest, ABriefingOfTheSecurityCouncilIsASitting) {
    const auto ts = triggers("The envoy told the Security Council in New York on Monday that "
                             "talks had stalled.");
    ASSERT_FALSE(ts.empty());
    EXPECT_EQ(ts[0].type, EventType::meeting);
    EXPECT_EQ(ts[0].subtype, "briefing");
    EXPECT_EQ(triggers("The envoy briefed the UN Security Council on Monday.").at(0).subtype,
              "briefing");
    // telling anyone else is saying
    EXPECT_TRUE(
        triggers("The envoy told reporters in New York on Monday that he had resigned.").empty());
}

TEST(SentenceTriggersTest, CommonVerbsOfViolence) {
    for (const std::string_view s : {"Militants detonated a bomb near a market on Monday.",
                                     "Armed men abducted the mayor of the town on Monday.",
                                     "Gunmen hijacked a plane at the airport on Monday.",
                                     "A rocket hit a house in the suburb on Monday.",
                                     "Militiamen torched cars in the town on Monday.",
                                     "Gunmen targeted a police patrol on Monday."}) {
        const auto t = triggers(s);
        ASSERT_EQ(t.size(), 1U) << s;
        EXPECT_EQ(t[0].type, EventType::attack) << s;
    }
    // "shot" and "targeted" need an assailant; "killed" needs one as its subject
    EXPECT_TRUE(triggers("The report targeted corruption in the ministry.").empty());
    EXPECT_TRUE(triggers("Five people were killed in the town on Monday.").empty());
    const auto killed = triggers("Gunmen killed three soldiers at a checkpoint on Monday.");
    ASSERT_EQ(killed.size(), 1U);
    EXPECT_EQ(killed[0].type, EventType::killing);
    EXPECT_TRUE(triggers("Security officials said the attackers had been killed.").empty());
    const auto toll = triggers("Clashes between militants killed five people on Monday.");
    ASSERT_EQ(toll.size(), 1U);
    EXPECT_EQ(toll[0].type, EventType::clash);
}

TEST(SentenceTriggersTest, CommonWordsForSittingsProtestsAndFights) {
    const std::pair<std::string_view, EventType> cases[] = {
        {"The new government was sworn in before parliament on Monday.", EventType::meeting},
        {"Parliament passed a vote of confidence in the cabinet on Monday.", EventType::meeting},
        {"Hundreds took to the streets of the capital on Monday.", EventType::protest},
        {"Residents blocked roads on Monday to denounce power cuts.", EventType::protest},
        {"Dock workers went on strike at the port on Monday.", EventType::protest},
        {"Rival militias exchanged fire in the suburb on Monday.", EventType::clash},
        {"An explosive device went off near a checkpoint on Monday.", EventType::attack},
        {"A grenade was thrown at a police station on Monday.", EventType::attack},
        {"Rocket-propelled grenades hit the agency's office on Monday.", EventType::attack},
        {"Government forces laid siege to the town on Monday.", EventType::clash},
        {"Heavy bombardment hit the district on Monday.", EventType::attack},
        {"A drone hit a truck near the town on Monday.", EventType::attack},
        {"The bodies of 20 migrants washed ashore on Monday.", EventType::migration}};
    for (const auto& [s, type] : cases) {
        const auto t = triggers(s);
        ASSERT_EQ(t.size(), 1U) << s;
        EXPECT_EQ(t[0].type, type) << s;
    }
    // a road blocked with no protest in the sentence, a grenade only carried, are none
    EXPECT_TRUE(triggers("Landslides blocked roads in the mountains on Monday.").empty());
    EXPECT_TRUE(triggers("Police found a grenade in the car on Monday.").empty());
    EXPECT_TRUE(triggers("Police found grenades in the car on Monday.").empty());
}

TEST(SentenceTriggersTest, APluperfectInARelativeClauseIsWhoTheyAre) {
    EXPECT_TRUE(
        triggers("Two employees who had been kidnapped in November were freed on Monday.").empty());
    EXPECT_TRUE(triggers("The brigade that had attacked the base withdrew on Monday.").empty());
    EXPECT_EQ(triggers("Gunmen kidnapped two employees in the town on Monday.").size(), 1U);
}

TEST(SentenceTriggersTest, OneReferredBackToLeavesRoomForANewOneLikeIt) {
    const std::string_view s =
        "The protests in the east followed similar demonstrations in Tripoli last month.";
    const std::vector<Toponym> ts = {toponym(s, "Tripoli", GeoPrecision::town, kTripoli)};
    const auto both = triggers(s, ts);
    ASSERT_EQ(words_of(both), (std::vector<std::string_view>{"protests", "demonstrations"}));
    EXPECT_TRUE(both[0].anaphoric);
    EXPECT_FALSE(both[1].anaphoric);
    // "The protesters gathered ... and marched": one protest
    EXPECT_EQ(
        triggers("The protesters gathered in the square, then marched to the offices.").size(), 1U);
}

TEST(SentenceTriggersTest, ADatelinesPlaceIsNoPlaceOfAGenericPlural) {
    const std::string_view s =
        "THE HAGUE, June 27 - Judges said they had ordered attacks on civilians.";
    const std::vector<Toponym> ts = {toponym(s, "THE HAGUE", GeoPrecision::town, {52.1, 4.3})};
    EXPECT_TRUE(triggers(s, ts).empty());
    const std::string_view placed = "Judges said they had ordered attacks on civilians in Misrata.";
    const std::vector<Toponym> ts2 = {toponym(placed, "Misrata", GeoPrecision::town, kMisrata)};
    EXPECT_EQ(triggers(placed, ts2).size(), 1U);
}

TEST(SentenceTriggersTest, TakeoversVotesAndStrikesFromTheAir) {
    EXPECT_EQ(triggers("Forces took control of the oil terminals on Sunday.").at(0).type,
              EventType::strategic);
    EXPECT_EQ(triggers("Forces took control of the oil terminals after heavy fighting.").at(0).type,
              EventType::clash);
    EXPECT_EQ(triggers("The army said it had taken full control of Sirte.").at(0).subtype,
              "territory taken");
    // gunmen entering a house take no territory; their shooting is the event
    const auto entered = triggers("Gunmen entered the house and shot her.");
    ASSERT_EQ(entered.size(), 1U);
    EXPECT_EQ(entered[0].type, EventType::attack);
    EXPECT_EQ(triggers("The Security Council voted on Thursday night.").at(0).type,
              EventType::meeting);
    EXPECT_TRUE(triggers("Residents voted on Thursday in the municipal election.").empty());
    EXPECT_EQ(triggers("The Congress voted to close the borders with Chad and Niger.").at(1).type,
              EventType::border);
    EXPECT_TRUE(
        triggers("Fighting broke out in a town close to the border with Tunisia.").at(0).type ==
        EventType::clash);
    EXPECT_EQ(triggers("Fighting broke out in a town close to the border with Tunisia.").size(),
              1U);
    EXPECT_EQ(triggers("A warplane struck the airport on Monday.").at(0).subtype, "air strike");
}

// ---- the place ----------------------------------------------------------------------------

TEST(PlaceStageTest, WhereTheActorsComeFromIsNotWhereItHappened) {
    const std::string_view s = "He was captured on Saturday in the desert of southern Libya by "
                               "fighters from Zintan, officials said.";
    const std::vector<Toponym> ts = {
        toponym(s, "southern Libya", GeoPrecision::region, {26.2, 14.8}, 0.9),
        toponym(s, "Zintan", GeoPrecision::town, {31.9, 12.3}, 0.9)};
    const Toponym* p = detail::best_place(s, 0, s.size(), ts, s.find("captured"), EventType::clash);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->text, "southern Libya");
}

TEST(PlaceStageTest, PlacesStartAfterADatelinesDash) {
    const std::string_view dateline = "ZUWARA, 1 July 2024 - Clashes erupted in the town.";
    EXPECT_EQ(detail::candidate_places_from(dateline, 0, dateline.size()),
              dateline.find("Clashes"));
    const std::string_view plain = "Zuwara, 1 July 2024 - Clashes erupted in the town.";
    EXPECT_EQ(detail::candidate_places_from(plain, 0, plain.size()), 0U);
    // a capital with an apostrophe: its first word alone ("N") is no word of capitals
    const std::string_view apostrophe = "N'DJAMENA, Jan 6 (Wire) - Chad has closed its border.";
    EXPECT_EQ(detail::candidate_places_from(apostrophe, 0, apostrophe.size()),
              apostrophe.find("Chad"));
    const std::string_view typed = "BENGHAZI, Nov. 11 (Wire) -- Gunmen shot dead a lawyer.";
    EXPECT_EQ(detail::candidate_places_from(typed, 0, typed.size()), typed.find("Gunmen"));
    const std::string_view no_dash = "ZUWARA residents protested on Monday.";
    EXPECT_EQ(detail::candidate_places_from(no_dash, 0, no_dash.size()), 0U);
}

TEST(PlaceStageTest, WhereItWasHeldBeatsWhatItWasAbout) {
    const std::string_view s =
        "Officials held a meeting in Tunis on Monday about security on Libya's western border.";
    const std::vector<Toponym> ts = {toponym(s, "Tunis", GeoPrecision::town, kTunis),
                                     toponym(s, "Libya", GeoPrecision::country, kLibya)};
    const std::size_t trigger = s.find("meeting");
    EXPECT_GT(detail::place_score(s, ts[0], trigger, EventType::meeting),
              detail::place_score(s, ts[1], trigger, EventType::meeting));
    const Toponym* best = detail::best_place(s, 0, s.size(), ts, trigger, EventType::meeting);
    ASSERT_NE(best, nullptr);
    EXPECT_EQ(best->text, "Tunis");
    EXPECT_EQ(detail::secondary_places(0, s.size(), ts, *best),
              (std::vector<std::string>{"Libya"}));
}

TEST(PlaceStageTest, AReferencePointScoresBelowThePlaceItLocates) {
    const std::string_view s = "A boat capsized off Khoms, east of Tripoli, on Thursday.";
    const Toponym khoms = toponym(s, "Khoms", GeoPrecision::town, {32.65, 14.26});
    const Toponym tripoli = toponym(s, "Tripoli", GeoPrecision::town, kTripoli);
    const std::size_t trigger = s.find("capsized");
    EXPECT_GT(detail::place_score(s, khoms, trigger, EventType::migration),
              detail::place_score(s, tripoli, trigger, EventType::migration) + 1.5);
}

TEST(PlaceStageTest, WhatAProtestIsForOrAgainstIsNotWhereItIs) {
    // the crowd stood with Gaza in a Libyan town: Gaza scores as a reference, below a place
    // named with no cue at all
    const std::string_view s = "Crowds from Misrata protested on Friday in solidarity with Gaza.";
    const Toponym misrata = toponym(s, "Misrata", GeoPrecision::town, {32.38, 15.09});
    const Toponym gaza = toponym(s, "Gaza", GeoPrecision::town, {31.50, 34.47});
    const std::size_t trigger = s.find("protested");
    EXPECT_GT(detail::place_score(s, misrata, trigger, EventType::protest),
              detail::place_score(s, gaza, trigger, EventType::protest) + 0.5);
    // "the bombardment of Gaza": another happening's place, unless that noun is the trigger
    const std::string_view b = "Crowds gathered to denounce the bombardment of Gaza.";
    const Toponym gaza_b = toponym(b, "Gaza", GeoPrecision::town, {31.50, 34.47});
    EXPECT_LT(detail::place_score(b, gaza_b, b.find("gathered"), EventType::protest),
              detail::place_score(b, gaza_b, b.find("bombardment"), EventType::attack) - 0.5);
}

TEST(PlaceStageTest, APlaceInAnotherClauseAfterTheTriggerIsNotItsPlace) {
    const std::string_view s = "Tunisia closed its crossings with Libya, Ras Jedir and Dehiba, "
                               "after gunmen attacked posts in the town of Ben Guerdane.";
    const std::vector<Toponym> ts = {
        toponym(s, "Ras Jedir", GeoPrecision::town, {33.15, 11.57}, 0.6),
        toponym(s, "Ben Guerdane", GeoPrecision::town, {33.14, 11.22}, 0.9)};
    const Toponym* best =
        detail::best_place(s, 0, s.size(), ts, s.find("closed"), EventType::border);
    ASSERT_NE(best, nullptr);
    EXPECT_EQ(best->text, "Ras Jedir");
    // the attack's own place is in its clause
    EXPECT_EQ(detail::best_place(s, 0, s.size(), ts, s.find("attacked"), EventType::attack)->text,
              "Ben Guerdane");
}

TEST(PlaceStageTest, WhereSomeoneCameFromIsNoScene) {
    const std::string_view s = "Shells fired from Tarhuna hit the suburb on Thursday.";
    const std::vector<Toponym> ts = {
        toponym(s, "Tarhuna", GeoPrecision::town, {32.43, 13.63}, 0.9)};
    EXPECT_EQ(detail::best_place(s, 0, s.size(), ts, s.find("hit"), EventType::attack), nullptr);
    // ... unless a "where" after it opens the clause of the event
    const std::string_view where = "He came from Tunis, where he had met the minister.";
    const std::vector<Toponym> tw = {toponym(where, "Tunis", GeoPrecision::town, {36.8, 10.2})};
    const Toponym* best =
        detail::best_place(where, 0, where.size(), tw, where.find("met"), EventType::meeting);
    ASSERT_NE(best, nullptr);
    EXPECT_EQ(best->text, "Tunis");
}

TEST(PlaceStageTest, AGroupOrEnvoyNamedForACountryIsNotThere) {
    for (const std::string_view s : {"The Libya contact group met on Thursday.",
                                     "The Libya envoy met the two leaders on Thursday."}) {
        const std::vector<Toponym> ts = {
            toponym(s, "Libya", GeoPrecision::country, {27.0, 17.0}, 0.9)};
        EXPECT_EQ(detail::best_place(s, 0, s.size(), ts, s.find("met"), EventType::meeting),
                  nullptr)
            << s;
    }
}

TEST(PlaceStageTest, APlaceInAnAppositionIsNotTheEventsPlace) {
    const std::string_view s = "Gunmen shot dead Hanan, a lawyer known for her criticism of "
                               "abuses in eastern Libya, in a busy street in Benghazi on Tuesday.";
    const std::vector<Toponym> ts = {
        toponym(s, "eastern Libya", GeoPrecision::region, {26.4, 22.2}, 0.9),
        toponym(s, "Benghazi", GeoPrecision::town, {32.12, 20.07}, 0.5)};
    const Toponym* best =
        detail::best_place(s, 0, s.size(), ts, s.find("shot dead"), EventType::killing);
    ASSERT_NE(best, nullptr);
    EXPECT_EQ(best->text, "Benghazi");
}

TEST(PlaceStageTest, APartOfAPlaceIsWhereTheEventWas) {
    const std::string_view s = "Fighters from Misrata overran District Two, the last "
                               "neighbourhood of Sirte held by loyalists.";
    const Toponym misrata = toponym(s, "Misrata", GeoPrecision::town, kMisrata);
    const Toponym sirte = toponym(s, "Sirte", GeoPrecision::town, {31.2, 16.6});
    EXPECT_TRUE(detail::located_at(s, sirte));
    EXPECT_EQ(
        detail::best_place(s, 0, s.size(), {misrata, sirte}, s.find("overran"), EventType::clash)
            ->text,
        "Sirte");
    const std::string_view district = "Two car bombs exploded in the Salmani district of Benghazi.";
    EXPECT_TRUE(
        detail::located_at(district, toponym(district, "Benghazi", GeoPrecision::town, {32, 20})));
    const std::string_view around = "Fighting raged in and around Tripoli.";
    EXPECT_TRUE(
        detail::located_at(around, toponym(around, "Tripoli", GeoPrecision::town, kTripoli)));
}

TEST(PlaceStageTest, WhereAnInstitutionSitsIsNoVenue) {
    const std::string_view s = "Forces aligned with the government in Tripoli attacked the air "
                               "base in southern Libya.";
    const Toponym tripoli = toponym(s, "Tripoli", GeoPrecision::town, kTripoli);
    const Toponym south = toponym(s, "southern Libya", GeoPrecision::region, {26.2, 14.8});
    EXPECT_FALSE(detail::located_at(s, tripoli));
    EXPECT_EQ(
        detail::best_place(s, 0, s.size(), {tripoli, south}, s.find("attacked"), EventType::attack)
            ->text,
        "southern Libya");
}

TEST(PlaceStageTest, ASittingWithNoVenueWasWhereTheReportWasFiled) {
    const std::string text = "TRIPOLI (Wire) - The Congress voted on Sunday to close the borders "
                             "and to declare southern Libya a military zone.\n";
    const std::vector<Toponym> toponyms = {
        toponym(text, "TRIPOLI", GeoPrecision::town, kTripoli),
        toponym(text, "southern Libya", GeoPrecision::region, {26.2, 14.8})};
    const CivilDay published = *CivilDay::make(2012, 12, 17);
    const auto timexes = TemporalTagger().find(text, LocalTime{published, -1});
    const auto events = EventExtractor(nullptr, false).extract(text, toponyms, timexes, published);
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0].type, EventType::meeting); // "voted"
    EXPECT_EQ(events[0].place->text, "TRIPOLI");
    EXPECT_EQ(events[1].type, EventType::border); // "close the borders"
    EXPECT_EQ(events[1].place->text, "southern Libya");
}

TEST(PlaceStageTest, ThereIsAPlaceNamedBeforeAndThenStartsAClause) {
    const std::string text = "Guterres, who was visiting Tripoli, met the prime minister there on "
                             "Thursday and then held talks with Haftar in Benghazi on Friday.\n";
    const std::vector<Toponym> toponyms = {toponym(text, "Tripoli", GeoPrecision::town, kTripoli),
                                           toponym(text, "Benghazi", GeoPrecision::town, {32, 20})};
    const CivilDay published = *CivilDay::make(2019, 4, 6);
    const auto timexes = TemporalTagger().find(text, LocalTime{published, -1});
    const auto events = EventExtractor(nullptr, false).extract(text, toponyms, timexes, published);
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0].place->text, "Tripoli");
    EXPECT_EQ(events[0].date_start, CivilDay::make(2019, 4, 4));
    EXPECT_EQ(events[1].place->text, "Benghazi");
    EXPECT_EQ(events[1].date_start, CivilDay::make(2019, 4, 5));
}

TEST(PlaceStageTest, WhereAnActorSitsIsNoVenue) {
    const std::string_view s =
        "The House, which sits in Tobruk, will hold a session in Benghazi on Monday.";
    const Toponym tobruk = toponym(s, "Tobruk", GeoPrecision::town, {32.08, 23.96});
    const Toponym benghazi = toponym(s, "Benghazi", GeoPrecision::town, {32.12, 20.07});
    EXPECT_FALSE(detail::located_at(s, tobruk));
    EXPECT_TRUE(detail::located_at(s, benghazi));
    const std::size_t trigger = s.find("session");
    EXPECT_GT(detail::place_score(s, benghazi, trigger, EventType::meeting),
              detail::place_score(s, tobruk, trigger, EventType::meeting) + 1.0);
}

TEST(PlaceStageTest, UnresolvedAndDatelinePlacesAreNoCandidates) {
    const std::string_view s = "TRIPOLI - Clashes erupted in Misrata.";
    Toponym unresolved = toponym(s, "Misrata", GeoPrecision::town, {});
    const std::vector<Toponym> ts = {toponym(s, "TRIPOLI", GeoPrecision::town, kTripoli),
                                     unresolved};
    const std::size_t from = detail::candidate_places_from(s, 0, s.size());
    EXPECT_EQ(detail::best_place(s, from, s.size(), ts, s.find("Clashes"), EventType::clash),
              nullptr);
}

TEST(PlaceStageTest, EachPlaceOfAListIsAnEventWhereTheEventIsLocated) {
    const std::string_view s = "Mass graves were found in Jakharrah and Al-Kufra, officials said.";
    const std::vector<Toponym> ts = {toponym(s, "Jakharrah", GeoPrecision::town, {29.0, 21.5}),
                                     toponym(s, "Al-Kufra", GeoPrecision::town, {24.2, 23.3})};
    const auto more = detail::coordinated_places(s, s.size(), ts, ts[0]);
    ASSERT_EQ(more.size(), 1U);
    EXPECT_EQ(more[0].text, "Al-Kufra");
    // not a list: a place after other words
    const std::string_view apart = "Mass graves were found in Jakharrah near Al-Kufra.";
    const std::vector<Toponym> ts2 = {toponym(apart, "Jakharrah", GeoPrecision::town, {29, 21}),
                                      toponym(apart, "Al-Kufra", GeoPrecision::town, {24, 23})};
    EXPECT_TRUE(detail::coordinated_places(apart, apart.size(), ts2, ts2[0]).empty());
    // an origin, not where it happened
    const std::string_view origin = "Migrants intercepted at sea came from Zuwara and Sabratha.";
    const std::vector<Toponym> ts3 = {
        toponym(origin, "Zuwara", GeoPrecision::region, {32.9, 12.1}, 0.2),
        toponym(origin, "Sabratha", GeoPrecision::region, {32.8, 12.5}, 0.2)};
    EXPECT_TRUE(detail::coordinated_places(origin, origin.size(), ts3, ts3[0]).empty());
    // the cue before the list counts, not how sure or how fine each place is
    const std::string_view fighters = "The attack began with fighters from Tripoli, Zintan and "
                                      "Misrata moving on the town.";
    const std::vector<Toponym> ts4 = {
        toponym(fighters, "Tripoli", GeoPrecision::town, {32.9, 13.2}, 0.95),
        toponym(fighters, "Zintan", GeoPrecision::town, {31.9, 12.3}, 0.95),
        toponym(fighters, "Misrata", GeoPrecision::town, {32.4, 15.1}, 0.95)};
    EXPECT_TRUE(detail::coordinated_places(fighters, fighters.size(), ts4, ts4[0]).empty());
    // a coarser place after a bare comma says where the first is: "in Valletta, Malta"
    const std::string_view where = "Leaders will meet in Valletta, Malta, on Friday.";
    const std::vector<Toponym> ts5 = {toponym(where, "Valletta", GeoPrecision::town, {35.9, 14.5}),
                                      toponym(where, "Malta", GeoPrecision::country, {35.9, 14.4})};
    EXPECT_TRUE(detail::coordinated_places(where, where.size(), ts5, ts5[0]).empty());
    // ... but a list that goes on after the coarser place is still one list
    const std::string_view ports = "Guards shut the ports of Es Sider, Zueitina and Hariga.";
    const std::vector<Toponym> ts6 = {toponym(ports, "Es Sider", GeoPrecision::site, {30.6, 18.4}),
                                      toponym(ports, "Zueitina", GeoPrecision::town, {30.9, 20.1}),
                                      toponym(ports, "Hariga", GeoPrecision::site, {32.1, 23.9})};
    EXPECT_EQ(detail::coordinated_places(ports, ports.size(), ts6, ts6[0]).size(), 2U);
}

TEST(PlaceStageTest, TheWholeListCountsWhicheverItemWasChosen) {
    // the chosen place is inside the list; an item the gazetteer could not place ("Es Sider")
    // does not end it
    const std::string_view s =
        "The closures cover the ports of Brega, Ras Lanuf, Es Sider and Zueitina, the NOC said.";
    const std::vector<Toponym> ts = {toponym(s, "Brega", GeoPrecision::town, {30.4, 19.6}),
                                     toponym(s, "Ras Lanuf", GeoPrecision::town, {30.5, 18.6}),
                                     toponym(s, "Zueitina", GeoPrecision::town, {30.9, 20.1})};
    const auto more = detail::coordinated_places(s, s.size(), ts, ts[1]);
    ASSERT_EQ(more.size(), 2U);
    EXPECT_EQ(more[0].text, "Brega");
    EXPECT_EQ(more[1].text, "Zueitina");
    // lower-case words between two places end the list
    const std::string_view apart =
        "The closures cover the ports of Brega, Ras Lanuf and the fields near Zueitina.";
    const std::vector<Toponym> ts2 = {toponym(apart, "Brega", GeoPrecision::town, {30.4, 19.6}),
                                      toponym(apart, "Ras Lanuf", GeoPrecision::town, {30.5, 18.6}),
                                      toponym(apart, "Zueitina", GeoPrecision::town, {30.9, 20.1})};
    const auto two = detail::coordinated_places(apart, apart.size(), ts2, ts2[0]);
    ASSERT_EQ(two.size(), 1U);
    EXPECT_EQ(two[0].text, "Ras Lanuf");
    // the preposition said again: "in Tripoli and in Misrata and Zawiya"
    const std::string_view again = "Protests will be held in Tripoli and in Misrata and Zawiya.";
    const std::vector<Toponym> ts3 = {toponym(again, "Tripoli", GeoPrecision::town, {32.9, 13.2}),
                                      toponym(again, "Misrata", GeoPrecision::town, {32.4, 15.1}),
                                      toponym(again, "Zawiya", GeoPrecision::town, {32.8, 12.7})};
    EXPECT_EQ(detail::coordinated_places(again, again.size(), ts3, ts3[1]).size(), 2U);
}

// ---- the date and the status --------------------------------------------------------------

const std::optional<LocalTime> kReference = LocalTime::parse("2025-06-14");

/// The date governing the trigger word `trigger` of the one-sentence text `s`.
const Timex* date_of(std::string_view s, const std::vector<Timex>& timexes,
                     std::string_view trigger) {
    return detail::governing_date(s, 0, s.size(), 0, timexes, s.find(trigger));
}

TEST(DateStageTest, TheSentencesDateNearestTheTrigger) {
    const std::string_view s =
        "On 2 May 2025 talks began, and clashes erupted in Tripoli on 12 May 2025.";
    const auto timexes = TemporalTagger().find(s, kReference);
    ASSERT_EQ(timexes.size(), 2U);
    const Timex* d = date_of(s, timexes, "clashes");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->first, CivilDay::make(2025, 5, 12));
    d = date_of(s, timexes, "talks");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->first, CivilDay::make(2025, 5, 2));
}

TEST(DateStageTest, AYearNamingAnotherHappeningDatesOnlyItsNoun) {
    const std::string_view s = "Fighting broke out in Tripoli, the worst since the 2011 uprising, "
                               "and the 2011 clashes were recalled.";
    const auto timexes = TemporalTagger().find(s, kReference);
    ASSERT_EQ(timexes.size(), 2U);
    EXPECT_TRUE(timexes[0].attributive && timexes[1].attributive); // the time layer says so
    EXPECT_EQ(date_of(s, timexes, "Fighting"), nullptr);
    const Timex* d = date_of(s, timexes, "clashes");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->first, CivilDay::make(2011, 1, 1));
}

TEST(DateStageTest, ADateSetOffBeforeTheTriggerYieldsToTheTriggersOwn) {
    const std::string_view s = "Ali, a lawyer who called for protests in March, was shot dead in "
                               "Benghazi on Friday as he left a mosque.";
    const auto timexes = TemporalTagger().find(s, kReference);
    ASSERT_EQ(timexes.size(), 2U);
    const Timex* d = date_of(s, timexes, "shot dead");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->precision, TimePrecision::day);
}

TEST(DateStageTest, ADateInWhatWasToldIsNotTheTellingsMeeting) {
    const std::string_view s = "The envoy told the council's meeting in New York that the "
                               "amendment approved at a session in Benghazi on 7 May 2025 was "
                               "contested.";
    const auto timexes = TemporalTagger().find(s, kReference);
    ASSERT_EQ(timexes.size(), 1U);
    EXPECT_EQ(date_of(s, timexes, "meeting"), nullptr);
    const Timex* session = date_of(s, timexes, "session");
    ASSERT_NE(session, nullptr);
    EXPECT_EQ(session->first, CivilDay::make(2025, 5, 7));
    // a relative "that" keeps its noun's date
    const std::string_view bombs = "The raid followed two car bombs that exploded near the "
                                   "embassies on 13 May 2025.";
    const auto bomb_timexes = TemporalTagger().find(bombs, kReference);
    ASSERT_EQ(bomb_timexes.size(), 1U);
    EXPECT_NE(date_of(bombs, bomb_timexes, "car bombs"), nullptr);
}

TEST(DateStageTest, ADateInARelativeClauseAfterTheTriggerIsTheClauses) {
    const std::string_view s = "The protesters demand that power pass to the government of "
                               "Bashagha, which was approved by the House in March.";
    const auto timexes = TemporalTagger().find(s, kReference);
    ASSERT_EQ(timexes.size(), 1U);
    EXPECT_EQ(detail::governing_date(s, 0, s.size(), 0, timexes, s.find("protesters")), nullptr);
    // a relative clause closed before the date does not hold it
    const std::string_view closed = "Clashes, which began at dawn, ended in Zawiya on 12 May 2025.";
    const auto closed_timexes = TemporalTagger().find(closed, kReference);
    ASSERT_FALSE(closed_timexes.empty());
    const Timex* d =
        detail::governing_date(closed, 0, closed.size(), 0, closed_timexes, closed.find("Clashes"));
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->first, CivilDay::make(2025, 5, 12));
}

TEST(DateStageTest, APlanTakesNoPastDayFromTheSentenceBefore) {
    const std::string text = "The government, approved in March, has worked from Sirte. The envoy "
                             "said talks would continue in Cairo.\n";
    const std::vector<Toponym> toponyms = {
        toponym(text, "Sirte", GeoPrecision::town, {31.2, 16.6}),
        toponym(text, "Cairo", GeoPrecision::town, {30.1, 31.2})};
    const CivilDay published = *CivilDay::make(2022, 5, 17);
    const auto timexes = TemporalTagger().find(text, LocalTime{published, -1});
    const auto events = EventExtractor(nullptr, false).extract(text, toponyms, timexes, published);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].status, EventStatus::planned);
    EXPECT_EQ(events[0].date_start, published); // the thirty days from the report
    EXPECT_TRUE(events[0].date_assumed);
}

TEST(DateStageTest, ElseTheLastDateOfTheSentenceBeforeInTheParagraph) {
    const std::string text = "Clashes erupted in Tripoli on 12 May 2025. Talks followed in Tunis.";
    const auto timexes = TemporalTagger().find(text, kReference);
    const std::size_t from = text.find("Talks");
    const Timex* d = detail::governing_date(text, from, text.size(), from, timexes, from);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->first, CivilDay::make(2025, 5, 12));
    // a new paragraph starts afresh
    const std::string para = "Clashes erupted in Tripoli on 12 May 2025.\nTalks followed in Tunis.";
    const auto para_timexes = TemporalTagger().find(para, kReference);
    const std::size_t pfrom = para.find("Talks");
    EXPECT_EQ(detail::governing_date(para, pfrom, para.size(), pfrom, para_timexes, pfrom),
              nullptr);
}

TEST(DateStageTest, ADatelinesDateDoesNotGovern) {
    const std::string_view s = "TRIPOLI, 14 May 2025 - Clashes erupted in the capital.";
    const auto timexes = TemporalTagger().find(s, kReference);
    ASSERT_FALSE(timexes.empty());
    const std::size_t from = detail::candidate_places_from(s, 0, s.size());
    EXPECT_EQ(detail::governing_date(s, 0, s.size(), from, timexes, s.find("Clashes")), nullptr);
}

TEST(DateStageTest, DatesOfAnEvent) {
    const auto day = [](int y, unsigned m, unsigned d) { return *CivilDay::make(y, m, d); };
    Timex since;
    since.first = day(2023, 8, 1);
    since.last = day(2025, 6, 14);
    since.precision = TimePrecision::month;
    since.open_end = true;
    Event e;
    detail::set_dates(e, &since, day(2025, 6, 14));
    EXPECT_EQ(e.date_start, day(2023, 8, 1)); // "since August 2023": its start
    EXPECT_EQ(e.date_end, day(2023, 8, 31));
    EXPECT_EQ(e.time_precision, TimePrecision::month);
    since.precision = TimePrecision::year;
    detail::set_dates(e, &since, day(2025, 6, 14));
    EXPECT_EQ(e.date_end, day(2023, 12, 31));

    Timex at_noon;
    at_noon.first = at_noon.last = day(2025, 5, 12);
    at_noon.precision = TimePrecision::time;
    Event noon;
    detail::set_dates(noon, &at_noon, std::nullopt);
    EXPECT_EQ(noon.time_precision, TimePrecision::day); // a time of day counts as its day

    Event undated; // told as just happened: the week before publication, assumed
    detail::set_dates(undated, nullptr, day(2025, 6, 14));
    EXPECT_EQ(undated.date_start, day(2025, 6, 8));
    EXPECT_EQ(undated.date_end, day(2025, 6, 14));
    EXPECT_EQ(undated.time_precision, TimePrecision::week);
    EXPECT_TRUE(undated.date_assumed);

    Event planned; // planned: the thirty days from publication
    planned.status = EventStatus::planned;
    detail::set_dates(planned, nullptr, day(2025, 6, 14));
    EXPECT_EQ(planned.date_start, day(2025, 6, 14));
    EXPECT_EQ(planned.date_end, day(2025, 7, 13));
    EXPECT_EQ(planned.time_precision, TimePrecision::month);

    Event unknown; // no publication day either: nothing to assume
    detail::set_dates(unknown, nullptr, std::nullopt);
    EXPECT_EQ(unknown.date_start, std::nullopt);
    EXPECT_EQ(unknown.date_end, std::nullopt);
    EXPECT_EQ(unknown.time_precision, std::nullopt);
    EXPECT_FALSE(unknown.date_assumed);
}

TEST(DateStageTest, TheNarrativesDateAndHistory) {
    const std::string text = "Talks opened on 3 May 2025. Since 2011 the country is split. "
                             "In 2014 clashes began. Delegates met on 9 May 2025.";
    const auto timexes = TemporalTagger().find(text, kReference);
    detail::NarrativeDate narrative(timexes, CivilDay::make(2025, 6, 14));
    EXPECT_EQ(narrative.before(text.find("Talks")), nullptr);
    const Timex* d = narrative.before(text.find("In 2014"));
    ASSERT_NE(d, nullptr); // "since 2011" and "2014" set no narrative day
    EXPECT_EQ(d->first, CivilDay::make(2025, 5, 3));
    d = narrative.before(text.size());
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->first, CivilDay::make(2025, 5, 9));
    for (const Timex& t : timexes) {
        const bool history = t.first.year < 2025;
        EXPECT_EQ(detail::background_date(t, CivilDay::make(2025, 6, 14)), history) << t.text;
        EXPECT_FALSE(detail::background_date(t, std::nullopt)) << t.text;
    }
}

TEST(DateStageTest, AHappeningThatRanForNDaysRunsUpToItsDay) {
    const std::string text = "Fighting continued in Sabha for a fourth day, residents said.\n"
                             "Clashes went on in Kufra for a second straight day on Monday.\n";
    const std::vector<Toponym> toponyms = {
        toponym(text, "Sabha", GeoPrecision::town, {27.037, 14.426}),
        toponym(text, "Kufra", GeoPrecision::town, {24.182, 23.286})};
    const CivilDay published = *CivilDay::make(2012, 3, 29); // a Thursday
    const auto timexes = TemporalTagger().find(text, LocalTime{published, -1});
    const auto events = EventExtractor(nullptr, false).extract(text, toponyms, timexes, published);
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0].date_start, CivilDay::make(2012, 3, 26));
    EXPECT_EQ(events[0].date_end, published);
    EXPECT_EQ(events[1].date_start, CivilDay::make(2012, 3, 25)); // Monday and the day before
    EXPECT_EQ(events[1].date_end, CivilDay::make(2012, 3, 26));
}

TEST(StatusStageTest, PlannedOngoingOrOccurred) {
    EXPECT_EQ(detail::sentence_status("Talks will be held in Geneva.", "talks", false),
              EventStatus::planned);
    EXPECT_EQ(
        detail::sentence_status("The parties agreed to reconvene in Tunis.", "reconvene", false),
        EventStatus::planned);
    EXPECT_EQ(detail::sentence_status("Fighting continues in southern Tripoli.", "fighting", false),
              EventStatus::ongoing);
    EXPECT_EQ(detail::sentence_status("Clashes erupted in Tripoli.", "clashes", false),
              EventStatus::occurred);
    EXPECT_EQ(detail::sentence_status("Talks open in Geneva on 2 July.", "talks", true),
              EventStatus::planned);
}

// ---- fatalities, actors, confidence -------------------------------------------------------

TEST(FatalitiesStageTest, StatedDeathTolls) {
    using detail::sentence_fatalities;
    EXPECT_EQ(sentence_fatalities("The blast left 55 people dead.", EventType::attack), 55);
    EXPECT_EQ(sentence_fatalities("Six people were killed in the clashes.", EventType::clash), 6);
    // a vague number is no toll to count, nor to contradict a stated one
    EXPECT_EQ(sentence_fatalities("Dozens killed in the shelling.", EventType::attack),
              std::nullopt);
    EXPECT_EQ(sentence_fatalities("Clashes erupted in Tripoli.", EventType::clash), std::nullopt);
    EXPECT_EQ(sentence_fatalities("Three people were injured.", EventType::clash), std::nullopt);
}

TEST(FatalitiesStageTest, BodiesCountOnlyForMassGravesAndMigration) {
    using detail::sentence_fatalities;
    const std::string_view s = "The sea washed up the bodies of 11 migrants near Zuwara.";
    EXPECT_EQ(sentence_fatalities(s, EventType::migration), 11);
    EXPECT_EQ(sentence_fatalities(s, EventType::clash), std::nullopt);
    EXPECT_EQ(sentence_fatalities("Workers found 10 bodies.", EventType::mass_grave), 10);
    EXPECT_EQ(sentence_fatalities("Workers found 10 bodies.", EventType::attack), std::nullopt);
}

TEST(ActorsStageTest, AcronymsAndNamedOrganisations) {
    const std::string_view s =
        "Fighters of the Stabilisation Support Apparatus clashed with a brigade, UNSMIL said.";
    EXPECT_EQ(detail::actors_of(s, 0, s.size()),
              (std::vector<std::string>{"UNSMIL", "Stabilisation Support Apparatus"}));
    const std::string_view red = "The Libyan Red Crescent recovered the bodies.";
    EXPECT_EQ(detail::actors_of(red, 0, red.size()),
              (std::vector<std::string>{"The Libyan Red Crescent"}));
}

TEST(ActorsStageTest, APlaceIsNoActor) {
    const std::string_view s = "SKHIRAT, Morocco - UNSMIL convened the talks.";
    const std::vector<Toponym> ts = {toponym(s, "SKHIRAT", GeoPrecision::town, {33.85, -7.03})};
    EXPECT_EQ(detail::actors_of(s, 0, s.size()), (std::vector<std::string>{"SKHIRAT", "UNSMIL"}));
    EXPECT_EQ(detail::sentence_actors(s, 0, s.size(), ts), (std::vector<std::string>{"UNSMIL"}));
}

TEST(ConfidenceStageTest, StrengthWeighedByPlaceAndDate) {
    Toponym place;
    place.confidence = 0.5;
    EXPECT_DOUBLE_EQ(detail::event_confidence(0.8, place, true), 0.8 * (0.6 + 0.4 * 0.5));
    EXPECT_DOUBLE_EQ(detail::event_confidence(0.8, std::nullopt, false), 0.8 * 0.4 * 0.85);
    place.confidence = 5; // clamped
    EXPECT_DOUBLE_EQ(detail::event_confidence(0.9, place, true), 1.0);
}

// ---- the article's events -----------------------------------------------------------------

Event event(EventType type, std::size_t evidence_start, std::optional<Toponym> place = {}) {
    Event e;
    e.type = type;
    e.evidence_start = evidence_start;
    e.evidence_end = evidence_start + 10;
    e.place = std::move(place);
    e.confidence = 0.5;
    return e;
}

Toponym place(std::string name, GeoPrecision precision, LatLon position) {
    Toponym t;
    t.text = name;
    t.name = std::move(name);
    t.precision = precision;
    t.position = position;
    return t;
}

TEST(ArticleStageTest, AVisitToABorderSiteIsNoMeeting) {
    std::vector<Event> events = {event(EventType::meeting, 10), event(EventType::border, 10),
                                 event(EventType::meeting, 50), event(EventType::meeting, 10)};
    events[0].subtype = "visit";
    events[2].subtype = "visit";
    events[3].subtype = "talks";
    detail::drop_visits_to_border_sites(events);
    ASSERT_EQ(events.size(), 3U);
    EXPECT_EQ(events[0].type, EventType::border);
    EXPECT_EQ(events[1].evidence_start, 50U);
    EXPECT_EQ(events[2].subtype, "talks");
}

TEST(ArticleStageTest, TheMainPlaceIsTheTownNamedMostOften) {
    const Toponym tripoli = place("Tripoli", GeoPrecision::town, kTripoli);
    const Toponym misrata = place("Misrata", GeoPrecision::town, kMisrata);
    const Toponym libya = place("Libya", GeoPrecision::country, kLibya);
    EXPECT_EQ(detail::main_place_of({libya, tripoli, misrata, libya, misrata, libya})->name,
              "Misrata");
    EXPECT_EQ(detail::main_place_of({tripoli, misrata})->name, "Tripoli"); // first of equals
    EXPECT_EQ(detail::main_place_of({libya}), std::nullopt);
    EXPECT_EQ(detail::main_place_of({}), std::nullopt);
    // a dateline's town, in capitals, is where the report was filed: it counts half
    Toponym dateline = tripoli;
    dateline.text = "TRIPOLI";
    EXPECT_EQ(detail::main_place_of({dateline, misrata})->name, "Misrata");
    EXPECT_EQ(detail::main_place_of({dateline, misrata, tripoli})->name, "Tripoli");
}

TEST(ArticleStageTest, EventsWithoutAPlaceOfTheirOwnInheritTheMainOne) {
    const Toponym tripoli = place("Tripoli", GeoPrecision::town, kTripoli);
    const Toponym libya = place("Libya", GeoPrecision::country, kLibya);
    std::vector<Event> events = {
        event(EventType::meeting, 0), event(EventType::clash, 20, libya),
        event(EventType::border, 40),
        event(EventType::protest, 60, place("Misrata", GeoPrecision::town, kMisrata))};
    detail::inherit_main_place(events, tripoli);
    EXPECT_EQ(events[0].place->name, "Tripoli");
    EXPECT_TRUE(events[0].inherited_place);
    EXPECT_DOUBLE_EQ(events[0].confidence, 0.4);
    EXPECT_EQ(events[1].place->name, "Tripoli");
    EXPECT_EQ(events[1].secondary_places, (std::vector<std::string>{"Libya"}));
    EXPECT_FALSE(events[2].place); // border events keep their own (none)
    EXPECT_EQ(events[3].place->name, "Misrata");
    EXPECT_FALSE(events[3].inherited_place);
    std::vector<Event> none = {event(EventType::meeting, 0)};
    detail::inherit_main_place(none, std::nullopt);
    EXPECT_FALSE(none[0].place);
}

TEST(ArticleStageTest, AnotherCountryIsNoCoarseNameForTheMainPlace) {
    Toponym catania = place("Catania", GeoPrecision::town, {37.502, 15.087});
    catania.country = "IT";
    Toponym luxembourg = place("Luxembourg", GeoPrecision::country, {49.8, 6.1});
    luxembourg.country = "LU";
    Toponym italy = place("Italy", GeoPrecision::country, {42.8, 12.8});
    italy.country = "IT";
    Toponym greek = place("Greece", GeoPrecision::country, {39.0, 22.0});
    greek.country = "GR";
    greek.kind = ToponymKind::demonym; // "the Greek coast guard"
    std::vector<Event> events = {event(EventType::meeting, 0, luxembourg),
                                 event(EventType::meeting, 20, italy),
                                 event(EventType::migration, 40, greek)};
    detail::inherit_main_place(events, catania);
    EXPECT_EQ(events[0].place->name, "Luxembourg");
    EXPECT_FALSE(events[0].inherited_place);
    EXPECT_EQ(events[1].place->name, "Catania");
    EXPECT_EQ(events[2].place->name, "Catania");
}

TEST(ArticleStageTest, HowALaterEventRetellsAnEarlierOne) {
    const Toponym tunis = place("Tunis", GeoPrecision::town, kTunis);
    const Event headline = event(EventType::meeting, 0, tunis);
    Event story = event(EventType::meeting, 40, tunis);
    EXPECT_EQ(detail::retelling_of(headline, story), Retelling::headline);
    Event the_meeting = event(EventType::meeting, 90, tunis);
    the_meeting.anaphoric = true;
    EXPECT_EQ(detail::retelling_of(story, the_meeting), Retelling::anaphoric);
    const Event again = event(EventType::meeting, 120, tunis);
    EXPECT_EQ(detail::retelling_of(story, again), Retelling::same);
    EXPECT_EQ(detail::retelling_of(story, event(EventType::clash, 120, tunis)), Retelling::none);
    EXPECT_EQ(detail::retelling_of(story, event(EventType::meeting, 120)), Retelling::none);
    Event elsewhere =
        event(EventType::meeting, 120, place("Misrata", GeoPrecision::town, kMisrata));
    EXPECT_EQ(detail::retelling_of(story, elsewhere), Retelling::none);
    Event six = story, seven = again;
    six.fatalities = 6;
    seven.fatalities = 7;
    EXPECT_EQ(detail::retelling_of(six, seven), Retelling::none);
    Event other_day = again;
    story.date_start = story.date_end = CivilDay::make(2025, 5, 12);
    story.time_precision = TimePrecision::day;
    other_day.date_start = other_day.date_end = CivilDay::make(2025, 5, 20);
    other_day.time_precision = TimePrecision::day;
    EXPECT_EQ(detail::retelling_of(story, other_day), Retelling::none);
}

TEST(ArticleStageTest, ARetellingAddsWhatTheFirstTellingLacks) {
    const Toponym tunis = place("Tunis", GeoPrecision::town, kTunis);
    const Toponym district = place("La Marsa", GeoPrecision::district, {36.88, 10.32});
    Event headline = event(EventType::meeting, 0, tunis);
    headline.evidence = "Talks in Tunis";
    Event story = event(EventType::meeting, 40, district);
    story.evidence = "Delegates met in La Marsa on 12 May.";
    story.date_start = story.date_end = CivilDay::make(2025, 5, 12);
    story.time_precision = TimePrecision::day;
    story.status = EventStatus::planned;
    story.fatalities = 0;
    detail::fold_retelling(headline, story, Retelling::headline);
    EXPECT_EQ(headline.place->name, "La Marsa"); // the finer place
    EXPECT_EQ(headline.date_start, CivilDay::make(2025, 5, 12));
    EXPECT_EQ(headline.status, EventStatus::planned);
    EXPECT_EQ(headline.evidence_start, 40U);
    EXPECT_EQ(headline.evidence, story.evidence);

    Event first = event(EventType::killing, 30, tunis);
    first.inherited_place = true;
    Event named = event(EventType::killing, 80, district);
    named.date_start = named.date_end = CivilDay::make(2025, 5, 13);
    named.time_precision = TimePrecision::day;
    named.fatalities = 1;
    named.confidence = 0.9;
    detail::fold_retelling(first, named, Retelling::same);
    EXPECT_EQ(first.place->name, "La Marsa");
    EXPECT_FALSE(first.inherited_place);
    EXPECT_EQ(first.time_precision, TimePrecision::day);
    EXPECT_EQ(first.fatalities, 1);
    EXPECT_DOUBLE_EQ(first.confidence, 0.9);
    EXPECT_EQ(first.evidence_start, 30U); // its own evidence stays

    // "his killing ... the deadliest since August 2023": a date never overrides one
    Event his_killing = event(EventType::killing, 120, tunis);
    his_killing.date_start = his_killing.date_end = CivilDay::make(2023, 8, 1);
    his_killing.time_precision = TimePrecision::month;
    detail::fold_retelling(first, his_killing, Retelling::anaphoric);
    EXPECT_EQ(first.date_start, CivilDay::make(2025, 5, 13));

    // "Exports came to a standstill ... The closures cover the ports of Brega": the first
    // telling named no place, the retelling names it
    Event standstill = event(EventType::strategic, 30, tunis);
    standstill.inherited_place = true;
    const Event closures = event(EventType::strategic, 90, district);
    detail::fold_retelling(standstill, closures, Retelling::anaphoric);
    EXPECT_EQ(standstill.place->name, "La Marsa");
    EXPECT_FALSE(standstill.inherited_place);
}

TEST(ArticleStageTest, EventsToldAgainFoldIntoTheirFirstTelling) {
    const Toponym tunis = place("Tunis", GeoPrecision::town, kTunis);
    Event the_meeting = event(EventType::meeting, 60, tunis);
    the_meeting.anaphoric = true;
    Event another = event(EventType::meeting, 90, tunis);
    another.another = true;
    const std::vector<Event> folded =
        detail::fold_told_again({event(EventType::meeting, 0, tunis),
                                 event(EventType::clash, 30, tunis), the_meeting, another});
    ASSERT_EQ(folded.size(), 3U);
    EXPECT_EQ(folded[0].type, EventType::meeting);
    EXPECT_EQ(folded[0].evidence_start, 60U); // the headline took the story's evidence
    EXPECT_EQ(folded[1].type, EventType::clash);
    EXPECT_TRUE(folded[2].another);
}

TEST(ArticleStageTest, LinesAreSentencesTitlesOrChrome) {
    const std::string text = "Clashes erupt in Tripoli\nTRIPOLI, May 12 -\nArmed groups clashed "
                             "on Monday.\n\"We fled,\" one said.\nRelated Articles\n";
    const auto kind = [&](std::string_view s) {
        const std::size_t from = text.find(s);
        return detail::line_kind(text, from, from + s.size());
    };
    EXPECT_EQ(kind("Clashes erupt in Tripoli"), detail::LineKind::title);
    EXPECT_EQ(kind("TRIPOLI, May 12 -"), detail::LineKind::other);
    EXPECT_EQ(kind("Armed groups clashed on Monday."), detail::LineKind::sentence);
    EXPECT_EQ(kind("\"We fled,\" one said."), detail::LineKind::sentence);
    EXPECT_EQ(kind("Related Articles"), detail::LineKind::other); // fewer than three words
    EXPECT_EQ(kind("Armed groups"), detail::LineKind::other);     // not a line of its own
}

TEST(ArticleStageTest, TheHeadlinesEventsFoldIntoTheStory) {
    const Toponym benghazi = place("Benghazi", GeoPrecision::town, {32.116, 20.067});
    const Toponym salmani = place("Salmani", GeoPrecision::region, {32.10, 20.08});
    Event bombs = event(EventType::attack, 0, benghazi);
    bombs.fatalities = 5;
    std::vector<Event> events = {bombs, event(EventType::clash, 0, benghazi),
                                 event(EventType::attack, 40, salmani)};
    detail::fold_headline(events, 30);
    ASSERT_EQ(events.size(), 1U); // the clash only the headline told went too
    EXPECT_EQ(events[0].evidence_start, 40U);
    EXPECT_EQ(events[0].place->name, "Benghazi"); // the finer name of one place
    EXPECT_EQ(events[0].fatalities, 5);
    // a story without events keeps its headline's; no headline, nothing to fold
    std::vector<Event> headline_only = {event(EventType::clash, 0, benghazi)};
    detail::fold_headline(headline_only, 30);
    EXPECT_EQ(headline_only.size(), 1U);
    std::vector<Event> no_headline = {event(EventType::clash, 0, benghazi)};
    detail::fold_headline(no_headline, 0);
    EXPECT_EQ(no_headline.size(), 1U);
}

TEST(ArticleStageTest, BodiesOfAShipwreckAreItsToll) {
    Event bodies = event(EventType::mass_grave, 50);
    bodies.subtype = "bodies found";
    Event grave = event(EventType::mass_grave, 80);
    grave.subtype = "mass grave";
    std::vector<Event> events = {event(EventType::migration, 0), bodies, grave};
    detail::drop_bodies_of_wrecks(events);
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[1].subtype, "mass grave");
    std::vector<Event> found = {bodies};
    detail::drop_bodies_of_wrecks(found);
    EXPECT_EQ(found.size(), 1U);
}

TEST(ArticleStageTest, ACommentaryKeepsOnlyTheDaysItDatesItself) {
    const CivilDay published = *CivilDay::make(2014, 9, 20);
    Event fought = event(EventType::clash, 0); // "the brigades that fought Gaddafi"
    fought.date_start = CivilDay::make(2014, 9, 14);
    fought.date_end = published;
    fought.time_precision = TimePrecision::week;
    fought.date_assumed = true;
    Event shelled = event(EventType::attack, 50); // "shelled the airport on Tuesday"
    shelled.date_start = shelled.date_end = CivilDay::make(2014, 9, 16);
    shelled.time_precision = TimePrecision::day;
    Event signed_ = event(EventType::meeting, 90); // "the agreement signed in Skhirat on ..."
    signed_.date_start = signed_.date_end = CivilDay::make(2014, 7, 2);
    signed_.time_precision = TimePrecision::day;
    const std::vector<Event> all = {fought, shelled, signed_};
    std::vector<Event> opinion = all;
    detail::keep_news_of_commentary(opinion, PageGenre::commentary, published);
    ASSERT_EQ(opinion.size(), 1U);
    EXPECT_EQ(opinion[0].type, EventType::attack);
    std::vector<Event> undated = all; // a piece with no day of its own keeps nothing
    detail::keep_news_of_commentary(undated, PageGenre::interview, std::nullopt);
    EXPECT_TRUE(undated.empty());
    std::vector<Event> report = all; // a news report keeps all
    detail::keep_news_of_commentary(report, PageGenre::news, published);
    EXPECT_EQ(report.size(), 3U);
}

TEST(ArticleStageTest, AHappeningRunningSinceMoreThanSixWeeksIsTheCampaignNotTheNews) {
    const std::string_view campaign = "Forces have shelled Misrata since March.";
    const auto t1 = TemporalTagger().find(campaign, LocalTime::parse("2011-04-29"));
    ASSERT_EQ(t1.size(), 1U);
    ASSERT_TRUE(t1[0].open_end);
    EXPECT_FALSE(detail::superlative_since(campaign, t1[0]));
    EXPECT_TRUE(detail::campaign_before(t1[0], CivilDay::make(2011, 4, 29)));
    EXPECT_FALSE(detail::campaign_before(t1[0], CivilDay::make(2011, 3, 20)));
    EXPECT_FALSE(detail::campaign_before(t1[0], std::nullopt));
    const std::string_view compared = "The clashes were the deadliest since August 2023.";
    const auto t2 = TemporalTagger().find(compared, LocalTime::parse("2025-05-14"));
    ASSERT_EQ(t2.size(), 1U);
    EXPECT_TRUE(detail::superlative_since(compared, t2[0]));
}

TEST(ArticleStageTest, AHappeningMoreThanHalfAYearBeforePublicationIsHistory) {
    Event signing = event(EventType::meeting, 0);
    signing.date_start = signing.date_end = CivilDay::make(2015, 12, 17);
    EXPECT_TRUE(detail::history_before(signing, CivilDay::make(2017, 12, 18)));
    EXPECT_TRUE(detail::history_before(signing, CivilDay::make(2016, 7, 1)));
    EXPECT_FALSE(detail::history_before(signing, CivilDay::make(2016, 5, 30)));
    EXPECT_FALSE(detail::history_before(signing, std::nullopt));
    signing.date_end = std::nullopt;
    EXPECT_FALSE(detail::history_before(signing, CivilDay::make(2017, 12, 18)));
}

TEST(ArticleStageTest, AViolentHappeningReferredToByAnotherWordFoldsIntoIt) {
    const Toponym tripoli = place("Tripoli", GeoPrecision::town, kTripoli);
    Event the_attack = event(EventType::attack, 60, tripoli);
    the_attack.anaphoric = true;
    Event the_talks = event(EventType::meeting, 90, tripoli);
    the_talks.anaphoric = true;
    const std::vector<Event> folded =
        detail::fold_told_again({event(EventType::clash, 30, tripoli), the_attack,
                                 event(EventType::attack, 70, tripoli), the_talks});
    ASSERT_EQ(folded.size(), 3U);
    EXPECT_EQ(folded[0].type, EventType::clash);
    EXPECT_EQ(folded[1].evidence_start, 70U);      // an attack told afresh stays one
    EXPECT_EQ(folded[2].type, EventType::meeting); // no meeting before it to fold into
}

TEST(ArticleStageTest, AnAttackWithNothingOfItsOwnAfterAKillingIsHowItWasDone) {
    const Toponym benghazi = place("Benghazi", GeoPrecision::town, {32.12, 20.07});
    Event killing = event(EventType::killing, 0, benghazi);
    killing.date_start = killing.date_end = CivilDay::make(2020, 11, 10);
    killing.time_precision = TimePrecision::day;
    Event fire = event(EventType::attack, 120, benghazi); // "masked men opened fire"
    fire.subtype = "attack";
    fire.inherited_place = true;
    fire.date_start = fire.date_end = killing.date_start;
    fire.time_precision = TimePrecision::day;
    EXPECT_EQ(detail::fold_told_again({killing, fire}).size(), 1U);
    // an attack at a place of its own, or on another day, is its own
    Event elsewhere = fire;
    elsewhere.inherited_place = false;
    EXPECT_EQ(detail::fold_told_again({killing, elsewhere}).size(), 2U);
    Event later = fire;
    later.date_start = later.date_end = CivilDay::make(2020, 11, 12);
    EXPECT_EQ(detail::fold_told_again({killing, later}).size(), 2U);
}

TEST(ArticleStageTest, TeaserTitlesAfterTheStoryTellNoEvent) {
    const std::string text = "Clashes erupt in Tripoli\nArmed groups clashed in Tripoli on "
                             "Monday, residents said.\nProtest held in Misrata over power cuts\n";
    std::vector<Toponym> toponyms = {toponym(text, "Tripoli", GeoPrecision::town, kTripoli),
                                     toponym(text, "Misrata", GeoPrecision::town, kMisrata)};
    Toponym again = toponyms[0]; // the story's "Tripoli"
    again.start = text.find("Tripoli", toponyms[0].end);
    again.end = again.start + again.text.size();
    toponyms.insert(toponyms.begin() + 1, again);
    const auto events =
        EventExtractor(nullptr, false).extract(text, toponyms, {}, CivilDay::make(2025, 5, 13));
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].type, EventType::clash);
    EXPECT_EQ(events[0].evidence_start, text.find("Armed"));
}

} // namespace
} // namespace kharita
