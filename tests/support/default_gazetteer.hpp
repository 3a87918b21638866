#pragma once
// The default gazetteer and a geoparser over it, loaded once per test process (about 3 s)
// and shared by every suite that needs them.

#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"

#include <memory>

namespace kharita::testing {

inline const Gazetteer& default_gazetteer() {
    static const auto g = std::make_unique<Gazetteer>(Gazetteer::open(default_gazetteer_path()));
    return *g;
}

inline const Geoparser& default_parser() {
    static const Geoparser parser(default_gazetteer());
    return parser;
}

} // namespace kharita::testing
