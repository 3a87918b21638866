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

/// The key aliases are matched by (normalize_name of the alias).
std::string alias_key(std::string_view alias);

/// Throws InputError when adding `added` to `stored` would make a loop of aliases (its
/// target is, through other aliases' targets, itself), or its place is out of range.
void check_alias(const std::vector<PlaceAlias>& stored, const PlaceAlias& added);

/// The audit trail's JSON of an alias.
std::string alias_json(const PlaceAlias& a);

/// The stored name of a review state and back.
inline std::string review_name(ReviewState s) {
    return std::string(to_string(s));
}
ReviewState stored_review(std::string_view name);

} // namespace kharita::store
