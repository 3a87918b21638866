// `kharita review`: analyst review from the command line, for scripts and for a quick fix
// (list the queue, confirm, reject, correct, reset; the audit log; team place aliases).
// No SQL here: everything goes through kharita::EventStore (store/review.hpp).

#include "commands.hpp"
#include "common.hpp"
#include "filter_options.hpp"

#include "kharita/base/error.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/store/review_training.hpp"
#include "kharita/store/store.hpp"
#include "kharita/text/normalize.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>

namespace kharita::cli {

namespace {

/// What every review subcommand takes.
struct ReviewArgs {
    std::string db, note, who, gazetteer, country;
    std::vector<std::int64_t> ids;
    std::int64_t expect_version = -1, drop_version = -1;
    // list
    FilterArgs filter;
    bool json = false;
    // set
    std::string place, date, precision, type, subtype, status, actors;
    double lat = NAN, lon = NAN;
    std::int64_t geonameid = 0;
    int fatalities = -1;
    // log / corrections
    std::int64_t event = -1;
    bool needs_review = false;
    // alias
    std::string alias, target;
    // export-training
    std::string output;
};

/// Where the analyst put an event or an alias: a point of their own (--lat/--lon with a
/// name), else the gazetteer's entry of that id or, by name, its first candidate.
struct PickedPlace {
    std::string name;
    LatLon position;
    GeoPrecision precision = GeoPrecision::town;
    std::string country, admin1, admin1_code, feature;
    std::int64_t geonameid = 0;
};

PickedPlace pick_place(const ReviewArgs& a, const std::string& name, const char* option) {
    PickedPlace p;
    p.name = name;
    if (!std::isnan(a.lat) || !std::isnan(a.lon)) {
        if (std::isnan(a.lat) || std::isnan(a.lon))
            throw InputError("--lat/--lon", "give both, in degrees");
        p.position = {a.lat, a.lon};
        return p; // range checked by the store (Correction::validate, check_alias)
    }
    const Gazetteer g = Gazetteer::open(gazetteer_path(a.gazetteer));
    LookupOptions options;
    options.limit = 50;
    if (!a.country.empty())
        options.countries = {a.country};
    for (const Candidate& c : g.lookup(name, options)) {
        const Place& pl = g.place(c.place);
        if (a.geonameid != 0 && pl.geonameid != a.geonameid)
            continue;
        p.name = pl.name;
        p.position = pl.position;
        p.precision = pl.precision();
        p.country = pl.country;
        p.admin1 = g.admin1_name(pl.country, pl.admin1);
        p.admin1_code = pl.admin1;
        p.feature = std::string(1, pl.feature_class) + "." + pl.feature_code;
        p.geonameid = pl.geonameid;
        return p;
    }
    throw InputError(
        option, a.geonameid != 0
                    ? fmt::format("\"{}\": no gazetteer entry {} by that name", name, a.geonameid)
                    : fmt::format("\"{}\" is not in the gazetteer; give --lat and "
                                  "--lon for a place of your own",
                                  name));
}

/// The correction `kharita review set` describes; errors name the option.
Correction correction_of(const ReviewArgs& a) {
    Correction c;
    if (!a.place.empty()) {
        const PickedPlace p = pick_place(a, a.place, "--place");
        c.location = p.name;
        c.position = p.position;
        c.geo_precision = p.precision;
        c.country = p.country;
        c.admin1 = p.admin1;
        c.admin1_code = p.admin1_code;
    } else if (!std::isnan(a.lat) || !std::isnan(a.lon)) {
        throw InputError("--lat/--lon", "a corrected point needs its name (--place)");
    }
    if (!a.date.empty()) {
        const auto slash = a.date.find('/');
        const auto day = [&](const std::string& text) {
            const auto t = LocalTime::parse(text);
            if (!t || text.size() != 10)
                throw InputError("--date", "\"" + text + "\" is not a day (YYYY-MM-DD)");
            return t->day;
        };
        c.date_start = day(a.date.substr(0, slash));
        c.date_end = slash == std::string::npos ? c.date_start : day(a.date.substr(slash + 1));
        c.time_precision = time_precision_from(a.precision.empty() ? "day" : a.precision);
        if (!c.time_precision)
            throw InputError("--precision", "unknown precision \"" + a.precision +
                                                "\" (day, week, month, year, decade)");
    } else if (!a.precision.empty()) {
        throw InputError("--precision", "give the date it qualifies (--date)");
    }
    if (!a.type.empty()) {
        c.type = event_type_from(a.type);
        if (!c.type)
            throw InputError("--type", "unknown event type \"" + a.type + "\"");
    }
    if (!a.subtype.empty())
        c.subtype = a.subtype;
    if (!a.status.empty()) {
        c.status = event_status_from(a.status);
        if (!c.status)
            throw InputError("--status",
                             "unknown status \"" + a.status + "\" (occurred, planned, ongoing)");
    }
    if (a.fatalities >= 0)
        c.fatalities = a.fatalities;
    if (!a.actors.empty())
        c.actors = a.actors;
    return c;
}

void run_split(const ReviewArgs& a) {
    if (a.ids.size() != 1)
        throw InputError("ids", "split takes one event");
    const auto store = open_event_store(a.db, StoreMode::read_write);
    ReviewChange change;
    change.event_id = a.ids.front();
    change.correction = correction_of(a);
    change.note = a.note;
    change.who = a.who;
    if (a.expect_version >= 0)
        change.expected_version = a.expect_version;
    const std::int64_t added = store->split_event(change);
    fmt::print("event {}: split; the second event is {}\n", change.event_id, added);
}

void run_merge(const ReviewArgs& a) {
    if (a.ids.size() != 2)
        throw InputError("ids", "merge takes two events: the one to keep, then the one to drop");
    const auto store = open_event_store(a.db, StoreMode::read_write);
    ReviewChange keep;
    keep.event_id = a.ids[0];
    keep.note = a.note;
    keep.who = a.who;
    if (a.expect_version >= 0)
        keep.expected_version = a.expect_version;
    const ReviewOutcome done = store->merge_events(
        keep, a.ids[1], a.drop_version >= 0 ? std::optional(a.drop_version) : std::nullopt);
    fmt::print("event {} merged into event {} ({}, version {})\n", a.ids[1], a.ids[0],
               to_string(done.state), done.version);
}

void change_each(const ReviewArgs& a, ReviewAction action) {
    const auto store = open_event_store(a.db, StoreMode::read_write);
    const Correction correction = action == ReviewAction::correct ? correction_of(a) : Correction{};
    for (const std::int64_t id : a.ids) {
        ReviewChange change;
        change.event_id = id;
        change.action = action;
        change.correction = correction;
        change.note = a.note;
        change.who = a.who;
        if (a.expect_version >= 0)
            change.expected_version = a.expect_version;
        const ReviewOutcome done = store->review(change);
        fmt::print("event {}: {} (version {})\n", id, to_string(done.state), done.version);
    }
}

void run_list(const ReviewArgs& a) {
    const auto store = open_event_store(a.db, StoreMode::read_only);
    EventFilter f = build_filter(a.filter);
    const std::optional<std::int64_t> limit = f.limit;
    f.limit.reset();
    std::vector<EventPoint> queue;
    store->query_points(f, [&](const EventPoint& p) { queue.push_back(p); });
    // the queue: unreviewed first, then least confident first
    std::stable_sort(queue.begin(), queue.end(), [](const EventPoint& x, const EventPoint& y) {
        const bool xm = x.review == ReviewState::machine, ym = y.review == ReviewState::machine;
        return xm != ym ? xm : x.confidence < y.confidence;
    });
    if (limit && static_cast<std::int64_t>(queue.size()) > *limit)
        queue.resize(static_cast<std::size_t>(*limit));
    std::vector<std::int64_t> ids;
    ids.reserve(queue.size());
    for (const EventPoint& p : queue)
        ids.push_back(p.id);
    const std::vector<EventRecord> records = store->records(ids);
    nlohmann::json out = nlohmann::json::array();
    for (const EventRecord& r : records) {
        const std::string day = r.date_start ? r.date_start->iso() : "undated";
        if (a.json) {
            out.push_back({{"id", r.id},
                           {"version", r.version},
                           {"review", to_string(r.review)},
                           {"confidence", r.confidence},
                           {"type", to_string(r.type)},
                           {"date", day},
                           {"location", r.location},
                           {"notes", r.notes}});
        } else {
            fmt::print("{:>6} v{:<3} {:<9} {:.2f} {:<12} {:<10} {:<20} {}\n", r.id, r.version,
                       to_string(r.review), r.confidence, to_string(r.type), day,
                       r.location.substr(0, 20), r.notes.substr(0, 80));
        }
    }
    if (a.json)
        std::cout << out.dump(1) << "\n";
}

/// "date_start 2025-03-01 -> 2025-02-28, review machine -> corrected": what a change
/// changed, from the audit line's before and after objects.
std::string changed_fields(const std::string& before, const std::string& after) {
    const auto b = nlohmann::json::parse(before.empty() ? "{}" : before, nullptr, false);
    const auto a = nlohmann::json::parse(after.empty() ? "{}" : after, nullptr, false);
    if (!b.is_object() || !a.is_object())
        return before + " -> " + after;
    std::string out;
    const auto value = [](const nlohmann::json& j, const std::string& key) {
        const auto it = j.find(key);
        return it == j.end()     ? std::string("-")
               : it->is_string() ? it->get<std::string>()
                                 : it->dump();
    };
    std::vector<std::string> keys;
    for (const auto& [k, v] : a.items())
        keys.push_back(k);
    for (const auto& [k, v] : b.items()) {
        if (!a.contains(k))
            keys.push_back(k);
    }
    for (const std::string& k : keys) {
        if (value(b, k) != value(a, k))
            out += (out.empty() ? "" : ", ") + k + " " + value(b, k) + " -> " + value(a, k);
    }
    return out.empty() ? "no change" : out;
}

void run_log(const ReviewArgs& a) {
    const auto store = open_event_store(a.db, StoreMode::read_only);
    const auto entries = store->review_log(a.event >= 0 ? std::optional(a.event) : std::nullopt);
    nlohmann::json out = nlohmann::json::array();
    for (const AuditEntry& e : entries) {
        const std::string event = e.event_id ? std::to_string(*e.event_id) : "-";
        if (a.json) {
            out.push_back({{"id", e.id},
                           {"at", e.at},
                           {"who", e.who},
                           {"event", event},
                           {"action", e.action},
                           {"before", e.before},
                           {"after", e.after},
                           {"note", e.note}});
        } else {
            fmt::print("{} {} {} event {}: {}{}\n", e.at, e.who, e.action, event,
                       changed_fields(e.before, e.after), e.note.empty() ? "" : "  # " + e.note);
        }
    }
    if (a.json)
        std::cout << out.dump(1) << "\n";
}

void run_corrections(const ReviewArgs& a) {
    const auto store = open_event_store(a.db, StoreMode::read_only);
    for (const StoredCorrection& c : store->corrections()) {
        if (a.needs_review && !c.needs_review)
            continue;
        fmt::print("correction {}: {} event {}{} by {} at {}: \"{}\"\n", c.id, to_string(c.state),
                   c.event_id ? std::to_string(*c.event_id) : "-",
                   c.needs_review ? " NEEDS REVIEW (its event is no longer in the report)" : "",
                   c.who, c.at, c.evidence.substr(0, 100));
    }
}

void run_alias_add(const ReviewArgs& a) {
    const auto store = open_event_store(a.db, StoreMode::create);
    PlaceAlias alias;
    alias.alias = a.alias;
    alias.target = a.target;
    alias.note = a.note;
    alias.who = a.who;
    // a target that is already an alias is that alias's place
    const std::vector<PlaceAlias> stored = store->aliases();
    const auto known = std::find_if(stored.begin(), stored.end(), [&](const PlaceAlias& s) {
        return normalize_name(s.alias) == normalize_name(a.target);
    });
    if (known != stored.end() && std::isnan(a.lat) && a.geonameid == 0) {
        alias.name = known->name;
        alias.geonameid = known->geonameid;
        alias.position = known->position;
        alias.precision = known->precision;
        alias.country = known->country;
        alias.admin1 = known->admin1;
        alias.feature = known->feature;
    } else {
        const PickedPlace p = pick_place(a, a.target, "--to");
        alias.name = p.name;
        alias.geonameid = p.geonameid;
        alias.position = p.position;
        alias.precision = p.precision;
        alias.country = p.country;
        alias.admin1 = p.admin1;
        alias.feature = p.feature;
    }
    store->add_alias(alias);
    fmt::print("alias \"{}\" is {} ({:.4f}, {:.4f}{}); later parses for {} read it so\n",
               alias.alias, alias.name, alias.position.lat, alias.position.lon,
               alias.geonameid != 0 ? fmt::format(", GeoNames {}", alias.geonameid) : "", a.db);
}

void run_export_training(const ReviewArgs& a) {
    const auto store = open_event_store(a.db, StoreMode::read_only);
    const ReviewTrainingSet set = review_training_sentences(*store);
    std::ofstream out(a.output);
    if (!out)
        throw InputError(a.output, "cannot write");
    write_event_location_lines(out, set.records);
    out.close();
    if (!out)
        throw InputError(a.output, "write failed");
    fmt::print("{}: {} sentences from {} confirmed and corrected events (left out: {} without a "
               "report, {} whose event word is not in the sentence, {} whose place the sentence "
               "does not name)\n",
               a.output, set.records.size(), set.events, set.no_report, set.no_trigger,
               set.no_place_in_sentence);
}

void add_correction_options(CLI::App* cmd, const std::shared_ptr<ReviewArgs>& args, bool add);

void add_change_command(CLI::App* review, const char* name, const char* what, ReviewAction action,
                        const std::shared_ptr<ReviewArgs>& args) {
    auto* cmd = review->add_subcommand(name, what);
    cmd->add_option("ids", args->ids, "event ids")->required();
    cmd->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    cmd->add_option("--note", args->note, "why, for the audit trail");
    cmd->add_option("--as", args->who,
                    "reviewer name (default: $KHARITA_ANALYST, else the OS user)");
    cmd->add_option("--expect-version", args->expect_version,
                    "refuse if the event changed since this version (as `review list` showed)");
    add_correction_options(cmd, args, action == ReviewAction::correct);
    cmd->callback([args, action] {
        args->db = store_location(args->db);
        change_each(*args, action);
    });
}

void add_correction_options(CLI::App* cmd, const std::shared_ptr<ReviewArgs>& args, bool add) {
    if (add) {
        cmd->add_option("--place", args->place,
                        "place name (the gazetteer's first, or --geonameid)");
        cmd->add_option("--geonameid", args->geonameid, "the gazetteer entry to take");
        cmd->add_option("--country", args->country, "--place in this country (ISO alpha-2)");
        cmd->add_option("--lat", args->lat, "latitude of a place of your own (with --place)");
        cmd->add_option("--lon", args->lon, "longitude of a place of your own (with --place)");
        cmd->add_option("--date", args->date, "day or range: YYYY-MM-DD[/YYYY-MM-DD]");
        cmd->add_option("--precision", args->precision, "of --date: day, week, month, year");
        cmd->add_option("--type", args->type, "event type");
        cmd->add_option("--subtype", args->subtype, "event sub-type");
        cmd->add_option("--status", args->status, "occurred, planned, ongoing");
        cmd->add_option("--fatalities", args->fatalities, "the toll");
        cmd->add_option("--actors", args->actors, "actors, \"; \"-separated");
        cmd->add_option("--gazetteer", args->gazetteer, "gazetteer file");
    }
}

} // namespace

void add_review_commands(CLI::App& app) {
    auto args = std::make_shared<ReviewArgs>();
    auto* review = app.add_subcommand(
        "review", "confirm, reject or correct events; the audit log; team place aliases");
    review->require_subcommand(1);

    auto* list =
        review->add_subcommand("list", "the review queue: unreviewed, least confident first");
    list->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    add_filter_options(list, args->filter);
    list->add_flag("--json", args->json, "JSON array");
    list->callback([args] {
        args->db = store_location(args->db);
        run_list(*args);
    });
    add_change_command(review, "confirm", "the event is right as it stands", ReviewAction::confirm,
                       args);
    add_change_command(review, "reject", "not an event, or not this one", ReviewAction::reject,
                       args);
    add_change_command(review, "set", "correct some values of events", ReviewAction::correct, args);
    add_change_command(review, "reset", "back to the machine's values, unreviewed",
                       ReviewAction::reset, args);

    auto* split = review->add_subcommand(
        "split", "split an event in two: the second takes the values given (--type, --place, ...)");
    split->add_option("ids", args->ids, "the event to split")->required();
    split->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    split->add_option("--note", args->note, "why, for the audit trail");
    split->add_option("--as", args->who,
                      "reviewer name (default: $KHARITA_ANALYST, else the OS user)");
    split->add_option("--expect-version", args->expect_version,
                      "refuse if the event changed since this version");
    add_correction_options(split, args, true);
    split->callback([args] {
        args->db = store_location(args->db);
        run_split(*args);
    });
    auto* merge = review->add_subcommand(
        "merge", "merge the second event into the first: one happening told as two");
    merge->add_option("ids", args->ids, "the event to keep, then the one to drop")->required();
    merge->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    merge->add_option("--note", args->note, "why, for the audit trail");
    merge->add_option("--as", args->who,
                      "reviewer name (default: $KHARITA_ANALYST, else the OS user)");
    merge->add_option("--expect-version", args->expect_version,
                      "refuse if the kept event changed since this version");
    merge->add_option("--drop-version", args->drop_version,
                      "refuse if the dropped event changed since this version");
    merge->callback([args] {
        args->db = store_location(args->db);
        run_merge(*args);
    });

    auto* log = review->add_subcommand("log", "the audit trail: every change, oldest first");
    log->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    log->add_option("--event", args->event, "only this event's changes");
    log->add_flag("--json", args->json, "JSON array");
    log->callback([args] {
        args->db = store_location(args->db);
        run_log(*args);
    });
    auto* corrections = review->add_subcommand("corrections", "the corrections and their anchors");
    corrections->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    corrections->add_flag("--needs-review", args->needs_review,
                          "only those whose event is no longer in its report");
    corrections->callback([args] {
        args->db = store_location(args->db);
        run_corrections(*args);
    });

    auto* training = review->add_subcommand(
        "export-training", "confirmed and corrected events as event-location training sentences");
    training->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    training->add_option("-o,--output", args->output, "JSON Lines file to write")->required();
    training->callback([args] {
        args->db = store_location(args->db);
        run_export_training(*args);
    });

    auto* alias = review->add_subcommand("alias", "team place aliases, used by every later parse");
    alias->require_subcommand(1);
    auto* add = alias->add_subcommand("add", "ALIAS names the place --to names");
    add->add_option("alias", args->alias, "the name as reports write it")->required();
    add->add_option("--to", args->target, "the place: a gazetteer name or another alias")
        ->required();
    add->add_option("--geonameid", args->geonameid, "the gazetteer entry to take");
    add->add_option("--country", args->country, "--to in this country (ISO alpha-2)");
    add->add_option("--lat", args->lat, "latitude of a place of your own");
    add->add_option("--lon", args->lon, "longitude of a place of your own");
    add->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    add->add_option("--note", args->note, "why, for the audit trail");
    add->add_option("--as", args->who, "author (default: $KHARITA_ANALYST, else the OS user)");
    add->add_option("--gazetteer", args->gazetteer, "gazetteer file");
    add->callback([args] {
        args->db = store_location(args->db);
        run_alias_add(*args);
    });
    auto* remove = alias->add_subcommand("remove", "forget an alias");
    remove->add_option("alias", args->alias, "the alias")->required();
    remove->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    remove->add_option("--as", args->who, "author (default: $KHARITA_ANALYST, else the OS user)");
    remove->callback([args] {
        args->db = store_location(args->db);
        const auto store = open_event_store(args->db, StoreMode::read_write);
        if (!store->remove_alias(args->alias, args->who))
            throw InputError(args->alias, "no such alias in " + args->db);
        fmt::print("alias \"{}\" removed\n", args->alias);
    });
    auto* aliases = alias->add_subcommand("list", "the store's aliases");
    aliases->add_option("--db", args->db, "event store (default: $KHARITA_DB)");
    aliases->callback([args] {
        args->db = store_location(args->db);
        const auto store = open_event_store(args->db, StoreMode::read_only);
        for (const PlaceAlias& a : store->aliases()) {
            fmt::print("\"{}\" -> {} ({:.4f}, {:.4f}) by {} at {}{}\n", a.alias, a.name,
                       a.position.lat, a.position.lon, a.who, a.at,
                       a.note.empty() ? "" : "  # " + a.note);
        }
    });
}

} // namespace kharita::cli
