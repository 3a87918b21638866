#pragma once
// What a second report of the same real-world event changes in the one kept: the one merge
// policy, used by merge_events() for the articles of one parse and by the event store for
// an event it already holds (the store reads the kept facts, calls this, writes the result).

#include "kharita/time/calendar.hpp"

#include <optional>

namespace kharita {

/// The facts of an event that a later report can sharpen.
struct MergeableFacts {
    std::optional<CivilDay> date_start, date_end;
    std::optional<TimePrecision> time_precision; ///< nullopt: the date is unknown
    std::optional<int> fatalities;
    double confidence = 0;
    bool date_assumed = false; ///< the range was assumed from the report's day (Event)
};

/// `kept` after `again` told the same event: a dated report's date replaces an undated one
/// or an assumed one, and a finer date a coarser one (a day beats a month); the larger stated death
/// toll and the higher confidence win.
MergeableFacts merge_told_again(const MergeableFacts& kept, const MergeableFacts& again);

} // namespace kharita
