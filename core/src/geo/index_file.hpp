#pragma once
// The gazetteer's index file: the hash indexes Gazetteer::open() would otherwise build from
// the SQLite file on every start, written once next to it ("gazetteer.sqlite.index") and
// read back through a memory mapping. A header names the format, its version and a checksum
// of the source file's identity (its build time, sources and size); a file that fails any
// check is not used, and open() rebuilds it. Private to core.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kharita::detail {

inline constexpr char kIndexMagic[8] = {'K', 'H', 'A', 'R', 'I', 'D', 'X', '\n'};
inline constexpr std::uint64_t kIndexVersion = 2; // 2: short-form and postal-code name kinds

/// A read-only memory mapping of a whole file; empty when the file cannot be mapped.
class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& file);
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::string_view bytes() const noexcept { return {m_data, m_size}; }
    /// Drops the mapped pages before `p` from the process (they stay in the page cache):
    /// what has been copied out no longer counts twice in resident memory.
    void release_until(const char* p) const noexcept;

private:
    const char* m_data = nullptr;
    std::size_t m_size = 0;
    mutable std::size_t m_released = 0;
};

/// Writes 64-bit words and arrays of plain values, each array padded to 8 bytes.
class IndexWriter {
public:
    explicit IndexWriter(std::ofstream& out) : m_out(out) {}
    void word(std::uint64_t v) { m_out.write(reinterpret_cast<const char*>(&v), sizeof v); }
    template <typename T> void array(const T* data, std::size_t n) {
        static_assert(std::is_trivially_copyable_v<T>);
        word(n);
        const std::size_t bytes = n * sizeof(T);
        m_out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(bytes));
        static constexpr char kZeros[8] = {};
        m_out.write(kZeros, static_cast<std::streamsize>((8 - bytes % 8) % 8));
    }
    template <typename T> void array(const std::vector<T>& v) { array(v.data(), v.size()); }
    void text(std::string_view s) { array(s.data(), s.size()); }

private:
    std::ofstream& m_out;
};

/// Reads what IndexWriter wrote, never past the end: after any overrun ok() is false and
/// every read gives zeros or nothing.
class IndexReader {
public:
    explicit IndexReader(std::string_view bytes, const MappedFile* mapping = nullptr)
        : m_p(bytes.data()), m_left(bytes.size()), m_mapping(mapping) {}
    bool ok() const noexcept { return m_ok; }
    bool at_end() const noexcept { return m_left == 0; }
    std::uint64_t word() {
        std::uint64_t v = 0;
        if (!take(sizeof v)) {
            return 0;
        }
        std::memcpy(&v, m_p - sizeof v, sizeof v);
        return v;
    }
    template <typename T> void array(std::vector<T>& out) {
        static_assert(std::is_trivially_copyable_v<T>);
        const std::uint64_t n = word();
        if (!m_ok || n > m_left / sizeof(T)) {
            m_ok = false;
            return;
        }
        const std::size_t bytes = static_cast<std::size_t>(n) * sizeof(T);
        out.resize(static_cast<std::size_t>(n));
        if (bytes > 0) {
            std::memcpy(out.data(), m_p, bytes);
        }
        take(bytes + (8 - bytes % 8) % 8);
        if (m_mapping != nullptr && m_ok) {
            m_mapping->release_until(m_p);
        }
    }
    void text(std::string& out) {
        std::vector<char> chars;
        array(chars);
        out.assign(chars.begin(), chars.end());
    }

private:
    bool take(std::size_t n) {
        if (!m_ok || n > m_left) {
            m_ok = false;
            return false;
        }
        m_p += n;
        m_left -= n;
        return true;
    }
    const char* m_p;
    std::size_t m_left;
    const MappedFile* m_mapping;
    bool m_ok = true;
};

} // namespace kharita::detail
