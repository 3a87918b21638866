// Analyst review, the part both backends share: names, checks, the JSON of the corrections
// and audit tables, the plan of a change and the anchor search.

#include "store/review_rows.hpp"

#include "store/event_rows.hpp"
#include "store/source_names.hpp"

#include "detail/name_table.hpp"
#include "kharita/base/error.hpp"
#include "kharita/text/normalize.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <pwd.h>
#include <set>
#include <unistd.h>

namespace kharita {

namespace {

constexpr std::array<std::string_view, kReviewStateCount> kStateNames = {"machine", "confirmed",
                                                                         "corrected", "rejected"};
constexpr std::array<std::string_view, 4> kActionNames = {"confirm", "reject", "correct", "reset"};

bool in_range(const LatLon& p) {
    return p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180;
}

} // namespace

std::string_view to_string(ReviewState s) noexcept {
    return detail::name_in(kStateNames, s);
}

std::optional<ReviewState> review_state_from(std::string_view name) noexcept {
    return detail::value_in<ReviewState>(kStateNames, name);
}

std::string_view to_string(ReviewAction a) noexcept {
    return detail::name_in(kActionNames, a);
}

std::optional<ReviewAction> review_action_from(std::string_view name) noexcept {
    return detail::value_in<ReviewAction>(kActionNames, name);
}

bool Correction::empty() const noexcept {
    return !location && !position && !geo_precision && !country && !admin1 && !admin1_code &&
           !date_start && !date_end && !time_precision && !type && !subtype && !status &&
           !fatalities && !actors;
}

void Correction::update(const Correction& later) {
    const auto take = [](auto& mine, const auto& theirs) {
        if (theirs)
            mine = theirs;
    };
    take(location, later.location);
    take(position, later.position);
    take(geo_precision, later.geo_precision);
    take(country, later.country);
    take(admin1, later.admin1);
    take(admin1_code, later.admin1_code);
    // a date range is one value: a new start or end replaces the whole range
    if (later.date_start || later.date_end || later.time_precision) {
        date_start = later.date_start;
        date_end = later.date_end;
        time_precision = later.time_precision;
    }
    take(type, later.type);
    take(subtype, later.subtype);
    take(status, later.status);
    take(fatalities, later.fatalities);
    take(actors, later.actors);
}

void Correction::validate() const {
    if (position && !in_range(*position)) {
        throw InputError(
            "correction", 0, 0, "place",
            fmt::format("{}, {} is outside [-90, 90] x [-180, 180]", position->lat, position->lon));
    }
    if (position && (!location || location->empty()))
        throw InputError("correction", 0, 0, "place", "a corrected point needs a place name");
    if (date_start && date_end && *date_end < *date_start) {
        throw InputError("correction", 0, 0, "date",
                         fmt::format("the range ends ({}) before it starts ({})", date_end->iso(),
                                     date_start->iso()));
    }
    if ((date_start || date_end) && !time_precision)
        throw InputError("correction", 0, 0, "date", "a corrected date needs its precision");
    if (fatalities && *fatalities < 0)
        throw InputError("correction", 0, 0, "fatalities", "a toll cannot be negative");
}

std::string review_author() {
    if (const char* a = std::getenv("KHARITA_ANALYST"); a != nullptr && *a != '\0')
        return a;
    if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr)
        return pw->pw_name;
    if (const char* u = std::getenv("USER"); u != nullptr && *u != '\0')
        return u;
    return "unknown";
}

namespace store {

using nlohmann::json;

ReviewState stored_review(std::string_view name) {
    return review_state_from(name).value_or(ReviewState::machine);
}

namespace {

json day_json(const std::optional<CivilDay>& d) {
    return d ? json(d->iso()) : json(nullptr);
}

std::optional<CivilDay> json_day(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string())
        return std::nullopt;
    return parse_day(it->get<std::string>());
}

/// Every actor, "; "-separated, and the first two as ACLED's actor1 and actor2.
void set_actors(std::string actors, EventRecord& r) {
    r.actors = std::move(actors);
    const auto sep = r.actors.find("; ");
    r.actor1 = r.actors.substr(0, sep);
    r.actor2.clear();
    if (sep != std::string::npos) {
        const std::string rest = r.actors.substr(sep + 2);
        r.actor2 = rest.substr(0, rest.find("; "));
    }
}

std::string json_text(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::string reviewed_fields_json(const EventRecord& r) {
    json j;
    j["review"] = to_string(r.review);
    j["type"] = to_string(r.type);
    j["subtype"] = r.subtype;
    j["status"] = to_string(r.status);
    j["date_start"] = day_json(r.date_start);
    j["date_end"] = day_json(r.date_end);
    j["time_precision"] = r.time_precision ? json(to_string(*r.time_precision)) : json(nullptr);
    j["date_assumed"] = r.date_assumed;
    j["location"] = r.location;
    if (r.position) {
        j["lat"] = r.position->lat;
        j["lon"] = r.position->lon;
    }
    j["geo_precision"] = r.geo_precision ? json(to_string(*r.geo_precision)) : json(nullptr);
    j["country"] = r.country;
    j["admin1"] = r.admin1;
    j["admin1_code"] = r.admin1_code;
    j["fatalities"] = r.fatalities ? json(*r.fatalities) : json(nullptr);
    j["actors"] = r.actors;
    return j.dump();
}

void read_reviewed_fields(std::string_view text, EventRecord& r) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object())
        throw DatabaseError(0, "a stored review value is not a JSON object");
    r.type = event_type_from(json_text(j, "type")).value_or(r.type);
    r.subtype = json_text(j, "subtype");
    r.status = event_status_from(json_text(j, "status")).value_or(r.status);
    r.date_start = json_day(j, "date_start");
    r.date_end = json_day(j, "date_end");
    r.time_precision = time_precision_from(json_text(j, "time_precision"));
    // values stored before the field was kept leave it as the event holds it
    if (const auto it = j.find("date_assumed"); it != j.end() && it->is_boolean())
        r.date_assumed = it->get<bool>();
    r.location = json_text(j, "location");
    if (j.contains("lat") && j.contains("lon"))
        r.position = LatLon{j["lat"].get<double>(), j["lon"].get<double>()};
    else
        r.position.reset();
    r.geo_precision = geo_precision_from(json_text(j, "geo_precision"));
    r.country = json_text(j, "country");
    r.admin1 = json_text(j, "admin1");
    r.admin1_code = json_text(j, "admin1_code");
    r.fatalities = j.contains("fatalities") && j["fatalities"].is_number_integer()
                       ? std::optional<int>(j["fatalities"].get<int>())
                       : std::nullopt;
    set_actors(json_text(j, "actors"), r);
}

std::string correction_json(const Correction& c) {
    json j = json::object();
    const auto put = [&](const char* key, const auto& v) {
        if (v)
            j[key] = *v;
    };
    put("location", c.location);
    if (c.position) {
        j["lat"] = c.position->lat;
        j["lon"] = c.position->lon;
    }
    if (c.geo_precision)
        j["geo_precision"] = to_string(*c.geo_precision);
    put("country", c.country);
    put("admin1", c.admin1);
    put("admin1_code", c.admin1_code);
    if (c.date_start || c.date_end || c.time_precision) {
        j["date_start"] = day_json(c.date_start);
        j["date_end"] = day_json(c.date_end);
        j["time_precision"] = c.time_precision ? json(to_string(*c.time_precision)) : json(nullptr);
    }
    if (c.type)
        j["type"] = to_string(*c.type);
    put("subtype", c.subtype);
    if (c.status)
        j["status"] = to_string(*c.status);
    put("fatalities", c.fatalities);
    put("actors", c.actors);
    return j.dump();
}

Correction correction_from_json(std::string_view text) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object())
        throw DatabaseError(0, "a stored correction is not a JSON object");
    Correction c;
    const auto str = [&](const char* key, std::optional<std::string>& out) {
        if (j.contains(key) && j[key].is_string())
            out = j[key].get<std::string>();
    };
    str("location", c.location);
    if (j.contains("lat") && j.contains("lon"))
        c.position = LatLon{j["lat"].get<double>(), j["lon"].get<double>()};
    if (j.contains("geo_precision"))
        c.geo_precision = geo_precision_from(json_text(j, "geo_precision"));
    str("country", c.country);
    str("admin1", c.admin1);
    str("admin1_code", c.admin1_code);
    if (j.contains("time_precision")) {
        c.date_start = json_day(j, "date_start");
        c.date_end = json_day(j, "date_end");
        c.time_precision = time_precision_from(json_text(j, "time_precision"));
    }
    if (j.contains("type"))
        c.type = event_type_from(json_text(j, "type"));
    str("subtype", c.subtype);
    if (j.contains("status"))
        c.status = event_status_from(json_text(j, "status"));
    if (j.contains("fatalities") && j["fatalities"].is_number_integer())
        c.fatalities = j["fatalities"].get<int>();
    str("actors", c.actors);
    return c;
}

void apply_correction(const Correction& c, EventRecord& r) {
    if (c.location)
        r.location = *c.location;
    if (c.position) {
        r.position = c.position;
        // a new point: the machine's units no longer hold unless the correction says them
        r.country = c.country.value_or(std::string());
        r.admin1 = c.admin1.value_or(std::string());
        r.admin1_code = c.admin1_code.value_or(std::string());
        r.admin2.clear();
        r.geo_precision = c.geo_precision.value_or(GeoPrecision::town);
    }
    if (c.geo_precision)
        r.geo_precision = c.geo_precision;
    if (c.time_precision) {
        r.date_start = c.date_start;
        r.date_end = c.date_end ? c.date_end : c.date_start;
        r.time_precision = c.time_precision;
        r.date_assumed = false; // the analyst stated it
    }
    if (c.type)
        r.type = *c.type;
    if (c.subtype)
        r.subtype = *c.subtype;
    if (c.status)
        r.status = *c.status;
    if (c.fatalities)
        r.fatalities = c.fatalities;
    if (c.actors)
        set_actors(*c.actors, r);
}

ReviewPlan plan_review(const StoredReview& current, const ReviewChange& change,
                       const std::optional<AuditEntry>& last_change) {
    const EventRecord& now = current.record;
    if (change.expected_version && *change.expected_version != now.version) {
        throw ReviewConflict(fmt::format(
            "event {}: changed by {} at {} ({}) since version {}; it is now at version {}: "
            "reload it and review again",
            now.id, last_change ? last_change->who : std::string("another reviewer"),
            last_change ? last_change->at : std::string("an unknown time"),
            last_change ? last_change->action : std::string("changed"), *change.expected_version,
            now.version));
    }
    change.correction.validate();
    ReviewPlan plan;
    // the machine's values: kept with an earlier correction, else the event as stored
    EventRecord machine = now;
    if (current.correction)
        read_reviewed_fields(current.machine_json, machine);
    machine.review = ReviewState::machine;
    plan.machine_json = reviewed_fields_json(machine);
    plan.correction = current.correction.value_or(Correction{});
    switch (change.action) {
    case ReviewAction::correct:
        if (change.correction.empty())
            throw InputError(fmt::format("event {}", now.id), "a correction needs a value to set");
        plan.correction.update(change.correction);
        plan.state = ReviewState::corrected;
        break;
    case ReviewAction::confirm:
        plan.state = plan.correction.empty() ? ReviewState::confirmed : ReviewState::corrected;
        break;
    case ReviewAction::reject:
        plan.state = ReviewState::rejected;
        break;
    case ReviewAction::reset:
        plan.correction = Correction{};
        plan.state = ReviewState::machine;
        plan.keep_correction = false;
        break;
    }
    plan.record = machine;
    apply_correction(plan.correction, plan.record);
    plan.record.review = plan.state;
    plan.record.version = now.version + 1;
    plan.before_json = reviewed_fields_json(now);
    plan.after_json = reviewed_fields_json(plan.record);
    return plan;
}

std::optional<std::int64_t> find_anchor(const Anchor& anchor,
                                        const std::vector<AnchorCandidate>& events) {
    const auto first = [&](auto&& pred) -> std::optional<std::int64_t> {
        for (const AnchorCandidate& c : events) {
            if (pred(c))
                return c.event_id;
        }
        return std::nullopt;
    };
    const auto same_sentence = [&](const AnchorCandidate& c) {
        return c.evidence == anchor.evidence;
    };
    if (auto id = first([&](const AnchorCandidate& c) {
            return same_sentence(c) && !anchor.trigger.empty() && c.trigger == anchor.trigger;
        }))
        return id;
    if (auto id = first(
            [&](const AnchorCandidate& c) { return same_sentence(c) && c.type == anchor.type; }))
        return id;
    std::set<std::int64_t> in_sentence;
    for (const AnchorCandidate& c : events) {
        if (same_sentence(c))
            in_sentence.insert(c.event_id);
    }
    if (in_sentence.size() == 1)
        return *in_sentence.begin();
    // the sentence splitter may have changed: the same word in a sentence holding the old
    // sentence's middle
    const std::size_t middle = (anchor.evidence_start + anchor.evidence_end) / 2;
    return first([&](const AnchorCandidate& c) {
        return anchor.evidence_end > anchor.evidence_start && c.evidence_start <= middle &&
               middle < c.evidence_end &&
               (c.type == anchor.type || (!anchor.trigger.empty() && c.trigger == anchor.trigger));
    });
}

ReviewOutcome review_event(ReviewRows& rows, const ReviewChange& change, std::string_view action) {
    const StoredReview current = rows.read(change.event_id);
    if (change.action == ReviewAction::reset && rows.is_split(change.event_id)) {
        throw InputError(fmt::format("event {}", change.event_id),
                         "split off by an analyst, it has no machine values to go back to: "
                         "reject it instead");
    }
    const ReviewPlan plan = plan_review(current, change, rows.last_change(change.event_id));
    const std::string who = change.who.empty() ? review_author() : change.who;
    rows.write_event(current.record, plan.record);
    if (!plan.keep_correction) {
        rows.delete_correction(change.event_id);
    } else if (current.correction) {
        rows.update_correction(change.event_id, plan, who, change.note);
    } else {
        EventRecord machine;
        read_reviewed_fields(plan.machine_json, machine);
        rows.insert_correction(change.event_id, rows.anchor_of(change.event_id, machine.type), plan,
                               who, change.note, "change");
    }
    rows.append_log(who, change.event_id, action, plan.before_json, plan.after_json, change.note);
    return {plan.state, plan.record.version};
}

std::int64_t split_event(ReviewRows& rows, const ReviewChange& change) {
    const StoredReview current = rows.read(change.event_id);
    ReviewChange as_correction = change;
    as_correction.action = ReviewAction::correct;
    ReviewPlan plan = plan_review(current, as_correction, rows.last_change(change.event_id));
    const std::string who = change.who.empty() ? review_author() : change.who;
    const std::int64_t added = rows.copy_event(change.event_id);
    EventRecord copied = current.record;
    copied.id = added;
    plan.record.id = added;
    plan.record.version = 1;
    rows.write_event(copied, plan.record);
    EventRecord machine;
    read_reviewed_fields(plan.machine_json, machine);
    rows.insert_correction(added, rows.anchor_of(change.event_id, machine.type), plan, who,
                           change.note, "split");
    rows.append_log(who, added, "split", plan.before_json, plan.after_json,
                    fmt::format("split from event {}{}{}", change.event_id,
                                change.note.empty() ? "" : ": ", change.note));
    return added;
}

ReviewOutcome merge_events(ReviewRows& rows, const ReviewChange& keep, std::int64_t drop,
                           std::optional<std::int64_t> drop_version) {
    if (keep.event_id == drop)
        throw InputError(fmt::format("event {}", drop), "an event cannot be merged into itself");
    rows.lock_events(keep.event_id, drop);
    const EventRecord dropped = rows.read(drop).record;
    ReviewChange reject;
    reject.event_id = drop;
    reject.action = ReviewAction::reject;
    reject.who = keep.who;
    reject.expected_version = drop_version;
    reject.note = fmt::format("merged into event {}", keep.event_id);
    review_event(rows, reject, "reject");
    // copies, not moves: the rejected event keeps its own reports, so a re-parse of them
    // finds and rejects it again
    const EventRecord kept = rows.read(keep.event_id).record;
    rows.copy_sources(drop, keep.event_id);
    std::string sources = kept.sources;
    for (std::size_t at = 0; at < dropped.sources.size();) {
        const std::size_t end = std::min(dropped.sources.find("; ", at), dropped.sources.size());
        sources = with_source_name(sources, dropped.sources.substr(at, end - at));
        at = end + 2;
    }
    rows.set_sources(keep.event_id, sources, kept.source_count + dropped.source_count);
    ReviewChange confirm = keep;
    confirm.action = ReviewAction::confirm;
    if (confirm.note.empty())
        confirm.note = fmt::format("event {} merged into it", drop);
    return review_event(rows, confirm, "merge");
}

void reapply_corrections(ReviewRows& rows, const std::string& article_hash, std::int64_t article_id,
                         IngestReport& report) {
    const std::vector<PendingCorrection> pending = rows.corrections_of(article_hash);
    if (pending.empty())
        return; // the common case: nobody corrected this report
    const std::vector<AnchorCandidate> events = rows.events_of(article_id);
    for (const PendingCorrection& p : pending) {
        std::optional<std::int64_t> found = find_anchor(p.anchor, events);
        if (found && p.split) // split corrections come first: the event they copy is unchanged
            found = rows.copy_event(*found);
        else if (found && rows.held_by_other(*found, p.id))
            found.reset(); // an event another correction holds is not this one's
        if (!found) {
            rows.bind_correction(p.id, std::nullopt, "");
            rows.append_log(
                "kharita", std::nullopt, "orphan", correction_json(p.fields), "",
                fmt::format("correction {}: its event is no longer in the report", p.id));
            ++report.corrections_orphaned;
            continue;
        }
        const StoredReview current = rows.read(*found);
        EventRecord after = current.record;
        after.review = ReviewState::machine;
        const std::string machine = reviewed_fields_json(after);
        apply_correction(p.fields, after);
        after.review = p.state;
        after.version = current.record.version + 1;
        rows.write_event(current.record, after);
        rows.bind_correction(p.id, *found, machine);
        rows.append_log("kharita", *found, "reapply", machine, reviewed_fields_json(after),
                        fmt::format("correction {} found its event again", p.id));
        ++report.corrections_applied;
    }
}

std::string alias_key(std::string_view alias) {
    return normalize_name(alias);
}

void check_alias(const std::vector<PlaceAlias>& stored, const PlaceAlias& added) {
    const std::string key = alias_key(added.alias);
    const std::string source = fmt::format("alias \"{}\"", added.alias);
    if (key.empty())
        throw InputError("alias", "an alias needs a name");
    if (!in_range(added.position)) {
        throw InputError(source, fmt::format("{}, {} is outside [-90, 90] x [-180, 180]",
                                             added.position.lat, added.position.lon));
    }
    // follow the target through the other aliases; reaching the new alias is a loop
    std::string chain = added.alias;
    std::string written = added.target;
    std::set<std::string> seen{key};
    while (!written.empty()) {
        const std::string target = alias_key(written);
        chain += " -> " + written;
        if (seen.contains(target))
            throw InputError(source, "would loop: " + chain);
        const auto next = std::find_if(stored.begin(), stored.end(), [&](const PlaceAlias& a) {
            return alias_key(a.alias) == target;
        });
        if (next == stored.end())
            break;
        seen.insert(target);
        written = next->target;
    }
}

std::string stored_alias_json(const std::vector<PlaceAlias>& stored, std::string_view alias) {
    const std::string key = alias_key(alias);
    for (const PlaceAlias& a : stored) {
        if (alias_key(a.alias) == key)
            return alias_json(a);
    }
    return {};
}

std::string alias_json(const PlaceAlias& a) {
    json j;
    j["alias"] = a.alias;
    j["target"] = a.target;
    j["name"] = a.name;
    j["geonameid"] = a.geonameid;
    j["lat"] = a.position.lat;
    j["lon"] = a.position.lon;
    j["country"] = a.country;
    return j.dump();
}

} // namespace store

} // namespace kharita
