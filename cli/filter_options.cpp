#include "filter_options.hpp"

#include "kharita/base/error.hpp"
#include "kharita/events/event_types.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/polygon.hpp"
#include "kharita/geo/regions.hpp"

#include <array>
#include <cstdio>
#include <string_view>
#include <utility>

namespace kharita::cli {

namespace {

CivilDay parse_day_option(const char* name, const std::string& text) {
    const auto t = LocalTime::parse(text);
    if (!t || text.size() != 10) {
        throw InputError(name, "\"" + text + "\" is not a day (use YYYY-MM-DD, a real date)");
    }
    return t->day;
}

/// "a, b, c": every name of a set's enum, in its order.
template <typename Set> std::string all_names() {
    std::string out;
    for (const auto v : Set::all().values())
        out += (out.empty() ? "" : ", ") + std::string(to_string(v));
    return out;
}

/// The set of the values named; throws InputError naming the option for an unknown name.
template <typename Set, typename Parse>
Set named_values(const std::vector<std::string>& names, const char* option, const char* what,
                 Parse parse) {
    Set out;
    for (const std::string& name : names) {
        const auto v = parse(name);
        if (!v) {
            throw InputError(option, "unknown " + std::string(what) + " \"" + name + "\" (" +
                                         all_names<Set>() + ")");
        }
        out.insert(*v);
    }
    return out;
}

} // namespace

void add_filter_options(CLI::App* cmd, FilterArgs& f) {
    cmd->add_option("--from", f.from, "events ending on or after this day (YYYY-MM-DD)");
    cmd->add_option("--to", f.to, "events starting on or before this day (YYYY-MM-DD)");
    cmd->add_option("--bbox", f.bbox, "west,south,east,north in degrees");
    cmd->add_option(
           "--region", f.regions,
           "country or admin-1 name or code: Libya, LY, \"Tripoli district\", LY-TB, LY.77")
        ->delimiter(';');
    cmd->add_option("--polygon", f.polygon, "WKT polygon, or a .geojson/.wkt file holding one");
    cmd->add_option("--type", f.types, "event types (meeting, clash, attack, ...)")->delimiter(',');
    cmd->add_option("--status", f.statuses, "occurred, planned, ongoing")->delimiter(',');
    cmd->add_option("--min-geo-precision", f.min_geo, "site, district, town, region, country");
    cmd->add_option("--min-time-precision", f.min_time, "day, week, month, year");
    cmd->add_option("--text", f.text, "words in the evidence or the article text");
    cmd->add_option("--review", f.reviews,
                    "review states: machine, confirmed, corrected, rejected (default: all but "
                    "rejected)")
        ->delimiter(',');
    cmd->add_flag("--reviewed", f.reviewed, "only events an analyst confirmed or corrected");
    cmd->add_option("--limit", f.limit, "at most this many events");
}

namespace {

/// The filter the options describe, checked; errors name the option or the field.
EventFilter filter_of(const FilterArgs& a) {
    EventFilter f;
    if (!a.from.empty())
        f.from = parse_day_option("--from", a.from);
    if (!a.to.empty())
        f.to = parse_day_option("--to", a.to);
    if (!a.bbox.empty()) {
        double v[4];
        if (std::sscanf(a.bbox.c_str(), "%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3]) != 4) {
            throw InputError("--bbox", "\"" + a.bbox + "\" is not west,south,east,north");
        }
        f.bbox = BoundingBox{v[0], v[1], v[2], v[3]};
    }
    if (!a.regions.empty()) {
        const Gazetteer g = Gazetteer::open(default_gazetteer_path());
        for (const std::string& r : a.regions)
            f.regions.push_back(resolve_region(g, r));
    }
    if (!a.polygon.empty())
        f.polygon_wkt = read_polygon(a.polygon);
    if (!a.types.empty())
        f.types = named_values<EventTypeSet>(a.types, "--type", "event type", event_type_from);
    if (!a.statuses.empty())
        f.statuses =
            named_values<EventStatusSet>(a.statuses, "--status", "status", event_status_from);
    if (!a.min_geo.empty()) {
        f.min_geo_precision = geo_precision_from(a.min_geo);
        if (!f.min_geo_precision)
            throw InputError("--min-geo-precision", "unknown precision \"" + a.min_geo + "\"");
    }
    if (!a.min_time.empty()) {
        f.min_time_precision = time_precision_from(a.min_time);
        if (!f.min_time_precision)
            throw InputError("--min-time-precision", "unknown precision \"" + a.min_time + "\"");
    }
    if (!a.reviews.empty())
        f.reviews =
            named_values<ReviewStateSet>(a.reviews, "--review", "review state", review_state_from);
    if (a.reviewed) {
        if (!a.reviews.empty())
            throw InputError("--reviewed", "give --reviewed or --review, not both");
        f.reviews = kReviewed;
    }
    f.text = a.text;
    if (a.limit >= 0)
        f.limit = a.limit;
    f.validate();
    return f;
}

/// The options that set the filter fields core names in its errors.
constexpr std::array<std::pair<std::string_view, const char*>, 5> kFieldOptions = {{
    {"date range", "--from/--to"},
    {"bbox", "--bbox"},
    {"limit", "--limit"},
    {"polygon", "--polygon"},
    {"region", "--region"},
}};

} // namespace

EventFilter build_filter(const FilterArgs& a) {
    try {
        return filter_of(a);
    } catch (const InputError& e) {
        // core names the field ("date range"); the command line names the option too
        for (const auto& [field, option] : kFieldOptions) {
            if (e.source() == field)
                throw InputError(option, e.what());
        }
        throw;
    }
}

} // namespace kharita::cli
