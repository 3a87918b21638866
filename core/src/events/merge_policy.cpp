#include "kharita/events/merge_policy.hpp"

#include <algorithm>

namespace kharita {

MergeableFacts merge_told_again(const MergeableFacts& kept, const MergeableFacts& again) {
    MergeableFacts out = kept;
    const bool again_dated = again.date_start && again.time_precision;
    const bool kept_dated = kept.date_start && kept.time_precision;
    if (again_dated && (!kept_dated || *again.time_precision < *kept.time_precision)) {
        out.date_start = again.date_start;
        out.date_end = again.date_end;
        out.time_precision = again.time_precision;
    }
    if (again.fatalities && (!kept.fatalities || *again.fatalities > *kept.fatalities))
        out.fatalities = again.fatalities;
    out.confidence = std::max(kept.confidence, again.confidence);
    return out;
}

} // namespace kharita
