#include "detail/pg.hpp"

#include <fmt/core.h>

#include <charconv>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace kharita::detail {

namespace {

/// libpq's messages run over lines ("...failed: ...\n\tIs the server running..."): the
/// first line says it.
std::string first_line(const char* message) {
    std::string m = message != nullptr ? message : "";
    if (const auto nl = m.find('\n'); nl != std::string::npos)
        m.resize(nl);
    while (!m.empty() && (m.back() == ' ' || m.back() == '\r'))
        m.pop_back();
    if (m.rfind("ERROR:  ", 0) == 0)
        m.erase(0, 8);
    return m;
}

} // namespace

std::int64_t PgResult::int64(int row, int col) const {
    const std::string_view t = text(row, col);
    std::int64_t v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

double PgResult::real(int row, int col) const {
    const std::string_view t = text(row, col);
    double v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

PgParams& PgParams::add(std::int64_t v) {
    m_values.emplace_back(std::to_string(v));
    return *this;
}

PgParams& PgParams::add(double v) {
    m_values.emplace_back(fmt::format("{:.17g}", v));
    return *this;
}

PgParams& PgParams::add(std::string_view v) {
    m_values.emplace_back(std::string(v));
    return *this;
}

PgParams& PgParams::add_null() {
    m_values.emplace_back(std::nullopt);
    return *this;
}

std::vector<const char*> PgParams::pointers() const {
    std::vector<const char*> out;
    out.reserve(m_values.size());
    for (const auto& v : m_values)
        out.push_back(v ? v->c_str() : nullptr);
    return out;
}

PgConnection PgConnection::connect(const std::string& conninfo) {
    PgConnection c;
    c.m_conn.reset(PQconnectdb(conninfo.c_str()));
    if (!c.m_conn)
        throw PgError("08000", "out of memory connecting to the server");
    if (PQstatus(c.m_conn.get()) != CONNECTION_OK)
        throw PgError("08001", first_line(PQerrorMessage(c.m_conn.get())));
    // notices (CREATE ... IF NOT EXISTS "already exists, skipping") are not the user's business
    PQsetNoticeProcessor(
        c.m_conn.get(), [](void*, const char*) {}, nullptr);
    return c;
}

void PgConnection::fail(const PGresult* result, std::string_view sql) const {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* message = result != nullptr ? PQresultErrorMessage(result) : nullptr;
    if (message == nullptr || *message == '\0')
        message = PQerrorMessage(m_conn.get());
    // a lost connection has no SQLSTATE: class 08, connection exception
    throw PgError(state != nullptr ? state : "08006", first_line(message), std::string(sql));
}

PgResult PgConnection::check(PGresult* r, std::string_view sql) const {
    PgResult result(r);
    const ExecStatusType status = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN &&
        status != PGRES_COPY_OUT && status != PGRES_SINGLE_TUPLE) {
        fail(r, sql);
    }
    return result;
}

PgResult PgConnection::exec(std::string_view sql) {
    const std::string s(sql);
    return check(PQexec(m_conn.get(), s.c_str()), sql);
}

PgResult PgConnection::exec(std::string_view sql, const PgParams& params) {
    const std::string s(sql);
    const auto values = params.pointers();
    return check(PQexecParams(m_conn.get(), s.c_str(), params.size(), nullptr, values.data(),
                              nullptr, nullptr, 0),
                 sql);
}

void PgConnection::stream(std::string_view sql, const PgParams& params,
                          const std::function<void(const PgResult&)>& row) {
    const std::string s(sql);
    const auto values = params.pointers();
    if (PQsendQueryParams(m_conn.get(), s.c_str(), params.size(), nullptr, values.data(), nullptr,
                          nullptr, 0) == 0) {
        fail(nullptr, sql);
    }
    PQsetSingleRowMode(m_conn.get());
    // every result is read, even after a failure, so the connection is ready for the next
    std::optional<PgError> error;
    while (PGresult* r = PQgetResult(m_conn.get())) {
        PgResult result(r);
        const ExecStatusType status = PQresultStatus(r);
        if (error)
            continue;
        if (status == PGRES_SINGLE_TUPLE) {
            try {
                row(result);
            } catch (...) {
                if (PGcancel* cancel = PQgetCancel(m_conn.get())) {
                    char message[256];
                    PQcancel(cancel, message, sizeof message);
                    PQfreeCancel(cancel);
                }
                while (PGresult* rest = PQgetResult(m_conn.get()))
                    PQclear(rest);
                throw;
            }
        } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            try {
                fail(r, sql);
            } catch (const PgError& e) {
                error = e;
            }
        }
    }
    if (error)
        throw *error;
}

namespace {

/// The chunks of a COPY between the thread that makes them and the one that sends them:
/// at most kInFlight at once, so a fast maker waits rather than holding the whole load.
class ChunkPipe {
public:
    static constexpr std::size_t kInFlight = 3;
    /// An empty buffer to fill (a sent one, its capacity kept); none once the sender failed.
    std::optional<std::string> take_empty() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_failed || m_full.size() + m_sending < kInFlight; });
        if (m_failed)
            return std::nullopt;
        std::string out;
        if (!m_empty.empty()) {
            out = std::move(m_empty.back());
            m_empty.pop_back();
        }
        out.clear();
        return out;
    }
    void push(std::string chunk) {
        const std::lock_guard lock(m_mutex);
        m_full.push_back(std::move(chunk));
        m_changed.notify_all();
    }
    /// The sender's next chunk; none once closed and drained.
    std::optional<std::string> pop() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_closed || !m_full.empty(); });
        if (m_full.empty())
            return std::nullopt;
        std::string chunk = std::move(m_full.front());
        m_full.pop_front();
        ++m_sending;
        return chunk;
    }
    void sent(std::string chunk) {
        const std::lock_guard lock(m_mutex);
        --m_sending;
        m_empty.push_back(std::move(chunk));
        m_changed.notify_all();
    }
    void fail() {
        const std::lock_guard lock(m_mutex);
        m_failed = true;
        m_full.clear();
        m_changed.notify_all();
    }
    bool failed() {
        const std::lock_guard lock(m_mutex);
        return m_failed;
    }
    void close() {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_full;
    std::vector<std::string> m_empty;
    std::size_t m_sending = 0;
    bool m_closed = false, m_failed = false;
};

} // namespace

void PgConnection::copy_in(std::string_view copy_sql,
                           const std::function<bool(std::string&)>& fill) {
    exec(copy_sql);
    // The rows are made on this thread (the caller's callback stays on the caller's thread)
    // while another hands the chunks made before to the server: the client's work (reading
    // a CSV, formatting rows) overlaps the server's instead of waiting for it, as it does
    // when one thread both makes and sends (a 200 k-event import spent 1.5 s of its 4.5 s
    // COPY so). Only the sender uses the connection until the COPY ends.
    ChunkPipe pipe;
    std::thread sender([&] {
        while (std::optional<std::string> chunk = pipe.pop()) {
            if (PQputCopyData(m_conn.get(), chunk->data(), static_cast<int>(chunk->size())) != 1) {
                pipe.fail();
                return;
            }
            pipe.sent(std::move(*chunk));
        }
    });
    const auto stop_sender = [&] {
        pipe.close();
        if (sender.joinable())
            sender.join();
    };
    try {
        bool more = true;
        while (more) {
            std::optional<std::string> buffer = pipe.take_empty();
            if (!buffer)
                break; // the sender failed: libpq's message below
            // 1 MB chunks: a round of the protocol per megabyte, not per row
            while (buffer->size() < (1U << 20) && (more = fill(*buffer))) {
            }
            if (!buffer->empty())
                pipe.push(std::move(*buffer));
        }
        stop_sender();
    } catch (...) {
        stop_sender();
        // a row that could not be made ends the COPY as failed, so the transaction can be
        // rolled back rather than left mid-COPY
        if (PQputCopyEnd(m_conn.get(), "the rows to copy could not be made") == 1) {
            while (PGresult* r = PQgetResult(m_conn.get()))
                PQclear(r);
        }
        throw;
    }
    if (pipe.failed() || PQputCopyEnd(m_conn.get(), nullptr) != 1)
        fail(nullptr, copy_sql);
    std::optional<PgError> error;
    while (PGresult* r = PQgetResult(m_conn.get())) {
        PgResult result(r);
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !error) {
            try {
                fail(r, copy_sql);
            } catch (const PgError& e) {
                error = e;
            }
        }
    }
    if (error)
        throw *error;
}

PgCopyOut::PgCopyOut(PgConnection& db, std::string copy_sql)
    : m_db(db), m_sql(std::move(copy_sql)) {
    m_db.exec(m_sql);
}

void PgCopyOut::free_row() noexcept {
    if (m_row != nullptr)
        PQfreemem(m_row);
    m_row = nullptr;
}

bool PgCopyOut::next(std::string_view& row) {
    free_row();
    if (m_done)
        return false;
    PGconn* conn = m_db.handle();
    const int n = PQgetCopyData(conn, &m_row, 0); // one message per row, blocking
    if (n > 0) {
        row = std::string_view(m_row, static_cast<std::size_t>(n));
        return true;
    }
    m_done = true;
    std::optional<PgError> error;
    if (n == -2)
        error.emplace("08006", first_line(PQerrorMessage(conn)), m_sql);
    while (PGresult* r = PQgetResult(conn)) {
        const PgResult result(r);
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !error) {
            try {
                m_db.fail(r, m_sql);
            } catch (const PgError& e) {
                error = e;
            }
        }
    }
    if (error)
        throw *error;
    return false;
}

PgCopyOut::~PgCopyOut() {
    free_row();
    if (m_done)
        return;
    // ended early (the writer failed): cancel, then read and drop what is left
    PGconn* conn = m_db.handle();
    if (PGcancel* cancel = PQgetCancel(conn)) {
        char message[256];
        PQcancel(cancel, message, sizeof message);
        PQfreeCancel(cancel);
    }
    char* rest = nullptr;
    while (PQgetCopyData(conn, &rest, 0) > 0)
        PQfreemem(rest);
    while (PGresult* r = PQgetResult(conn))
        PQclear(r);
}

void copy_fields(std::string_view row, std::vector<std::optional<std::string>>& fields) {
    if (!row.empty() && row.back() == '\n')
        row.remove_suffix(1);
    std::size_t count = 0;
    while (true) {
        const auto tab = row.find('\t');
        const std::string_view field = row.substr(0, tab);
        if (count == fields.size())
            fields.emplace_back();
        std::optional<std::string>& out = fields[count++];
        if (field == "\\N") {
            out.reset();
        } else {
            if (!out)
                out.emplace();
            out->clear();
            for (std::size_t i = 0; i < field.size(); ++i) {
                if (field[i] != '\\' || i + 1 == field.size()) {
                    *out += field[i];
                    continue;
                }
                // COPY's text format writes these escapes (and nothing else) for a value
                switch (field[++i]) {
                case 't':
                    *out += '\t';
                    break;
                case 'n':
                    *out += '\n';
                    break;
                case 'r':
                    *out += '\r';
                    break;
                case 'b':
                    *out += '\b';
                    break;
                case 'f':
                    *out += '\f';
                    break;
                case 'v':
                    *out += '\v';
                    break;
                default:
                    *out += field[i];
                }
            }
        }
        if (tab == std::string_view::npos)
            break;
        row.remove_prefix(tab + 1);
    }
    fields.resize(count);
}

void copy_text(std::string& out, std::string_view text) {
    // most text has nothing to escape: append it in runs between the characters that do
    while (!text.empty()) {
        const auto special = text.find_first_of("\\\t\n\r");
        out.append(text.substr(0, special));
        if (special == std::string_view::npos)
            return;
        switch (text[special]) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += "\\r";
        }
        text.remove_prefix(special + 1);
    }
}

} // namespace kharita::detail
