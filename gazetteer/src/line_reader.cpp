#include "line_reader.hpp"

#include "kharita/base/error.hpp"

#include <cerrno>
#include <cstring>

namespace kharita::detail {

LineReader::LineReader(const std::filesystem::path& file) : m_name(file.string()) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
        throw InputError(m_name, "is a directory, not a file");
    }
    m_file = gzopen(m_name.c_str(), "rb");
    if (m_file == nullptr) {
        throw InputError(m_name, std::string("cannot open: ") + std::strerror(errno));
    }
    gzbuffer(m_file, 1 << 17);
}

LineReader::~LineReader() {
    if (m_file != nullptr) {
        gzclose(m_file);
    }
}

bool LineReader::next(std::string& line) {
    line.clear();
    bool any = false;
    while (gzgets(m_file, m_buffer, sizeof m_buffer) != nullptr) {
        any = true;
        const std::size_t n = std::strlen(m_buffer);
        line.append(m_buffer, n);
        if (n > 0 && m_buffer[n - 1] == '\n') {
            break;
        }
    }
    int err = 0;
    const char* message = gzerror(m_file, &err);
    if (err != Z_OK && err != Z_STREAM_END) {
        throw InputError(m_name, m_line + 1, 0, {},
                         std::string("read error: ") + (message != nullptr ? message : "?"));
    }
    if (!any) {
        return false;
    }
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.pop_back();
    }
    ++m_line;
    return true;
}

std::string LineReader::read_all() {
    std::string out;
    std::string line;
    while (next(line)) {
        out += line;
        out += '\n';
    }
    return out;
}

} // namespace kharita::detail
