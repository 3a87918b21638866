#include "store/event_rows.hpp"

#include "kharita/text/hash.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>

namespace kharita::store {

std::string content_hash(const ArticleRecord& a) {
    return fmt::format("{:016x}", fnv1a(a.text, fnv1a("\n", fnv1a(a.title))));
}

int time_rank(const std::optional<TimePrecision>& precision) {
    return precision ? static_cast<int>(*precision) : kNoRank;
}

int geo_rank(const std::optional<GeoPrecision>& precision) {
    return precision ? static_cast<int>(*precision) : kNoRank;
}

std::optional<TimePrecision> time_precision_of_rank(int rank) {
    if (rank < 0 || rank > static_cast<int>(TimePrecision::decade))
        return std::nullopt;
    return static_cast<TimePrecision>(rank);
}

std::optional<GeoPrecision> geo_precision_of_rank(int rank) {
    if (rank < 0 || rank > static_cast<int>(GeoPrecision::continent))
        return std::nullopt;
    return static_cast<GeoPrecision>(rank);
}

EventType stored_type(std::string_view name) {
    return event_type_from(name).value_or(EventType::strategic);
}

EventStatus stored_status(std::string_view name) {
    return event_status_from(name).value_or(EventStatus::occurred);
}

DayKeys day_keys(const std::optional<CivilDay>& start, const std::optional<CivilDay>& end) {
    const std::optional<CivilDay> first = start ? start : end;
    const std::optional<CivilDay> last = end ? end : start;
    if (!first)
        return {};
    return {first->serial(), last->serial(), span_class(last->serial() - first->serial())};
}

std::string now_iso() {
    const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<CivilDay> parse_day(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-')
        return std::nullopt;
    const auto digits = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (iso[i] - '0');
        return v;
    };
    return CivilDay{digits(0, 4), static_cast<unsigned>(digits(5, 2)),
                    static_cast<unsigned>(digits(8, 2))};
}

EventIdentity identity_of(const ArticleEventRecord& e) {
    const EventRecord& r = e.record;
    EventIdentity id;
    id.type = r.type;
    id.date_start = r.date_start;
    id.date_end = r.date_end;
    if (r.position) {
        id.position = r.position;
        id.place_name = r.location;
        id.precision = r.geo_precision.value_or(GeoPrecision::town);
    }
    id.named_place = !e.inherited_place;
    id.fatalities = r.fatalities;
    id.another = e.another;
    return id;
}

std::optional<SameEventWindow> same_event_window(const EventIdentity& id) {
    if (!id.position)
        return std::nullopt;
    const double dlat = 0.25;
    const double dlon = 0.25 / std::max(0.1, std::cos(id.position->lat * M_PI / 180));
    SameEventWindow w{id.position->lat - dlat,
                      id.position->lat + dlat,
                      id.position->lon - dlon,
                      id.position->lon + dlon,
                      std::nullopt,
                      std::nullopt};
    if (const std::optional<CivilDay> first = id.date_start ? id.date_start : id.date_end) {
        w.first_day = first->serial();
        w.last_day = id.date_end.value_or(*first).serial();
    }
    return w;
}

EventIdentity stored_identity(EventType type, const StoredCandidate& c) {
    EventIdentity stored;
    stored.type = type;
    stored.position = c.position;
    stored.date_start = c.date_start;
    stored.date_end = c.date_end;
    stored.place_name = c.location;
    stored.precision = geo_precision_of_rank(c.geo_rank).value_or(GeoPrecision::continent);
    stored.named_place = !c.place_inherited;
    stored.fatalities = c.fatalities;
    return stored;
}

MergeableFacts facts_told(const EventRecord& r) {
    return MergeableFacts{r.date_start, r.date_end,   r.time_precision,
                          r.fatalities, r.confidence, r.date_assumed};
}

std::vector<std::pair<std::string, int>> event_actor_roles(const EventRecord& r) {
    std::vector<std::pair<std::string, int>> out;
    if (!r.actor1.empty())
        out.emplace_back(r.actor1, 1);
    if (!r.actor2.empty())
        out.emplace_back(r.actor2, 2);
    std::string_view rest = r.actors;
    while (!rest.empty()) {
        const auto cut = rest.find("; ");
        std::string name(rest.substr(0, cut));
        rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 2);
        if (!name.empty() && name != r.actor1 && name != r.actor2)
            out.emplace_back(std::move(name), 0);
    }
    return out;
}

void Written::note(const EventRecord& r, int cell) {
    ++cells[cell];
    if (const auto first = r.date_start ? r.date_start : r.date_end) {
        const auto last = r.date_end.value_or(*first);
        min_day = std::min(min_day, first->serial());
        max_day = std::max(max_day, last.serial());
        max_span = std::max(max_span, last.serial() - first->serial());
    }
}

NewEvent new_event_of(const ArticleEventRecord& e, const ArticleRecord& a,
                      const IngestSource& source, std::int64_t article_id) {
    NewEvent ne;
    ne.record = e.record;
    ne.record.sources = !a.source.empty() ? a.source : source.file;
    ne.record.source_count = 1;
    ne.article_id = article_id;
    ne.evidence_start = e.evidence_start;
    ne.evidence_end = e.evidence_end;
    ne.place_inherited = e.inherited_place;
    ne.trigger = e.trigger;
    ne.record.review = ReviewState::machine;
    ne.record.version = 0;
    return ne;
}

} // namespace kharita::store
