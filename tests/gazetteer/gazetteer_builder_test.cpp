#include "kharita/base/error.hpp"
#include "kharita/gazetteer_builder.hpp"
#include "kharita/geo/gazetteer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

using namespace kharita;
namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(KHARITA_TEST_DATA_DIR) / "geonames";

class BuilderTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("kharita-builder-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir / "empty-data");
    }
    void TearDown() override { fs::remove_all(dir); }

    GazetteerBuildOptions options(const std::string& fixture) const {
        GazetteerBuildOptions o;
        o.data_dir = dir / "empty-data"; // no WOF, reference or supplement files
        o.geonames_dir = kFixtures / fixture;
        o.out = dir / "gazetteer.sqlite";
        return o;
    }
    static std::string read(const fs::path& p) {
        std::ifstream in(p);
        return {std::istreambuf_iterator<char>(in), {}};
    }

    fs::path dir;
};

/// Every malformed-row fixture has one bad row on line 2 between two good ones.
void expect_one_problem_on_line_2(const GazetteerBuildReport& r, const std::string& what) {
    EXPECT_EQ(r.problems.count(), 2u); // the bad row, plus the missing word list notice
    ASSERT_FALSE(r.problems.examples().empty());
    const std::string first = r.problems.examples().front().to_string();
    EXPECT_NE(first.find("LY.txt:2"), std::string::npos) << first;
    EXPECT_NE(first.find(what), std::string::npos) << first;
    EXPECT_EQ(r.places, 2u);
}

} // namespace

TEST_F(BuilderTest, BuildsFromGeonamesCountryDump) {
    const auto r = build_gazetteer(options("good"));
    EXPECT_EQ(r.places, 3u);
    const Gazetteer g = Gazetteer::open(dir / "gazetteer.sqlite");
    const auto c = g.lookup("Tarabulus");
    ASSERT_FALSE(c.empty());
    EXPECT_EQ(g.place(c.front().place).geonameid, 2210247);
    EXPECT_EQ(g.admin1_name("LY", "77"), "Tripoli");
}

TEST_F(BuilderTest, BadLatitudeIsCountedAndSkipped) {
    expect_one_problem_on_line_2(build_gazetteer(options("bad-latitude")), "latitude");
}

TEST_F(BuilderTest, WrongColumnCountIsCountedAndSkipped) {
    expect_one_problem_on_line_2(build_gazetteer(options("wrong-column-count")), "columns");
}

TEST_F(BuilderTest, NonNumericPopulationIsCountedAndSkipped) {
    expect_one_problem_on_line_2(build_gazetteer(options("non-numeric-population")), "population");
}

TEST_F(BuilderTest, BrokenUtf8IsCountedAndSkipped) {
    expect_one_problem_on_line_2(build_gazetteer(options("broken-utf8")), "UTF-8");
}

TEST_F(BuilderTest, MissingDirectoryStopsAndLeavesTheOldDatabase) {
    std::ofstream(dir / "gazetteer.sqlite") << "previous build";
    try {
        build_gazetteer(options("does-not-exist"));
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("does-not-exist"), std::string::npos) << e.what();
    }
    EXPECT_EQ(read(dir / "gazetteer.sqlite"), "previous build");
    for (const auto& entry : fs::directory_iterator(dir)) { // no temporary file left behind
        EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
    }
}

TEST_F(BuilderTest, DirectoryWithoutDumpsStopsWithAClearMessage) {
    std::ofstream(dir / "gazetteer.sqlite") << "previous build";
    try {
        build_gazetteer(options("no-dumps"));
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("no GeoNames dumps found"), std::string::npos);
    }
    EXPECT_EQ(read(dir / "gazetteer.sqlite"), "previous build");
}

TEST_F(BuilderTest, ZippedDumpsGetAnUnzipHint) {
    try {
        build_gazetteer(options("zipped"));
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("unzip"), std::string::npos) << e.what();
    }
}

TEST_F(BuilderTest, UnreadableFileStopsWithItsName) {
    fs::create_directories(dir / "dumps");
    fs::create_directories(dir / "dumps" / "LY.txt"); // a directory where a file should be
    GazetteerBuildOptions o = options("good");
    o.geonames_dir = dir / "dumps";
    try {
        build_gazetteer(o);
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("no GeoNames dumps"), std::string::npos) << e.what();
    }
}

TEST_F(BuilderTest, RebuildReplacesTheDatabase) {
    build_gazetteer(options("good"));
    const auto r = build_gazetteer(options("bad-latitude"));
    EXPECT_EQ(r.places, 2u);
    EXPECT_EQ(Gazetteer::open(dir / "gazetteer.sqlite").size(), 2u);
}

TEST_F(BuilderTest, NoOutputFileNamesTheFieldNotAFlag) {
    GazetteerBuildOptions o = options("no-dumps");
    o.out.clear();
    try {
        build_gazetteer(o);
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "output file");
        EXPECT_EQ(std::string(e.what()).find("--"), std::string::npos) << e.what();
    }
}

namespace {

/// The first candidate's GeoNames id and score for a name, or 0 and 0.
std::pair<std::int64_t, double> best(const Gazetteer& g, std::string_view name) {
    const auto c = g.lookup(name);
    return c.empty() ? std::pair<std::int64_t, double>{0, 0.0}
                     : std::pair{g.place(c.front().place).geonameid, c.front().score};
}

} // namespace

TEST_F(BuilderTest, BuildWritesTheIndexFileThatOpenReadsBack) {
    build_gazetteer(options("good"));
    const fs::path index = dir / "gazetteer.sqlite.index";
    ASSERT_TRUE(fs::exists(index));
    const auto written = fs::last_write_time(index);
    const Gazetteer g = Gazetteer::open(dir / "gazetteer.sqlite");
    EXPECT_EQ(fs::last_write_time(index), written); // read, not written again
    EXPECT_EQ(best(g, "Tarabulus").first, 2210247);
    EXPECT_EQ(best(g, "Tarabulus"), best(g, "Tarabulus"));
    EXPECT_EQ(g.admin1_name("LY", "77"), "Tripoli");
    EXPECT_EQ(g.info().places, 3u);
}

TEST_F(BuilderTest, IndexFromTheIndexFileAnswersAsTheBuiltOne) {
    build_gazetteer(options("good"));
    const fs::path index = dir / "gazetteer.sqlite.index";
    const Gazetteer from_file = Gazetteer::open(dir / "gazetteer.sqlite");
    fs::remove(index);
    const Gazetteer built = Gazetteer::open(dir / "gazetteer.sqlite");
    for (const char* name : {"Tarabulus", "Tripoli", "Trablus", "Tripli", "Libya"}) {
        EXPECT_EQ(best(from_file, name), best(built, name)) << name;
    }
    EXPECT_EQ(from_file.info().indexed_names, built.info().indexed_names);
}

TEST_F(BuilderTest, StaleIndexFileIsRebuilt) {
    build_gazetteer(options("good"));
    const fs::path index = dir / "gazetteer.sqlite.index";
    fs::copy_file(index, dir / "old.index");
    // another gazetteer in the same place: two places instead of three
    build_gazetteer(options("bad-latitude"));
    fs::copy_file(dir / "old.index", index, fs::copy_options::overwrite_existing);
    const Gazetteer g = Gazetteer::open(dir / "gazetteer.sqlite");
    EXPECT_EQ(g.info().places, 2u);                  // the new file's, not the stale index's three
    EXPECT_NE(read(index), read(dir / "old.index")); // written again for the new file
}

TEST_F(BuilderTest, ForeignOrDamagedIndexFileIsNotUsed) {
    build_gazetteer(options("good"));
    const fs::path index = dir / "gazetteer.sqlite.index";
    const std::string good = read(index);
    for (const std::string& bad :
         {std::string("not an index at all"), good.substr(0, good.size() / 2),
          good.substr(0, 24) + std::string(good.size() - 24, '\xff')}) {
        std::ofstream(index, std::ios::binary | std::ios::trunc) << bad;
        const Gazetteer g = Gazetteer::open(dir / "gazetteer.sqlite");
        EXPECT_EQ(best(g, "Tarabulus").first, 2210247);
        EXPECT_EQ(read(index), good); // rebuilt from the gazetteer file
    }
}

TEST_F(BuilderTest, OpenStreetMapPlacesAreAddedOrNameTheSamePlaceAndCanBeLeftOut) {
    fs::create_directories(dir / "empty-data" / "osm");
    std::ofstream(dir / "empty-data" / "osm" / "places.tsv")
        << "# OSM rows for this test\n"
        << "\tTazirbu\tTazerbo\tP\tPPL\tLY\t\t25.67161\t21.06211\t0\tOpenStreetMap (ODbL)\n"
        // the fixture's Tripoli, 3 km off: the same place, which takes the name
        << "\tTripoli\tTrablos Gharb\tP\tPPL\tLY\t\t32.90\t13.21\t0\tOpenStreetMap (ODbL)\n";
    const auto with = build_gazetteer(options("good"));
    EXPECT_EQ(with.places, 4u);
    {
        const Gazetteer g = Gazetteer::open(dir / "gazetteer.sqlite");
        ASSERT_FALSE(g.lookup("Tazerbo").empty());
        const auto c = g.lookup("Trablos Gharb");
        ASSERT_FALSE(c.empty());
        EXPECT_EQ(g.place(c.front().place).geonameid, 2210247);
    }
    GazetteerBuildOptions o = options("good");
    o.openstreetmap = false;
    const auto without = build_gazetteer(o);
    EXPECT_EQ(without.places, 3u);
    const Gazetteer g = Gazetteer::open(dir / "gazetteer.sqlite");
    EXPECT_TRUE(g.lookup("Tazerbo").empty());
}
