#include "store/postgis_bulk.hpp"

#include "store/query_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <future>
#include <iterator>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kharita::store {

namespace {

using detail::PgConnection;
using detail::PgParams;
using detail::PgResult;

// A load at least this large, and at least as large as what is stored, sets the indexes
// aside (as the SpatiaLite store does): below it, maintaining them costs less than rebuilding.
constexpr std::int64_t kBulkAtLeast = 20000;
// Events per chunk: read, sorted into space-time order, given ids (one round trip) and sent
// in one COPY statement. Larger chunks keep more of a query's matches on the same pages; this
// one holds about 100 MB of records.
constexpr std::size_t kChunk = 131072;

/// Appends one text-format COPY row, field by field.
class CopyRow {
public:
    explicit CopyRow(std::string& out) : m_out(out) {}
    CopyRow& text(std::string_view s) {
        separate();
        detail::copy_text(m_out, s);
        return *this;
    }
    CopyRow& null() {
        separate();
        m_out += "\\N";
        return *this;
    }
    template <typename T> CopyRow& number(T v) {
        separate();
        fmt::format_to(std::back_inserter(m_out), "{}", v); // shortest exact form
        return *this;
    }
    template <typename T> CopyRow& number(const std::optional<T>& v) {
        return v ? number(*v) : null();
    }
    CopyRow& day(const std::optional<CivilDay>& d) {
        if (!d)
            return null();
        separate();
        fmt::format_to(std::back_inserter(m_out), "{:04}-{:02}-{:02}", d->year, d->month, d->day);
        return *this;
    }
    void end() { m_out += '\n'; }

private:
    void separate() {
        if (!m_first)
            m_out += '\t';
        m_first = false;
    }
    std::string& m_out;
    bool m_first = true;
};

// The columns of a bulk-loaded event, in the order write_event() writes them; the generated
// ones (geom, days, notes_fts) the server computes.
constexpr const char* kCopyEvents =
    "COPY events (id, type, subtype, status, date_start, date_end, day_start, day_end, "
    "time_precision, time_rank, location, place_inherited, lat, lon, geo_precision, geo_rank, "
    "geo_precision_code, country, admin1, admin1_code, admin2, fatalities, confidence, actor1, "
    "actor2, actors, sources, source_count, notes, span_class, cell, date_assumed) FROM STDIN";

void write_event(std::string& out, std::int64_t id, const EventRecord& r, int cell) {
    const DayKeys keys = day_keys(r.date_start, r.date_end);
    CopyRow row(out);
    row.number(id)
        .text(to_string(r.type))
        .text(r.subtype)
        .text(to_string(r.status))
        .day(r.date_start)
        .day(r.date_end)
        .number(keys.first)
        .number(keys.last)
        .text(time_precision_name(r.time_precision))
        .number(time_rank(r.time_precision))
        .text(r.location)
        .text("f");
    if (r.position) {
        row.number(r.position->lat).number(r.position->lon);
    } else {
        row.null().null();
    }
    row.text(geo_precision_name(r.geo_precision))
        .number(r.position ? geo_rank(r.geo_precision) : kNoRank)
        .number(r.geo_precision_code)
        .text(r.country)
        .text(r.admin1)
        .text(r.admin1_code)
        .text(r.admin2)
        .number(r.fatalities)
        .number(r.confidence)
        .text(r.actor1)
        .text(r.actor2)
        .text(r.actors)
        .text(r.sources)
        .number(r.source_count)
        .text(r.notes)
        .number(keys.span_class)
        .number(cell)
        .text(r.date_assumed ? "t" : "f")
        .end();
}

/// The event_actors rows of a load, with the actors named once each; the actors' ids are
/// known only once the names are stored.
class ActorRows {
public:
    void add(std::int64_t event_id, const EventRecord& r) {
        const std::size_t first = m_rows.size();
        for (auto& [name, role] : event_actor_roles(r)) {
            const std::size_t key =
                m_keys.try_emplace(std::move(name), m_keys.size()).first->second;
            const bool twice =
                std::any_of(m_rows.begin() + static_cast<std::ptrdiff_t>(first), m_rows.end(),
                            [&](const Row& row) { return row.name == key; });
            if (!twice) // a name listed twice keeps its first role
                m_rows.push_back({event_id, key, role});
        }
    }
    void store(PgConnection& db) const;

private:
    struct Row {
        std::int64_t event_id;
        std::size_t name;
        int role;
    };
    std::unordered_map<std::string, std::size_t> m_keys;
    std::vector<Row> m_rows;
};

void ActorRows::store(PgConnection& db) const {
    if (m_rows.empty())
        return;
    db.exec("CREATE TEMP TABLE kharita_actor_names (k bigint, name text) ON COMMIT DROP");
    auto key = m_keys.begin();
    db.copy_in("COPY kharita_actor_names FROM STDIN", [&](std::string& out) {
        if (key == m_keys.end())
            return false;
        CopyRow(out).number(key->second).text(key->first).end();
        ++key;
        return true;
    });
    // in name order, so two loads naming the same new actors never wait on each other crosswise
    db.exec("INSERT INTO actors (name) SELECT name FROM kharita_actor_names ORDER BY name "
            "ON CONFLICT (name) DO NOTHING");
    const PgResult ids =
        db.exec("SELECT n.k, a.id FROM kharita_actor_names n JOIN actors a ON a.name = n.name");
    std::vector<std::int64_t> actor_id(m_keys.size());
    for (int i = 0; i < ids.rows(); ++i)
        actor_id[static_cast<std::size_t>(ids.int64(i, 0))] = ids.int64(i, 1);
    auto row = m_rows.begin();
    db.copy_in("COPY event_actors (event_id, actor_id, role) FROM STDIN", [&](std::string& out) {
        if (row == m_rows.end())
            return false;
        CopyRow(out).number(row->event_id).number(actor_id[row->name]).number(row->role).end();
        ++row;
        return true;
    });
}

bool large_against_stored(PgConnection& db, std::int64_t expected) {
    if (expected < kBulkAtLeast)
        return false;
    // Two large loads at once would each read the table and then ask for it alone to drop
    // its indexes: a deadlock. A lock named after the schema (the two-key form, apart from
    // the merge keys) lets the second count after the first commits.
    db.exec("SELECT pg_advisory_xact_lock(hashtext('kharita bulk load'), "
            "hashtext(current_schema()))");
    PgParams p;
    p.add(expected + 1);
    // counts no further than the load itself would reach
    const PgResult r = db.exec("SELECT count(*) FROM (SELECT 1 FROM events LIMIT $1) e", p);
    return r.int64(0, 0) <= expected;
}

/// Ids from the events' own sequence, so other writers' events never take them. The
/// sequence is named by its oid, a constant: naming it by pg_get_serial_sequence() in the
/// query looked it up again for every id (280 ms per block of 65,536 against 28).
class IdSource {
public:
    explicit IdSource(PgConnection& db)
        : m_db(db),
          m_sequence(
              db.exec("SELECT pg_get_serial_sequence('events', 'id')::regclass::oid").int64(0, 0)) {
    }
    std::vector<std::int64_t> reserve(std::int64_t n) {
        PgParams p;
        p.add(n);
        const PgResult r =
            m_db.exec(fmt::format("SELECT nextval({}::oid::regclass) FROM generate_series(1, $1)",
                                  m_sequence),
                      p);
        std::vector<std::int64_t> ids(static_cast<std::size_t>(r.rows()));
        for (int i = 0; i < r.rows(); ++i)
            ids[static_cast<std::size_t>(i)] = r.int64(i, 0);
        return ids;
    }

private:
    PgConnection& m_db;
    std::int64_t m_sequence;
};

/// Spreads the low 21 bits of v to every third bit (a 3-D Morton code's interleaving).
std::uint64_t spread3(std::uint64_t v) {
    v &= 0x1fffffU;
    v = (v | v << 32U) & 0x1f00000000ffffU;
    v = (v | v << 16U) & 0x1f0000ff0000ffU;
    v = (v | v << 8U) & 0x100f00f00f00f00fU;
    v = (v | v << 4U) & 0x10c30c30c30c30c3U;
    v = (v | v << 2U) & 0x1249249249249249U;
    return v;
}

} // namespace

std::vector<std::size_t> space_time_order(const std::vector<EventRecord>& chunk) {
    // Each axis scaled to the chunk's own extent, so a chunk of one month is ordered by place
    // and a chunk of one town by date. Events without a place or a date sort after the rest
    // on that axis (the top value).
    constexpr double kTop = (1U << 21U) - 1;
    std::array<double, 3> low, high;
    low.fill(std::numeric_limits<double>::infinity());
    high.fill(-std::numeric_limits<double>::infinity());
    std::vector<std::array<double, 3>> at(chunk.size());
    for (std::size_t i = 0; i < chunk.size(); ++i) {
        const EventRecord& r = chunk[i];
        const auto& first = r.date_start ? r.date_start : r.date_end;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        at[i] = {r.position ? r.position->lon : nan, r.position ? r.position->lat : nan,
                 first ? static_cast<double>(first->serial()) : nan};
        for (std::size_t a = 0; a < 3; ++a) {
            if (!std::isnan(at[i][a])) {
                low[a] = std::min(low[a], at[i][a]);
                high[a] = std::max(high[a], at[i][a]);
            }
        }
    }
    std::vector<std::uint64_t> key(chunk.size());
    for (std::size_t i = 0; i < chunk.size(); ++i) {
        std::uint64_t k = 0;
        for (std::size_t a = 0; a < 3; ++a) {
            const double width = high[a] - low[a];
            const double scaled = std::isnan(at[i][a]) ? kTop
                                  : width > 0          ? (at[i][a] - low[a]) / width * (kTop - 1)
                                                       : 0.0;
            k |= spread3(static_cast<std::uint64_t>(scaled)) << (2U - a);
        }
        key[i] = k;
    }
    std::vector<std::size_t> order(chunk.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
    return order;
}

PgSetAside::PgSetAside(PgConnection& db, const std::vector<std::string>& index_tables,
                       const std::vector<std::string>& key_tables)
    : m_db(db) {
    // Dropped in this order and made again in the reverse one: the foreign keys, then the
    // primary and unique keys no foreign key left points to (a key referenced from a table
    // not set aside stays), then the plain indexes.
    const auto set_aside = [&](const char* sql, const std::string& table) {
        PgParams p;
        p.add(table);
        const PgResult keys = db.exec(sql, p);
        for (int i = 0; i < keys.rows(); ++i) {
            const std::string table_name(keys.text(i, 2));
            db.exec(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", table_name, keys.text(i, 0)));
            m_restore.push_back(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", table_name,
                                            keys.text(i, 0), keys.text(i, 1)));
        }
    };
    for (const std::string& table : key_tables) {
        set_aside(
            "SELECT quote_ident(conname), pg_get_constraintdef(oid), conrelid::regclass::text "
            "FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY 1",
            table);
    }
    for (const std::string& table : key_tables) {
        set_aside("SELECT quote_ident(c.conname), pg_get_constraintdef(c.oid), "
                  "c.conrelid::regclass::text FROM pg_constraint c WHERE c.conrelid = "
                  "$1::regclass AND c.contype IN ('p', 'u') AND NOT EXISTS (SELECT 1 FROM "
                  "pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid) ORDER BY 1",
                  table);
    }
    for (const std::string& table : index_tables) {
        PgParams p;
        p.add(table);
        const PgResult indexes =
            db.exec("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                    "i WHERE indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM "
                    "pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
                    p);
        for (int i = 0; i < indexes.rows(); ++i) {
            db.exec(fmt::format("DROP INDEX {}", indexes.text(i, 0)));
            m_restore.emplace_back(indexes.text(i, 1));
        }
    }
}

void PgSetAside::restore() {
    // sorted builds want memory; LOCAL: the transaction's own setting only
    m_db.exec("SET LOCAL maintenance_work_mem = '256MB'");
    for (auto sql = m_restore.rbegin(); sql != m_restore.rend(); ++sql)
        m_db.exec(*sql);
}

std::int64_t pg_bulk_load(PgConnection& db, const std::function<bool(EventRecord&)>& next,
                          std::int64_t expected, Written& written) {
    std::optional<PgSetAside> aside;
    if (large_against_stored(db, expected))
        aside.emplace(db, std::vector<std::string>{"events"},
                      std::vector<std::string>{"event_actors"});
    IdSource id_source(db);
    ActorRows actors;
    std::int64_t n = 0;
    // The next chunk is read on a second thread while this one is sent: reading the input
    // (a CSV, the gazetteer) overlaps the server's COPY. `next` runs on that thread only,
    // one call at a time; its exceptions come out of get().
    const auto read = [&next] {
        std::vector<EventRecord> chunk;
        chunk.reserve(kChunk);
        EventRecord r;
        while (chunk.size() < kChunk && next(r))
            chunk.push_back(std::move(r));
        return chunk;
    };
    std::future<std::vector<EventRecord>> ahead = std::async(std::launch::async, read);
    for (;;) {
        std::vector<EventRecord> chunk = ahead.get();
        if (chunk.empty())
            break;
        if (chunk.size() == kChunk)
            ahead = std::async(std::launch::async, read);
        const std::vector<std::size_t> order = space_time_order(chunk);
        const std::vector<std::int64_t> ids =
            id_source.reserve(static_cast<std::int64_t>(chunk.size()));
        std::size_t used = 0;
        db.copy_in(kCopyEvents, [&](std::string& out) {
            if (used == order.size())
                return false;
            EventRecord& r = chunk[order[used]];
            r.source_count = std::max(1, r.source_count);
            const int cell = r.position ? cell_of(*r.position) : -1;
            write_event(out, ids[used], r, cell);
            actors.add(ids[used], r);
            written.note(r, cell);
            ++used;
            return true;
        });
        n += static_cast<std::int64_t>(used);
        if (chunk.size() < kChunk)
            break;
    }
    actors.store(db);
    if (aside)
        aside->restore();
    return n;
}

} // namespace kharita::store
