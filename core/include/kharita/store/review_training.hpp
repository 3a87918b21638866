#pragma once
// Learning from corrections: the events analysts confirmed or corrected, as event-location
// sentences (the format of `kharita eval event-location` and `kharita train-locator`), so
// the event-to-place model can be trained again with them (`kharita review
// export-training`).

#include "kharita/events/event_location.hpp"
#include "kharita/store/store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kharita {

struct ReviewTrainingSet {
    std::vector<EventLocationRecord> records; ///< ids "review-<event id>"
    std::int64_t events = 0;                  ///< confirmed and corrected events seen
    std::int64_t no_report = 0;               ///< left out: imported events have no sentence
    std::int64_t no_trigger = 0;              ///< left out: the event word is not in the sentence
    std::int64_t no_place_in_sentence = 0;    ///< left out: the sentence does not name the place
};

/// One sentence per confirmed or corrected event that came from a report: the evidence
/// sentence of its first report, the event word in it, and the spans naming the event's
/// (corrected) place: the mentions that resolved to it, else the place's name as written
/// in the sentence. An event whose place the sentence does not name is left out (it would
/// teach "no place named"), as are events with no place at all.
ReviewTrainingSet review_training_sentences(const EventStore& store);

/// Writes the records as event-location JSON Lines (with their gold locations).
void write_event_location_lines(std::ostream& out, const std::vector<EventLocationRecord>& records);

} // namespace kharita
