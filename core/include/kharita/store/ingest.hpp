#pragma once
// From report files to the store: the one ingest workflow (read the articles of each file,
// parse them against a reference time, store them), used by `kharita ingest` and the
// viewer alike, and the plain records EventStore::ingest takes, made from a parse.

#include "kharita/base/diagnostics.hpp"
#include "kharita/events/pipeline.hpp"
#include "kharita/store/store.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kharita {

/// The article, its place mentions and its events as the store keeps them.
ArticleRecord article_record(const ParsedArticle& parsed);
std::vector<ArticleRecord> article_records(const std::vector<ParsedArticle>& parsed);

/// What ingesting one file did.
struct FileIngest {
    std::filesystem::path file;
    /// The reference time relative dates counted from (also stored as the articles'
    /// retrieval day).
    std::optional<LocalTime> retrieved_at;
    bool retrieved_at_from_file = false; ///< it is the file's modification day
    std::size_t articles_read = 0;       ///< articles found in the file
    IngestReport stored;                 ///< what the store did with them
    Diagnostics problems;                ///< records that could not be read, with their lines
    std::optional<Diagnostic> error;     ///< why the file could not be read at all, if it could not

    bool failed() const noexcept { return error || !problems.empty(); }
};

/// What ingesting a list of files did.
struct FilesIngestReport {
    IngestReport stored;          ///< over every file
    std::size_t files = 0;        ///< files done
    std::size_t files_failed = 0; ///< files unreadable or with unreadable records
    std::size_t files_empty = 0;  ///< readable files with no article text
    /// The unreadable files and records: each file's problems, then its error, in file order.
    Diagnostics problems{50};
};

struct IngestFilesOptions {
    /// When the files were retrieved: relative dates ("yesterday") count from it. None: from
    /// each file's modification day.
    std::optional<LocalTime> retrieved_at;
    /// Parse again the articles the store already holds (a newer Kharita, new aliases) and
    /// store them in place of the old parse, the analysts' corrections applied again
    /// (IngestSource::reparse). Otherwise they are skipped.
    bool reparse = false;
    /// Called after each file, with that file's result and the totals so far.
    std::function<void(const FileIngest&, const FilesIngestReport&)> progress;
};

/// The store's team aliases as the geoparser reads them (ParseContext::aliases).
std::vector<PlaceNameAlias> parse_aliases(const EventStore& store);

/// Reads, parses and stores each file in turn, one transaction per article, the store's
/// team aliases read as their places. A file that
/// cannot be read, or holds records that cannot, is reported and the others are still
/// stored; errors of the store itself (DatabaseError) stop the work and propagate.
FilesIngestReport ingest_files(const std::vector<std::filesystem::path>& files,
                               const Geoparser& parser, EventStore& store,
                               const IngestFilesOptions& options = {});

} // namespace kharita
