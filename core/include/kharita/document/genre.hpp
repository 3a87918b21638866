#pragma once
// What kind of piece an article is: a news report, or commentary, an explainer or an
// interview, which outlets label as such ("Analysis", "Opinion", "Explainer", "Q&A") in a
// line above the headline, in the masthead line or as the headline's prefix. Such a piece
// talks about happenings other reports tell; what it reports as new is rare.

#include <cstdint>
#include <string_view>

namespace kharita {

enum class PageGenre : std::uint8_t {
    news,       ///< no label: a report
    commentary, ///< analysis, opinion, op-ed, comment, editorial, column
    explainer,  ///< explainer, Q&A, factbox, timeline, guide; or a page of question headings
    interview,  ///< interview, "voices", a conversation
};

/// The genre of an article's text (its title and body): a label among the first four
/// non-empty lines of at most 150 bytes, as a field of its own between separators
/// ("Sample Review | Opinion | May 2024", "ANALYSIS - Sample Desk"), a line of its own, or a
/// headline's prefix ("ANALYSIS-Libya's ...", "Explainer: who ..."); else a page with at
/// least three short lines of their own that are questions is an explainer (a Q&A), unless
/// labelled otherwise. News when nothing says otherwise.
PageGenre page_genre(std::string_view text);

std::string_view to_string(PageGenre genre);

} // namespace kharita
