// The table rows of a SpatiaLite store (store/table_io.hpp). Written in one immediate
// transaction with the tables' indexes and triggers set aside (SpatiaLite's per-row
// geometry triggers cost more than the insert, as in the bulk load) and made again at the
// end, after the derived columns: the events' points and the FTS5 indexes.

#include "kharita/base/error.hpp"

#include "detail/sqlite.hpp"
#include "store/table_io.hpp"

#include <fmt/core.h>

#include <optional>
#include <set>

namespace kharita::store {

namespace {

using detail::Database;
using detail::OpenMode;
using detail::Statement;

std::string ident(std::string_view name) {
    return "\"" + std::string(name) + "\"";
}

class SqliteTables final : public TableIo {
public:
    SqliteTables(const std::string& file, bool write)
        : m_display(file),
          m_db(Database::open(file, write ? OpenMode::read_write : OpenMode::read_only)) {}

    const std::string& display() const override { return m_display; }
    std::vector<std::string> columns(const std::string& table) override;
    std::function<bool(StoredRow&)> read(const std::string& table,
                                         const std::vector<std::string>& columns,
                                         const std::string& where) override;
    std::int64_t count(const std::string& table, const std::string& where) override {
        return m_db
            .query_int(fmt::format("SELECT count(*) FROM {}{}", ident(table),
                                   where.empty() ? "" : " WHERE " + where))
            .value_or(0);
    }
    void write(const std::string& table, const std::vector<std::string>& columns,
               const std::function<bool(StoredRow&)>& next) override;
    void begin_reading() override { m_db.exec("BEGIN"); }
    void begin_writing(const std::vector<std::string>& tables) override;
    void finish_writing(const std::vector<std::string>& tables) override;
    void rollback() noexcept override {
        if (sqlite3_get_autocommit(m_db.handle()) == 0)
            sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }

private:
    std::string m_display;
    Database m_db;
    std::vector<std::string> m_restore; // the indexes and triggers set aside
};

std::vector<std::string> SqliteTables::columns(const std::string& table) {
    // SpatiaLite's geometry columns are derived (from lat/lon): not a stored value
    std::set<std::string> geometry;
    {
        Statement g = m_db.prepare(
            "SELECT lower(f_geometry_column) FROM geometry_columns WHERE f_table_name = lower(?1)");
        g.bind(1, table);
        while (g.step())
            geometry.emplace(g.column_text(0));
    }
    Statement s = m_db.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    s.bind(1, table);
    std::vector<std::string> out;
    while (s.step()) {
        std::string name(s.column_text(0));
        if (!geometry.contains(name))
            out.push_back(std::move(name));
    }
    return out;
}

std::function<bool(StoredRow&)> SqliteTables::read(const std::string& table,
                                                   const std::vector<std::string>& columns,
                                                   const std::string& where) {
    std::string select;
    for (const std::string& c : columns)
        select += (select.empty() ? "" : ", ") + ident(c);
    auto s = std::make_shared<Statement>(
        m_db.prepare(fmt::format("SELECT {} FROM {}{} ORDER BY 1", select, ident(table),
                                 where.empty() ? "" : " WHERE " + where)));
    return [s](StoredRow& row) {
        if (!s->step())
            return false;
        row.resize(static_cast<std::size_t>(sqlite3_column_count(s->get())));
        for (std::size_t i = 0; i < row.size(); ++i) {
            const int col = static_cast<int>(i);
            switch (sqlite3_column_type(s->get(), col)) {
            case SQLITE_NULL:
                row[i] = std::monostate{};
                break;
            case SQLITE_INTEGER:
                row[i] = s->column_int64(col);
                break;
            case SQLITE_FLOAT:
                row[i] = s->column_double(col);
                break;
            default:
                row[i] = std::string(s->column_text(col));
            }
        }
        return true;
    };
}

void SqliteTables::write(const std::string& table, const std::vector<std::string>& columns,
                         const std::function<bool(StoredRow&)>& next) {
    std::string names, values;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        names += (i > 0 ? ", " : "") + ident(columns[i]);
        values += fmt::format("{}?{}", i > 0 ? ", " : "", i + 1);
    }
    Statement s =
        m_db.prepare(fmt::format("INSERT INTO {} ({}) VALUES ({})", ident(table), names, values));
    StoredRow row;
    while (next(row)) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            const int at = static_cast<int>(i) + 1;
            if (const auto* n = std::get_if<std::int64_t>(&row[i]))
                s.bind(at, *n);
            else if (const auto* d = std::get_if<double>(&row[i]))
                s.bind(at, *d);
            else if (const auto* t = std::get_if<std::string>(&row[i]))
                s.bind(at, *t);
            else
                s.bind_null(at);
        }
        s.run();
    }
}

void SqliteTables::begin_writing(const std::vector<std::string>& tables) {
    m_db.exec("BEGIN IMMEDIATE");
    std::vector<std::string> drop;
    for (const std::string& table : tables) {
        Statement s = m_db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN "
                                   "('index', 'trigger') AND tbl_name = ?1 AND sql IS NOT NULL");
        s.bind(1, table);
        while (s.step()) {
            drop.push_back(fmt::format("DROP {} {}", s.column_text(0), ident(s.column_text(1))));
            m_restore.emplace_back(s.column_text(2));
        }
    }
    for (const std::string& sql : drop)
        m_db.exec(sql);
}

void SqliteTables::finish_writing(const std::vector<std::string>& tables) {
    const std::set<std::string> written(tables.begin(), tables.end());
    if (written.contains("events")) {
        m_db.exec("UPDATE events SET geom = MakePoint(lon, lat, 4326) WHERE lat IS NOT NULL AND "
                  "lon IS NOT NULL");
    }
    // the FTS5 tables over a written table ("content='events'") are built from it again
    Statement fts = m_db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND "
                                 "sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'");
    std::vector<std::string> rebuild;
    while (fts.step()) {
        const std::string sql(fts.column_text(1));
        for (const std::string& t : written) {
            if (sql.find("content='" + t + "'") != std::string::npos) {
                const std::string name(fts.column_text(0));
                rebuild.push_back(
                    fmt::format("INSERT INTO {0} ({0}) VALUES ('rebuild')", ident(name)));
            }
        }
    }
    fts.reset();
    for (const std::string& sql : rebuild)
        m_db.exec(sql);
    for (const std::string& sql : m_restore)
        m_db.exec(sql);
    m_db.exec("COMMIT");
}

} // namespace

std::unique_ptr<TableIo> open_sqlite_tables(const std::string& file, bool write) {
    return std::make_unique<SqliteTables>(file, write);
}

} // namespace kharita::store
