#pragma once
// The review SQL of the SpatiaLite store (store/review.hpp): changes with their audit
// lines, corrections applied again when their report is stored again, team aliases.

#include "detail/sqlite.hpp"
#include "kharita/store/store.hpp"
#include "store/review_rows.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kharita::store {

class SqliteReview {
public:
    explicit SqliteReview(detail::Database& db) : m_db(db) {}

    /// One change in its own transaction (EventStore::review).
    ReviewOutcome review(const ReviewChange& change);
    std::int64_t split(const ReviewChange& change);
    ReviewOutcome merge(const ReviewChange& keep, std::int64_t drop,
                        std::optional<std::int64_t> drop_version);
    std::vector<AuditEntry> log(std::optional<std::int64_t> event_id) const;
    std::vector<StoredCorrection> corrections() const;
    void add_alias(const PlaceAlias& alias);
    bool remove_alias(std::string_view alias, const std::string& who);
    std::vector<PlaceAlias> aliases() const;

    // Within the caller's (the ingest's) transaction:

    /// Applies the corrections anchored to `article_hash` to the events of the article just
    /// stored as `article_id`; a correction whose anchor is gone is flagged needs-review.
    void reapply(const std::string& article_hash, std::int64_t article_id, IngestReport& report);
    /// Takes out what a stored article brought, before it is stored again (a re-parse): its
    /// mentions, its reports of events and the events no other article reports; their
    /// corrections wait for reapply().
    void forget_article(std::int64_t article_id);

private:
    /// review() within the caller's transaction; `action` names it in the audit trail.
    ReviewOutcome apply(const ReviewChange& change, std::string_view action);
    /// Inserts a correction row for `event_id` anchored where `anchored_to`'s first report is.
    void insert_correction(std::int64_t event_id, std::int64_t anchored_to, const ReviewPlan& plan,
                           const std::string& who, const std::string& note, std::string_view kind);
    /// A new event with every stored value, report, actor and index entry of `event_id`.
    std::int64_t copy_event(std::int64_t event_id);
    bool is_split(std::int64_t event_id) const;
    StoredReview read(std::int64_t event_id) const;
    std::optional<AuditEntry> last_change(std::int64_t event_id) const;
    Anchor anchor_of(std::int64_t event_id, EventType machine_type) const;
    /// Writes an event's reviewed fields, index keys, actors and cell bookkeeping.
    void write_event(const EventRecord& before, const EventRecord& after);
    void append_log(const std::string& who, std::optional<std::int64_t> event_id,
                    std::string_view action, const std::string& before, const std::string& after,
                    const std::string& note);
    void delete_event(std::int64_t event_id);

    /// Each statement prepared once (a re-parse runs these for every article).
    detail::Statement& sql(std::string_view text) const;

    detail::Database& m_db;
    struct Hash : std::hash<std::string_view> {
        using is_transparent = void;
    };
    mutable std::unordered_map<std::string, detail::Statement, Hash, std::equal_to<>> m_statements;
};

} // namespace kharita::store
