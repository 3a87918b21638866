#include "kharita/base/error.hpp"

#include <gtest/gtest.h>

namespace kharita {
namespace {

TEST(InputError, WhatLocatesTheMessageWhichStaysAvailableAlone) {
    const InputError e("reports/2011-02.txt", 14, 3, "date", "\"31/02/2011\" is not a date");
    EXPECT_STREQ(e.what(), "reports/2011-02.txt:14:3: date: \"31/02/2011\" is not a date");
    EXPECT_EQ(e.message(), "\"31/02/2011\" is not a date");
    EXPECT_EQ(e.field(), "date");
    EXPECT_EQ(e.line(), 14u);
    const InputError bare("polygon", "empty");
    EXPECT_STREQ(bare.what(), "polygon: empty");
    EXPECT_EQ(bare.message(), "empty");
}

} // namespace
} // namespace kharita
