#pragma once
// RAII over libpq's PGconn* and PGresult*: the one place in Kharita that calls libpq.
// A PgConnection is move-only and used by one thread at a time.

#include "kharita/base/error.hpp"

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::detail {

/// A failed libpq call: the server's one-line message, and its SQLSTATE ("40P01") so that
/// callers can retry serialization failures and deadlocks.
class PgError : public DatabaseError {
public:
    PgError(std::string sqlstate, const std::string& message, std::string sql = {})
        : DatabaseError(0, message, std::move(sql)), m_sqlstate(std::move(sqlstate)) {}
    const std::string& sqlstate() const noexcept { return m_sqlstate; }
    /// A serialization failure or a deadlock: the transaction may simply run again.
    bool retryable() const noexcept { return m_sqlstate == "40001" || m_sqlstate == "40P01"; }

private:
    std::string m_sqlstate;
};

struct PgResultDeleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};

/// A query's result, read as text.
class PgResult {
public:
    PgResult() = default;
    explicit PgResult(PGresult* r) : m_result(r) {}

    int rows() const noexcept { return PQntuples(m_result.get()); }
    bool is_null(int row, int col) const noexcept {
        return PQgetisnull(m_result.get(), row, col) != 0;
    }
    std::string_view text(int row, int col) const noexcept {
        return {PQgetvalue(m_result.get(), row, col),
                static_cast<std::size_t>(PQgetlength(m_result.get(), row, col))};
    }
    std::int64_t int64(int row, int col) const;
    int integer(int row, int col) const { return static_cast<int>(int64(row, col)); }
    double real(int row, int col) const;
    bool boolean(int row, int col) const { return text(row, col) == "t"; }
    PGresult* get() const noexcept { return m_result.get(); }

private:
    std::unique_ptr<PGresult, PgResultDeleter> m_result;
};

/// Query parameters as text (libpq's text format), NULL where unset.
class PgParams {
public:
    PgParams& add(std::int64_t v);
    PgParams& add(int v) { return add(static_cast<std::int64_t>(v)); }
    PgParams& add(double v);
    PgParams& add(std::string_view v);
    PgParams& add(const char* v) { return add(std::string_view(v)); }
    PgParams& add(const std::string& v) { return add(std::string_view(v)); }
    PgParams& add(bool v) { return add(std::string_view(v ? "t" : "f")); }
    PgParams& add_null();
    template <typename T> PgParams& add(const std::optional<T>& v) {
        return v ? add(*v) : add_null();
    }
    int size() const noexcept { return static_cast<int>(m_values.size()); }
    /// "$n" of the parameter added next.
    std::string next() const { return "$" + std::to_string(m_values.size() + 1); }
    std::vector<const char*> pointers() const;

private:
    std::vector<std::optional<std::string>> m_values;
};

struct PgConnDeleter {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
};

class PgConnection {
public:
    /// Connects with a libpq connection string (URI or key=value). Throws PgError with
    /// libpq's first message line.
    static PgConnection connect(const std::string& conninfo);

    /// Runs statements without parameters (several, ';'-separated, allowed).
    PgResult exec(std::string_view sql);
    PgResult exec(std::string_view sql, const PgParams& params);
    /// Runs a query, handing each row to `row` as it arrives (single-row mode), so a
    /// million rows are never held at once.
    void stream(std::string_view sql, const PgParams& params,
                const std::function<void(const PgResult&)>& row);
    /// COPY ... FROM STDIN: `fill` appends text-format rows to its buffer and returns false
    /// when it has no more.
    void copy_in(std::string_view copy_sql, const std::function<bool(std::string&)>& fill);

    PGconn* handle() const noexcept { return m_conn.get(); }

private:
    friend class PgCopyOut;
    [[noreturn]] void fail(const PGresult* result, std::string_view sql) const;
    PgResult check(PGresult* r, std::string_view sql) const;

    std::unique_ptr<PGconn, PgConnDeleter> m_conn;
};

/// COPY ... TO STDOUT, read a row at a time (so a reader can feed a writer on another
/// connection row by row). Ended early, it cancels the COPY and reads what is left, so the
/// connection can go on.
class PgCopyOut {
public:
    PgCopyOut(PgConnection& db, std::string copy_sql);
    PgCopyOut(const PgCopyOut&) = delete;
    PgCopyOut& operator=(const PgCopyOut&) = delete;
    ~PgCopyOut();
    /// The next text-format row (its newline included), valid until the next call; false
    /// at the end. Throws PgError.
    bool next(std::string_view& row);

private:
    void free_row() noexcept;
    PgConnection& m_db;
    std::string m_sql;
    char* m_row = nullptr;
    bool m_done = false;
};

/// Appends `text` to a COPY text-format row, escaped.
void copy_text(std::string& out, std::string_view text);

/// The fields of one COPY text-format row (its newline, if any, dropped), unescaped; none
/// for \N (NULL). `fields` is reused: its strings keep their capacity.
void copy_fields(std::string_view row, std::vector<std::optional<std::string>>& fields);

} // namespace kharita::detail
