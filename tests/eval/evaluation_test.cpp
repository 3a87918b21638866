// The geoparse evaluation on a two-document corpus, and its errors on bad corpus lines
// (they name the file, the line and the field).

#include "kharita/base/error.hpp"
#include "kharita/eval/evaluation.hpp"
#include "support/default_gazetteer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kharita {
namespace {

class GeoparseEvaluationTest : public ::testing::Test {
protected:
    void TearDown() override { std::filesystem::remove(m_file); }

    /// Evaluates a corpus of these lines.
    GeoparseScores evaluate(const std::string& jsonl) {
        std::ofstream(m_file, std::ios::binary) << jsonl;
        return evaluate_geoparse(kharita::testing::default_parser(), m_file);
    }

    std::filesystem::path m_file =
        std::filesystem::temp_directory_path() /
        ("kharita-geoparse-eval-" +
         std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".jsonl");
};

TEST_F(GeoparseEvaluationTest, ScoresRecognitionAndResolution) {
    // code-point offsets: "Misrata" after the two-byte "é" starts at code point 11
    const GeoparseScores s = evaluate(
        R"({"text": "Clashes in Tripoli on Monday.", "toponyms": [{"start": 11, "end": 18, )"
        R"("name": "Tripoli", "type": "Toponym", "lat": 32.8874, "lon": 13.1873}]})"
        "\n"
        R"({"text": "Café in Misrata and Libyan food.", "toponyms": [{"start": 8, "end": 15, )"
        R"("name": "Misrata", "type": "Toponym", "lat": 32.3754, "lon": 15.0925}, )"
        R"({"start": 20, "end": 26, "name": "Libyan", "type": "Demonym"}]})"
        "\n");
    EXPECT_EQ(s.documents, 2U);
    EXPECT_EQ(s.gold, 3U);
    EXPECT_EQ(s.gold_with_coordinates, 2U);
    EXPECT_GE(s.exact.tp, 2U); // Tripoli and Misrata at least
    EXPECT_EQ(s.resolution.count, 2U);
    EXPECT_DOUBLE_EQ(s.resolution.acc161, 1.0);
    EXPECT_EQ(s.strict.tp, 2U);
    EXPECT_EQ(s.recall_by_type.at("Toponym"), std::make_pair(std::size_t{2}, std::size_t{2}));
    EXPECT_EQ(s.recall_by_type.at("Demonym").second, 1U);
    EXPECT_DOUBLE_EQ(s.ceiling, 1.0);
}

TEST_F(GeoparseEvaluationTest, BadLinesNameTheLineAndTheField) {
    try {
        evaluate(R"({"text": "Tripoli.", "toponyms": []})"
                 "\n"
                 R"({"text": "Tripoli.", "toponyms": [{"start": 0, "end": 40}]})"
                 "\n");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.line(), 2U);
        EXPECT_EQ(e.field(), "toponyms");
        EXPECT_NE(std::string(e.what()).find("lies outside the text"), std::string::npos);
    }
    try {
        evaluate(R"({"toponyms": []})");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.line(), 1U);
        EXPECT_EQ(e.field(), "text/toponyms");
    }
    EXPECT_THROW(evaluate("{oops\n"), InputError);
}

} // namespace
} // namespace kharita
