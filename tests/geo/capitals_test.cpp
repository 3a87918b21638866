// Which all-capitals tokens read as codes and which as words set in capitals: lines of
// capitals (headings), datelines, and codes in running text.

#include "geo/capitals.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace kharita::detail;

namespace {

/// The surfaces of the tokens of `text` that read as codes (or as acronyms),
/// space-separated.
std::string codes(std::string_view text, bool acronyms = false) {
    const std::vector<Token> tokens = tokenize(text);
    const CodeTokens marks = code_tokens(text, tokens);
    const std::vector<bool>& code = acronyms ? marks.acronym : marks.code;
    std::string out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!code[i])
            continue;
        if (!out.empty())
            out += ' ';
        out += text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    }
    return out;
}

} // namespace

TEST(Capitals, CodesInRunningTextAreCodes) {
    EXPECT_EQ(codes("The UAE and the US sent envoys; the EU and NATO did not."), "UAE US EU NATO");
}

TEST(Capitals, FiveLettersOrMoreAreWords) {
    EXPECT_EQ(codes("Talks in LIBYA and TRIPOLI went on."), "");
}

TEST(Capitals, LongerCapitalsInRunningTextAreAcronyms) {
    EXPECT_EQ(codes("Talks on NAFTA and the UAE went on at UNICEF.", true), "NAFTA UNICEF");
    // a heading or a dateline is words, not acronyms
    EXPECT_EQ(codes("SECURITY BULLETIN - LIBYA\nThe UAE said so.", true), "");
    EXPECT_EQ(codes("TRIPOLI, 1 July - Talks began.", true), "");
}

TEST(Capitals, ALineOfCapitalsIsWords) {
    EXPECT_EQ(codes("SECURITY BULLETIN - LIBYA\nThe UAE said so."), "UAE");
    EXPECT_EQ(codes("ROME TALKS END\n"), "");
    EXPECT_EQ(codes("GAZA\nPeople fled."), ""); // a heading of one word
}

TEST(Capitals, ADatelineIsWords) {
    EXPECT_EQ(codes("ROME, 1 July - Talks on the UAE plan began."), "UAE");
    EXPECT_EQ(codes("GAZA CITY, 1 July - Strikes went on."), "");
    // not at the start of the line, or without the comma, it is no dateline
    EXPECT_EQ(codes("Envoys of the UAE, the US and the UK met."), "UAE US UK");
    EXPECT_EQ(codes("UAE envoys met."), "UAE");
}

TEST(Capitals, DigitsAndSingleLettersAreNoCodes) {
    EXPECT_EQ(codes("The F16 and the A were seen in B52 form."), "");
}

TEST(Capitals, EmptyTextHasNoCodes) {
    EXPECT_EQ(codes(""), "");
    EXPECT_EQ(codes("\n\n,,,\n"), "");
}
