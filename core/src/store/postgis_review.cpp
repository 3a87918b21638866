#include "store/postgis_review.hpp"

#include "kharita/base/error.hpp"
#include "store/event_rows.hpp"
#include "store/postgis_rows.hpp"
#include "store/query_plan.hpp"

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

StoredReview PgReview::read(std::int64_t event_id) {
    StoredReview out;
    PgParams id;
    id.add(event_id);
    const PgResult s = m_db.exec(
        std::string("SELECT ") + kPgRecordColumns + " FROM events WHERE id = $1 FOR UPDATE", id);
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

std::optional<AuditEntry> PgReview::last_change(std::int64_t event_id) {
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

Anchor PgReview::anchor_of(std::int64_t event_id, EventType machine_type) {
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
    p.add(r.date_assumed);
    m_db.exec("UPDATE events SET type = $2, subtype = $3, status = $4, date_start = $5, "
              "date_end = $6, day_start = $7, day_end = $8, time_precision = $9, "
              "time_rank = $10, location = $11, lat = $12, lon = $13, geo_precision = $14, "
              "geo_rank = $15, country = $16, admin1 = $17, admin1_code = $18, admin2 = $19, "
              "fatalities = $20, actor1 = $21, actor2 = $22, actors = $23, span_class = $24, "
              "cell = $25, review = $26, version = $27, date_assumed = $28 WHERE id = $1",
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

bool PgReview::is_split(std::int64_t event_id) {
    return m_db.exec("SELECT 1 FROM corrections WHERE event_id = $1 AND kind = 'split'",
                     PgParams().add(event_id))
               .rows() > 0;
}

void PgReview::insert_correction(std::int64_t event_id, const Anchor& a, const ReviewPlan& plan,
                                 const std::string& who, const std::string& note,
                                 std::string_view kind) {
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

void PgReview::update_correction(std::int64_t event_id, const ReviewPlan& plan,
                                 const std::string& who, const std::string& note) {
    PgParams p;
    p.add(event_id).add(review_name(plan.state)).add(correction_json(plan.correction));
    p.add(who).add(now_iso()).add(note);
    m_db.exec("UPDATE corrections SET state = $2, fields = $3, who = $4, at = $5, note = $6 "
              "WHERE event_id = $1",
              p);
}

void PgReview::delete_correction(std::int64_t event_id) {
    m_db.exec("DELETE FROM corrections WHERE event_id = $1", PgParams().add(event_id));
}

void PgReview::copy_sources(std::int64_t from, std::int64_t to) {
    m_db.exec("INSERT INTO event_sources (event_id, article_id, source, evidence_start, "
              "evidence_end, evidence, confidence, trigger_word) SELECT $2, article_id, source, "
              "evidence_start, evidence_end, evidence, confidence, trigger_word FROM "
              "event_sources WHERE event_id = $1 ORDER BY id",
              PgParams().add(from).add(to));
}

void PgReview::set_sources(std::int64_t event_id, const std::string& sources, std::int64_t count) {
    m_db.exec("UPDATE events SET sources = $2, source_count = $3 WHERE id = $1",
              PgParams().add(event_id).add(sources).add(count));
}

void PgReview::lock_events(std::int64_t a, std::int64_t b) {
    // in id order, so two changes of the same pair cannot wait for each other crosswise
    m_db.exec("SELECT id FROM events WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE",
              PgParams().add(fmt::format("{{{},{}}}", a, b)));
}

std::vector<PendingCorrection> PgReview::corrections_of(const std::string& article_hash) {
    const PgResult c = m_db.exec(
        "SELECT id, evidence, trigger_word, anchor_type, evidence_start, evidence_end, state, "
        "fields, kind = 'split', event_id IS NOT NULL FROM corrections WHERE article_hash = $1 "
        "ORDER BY kind = 'change', id",
        PgParams().add(article_hash));
    std::vector<PendingCorrection> out;
    out.reserve(static_cast<std::size_t>(c.rows()));
    for (int i = 0; i < c.rows(); ++i) {
        if (c.boolean(i, 8) && c.boolean(i, 9))
            continue; // an event split off that another report still holds
        PendingCorrection p;
        p.id = c.int64(i, 0);
        p.anchor.article_hash = article_hash;
        p.anchor.evidence.assign(c.text(i, 1));
        p.anchor.trigger.assign(c.text(i, 2));
        p.anchor.type = stored_type(c.text(i, 3));
        p.anchor.evidence_start = static_cast<std::size_t>(c.int64(i, 4));
        p.anchor.evidence_end = static_cast<std::size_t>(c.int64(i, 5));
        p.state = stored_review(c.text(i, 6));
        p.fields = correction_from_json(c.text(i, 7));
        p.split = c.boolean(i, 8);
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<AnchorCandidate> PgReview::events_of(std::int64_t article_id) {
    const PgResult e =
        m_db.exec("SELECT s.event_id, coalesce(s.evidence, ''), s.trigger_word, e.type, "
                  "coalesce(s.evidence_start, 0), coalesce(s.evidence_end, 0) FROM event_sources s "
                  "JOIN events e ON e.id = s.event_id WHERE s.article_id = $1 ORDER BY s.id",
                  PgParams().add(article_id));
    std::vector<AnchorCandidate> out;
    out.reserve(static_cast<std::size_t>(e.rows()));
    for (int i = 0; i < e.rows(); ++i) {
        out.push_back({e.int64(i, 0), std::string(e.text(i, 1)), std::string(e.text(i, 2)),
                       stored_type(e.text(i, 3)), static_cast<std::size_t>(e.int64(i, 4)),
                       static_cast<std::size_t>(e.int64(i, 5))});
    }
    return out;
}

bool PgReview::held_by_other(std::int64_t event_id, std::int64_t correction_id) {
    return m_db.exec("SELECT 1 FROM corrections WHERE event_id = $1 AND id <> $2",
                     PgParams().add(event_id).add(correction_id))
               .rows() > 0;
}

void PgReview::bind_correction(std::int64_t correction_id, std::optional<std::int64_t> event_id,
                               const std::string& machine) {
    if (!event_id) {
        m_db.exec("UPDATE corrections SET event_id = NULL, needs_review = true WHERE id = $1",
                  PgParams().add(correction_id));
        return;
    }
    m_db.exec("UPDATE corrections SET event_id = $2, needs_review = false, machine = $3 "
              "WHERE id = $1",
              PgParams().add(correction_id).add(*event_id).add(machine));
}

std::int64_t PgReview::copy_event(std::int64_t event_id) {
    static const std::string columns =
        "type, subtype, status, date_start, date_end, day_start, day_end, time_precision, "
        "time_rank, location, place_inherited, lat, lon, geo_precision, geo_rank, "
        "geo_precision_code, country, admin1, admin1_code, admin2, fatalities, confidence, "
        "actor1, actor2, actors, sources, source_count, notes, span_class, cell, review, version, "
        "date_assumed";
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

std::vector<AuditEntry> PgReview::log(std::optional<std::int64_t> event_id) const {
    PgParams p;
    p.add(event_id);
    const PgResult s = m_db.exec(std::string("SELECT ") + kAuditColumns +
                                     " FROM review_log WHERE $1::bigint IS NULL OR event_id = "
                                     "$1::bigint ORDER BY id",
                                 p);
    std::vector<AuditEntry> out;
    out.reserve(static_cast<std::size_t>(s.rows()));
    for (int i = 0; i < s.rows(); ++i)
        out.push_back(read_audit(s, i));
    return out;
}

std::vector<StoredCorrection> PgReview::corrections() const {
    const PgResult s = m_db.exec(
        "SELECT id, event_id, state, fields, article_hash, evidence, trigger_word, anchor_type, "
        "needs_review, who, at, note, kind FROM corrections ORDER BY id");
    std::vector<StoredCorrection> out;
    out.reserve(static_cast<std::size_t>(s.rows()));
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
    const std::string before = stored_alias_json(stored, alias.alias);
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
    const std::string before = stored_alias_json(aliases(), alias);
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
    out.reserve(static_cast<std::size_t>(s.rows()));
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
