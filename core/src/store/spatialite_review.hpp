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

class SqliteReview final : public ReviewRows {
public:
    explicit SqliteReview(detail::Database& db) : m_db(db) {}

    /// Each in its own transaction (EventStore::review, split_event, merge_events).
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

    /// Applies the corrections anchored to `article_hash` again (reapply_corrections()).
    void reapply(const std::string& article_hash, std::int64_t article_id, IngestReport& report);
    /// Takes out what a stored article brought, before it is stored again (a re-parse): its
    /// mentions, its reports of events and the events no other article reports; their
    /// corrections wait for reapply().
    void forget_article(std::int64_t article_id);

    // ReviewRows: the SQL the shared review rules run on.
    StoredReview read(std::int64_t event_id) override;
    std::optional<AuditEntry> last_change(std::int64_t event_id) override;
    bool is_split(std::int64_t event_id) override;
    Anchor anchor_of(std::int64_t event_id, EventType machine_type) override;
    void write_event(const EventRecord& before, const EventRecord& after) override;
    void insert_correction(std::int64_t event_id, const Anchor& anchor, const ReviewPlan& plan,
                           const std::string& who, const std::string& note,
                           std::string_view kind) override;
    void update_correction(std::int64_t event_id, const ReviewPlan& plan, const std::string& who,
                           const std::string& note) override;
    void delete_correction(std::int64_t event_id) override;
    std::int64_t copy_event(std::int64_t event_id) override;
    void copy_sources(std::int64_t from, std::int64_t to) override;
    void set_sources(std::int64_t event_id, const std::string& sources,
                     std::int64_t count) override;
    void lock_events(std::int64_t a, std::int64_t b) override;
    void append_log(const std::string& who, std::optional<std::int64_t> event_id,
                    std::string_view action, const std::string& before, const std::string& after,
                    const std::string& note) override;
    std::vector<PendingCorrection> corrections_of(const std::string& article_hash) override;
    std::vector<AnchorCandidate> events_of(std::int64_t article_id) override;
    bool held_by_other(std::int64_t event_id, std::int64_t correction_id) override;
    void bind_correction(std::int64_t correction_id, std::optional<std::int64_t> event_id,
                         const std::string& machine) override;

private:
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
