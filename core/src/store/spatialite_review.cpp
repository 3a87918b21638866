#include "store/spatialite_review.hpp"

#include "kharita/base/error.hpp"
#include "store/event_rows.hpp"
#include "store/query_plan.hpp"
#include "store/spatialite_rows.hpp"

#include <fmt/core.h>

namespace kharita::store {

using detail::Statement;

namespace {

/// Resets a cached statement when its user is done, so it holds no read snapshot.
class ResetOnExit {
public:
    explicit ResetOnExit(Statement& s) : m_s(s) {}
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;
    ~ResetOnExit() { m_s.reset(); }

private:
    Statement& m_s;
};

AuditEntry read_audit(const Statement& s) {
    AuditEntry e;
    e.id = s.column_int64(0);
    e.at.assign(s.column_text(1));
    e.who.assign(s.column_text(2));
    if (!s.column_is_null(3))
        e.event_id = s.column_int64(3);
    e.action.assign(s.column_text(4));
    e.before.assign(s.column_text(5));
    e.after.assign(s.column_text(6));
    e.note.assign(s.column_text(7));
    return e;
}

constexpr const char* kAuditColumns =
    "id, at, who, event_id, action, before_json, after_json, note";

PlaceAlias read_alias(const Statement& s) {
    PlaceAlias a;
    a.alias.assign(s.column_text(0));
    a.target.assign(s.column_text(1));
    a.name.assign(s.column_text(2));
    a.geonameid = s.column_int64(3);
    a.position = {s.column_double(4), s.column_double(5)};
    a.precision = geo_precision_from(s.column_text(6)).value_or(GeoPrecision::town);
    a.country.assign(s.column_text(7));
    a.admin1.assign(s.column_text(8));
    a.feature.assign(s.column_text(9));
    a.who.assign(s.column_text(10));
    a.at.assign(s.column_text(11));
    a.note.assign(s.column_text(12));
    return a;
}

constexpr const char* kAliasColumns =
    "alias, target, name, geonameid, lat, lon, precision, country, admin1, feature, who, at, note";

} // namespace

Statement& SqliteReview::sql(std::string_view text) const {
    auto it = m_statements.find(text);
    if (it == m_statements.end())
        it = m_statements.emplace(std::string(text), m_db.prepare(text)).first;
    return it->second;
}

StoredReview SqliteReview::read(std::int64_t event_id) {
    StoredReview out;
    Statement& s = sql(std::string("SELECT ") + kRecordColumns + " FROM events WHERE id = ?1");
    const ResetOnExit reset_s(s);
    s.bind(1, event_id);
    if (!s.step())
        throw InputError(fmt::format("event {}", event_id), "no such event in the store");
    read_record(s, out.record);
    Statement& c = sql("SELECT fields, machine FROM corrections WHERE event_id = ?1");
    const ResetOnExit reset_c(c);
    c.bind(1, event_id);
    if (c.step()) {
        out.correction = correction_from_json(c.column_text(0));
        out.machine_json.assign(c.column_text(1));
    }
    return out;
}

std::optional<AuditEntry> SqliteReview::last_change(std::int64_t event_id) {
    Statement& s = sql(std::string("SELECT ") + kAuditColumns +
                       " FROM review_log WHERE event_id = ?1 ORDER BY id DESC LIMIT 1");
    const ResetOnExit reset_s(s);
    s.bind(1, event_id);
    if (!s.step())
        return std::nullopt;
    return read_audit(s);
}

Anchor SqliteReview::anchor_of(std::int64_t event_id, EventType machine_type) {
    Anchor a;
    a.type = machine_type;
    Statement& s =
        sql("SELECT a.content_hash, coalesce(s.evidence, ''), s.trigger_word, "
            "coalesce(s.evidence_start, 0), coalesce(s.evidence_end, 0) FROM event_sources s "
            "JOIN articles a ON a.id = s.article_id WHERE s.event_id = ?1 ORDER BY s.id LIMIT 1");
    const ResetOnExit reset_s(s);
    s.bind(1, event_id);
    if (s.step()) {
        a.article_hash.assign(s.column_text(0));
        a.evidence.assign(s.column_text(1));
        a.trigger.assign(s.column_text(2));
        a.evidence_start = static_cast<std::size_t>(s.column_int64(3));
        a.evidence_end = static_cast<std::size_t>(s.column_int64(4));
    }
    return a;
}

void SqliteReview::write_event(const EventRecord& before, const EventRecord& r) {
    // SpatiaLite's geometry triggers run on every write of geom: write it only when the
    // point moved (most reviews confirm, reject or fix a date or a toll)
    const bool moved = before.position.has_value() != r.position.has_value() ||
                       (r.position && (before.position->lat != r.position->lat ||
                                       before.position->lon != r.position->lon));
    constexpr std::string_view kSet =
        "UPDATE events SET type = ?2, subtype = ?3, status = ?4, date_start = ?5, date_end = ?6, "
        "day_start = ?7, day_end = ?8, time_precision = ?9, time_rank = ?10, location = ?11, "
        "lat = ?12, lon = ?13, geo_precision = ?15, geo_rank = ?16, country = ?17, "
        "admin1 = ?18, admin1_code = ?19, admin2 = ?20, fatalities = ?21, actor1 = ?22, "
        "actor2 = ?23, actors = ?24, span_class = ?25, cell = ?26, review = ?27, version = ?28, "
        "date_assumed = ?29";
    static const std::string with_geom = std::string(kSet) + ", geom = ?14 WHERE id = ?1";
    static const std::string same_geom = std::string(kSet) + " WHERE id = ?1";
    Statement& s = sql(moved ? with_geom : same_geom);
    const ResetOnExit reset_s(s);
    s.bind(1, r.id).bind(2, to_string(r.type)).bind(3, r.subtype).bind(4, to_string(r.status));
    bind_day(s, 5, r.date_start);
    bind_day(s, 6, r.date_end);
    const DayKeys keys = day_keys(r.date_start, r.date_end);
    bind_day_keys(s, 7, keys);
    s.bind(9, time_precision_name(r.time_precision)).bind(10, time_rank(r.time_precision));
    s.bind(11, r.location);
    const int cell = r.position ? cell_of(*r.position) : -1;
    if (r.position) {
        s.bind(12, r.position->lat).bind(13, r.position->lon);
        const auto blob = spatialite_point(*r.position);
        s.bind_blob(14, blob.data(), static_cast<int>(blob.size()));
    } else {
        s.bind_null(12).bind_null(13).bind_null(14);
    }
    s.bind(15, geo_precision_name(r.geo_precision))
        .bind(16, r.position ? geo_rank(r.geo_precision) : kNoRank);
    s.bind(17, r.country).bind(18, r.admin1).bind(19, r.admin1_code).bind(20, r.admin2);
    if (r.fatalities)
        s.bind(21, *r.fatalities);
    else
        s.bind_null(21);
    s.bind(22, r.actor1).bind(23, r.actor2).bind(24, r.actors);
    s.bind(25, keys.span_class).bind(26, cell).bind(27, review_name(r.review)).bind(28, r.version);
    s.bind(29, r.date_assumed ? 1 : 0);
    s.run();
    // the planner's bookkeeping: events per cell and the extent of the stored days
    const int old_cell = before.position ? cell_of(*before.position) : -1;
    if (old_cell != cell) {
        sql("UPDATE cell_counts SET n = n - 1 WHERE cell = ?1").bind(1, old_cell).run();
        sql("INSERT INTO cell_counts (cell, n) VALUES (?1, 1) ON CONFLICT (cell) DO "
            "UPDATE SET n = n + 1")
            .bind(1, cell)
            .run();
    }
    if (keys.first) {
        sql("INSERT INTO meta (key, value) VALUES ('min_day', ?1), ('max_day', ?2), "
            "('max_span', ?3) ON CONFLICT (key) DO UPDATE SET value = CASE key "
            "WHEN 'min_day' THEN min(CAST(value AS INTEGER), CAST(excluded.value AS "
            "INTEGER)) ELSE max(CAST(value AS INTEGER), CAST(excluded.value AS "
            "INTEGER)) END")
            .bind(1, *keys.first)
            .bind(2, *keys.last)
            .bind(3, *keys.last - *keys.first)
            .run();
    }
    if (before.actors != r.actors) {
        sql("DELETE FROM event_actors WHERE event_id = ?1").bind(1, r.id).run();
        Statement& actor = sql("INSERT INTO actors (name) VALUES (?1) ON CONFLICT (name) "
                               "DO UPDATE SET name = excluded.name RETURNING id");
        const ResetOnExit reset_actor(actor);
        Statement& link = sql(
            "INSERT OR IGNORE INTO event_actors (event_id, actor_id, role) VALUES (?1, ?2, ?3)");
        const ResetOnExit reset_link(link);
        for (const auto& [name, role] : event_actor_roles(r)) {
            actor.bind(1, name);
            actor.step();
            const std::int64_t id = actor.column_int64(0);
            actor.reset();
            link.bind(1, r.id).bind(2, id).bind(3, role).run();
        }
    }
}

void SqliteReview::append_log(const std::string& who, std::optional<std::int64_t> event_id,
                              std::string_view action, const std::string& before,
                              const std::string& after, const std::string& note) {
    Statement& s = sql("INSERT INTO review_log (at, who, event_id, action, before_json, "
                       "after_json, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    const ResetOnExit reset_s(s);
    s.bind(1, now_iso()).bind(2, who.empty() ? review_author() : who);
    if (event_id)
        s.bind(3, *event_id);
    else
        s.bind_null(3);
    s.bind(4, action).bind(5, before).bind(6, after).bind(7, note).run();
}

ReviewOutcome SqliteReview::review(const ReviewChange& change) {
    auto tx = m_db.begin(detail::TransactionKind::immediate);
    const ReviewOutcome out = review_event(*this, change, to_string(change.action));
    tx.commit();
    return out;
}

std::int64_t SqliteReview::split(const ReviewChange& change) {
    auto tx = m_db.begin(detail::TransactionKind::immediate);
    const std::int64_t added = split_event(*this, change);
    tx.commit();
    return added;
}

ReviewOutcome SqliteReview::merge(const ReviewChange& keep, std::int64_t drop,
                                  std::optional<std::int64_t> drop_version) {
    auto tx = m_db.begin(detail::TransactionKind::immediate);
    const ReviewOutcome out = merge_events(*this, keep, drop, drop_version);
    tx.commit();
    return out;
}

void SqliteReview::reapply(const std::string& article_hash, std::int64_t article_id,
                           IngestReport& report) {
    reapply_corrections(*this, article_hash, article_id, report);
}

bool SqliteReview::is_split(std::int64_t event_id) {
    Statement& s = sql("SELECT count(*) FROM corrections WHERE event_id = ?1 AND kind = 'split'");
    const ResetOnExit reset_s(s);
    s.bind(1, event_id);
    s.step();
    return s.column_int64(0) > 0;
}

void SqliteReview::insert_correction(std::int64_t event_id, const Anchor& a, const ReviewPlan& plan,
                                     const std::string& who, const std::string& note,
                                     std::string_view kind) {
    sql("INSERT INTO corrections (event_id, article_hash, evidence, trigger_word, "
        "anchor_type, evidence_start, evidence_end, state, fields, machine, who, at, "
        "note, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)")
        .bind(1, event_id)
        .bind(2, a.article_hash)
        .bind(3, a.evidence)
        .bind(4, a.trigger)
        .bind(5, to_string(a.type))
        .bind(6, static_cast<std::int64_t>(a.evidence_start))
        .bind(7, static_cast<std::int64_t>(a.evidence_end))
        .bind(8, review_name(plan.state))
        .bind(9, correction_json(plan.correction))
        .bind(10, plan.machine_json)
        .bind(11, who)
        .bind(12, now_iso())
        .bind(13, note)
        .bind(14, kind)
        .run();
}

void SqliteReview::update_correction(std::int64_t event_id, const ReviewPlan& plan,
                                     const std::string& who, const std::string& note) {
    sql("UPDATE corrections SET state = ?2, fields = ?3, who = ?4, at = ?5, note = ?6 "
        "WHERE event_id = ?1")
        .bind(1, event_id)
        .bind(2, review_name(plan.state))
        .bind(3, correction_json(plan.correction))
        .bind(4, who)
        .bind(5, now_iso())
        .bind(6, note)
        .run();
}

void SqliteReview::delete_correction(std::int64_t event_id) {
    sql("DELETE FROM corrections WHERE event_id = ?1").bind(1, event_id).run();
}

void SqliteReview::copy_sources(std::int64_t from, std::int64_t to) {
    sql("INSERT INTO event_sources (event_id, article_id, source, evidence_start, evidence_end, "
        "evidence, confidence, trigger_word) SELECT ?2, article_id, source, evidence_start, "
        "evidence_end, evidence, confidence, trigger_word FROM event_sources WHERE event_id = ?1 "
        "ORDER BY id")
        .bind(1, from)
        .bind(2, to)
        .run();
}

void SqliteReview::set_sources(std::int64_t event_id, const std::string& sources,
                               std::int64_t count) {
    sql("UPDATE events SET sources = ?2, source_count = ?3 WHERE id = ?1")
        .bind(1, event_id)
        .bind(2, sources)
        .bind(3, count)
        .run();
}

void SqliteReview::lock_events(std::int64_t /*a*/, std::int64_t /*b*/) {
    // the write transaction (BEGIN IMMEDIATE) already holds the whole file
}

std::vector<PendingCorrection> SqliteReview::corrections_of(const std::string& article_hash) {
    Statement& c =
        sql("SELECT id, evidence, trigger_word, anchor_type, evidence_start, evidence_end, state, "
            "fields, kind = 'split', event_id IS NOT NULL FROM corrections "
            "WHERE article_hash = ?1 ORDER BY kind = 'change', id");
    const ResetOnExit reset_c(c);
    c.bind(1, article_hash);
    std::vector<PendingCorrection> out;
    while (c.step()) {
        if (c.column_int(8) != 0 && c.column_int(9) != 0)
            continue; // an event split off that another report still holds
        PendingCorrection p;
        p.id = c.column_int64(0);
        p.anchor.article_hash = article_hash;
        p.anchor.evidence.assign(c.column_text(1));
        p.anchor.trigger.assign(c.column_text(2));
        p.anchor.type = stored_type(c.column_text(3));
        p.anchor.evidence_start = static_cast<std::size_t>(c.column_int64(4));
        p.anchor.evidence_end = static_cast<std::size_t>(c.column_int64(5));
        p.state = stored_review(c.column_text(6));
        p.fields = correction_from_json(c.column_text(7));
        p.split = c.column_int(8) != 0;
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<AnchorCandidate> SqliteReview::events_of(std::int64_t article_id) {
    Statement& e =
        sql("SELECT s.event_id, coalesce(s.evidence, ''), s.trigger_word, e.type, "
            "coalesce(s.evidence_start, 0), coalesce(s.evidence_end, 0) FROM event_sources s "
            "JOIN events e ON e.id = s.event_id WHERE s.article_id = ?1 ORDER BY s.id");
    const ResetOnExit reset_e(e);
    e.bind(1, article_id);
    std::vector<AnchorCandidate> out;
    while (e.step()) {
        out.push_back({e.column_int64(0), std::string(e.column_text(1)),
                       std::string(e.column_text(2)), stored_type(e.column_text(3)),
                       static_cast<std::size_t>(e.column_int64(4)),
                       static_cast<std::size_t>(e.column_int64(5))});
    }
    return out;
}

bool SqliteReview::held_by_other(std::int64_t event_id, std::int64_t correction_id) {
    Statement& held = sql("SELECT count(*) FROM corrections WHERE event_id = ?1 AND id <> ?2");
    const ResetOnExit reset_held(held);
    held.bind(1, event_id).bind(2, correction_id);
    held.step();
    return held.column_int64(0) > 0;
}

void SqliteReview::bind_correction(std::int64_t correction_id, std::optional<std::int64_t> event_id,
                                   const std::string& machine) {
    if (!event_id) {
        sql("UPDATE corrections SET event_id = NULL, needs_review = 1 WHERE id = ?1")
            .bind(1, correction_id)
            .run();
        return;
    }
    sql("UPDATE corrections SET event_id = ?2, needs_review = 0, machine = ?3 WHERE id = ?1")
        .bind(1, correction_id)
        .bind(2, *event_id)
        .bind(3, machine)
        .run();
}

std::int64_t SqliteReview::copy_event(std::int64_t event_id) {
    static const std::string columns =
        "type, subtype, status, date_start, date_end, day_start, day_end, time_precision, "
        "time_rank, location, place_inherited, lat, lon, geo_precision, geo_rank, "
        "geo_precision_code, country, admin1, admin1_code, admin2, fatalities, confidence, "
        "actor1, actor2, actors, sources, source_count, notes, span_class, cell, geom, review, "
        "version, date_assumed";
    static const std::string copy =
        "INSERT INTO events (" + columns + ") SELECT " + columns + " FROM events WHERE id = ?1";
    sql(copy).bind(1, event_id).run();
    const std::int64_t added = sqlite3_last_insert_rowid(m_db.handle());
    sql("INSERT INTO events_fts (rowid, notes) SELECT ?2, notes FROM events WHERE id = ?1")
        .bind(1, event_id)
        .bind(2, added)
        .run();
    sql("INSERT INTO event_actors (event_id, actor_id, role) SELECT ?2, actor_id, role FROM "
        "event_actors WHERE event_id = ?1")
        .bind(1, event_id)
        .bind(2, added)
        .run();
    sql("INSERT INTO event_sources (event_id, article_id, source, evidence_start, evidence_end, "
        "evidence, confidence, trigger_word) SELECT ?2, article_id, source, evidence_start, "
        "evidence_end, evidence, confidence, trigger_word FROM event_sources WHERE event_id = ?1 "
        "ORDER BY id")
        .bind(1, event_id)
        .bind(2, added)
        .run();
    sql("UPDATE cell_counts SET n = n + 1 WHERE cell = (SELECT cell FROM events WHERE id = ?1)")
        .bind(1, event_id)
        .run();
    return added;
}

std::vector<AuditEntry> SqliteReview::log(std::optional<std::int64_t> event_id) const {
    Statement& s = sql(std::string("SELECT ") + kAuditColumns +
                       " FROM review_log WHERE ?1 IS NULL OR event_id = ?1 ORDER BY id");
    const ResetOnExit reset_s(s);
    if (event_id)
        s.bind(1, *event_id);
    else
        s.bind_null(1);
    std::vector<AuditEntry> out;
    while (s.step())
        out.push_back(read_audit(s));
    return out;
}

std::vector<StoredCorrection> SqliteReview::corrections() const {
    Statement& s = sql(
        "SELECT id, event_id, state, fields, article_hash, evidence, trigger_word, anchor_type, "
        "needs_review, who, at, note, kind FROM corrections ORDER BY id");
    const ResetOnExit reset_s(s);
    std::vector<StoredCorrection> out;
    while (s.step()) {
        StoredCorrection c;
        c.id = s.column_int64(0);
        if (!s.column_is_null(1))
            c.event_id = s.column_int64(1);
        c.state = stored_review(s.column_text(2));
        c.correction = correction_from_json(s.column_text(3));
        c.article_hash.assign(s.column_text(4));
        c.evidence.assign(s.column_text(5));
        c.trigger.assign(s.column_text(6));
        c.anchor_type = stored_type(s.column_text(7));
        c.needs_review = s.column_int(8) != 0;
        c.who.assign(s.column_text(9));
        c.at.assign(s.column_text(10));
        c.note.assign(s.column_text(11));
        c.split = s.column_text(12) == "split";
        out.push_back(std::move(c));
    }
    return out;
}

void SqliteReview::delete_event(std::int64_t event_id) {
    sql("UPDATE corrections SET event_id = NULL WHERE event_id = ?1").bind(1, event_id).run();
    sql("DELETE FROM event_actors WHERE event_id = ?1").bind(1, event_id).run();
    Statement& s = sql("SELECT notes, cell FROM events WHERE id = ?1");
    const ResetOnExit reset_s(s);
    s.bind(1, event_id);
    if (!s.step())
        return;
    sql("INSERT INTO events_fts (events_fts, rowid, notes) VALUES ('delete', ?1, ?2)")
        .bind(1, event_id)
        .bind(2, s.column_text(0))
        .run();
    sql("UPDATE cell_counts SET n = n - 1 WHERE cell = ?1").bind(1, s.column_int(1)).run();
    sql("DELETE FROM events WHERE id = ?1").bind(1, event_id).run();
}

void SqliteReview::forget_article(std::int64_t article_id) {
    std::vector<std::int64_t> events;
    Statement& s = sql("SELECT DISTINCT event_id FROM event_sources WHERE article_id = ?1");
    const ResetOnExit reset_s(s);
    s.bind(1, article_id);
    while (s.step())
        events.push_back(s.column_int64(0));
    sql("DELETE FROM event_sources WHERE article_id = ?1").bind(1, article_id).run();
    for (const std::int64_t id : events) {
        Statement& left =
            sql("SELECT count(*), coalesce(group_concat(DISTINCT source), '') FROM event_sources "
                "WHERE event_id = ?1");
        const ResetOnExit reset_left(left);
        left.bind(1, id);
        left.step();
        if (left.column_int64(0) == 0) {
            delete_event(id);
            continue;
        }
        sql("UPDATE events SET source_count = ?2 WHERE id = ?1")
            .bind(1, id)
            .bind(2, left.column_int64(0))
            .run();
    }
    sql("DELETE FROM mentions WHERE article_id = ?1").bind(1, article_id).run();
    Statement& a = sql("SELECT title, text FROM articles WHERE id = ?1");
    const ResetOnExit reset_a(a);
    a.bind(1, article_id);
    if (a.step()) {
        sql("INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES "
            "('delete', ?1, ?2, ?3)")
            .bind(1, article_id)
            .bind(2, a.column_text(0))
            .bind(3, a.column_text(1))
            .run();
    }
    sql("DELETE FROM articles WHERE id = ?1").bind(1, article_id).run();
}

void SqliteReview::add_alias(const PlaceAlias& alias) {
    auto tx = m_db.begin(detail::TransactionKind::immediate);
    const std::vector<PlaceAlias> stored = aliases();
    check_alias(stored, alias);
    const std::string key = alias_key(alias.alias);
    const std::string before = stored_alias_json(stored, alias.alias);
    const std::string who = alias.who.empty() ? review_author() : alias.who;
    sql("INSERT INTO place_aliases (alias_key, alias, target, name, geonameid, lat, lon, "
        "precision, country, admin1, feature, who, at, note) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT (alias_key) DO UPDATE SET "
        "alias = excluded.alias, target = excluded.target, name = excluded.name, "
        "geonameid = excluded.geonameid, lat = excluded.lat, lon = excluded.lon, "
        "precision = excluded.precision, country = excluded.country, admin1 = "
        "excluded.admin1, feature = excluded.feature, who = excluded.who, at = "
        "excluded.at, note = excluded.note")
        .bind(1, key)
        .bind(2, alias.alias)
        .bind(3, alias.target)
        .bind(4, alias.name)
        .bind(5, alias.geonameid)
        .bind(6, alias.position.lat)
        .bind(7, alias.position.lon)
        .bind(8, to_string(alias.precision))
        .bind(9, alias.country)
        .bind(10, alias.admin1)
        .bind(11, alias.feature)
        .bind(12, who)
        .bind(13, now_iso())
        .bind(14, alias.note)
        .run();
    append_log(who, std::nullopt, "alias", before, alias_json(alias), alias.note);
    tx.commit();
}

bool SqliteReview::remove_alias(std::string_view alias, const std::string& who) {
    auto tx = m_db.begin(detail::TransactionKind::immediate);
    const std::string key = alias_key(alias);
    const std::string before = stored_alias_json(aliases(), alias);
    if (before.empty())
        return false;
    sql("DELETE FROM place_aliases WHERE alias_key = ?1").bind(1, key).run();
    append_log(who.empty() ? review_author() : who, std::nullopt, "unalias", before, "", "");
    tx.commit();
    return true;
}

std::vector<PlaceAlias> SqliteReview::aliases() const {
    Statement& s = sql(std::string("SELECT ") + kAliasColumns + " FROM place_aliases ORDER BY id");
    const ResetOnExit reset_s(s);
    std::vector<PlaceAlias> out;
    while (s.step())
        out.push_back(read_alias(s));
    return out;
}

} // namespace kharita::store
