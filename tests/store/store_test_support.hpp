#pragma once
// What the store tests share: a temporary directory, random events over North Africa and
// the brute-force filter every query plan is checked against.

#include "kharita/store/store.hpp"

#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace kharita::testing_support {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = fs::temp_directory_path() / ("kharita-store-test-" + std::to_string(rd()));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    fs::path operator/(const std::string& name) const { return m_path / name; }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

inline const EventType kTypes[] = {EventType::meeting, EventType::clash,  EventType::attack,
                                   EventType::protest, EventType::border, EventType::migration};

/// Random events over North Africa: some without a place, some undated, spans from a day
/// to more than a year so every span class is used.
inline std::vector<EventRecord> random_records(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> lat(15, 37), lon(-17, 37), unit(0, 1);
    std::uniform_int_distribution<int> day(0, 4000), type(0, 5);
    const CivilDay base{2015, 1, 1};
    std::vector<EventRecord> out;
    for (std::size_t i = 0; i < n; ++i) {
        EventRecord r;
        r.type = kTypes[type(rng)];
        r.subtype = to_string(r.type);
        r.status = unit(rng) < 0.8 ? EventStatus::occurred : EventStatus::planned;
        const double u = unit(rng);
        if (u > 0.03) {
            const CivilDay first = base.plus_days(day(rng));
            const int span = u < 0.7 ? 0 : u < 0.85 ? 6 : u < 0.95 ? 30 : u < 0.99 ? 200 : 700;
            r.date_start = first;
            r.date_end = first.plus_days(span);
            r.time_precision = span == 0   ? TimePrecision::day
                               : span < 10 ? TimePrecision::week
                               : span < 40 ? TimePrecision::month
                                           : TimePrecision::year;
        }
        if (unit(rng) > 0.02) {
            r.position = LatLon{lat(rng), lon(rng)};
            r.geo_precision = unit(rng) < 0.7 ? GeoPrecision::town : GeoPrecision::region;
            r.location = "Place " + std::to_string(i % 97);
            r.country = i % 3 == 0 ? "LY" : i % 3 == 1 ? "TN" : "EG";
            r.admin1_code = std::to_string(60 + i % 5);
        }
        r.actor1 = "Actor " + std::to_string(i % 7);
        r.actors = r.actor1;
        r.confidence = 0.5;
        r.notes = "Event number " + std::to_string(i) + (i % 50 == 0 ? " near the harbour" : "");
        r.sources = "Synthetic";
        out.push_back(std::move(r));
    }
    return out;
}

inline bool matches(const EventRecord& r, const EventFilter& f) {
    if (f.from || f.to) {
        if (!r.date_start && !r.date_end)
            return false;
        const CivilDay first = r.date_start.value_or(*r.date_end),
                       last = r.date_end.value_or(first);
        if (f.to && first > *f.to)
            return false;
        if (f.from && last < *f.from)
            return false;
    }
    if (f.bbox && (!r.position || !f.bbox->contains(*r.position)))
        return false;
    if (!f.types.contains(r.type))
        return false;
    if (!f.regions.empty()) {
        bool any = false;
        for (const auto& reg : f.regions) {
            any = any || (r.country == reg.country &&
                          (reg.admin1_code.empty() || r.admin1_code == reg.admin1_code));
        }
        if (!any)
            return false;
    }
    return true;
}

inline std::multiset<std::string> keys_of(const EventStore& store, const EventFilter& f) {
    std::multiset<std::string> out;
    store.query(f, [&](const EventRecord& r) { out.insert(r.notes); });
    return out;
}

} // namespace kharita::testing_support
