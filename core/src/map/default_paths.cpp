// Where the offline basemap is: the only source that sees the source tree's data path.
#include "kharita/map/basemap.hpp"

namespace kharita {

std::filesystem::path default_basemap_dir() {
    return std::filesystem::path(KHARITA_DATA_DIR) / "basemap";
}

} // namespace kharita
