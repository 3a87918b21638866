// A whole store copied into another, either backend to either (kharita store copy): every
// table, row by row through the backend-neutral rows of store/table_io.hpp, ids kept, so
// every link between the tables holds as it was. Design: docs/store.md.

#include "kharita/base/error.hpp"
#include "kharita/store/store.hpp"

#include "store/table_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>

namespace kharita {

namespace {

/// A table a copy moves, and which of its rows belong to the data ("": all of them).
struct CopiedTable {
    const char* name;
    const char* rows = "";
};

// Parents before children, as their foreign keys point; a table added to the schema is one
// more entry here (its columns are read from the stores, not listed).
constexpr CopiedTable kCopiedTables[] = {
    // the store's own keys (its version, when it was made) stay the target's
    {"meta", "key NOT IN ('event_schema_version', 'created_at')"},
    {"articles"},
    {"places"},
    {"mentions"},
    {"events"},
    {"event_sources"},
    {"actors"},
    {"event_actors"},
    {"cell_counts"},
    // analyst review: corrections point at events; the audit trail and aliases stand alone
    {"corrections"},
    {"review_log"},
    {"place_aliases"},
};

std::unique_ptr<store::TableIo> open_tables(const std::string& location, bool write) {
    return is_server_location(location) ? store::open_pg_tables(location, write)
                                        : store::open_sqlite_tables(location, write);
}

/// The stored columns of a table, the same in both stores (as both are of this build's
/// schema version, they are).
std::vector<std::string> shared_columns(store::TableIo& from, store::TableIo& to,
                                        const std::string& table) {
    std::vector<std::string> columns = from.columns(table);
    std::vector<std::string> theirs = to.columns(table), ours = columns;
    std::sort(ours.begin(), ours.end());
    std::sort(theirs.begin(), theirs.end());
    if (ours != theirs) {
        std::vector<std::string> differ;
        std::set_symmetric_difference(ours.begin(), ours.end(), theirs.begin(), theirs.end(),
                                      std::back_inserter(differ));
        throw DatabaseError(
            0, fmt::format("the stores differ in its columns ({})", fmt::join(differ, ", ")));
    }
    return columns;
}

} // namespace

std::int64_t StoreCopyReport::rows(std::string_view table) const {
    for (const auto& [name, n] : tables) {
        if (name == table)
            return n;
    }
    return 0;
}

StoreCopyReport copy_store(const std::string& from, const std::string& to) {
    // Both are stores of this build's schema: the source as it is (an older one is refused:
    // open it for writing once to migrate it), the target created when missing.
    open_event_store(from, StoreMode::read_only);
    open_event_store(to, StoreMode::create);
    const auto source = open_tables(from, false);
    const auto target = open_tables(to, true);
    std::vector<std::string> names;
    for (const CopiedTable& t : kCopiedTables)
        names.emplace_back(t.name);
    StoreCopyReport report;
    std::string step = "starting";
    try {
        source->begin_reading();
        target->begin_writing(names);
        // never a merge: the ids are kept, so they must be free, and two stores' articles
        // and events would need the dedupe rules, not a copy (copy_events() merges events)
        std::vector<std::string> held;
        for (const CopiedTable& t : kCopiedTables) {
            if (const std::int64_t n = target->count(t.name, t.rows); n > 0)
                held.push_back(fmt::format("{} row{} in {}", n, n == 1 ? "" : "s", t.name));
        }
        if (!held.empty()) {
            throw InputError(target->display(),
                             fmt::format("not an empty store ({}); a store copy goes into a "
                                         "new file or schema only",
                                         fmt::join(held, ", ")));
        }
        for (const CopiedTable& t : kCopiedTables) {
            step = std::string("table ") + t.name;
            const std::vector<std::string> columns = shared_columns(*source, *target, t.name);
            const auto next = source->read(t.name, columns, t.rows);
            std::int64_t n = 0;
            target->write(t.name, columns, [&](store::StoredRow& row) {
                if (!next(row))
                    return false;
                ++n;
                return true;
            });
            report.tables.emplace_back(t.name, n);
        }
        step = "rebuilding indexes and keys";
        target->finish_writing(names);
    } catch (const DatabaseError& e) {
        // one line naming both stores and the step; nothing of the copy is kept
        target->rollback();
        source->rollback();
        throw DatabaseError(e.code(),
                            fmt::format("copying {} to {}: {}: {}", source->display(),
                                        target->display(), step, e.what()),
                            e.sql());
    } catch (...) {
        target->rollback();
        source->rollback();
        throw;
    }
    source->rollback(); // a read: nothing to keep
    return report;
}

} // namespace kharita
