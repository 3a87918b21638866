#pragma once
// Reads a text file line by line, transparently gunzipping .gz files (zlib reads plain
// files too). RAII over gzFile. Lines of any length; the trailing '\n' and '\r' are removed.

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace kharita::detail {

class LineReader {
public:
    /// Throws InputError naming the file when it cannot be opened.
    explicit LineReader(const std::filesystem::path& file);
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;
    ~LineReader();

    /// Reads the next line into `line`; false at end of file. Throws InputError on a
    /// read error (truncated gzip stream).
    bool next(std::string& line);
    std::uint64_t line_number() const noexcept { return m_line; }
    const std::string& name() const noexcept { return m_name; }
    /// Reads the whole (remaining) file.
    std::string read_all();

private:
    gzFile m_file = nullptr;
    std::string m_name;
    std::uint64_t m_line = 0;
    char m_buffer[1 << 16];
};

} // namespace kharita::detail
