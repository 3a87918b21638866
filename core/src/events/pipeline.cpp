#include "kharita/events/pipeline.hpp"

namespace kharita {

std::vector<ParsedArticle> parse_articles(const Geoparser& parser, std::vector<Article> articles,
                                          const std::optional<LocalTime>& retrieved_at,
                                          const ParseContext& context, const EventScreen& screen) {
    const TemporalTagger tagger;
    const EventExtractor extractor(&parser.gazetteer());
    std::vector<ParsedArticle> out;
    out.reserve(articles.size());
    for (Article& a : articles) {
        ParsedArticle p;
        p.reference =
            a.published ? std::optional<LocalTime>(LocalTime{*a.published, -1}) : retrieved_at;
        p.toponyms = parser.parse(a.text, context);
        p.timexes = tagger.find(a.text, p.reference);
        const std::optional<CivilDay> day =
            p.reference ? std::optional<CivilDay>(p.reference->day) : std::nullopt;
        // the screen reads how long before the report an event happened: from the day the
        // report was published, never from the day a page was retrieved
        p.events =
            screen.keep(extractor.extract(a.text, p.toponyms, p.timexes, day), a.text, a.published);
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
