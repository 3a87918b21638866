#pragma once
// From parsed reports to the store: the plain records EventStore::ingest takes, made from a
// parse (the one place that knows both the parse and the store's records).

#include "kharita/events/pipeline.hpp"
#include "kharita/store/store.hpp"

#include <vector>

namespace kharita {

/// The article, its place mentions and its events as the store keeps them.
ArticleRecord article_record(const ParsedArticle& parsed);
std::vector<ArticleRecord> article_records(const std::vector<ParsedArticle>& parsed);

} // namespace kharita
