#pragma once
// Gold events of the seed format and how a predicted event is matched against them: shared by
// `kharita eval events` (evaluation.hpp) and the event screen's training (event_screen_study).
// Private to the eval layer.

#include "kharita/eval/evaluation.hpp"
#include "kharita/events/pipeline.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kharita::detail {

/// A gold file in the seed format (JSON); InputError when it is not.
nlohmann::json read_seed_gold(const std::filesystem::path& gold_json);

/// The retrieval time a seed gold file was made for, if it names one.
std::optional<LocalTime> gold_retrieved_at(const nlohmann::json& gold);

/// One gold event of the seed format, read once.
struct GoldEvent {
    std::string id, type, place, precision, status, date_precision;
    std::vector<LatLon> targets; ///< the coordinates and the alternatives
    std::optional<CivilDay> start, end;

    double tolerance_km() const { return precision == "point" ? 25.0 : 100.0; }
    std::string description() const;
};

/// The gold events of a seed-format gold file.
std::vector<GoldEvent> gold_events(const nlohmann::json& gold);

/// Whether `e` is `g` by the strict rule of EventScores: same type, place within the gold's
/// tolerance, dates overlapping (an undated event never matches a dated gold one).
bool fits_gold(const Event& e, const GoldEvent& g);

/// Whether `e` tells the happening `g` even if it gets its place or its date wrong: same type,
/// and the place or the dates agree (the alignment of EventScores).
bool tells_gold(const Event& e, const GoldEvent& g);

/// Scores one page's merged events against its gold events (EventScores says how).
EventScores score_events(const std::vector<std::pair<Event, int>>& predicted,
                         const std::vector<GoldEvent>& gold, const std::string& file);

/// The articles of `page` (any format `kharita parse` reads) read as of the gold's retrieval
/// time; InputError names the page and the first problem.
std::vector<Article> gold_page_articles(const std::filesystem::path& page,
                                        const std::optional<LocalTime>& retrieved);

/// Every `NAME.gold.json` of `dir` with its page `NAME.txt` (or `.html`, `.jsonl`), in name
/// order; InputError for a gold file without a page or a directory without gold files.
std::vector<std::pair<std::filesystem::path, std::filesystem::path>>
gold_pages(const std::filesystem::path& dir);

} // namespace kharita::detail
