#pragma once
// A throwaway PostgreSQL + PostGIS server for the store tests: initdb into a temporary
// directory (as the postgres user when the tests run as root: initdb refuses root), started
// on a Unix socket in that directory (no TCP, no system service), stopped and removed when
// the test binary ends. One server per test binary; each test uses its own schema.

#include "store_test_support.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace kharita::testing_support {

class PgServer {
public:
    /// The server, started on first use; nullptr when it cannot run here (why()).
    static PgServer* get();
    static const std::string& why();

    /// A store location on this server: `schema` in database `database`, as `user`.
    std::string location(const std::string& schema, const std::string& database = "kharita_test",
                         const std::string& user = "kharita",
                         const std::string& password = "") const;
    /// Runs SQL as the superuser on `database`; throws DatabaseError.
    void sql(const std::string& statements, const std::string& database = "kharita_test") const;
    /// Stops the server (a test of a server gone mid-ingest); start() brings it back.
    void stop() const;
    void start() const;
    const std::string& directory() const { return m_dir; }

    PgServer(const PgServer&) = delete;
    PgServer& operator=(const PgServer&) = delete;
    ~PgServer();

private:
    PgServer() = default;
    bool run(const std::string& command) const;
    std::string m_dir, m_bin;
    bool m_as_postgres = false;
};

enum class Backend { spatialite, postgis };

inline std::string backend_name(Backend b) {
    return b == Backend::spatialite ? "spatialite" : "postgis";
}

/// A test run on each backend: db(name) is a fresh store location on it.
class StoreSuite : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override;
    std::string db(const std::string& name) const;
    TempDir dir;
};

} // namespace kharita::testing_support
