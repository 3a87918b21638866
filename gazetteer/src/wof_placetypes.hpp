#pragma once
// Who's On First placetypes as GeoNames features: the one table the importer reads them by.

#include <array>
#include <string_view>

namespace kharita::detail {

struct WofPlacetype {
    std::string_view placetype; ///< WOF's placetype column ("locality")
    char feature_class;         ///< the GeoNames class it imports as ('P')
    std::string_view feature_code;
};

/// The placetypes the importer keeps; any other row (a campus, a postal code) is skipped.
inline constexpr std::array<WofPlacetype, 9> kWofPlacetypes = {{
    {"country", 'A', "PCLI"},
    {"region", 'A', "ADM1"},
    {"county", 'A', "ADM2"},
    {"localadmin", 'A', "ADM3"},
    {"locality", 'P', "PPL"},
    {"neighbourhood", 'P', "PPLX"},
    {"macrohood", 'P', "PPLX"},
    {"microhood", 'P', "PPLX"},
    {"borough", 'P', "PPLX"},
}};

/// The GeoNames feature of a WOF placetype, or nullptr when the importer skips it.
constexpr const WofPlacetype* wof_placetype(std::string_view placetype) {
    for (const WofPlacetype& t : kWofPlacetypes) {
        if (t.placetype == placetype)
            return &t;
    }
    return nullptr;
}

} // namespace kharita::detail
