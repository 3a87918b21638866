#include "detail/sqlite.hpp"
#include "kharita/base/error.hpp"

#include <gtest/gtest.h>

using kharita::DatabaseError;
using namespace kharita::detail;

class SpatialiteMemory : public ::testing::Test {
protected:
    void SetUp() override {
        db.emplace(Database::open(":memory:", OpenMode::create));
        db->exec("SELECT InitSpatialMetadata(1)");
    }
    std::optional<Database> db;
};

TEST_F(SpatialiteMemory, StoresAPointWithASpatialIndex) {
    db->exec("CREATE TABLE p (id INTEGER PRIMARY KEY)");
    ASSERT_EQ(db->query_int("SELECT AddGeometryColumn('p', 'geom', 4326, 'POINT', 'XY')"), 1);
    ASSERT_EQ(db->query_int("SELECT CreateSpatialIndex('p', 'geom')"), 1);
    auto insert = db->prepare("INSERT INTO p (id, geom) VALUES (?, MakePoint(?, ?, 4326))");
    insert.bind(1, 1).bind(2, 13.1873).bind(3, 32.8874).run();
    insert.bind(1, 2).bind(2, 20.0686).bind(3, 32.1149).run();
    const auto hits = db->query_int(
        "SELECT count(*) FROM p WHERE p.rowid IN (SELECT rowid FROM SpatialIndex WHERE "
        "f_table_name = 'p' AND search_frame = BuildMbr(12, 32, 14, 34, 4326))");
    EXPECT_EQ(hits, 1);
}

TEST_F(SpatialiteMemory, TransactionRollsBackUnlessCommitted) {
    db->exec("CREATE TABLE t (x INTEGER)");
    {
        auto tx = db->begin();
        db->exec("INSERT INTO t VALUES (1)");
    }
    EXPECT_EQ(db->query_int("SELECT count(*) FROM t"), 0);
    {
        auto tx = db->begin();
        db->exec("INSERT INTO t VALUES (1)");
        tx.commit();
    }
    EXPECT_EQ(db->query_int("SELECT count(*) FROM t"), 1);
}

TEST_F(SpatialiteMemory, BadSqlThrowsWithTheSqlInTheMessage) {
    try {
        db->prepare("SELECT nonsense FROM nowhere");
        FAIL() << "no exception";
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("nowhere"), std::string::npos) << e.what();
    }
}

TEST(Database, OpeningAMissingFileReadOnlyThrowsNamingIt) {
    try {
        Database::open("/nonexistent/dir/x.sqlite", OpenMode::read_only);
        FAIL() << "no exception";
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/x.sqlite"), std::string::npos);
    }
}
