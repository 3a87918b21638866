#include "detail/sqlite.hpp"

#include "kharita/base/error.hpp"

#include <spatialite.h>

#include <utility>

namespace kharita::detail {

namespace {
[[noreturn]] void throw_db(sqlite3* db, int rc, std::string_view sql) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw DatabaseError(rc, message, std::string(sql));
}
} // namespace

Statement& Statement::bind(int index, std::int64_t value) {
    if (const int rc = sqlite3_bind_int64(m_stmt.get(), index, value); rc != SQLITE_OK) {
        throw_db(m_db, rc, sqlite3_sql(m_stmt.get()));
    }
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (const int rc = sqlite3_bind_double(m_stmt.get(), index, value); rc != SQLITE_OK) {
        throw_db(m_db, rc, sqlite3_sql(m_stmt.get()));
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    const int rc = sqlite3_bind_text(m_stmt.get(), index, text.data(),
                                     static_cast<int>(text.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        throw_db(m_db, rc, sqlite3_sql(m_stmt.get()));
    }
    return *this;
}

Statement& Statement::bind_null(int index) {
    if (const int rc = sqlite3_bind_null(m_stmt.get(), index); rc != SQLITE_OK) {
        throw_db(m_db, rc, sqlite3_sql(m_stmt.get()));
    }
    return *this;
}

Statement& Statement::bind_blob(int index, const void* data, int size) {
    if (const int rc = sqlite3_bind_blob(m_stmt.get(), index, data, size, SQLITE_TRANSIENT);
        rc != SQLITE_OK) {
        throw_db(m_db, rc, sqlite3_sql(m_stmt.get()));
    }
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt.get());
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    throw_db(m_db, rc, sqlite3_sql(m_stmt.get()));
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_stmt.get());
    sqlite3_clear_bindings(m_stmt.get());
}

std::string_view Statement::column_text(int col) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt.get(), col));
    if (text == nullptr) {
        return {};
    }
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt.get(), col))};
}

Transaction::Transaction(Database& db, TransactionKind kind) : m_db(&db) {
    m_db->exec(kind == TransactionKind::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_db->exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): a destructor must not throw
        }
    }
}

void Transaction::commit() {
    m_db->exec("COMMIT");
    m_done = true;
}

Database Database::open(const std::filesystem::path& file, OpenMode mode, bool spatialite) {
    int flags = SQLITE_OPEN_FULLMUTEX; // connections may move between threads
    switch (mode) {
    case OpenMode::read_only:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case OpenMode::read_write:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case OpenMode::create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    Database db;
    const int rc = sqlite3_open_v2(file.string().c_str(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db.m_db != nullptr ? sqlite3_errmsg(db.m_db) : sqlite3_errstr(rc);
        sqlite3_close(db.m_db); // a failed open still allocates a handle
        db.m_db = nullptr;
        throw DatabaseError(rc, file.string() + ": " + message);
    }
    sqlite3_extended_result_codes(db.m_db, 1);
    // another process creating or writing the file holds its lock for a moment: wait
    sqlite3_busy_timeout(db.m_db, 10000);
    if (spatialite) {
        db.m_spatialite_cache = spatialite_alloc_connection();
        spatialite_init_ex(db.m_db, db.m_spatialite_cache, 0);
    }
    if (mode != OpenMode::read_only) {
        // Surface a corrupt or foreign file now, with its name, rather than on first use.
        try {
            db.exec("PRAGMA schema_version");
        } catch (const DatabaseError& e) {
            throw DatabaseError(e.code(), file.string() + ": " + e.what());
        }
    }
    return db;
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)),
      m_spatialite_cache(std::exchange(other.m_spatialite_cache, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        try {
            close();
        } catch (...) { // NOLINT(bugprone-empty-catch)
        }
        m_db = std::exchange(other.m_db, nullptr);
        m_spatialite_cache = std::exchange(other.m_spatialite_cache, nullptr);
    }
    return *this;
}

Database::~Database() {
    try {
        close();
    } catch (...) { // NOLINT(bugprone-empty-catch): destructors swallow; call close() to see
    }
}

void Database::close() {
    if (m_db != nullptr) {
        const int rc = sqlite3_close(m_db);
        if (rc != SQLITE_OK) {
            throw DatabaseError(rc, "closing database: " + std::string(sqlite3_errstr(rc)));
        }
        m_db = nullptr;
    }
    if (m_spatialite_cache != nullptr) {
        spatialite_cleanup_ex(m_spatialite_cache);
        m_spatialite_cache = nullptr;
    }
}

Statement Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        fail(rc, sql);
    }
    return Statement(stmt, m_db);
}

void Database::exec(std::string_view sql) {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error != nullptr ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw DatabaseError(rc, message, text);
    }
}

std::optional<std::int64_t> Database::query_int(std::string_view sql) {
    Statement stmt = prepare(sql);
    if (stmt.step() && !stmt.column_is_null(0)) {
        return stmt.column_int64(0);
    }
    return std::nullopt;
}

void Database::fail(int rc, std::string_view sql) const {
    throw_db(m_db, rc, sql);
}

} // namespace kharita::detail
