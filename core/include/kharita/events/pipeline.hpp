#pragma once
// The whole parse of a text: its articles, each with its toponyms, dates and events read
// against the article's own reference time. The one place that chains the stages, used by
// `kharita parse`, the evaluations, the tests and the benchmarks.

#include "kharita/document/article.hpp"
#include "kharita/events/event_screen.hpp"
#include "kharita/events/events.hpp"
#include "kharita/geo/geoparser.hpp"
#include "kharita/time/timex.hpp"

#include <optional>
#include <vector>

namespace kharita {

struct ParsedArticle {
    Article article;
    std::optional<LocalTime> reference; ///< the publication day, else the retrieval time
    std::vector<Toponym> toponyms;
    std::vector<Timex> timexes;
    std::vector<Event> events;
};

/// Geoparses, date-tags and extracts the events of each article, keeping those `screen`
/// keeps (the builtin model unless another is given; a default-constructed EventScreen keeps
/// all). Relative dates count from the article's publication day when known, else from
/// `retrieved_at`.
std::vector<ParsedArticle> parse_articles(const Geoparser& parser, std::vector<Article> articles,
                                          const std::optional<LocalTime>& retrieved_at,
                                          const ParseContext& context = {},
                                          const EventScreen& screen = EventScreen::builtin());

/// Every event of the parsed articles, the same event told twice merged (with its count of
/// mentions).
std::vector<std::pair<Event, int>> merged_events(const std::vector<ParsedArticle>& parsed);

} // namespace kharita
