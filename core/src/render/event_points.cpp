#include "kharita/render/event_points.hpp"

#include <cmath>
#include <limits>

namespace kharita::render {

void EventPoints::clear() {
    id.clear();
    xy.clear();
    day_start.clear();
    day_end.clear();
    type.clear();
    geo_precision.clear();
    time_precision.clear();
    dated.clear();
    fatalities.clear();
    location.clear();
    status.clear();
    review.clear();
    confidence.clear();
}

void EventPoints::reserve(std::size_t n) {
    id.reserve(n);
    xy.reserve(n);
    day_start.reserve(n);
    day_end.reserve(n);
    type.reserve(n);
    geo_precision.reserve(n);
    time_precision.reserve(n);
    dated.reserve(n);
    fatalities.reserve(n);
    location.reserve(n);
    status.reserve(n);
    review.reserve(n);
    confidence.reserve(n);
}

void EventPoints::push_back(const EventPoint& p) {
    id.push_back(p.id);
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    xy.push_back(p.position ? MapPoint{p.position->lon, p.position->lat} : MapPoint{nan, nan});
    day_start.push_back(p.day_start);
    day_end.push_back(p.day_end);
    type.push_back(p.type);
    geo_precision.push_back(p.geo_precision);
    time_precision.push_back(p.time_precision);
    dated.push_back(p.dated ? 1 : 0);
    fatalities.push_back(p.fatalities);
    location.push_back(p.location);
    status.push_back(p.status);
    review.push_back(p.review);
    confidence.push_back(p.confidence);
}

void EventPoints::project(const WebMercator& projection) {
    projection.forward_in_place(xy);
}

EventPoints load_event_points(const EventStore& store, const EventFilter& filter,
                              const WebMercator& projection) {
    EventPoints out;
    store.query_points(filter, [&](const EventPoint& p) { out.push_back(p); });
    out.project(projection);
    return out;
}

} // namespace kharita::render
