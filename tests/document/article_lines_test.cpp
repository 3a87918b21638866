// The one reader of article JSON Lines (document/article_lines.hpp): the title rule, the
// fields, and bad lines reported with their numbers while the others are read.

#include "kharita/document/article_lines.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kharita {
namespace {

std::vector<ArticleLine> read(const std::string& jsonl, Diagnostics& problems) {
    std::istringstream in(jsonl);
    std::vector<ArticleLine> out;
    read_article_lines(in, "feed.jsonl", problems,
                       [&](ArticleLine&& a) { out.push_back(std::move(a)); });
    return out;
}

std::vector<std::string> messages(const Diagnostics& problems) {
    std::vector<std::string> out;
    for (const Diagnostic& d : problems.examples())
        out.push_back(d.to_string());
    return out;
}

TEST(ArticleLinesTest, TheTitleIsTheFirstLineOfTheText) {
    Diagnostics problems;
    const auto lines = read(R"({"title": "Clashes in Tripoli", "text": "Body.", "source": "W",)"
                            R"( "url": "https://example.org/1"})",
                            problems);
    ASSERT_EQ(lines.size(), 1U);
    const Article& a = lines[0].article;
    EXPECT_EQ(a.title, "Clashes in Tripoli");
    EXPECT_EQ(a.text, "Clashes in Tripoli\nBody.");
    EXPECT_EQ(a.source, "W");
    EXPECT_EQ(a.url, "https://example.org/1");
    EXPECT_EQ(a.start, 0U);
    EXPECT_EQ(a.end, a.text.size());
    EXPECT_TRUE(problems.empty());
}

TEST(ArticleLinesTest, WithoutATitleTheTextIsTheBody) {
    Diagnostics problems;
    const auto lines = read(R"({"text": "Body only."})", problems);
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0].article.text, "Body only.");
    EXPECT_EQ(lines[0].article.title, "");
    EXPECT_EQ(lines[0].id_json, "");
}

TEST(ArticleLinesTest, PublicationAndRetrievalTimes) {
    Diagnostics problems;
    const auto lines = read(R"({"text": "a", "published": "2025-06-14T12:00:00Z",)"
                            R"( "retrieved_at": "2025-06-15T08:30"})"
                            "\n"
                            R"({"text": "b"})",
                            problems);
    ASSERT_EQ(lines.size(), 2U);
    EXPECT_EQ(lines[0].article.published, CivilDay::make(2025, 6, 14));
    EXPECT_EQ(lines[0].article.published_note, "published field");
    ASSERT_TRUE(lines[0].retrieved_at);
    EXPECT_EQ(lines[0].retrieved_at->day, CivilDay::make(2025, 6, 15));
    EXPECT_EQ(lines[0].retrieved_at->minute_of_day, 8 * 60 + 30);
    EXPECT_EQ(lines[1].article.published, std::nullopt);
    EXPECT_EQ(lines[1].article.published_note, "no published field");
    EXPECT_EQ(lines[1].retrieved_at, std::nullopt);
}

TEST(ArticleLinesTest, TheIdIsHandedBackAsJson) {
    Diagnostics problems;
    const auto lines = read("{\"id\": \"doc-1\", \"text\": \"a\"}\n{\"id\": 7, \"text\": \"b\"}\n"
                            "{\"id\": [1, \"x\"], \"text\": \"c\"}",
                            problems);
    ASSERT_EQ(lines.size(), 3U);
    EXPECT_EQ(lines[0].id_json, "\"doc-1\"");
    EXPECT_EQ(lines[1].id_json, "7");
    EXPECT_EQ(lines[2].id_json, "[1,\"x\"]");
}

TEST(ArticleLinesTest, BadLinesAreReportedWithTheirNumbersAndSkipped) {
    Diagnostics problems;
    const auto lines = read("{\"text\": \"one\"}\n"
                            "not json\n"
                            "\n"
                            "\r\n"
                            "[1, 2]\n"
                            "{\"title\": \"no text\"}\n"
                            "{\"text\": 5}\n"
                            "{\"text\": \"two\"}\n",
                            problems);
    ASSERT_EQ(lines.size(), 2U);
    EXPECT_EQ(lines[0].line, 1U);
    EXPECT_EQ(lines[1].line, 8U);
    EXPECT_EQ(lines[1].article.text, "two");
    ASSERT_EQ(problems.count(), 4U);
    const auto m = messages(problems);
    EXPECT_TRUE(m[0].starts_with("feed.jsonl:2: not JSON: ")) << m[0];
    EXPECT_EQ(m[1], "feed.jsonl:5: text: missing or not a string");
    EXPECT_EQ(m[2], "feed.jsonl:6: text: missing or not a string");
    EXPECT_EQ(m[3], "feed.jsonl:7: text: missing or not a string");
}

TEST(ArticleLinesTest, BadFieldsAreReportedAndIgnoredTheArticleKept) {
    Diagnostics problems;
    const auto lines = read(R"({"text": "a", "title": 3, "source": null, "url": ["u"],)"
                            R"( "published": "last Tuesday", "retrieved_at": "soon"})",
                            problems);
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0].article.text, "a");
    EXPECT_EQ(lines[0].article.published, std::nullopt);
    EXPECT_EQ(lines[0].article.published_note, "no published field");
    EXPECT_EQ(lines[0].retrieved_at, std::nullopt);
    EXPECT_EQ(messages(problems),
              (std::vector<std::string>{
                  "feed.jsonl:1: title: not a string; ignored",
                  "feed.jsonl:1: url: not a string; ignored",
                  "feed.jsonl:1: published: \"last Tuesday\" is not a date; ignored",
                  "feed.jsonl:1: retrieved_at: \"soon\" is not a date; ignored"}));
}

TEST(ArticleLinesTest, ReadArticlesReadsJsonLinesWithTheSameReader) {
    const std::string jsonl =
        "{\"title\": \"T\", \"text\": \"Body.\", \"published\": \"2025-06-14\"}\n"
        "oops\n"
        "{\"text\": \"Second.\"}\n";
    const auto file =
        std::filesystem::temp_directory_path() /
        ("kharita-article-lines-" +
         std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".jsonl");
    std::ofstream(file, std::ios::binary) << jsonl;
    Diagnostics from_file, from_stream;
    const std::vector<Article> articles = read_articles(file, std::nullopt, from_file);
    std::filesystem::remove(file);
    std::istringstream in(jsonl);
    std::vector<Article> streamed;
    read_article_lines(in, file.string(), from_stream,
                       [&](ArticleLine&& a) { streamed.push_back(std::move(a.article)); });
    ASSERT_EQ(articles.size(), 2U);
    ASSERT_EQ(streamed.size(), 2U);
    for (std::size_t k = 0; k < articles.size(); ++k) {
        EXPECT_EQ(articles[k].title, streamed[k].title);
        EXPECT_EQ(articles[k].text, streamed[k].text);
        EXPECT_EQ(articles[k].published, streamed[k].published);
        EXPECT_EQ(articles[k].published_note, streamed[k].published_note);
    }
    EXPECT_EQ(articles[0].text, "T\nBody.");
    EXPECT_EQ(messages(from_file), messages(from_stream));
    ASSERT_EQ(from_file.count(), 1U);
    EXPECT_EQ(from_file.examples()[0].line, 2U);
}

} // namespace
} // namespace kharita
