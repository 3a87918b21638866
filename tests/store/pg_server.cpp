#include "pg_server.hpp"

#include "detail/pg.hpp"

#include <fmt/core.h>

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>

namespace kharita::testing_support {

namespace {

std::string& reason() {
    static std::string r;
    return r;
}

/// The newest PostgreSQL server binaries installed (Debian: /usr/lib/postgresql/N/bin), or
/// $KHARITA_PG_BIN.
std::string server_bin() {
    if (const char* env = std::getenv("KHARITA_PG_BIN"))
        return env;
    std::string best;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        if (fs::exists(e.path() / "bin" / "initdb") && e.path().string() > best)
            best = e.path().string();
    }
    return best.empty() ? "" : best + "/bin";
}

bool postgis_installed(const std::string& bin) {
    // /usr/lib/postgresql/15/bin -> /usr/share/postgresql/15/extension/postgis.control
    const std::string version = fs::path(bin).parent_path().filename().string();
    return fs::exists("/usr/share/postgresql/" + version + "/extension/postgis.control");
}

} // namespace

const std::string& PgServer::why() {
    return reason();
}

bool PgServer::run(const std::string& command) const {
    const std::string full =
        (m_as_postgres ? "runuser -u postgres -- " : "") + command + " >>" + m_dir + "/log 2>&1";
    return std::system(full.c_str()) == 0;
}

PgServer* PgServer::get() {
    static std::unique_ptr<PgServer> server = []() -> std::unique_ptr<PgServer> {
        const std::string bin = server_bin();
        if (bin.empty()) {
            reason() = "PostgreSQL server binaries not found (apt-get install postgresql-15 "
                       "postgresql-15-postgis-3, or set KHARITA_PG_BIN)";
            return nullptr;
        }
        if (!postgis_installed(bin)) {
            reason() = "PostGIS not installed for " + bin +
                       " (apt-get install "
                       "postgresql-15-postgis-3)";
            return nullptr;
        }
        std::unique_ptr<PgServer> s(new PgServer);
        s->m_bin = bin;
        std::string tmpl = (fs::temp_directory_path() / "kharita-pg-XXXXXX").string();
        if (mkdtemp(tmpl.data()) == nullptr) {
            reason() = "cannot create a temporary directory";
            return nullptr;
        }
        s->m_dir = tmpl;
        if (geteuid() == 0) { // initdb and postgres refuse root: run them as postgres
            const passwd* pw = getpwnam("postgres");
            if (pw == nullptr || chown(tmpl.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
                reason() = "running as root without a postgres user to run the server";
                fs::remove_all(tmpl);
                return nullptr;
            }
            s->m_as_postgres = true;
        }
        const std::string data = s->m_dir + "/data";
        if (!s->run(bin + "/initdb -D " + data + " -U kharita -A trust --no-sync")) {
            reason() = "initdb failed (see " + s->m_dir + "/log)";
            return nullptr;
        }
        // one role with a password, for the wrong-password test; everyone else trusted
        std::ofstream(data + "/pg_hba.conf") << "local all pw scram-sha-256\nlocal all all trust\n";
        s->start();
        try {
            // CREATE DATABASE runs alone, outside a transaction
            for (const char* statement :
                 {"CREATE DATABASE kharita_test", "CREATE ROLE pw LOGIN PASSWORD 'right'",
                  "CREATE ROLE plain LOGIN", "CREATE DATABASE nopostgis OWNER plain",
                  "GRANT ALL ON DATABASE kharita_test TO pw"})
                s->sql(statement, "postgres");
            s->sql("CREATE EXTENSION postgis; GRANT ALL ON SCHEMA public TO pw");
        } catch (const std::exception& e) {
            reason() = std::string("the test server did not start: ") + e.what();
            return nullptr;
        }
        return s;
    }();
    return server.get();
}

void PgServer::start() const {
    run(m_bin + "/pg_ctl -D " + m_dir + "/data -w -l " + m_dir +
        "/server.log -o \"-c listen_addresses='' -c unix_socket_directories=" + m_dir +
        " -c fsync=off -c synchronous_commit=off -c max_connections=60\" start");
}

void PgServer::stop() const {
    run(m_bin + "/pg_ctl -D " + m_dir + "/data -w -m fast stop");
}

PgServer::~PgServer() {
    stop();
    std::error_code ec;
    fs::remove_all(m_dir, ec);
}

std::string PgServer::location(const std::string& schema, const std::string& database,
                               const std::string& user, const std::string& password) const {
    return "postgresql:///" + database + "?host=" + m_dir + "&user=" + user +
           (password.empty() ? "" : "&password=" + password) +
           (schema.empty() ? "" : "&schema=" + schema);
}

void PgServer::sql(const std::string& statements, const std::string& database) const {
    auto c =
        detail::PgConnection::connect("dbname=" + database + " host=" + m_dir + " user=kharita");
    c.exec(statements);
}

void StoreSuite::SetUp() {
    if (GetParam() == Backend::postgis && PgServer::get() == nullptr)
        GTEST_SKIP() << "no PostGIS test server: " << PgServer::why();
}

std::string StoreSuite::db(const std::string& name) const {
    if (GetParam() == Backend::spatialite)
        return (dir / (name + ".sqlite")).string();
    // a schema per test and name: the tests share one database
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string schema = std::string(info->name()) + "_" + name;
    std::transform(schema.begin(), schema.end(), schema.begin(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0
                   ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                   : '_';
    });
    return PgServer::get()->location(schema.substr(0, 60));
}

} // namespace kharita::testing_support
