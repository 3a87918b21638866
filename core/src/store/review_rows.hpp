#pragma once
// What both store backends share of analyst review (store/review.hpp): the JSON kept in the
// corrections and audit tables, how a change turns what is stored into what is written
// (plan_review), how a correction finds its event again in a new parse of its report
// (find_anchor), and the alias rules. The SQL is each backend's own.

#include "kharita/store/review.hpp"
#include "kharita/store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::store {

/// The fields review may change, as one JSON object (the audit trail's before and after,
/// the machine's values kept with a correction).
std::string reviewed_fields_json(const EventRecord& r);
/// Sets the reviewed fields of `r` from reviewed_fields_json() output.
void read_reviewed_fields(std::string_view json, EventRecord& r);

std::string correction_json(const Correction& c);
Correction correction_from_json(std::string_view json);

/// Writes a correction's fields over an event's.
void apply_correction(const Correction& c, EventRecord& r);

/// What a backend reads before a change: the event as stored and its correction row.
struct StoredReview {
    EventRecord record; ///< review and version included
    std::optional<Correction> correction;
    std::string machine_json; ///< the machine's values kept with the correction
};

/// What a change writes.
struct ReviewPlan {
    EventRecord record; ///< the event's values after the change (machine + correction)
    ReviewState state = ReviewState::machine;
    Correction correction;       ///< every field corrected so far
    std::string machine_json;    ///< the machine's values, kept with the correction
    bool keep_correction = true; ///< false: reset, the correction row goes
    std::string before_json, after_json;
};

/// Checks the change against what is stored (ReviewConflict naming `last_change` when the
/// version is stale) and computes what to write.
ReviewPlan plan_review(const StoredReview& current, const ReviewChange& change,
                       const std::optional<AuditEntry>& last_change);

/// Where a correction is anchored: the report and the event's sentence and word in it.
struct Anchor {
    std::string article_hash; ///< empty for an event that came with no article (imports)
    std::string evidence, trigger;
    EventType type = EventType::strategic; ///< the machine's type when it was anchored
    std::size_t evidence_start = 0, evidence_end = 0;
};

/// An event of a newly stored article, as find_anchor weighs it.
struct AnchorCandidate {
    std::int64_t event_id = 0;
    std::string evidence, trigger;
    EventType type = EventType::strategic;
    std::size_t evidence_start = 0, evidence_end = 0;
};

/// The event a correction belongs to in a new parse of its article: the same sentence with
/// the same event word, else the same sentence and type, else the only event of that
/// sentence, else (the sentence split differently) the event of that type whose sentence
/// holds the old one's middle. None: the anchor is gone.
std::optional<std::int64_t> find_anchor(const Anchor& anchor,
                                        const std::vector<AnchorCandidate>& events);

/// A correction waiting to find its event in a new parse of its report.
struct PendingCorrection {
    std::int64_t id = 0;
    Anchor anchor;
    ReviewState state = ReviewState::machine;
    Correction fields;
    bool split = false; ///< an event the analyst split off: made again from the one found
};

/// The SQL each backend gives review, within the caller's transaction. The rules that use
/// it (review_event(), split_event(), merge_events(), reapply_corrections()) are written
/// once, below.
class ReviewRows {
public:
    virtual ~ReviewRows() = default;
    /// The event with its correction row (locked for the transaction where the backend
    /// locks rows); InputError when there is no such event.
    virtual StoredReview read(std::int64_t event_id) = 0;
    virtual std::optional<AuditEntry> last_change(std::int64_t event_id) = 0;
    virtual bool is_split(std::int64_t event_id) = 0;
    /// Where the event's first report is (its article's hash, sentence and event word).
    virtual Anchor anchor_of(std::int64_t event_id, EventType machine_type) = 0;
    /// Writes an event's reviewed fields, index keys, actors and the planner's bookkeeping.
    virtual void write_event(const EventRecord& before, const EventRecord& after) = 0;
    virtual void insert_correction(std::int64_t event_id, const Anchor& anchor,
                                   const ReviewPlan& plan, const std::string& who,
                                   const std::string& note, std::string_view kind) = 0;
    virtual void update_correction(std::int64_t event_id, const ReviewPlan& plan,
                                   const std::string& who, const std::string& note) = 0;
    virtual void delete_correction(std::int64_t event_id) = 0;
    /// A new event with every stored value, report, actor and index entry of `event_id`.
    virtual std::int64_t copy_event(std::int64_t event_id) = 0;
    /// Copies the reports of one event to another.
    virtual void copy_sources(std::int64_t from, std::int64_t to) = 0;
    virtual void set_sources(std::int64_t event_id, const std::string& sources,
                             std::int64_t count) = 0;
    /// Takes both events' rows, in id order where the backend locks rows.
    virtual void lock_events(std::int64_t a, std::int64_t b) = 0;
    virtual void append_log(const std::string& who, std::optional<std::int64_t> event_id,
                            std::string_view action, const std::string& before,
                            const std::string& after, const std::string& note) = 0;
    /// The corrections anchored to an article, split ones first, leaving out split events
    /// another report still holds.
    virtual std::vector<PendingCorrection> corrections_of(const std::string& article_hash) = 0;
    /// The events an article's reports tell, in report order.
    virtual std::vector<AnchorCandidate> events_of(std::int64_t article_id) = 0;
    virtual bool held_by_other(std::int64_t event_id, std::int64_t correction_id) = 0;
    /// Binds a correction to the event found for it, with the machine's values under it;
    /// none: flags it needs-review.
    virtual void bind_correction(std::int64_t correction_id, std::optional<std::int64_t> event_id,
                                 const std::string& machine) = 0;
};

/// EventStore::review within the caller's transaction; `action` names it in the audit trail.
ReviewOutcome review_event(ReviewRows& rows, const ReviewChange& change, std::string_view action);
/// EventStore::split_event within the caller's transaction.
std::int64_t split_event(ReviewRows& rows, const ReviewChange& change);
/// EventStore::merge_events within the caller's transaction.
ReviewOutcome merge_events(ReviewRows& rows, const ReviewChange& keep, std::int64_t drop,
                           std::optional<std::int64_t> drop_version);
/// Applies the corrections anchored to `article_hash` to the events of the article just
/// stored as `article_id`; one whose anchor is gone is flagged needs-review, never dropped.
void reapply_corrections(ReviewRows& rows, const std::string& article_hash, std::int64_t article_id,
                         IngestReport& report);

/// The key aliases are matched by (normalize_name of the alias).
std::string alias_key(std::string_view alias);

/// Throws InputError when adding `added` to `stored` would make a loop of aliases (its
/// target is, through other aliases' targets, itself), or its place is out of range.
void check_alias(const std::vector<PlaceAlias>& stored, const PlaceAlias& added);

/// The audit trail's JSON of an alias.
std::string alias_json(const PlaceAlias& a);
/// The audit trail's JSON of the stored alias named `alias` (case and diacritics folded),
/// empty when there is none.
std::string stored_alias_json(const std::vector<PlaceAlias>& stored, std::string_view alias);

/// The stored name of a review state and back.
inline std::string review_name(ReviewState s) {
    return std::string(to_string(s));
}
ReviewState stored_review(std::string_view name);

} // namespace kharita::store
