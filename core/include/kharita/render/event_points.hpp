#pragma once
// The events the map draws, as columns: positions projected once to Web Mercator when
// loaded, so a redraw is a scale and an offset per point. Shared by the map, the timeline
// and the table (which fetches full records by id for the rows it shows).

#include "kharita/map/map_projection.hpp"
#include "kharita/store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kharita::render {

struct EventPoints {
    std::vector<std::int64_t> id;
    std::vector<MapPoint> xy; ///< Web Mercator; NaN when the event has no place
    std::vector<std::int32_t> day_start, day_end;
    std::vector<EventType> type;
    std::vector<std::optional<GeoPrecision>> geo_precision;   ///< none: no place
    std::vector<std::optional<TimePrecision>> time_precision; ///< none: the date is unknown
    std::vector<std::uint8_t> dated;
    std::vector<std::int32_t> fatalities; ///< -1 when not stated
    std::vector<std::string> location;
    std::vector<EventStatus> status;
    std::vector<ReviewState> review; ///< the map draws machine events lighter (RenderOptions)
    std::vector<float> confidence;   ///< the review queue opens least confident first

    std::size_t size() const noexcept { return id.size(); }
    void clear();
    void reserve(std::size_t n);
    void push_back(const EventPoint& p); ///< position still in degrees: call project()
    void project(const WebMercator& projection);
};

/// Every event the filter selects, projected.
EventPoints load_event_points(const EventStore& store, const EventFilter& filter,
                              const WebMercator& projection);

} // namespace kharita::render
