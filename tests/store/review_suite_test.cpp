// Analyst review on both backends (store/review.hpp): a correction survives storing its
// report again and a new parse of it, a correction whose event is gone is kept and
// flagged, the audit trail only grows, a stale change is refused naming who changed the
// event, bad corrections and aliases change nothing.

#include "detail/pg.hpp"
#include "detail/sqlite.hpp"
#include "kharita/base/error.hpp"
#include "kharita/store/review_training.hpp"
#include "kharita/store/store.hpp"
#include "pg_server.hpp"
#include "store/backends.hpp"
#include "store_test_support.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace kharita {
namespace {

using namespace testing_support; // NOLINT(google-build-using-namespace)

constexpr const char* kText = "Armed groups clashed in Zawiya on Monday. Hundreds protested in "
                              "Misrata on Tuesday against the fighting.";

ArticleEventRecord event_in(const std::string& text, std::string_view sentence, EventType type,
                            const char* trigger, LatLon where, const char* place, CivilDay day) {
    ArticleEventRecord e;
    e.record.type = type;
    e.record.status = EventStatus::occurred;
    e.record.date_start = e.record.date_end = day;
    e.record.time_precision = TimePrecision::day;
    e.record.location = place;
    e.record.position = where;
    e.record.geo_precision = GeoPrecision::town;
    e.record.country = "LY";
    e.record.confidence = 0.6;
    e.evidence_start = text.find(sentence);
    e.evidence_end = e.evidence_start + sentence.size();
    e.record.notes = std::string(sentence);
    e.trigger = trigger;
    return e;
}

constexpr std::string_view kClash = "Armed groups clashed in Zawiya on Monday.";
constexpr std::string_view kProtest =
    "Hundreds protested in Misrata on Tuesday against the fighting.";

/// The report as one version of the parser reads it: a clash and a protest.
ArticleRecord first_parse() {
    ArticleRecord a;
    a.title = "Zawiya and Misrata";
    a.source = "Wire";
    a.text = kText;
    a.events.push_back(event_in(a.text, kClash, EventType::clash, "clashed", {32.75, 12.73},
                                "Az Zawiyah", {2025, 5, 12}));
    a.events.push_back(event_in(a.text, kProtest, EventType::protest, "protested", {32.37, 15.09},
                                "Misratah", {2025, 5, 13}));
    MentionRecord zawiya;
    zawiya.start = a.text.find("Zawiya");
    zawiya.end = zawiya.start + 6;
    zawiya.text = "Zawiya";
    zawiya.place = PlaceRecord{2216645, "Az Zawiyah", "P.PPLA", "LY", "", {32.75, 12.73}};
    a.mentions.push_back(zawiya);
    return a;
}

/// The same report read by a newer parser: the clash typed an attack and put elsewhere, the
/// protest unchanged, one event more.
ArticleRecord second_parse() {
    ArticleRecord a = first_parse();
    a.events[0].record.type = EventType::attack;
    a.events[0].record.position = LatLon{32.70, 12.60};
    a.events.push_back(event_in(a.text, kProtest, EventType::strategic, "fighting", {32.37, 15.09},
                                "Misratah", {2025, 5, 13}));
    return a;
}

std::vector<EventRecord> all_events(const EventStore& store) {
    EventFilter every;
    every.reviews = ReviewStateSet::all();
    std::vector<EventRecord> out;
    store.query(every, [&](const EventRecord& r) { out.push_back(r); });
    std::sort(out.begin(), out.end(),
              [](const EventRecord& a, const EventRecord& b) { return a.notes < b.notes; });
    return out;
}

const EventRecord* find_type(const std::vector<EventRecord>& events, EventType type) {
    for (const EventRecord& r : events) {
        if (r.type == type)
            return &r;
    }
    return nullptr;
}

/// Runs SQL on the store's own database, around the store API (as a careless script would).
void raw_sql(Backend backend, const std::string& location, const std::string& sql) {
    if (backend == Backend::spatialite) {
        auto db = detail::Database::open(location, detail::OpenMode::read_write, false);
        db.exec(sql);
        return;
    }
    const store::PgLocation pg = store::parse_pg_location(location);
    auto c = detail::PgConnection::connect(pg.conninfo);
    c.exec("SET search_path TO " + pg.schema.value_or("public"));
    c.exec(sql);
}

/// A correction of the clash (place, date, toll) and a rejection of the protest.
void review_first_parse(EventStore& store) {
    const auto events = all_events(store);
    const EventRecord* clash = find_type(events, EventType::clash);
    const EventRecord* protest = find_type(events, EventType::protest);
    ASSERT_TRUE(clash && protest);
    ReviewChange fix;
    fix.event_id = clash->id;
    fix.action = ReviewAction::correct;
    fix.correction.location = "Zawiya old town";
    fix.correction.position = LatLon{32.757, 12.728};
    fix.correction.geo_precision = GeoPrecision::site;
    fix.correction.date_start = fix.correction.date_end = CivilDay{2025, 5, 11};
    fix.correction.time_precision = TimePrecision::day;
    fix.correction.fatalities = 3;
    fix.who = "amal";
    fix.note = "the wire's follow-up";
    EXPECT_EQ(store.review(fix).state, ReviewState::corrected);
    ReviewChange no;
    no.event_id = protest->id;
    no.action = ReviewAction::reject;
    no.who = "omar";
    EXPECT_EQ(store.review(no).state, ReviewState::rejected);
}

void expect_reviewed(const EventStore& store, EventType clash_type) {
    const auto events = all_events(store);
    const EventRecord* clash = find_type(events, clash_type);
    ASSERT_NE(clash, nullptr);
    EXPECT_EQ(clash->review, ReviewState::corrected);
    EXPECT_EQ(clash->location, "Zawiya old town");
    ASSERT_TRUE(clash->position);
    EXPECT_NEAR(clash->position->lat, 32.757, 1e-9);
    EXPECT_EQ(clash->date_start, (CivilDay{2025, 5, 11}));
    EXPECT_EQ(clash->fatalities, 3);
    const EventRecord* protest = find_type(events, EventType::protest);
    ASSERT_NE(protest, nullptr);
    EXPECT_EQ(protest->review, ReviewState::rejected);
    // queries leave rejected events out unless asked
    EXPECT_EQ(store.count({}), static_cast<std::int64_t>(events.size()) - 1);
    EventFilter reviewed;
    reviewed.reviews = kReviewed;
    EXPECT_EQ(store.count(reviewed), 1);
}

TEST_P(StoreSuite, ACorrectionSurvivesStoringTheReportAgainAndANewParse) {
    auto store = open_event_store(db("r"), StoreMode::create);
    store->ingest({first_parse()}, {"a.txt", {}});
    review_first_parse(*store);
    expect_reviewed(*store, EventType::clash);

    // the same file again: the article is skipped, the corrections stand
    const IngestReport again = store->ingest({first_parse()}, {"a.txt", {}});
    EXPECT_EQ(again.articles_skipped, 1);
    expect_reviewed(*store, EventType::clash);

    // a newer parser: the machine's values change under the corrections, which hold
    IngestSource reparse{"a.txt", {}};
    reparse.reparse = true;
    const IngestReport re = store->ingest({second_parse()}, reparse);
    EXPECT_EQ(re.articles_reparsed, 1);
    EXPECT_EQ(re.corrections_applied, 2);
    EXPECT_EQ(re.corrections_orphaned, 0);
    expect_reviewed(*store, EventType::attack); // the machine's new type, the analyst's values
    EXPECT_EQ(all_events(*store).size(), 3u);   // the new parse's third event is there
    for (const StoredCorrection& c : store->corrections())
        EXPECT_FALSE(c.needs_review);
}

TEST_P(StoreSuite, ACorrectionWhoseEventIsGoneIsKeptAndFlagged) {
    auto store = open_event_store(db("r"), StoreMode::create);
    store->ingest({first_parse()}, {"a.txt", {}});
    review_first_parse(*store);
    ArticleRecord without_clash = first_parse();
    without_clash.events.erase(without_clash.events.begin());
    IngestSource reparse{"a.txt", {}};
    reparse.reparse = true;
    const IngestReport re = store->ingest({without_clash}, reparse);
    EXPECT_EQ(re.corrections_orphaned, 1);
    EXPECT_EQ(re.corrections_applied, 1);
    const auto corrections = store->corrections();
    ASSERT_EQ(corrections.size(), 2u);
    const auto lost = std::find_if(corrections.begin(), corrections.end(),
                                   [](const StoredCorrection& c) { return c.needs_review; });
    ASSERT_NE(lost, corrections.end());
    EXPECT_FALSE(lost->event_id);
    EXPECT_EQ(lost->evidence, kClash);
    EXPECT_EQ(lost->correction.fatalities, 3); // what the analyst said is kept
    // and when a later parse finds the clash again, it is applied again
    const IngestReport back = store->ingest({first_parse()}, reparse);
    EXPECT_EQ(back.corrections_applied, 2);
    expect_reviewed(*store, EventType::clash);
}

TEST_P(StoreSuite, TheAuditTrailOnlyGrows) {
    const std::string location = db("r");
    auto store = open_event_store(location, StoreMode::create);
    store->ingest({first_parse()}, {"a.txt", {}});
    review_first_parse(*store);
    const auto log = store->review_log(std::nullopt);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].who, "amal");
    EXPECT_EQ(log[0].action, "correct");
    EXPECT_EQ(log[0].note, "the wire's follow-up");
    EXPECT_NE(log[0].before.find("\"review\":\"machine\""), std::string::npos);
    EXPECT_NE(log[0].after.find("\"fatalities\":3"), std::string::npos);
    EXPECT_EQ(log[1].who, "omar");
    EXPECT_EQ(store->review_log(log[1].event_id).size(), 1u);
    // the database refuses to rewrite or drop history, whoever asks
    EXPECT_THROW(raw_sql(GetParam(), location, "UPDATE review_log SET who = 'x'"), DatabaseError);
    EXPECT_THROW(raw_sql(GetParam(), location, "DELETE FROM review_log"), DatabaseError);
    EXPECT_EQ(store->review_log(std::nullopt).size(), 2u);
    // a reset is one more line, not an erasure
    ReviewChange reset;
    reset.event_id = *log[0].event_id;
    reset.action = ReviewAction::reset;
    store->review(reset);
    EXPECT_EQ(store->review_log(std::nullopt).size(), 3u);
    EXPECT_TRUE(store->corrections().size() == 1u);
}

TEST_P(StoreSuite, TheAuditTrailSaysWhetherADateWasAssumed) {
    auto store = open_event_store(db("r"), StoreMode::create);
    ArticleRecord a = first_parse();
    a.events[0].record.date_assumed = true; // the clash dated from the report's day
    store->ingest({a}, {"a.txt", {}});
    const auto events = all_events(*store);
    const EventRecord* clash = find_type(events, EventType::clash);
    ASSERT_NE(clash, nullptr);
    ASSERT_TRUE(clash->date_assumed);
    // a toll alone leaves the date as assumed; a date the analyst states is not
    ReviewChange toll;
    toll.event_id = clash->id;
    toll.action = ReviewAction::correct;
    toll.correction.fatalities = 2;
    store->review(toll);
    ReviewChange dated = toll;
    dated.correction = {};
    dated.correction.date_start = dated.correction.date_end = CivilDay{2025, 5, 11};
    dated.correction.time_precision = TimePrecision::day;
    store->review(dated);
    ReviewChange reset;
    reset.event_id = clash->id;
    reset.action = ReviewAction::reset;
    store->review(reset);
    const auto log = store->review_log(clash->id);
    ASSERT_EQ(log.size(), 3u);
    const auto assumed = [](const std::string& json) {
        return json.find("\"date_assumed\":true") != std::string::npos    ? "assumed"
               : json.find("\"date_assumed\":false") != std::string::npos ? "stated"
                                                                          : "missing";
    };
    std::vector<std::string> seen;
    seen.reserve(log.size());
    for (const AuditEntry& e : log)
        seen.push_back(e.action + ": " + assumed(e.before) + " -> " + assumed(e.after));
    EXPECT_EQ(seen,
              (std::vector<std::string>{"correct: assumed -> assumed", "correct: assumed -> stated",
                                        "reset: stated -> assumed"}));
    // the reset gave the event back the machine's assumed date
    EXPECT_TRUE(find_type(all_events(*store), EventType::clash)->date_assumed);
}

TEST_P(StoreSuite, AChangeAgainstAStaleVersionIsRefusedNamingWhoChangedIt) {
    auto store = open_event_store(db("r"), StoreMode::create);
    store->ingest({first_parse()}, {"a.txt", {}});
    const EventRecord clash = *find_type(all_events(*store), EventType::clash);
    ASSERT_EQ(clash.version, 0);
    ReviewChange first;
    first.event_id = clash.id;
    first.action = ReviewAction::confirm;
    first.who = "amal";
    first.expected_version = 0;
    EXPECT_EQ(store->review(first).version, 1);
    ReviewChange second; // another reviewer who loaded version 0
    second.event_id = clash.id;
    second.action = ReviewAction::reject;
    second.who = "omar";
    second.expected_version = 0;
    try {
        store->review(second);
        ADD_FAILURE() << "a stale change was taken";
    } catch (const ReviewConflict& e) {
        EXPECT_NE(std::string(e.what()).find("amal"), std::string::npos) << e.what();
    }
    const EventRecord after = *find_type(all_events(*store), EventType::clash);
    EXPECT_EQ(after.review, ReviewState::confirmed);
    EXPECT_EQ(after.version, 1);
    EXPECT_EQ(store->review_log(std::nullopt).size(), 1u);
}

TEST_P(StoreSuite, BadCorrectionsAndAliasesChangeNothing) {
    auto store = open_event_store(db("r"), StoreMode::create);
    store->ingest({first_parse()}, {"a.txt", {}});
    const EventRecord clash = *find_type(all_events(*store), EventType::clash);
    ReviewChange gone;
    gone.event_id = 9999;
    EXPECT_THROW(store->review(gone), InputError);
    ReviewChange off_earth;
    off_earth.event_id = clash.id;
    off_earth.action = ReviewAction::correct;
    off_earth.correction.location = "Nowhere";
    off_earth.correction.position = LatLon{95, 10};
    EXPECT_THROW(store->review(off_earth), InputError);
    ReviewChange inverted;
    inverted.event_id = clash.id;
    inverted.action = ReviewAction::correct;
    inverted.correction.date_start = CivilDay{2025, 5, 12};
    inverted.correction.date_end = CivilDay{2025, 5, 1};
    inverted.correction.time_precision = TimePrecision::day;
    EXPECT_THROW(store->review(inverted), InputError);
    ReviewChange nothing;
    nothing.event_id = clash.id;
    nothing.action = ReviewAction::correct;
    EXPECT_THROW(store->review(nothing), InputError);
    const EventRecord after = *find_type(all_events(*store), EventType::clash);
    EXPECT_EQ(after.review, ReviewState::machine);
    EXPECT_EQ(after.version, 0);
    EXPECT_TRUE(store->review_log(std::nullopt).empty());
    EXPECT_TRUE(store->corrections().empty());

    PlaceAlias kabo;
    kabo.alias = "Kabo";
    kabo.target = "Kabaw";
    kabo.name = "Kabaw";
    kabo.position = {23.1, 94.1};
    store->add_alias(kabo);
    PlaceAlias loop = kabo; // "Kabaw" is "Kabo", which is "Kabaw"
    loop.alias = "Kabaw";
    loop.target = "Kabo";
    EXPECT_THROW(store->add_alias(loop), InputError);
    PlaceAlias self = kabo;
    self.alias = self.target = "Port";
    EXPECT_THROW(store->add_alias(self), InputError);
    PlaceAlias far = kabo;
    far.alias = "Far";
    far.position = {10, 200};
    EXPECT_THROW(store->add_alias(far), InputError);
    ASSERT_EQ(store->aliases().size(), 1u);
    EXPECT_EQ(store->review_log(std::nullopt).size(), 1u); // the one alias added
    EXPECT_TRUE(store->remove_alias("KABO", "amal"));      // by its folded name
    EXPECT_FALSE(store->remove_alias("Kabo", "amal"));
    EXPECT_EQ(store->review_log(std::nullopt).size(), 2u);
}

TEST_P(StoreSuite, ConfirmedEventsBecomeEventLocationTrainingSentences) {
    auto store = open_event_store(db("r"), StoreMode::create);
    store->ingest({first_parse()}, {"a.txt", {}});
    const auto events = all_events(*store);
    ReviewChange yes;
    yes.event_id = find_type(events, EventType::clash)->id;
    store->review(yes);
    ReviewChange elsewhere; // corrected to a place the sentence does not name: left out
    elsewhere.event_id = find_type(events, EventType::protest)->id;
    elsewhere.action = ReviewAction::correct;
    elsewhere.correction.location = "Misrata port";
    elsewhere.correction.position = LatLon{32.38, 15.2};
    store->review(elsewhere);
    const ReviewTrainingSet set = review_training_sentences(*store);
    EXPECT_EQ(set.events, 2);
    EXPECT_EQ(set.no_place_in_sentence, 1);
    ASSERT_EQ(set.records.size(), 1u);
    const EventLocationRecord& r = set.records[0];
    EXPECT_EQ(r.text, kClash);
    EXPECT_EQ(r.text.substr(r.event.start, r.event.end - r.event.start), "clashed");
    ASSERT_EQ(r.locations.size(), 1u);
    EXPECT_EQ(r.text.substr(r.locations[0].start, r.locations[0].end - r.locations[0].start),
              "Zawiya");
    std::ostringstream out;
    write_event_location_lines(out, set.records);
    EXPECT_NE(out.str().find("\"locations\":[{\"end\":30,\"start\":24}]"), std::string::npos)
        << out.str();
}

TEST_P(StoreSuite, ASplitAndAMergeSurviveANewParse) {
    auto store = open_event_store(db("r"), StoreMode::create);
    store->ingest({first_parse()}, {"a.txt", {}});
    const auto events = all_events(*store);
    const std::int64_t clash = find_type(events, EventType::clash)->id;
    const std::int64_t protest = find_type(events, EventType::protest)->id;
    // the clash sentence tells two happenings: the analyst splits off the second
    ReviewChange split;
    split.event_id = clash;
    split.correction.type = EventType::attack;
    split.correction.location = "Zawiya refinery";
    split.correction.position = LatLon{32.76, 12.70};
    split.who = "amal";
    const std::int64_t added = store->split_event(split);
    EXPECT_NE(added, clash);
    ASSERT_EQ(all_events(*store).size(), 3u);
    EXPECT_EQ(store->sources(added).size(), 1u); // told by the same report
    ReviewChange reset;
    reset.event_id = added;
    reset.action = ReviewAction::reset;
    EXPECT_THROW(store->review(reset), InputError);
    // and merges the protest into the clash (say the analyst reads them as one)
    ReviewChange keep;
    keep.event_id = clash;
    keep.who = "amal";
    EXPECT_THROW(store->merge_events(keep, clash, std::nullopt), InputError);
    EXPECT_EQ(store->merge_events(keep, protest, 0).state, ReviewState::confirmed);
    const auto merged = store->records({clash});
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_EQ(merged[0].source_count, 2);
    EXPECT_EQ(store->sources(clash).size(), 2u); // the protest's report told beside its own
    EXPECT_EQ(store->count({}), 2); // the clash and the split-off attack; the protest rejected

    IngestSource reparse{"a.txt", {}};
    reparse.reparse = true;
    const IngestReport re = store->ingest({first_parse()}, reparse);
    EXPECT_EQ(re.corrections_orphaned, 0);
    const auto after = all_events(*store);
    ASSERT_EQ(after.size(), 3u); // no event left behind without a report
    const EventRecord* attack = find_type(after, EventType::attack);
    ASSERT_NE(attack, nullptr);
    EXPECT_EQ(attack->review, ReviewState::corrected);
    EXPECT_EQ(attack->location, "Zawiya refinery");
    EXPECT_EQ(find_type(after, EventType::clash)->review, ReviewState::confirmed);
    EXPECT_EQ(find_type(after, EventType::protest)->review, ReviewState::rejected);
    const auto corrections = store->corrections();
    EXPECT_EQ(std::count_if(corrections.begin(), corrections.end(),
                            [](const StoredCorrection& c) { return c.split; }),
              1);
}

} // namespace
} // namespace kharita
