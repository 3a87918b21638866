#pragma once
// Record-level problems found during bulk work (a GeoNames row with a bad latitude, a
// line of broken UTF-8). Bulk operations do not throw for these: they count them and keep
// the first few as examples, returned with the result.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kharita {

struct Diagnostic {
    std::string source; ///< file or input name
    std::uint64_t line = 0;
    std::string message;

    std::string to_string() const;
};

/// Counts problems and keeps the first `max_examples` of them. Copyable value type.
class Diagnostics {
public:
    explicit Diagnostics(std::size_t max_examples = 10) : m_max_examples(max_examples) {}

    void add(std::string source, std::uint64_t line, std::string message);
    void merge(const Diagnostics& other);

    std::size_t count() const noexcept { return m_count; }
    bool empty() const noexcept { return m_count == 0; }
    const std::vector<Diagnostic>& examples() const noexcept { return m_examples; }

private:
    std::size_t m_max_examples;
    std::size_t m_count = 0;
    std::vector<Diagnostic> m_examples;
};

} // namespace kharita
