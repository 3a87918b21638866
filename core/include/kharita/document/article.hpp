#pragma once
// Articles inside an input file: a plain report, or a page scraped from a news aggregator
// holding a lead article and "related articles", each introduced by a source line, a
// relative age ("11 hours ago"), a repeated source line and a title. Interface chrome
// ("Hashtags", "Comments", "Try Our AI Features") is not article text.

#include "kharita/base/diagnostics.hpp"
#include "kharita/time/timex.hpp"

#include <filesystem>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

struct Article {
    std::string title;
    std::string source; ///< news source, when the page names one
    std::string url;    ///< where the article was published, when known
    std::optional<CivilDay> published;
    TimePrecision published_precision = TimePrecision::day;
    std::string published_note;     ///< how the publication day was found
    std::size_t start = 0, end = 0; ///< byte range of the article's text in the input
    std::string text;               ///< title and body, chrome removed
};

/// Splits `page` into articles. Relative ages count back from `retrieved_at`; without it the
/// article's publication day stays unknown and the note says so. A page with no
/// recognisable structure is one article. Never throws.
std::vector<Article> split_articles(std::string_view page,
                                    const std::optional<LocalTime>& retrieved_at);

/// Text of an HTML page: scripts and styles dropped, block elements (p, br, div, li, h1-h6,
/// tr) become line breaks, other tags vanish, entities are decoded.
std::string html_to_text(std::string_view html);

/// Articles of a file, by its format: `.jsonl` (one article per line, read by
/// read_article_lines(), document/article_lines.hpp; a line's `retrieved_at` is not used here,
/// `retrieved_at` applies), `.html`/`.htm` (markup stripped, then split), anything else plain
/// text or an aggregator page. Unreadable JSON lines are counted in `problems` with their
/// line number and skipped. Throws InputError when the file cannot be read.
std::vector<Article> read_articles(const std::filesystem::path& file,
                                   const std::optional<LocalTime>& retrieved_at,
                                   Diagnostics& problems);

/// The day `file` was last modified, as a reference time (the minute unknown); none when
/// the file has no readable modification time.
std::optional<LocalTime> file_modification_day(const std::filesystem::path& file);

} // namespace kharita
