// page_genre() (document/genre.hpp): the labels outlets put on pieces that are not news.

#include "kharita/document/genre.hpp"

#include <gtest/gtest.h>

namespace kharita {
namespace {

TEST(PageGenreTest, ALabelInTheMastheadOrAboveTheHeadline) {
    EXPECT_EQ(page_genre("Sample Review | Opinion | May 2024\n\nTwo armies, one country\n\nText."),
              PageGenre::commentary);
    EXPECT_EQ(page_genre("ANALYSIS - Sample Desk\nWhy the truce failed\nText."),
              PageGenre::commentary);
    EXPECT_EQ(page_genre("Explainer\nWhat a no-fly zone means\nText."), PageGenre::explainer);
    EXPECT_EQ(page_genre("Sample Review \xE2\x80\x93 Voices \xE2\x80\x93 August 2013\nText."),
              PageGenre::interview);
}

TEST(PageGenreTest, AHeadlinesPrefix) {
    EXPECT_EQ(page_genre("ANALYSIS-Libya's rival governments bet on oil\nTRIPOLI, May 3 - ..."),
              PageGenre::commentary);
    EXPECT_EQ(page_genre("Explainer: who runs Libya?\nText."), PageGenre::explainer);
    EXPECT_EQ(page_genre("Interview: a nurse in Sabha\nText."), PageGenre::interview);
    EXPECT_EQ(page_genre("Q&A: the elections\nText."), PageGenre::explainer);
}

TEST(PageGenreTest, QuestionHeadingsMakeAnExplainer) {
    EXPECT_EQ(page_genre("Libya's elections\n\nWho can stand?\nAnyone over 40.\n\nWhen is the "
                         "vote?\nIn December.\n\nWho counts the ballots?\nThe commission."),
              PageGenre::explainer);
    // one question, the headline's, is a report's
    EXPECT_EQ(page_genre("Will the ceasefire hold?\nTRIPOLI, May 3 - Fighting stopped on Sunday."),
              PageGenre::news);
}

TEST(PageGenreTest, NewsWhenNothingSaysOtherwise) {
    EXPECT_EQ(page_genre(""), PageGenre::news);
    EXPECT_EQ(page_genre("Clashes in Tripoli\nTRIPOLI, May 3 (Sample Wire) - Gunmen fought."),
              PageGenre::news);
    // a site's menu names its sections, not this piece
    EXPECT_EQ(page_genre("World | Africa | Middle East | Opinion\nClashes in Tripoli\nText."),
              PageGenre::news);
    // the word in a sentence, or a label further down (a related article's)
    EXPECT_EQ(page_genre("Analysis of the samples showed traces of sarin, officials said.\nText."),
              PageGenre::news);
    EXPECT_EQ(page_genre("Clashes in Tripoli\nText one.\nText two.\nText three.\nOpinion\nMore."),
              PageGenre::news);
    EXPECT_EQ(to_string(PageGenre::commentary), "commentary");
}

} // namespace
} // namespace kharita
