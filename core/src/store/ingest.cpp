// From report files to the store: the ingest workflow and the store's plain records.

#include "kharita/store/ingest.hpp"

#include "kharita/base/error.hpp"
#include "kharita/document/article.hpp"

namespace kharita {

namespace {

/// Names joined with "; ", empty names left out.
std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty())
            continue;
        if (!out.empty())
            out += "; ";
        out += p;
    }
    return out;
}

MentionRecord mention_record(const Toponym& t) {
    MentionRecord m;
    m.start = t.start;
    m.end = t.end;
    m.text = t.text;
    m.kind = t.kind;
    m.confidence = t.confidence;
    // a region phrase has no gazetteer entry but a place of its own
    if (t.place || t.kind == ToponymKind::region || t.alias) {
        m.place = PlaceRecord{t.geonameid, t.name,     t.feature,  t.country,
                              t.admin1,    t.position, t.precision};
    }
    return m;
}

ArticleEventRecord event_record(const Event& e) {
    ArticleEventRecord out;
    EventRecord& r = out.record;
    r.type = e.type;
    r.subtype = e.subtype;
    r.status = e.status;
    r.date_start = e.date_start;
    r.date_end = e.date_end;
    r.time_precision = e.time_precision;
    r.date_assumed = e.date_assumed;
    if (e.place) {
        r.location = e.place->name;
        r.position = e.place->position;
        r.geo_precision = e.place->precision;
        r.country = e.place->country;
        r.admin1 = e.place->admin1;
        r.admin1_code = e.place->admin1_code;
    }
    r.fatalities = e.fatalities;
    r.confidence = e.confidence;
    if (!e.actors.empty())
        r.actor1 = e.actors[0];
    if (e.actors.size() > 1)
        r.actor2 = e.actors[1];
    r.actors = join(e.actors);
    r.notes = e.evidence;
    out.evidence_start = e.evidence_start;
    out.evidence_end = e.evidence_end;
    out.inherited_place = e.inherited_place;
    out.another = e.another;
    out.trigger = e.trigger;
    return out;
}

/// A Diagnostic for an InputError: its source and line kept apart from the field and message.
Diagnostic diagnostic_of(const InputError& e) {
    return {e.source(), e.line(), e.field().empty() ? e.message() : e.field() + ": " + e.message()};
}

/// Reads, parses and stores one file against `retrieved_at` (else its modification day).
FileIngest ingest_file(const std::filesystem::path& file, const Geoparser& parser,
                       EventStore& store, const std::optional<LocalTime>& retrieved_at,
                       const ParseContext& context, bool reparse) {
    FileIngest out;
    out.file = file;
    out.retrieved_at = retrieved_at;
    if (!out.retrieved_at) {
        out.retrieved_at = file_modification_day(file);
        out.retrieved_at_from_file = out.retrieved_at.has_value();
    }
    try {
        std::vector<Article> articles = read_articles(file, out.retrieved_at, out.problems);
        out.articles_read = articles.size();
        const auto parsed = parse_articles(parser, std::move(articles), out.retrieved_at, context);
        out.stored =
            store.ingest(article_records(parsed), {file.string(), out.retrieved_at, reparse});
    } catch (const InputError& e) {
        out.error = diagnostic_of(e);
    }
    return out;
}

} // namespace

FilesIngestReport ingest_files(const std::vector<std::filesystem::path>& files,
                               const Geoparser& parser, EventStore& store,
                               const IngestFilesOptions& options) {
    FilesIngestReport report;
    ParseContext context;
    context.aliases = parse_aliases(store);
    for (const std::filesystem::path& file : files) {
        const FileIngest done =
            ingest_file(file, parser, store, options.retrieved_at, context, options.reparse);
        report.stored.add(done.stored);
        ++report.files;
        report.files_failed += done.failed() ? 1 : 0;
        report.files_empty += !done.error && done.articles_read == 0 ? 1 : 0;
        report.problems.merge(done.problems);
        if (done.error)
            report.problems.add(done.error->source, done.error->line, done.error->message);
        if (options.progress)
            options.progress(done, report);
    }
    return report;
}

std::vector<PlaceNameAlias> parse_aliases(const EventStore& store) {
    std::vector<PlaceNameAlias> out;
    for (const PlaceAlias& a : store.aliases()) {
        out.push_back({a.alias, a.name, a.geonameid, a.position, a.precision, a.country, a.admin1,
                       a.feature,
                       "team alias: \"" + a.alias + "\" is " + a.target + " (" + a.who + ", " +
                           a.at.substr(0, 10) + ")"});
    }
    return out;
}

ArticleRecord article_record(const ParsedArticle& parsed) {
    const Article& a = parsed.article;
    ArticleRecord out;
    out.title = a.title;
    out.source = a.source;
    out.url = a.url;
    out.published = a.published;
    out.published_precision = a.published_precision;
    out.published_note = a.published_note;
    out.text = a.text;
    out.mentions.reserve(parsed.toponyms.size());
    for (const Toponym& t : parsed.toponyms)
        out.mentions.push_back(mention_record(t));
    out.events.reserve(parsed.events.size());
    for (const Event& e : parsed.events)
        out.events.push_back(event_record(e));
    return out;
}

std::vector<ArticleRecord> article_records(const std::vector<ParsedArticle>& parsed) {
    std::vector<ArticleRecord> out;
    out.reserve(parsed.size());
    for (const ParsedArticle& p : parsed)
        out.push_back(article_record(p));
    return out;
}

} // namespace kharita
