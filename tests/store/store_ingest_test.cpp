// The event store fed by the whole parse of the sample reports: deduplication, merging of
// one event told twice, regions by name and code, and a store that survives kill -9 at
// random moments with whole articles only.

#include "support/default_gazetteer.hpp"

#include "detail/sqlite.hpp"
#include "kharita/base/error.hpp"
#include "kharita/events/pipeline.hpp"
#include "kharita/geo/regions.hpp"
#include "kharita/store/ingest.hpp"
#include "kharita/store/store.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

namespace kharita {
namespace {

namespace fs = std::filesystem;

const fs::path kSamples = fs::path(KHARITA_TEST_DATA_DIR) / ".." / ".." / "data" / "samples";

struct TempDir {
    fs::path path = fs::temp_directory_path() /
                    ("kharita-ingest-test-" + std::to_string(std::random_device{}()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::vector<ParsedArticle> parsed_samples(int copies = 1) {
    const auto retrieved = LocalTime::parse("2025-06-14T12:00");
    std::vector<Article> articles;
    for (const auto& e : fs::directory_iterator(kSamples)) {
        if (e.path().filename() == "README.md")
            continue;
        Diagnostics problems;
        for (Article& a : read_articles(e.path(), retrieved, problems))
            articles.push_back(std::move(a));
    }
    std::sort(articles.begin(), articles.end(),
              [](const Article& a, const Article& b) { return a.text < b.text; });
    std::vector<Article> all;
    for (int k = 0; k < copies; ++k) {
        for (Article a : articles) {
            if (k > 0)
                a.text += "\n(copy " + std::to_string(k) + ")";
            all.push_back(std::move(a));
        }
    }
    return parse_articles(kharita::testing::default_parser(), std::move(all), retrieved);
}

TEST(StoreIngest, SamplesAreStoredOnceAndRepeatedEventsMerge) {
    TempDir dir;
    const auto parsed = parsed_samples();
    auto store = open_event_store(dir.path / "e.sqlite", StoreMode::create);
    const IngestReport first = store->ingest(article_records(parsed), {"samples", std::nullopt});
    EXPECT_EQ(first.articles_added, static_cast<std::int64_t>(parsed.size()));
    EXPECT_GT(first.events_added, 10);
    EXPECT_GT(first.mentions_added, 50);
    const IngestReport again = store->ingest(article_records(parsed), {"samples", std::nullopt});
    EXPECT_EQ(again.articles_added, 0);
    EXPECT_EQ(again.articles_skipped, static_cast<std::int64_t>(parsed.size()));
    EXPECT_EQ(store->count({}), first.events_added);

    // every event of every article is stored or merged into a stored one
    std::int64_t mentioned = 0;
    for (const auto& p : parsed)
        mentioned += static_cast<std::int64_t>(p.events.size());
    EXPECT_EQ(first.events_added + first.events_merged, mentioned);

    // an article telling an already-stored event again adds a source, not a twin
    ParsedArticle retold = parsed.front();
    retold.article.text += "\nRetold by another outlet.";
    retold.article.source = "Another Outlet";
    ASSERT_FALSE(retold.events.empty());
    const IngestReport third = store->ingest(article_records({retold}), {"retold", std::nullopt});
    EXPECT_EQ(third.events_added, 0);
    EXPECT_EQ(third.events_merged, static_cast<std::int64_t>(retold.events.size()));
    bool two_sources = false;
    store->query({}, [&](const EventRecord& r) {
        two_sources = two_sources || (r.source_count >= 2 &&
                                      r.sources.find("Another Outlet") != std::string::npos);
    });
    EXPECT_TRUE(two_sources);
}

/// A report file dated by its modification time, as a download leaves it.
fs::path report_file(const fs::path& dir, const std::string& name, const std::string& text,
                     const CivilDay& modified) {
    const fs::path file = dir / name;
    std::ofstream(file) << text;
    const auto since_epoch = std::chrono::days(modified.serial()) + std::chrono::hours(12);
    fs::last_write_time(file,
                        std::chrono::file_clock::from_sys(std::chrono::sys_seconds(since_epoch)));
    return file;
}

TEST(IngestFiles, RelativeDatesCountFromTheRetrievalTimeElseTheFilesDay) {
    TempDir dir;
    const fs::path file = report_file(
        dir.path, "report.txt",
        "Clashes erupted in Tripoli yesterday between rival armed groups.\n", {2025, 6, 14});
    auto store = open_event_store(dir.path / "e.sqlite", StoreMode::create);
    std::vector<FileIngest> seen;
    IngestFilesOptions options;
    options.progress = [&](const FileIngest& f, const FilesIngestReport&) { seen.push_back(f); };
    const FilesIngestReport report =
        ingest_files({file}, kharita::testing::default_parser(), *store, options);
    EXPECT_EQ(report.files, 1u);
    EXPECT_EQ(report.files_failed, 0u);
    EXPECT_GT(report.stored.events_added, 0);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_TRUE(seen[0].retrieved_at_from_file);
    EXPECT_EQ(seen[0].retrieved_at->day, (CivilDay{2025, 6, 14}));
    EventFilter yesterday;
    yesterday.from = yesterday.to = CivilDay{2025, 6, 13};
    EXPECT_EQ(store->count(yesterday), report.stored.events_added);

    // a retrieval time given overrides the file's day
    auto other = open_event_store(dir.path / "f.sqlite", StoreMode::create);
    options.retrieved_at = LocalTime::parse("2025-01-10");
    seen.clear();
    ingest_files({file}, kharita::testing::default_parser(), *other, options);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_FALSE(seen[0].retrieved_at_from_file);
    yesterday.from = yesterday.to = CivilDay{2025, 1, 9};
    EXPECT_GT(other->count(yesterday), 0);
}

TEST(IngestFiles, ATeamAliasIsUsedByEveryLaterParseForThatStore) {
    TempDir dir;
    const std::string text = "Gunmen attacked a fuel depot at Alshab port yesterday, the coast "
                             "guard said. Two guards were wounded in the attack.\n";
    const fs::path file = report_file(dir.path, "port.txt", text, {2025, 6, 14});
    IngestFilesOptions options;
    options.retrieved_at = LocalTime::parse("2025-06-14");
    const auto places = [](const EventStore& store) {
        std::vector<std::string> out;
        store.query({}, [&](const EventRecord& r) { out.push_back(r.location); });
        return out;
    };
    auto plain = open_event_store(dir.path / "plain.sqlite", StoreMode::create);
    ingest_files({file}, kharita::testing::default_parser(), *plain, options);
    for (const std::string& p : places(*plain))
        EXPECT_NE(p, "Tripoli") << "no alias, no Tripoli";

    auto team = open_event_store(dir.path / "team.sqlite", StoreMode::create);
    PlaceAlias port;
    port.alias = "Alshab port";
    port.target = "Tripoli";
    port.name = "Tripoli";
    port.geonameid = 2210247;
    port.position = {32.88743, 13.18733};
    port.country = "LY";
    port.who = "amal";
    team->add_alias(port);
    const FilesIngestReport report =
        ingest_files({file}, kharita::testing::default_parser(), *team, options);
    ASSERT_GT(report.stored.events_added, 0);
    const auto found = places(*team);
    EXPECT_NE(std::find(found.begin(), found.end(), "Tripoli"), found.end());
    // the mention keeps the place the alias named, with who said so in the audit trail
    const auto log = team->review_log(std::nullopt);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].action, "alias");
    EXPECT_EQ(log[0].who, "amal");
}

TEST(IngestFiles, UnreadableFilesAndLinesAreReportedAndTheRestStored) {
    TempDir dir;
    const fs::path good = report_file(
        dir.path, "good.txt", "Protesters gathered in Martyrs' Square in Tripoli on 16 May 2025.\n",
        {2025, 6, 14});
    const fs::path feed = report_file(
        dir.path, "feed.jsonl",
        "{\"text\": \"Clashes erupted in Misrata on 12 May 2025.\"}\n{\"text\": broken\n",
        {2025, 6, 14});
    const fs::path empty = report_file(dir.path, "empty.txt", "", {2025, 6, 14});
    auto store = open_event_store(dir.path / "e.sqlite", StoreMode::create);
    const FilesIngestReport report = ingest_files({good, dir.path / "missing.txt", feed, empty},
                                                  kharita::testing::default_parser(), *store);
    EXPECT_EQ(report.files, 4u);
    EXPECT_EQ(report.files_failed, 2u); // the missing file and the broken line
    EXPECT_EQ(report.files_empty, 1u);
    EXPECT_EQ(report.stored.articles_added, 2);
    ASSERT_EQ(report.problems.count(), 2u);
    EXPECT_NE(report.problems.examples()[0].source.find("missing.txt"), std::string::npos);
    EXPECT_NE(report.problems.examples()[1].source.find("feed.jsonl"), std::string::npos);
    EXPECT_EQ(report.problems.examples()[1].line, 2u);
}

TEST(Regions, NamesAndCodesResolveToTheSameUnit) {
    const Gazetteer& g = kharita::testing::default_gazetteer();
    for (const char* text : {"Libya", "LY", "ly"}) {
        const RegionCode r = resolve_region(g, text);
        EXPECT_EQ(r.country, "LY") << text;
        EXPECT_TRUE(r.admin1_code.empty()) << text;
    }
    for (const char* text : {"Tripoli district", "LY-TB", "LY.77", "Tripoli"}) {
        const RegionCode r = resolve_region(g, text);
        EXPECT_EQ(r.country, "LY") << text;
        EXPECT_EQ(r.admin1_code, "77") << text;
    }
    try {
        resolve_region(g, "Qwertyland");
        FAIL() << "an unknown region resolved";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("did you mean"), std::string::npos) << e.what();
    }
    EXPECT_THROW(resolve_region(g, "  "), InputError);
}

TEST(Regions, UnknownNamesFailWithSuggestionsInsteadOfANearNameElsewhere) {
    const Gazetteer& g = kharita::testing::default_gazetteer();
    // both used to resolve, by a fuzzy admin-1 match somewhere else in the world
    for (const char* text : {"Atlantis", "Narnia", "Tripolis", "Misrata district x"}) {
        try {
            const RegionCode r = resolve_region(g, text);
            ADD_FAILURE() << text << " resolved to " << r.label;
        } catch (const InputError& e) {
            const std::string what = e.what();
            EXPECT_EQ(e.source(), "region") << what;
            EXPECT_NE(what.find(std::string("\"") + text + "\""), std::string::npos) << what;
        }
    }
    try {
        resolve_region(g, "Tripolis");
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("did you mean"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("Tripoli"), std::string::npos) << e.what();
    }
}

TEST(Regions, ExactNamesAlternateNamesAndCodesResolve) {
    const Gazetteer& g = kharita::testing::default_gazetteer();
    const std::pair<const char*, const char*> cases[] = {
        {"Misratah", "72"},          // the ASCII name
        {"MIŞRĀTAH", "72"},          // the name, case and diacritics folded
        {"mişrātah district", "72"}, // with its unit word
        {"Jabal al Akhdar", "63"},   // an alternate name
        {"LY-MI", "72"},             // ISO 3166-2
        {"ly.63", "63"},             // GeoNames
    };
    for (const auto& [text, code] : cases) {
        const RegionCode r = resolve_region(g, text);
        EXPECT_EQ(r.country, "LY") << text;
        EXPECT_EQ(r.admin1_code, code) << text;
    }
    for (const char* text : {"Tunisia", "tunisie", "TUNISIA", "TN"}) {
        const RegionCode r = resolve_region(g, text);
        EXPECT_EQ(r.country, "TN") << text;
        EXPECT_TRUE(r.admin1_code.empty()) << text;
    }
}

/// What an ingest stored per article (by content hash): its mentions and event sources.
std::map<std::string, std::pair<std::int64_t, std::int64_t>>
stored_per_article(const fs::path& file) {
    auto db = detail::Database::open(file, detail::OpenMode::read_only, false);
    auto s = db.prepare(
        "SELECT a.content_hash, (SELECT count(*) FROM mentions m WHERE m.article_id = a.id), "
        "(SELECT count(*) FROM event_sources s WHERE s.article_id = a.id) FROM articles a");
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> out;
    while (s.step())
        out[std::string(s.column_text(0))] = {s.column_int64(1), s.column_int64(2)};
    return out;
}

TEST(StoreIngest, TwoProcessesCreatingOneNewStoreBothSucceed) {
    TempDir dir;
    const auto parsed = parsed_samples(2);
    const std::vector<ArticleRecord> records = article_records(parsed);
    const std::size_t half = records.size() / 2;
    const std::vector<ArticleRecord> halves[2] = {
        {records.begin(), records.begin() + static_cast<std::ptrdiff_t>(half)},
        {records.begin() + static_cast<std::ptrdiff_t>(half), records.end()}};
    {
        auto ref = open_event_store(dir.path / "ref.sqlite", StoreMode::create);
        ref->ingest(records, {"ref", std::nullopt});
    }
    const auto expected = stored_per_article(dir.path / "ref.sqlite");
    ASSERT_EQ(expected.size(), records.size());

    for (int round = 0; round < 6; ++round) {
        const fs::path db = dir.path / ("new-" + std::to_string(round) + ".sqlite");
        // Both children block on the pipe until the parent closes it: they then open (and
        // create) the missing store at the same moment.
        int start[2], errors[2];
        ASSERT_EQ(pipe(start), 0);
        ASSERT_EQ(pipe(errors), 0);
        pid_t pids[2];
        for (int c = 0; c < 2; ++c) {
            pids[c] = fork();
            ASSERT_GE(pids[c], 0);
            if (pids[c] == 0) {
                close(start[1]);
                close(errors[0]);
                char byte;
                (void)!read(start[0], &byte, 1);
                try {
                    auto store = open_event_store(db, StoreMode::create);
                    store->ingest(halves[c], {"half " + std::to_string(c), std::nullopt});
                } catch (const std::exception& e) {
                    const std::string what = std::string(e.what()) + "\n";
                    (void)!write(errors[1], what.data(), what.size());
                    _exit(1);
                }
                _exit(0);
            }
        }
        close(start[0]);
        close(errors[1]);
        close(start[1]); // go
        std::string messages;
        char buffer[512];
        for (ssize_t n; (n = read(errors[0], buffer, sizeof buffer)) > 0;)
            messages.append(buffer, static_cast<std::size_t>(n));
        close(errors[0]);
        for (const pid_t pid : pids) {
            int status = 0;
            waitpid(pid, &status, 0);
            EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round;
        }
        EXPECT_EQ(messages, "") << "round " << round;
        {
            auto check = detail::Database::open(db, detail::OpenMode::read_only, false);
            auto ic = check.prepare("PRAGMA integrity_check");
            ASSERT_TRUE(ic.step());
            EXPECT_EQ(ic.column_text(0), "ok") << "round " << round;
            EXPECT_EQ(check.query_int("SELECT count(*) FROM meta WHERE key = "
                                      "'event_schema_version'"),
                      1);
        }
        EXPECT_EQ(stored_per_article(db), expected) << "round " << round;
        auto reopened = open_event_store(db, StoreMode::read_only);
        EXPECT_EQ(reopened->schema_version(), event_store_schema_version());
    }
}

TEST(StoreIngest, KilledIngestsLeaveWholeArticlesOnly) {
    TempDir dir;
    const auto parsed = parsed_samples(30);
    // what a complete ingest stores per article: its mentions and its event sources
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> expected;
    {
        auto ref = open_event_store(dir.path / "ref.sqlite", StoreMode::create);
        ref->ingest(article_records(parsed), {"ref", std::nullopt});
    }
    const auto per_article = stored_per_article;
    expected = per_article(dir.path / "ref.sqlite");
    ASSERT_EQ(expected.size(), parsed.size());

    const fs::path db = dir.path / "killed.sqlite";
    open_event_store(db, StoreMode::create);
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> after_articles(1, 40), delay_us(0, 3000);
    int killed = 0, partial = 0;
    for (int round = 0; round < 8; ++round) {
        // The child reports each stored article through a pipe; the parent kills it a
        // random moment after the k-th, usually in the middle of a later transaction.
        int progress[2];
        ASSERT_EQ(pipe(progress), 0);
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            close(progress[0]);
            try {
                auto store = open_event_store(db, StoreMode::read_write);
                for (const ParsedArticle& p : parsed) {
                    store->ingest({article_record(p)}, {"killed", std::nullopt});
                    if (write(progress[1], "x", 1) != 1)
                        _exit(2);
                }
            } catch (...) {
                _exit(2);
            }
            _exit(0);
        }
        close(progress[1]);
        const int k = after_articles(rng);
        char byte;
        for (int got = 0; got < k && read(progress[0], &byte, 1) == 1; ++got) {
        }
        std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
        killed += kill(pid, SIGKILL) == 0 ? 1 : 0;
        int status = 0;
        waitpid(pid, &status, 0);
        close(progress[0]);
        ASSERT_FALSE(WIFEXITED(status) && WEXITSTATUS(status) == 2)
            << "the ingest failed on its own";

        {
            auto check = detail::Database::open(db, detail::OpenMode::read_write, false);
            auto ic = check.prepare("PRAGMA integrity_check");
            ASSERT_TRUE(ic.step());
            EXPECT_EQ(ic.column_text(0), "ok") << "round " << round;
        }
        const auto stored = per_article(db);
        partial += stored.size() > 0 && stored.size() < expected.size() ? 1 : 0;
        for (const auto& [hash, counts] : stored) {
            ASSERT_TRUE(expected.contains(hash));
            EXPECT_EQ(counts, expected[hash]) << "article " << hash << " after round " << round;
        }
    }
    EXPECT_GT(killed, 0);
    EXPECT_GT(partial, 0) << "no kill landed in the middle of an ingest";
    // a last, uninterrupted run completes what the killed ones left
    open_event_store(db, StoreMode::read_write)
        ->ingest(article_records(parsed), {"final", std::nullopt});
    EXPECT_EQ(per_article(db), expected);
}

} // namespace
} // namespace kharita
