#pragma once
// Articles in JSON Lines: one article per line, read by the one reader that both
// read_articles() (a `.jsonl` file: `kharita parse FILE.jsonl`, `kharita ingest`) and the
// batch mode `kharita parse --jsonl` use, so that both see the same articles.
//
// A line is an object:
//   text          string, required: the article's body
//   title         string: the article's title, AND the first line of its text
//                 (text = title + "\n" + body), as in every other input where the title
//                 heads the article (pages, HTML); a headline's places and dates count, and
//                 offsets index that text
//   source, url   strings
//   published     date or date-time ("2025-06-14", "2025-06-14T12:00Z"): the publication day
//   retrieved_at  date or date-time: when the document was fetched (the batch mode counts
//                 relative dates from it when there is no `published`)
//   id            any JSON value, handed back as is (the batch mode echoes it)
// Empty lines are skipped. A line that is not JSON, not an object or has no string `text` is
// skipped and reported; a field of the wrong type or a date that is not one is reported
// and ignored, the article kept. Reports go to a Diagnostics list with the line number.

#include "kharita/base/diagnostics.hpp"
#include "kharita/document/article.hpp"

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>

namespace kharita {

/// One article read from a line of JSON Lines, with what the line says besides the article.
struct ArticleLine {
    Article article;
    std::uint64_t line = 0;                ///< line number in the input, from 1
    std::string id_json;                   ///< the line's `id` as JSON text; empty without one
    std::optional<LocalTime> retrieved_at; ///< the line's `retrieved_at`, when it is a date
};

/// Reads article JSON Lines from `in` (named `source` in the reports) and calls `on_article`
/// for each article, in input order, as soon as its line is read (so that a batch can stream).
/// Problems go to `problems` with their line number; `on_article` may throw to stop.
void read_article_lines(std::istream& in, const std::string& source, Diagnostics& problems,
                        const std::function<void(ArticleLine&&)>& on_article);

} // namespace kharita
