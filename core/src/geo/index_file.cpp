#include "geo/index_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kharita::detail {

MappedFile::MappedFile(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        void* p =
            ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            m_data = static_cast<const char*>(p);
            m_size = static_cast<std::size_t>(st.st_size);
        }
    }
    ::close(fd); // the mapping stays valid without the descriptor
}

void MappedFile::release_until(const char* p) const noexcept {
    if (m_data == nullptr || p < m_data || p > m_data + m_size) {
        return;
    }
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t until = static_cast<std::size_t>(p - m_data) / page * page;
    if (until > m_released) {
        ::madvise(const_cast<char*>(m_data) + m_released, until - m_released, MADV_DONTNEED);
        m_released = until;
    }
}

MappedFile::~MappedFile() {
    if (m_data != nullptr) {
        ::munmap(const_cast<char*>(m_data), m_size);
    }
}

} // namespace kharita::detail
