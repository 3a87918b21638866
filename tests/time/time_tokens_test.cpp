// Pins the temporal grammar's view of a text (detail::time_tokens) on the tricky texts:
// byte offsets, kind, text (lowercase words, en and em dashes as "-"), the value of numbers,
// a space before, a capital.

#include "kharita/time/timex.hpp"
#include "time/time_tokens.hpp"

#include "text/tricky_texts.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace kharita;
using kharita::test::kTrickyTexts;
using kharita::test::show;

namespace {

using Lines = std::vector<std::string>;

Lines time_view(std::string_view text) {
    Lines out;
    for (const detail::TimeToken& t : detail::time_tokens(text)) {
        std::string line = std::to_string(t.begin) + "-" + std::to_string(t.end);
        switch (t.kind) {
        case detail::TimeTokenKind::word:
            line += " word";
            break;
        case detail::TimeTokenKind::number:
            line += " number";
            break;
        case detail::TimeTokenKind::punct:
            line += " punct";
            break;
        }
        line += " [" + show(t.text) + "]";
        if (t.kind == detail::TimeTokenKind::number)
            line += " =" + std::to_string(t.value);
        line += t.space_before ? " space" : "";
        line += t.capitalised ? " cap" : "";
        out.push_back(std::move(line));
    }
    return out;
}

} // namespace

TEST(TimeTokens, EmptyText) {
    EXPECT_EQ(time_view(kTrickyTexts[0]), Lines{});
}

TEST(TimeTokens, OnlySpaces) {
    EXPECT_EQ(time_view(kTrickyTexts[1]), Lines{});
}

TEST(TimeTokens, HyphensAndDashes) {
    EXPECT_EQ(time_view(kTrickyTexts[2]), (Lines{
                                              "0-6 word [libyan] cap",
                                              "6-7 punct [-]",
                                              "7-15 word [tunisian] cap",
                                              "16-22 word [border] space",
                                              "22-23 punct [,]",
                                              "24-27 word [ras] space cap",
                                              "28-33 word [ajdir] space cap",
                                              "34-37 punct [-] space",
                                              "38-44 word [zuwara] space cap",
                                              "44-47 punct [-]",
                                              "47-55 word [sabratha] cap",
                                              "56-59 punct [‐] space",
                                              "60-66 word [zawiya] space cap",
                                              "66-69 punct [‑]",
                                              "69-76 word [tripoli] cap",
                                              "77-78 punct [-] space",
                                              "79-81 word [al] space",
                                              "81-82 punct [-]",
                                              "82-87 word [bayda] cap",
                                              "88-89 punct [-] space",
                                              "89-90 number [5] =5",
                                              "91-92 word [x] space",
                                              "92-93 punct [-]",
                                              "93-94 punct [-]",
                                              "94-95 word [y]",
                                              "96-97 number [9] =9 space",
                                              "97-98 punct [-]",
                                              "98-99 word [b]",
                                              "100-103 word [end] space",
                                              "103-104 punct [-]",
                                              "105-106 punct [-] space",
                                              "106-111 word [start]",
                                              "112-113 word [x] space",
                                              "113-114 punct [-]",
                                              "114-116 punct [é]",
                                              "117-119 number [12] =12 space",
                                              "119-122 punct [-]",
                                              "122-124 number [13] =13",
                                          }));
}

TEST(TimeTokens, Apostrophes) {
    EXPECT_EQ(time_view(kTrickyTexts[3]), (Lines{
                                              "0-2 word [ra] cap",
                                              "2-3 punct [']",
                                              "3-4 word [s]",
                                              "5-10 word [lanuf] space cap",
                                              "10-11 punct [,]",
                                              "12-14 word [ra] space cap",
                                              "14-17 punct [’]",
                                              "17-18 word [s]",
                                              "19-24 word [ajdir] space cap",
                                              "25-28 word [and] space",
                                              "29-36 word [martyrs] space cap",
                                              "36-37 punct [']",
                                              "38-44 word [square] space cap",
                                              "44-45 punct [;]",
                                              "46-47 word [o] space cap",
                                              "47-48 punct [']",
                                              "48-52 word [neil] cap",
                                              "52-53 punct [']",
                                              "53-54 word [s]",
                                              "55-58 word [son] space",
                                              "58-59 punct [,]",
                                              "60-64 word [rock] space",
                                              "65-66 punct ['] space",
                                              "66-67 word [n]",
                                              "67-68 punct [']",
                                              "69-73 word [roll] space",
                                              "73-74 punct [,]",
                                              "75-83 word [benghazi] space cap",
                                              "83-84 punct [']",
                                              "84-85 word [s]",
                                              "86-87 punct ['] space",
                                              "87-88 word [s]",
                                              "89-90 word [s] space",
                                              "90-91 punct [']",
                                              "92-94 word [it] space",
                                              "94-95 punct [']",
                                              "95-97 word [sx]",
                                              "98-100 word [ra] space cap",
                                              "100-103 punct [’]",
                                              "103-104 word [s]",
                                              "104-105 punct [,]",
                                              "106-111 word [sirte] space cap",
                                              "111-114 punct [’]",
                                              "114-115 word [s] cap",
                                              "115-116 punct [.]",
                                              "117-119 word [ra] space cap",
                                              "119-120 punct [']",
                                              "120-121 word [s]",
                                          }));
}

TEST(TimeTokens, DottedAbbreviations) {
    EXPECT_EQ(time_view(kTrickyTexts[4]), (Lines{
                                              "0-3 word [the] cap",
                                              "4-5 word [u] space cap",
                                              "5-6 punct [.]",
                                              "6-7 word [s] cap",
                                              "7-8 punct [.]",
                                              "9-12 word [and] space",
                                              "13-14 word [u] space cap",
                                              "14-15 punct [.]",
                                              "15-16 word [k] cap",
                                              "16-17 punct [.]",
                                              "18-22 word [said] space",
                                              "23-24 word [u] space cap",
                                              "24-25 punct [.]",
                                              "25-26 word [s] cap",
                                              "26-27 punct [.]",
                                              "27-28 word [a] cap",
                                              "28-29 punct [.]",
                                              "30-39 word [officials] space",
                                              "39-40 punct [,]",
                                              "41-42 word [u] space cap",
                                              "42-43 punct [.]",
                                              "43-44 word [s] cap",
                                              "45-52 word [visited] space",
                                              "53-54 number [1] =1 space",
                                              "54-55 word [u] cap",
                                              "55-56 punct [.]",
                                              "56-57 word [s] cap",
                                              "57-58 punct [.]",
                                              "59-60 word [a] space cap",
                                              "60-61 punct [.]",
                                              "61-62 word [b] cap",
                                              "62-63 punct [.]",
                                              "63-64 word [c] cap",
                                              "64-65 punct [.]",
                                              "65-66 word [d] cap",
                                              "66-67 punct [.]",
                                              "68-69 word [x] space",
                                              "70-71 word [u] space cap",
                                              "71-72 punct [.]",
                                              "72-73 word [s] cap",
                                              "73-74 punct [.]",
                                              "74-76 punct [É]",
                                              "76-77 punct [.]",
                                              "78-79 word [u] space cap",
                                              "79-80 punct [.]",
                                              "80-81 word [s] cap",
                                              "81-82 punct [.]",
                                              "82-84 punct [\\xC9.]",
                                              "85-87 word [mr] space cap",
                                              "87-88 punct [.]",
                                              "89-94 word [smith] space cap",
                                          }));
}

TEST(TimeTokens, Digits) {
    EXPECT_EQ(time_view(kTrickyTexts[5]), (Lines{
                                              "0-2 word [on] cap",
                                              "3-5 number [12] =12 space",
                                              "6-9 word [may] space cap",
                                              "10-14 number [2025] =2025 space",
                                              "15-17 word [at] space",
                                              "18-19 number [5] =5 space",
                                              "19-20 punct [:]",
                                              "20-22 number [30] =30",
                                              "22-24 word [pm]",
                                              "24-25 punct [,]",
                                              "26-38 number [123456789012] =123456789012 space",
                                              "38-42 number [3456] =3456",
                                              "43-49 word [people] space",
                                              "49-50 punct [;]",
                                              "51-52 number [3] =3 space",
                                              "52-53 word [d] cap",
                                              "54-55 word [a] space cap",
                                              "55-56 number [1] =1",
                                              "57-58 number [2] =2 space",
                                              "58-60 word [nd]",
                                              "61-63 number [07] =7 space",
                                              "63-64 punct [/]",
                                              "64-66 number [06] =6",
                                              "66-67 punct [/]",
                                              "67-71 number [2024] =2024",
                                              "72-73 punct [+] space",
                                              "73-75 number [10] =10",
                                              "75-79 word [days]",
                                              "80-82 punct [٣] space",
                                              "82-84 punct [٤]",
                                              "85-86 word [x] space",
                                          }));
}

TEST(TimeTokens, ArabicScript) {
    EXPECT_EQ(time_view(kTrickyTexts[6]),
              (Lines{
                  "0-2 punct [ا]",         "2-4 punct [ش]",
                  "4-6 punct [ت]",         "6-8 punct [ب]",
                  "8-10 punct [ا]",        "10-12 punct [ك]",
                  "12-14 punct [ا]",       "14-16 punct [ت]",
                  "17-19 punct [ف] space", "19-21 punct [ي]",
                  "22-24 punct [ط] space", "24-26 punct [ر]",
                  "26-28 punct [ا]",       "28-30 punct [ب]",
                  "30-32 punct [ل]",       "32-34 punct [س]",
                  "34-36 punct [،]",       "37-39 punct [ل] space",
                  "39-41 punct [ي]",       "41-43 punct [ب]",
                  "43-45 punct [ي]",       "45-47 punct [ا]",
                  "47-48 punct [.]",       "49-51 punct [م] space",
                  "51-53 punct [ُ]",        "53-55 punct [ص]",
                  "55-57 punct [ر]",       "57-59 punct [ا]",
                  "59-61 punct [ت]",       "61-63 punct [ة]",
                  "64-66 punct [ـ] space", "67-69 punct [ب] space",
                  "69-71 punct [ن]",       "71-73 punct [غ]",
                  "73-75 punct [ا]",       "75-77 punct [ز]",
                  "77-79 punct [ي]",       "80-87 word [tripoli] space cap",
              }));
}

TEST(TimeTokens, BrokenUtf8) {
    EXPECT_EQ(time_view(kTrickyTexts[7]), (Lines{
                                              "0-3 word [tri] cap",
                                              "3-5 punct [\\xC3p]",
                                              "5-8 word [oli]",
                                              "9-12 punct [\\xE212] space",
                                              "13-16 word [may] space cap",
                                              "17-21 punct [\\xF0ab\\xC3] space",
                                              "21-22 punct [\\xA9]",
                                              "23-24 word [x] space",
                                              "25-26 punct [\\xFF] space",
                                              "26-27 punct [\\xFE]",
                                              "28-29 word [y] space",
                                              "30-33 punct [�] space",
                                              "34-35 word [z] space",
                                              "36-38 punct [\\xC0\\xAF] space",
                                              "39-40 word [w] space",
                                              "41-44 punct [\\xED\\xA0\\x80] space",
                                              "45-46 word [v] space",
                                              "47-48 punct [\\x80] space",
                                              "48-49 word [q]",
                                              "49-52 punct [\\xE2\\x805]",
                                              "53-56 word [abc] space",
                                              "56-58 punct [\\xE2\\x80]",
                                          }));
}

TEST(TimeTokens, CaseQuotesAndLineBreaks) {
    EXPECT_EQ(time_view(kTrickyTexts[8]), (Lines{
                                              "0-3 word [caf]",
                                              "3-5 punct [é]",
                                              "6-7 word [z] space cap",
                                              "7-9 punct [ü]",
                                              "9-13 word [rich]",
                                              "14-16 punct [É] space",
                                              "16-19 word [tat] cap",
                                              "20-22 punct [ǅ] space",
                                              "22-26 word [emal]",
                                              "27-31 word [nato] space cap",
                                              "32-33 word [x] space",
                                              "33-35 punct [ ]",
                                              "35-36 word [y]",
                                              "37-40 punct [“] space",
                                              "40-47 word [tripoli] cap",
                                              "47-50 punct [”]",
                                              "51-52 punct [(] space",
                                              "52-60 word [benghazi] cap",
                                              "60-61 punct [)]",
                                              "62-63 punct [[] space",
                                              "63-68 word [sirte] cap",
                                              "68-69 punct []]",
                                              "70-73 punct [•] space",
                                              "74-79 word [derna] space cap",
                                              "80-86 word [tobruk] space cap",
                                              "88-90 word [al] space",
                                              "90-91 punct [-]",
                                              "91-96 word [bayda] cap",
                                              "97-98 punct [|] space",
                                              "99-104 word [sabha] space cap",
                                              "104-105 punct [:]",
                                              "106-107 punct [\"] space",
                                              "107-111 word [ghat] cap",
                                              "111-112 punct [\"]",
                                              "113-116 punct [∙] space",
                                              "117-118 number [8] =8 space",
                                              "118-119 punct [:]",
                                              "119-121 number [23] =23",
                                              "122-124 word [am] space cap",
                                              "125-127 punct [·] space",
                                              "128-131 word [jul] space cap",
                                              "132-133 number [9] =9 space",
                                          }));
}

TEST(TimeTokens, Sentences) {
    EXPECT_EQ(time_view(kTrickyTexts[9]), (Lines{
                                              "0-2 word [mr] cap",
                                              "2-3 punct [.]",
                                              "4-9 word [smith] space cap",
                                              "10-13 word [met] space",
                                              "14-15 word [j] space cap",
                                              "15-16 punct [.]",
                                              "17-20 word [doe] space cap",
                                              "20-21 punct [.]",
                                              "22-23 word [u] space cap",
                                              "23-24 punct [.]",
                                              "24-25 word [s] cap",
                                              "25-26 punct [.]",
                                              "27-36 word [officials] space",
                                              "37-41 word [said] space",
                                              "41-42 punct [!]",
                                              "43-44 punct [\"] space",
                                              "44-47 word [yes] cap",
                                              "47-48 punct [.]",
                                              "48-49 punct [\"]",
                                              "50-54 word [then] space cap",
                                              "55-57 punct [É] space",
                                              "57-60 word [tat]",
                                              "60-61 punct [?]",
                                              "62-64 word [ok] space",
                                              "64-65 punct [.]",
                                              "66-69 word [new] space cap",
                                              "70-74 word [line] space",
                                              "74-75 punct [.]",
                                              "76-77 word [x] space",
                                              "77-78 punct [.]",
                                              "80-83 word [two] space cap",
                                              "84-90 word [spaces] space",
                                              "90-91 punct [.]",
                                              "92-95 word [end] space",
                                          }));
}

TEST(TimeTokens, TrailingStop) {
    EXPECT_EQ(time_view(kTrickyTexts[10]), (Lines{
                                               "0-2 word [it] cap",
                                               "3-8 word [ended] space",
                                               "8-9 punct [.]",
                                           }));
}

// Byte and code point offsets of expressions after Arabic script, quotes, an en dash and
// broken UTF-8.
TEST(TemporalTagger, CodePointOffsetsAfterBrokenAndWideText) {
    const std::string_view text = "\xD8\xA7\xD9\x84\xC3 12 May 2025 \xF0"
                                  "ab, \xE2\x80\x9Cyesterday\xE2\x80\x9D \xE2\x80\x93"
                                  "3 days ago \xE2\x80"
                                  "and 2024-01-05T10:00\xC3\xA9";
    Lines got;
    for (const Timex& t : TemporalTagger().find(text, LocalTime::parse("2025-06-14T12:00"))) {
        got.push_back(std::to_string(t.start) + "-" + std::to_string(t.end) + " " +
                      std::to_string(t.cp_start) + "-" + std::to_string(t.cp_end) + " " +
                      show(t.text) + " " + t.value);
    }
    EXPECT_EQ(got, (Lines{
                       "6-17 4-15 12 May 2025 2025-05-12",
                       "26-35 22-31 yesterday 2025-06-13",
                       "39-52 33-44 –3 days ago 2025-06-11",
                       "59-75 51-67 2024-01-05T10:00 2024-01-05T10:00",
                   }));
}
