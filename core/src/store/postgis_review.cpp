#include "store/postgis_review.hpp"

#include "kharita/base/error.hpp"
#include "store/event_rows.hpp"
#include "store/postgis_rows.hpp"
#include "store/query_plan.hpp"
#include "store/source_names.hpp"

#include <fmt/core.h>

#include <set>

namespace kharita::store {

using detail::PgParams;
using detail::PgResult;

namespace {

constexpr const char* kAuditColumns =
    "id, at, who, event_id, action, before_json, after_json, note";
constexpr const char* kAliasColumns =
    "alias, target, name, geonameid, lat, lon, precision, country, admin1, feature, who, at, note";

AuditEntry read_audit(const PgResult& s, int row) {
    AuditEntry e;
    e.id = s.int64(row, 0);
    e.at.assign(s.text(row, 1));
    e.who.assign(s.text(row, 2));
    if (!s.is_null(row, 3))
        e.event_id = s.int64(row, 3);
    e.action.assign(s.text(row, 4));
    e.before.assign(s.text(row, 5));
    e.after.assign(s.text(row, 6));
    e.note.assign(s.text(row, 7));
    return e;
}

std::optional<std::string> iso(const std::optional<CivilDay>& day) {
    return day ? std::optional(day->iso()) : std::nullopt;
}

} // namespace

StoredReview PgReview::read(std::int64_t event_id, bool lock) const {
    StoredReview out;
    PgParams id;
    id.add(event_id);
    const PgResult s = m_db.exec(std::string("SELECT ") + kPgRecordColumns +
                                     " FROM events WHERE id = $1" + (lock ? " FOR UPDATE" : ""),
                                 id);
    if (s.rows() != 1)
        throw InputError(fmt::format("event {}", event_id), "no such event in the store");
    read_pg_record(s, 0, out.record);
    const PgResult c = m_db.exec("SELECT fields, machine FROM corrections WHERE event_id = $1", id);
    if (c.rows() == 1) {
        out.correction = correction_from_json(c.text(0, 0));
        out.machine_json.assign(c.text(0, 1));
    }
    return out;
}

std::optional<AuditEntry> PgReview::last_change(std::int64_t event_id) const {
    PgParams id;
    id.add(event_id);
    const PgResult s =
        m_db.exec(std::string("SELECT ") + kAuditColumns +
                      " FROM review_log WHERE event_id = $1 ORDER BY id DESC LIMIT 1",
                  id);
    if (s.rows() == 0)
        return std::nullopt;
    return read_audit(s, 0);
}

Anchor PgReview::anchor_of(std::int64_t event_id, EventType machine_type) const {
    Anchor a;
    a.type = machine_type;
    PgParams id;
    id.add(event_id);
    const PgResult s = m_db.exec(
        "SELECT a.content_hash, coalesce(s.evidence, ''), s.trigger_word, "
        "coalesce(s.evidence_start, 0), coalesce(s.evidence_end, 0) FROM event_sources s "
        "JOIN articles a ON a.id = s.article_id WHERE s.event_id = $1 ORDER BY s.id LIMIT 1",
        id);
    if (s.rows() == 1) {
        a.article_hash.assign(s.text(0, 0));
        a.evidence.assign(s.text(0, 1));
        a.trigger.assign(s.text(0, 2));
        a.evidence_start = static_cast<std::size_t>(s.int64(0, 3));
        a.evidence_end = static_cast<std::size_t>(s.int64(0, 4));
    }
    return a;
}

void PgReview::write_event(const EventRecord& before, const EventRecord& r) {
    const DayKeys keys = day_keys(r.date_start, r.date_end);
    const int cell = r.position ? cell_of(*r.position) : -1;
    PgParams p;
    p.add(r.id).add(std::string(to_string(r.type))).add(r.subtype);
    p.add(std::string(to_string(r.status))).add(iso(r.date_start)).add(iso(r.date_end));
    p.add(keys.first).add(keys.last);
    p.add(std::string(time_precision_name(r.time_precision))).add(time_rank(r.time_precision));
    p.add(r.location);
    p.add(r.position ? std::optional(r.position->lat) : std::nullopt);
    p.add(r.position ? std::optional(r.position->lon) : std::nullopt);
    p.add(std::string(geo_precision_name(r.geo_precision)));
    p.add(r.position ? geo_rank(r.geo_precision) : kNoRank);
    p.add(r.country).add(r.admin1).add(r.admin1_code).add(r.admin2);
    p.add(r.fatalities).add(r.actor1).add(r.actor2).add(r.actors);
    p.add(keys.span_class).add(cell).add(review_name(r.review)).add(r.version);
    m_db.exec("UPDATE events SET type = $2, subtype = $3, status = $4, date_start = $5, "
              "date_end = $6, day_start = $7, day_end = $8, time_precision = $9, "
              "time_rank = $10, location = $11, lat = $12, lon = $13, geo_precision = $14, "
              "geo_rank = $15, country = $16, admin1 = $17, admin1_code = $18, admin2 = $19, "
              "fatalities = $20, actor1 = $21, actor2 = $22, actors = $23, span_class = $24, "
              "cell = $25, review = $26, version = $27 WHERE id = $1",
              p);
    const int old_cell = before.position ? cell_of(*before.position) : -1;
    if (old_cell != cell) {
        m_db.exec("UPDATE cell_counts SET n = n - 1 WHERE cell = $1", PgParams().add(old_cell));
        m_db.exec("INSERT INTO cell_counts (cell, n) VALUES ($1, 1) ON CONFLICT (cell) DO "
                  "UPDATE SET n = cell_counts.n + 1",
                  PgParams().add(cell));
    }
    if (keys.first) {
        PgParams m;
        m.add(*keys.first).add(*keys.last).add(*keys.last - *keys.first);
        m_db.exec("INSERT INTO meta (key, value) VALUES ('max_day', $2), ('max_span', $3), "
                  "('min_day', $1) ON CONFLICT (key) DO UPDATE SET value = CASE meta.key "
                  "WHEN 'min_day' THEN least(meta.value::bigint, excluded.value::bigint) "
                  "ELSE greatest(meta.value::bigint, excluded.value::bigint) END::text",
                  m);
    }
    if (before.actors != r.actors) {
        m_db.exec("DELETE FROM event_actors WHERE event_id = $1", PgParams().add(r.id));
        for (const auto& [name, role] : event_actor_roles(r)) {
            PgParams a;
            a.add(r.id).add(name).add(role);
            m_db.exec("WITH a AS (INSERT INTO actors (name) VALUES ($2) ON CONFLICT (name) DO "
                      "UPDATE SET name = excluded.name RETURNING id) INSERT INTO event_actors "
                      "(event_id, actor_id, role) SELECT $1, id, $3 FROM a ON CONFLICT DO NOTHING",
                      a);
        }
    }
}

void PgReview::append_log(const std::string& who, std::optional<std::int64_t> event_id,
                          std::string_view action, const std::string& before,
                          const std::string& after, const std::string& note) {
    PgParams p;
    p.add(now_iso()).add(who.empty() ? review_author() : who).add(event_id);
    p.add(action).add(before).add(after).add(note);
    m_db.exec("INSERT INTO review_log (at, who, event_id, action, before_json, after_json, note) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7)",
              p);
}

bool PgReview::is_split(std::int64_t event_id) const {
    return m_db.exec("SELECT 1 FROM corrections WHERE event_id = $1 AND kind = 'split'",
                     PgParams().add(event_id))
               .rows() > 0;
}

void PgReview::insert_correction(std::int64_t event_id, std::int64_t anchored_to,
                                 const ReviewPlan& plan, const std::string& who,
                                 const std::string& note, std::string_view kind) {
    EventRecord machine;
    read_reviewed_fields(plan.machine_json, machine);
    const Anchor a = anchor_of(anchored_to, machine.type);
    PgParams p;
    p.add(event_id).add(a.article_hash).add(a.evidence).add(a.trigger);
    p.add(std::string(to_string(a.type))).add(static_cast<std::int64_t>(a.evidence_start));
    p.add(static_cast<std::int64_t>(a.evidence_end)).add(review_name(plan.state));
    p.add(correction_json(plan.correction)).add(plan.machine_json).add(who).add(now_iso());
    p.add(note).add(kind);
    m_db.exec("INSERT INTO corrections (event_id, article_hash, evidence, trigger_word, "
              "anchor_type, evidence_start, evidence_end, state, fields, machine, who, at, "
              "note, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
              p);
}

ReviewOutcome PgReview::apply(const ReviewChange& change, std::string_view action) {
    const StoredReview current = read(change.event_id, true);
    if (change.action == ReviewAction::reset && is_split(change.event_id)) {
        throw InputError(fmt::format("event {}", change.event_id),
                         "split off by an analyst, it has no machine values to go back to: "
                         "reject it instead");
    }
    const ReviewPlan plan = plan_review(current, change, last_change(change.event_id));
    const std::string who = change.who.empty() ? review_author() : change.who;
    write_event(current.record, plan.record);
    PgParams id;
    id.add(change.event_id);
    if (!plan.keep_correction) {
        m_db.exec("DELETE FROM corrections WHERE event_id = $1", id);
    } else if (current.correction) {
        PgParams p;
        p.add(change.event_id).add(review_name(plan.state)).add(correction_json(plan.correction));
        p.add(who).add(now_iso()).add(change.note);
        m_db.exec("UPDATE corrections SET state = $2, fields = $3, who = $4, at = $5, note = $6 "
                  "WHERE event_id = $1",
                  p);
    } else {
        insert_correction(change.event_id, change.event_id, plan, who, change.note, "change");
    }
    append_log(who, change.event_id, action, plan.before_json, plan.after_json, change.note);
    return {plan.state, plan.record.version};
}

std::int64_t PgReview::copy_event(std::int64_t event_id) {
    static const std::string columns =
        "type, subtype, status, date_start, date_end, day_start, day_end, time_precision, "
        "time_rank, location, place_inherited, lat, lon, geo_precision, geo_rank, "
        "geo_precision_code, country, admin1, admin1_code, admin2, fatalities, confidence, "
        "actor1, actor2, actors, sources, source_count, notes, span_class, cell, review, version";
    PgParams id;
    id.add(event_id);
    const std::int64_t added = m_db.exec("INSERT INTO events (" + columns + ") SELECT " + columns +
                                             " FROM events WHERE id = $1 RETURNING id",
                                         id)
                                   .int64(0, 0);
    PgParams both;
    both.add(event_id).add(added);
    m_db.exec("INSERT INTO event_actors (event_id, actor_id, role) SELECT $2, actor_id, role FROM "
              "event_actors WHERE event_id = $1",
              both);
    m_db.exec("INSERT INTO event_sources (event_id, article_id, source, evidence_start, "
              "evidence_end, evidence, confidence, trigger_word) SELECT $2, article_id, source, "
              "evidence_start, evidence_end, evidence, confidence, trigger_word FROM "
              "event_sources WHERE event_id = $1 ORDER BY id",
              both);
    m_db.exec("UPDATE cell_counts SET n = n + 1 WHERE cell = (SELECT cell FROM events WHERE id = "
              "$1)",
              id);
    return added;
}

std::int64_t PgReview::split(const ReviewChange& change) {
    const StoredReview current = read(change.event_id, true);
    ReviewChange as_correction = change;
    as_correction.action = ReviewAction::correct;
    ReviewPlan plan = plan_review(current, as_correction, last_change(change.event_id));
    const std::string who = change.who.empty() ? review_author() : change.who;
    const std::int64_t added = copy_event(change.event_id);
    EventRecord copied = current.record;
    copied.id = added;
    plan.record.id = added;
    plan.record.version = 1;
    write_event(copied, plan.record);
    insert_correction(added, change.event_id, plan, who, change.note, "split");
    append_log(who, added, "split", plan.before_json, plan.after_json,
               fmt::format("split from event {}{}{}", change.event_id,
                           change.note.empty() ? "" : ": ", change.note));
    return added;
}

ReviewOutcome PgReview::merge(const ReviewChange& keep, std::int64_t drop,
                              std::optional<std::int64_t> drop_version) {
    if (keep.event_id == drop)
        throw InputError(fmt::format("event {}", drop), "an event cannot be merged into itself");
    // both rows locked in id order, so two merges of the same pair cannot wait crosswise
    m_db.exec("SELECT id FROM events WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE",
              PgParams().add(fmt::format("{{{},{}}}", keep.event_id, drop)));
    const EventRecord dropped = read(drop, true).record;
    ReviewChange reject;
    reject.event_id = drop;
    reject.action = ReviewAction::reject;
    reject.who = keep.who;
    reject.expected_version = drop_version;
    reject.note = fmt::format("merged into event {}", keep.event_id);
    apply(reject, "reject");
    const EventRecord kept = read(keep.event_id, true).record;
    // copies, not moves: the rejected event keeps its own, so a re-parse of its report
    // finds and rejects it again
    m_db.exec("INSERT INTO event_sources (event_id, article_id, source, evidence_start, "
              "evidence_end, evidence, confidence, trigger_word) SELECT $1, article_id, source, "
              "evidence_start, evidence_end, evidence, confidence, trigger_word FROM "
              "event_sources WHERE event_id = $2 ORDER BY id",
              PgParams().add(keep.event_id).add(drop));
    std::string sources = kept.sources;
    for (std::size_t at = 0; at < dropped.sources.size();) {
        const std::size_t end = std::min(dropped.sources.find("; ", at), dropped.sources.size());
        sources = with_source_name(sources, dropped.sources.substr(at, end - at));
        at = end + 2;
    }
    m_db.exec(
        "UPDATE events SET sources = $2, source_count = $3 WHERE id = $1",
        PgParams().add(keep.event_id).add(sources).add(kept.source_count + dropped.source_count));
    ReviewChange confirm = keep;
    confirm.action = ReviewAction::confirm;
    if (confirm.note.empty())
        confirm.note = fmt::format("event {} merged into it", drop);
    return apply(confirm, "merge");
}

std::vector<AuditEntry> PgReview::log(std::optional<std::int64_t> event_id) const {
    PgParams p;
    p.add(event_id);
    const PgResult s = m_db.exec(std::string("SELECT ") + kAuditColumns +
                                     " FROM review_log WHERE $1::bigint IS NULL OR event_id = "
                                     "$1::bigint ORDER BY id",
                                 p);
    std::vector<AuditEntry> out;
    for (int i = 0; i < s.rows(); ++i)
        out.push_back(read_audit(s, i));
    return out;
}

std::vector<StoredCorrection> PgReview::corrections() const {
    const PgResult s = m_db.exec(
        "SELECT id, event_id, state, fields, article_hash, evidence, trigger_word, anchor_type, "
        "needs_review, who, at, note, kind FROM corrections ORDER BY id");
    std::vector<StoredCorrection> out;
    for (int i = 0; i < s.rows(); ++i) {
        StoredCorrection c;
        c.id = s.int64(i, 0);
        if (!s.is_null(i, 1))
            c.event_id = s.int64(i, 1);
        c.state = stored_review(s.text(i, 2));
        c.correction = correction_from_json(s.text(i, 3));
        c.article_hash.assign(s.text(i, 4));
        c.evidence.assign(s.text(i, 5));
        c.trigger.assign(s.text(i, 6));
        c.anchor_type = stored_type(s.text(i, 7));
        c.needs_review = s.boolean(i, 8);
        c.who.assign(s.text(i, 9));
        c.at.assign(s.text(i, 10));
        c.note.assign(s.text(i, 11));
        c.split = s.text(i, 12) == "split";
        out.push_back(std::move(c));
    }
    return out;
}

void PgReview::reapply(const std::string& article_hash, std::int64_t article_id,
                       IngestReport& report) {
    PgParams h;
    h.add(article_hash);
    const PgResult c = m_db.exec(
        "SELECT id, evidence, trigger_word, anchor_type, evidence_start, evidence_end, state, "
        "fields, kind = 'split', event_id IS NOT NULL FROM corrections WHERE article_hash = $1 "
        "ORDER BY kind = 'change', id",
        h);
    if (c.rows() == 0)
        return; // the common case: nobody corrected this report
    std::vector<AnchorCandidate> events;
    const PgResult e =
        m_db.exec("SELECT s.event_id, coalesce(s.evidence, ''), s.trigger_word, e.type, "
                  "coalesce(s.evidence_start, 0), coalesce(s.evidence_end, 0) FROM event_sources s "
                  "JOIN events e ON e.id = s.event_id WHERE s.article_id = $1 ORDER BY s.id",
                  PgParams().add(article_id));
    for (int i = 0; i < e.rows(); ++i) {
        events.push_back({e.int64(i, 0), std::string(e.text(i, 1)), std::string(e.text(i, 2)),
                          stored_type(e.text(i, 3)), static_cast<std::size_t>(e.int64(i, 4)),
                          static_cast<std::size_t>(e.int64(i, 5))});
    }
    for (int i = 0; i < c.rows(); ++i) {
        const bool split = c.boolean(i, 8);
        if (split && c.boolean(i, 9))
            continue; // an event split off that another report still holds
        const std::int64_t correction_id = c.int64(i, 0);
        Anchor a;
        a.article_hash = article_hash;
        a.evidence.assign(c.text(i, 1));
        a.trigger.assign(c.text(i, 2));
        a.type = stored_type(c.text(i, 3));
        a.evidence_start = static_cast<std::size_t>(c.int64(i, 4));
        a.evidence_end = static_cast<std::size_t>(c.int64(i, 5));
        const ReviewState state = stored_review(c.text(i, 6));
        const Correction fields = correction_from_json(c.text(i, 7));
        std::optional<std::int64_t> found = find_anchor(a, events);
        if (found && split) // split corrections come first: the event they copy is unchanged
            found = copy_event(*found);
        else if (found && m_db.exec("SELECT 1 FROM corrections WHERE event_id = $1 AND id <> $2",
                                    PgParams().add(*found).add(correction_id))
                                  .rows() > 0) {
            found.reset(); // an event another correction holds is not this one's
        }
        if (!found) {
            m_db.exec("UPDATE corrections SET event_id = NULL, needs_review = true WHERE id = $1",
                      PgParams().add(correction_id));
            append_log(
                "kharita", std::nullopt, "orphan", correction_json(fields), "",
                fmt::format("correction {}: its event is no longer in the report", correction_id));
            ++report.corrections_orphaned;
            continue;
        }
        const StoredReview current = read(*found, true);
        EventRecord after = current.record;
        after.review = ReviewState::machine;
        const std::string machine = reviewed_fields_json(after);
        apply_correction(fields, after);
        after.review = state;
        after.version = current.record.version + 1;
        write_event(current.record, after);
        m_db.exec("UPDATE corrections SET event_id = $2, needs_review = false, machine = $3 "
                  "WHERE id = $1",
                  PgParams().add(correction_id).add(*found).add(machine));
        append_log("kharita", *found, "reapply", machine, reviewed_fields_json(after),
                   fmt::format("correction {} found its event again", correction_id));
        ++report.corrections_applied;
    }
}

void PgReview::delete_event(std::int64_t event_id) {
    PgParams id;
    id.add(event_id);
    m_db.exec("UPDATE corrections SET event_id = NULL WHERE event_id = $1", id);
    m_db.exec("DELETE FROM event_actors WHERE event_id = $1", id);
    m_db.exec("UPDATE cell_counts SET n = n - 1 WHERE cell = (SELECT cell FROM events WHERE id = "
              "$1)",
              id);
    m_db.exec("DELETE FROM events WHERE id = $1", id);
}

void PgReview::forget_article(std::int64_t article_id) {
    PgParams id;
    id.add(article_id);
    const PgResult ev =
        m_db.exec("DELETE FROM event_sources WHERE article_id = $1 RETURNING event_id", id);
    std::set<std::int64_t> events;
    for (int i = 0; i < ev.rows(); ++i)
        events.insert(ev.int64(i, 0));
    for (const std::int64_t e : events) {
        const std::int64_t left =
            m_db.exec("SELECT count(*) FROM event_sources WHERE event_id = $1", PgParams().add(e))
                .int64(0, 0);
        if (left == 0) {
            delete_event(e);
        } else {
            m_db.exec("UPDATE events SET source_count = $2 WHERE id = $1",
                      PgParams().add(e).add(left));
        }
    }
    m_db.exec("DELETE FROM mentions WHERE article_id = $1", id);
    m_db.exec("DELETE FROM articles WHERE id = $1", id);
}

void PgReview::add_alias(const PlaceAlias& alias) {
    // one alias writer at a time, so two cannot make a loop between them
    m_db.exec("LOCK TABLE place_aliases IN SHARE ROW EXCLUSIVE MODE");
    const std::vector<PlaceAlias> stored = aliases();
    check_alias(stored, alias);
    const std::string key = alias_key(alias.alias);
    std::string before;
    for (const PlaceAlias& a : stored) {
        if (alias_key(a.alias) == key)
            before = alias_json(a);
    }
    const std::string who = alias.who.empty() ? review_author() : alias.who;
    PgParams p;
    p.add(key).add(alias.alias).add(alias.target).add(alias.name).add(alias.geonameid);
    p.add(alias.position.lat).add(alias.position.lon).add(std::string(to_string(alias.precision)));
    p.add(alias.country).add(alias.admin1).add(alias.feature).add(who).add(now_iso());
    p.add(alias.note);
    m_db.exec("INSERT INTO place_aliases (alias_key, alias, target, name, geonameid, lat, lon, "
              "precision, country, admin1, feature, who, at, note) VALUES ($1, $2, $3, $4, $5, "
              "$6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (alias_key) DO UPDATE SET "
              "alias = excluded.alias, target = excluded.target, name = excluded.name, "
              "geonameid = excluded.geonameid, lat = excluded.lat, lon = excluded.lon, "
              "precision = excluded.precision, country = excluded.country, admin1 = "
              "excluded.admin1, feature = excluded.feature, who = excluded.who, at = "
              "excluded.at, note = excluded.note",
              p);
    append_log(who, std::nullopt, "alias", before, alias_json(alias), alias.note);
}

bool PgReview::remove_alias(std::string_view alias, const std::string& who) {
    const std::string key = alias_key(alias);
    std::string before;
    for (const PlaceAlias& a : aliases()) {
        if (alias_key(a.alias) == key)
            before = alias_json(a);
    }
    if (before.empty())
        return false;
    m_db.exec("DELETE FROM place_aliases WHERE alias_key = $1", PgParams().add(key));
    append_log(who.empty() ? review_author() : who, std::nullopt, "unalias", before, "", "");
    return true;
}

std::vector<PlaceAlias> PgReview::aliases() const {
    const PgResult s =
        m_db.exec(std::string("SELECT ") + kAliasColumns + " FROM place_aliases ORDER BY id");
    std::vector<PlaceAlias> out;
    for (int i = 0; i < s.rows(); ++i) {
        PlaceAlias a;
        a.alias.assign(s.text(i, 0));
        a.target.assign(s.text(i, 1));
        a.name.assign(s.text(i, 2));
        a.geonameid = s.int64(i, 3);
        a.position = {s.real(i, 4), s.real(i, 5)};
        a.precision = geo_precision_from(s.text(i, 6)).value_or(GeoPrecision::town);
        a.country.assign(s.text(i, 7));
        a.admin1.assign(s.text(i, 8));
        a.feature.assign(s.text(i, 9));
        a.who.assign(s.text(i, 10));
        a.at.assign(s.text(i, 11));
        a.note.assign(s.text(i, 12));
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace kharita::store
