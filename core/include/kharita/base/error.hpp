#pragma once
// Exceptions thrown by Kharita's libraries. The command-line tools and the viewer catch
// them at the edge and turn them into a message and an exit code.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace kharita {

/// Root of every exception Kharita throws on purpose.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Bad input: a file that cannot be read or a record that cannot be parsed.
/// what() reads "source:line:column: message" (line and column omitted when 0).
class InputError : public Error {
public:
    InputError(std::string source, std::uint64_t line, std::uint32_t column, std::string field,
               const std::string& message);
    InputError(std::string source, const std::string& message)
        : InputError(std::move(source), 0, 0, {}, message) {}

    const std::string& source() const noexcept { return m_source; }
    std::uint64_t line() const noexcept { return m_line; }
    std::uint32_t column() const noexcept { return m_column; }
    const std::string& field() const noexcept { return m_field; }
    /// What is wrong, without the source, line and field what() puts before it.
    const std::string& message() const noexcept { return m_message; }

private:
    std::string m_source;
    std::uint64_t m_line;
    std::uint32_t m_column;
    std::string m_field;
    std::string m_message;
};

/// A SQLite or SpatiaLite call failed; carries the result code and the SQL, if any.
/// what() is the message alone: a statement (a whole schema script) is no error message.
class DatabaseError : public Error {
public:
    DatabaseError(int rc, const std::string& message, std::string sql = {});
    int code() const noexcept { return m_rc; }
    const std::string& sql() const noexcept { return m_sql; }

private:
    int m_rc;
    std::string m_sql;
};

/// A GDAL/OGR call failed.
class GdalError : public Error {
public:
    GdalError(int cpl_error, const std::string& message, std::string dataset = {});
    int code() const noexcept { return m_code; }
    const std::string& dataset() const noexcept { return m_dataset; }

private:
    int m_code;
    std::string m_dataset;
};

/// A PROJ call failed.
class ProjError : public Error {
public:
    ProjError(int proj_errno, const std::string& message);
    int code() const noexcept { return m_errno; }

private:
    int m_errno;
};

} // namespace kharita
