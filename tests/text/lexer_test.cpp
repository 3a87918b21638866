// The lexer every tokenizer is built on, and its UTF-8 helpers.

#include "kharita/text/lexer.hpp"
#include "kharita/text/utf8.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace kharita::detail;

namespace {

std::vector<Lexeme> lex_all(std::string_view text) {
    std::vector<Lexeme> out;
    Lexer lexer(text);
    Lexeme x;
    while (lexer.next(x))
        out.push_back(x);
    return out;
}

} // namespace

TEST(Lexer, WordsNumbersLettersAndPunctuation) {
    const std::string_view text = "Caf\xC3\xA9 12th, \xD8\xB7x";
    const auto x = lex_all(text);
    ASSERT_EQ(x.size(), 7u);
    EXPECT_EQ(x[0].kind, LexemeKind::word);
    EXPECT_EQ(x[0].surface(text), "Caf");
    EXPECT_TRUE(x[0].upper_initial);
    EXPECT_EQ(x[0].letters, 3u);
    EXPECT_EQ(x[0].uppers, 1u);
    EXPECT_EQ(x[0].lower(text), "caf");
    EXPECT_EQ(x[1].kind, LexemeKind::letter); // é, glued to "Caf"
    EXPECT_EQ(x[1].code_point, U'\u00E9');
    EXPECT_EQ(x[1].begin, x[0].end);
    EXPECT_EQ(x[2].kind, LexemeKind::number);
    EXPECT_EQ(x[2].surface(text), "12");
    EXPECT_TRUE(x[2].space_before);
    EXPECT_EQ(x[3].kind, LexemeKind::word);
    EXPECT_FALSE(x[3].space_before);
    EXPECT_TRUE(x[4].is(PunctRole::comma));
    EXPECT_EQ(x[5].kind, LexemeKind::letter);
    EXPECT_TRUE(x[5].arabic);
    EXPECT_EQ(x[5].letters, 1u);
    EXPECT_EQ(x[6].surface(text), "x");
}

TEST(Lexer, WhiteSpaceIsRecordedOnTheNextLexeme) {
    const auto x = lex_all(" a\tb\r\nc \xC2\xA0 d  ");
    ASSERT_EQ(x.size(), 5u);
    EXPECT_TRUE(x[0].space_before);
    EXPECT_FALSE(x[0].line_break_before);
    EXPECT_TRUE(x[1].space_before);
    EXPECT_TRUE(x[2].line_break_before);
    // a no-break space is punctuation with the role of a space, not white space
    EXPECT_TRUE(x[3].is(PunctRole::space));
    EXPECT_EQ(x[4].code_point, U'd');
    EXPECT_TRUE(lex_all("").empty());
    EXPECT_TRUE(lex_all(" \n\t ").empty());
}

TEST(Lexer, OneTableOfPunctuationRoles) {
    EXPECT_EQ(punct_role('-'), PunctRole::hyphen);
    EXPECT_EQ(punct_role(0x2010), PunctRole::hyphen);
    EXPECT_EQ(punct_role(0x2011), PunctRole::hyphen);
    EXPECT_EQ(punct_role(0x2013), PunctRole::dash);
    EXPECT_EQ(punct_role(0x2014), PunctRole::dash);
    EXPECT_EQ(punct_role(','), PunctRole::comma);
    EXPECT_EQ(punct_role('?'), PunctRole::full_stop);
    EXPECT_EQ(punct_role(0x2022), PunctRole::bullet);
    EXPECT_EQ(punct_role('|'), PunctRole::clause);
    EXPECT_EQ(punct_role(0x201C), PunctRole::open_quote);
    EXPECT_EQ(punct_role(0x201D), PunctRole::other);
    EXPECT_EQ(punct_role(0x2019), PunctRole::apostrophe);
    EXPECT_EQ(punct_role('\''), PunctRole::apostrophe);
    EXPECT_EQ(punct_role(0x00A0), PunctRole::space);
    EXPECT_EQ(punct_role('('), PunctRole::other);
}

TEST(Lexer, BrokenBytesAreLexemesOfOneByte) {
    const std::string_view text = "a\xC3"
                                  "b\xEF\xBF\xBD\xE2\x80";
    const auto x = lex_all(text);
    ASSERT_EQ(x.size(), 8u);
    EXPECT_EQ(x[1].kind, LexemeKind::invalid);
    EXPECT_EQ(x[1].size(), 1u);
    EXPECT_EQ(x[1].code_point, kReplacementCharacter);
    EXPECT_EQ(x[2].surface(text), "b");
    for (std::size_t k = 3; k < 8; ++k) // a literal U+FFFD too: three invalid bytes
        EXPECT_EQ(x[k].kind, LexemeKind::invalid) << k;
}

TEST(Lexer, MarksAndTitlecase) {
    // a combining mark is a letter lexeme that is not alphabetic
    const auto mark = lex_all("\xD9\x8F");
    ASSERT_EQ(mark.size(), 1u);
    EXPECT_EQ(mark[0].kind, LexemeKind::letter);
    EXPECT_EQ(mark[0].letters, 0u);
    EXPECT_FALSE(mark[0].starts_with_letter());
    const auto title = lex_all("\xC7\x85");
    EXPECT_TRUE(title[0].upper_initial);
    EXPECT_EQ(title[0].uppers, 1u);
    EXPECT_TRUE(is_upper_case(U'\u00C9'));
    EXPECT_FALSE(is_upper_case(U'\u00E9'));
}

TEST(Lexer, PeekAndSkipTo) {
    const std::string_view text = "ab 12345";
    Lexer lexer(text);
    const auto ahead = lexer.peek();
    ASSERT_TRUE(ahead);
    Lexeme x;
    ASSERT_TRUE(lexer.next(x));
    EXPECT_EQ(x.begin, ahead->begin);
    EXPECT_EQ(x.end, ahead->end);
    ASSERT_TRUE(lexer.next(x));
    EXPECT_EQ(x.surface(text), "12345");
    // back into the last lexeme: its rest is read again, with no space before it
    lexer.skip_to(6);
    ASSERT_TRUE(lexer.next(x));
    EXPECT_EQ(x.surface(text), "45");
    EXPECT_FALSE(x.space_before);
    EXPECT_FALSE(lexer.next(x));
    EXPECT_FALSE(lexer.peek());
}

TEST(Lexer, StartsAtAnOffset) {
    const std::string_view text = "one two";
    Lexer lexer(text, 3);
    Lexeme x;
    ASSERT_TRUE(lexer.next(x));
    EXPECT_EQ(x.begin, 4u);
    EXPECT_TRUE(x.space_before);
}

TEST(Utf8, DecodesAndRejectsLikeTheLexer) {
    EXPECT_EQ(decode_at("\xC3\xA9", 0).value, U'\u00E9');
    EXPECT_EQ(decode_at("\xC3\xA9", 0).size, 2u);
    EXPECT_EQ(decode_at("\xF0\x9F\x98\x80", 0).size, 4u);
    for (const std::string_view bad :
         {"\xC3", "\xC3x", "\xC0\xAF", "\xED\xA0\x80", "\x80", "\xFF", "\xEF\xBF\xBD"}) {
        EXPECT_FALSE(decode_at(bad, 0).valid()) << bad;
        EXPECT_EQ(decode_at(bad, 0).size, 1u);
    }
    EXPECT_EQ(announced_length('a'), 1u);
    EXPECT_EQ(announced_length(0xC0), 2u);
    EXPECT_EQ(announced_length(0xE2), 3u);
    EXPECT_EQ(announced_length(0xF7), 4u);
    EXPECT_EQ(announced_length(0x80), 1u);
    EXPECT_EQ(announced_length(0xF8), 1u);
}

TEST(Utf8, CodePointCounterInAnyOrder) {
    const std::string_view text = "a\xC3\xA9"
                                  "b\xD8\xB7\xFF"
                                  "c";
    // a b c are one byte, é and ط two, the broken byte one; an offset inside é or ط counts it
    const std::vector<std::size_t> want = {0, 1, 2, 2, 3, 4, 4, 5, 6, 6};
    CodePointCounter forward(text);
    for (std::size_t b = 0; b < want.size(); ++b)
        EXPECT_EQ(forward.at(b), want[b]) << b;
    CodePointCounter backward(text);
    for (std::size_t b = want.size(); b-- > 0;)
        EXPECT_EQ(backward.at(b), want[b]) << b;
    CodePointCounter inside(text);
    EXPECT_EQ(inside.at(2), 2u); // inside é
    EXPECT_EQ(inside.at(2), 2u);
    EXPECT_EQ(inside.at(1), 1u);
    EXPECT_EQ(code_point_offset(text, 100), 6u);
}
