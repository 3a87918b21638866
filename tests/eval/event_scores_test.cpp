// The event evaluation's strict matching (an undated event is no match for a dated one),
// the alignment that counts place and date errors apart, and a directory of pages.

#include "kharita/base/error.hpp"
#include "kharita/eval/evaluation.hpp"
#include "kharita/eval/event_screen_study.hpp"
#include "support/default_gazetteer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kharita {
namespace {

// the scoring is tested on the rules' events: no learned screen between
const EventScreen kRulesAlone;

class EventScoresTest : public ::testing::Test {
protected:
    void SetUp() override { std::filesystem::create_directories(m_dir); }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    void write(const std::string& name, const std::string& content) {
        std::ofstream(m_dir / name, std::ios::binary) << content;
    }

    static constexpr const char* kPage =
        "Protesters gathered in Misrata on 3 May 2025 to demand elections. Fighters "
        "clashed in Sabha on 1 May 2025.\n";
    static constexpr const char* kGold = R"({
  "retrieved_at_for_this_gold": "2025-05-05T12:00:00Z",
  "events": [
    {"id": "protest", "type": "protest", "place": "Misrata", "lat": 32.375, "lon": 15.092,
     "precision": "point", "date_start": "2025-05-03", "date_end": "2025-05-03",
     "date_precision": "day", "status": "occurred"},
    {"id": "clash", "type": "clash", "place": "Sabha", "lat": 27.038, "lon": 14.426,
     "precision": "point", "date_start": "2025-04-10", "date_end": "2025-04-10",
     "date_precision": "day", "status": "occurred"},
    {"id": "meeting", "type": "meeting", "place": "Tunis", "lat": 36.819, "lon": 10.166,
     "precision": "point", "date_start": "2025-05-02", "date_end": "2025-05-02",
     "date_precision": "day", "status": "occurred"}]})";

    std::filesystem::path m_dir =
        std::filesystem::temp_directory_path() /
        ("kharita-event-eval-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
};

TEST_F(EventScoresTest, StrictMatchAndPlaceAndDateCountedApart) {
    write("page.txt", kPage);
    write("page.gold.json", kGold);
    const EventScores s =
        evaluate_events(kharita::testing::default_parser(), m_dir / "page.gold.json",
                        m_dir / "page.txt", kRulesAlone);
    EXPECT_EQ(s.events.tp, 1u);
    EXPECT_EQ(s.events.fp, 1u); // the Sabha clash, dated otherwise than the gold
    EXPECT_EQ(s.events.fn, 2u);
    EXPECT_EQ(s.aligned, 2u); // the meeting in Tunis has no prediction of its type
    EXPECT_EQ(s.place_right, 2u);
    EXPECT_EQ(s.date_right, 1u);
    ASSERT_EQ(s.gold.size(), 3u);
    EXPECT_TRUE(s.gold[0].matched);
    EXPECT_FALSE(s.gold[1].matched);
    EXPECT_TRUE(s.gold[1].place_right);
    EXPECT_FALSE(s.gold[1].date_right);
    EXPECT_TRUE(s.gold[2].found.empty());
}

TEST_F(EventScoresTest, UndatedEventIsNoMatchForADatedOne) {
    write("page.txt", "Protesters gathered in Misrata to demand elections.\n");
    write("page.gold.json", R"({"events": [{"id": "p", "type": "protest", "place": "Misrata",
        "lat": 32.375, "lon": 15.092, "precision": "point", "date_start": "2025-05-03",
        "date_end": "2025-05-03"}]})");
    // no reference time at all: the event can only be undated
    const EventScores s =
        evaluate_events(kharita::testing::default_parser(), m_dir / "page.gold.json",
                        m_dir / "page.txt", kRulesAlone);
    EXPECT_EQ(s.events.tp, 0u);
    EXPECT_EQ(s.aligned, 1u);
    EXPECT_EQ(s.place_right, 1u);
    EXPECT_EQ(s.date_right, 0u);
}

TEST_F(EventScoresTest, DirectoryOfPagesIsSummed) {
    write("a.txt", kPage);
    write("a.gold.json", kGold);
    write("b.txt", kPage);
    write("b.gold.json", kGold);
    const EventScores s =
        evaluate_event_set(kharita::testing::default_parser(), m_dir, kRulesAlone);
    EXPECT_EQ(s.files, 2u);
    EXPECT_EQ(s.events.tp, 2u);
    EXPECT_EQ(s.gold.size(), 6u);
    EXPECT_EQ(s.gold[3].file, "b.txt");
}

TEST_F(EventScoresTest, GoldWithoutItsPageIsNamed) {
    write("lonely.gold.json", kGold);
    try {
        evaluate_event_set(kharita::testing::default_parser(), m_dir, kRulesAlone);
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("lonely.gold.json"), std::string::npos) << e.what();
    }
    std::filesystem::remove(m_dir / "lonely.gold.json");
    EXPECT_THROW(evaluate_event_set(kharita::testing::default_parser(), m_dir, kRulesAlone),
                 InputError);
}

TEST_F(EventScoresTest, ScreenCorpusLabelsTheRulesEventsAndScoresThemAsTheEvaluation) {
    write("a.txt", kPage);
    write("a.gold.json", kGold);
    write("b.txt", kPage);
    write("b.gold.json", kGold);
    const ScreenCorpus corpus = ScreenCorpus::read(kharita::testing::default_parser(), {m_dir});
    EXPECT_EQ(corpus.page_count(), 2u);
    EXPECT_EQ(corpus.event_count(), 4u); // a protest and a clash per page
    // the clashes are dated otherwise than the gold but placed right: they tell its happening
    EXPECT_EQ(corpus.right_count(), 4u);
    const std::vector<std::size_t> pages = {0, 1};
    std::vector<double> p;
    corpus.set_probabilities(pages, EventScreen(), p);
    const EventScores all = corpus.score_at(pages, p, 0);
    const EventScores rules =
        evaluate_event_set(kharita::testing::default_parser(), m_dir, kRulesAlone);
    EXPECT_EQ(all.events.tp, rules.events.tp);
    EXPECT_EQ(all.events.fp, rules.events.fp);
    EXPECT_EQ(all.events.fn, rules.events.fn);
    // a screen that drops every clash leaves only the right events
    corpus.set_probabilities(pages, EventScreen::from_text("bias\t0\ntype=clash\t-5\n", "t"), p);
    const EventScores screened = corpus.score_at(pages, p, 0.5);
    EXPECT_EQ(screened.events.tp, 2u);
    EXPECT_EQ(screened.events.fp, 0u);
    // a meeting whose place and date both differ from the gold's tells no gold happening
    write("c.txt", std::string(kPage) + "Delegates met in Zintan on 20 April 2025.\n");
    write("c.gold.json", kGold);
    const ScreenCorpus more = ScreenCorpus::read(kharita::testing::default_parser(), {m_dir});
    EXPECT_EQ(more.event_count(), 7u);
    EXPECT_EQ(more.right_count(), 6u);
    const ScreenCrossValidation cv = cross_validate_screen(corpus, 2, 0, {});
    ASSERT_EQ(cv.sets.size(), 1u);
    EXPECT_EQ(cv.rules[0].tp + cv.rules[0].fn, 6u); // every gold event counted once
    EXPECT_EQ(cv.thresholds.size(), 2u);
}

TEST_F(EventScoresTest, ScreenThresholdDropsEventsOnlyWhenThatIsClearlyBetter) {
    // every event right: no threshold does better than the rules alone, so none is taken
    const std::string gold_protest = R"({"retrieved_at_for_this_gold": "2025-05-05T12:00:00Z",
  "events": [{"id": "p", "type": "protest", "place": "Misrata", "lat": 32.375, "lon": 15.092,
     "precision": "point", "date_start": "2025-05-03", "date_end": "2025-05-03",
     "date_precision": "day", "status": "occurred"}]})";
    for (const char* name : {"a", "b", "c", "d", "e", "f", "g", "h"}) {
        write(std::string(name) + ".txt", "Protesters gathered in Misrata on 3 May 2025.\n");
        write(std::string(name) + ".gold.json", gold_protest);
    }
    std::vector<std::size_t> pages(8);
    for (std::size_t k = 0; k < pages.size(); ++k)
        pages[k] = k;
    const ScreenCorpus right = ScreenCorpus::read(kharita::testing::default_parser(), {m_dir});
    EXPECT_EQ(choose_screen_threshold(right, pages, 4, {}), 0.0);
    // each page also tells a clash no gold event has: dropping the clashes is better on every
    // page, so a threshold is taken
    for (const char* name : {"a", "b", "c", "d", "e", "f", "g", "h"}) {
        write(std::string(name) + ".txt", "Protesters gathered in Misrata on 3 May 2025. "
                                          "Fighters clashed in Zintan on 20 April 2025.\n");
    }
    const ScreenCorpus mixed = ScreenCorpus::read(kharita::testing::default_parser(), {m_dir});
    ASSERT_EQ(mixed.event_count(), 16u);
    ASSERT_EQ(mixed.right_count(), 8u);
    EXPECT_GT(choose_screen_threshold(mixed, pages, 4, {}), 0.0);
}

} // namespace
} // namespace kharita
