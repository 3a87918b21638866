#pragma once
// Row-level access to a store's tables, the same for both backends: what a whole-store copy
// (store_copy.cpp) reads from one store and writes into another. A row is the stored
// columns of a table as typed values (no derived column: SpatiaLite's geometry, PostGIS's
// generated geom, days and tsvector columns, the FTS5 tables), so a row read from one
// backend is written into the other as it is; each backend makes its derived columns
// again when a table is written (finish_tables()).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace kharita::store {

/// One stored value: NULL, an integer (booleans as 0/1), a real or a text (days as ISO
/// 8601 text).
using StoredValue = std::variant<std::monostate, std::int64_t, double, std::string>;
using StoredRow = std::vector<StoredValue>;

class TableIo {
public:
    virtual ~TableIo() = default;
    /// The store's location as messages show it (a server's password masked).
    virtual const std::string& display() const = 0;
    /// The stored columns of `table`, in the table's order (derived ones left out).
    virtual std::vector<std::string> columns(const std::string& table) = 0;
    /// Rows of `table` satisfying `where` (SQL, "" for all), in the order of its first
    /// column, each as the values of `columns`.
    /// The rows come one per call of the function returned (false: no more).
    virtual std::function<bool(StoredRow&)> read(const std::string& table,
                                                 const std::vector<std::string>& columns,
                                                 const std::string& where) = 0;
    virtual std::int64_t count(const std::string& table, const std::string& where) = 0;
    /// Writes rows pulled from `next` (false: no more) into `table`, ids as given.
    virtual void write(const std::string& table, const std::vector<std::string>& columns,
                       const std::function<bool(StoredRow&)>& next) = 0;

    /// A reader's consistent snapshot, or a writer's one transaction.
    virtual void begin_reading() = 0;
    virtual void begin_writing(const std::vector<std::string>& tables) = 0;
    /// After every table is written: derived columns, text indexes, id sequences, and the
    /// indexes and keys set aside for the load; then the commit.
    virtual void finish_writing(const std::vector<std::string>& tables) = 0;
    virtual void rollback() noexcept = 0;
};

/// The table rows of a SpatiaLite file or a PostGIS schema (the store already exists: open it
/// with open_event_store() first).
std::unique_ptr<TableIo> open_sqlite_tables(const std::string& file, bool write);
std::unique_ptr<TableIo> open_pg_tables(const std::string& location, bool write);

} // namespace kharita::store
