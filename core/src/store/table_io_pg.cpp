// The table rows of a PostGIS store (store/table_io.hpp): read by COPY ... TO STDOUT a row
// at a time, written by COPY ... FROM STDIN with the tables' indexes and foreign keys set
// aside and rebuilt once (postgis_bulk.hpp), the id sequences moved past the ids written.

#include "kharita/base/error.hpp"

#include "detail/pg.hpp"
#include "store/backends.hpp"
#include "store/postgis_bulk.hpp"
#include "store/table_io.hpp"

#include <fmt/format.h>

#include <charconv>
#include <iterator>
#include <map>
#include <optional>

namespace kharita::store {

namespace {

using detail::PgConnection;
using detail::PgError;
using detail::PgParams;
using detail::PgResult;

std::string ident(std::string_view name) {
    return "\"" + std::string(name) + "\"";
}

/// How a column's text is read back into a value.
enum class Kind { integer, real, text };

Kind kind_of(std::string_view type) {
    if (type == "int2" || type == "int4" || type == "int8" || type == "bool")
        return Kind::integer;
    if (type == "float4" || type == "float8")
        return Kind::real;
    return Kind::text; // text, date (ISO 8601 under datestyle ISO)
}

class PgTables final : public TableIo {
public:
    PgTables(const std::string& location, bool write);
    PgTables(const PgLocation& location, bool write);

    const std::string& display() const override { return m_display; }
    std::vector<std::string> columns(const std::string& table) override;
    std::function<bool(StoredRow&)> read(const std::string& table,
                                         const std::vector<std::string>& columns,
                                         const std::string& where) override;
    std::int64_t count(const std::string& table, const std::string& where) override {
        return m_db
            .exec(fmt::format("SELECT count(*) FROM {}{}", ident(table),
                              where.empty() ? "" : " WHERE " + where))
            .int64(0, 0);
    }
    void write(const std::string& table, const std::vector<std::string>& columns,
               const std::function<bool(StoredRow&)>& next) override;
    void begin_reading() override { m_db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
    void begin_writing(const std::vector<std::string>& tables) override;
    void finish_writing(const std::vector<std::string>& tables) override;
    void rollback() noexcept override {
        if (PQtransactionStatus(m_db.handle()) == PQTRANS_INERROR ||
            PQtransactionStatus(m_db.handle()) == PQTRANS_INTRANS) {
            try {
                m_db.exec("ROLLBACK");
            } catch (const DatabaseError&) { // NOLINT(bugprone-empty-catch): the first error tells
            }
        }
    }

private:
    PgConnection m_db;
    std::string m_display, m_schema;
    std::map<std::string, std::map<std::string, std::string>> m_types; // table -> column -> type
    std::optional<PgSetAside> m_aside;
};

PgConnection connect(const PgLocation& l) {
    try {
        return PgConnection::connect(l.conninfo);
    } catch (const PgError& e) {
        throw DatabaseError(0,
                            fmt::format("{}: connecting to the server: {}", l.display, e.what()));
    }
}

PgTables::PgTables(const std::string& location, bool write)
    : PgTables(parse_pg_location(location), write) {}

PgTables::PgTables(const PgLocation& l, bool write) : m_db(connect(l)), m_display(l.display) {
    // the session the store itself sets (postgis_store.cpp): ISO days, UTF-8, shortest exact
    // reals; the store's schema, then PostGIS's, on the search path
    m_db.exec("SET datestyle = ISO; SET client_encoding = 'UTF8'; SET extra_float_digits = 1");
    if (l.schema) {
        m_schema = *l.schema;
    } else {
        m_schema = std::string(
            m_db.exec("SELECT coalesce(nullif(trim(both '\"' from trim(split_part(current_setting("
                      "'search_path'), ',', 1))), '$user'), current_schema(), 'public')")
                .text(0, 0));
    }
    const PgResult postgis = m_db.exec("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                                       "ON n.oid = e.extnamespace WHERE e.extname = 'postgis'");
    std::string path = ident(m_schema);
    if (postgis.rows() == 1 && postgis.text(0, 0) != m_schema)
        path += ", " + ident(postgis.text(0, 0));
    m_db.exec("SET search_path TO " + path);
    if (!write)
        m_db.exec("SET default_transaction_read_only = on");
}

std::vector<std::string> PgTables::columns(const std::string& table) {
    PgParams p;
    p.add(fmt::format("{}.{}", ident(m_schema), ident(table)));
    // stored columns only: not the generated ones (geom, days, the tsvectors)
    const PgResult r = m_db.exec("SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t "
                                 "ON t.oid = a.atttypid WHERE a.attrelid = $1::regclass AND "
                                 "a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' "
                                 "ORDER BY a.attnum",
                                 p);
    std::vector<std::string> out;
    auto& types = m_types[table];
    for (int i = 0; i < r.rows(); ++i) {
        out.emplace_back(r.text(i, 0));
        types[out.back()] = r.text(i, 1);
    }
    return out;
}

std::function<bool(StoredRow&)> PgTables::read(const std::string& table,
                                               const std::vector<std::string>& columns,
                                               const std::string& where) {
    if (!m_types.contains(table))
        this->columns(table);
    const auto& types = m_types.at(table);
    std::string select;
    std::vector<Kind> kind;
    for (const std::string& c : columns) {
        const auto type = types.find(c);
        if (type == types.end())
            throw DatabaseError(0,
                                fmt::format("{}: table {} has no column {}", m_display, table, c));
        select += (select.empty() ? "" : ", ") + ident(c);
        if (type->second == "bool")
            select += "::int"; // 0/1, as SQLite keeps them
        kind.push_back(kind_of(type->second));
    }
    struct Cursor {
        Cursor(PgConnection& db, std::string sql, std::vector<Kind> kinds)
            : copy(db, std::move(sql)), kind(std::move(kinds)) {}
        detail::PgCopyOut copy;
        std::vector<Kind> kind;
        std::vector<std::optional<std::string>> fields;
    };
    auto cursor = std::make_shared<Cursor>(
        m_db,
        fmt::format("COPY (SELECT {} FROM {}{} ORDER BY 1) TO STDOUT", select, ident(table),
                    where.empty() ? "" : " WHERE " + where),
        std::move(kind));
    return [cursor](StoredRow& row) {
        std::string_view line;
        if (!cursor->copy.next(line))
            return false;
        detail::copy_fields(line, cursor->fields);
        row.resize(cursor->fields.size());
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::optional<std::string>& f = cursor->fields[i];
            if (!f) {
                row[i] = std::monostate{};
            } else if (cursor->kind[i] == Kind::integer) {
                std::int64_t v = 0;
                std::from_chars(f->data(), f->data() + f->size(), v);
                row[i] = v;
            } else if (cursor->kind[i] == Kind::real) {
                double v = 0;
                std::from_chars(f->data(), f->data() + f->size(), v);
                row[i] = v;
            } else {
                row[i] = *f;
            }
        }
        return true;
    };
}

void PgTables::write(const std::string& table, const std::vector<std::string>& columns,
                     const std::function<bool(StoredRow&)>& next) {
    std::string names;
    for (const std::string& c : columns)
        names += (names.empty() ? "" : ", ") + ident(c);
    StoredRow row;
    m_db.copy_in(fmt::format("COPY {} ({}) FROM STDIN", ident(table), names),
                 [&](std::string& out) {
                     if (!next(row))
                         return false;
                     for (std::size_t i = 0; i < row.size(); ++i) {
                         if (i > 0)
                             out += '\t';
                         if (const auto* n = std::get_if<std::int64_t>(&row[i])) {
                             fmt::format_to(std::back_inserter(out), "{}", *n);
                         } else if (const auto* d = std::get_if<double>(&row[i])) {
                             fmt::format_to(std::back_inserter(out), "{}", *d); // shortest exact
                         } else if (const auto* s = std::get_if<std::string>(&row[i])) {
                             detail::copy_text(out, *s);
                         } else {
                             out += "\\N";
                         }
                     }
                     out += '\n';
                     return true;
                 });
}

void PgTables::begin_writing(const std::vector<std::string>& tables) {
    m_db.exec("BEGIN");
    // other writers wait for the copy (readers do not); the indexes and keys are set aside,
    // as for a large bulk load, and built once at the end
    std::string list;
    for (const std::string& t : tables)
        list += (list.empty() ? "" : ", ") + ident(t);
    m_db.exec("LOCK TABLE " + list + " IN SHARE ROW EXCLUSIVE MODE");
    m_aside.emplace(m_db, tables, tables);
}

void PgTables::finish_writing(const std::vector<std::string>& tables) {
    if (m_aside)
        m_aside->restore();
    // the ids were written as they were: each serial column's sequence goes on after them
    for (const std::string& table : tables) {
        PgParams p;
        p.add(fmt::format("{}.{}", ident(m_schema), ident(table)));
        const PgResult serial = m_db.exec(
            "SELECT a.attname, pg_get_serial_sequence($1, a.attname) FROM pg_attribute a WHERE "
            "a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND "
            "pg_get_serial_sequence($1, a.attname) IS NOT NULL",
            p);
        for (int i = 0; i < serial.rows(); ++i) {
            PgParams s;
            s.add(serial.text(i, 1));
            m_db.exec(fmt::format("SELECT setval($1::regclass, coalesce((SELECT max({}) FROM {}), "
                                  "0) + 1, false)",
                                  ident(serial.text(i, 0)), ident(table)),
                      s);
        }
    }
    m_db.exec("COMMIT");
    for (const std::string& table : tables)
        m_db.exec("ANALYZE " + ident(table));
}

} // namespace

std::unique_ptr<TableIo> open_pg_tables(const std::string& location, bool write) {
    return std::make_unique<PgTables>(location, write);
}

} // namespace kharita::store
