#include "kharita/events/merge_policy.hpp"

#include <algorithm>
#include <utility>

namespace kharita {

MergeableFacts merge_told_again(const MergeableFacts& kept, const MergeableFacts& again) {
    MergeableFacts out = kept;
    const bool again_dated = again.date_start && again.time_precision;
    const bool kept_dated = kept.date_start && kept.time_precision;
    // a stated date beats an assumed one, then the finer precision wins
    const auto rank = [](const MergeableFacts& f) {
        return std::pair(f.date_assumed ? 1 : 0, static_cast<int>(*f.time_precision));
    };
    if (again_dated && (!kept_dated || rank(again) < rank(kept))) {
        out.date_start = again.date_start;
        out.date_end = again.date_end;
        out.time_precision = again.time_precision;
        out.date_assumed = again.date_assumed;
    }
    if (again.fatalities && (!kept.fatalities || *again.fatalities > *kept.fatalities))
        out.fatalities = again.fatalities;
    out.confidence = std::max(kept.confidence, again.confidence);
    return out;
}

} // namespace kharita
