// Event-location scoring against ../shared/eval/event-location/score.py: the expected
// figures below are what score.py printed for these invented sentences and predictions.

#include "kharita/eval/event_location.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace kharita {
namespace {

// Partial spans (a word cut by the span does not count), a prediction missing (record e),
// an integer id, a word with letters beyond ASCII.
constexpr const char* kGold =
    R"({"id": "a", "text": "Gunmen stormed a café in Zarqonia on Tuesday.", "event": {"start": 7, "end": 14}, "locations": [{"start": 25, "end": 33}]}
{"id": "b", "text": "Rockets hit the port of Belmira-Nord, officials in Ostavia said.", "event": {"start": 8, "end": 11}, "locations": [{"start": 24, "end": 36}]}
{"id": "c", "text": "Talks on the ceasefire resumed.", "event": {"start": 23, "end": 30}, "locations": []}
{"id": "d", "text": "Protesters marched through Kelvar and Doune Vale.", "event": {"start": 11, "end": 18}, "locations": [{"start": 27, "end": 33}, {"start": 38, "end": 48}]}
{"id": "e", "text": "Nothing was destroyed.", "event": {"start": 12, "end": 21}, "locations": []}
{"id": 7, "text": "Shelling killed two in Ústí.", "event": {"start": 9, "end": 15}, "locations": [{"start": 23, "end": 27}]}
)";

constexpr const char* kPredicted = R"({"id": "a", "locations": [{"start": 25, "end": 33}]}
{"id": "b", "locations": [{"start": 24, "end": 30}, {"start": 50, "end": 57}]}
{"id": "c", "locations": [{"start": 13, "end": 22}]}
{"id": "d", "locations": [{"start": 27, "end": 33}]}
{"id": 7, "locations": [{"start": 23, "end": 27}]}
)";

std::string write_temp(const std::string& name, const char* content) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("kharita-evloc-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

TEST(EventLocationEvalTest, ScoresAsScorePyDoes) {
    const std::string gold_path = write_temp("gold.jsonl", kGold);
    const std::string pred_path = write_temp("pred.jsonl", kPredicted);
    Diagnostics problems;
    const auto gold = read_event_location_file(gold_path, problems);
    const auto pred = read_location_predictions(pred_path, problems);
    std::filesystem::remove(gold_path);
    std::filesystem::remove(pred_path);
    ASSERT_TRUE(problems.empty());
    ASSERT_EQ(gold.size(), 6U);
    const EventLocationScores s = score_event_locations(gold, pred, 10);
    // score.py: records 6, token_precision 0.75, token_recall 0.4286, token_f1 0.5455,
    // sentence accuracy 0.5 overall, 0.5 with a location, 0.5 without
    EXPECT_EQ(s.records, 6U);
    EXPECT_EQ(s.true_words, 3U);
    EXPECT_EQ(s.predicted_words, 4U);
    EXPECT_EQ(s.gold_words, 7U);
    EXPECT_NEAR(s.precision(), 0.75, 5e-5);
    EXPECT_NEAR(s.recall(), 0.4286, 5e-5);
    EXPECT_NEAR(s.f1(), 0.5455, 5e-5);
    EXPECT_EQ(s.right, 3U);
    EXPECT_EQ(s.with_location, 4U);
    EXPECT_EQ(s.right_with_location, 2U);
    EXPECT_EQ(s.without_location, 2U);
    EXPECT_EQ(s.right_without_location, 1U);
    ASSERT_EQ(s.misses.size(), 3U);
    EXPECT_EQ(s.misses[0].id, "b");
    EXPECT_EQ(s.misses[0].event, "hit");
    EXPECT_EQ(s.misses[0].predicted.at(0), "Belmir");
}

TEST(EventLocationEvalTest, AFoldDependsOnTheIdOnly) {
    EXPECT_EQ(location_fold("evloc-1", 5), location_fold("evloc-1", 5));
    EXPECT_LT(location_fold("evloc-2", 5), 5U);
    std::size_t in_fold_0 = 0;
    for (int k = 0; k < 1000; ++k)
        in_fold_0 += location_fold("id-" + std::to_string(k), 5) == 0 ? 1 : 0;
    EXPECT_GT(in_fold_0, 150U);
    EXPECT_LT(in_fold_0, 250U);
}

} // namespace
} // namespace kharita
