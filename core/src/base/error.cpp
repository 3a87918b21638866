#include "kharita/base/error.hpp"
#include "kharita/base/diagnostics.hpp"
#include "kharita/base/lat_lon.hpp"

#include <cmath>
#include <numbers>

namespace kharita {

namespace {
std::string located(const std::string& source, std::uint64_t line, std::uint32_t column,
                    const std::string& field, const std::string& message) {
    std::string out = source;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) {
            out += ":" + std::to_string(column);
        }
    }
    out += ": ";
    if (!field.empty()) {
        out += field + ": ";
    }
    return out + message;
}
} // namespace

InputError::InputError(std::string source, std::uint64_t line, std::uint32_t column,
                       std::string field, const std::string& message)
    : Error(located(source, line, column, field, message)), m_source(std::move(source)),
      m_line(line), m_column(column), m_field(std::move(field)), m_message(message) {}

DatabaseError::DatabaseError(int rc, const std::string& message, std::string sql)
    : Error(message), m_rc(rc), m_sql(std::move(sql)) {}

GdalError::GdalError(int cpl_error, const std::string& message, std::string dataset)
    : Error(message), m_code(cpl_error), m_dataset(std::move(dataset)) {}

ProjError::ProjError(int proj_errno, const std::string& message)
    : Error(message), m_errno(proj_errno) {}

std::string Diagnostic::to_string() const {
    std::string out = source;
    if (line > 0) {
        out += ":" + std::to_string(line);
    }
    return out + ": " + message;
}

void Diagnostics::add(std::string source, std::uint64_t line, std::string message) {
    ++m_count;
    if (m_examples.size() < m_max_examples) {
        m_examples.push_back({std::move(source), line, std::move(message)});
    }
}

void Diagnostics::merge(const Diagnostics& other) {
    m_count += other.m_count;
    for (const auto& d : other.m_examples) {
        if (m_examples.size() >= m_max_examples) {
            break;
        }
        m_examples.push_back(d);
    }
}

double distance_km(const LatLon& a, const LatLon& b) noexcept {
    constexpr double kEarthRadiusKm = 6371.0088;
    constexpr double kRad = std::numbers::pi / 180.0;
    const double dlat = (b.lat - a.lat) * kRad;
    const double dlon = (b.lon - a.lon) * kRad;
    const double h =
        std::sin(dlat / 2) * std::sin(dlat / 2) +
        std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

} // namespace kharita
