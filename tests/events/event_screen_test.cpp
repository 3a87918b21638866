// The event screen: its features hold no names, it learns from labelled events, drops the
// events below its threshold, and reads its model file strictly.

#include "kharita/base/error.hpp"
#include "kharita/events/event_screen.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace kharita {
namespace {

Event event_in(std::string_view text, std::string_view sentence, std::string trigger,
               EventType type) {
    Event e;
    e.type = type;
    e.trigger = std::move(trigger);
    e.evidence_start = text.find(sentence);
    e.evidence_end = e.evidence_start + sentence.size();
    e.evidence = std::string(sentence);
    return e;
}

bool has(const std::vector<std::string>& f, const std::string& name) {
    return std::find(f.begin(), f.end(), name) != f.end();
}

TEST(EventScreenTest, FeaturesReadTheWordsAroundTheTriggerNeverNames) {
    const std::string text =
        "Days after the talks, gunmen attacked a checkpoint in Zawiya on Monday, officials said.";
    const std::vector<Event> events = {event_in(text, text, "attacked", EventType::attack)};
    const auto f = event_screen_features(events, text, CivilDay{2025, 5, 6});
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(has(f[0], "trig=attacked"));
    EXPECT_TRUE(has(f[0], "w-1=gunmen"));
    EXPECT_TRUE(has(f[0], "w-2=talks"));
    EXPECT_TRUE(has(f[0], "w+1=a"));
    EXPECT_TRUE(has(f[0], "sub=after>3")); // "after" opens the clause before, five words back
    EXPECT_TRUE(has(f[0], "date=unknown"));
    EXPECT_FALSE(has(f[0], "s=checkpoint")); // the sentence's topic words are not read
    const std::string capital = "Officials said Gunmen attacked a post.";
    const auto g = event_screen_features(
        {event_in(capital, capital, "attacked", EventType::attack)}, capital, std::nullopt);
    EXPECT_TRUE(has(g[0], "w-1=Cap")); // a capitalised word: its shape, not its word
    EXPECT_TRUE(std::none_of(f[0].begin(), f[0].end(), [](const std::string& x) {
        return x.find("zawiya") != std::string::npos || x.find("monday") != std::string::npos;
    }));
}

TEST(EventScreenTest, DatedEventsCountTheirAgeBeforeTheReport) {
    const std::string text = "Protesters gathered in Tripoli.";
    Event e = event_in(text, text, "gathered", EventType::protest);
    e.date_start = e.date_end = CivilDay{2025, 1, 1};
    e.time_precision = TimePrecision::day;
    const auto old = event_screen_features({e}, text, CivilDay{2025, 12, 1});
    EXPECT_TRUE(has(old[0], "age=older"));
    EXPECT_TRUE(has(old[0], "date=day"));
    const auto fresh = event_screen_features({e}, text, CivilDay{2025, 1, 2});
    EXPECT_TRUE(has(fresh[0], "age=0-1"));
}

TEST(EventScreenTest, LearnsWhatSeparatesRightFromWrongEvents) {
    std::vector<std::vector<std::string>> features;
    std::vector<bool> right;
    for (int i = 0; i < 40; ++i) {
        features.push_back({"bias", "s=recalled", "x" + std::to_string(i % 5)});
        right.push_back(false);
        features.push_back({"bias", "s=today", "x" + std::to_string(i % 5)});
        right.push_back(true);
    }
    const EventScreen screen = EventScreen::train(features, right, {});
    EXPECT_GT(screen.probability({"bias", "s=today"}), 0.7);
    EXPECT_LT(screen.probability({"bias", "s=recalled"}), 0.3);
}

TEST(EventScreenTest, KeepsTheEventsAtOrAboveItsThreshold) {
    const std::string text = "Talks opened in Geneva. Fighting was recalled in Sirte.";
    const std::vector<Event> events = {
        event_in(text, "Talks opened in Geneva.", "talks", EventType::meeting),
        event_in(text, "Fighting was recalled in Sirte.", "fighting", EventType::clash)};
    const EventScreen screen =
        EventScreen::from_text("threshold\t0.5\nbias\t0\ntrig=fighting\t-3\n", "test");
    const std::vector<Event> kept = screen.keep(events, text, std::nullopt);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].type, EventType::meeting);
    EXPECT_DOUBLE_EQ(kept[0].screen, 0.5); // its probability is kept with it (bias 0)
    EXPECT_EQ(EventScreen().keep(events, text, std::nullopt).size(), 2u); // no weights: all
}

TEST(EventScreenTest, AnEventToldTwiceKeepsTheSurerReading) {
    Toponym tripoli;
    tripoli.text = tripoli.name = "Tripoli";
    tripoli.position = {32.8872, 13.1913};
    Event first;
    first.type = EventType::clash;
    first.place = tripoli;
    first.date_start = first.date_end = CivilDay{2025, 5, 12};
    first.time_precision = TimePrecision::day;
    first.screen = 0.5;
    Event again = first;
    again.screen = 0.9;
    const auto merged = merge_events({first, again});
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_DOUBLE_EQ(merged[0].first.screen, 0.9);
    EXPECT_EQ(merged[0].second, 2);
}

TEST(EventScreenTest, ModelTextRoundTripsAndBadLinesNameTheirLine) {
    const EventScreen screen =
        EventScreen::from_text("# header\nthreshold\t0.35\nbias\t0.5\ns=said\t-1.25\n", "m.txt");
    EXPECT_DOUBLE_EQ(screen.threshold(), 0.35);
    EXPECT_EQ(screen.feature_count(), 2u);
    const EventScreen again = EventScreen::from_text(screen.to_text("again"), "again");
    EXPECT_DOUBLE_EQ(again.probability({"bias", "s=said"}), screen.probability({"bias", "s=said"}));
    try {
        (void)EventScreen::from_text("threshold\t0.5\nbias 0.5\n", "m.txt");
        FAIL() << "a line without a tab was read";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("m.txt"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find(":2"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)EventScreen::from_text("bias\tnan\n", "m.txt"), InputError);
}

TEST(EventScreenTest, BuiltinModelIsATrainedOne) {
    // data/models/event-screen.txt, embedded: weights and a threshold that drops something
    const EventScreen& screen = EventScreen::builtin();
    EXPECT_FALSE(screen.empty());
    EXPECT_GT(screen.threshold(), 0.0);
    EXPECT_LT(screen.threshold(), 1.0);
    // it never learnt a name: no feature holds a capital letter but the "Cap" shape
    const std::string text = screen.to_text("");
    for (std::size_t at = 0;
         (at = text.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ", at)) != std::string::npos; ++at) {
        EXPECT_EQ(text.compare(at, 3, "Cap"), 0) << text.substr(at > 20 ? at - 20 : 0, 40);
    }
}

} // namespace
} // namespace kharita
