// Where the default gazetteer is: the only source that sees the build directory's path.
#include "kharita/geo/gazetteer.hpp"

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

} // namespace kharita
