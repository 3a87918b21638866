#pragma once
// The review SQL of the PostGIS store (store/review.hpp), as spatialite_review.hpp does
// it for SpatiaLite: changes with their audit lines, corrections applied again when their
// report is stored again, team aliases. Changes lock the event's row (SELECT ... FOR
// UPDATE), so two reviewers of one event are served one after the other and the second
// sees the first's version.

#include "detail/pg.hpp"
#include "kharita/store/store.hpp"
#include "store/review_rows.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::store {

class PgReview final : public ReviewRows {
public:
    explicit PgReview(detail::PgConnection& db) : m_db(db) {}

    // Within the caller's transaction:
    ReviewOutcome review(const ReviewChange& change) {
        return review_event(*this, change, to_string(change.action));
    }
    std::int64_t split(const ReviewChange& change) { return split_event(*this, change); }
    ReviewOutcome merge(const ReviewChange& keep, std::int64_t drop,
                        std::optional<std::int64_t> drop_version) {
        return merge_events(*this, keep, drop, drop_version);
    }
    void add_alias(const PlaceAlias& alias);
    bool remove_alias(std::string_view alias, const std::string& who);
    void reapply(const std::string& article_hash, std::int64_t article_id, IngestReport& report) {
        reapply_corrections(*this, article_hash, article_id, report);
    }
    void forget_article(std::int64_t article_id);

    std::vector<AuditEntry> log(std::optional<std::int64_t> event_id) const;
    std::vector<StoredCorrection> corrections() const;
    std::vector<PlaceAlias> aliases() const;

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

    detail::PgConnection& m_db;
};

} // namespace kharita::store
