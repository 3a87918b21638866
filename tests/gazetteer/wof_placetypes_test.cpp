// The importer's table of Who's On First placetypes (gazetteer/src/wof_placetypes.hpp).

#include "wof_placetypes.hpp"

#include <gtest/gtest.h>

using namespace kharita::detail;

TEST(WofPlacetypes, AdminLevelsAndLocalitiesMapToGeoNamesFeatures) {
    const auto feature = [](std::string_view type) {
        const WofPlacetype* t = wof_placetype(type);
        return t == nullptr ? std::string("skipped")
                            : std::string(1, t->feature_class) + "." + std::string(t->feature_code);
    };
    EXPECT_EQ(feature("country"), "A.PCLI");
    EXPECT_EQ(feature("region"), "A.ADM1");
    EXPECT_EQ(feature("county"), "A.ADM2");
    EXPECT_EQ(feature("localadmin"), "A.ADM3");
    EXPECT_EQ(feature("locality"), "P.PPL");
    for (std::string_view hood : {"neighbourhood", "macrohood", "microhood", "borough"})
        EXPECT_EQ(feature(hood), "P.PPLX") << hood;
    EXPECT_EQ(feature("campus"), "skipped");
    EXPECT_EQ(feature(""), "skipped");
}
