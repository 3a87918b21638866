// Where the default gazetteer and the land polygons are: the only source of the geo layer
// that sees the build directory's and the source tree's paths.
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/land_mask.hpp"

#include <cstdlib>

namespace kharita {

std::filesystem::path default_gazetteer_path() {
    if (const char* env = std::getenv("KHARITA_GAZETTEER"); env != nullptr && *env != '\0') {
        return env;
    }
#ifdef KHARITA_DEFAULT_GAZETTEER
    return KHARITA_DEFAULT_GAZETTEER;
#else
    return "gazetteer.sqlite";
#endif
}

std::filesystem::path default_land_path() {
    if (const char* env = std::getenv("KHARITA_LAND"); env != nullptr && *env != '\0') {
        return env;
    }
    return std::filesystem::path(KHARITA_DATA_DIR) / "basemap" / "ne_50m_land_world.geojson.gz";
}

} // namespace kharita
