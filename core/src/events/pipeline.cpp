#include "kharita/events/pipeline.hpp"

#include "extraction.hpp"

#include <algorithm>

namespace kharita {

std::vector<ParsedArticle> parse_articles(const Geoparser& parser, std::vector<Article> articles,
                                          const std::optional<LocalTime>& retrieved_at,
                                          const ParseContext& context, const EventScreen& screen) {
    const TemporalTagger tagger;
    const EventExtractor extractor(&parser.gazetteer());
    std::vector<ParsedArticle> out;
    out.reserve(articles.size());
    // on a page with a story, a headline alone is a link to another article (a teaser)
    std::vector<bool> story(articles.size());
    std::transform(articles.begin(), articles.end(), story.begin(),
                   [](const Article& a) { return detail::tells_a_story(a.text); });
    const bool page_has_story = std::find(story.begin(), story.end(), true) != story.end();
    for (std::size_t i = 0; i < articles.size(); ++i) {
        Article& a = articles[i];
        const bool teaser = page_has_story && !story[i];
        ParsedArticle p;
        p.reference =
            a.published ? std::optional<LocalTime>(LocalTime{*a.published, -1}) : retrieved_at;
        p.toponyms = parser.parse(a.text, context);
        p.timexes = tagger.find(a.text, p.reference);
        const std::optional<CivilDay> day =
            p.reference ? std::optional<CivilDay>(p.reference->day) : std::nullopt;
        // the screen reads how long before the report an event happened: from the day the
        // report was published, never from the day a page was retrieved
        if (!teaser) {
            p.events = screen.keep(extractor.extract(a.text, p.toponyms, p.timexes, day), a.text,
                                   a.published);
        }
        p.article = std::move(a);
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<std::pair<Event, int>> merged_events(const std::vector<ParsedArticle>& parsed) {
    std::vector<Event> all;
    for (const ParsedArticle& p : parsed) {
        all.insert(all.end(), p.events.begin(), p.events.end());
    }
    return merge_events(all);
}

} // namespace kharita
