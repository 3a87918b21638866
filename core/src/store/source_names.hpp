#pragma once
// The list of an event's source names as the store keeps it: "; "-separated, each name once.

#include <string>

namespace kharita::store {

/// `sources` with `name` added at the end, unless it is empty or already listed.
inline std::string with_source_name(const std::string& sources, const std::string& name) {
    if (name.empty() || ("; " + sources + "; ").find("; " + name + "; ") != std::string::npos)
        return sources;
    return sources.empty() ? name : sources + "; " + name;
}

} // namespace kharita::store
