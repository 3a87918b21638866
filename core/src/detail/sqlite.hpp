#pragma once
// RAII over sqlite3* and sqlite3_stmt*, with the SpatiaLite connection cache.
// The one place in Kharita that calls the SQLite C API directly.
// A Database is move-only and used by one thread at a time.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kharita::detail {

struct StatementDeleter {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};

/// A prepared statement with typed bind and column helpers. Borrowing: it must not
/// outlive the Database that prepared it.
class Statement {
public:
    Statement() = default;
    Statement(sqlite3_stmt* stmt, sqlite3* db) : m_stmt(stmt), m_db(db) {}

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text); // copied (SQLITE_TRANSIENT)
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind_null(int index);
    Statement& bind_blob(int index, const void* data, int size);

    /// Steps once: true when a row is available, false when done. Throws DatabaseError.
    bool step();
    /// Steps to completion and resets, for INSERT/UPDATE statements.
    void run();
    /// Resets and clears the bindings.
    void reset();
    /// Resets to run again with the same bindings.
    void rewind() { sqlite3_reset(m_stmt.get()); }

    std::int64_t column_int64(int col) const { return sqlite3_column_int64(m_stmt.get(), col); }
    int column_int(int col) const { return sqlite3_column_int(m_stmt.get(), col); }
    double column_double(int col) const { return sqlite3_column_double(m_stmt.get(), col); }
    bool column_is_null(int col) const {
        return sqlite3_column_type(m_stmt.get(), col) == SQLITE_NULL;
    }
    std::string_view column_text(int col) const;

    sqlite3_stmt* get() const noexcept { return m_stmt.get(); }

private:
    std::unique_ptr<sqlite3_stmt, StatementDeleter> m_stmt;
    sqlite3* m_db = nullptr;
};

class Database;

/// When a transaction takes the write lock: at its first write (deferred) or at BEGIN
/// (immediate). A writer that reads first must be immediate: a deferred one that finds
/// another writer committed since its read fails with SQLITE_BUSY without waiting.
enum class TransactionKind { deferred, immediate };

/// Rolls back in its destructor unless commit() was called.
class Transaction {
public:
    explicit Transaction(Database& db, TransactionKind kind = TransactionKind::deferred);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database* m_db;
    bool m_done = false;
};

enum class OpenMode { read_only, read_write, create };

class Database {
public:
    /// Opens a database file (":memory:" for an in-memory one) and loads SpatiaLite
    /// into the connection when `spatialite` is true. A locked database is waited for (up
    /// to 10 s) before SQLITE_BUSY. Throws DatabaseError.
    static Database open(const std::filesystem::path& file, OpenMode mode, bool spatialite = true);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    Statement prepare(std::string_view sql);
    void exec(std::string_view sql);
    Transaction begin(TransactionKind kind = TransactionKind::deferred) {
        return Transaction(*this, kind);
    }
    /// Runs a query that returns one integer (or nullopt for no row / NULL).
    std::optional<std::int64_t> query_int(std::string_view sql);
    void close();

    sqlite3* handle() const noexcept { return m_db; }

private:
    Database() = default;
    [[noreturn]] void fail(int rc, std::string_view sql) const;

    sqlite3* m_db = nullptr;
    void* m_spatialite_cache = nullptr;
};

} // namespace kharita::detail
