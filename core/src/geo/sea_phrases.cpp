#include "geo/sea_phrases.hpp"

#include <array>
#include <charconv>
#include <string_view>

namespace kharita::detail {

namespace {

/// Nouns for a coast's waters: "off the Libyan coast", "in Libyan waters".
inline constexpr std::array<std::string_view, 6> kCoastNouns = {"coast", "coastline", "coasts",
                                                                "shore", "shores",    "waters"};
static_assert(sorted_unique(kCoastNouns));

/// Verbs whose "off" is a particle, not "at sea near": "sealed off Martyrs' Square", "cut off
/// Zawiya", "set off from Zuwara".
// clang-format off
inline constexpr std::array<std::string_view, 57> kOffParticleVerbs = {
    "block", "blocked", "break", "breaking", "broke", "call", "called", "calling", "close", "closed",
    "closing", "cordon", "cordoned", "cordoning", "cut", "cutting", "drive", "drove", "fend", "fended",
    "fight", "fighting", "fought", "head", "headed", "hold", "holding", "kick", "kicked", "laid",
    "lay", "paid", "pay", "pull", "pulled", "seal", "sealed", "sealing", "seals", "set",
    "sets", "setting", "shut", "shutting", "sold", "spun", "switch", "switched", "take", "taking",
    "took", "turn", "turned", "ward", "warded", "wipe", "wiped"};
// clang-format on

bool is_coast_noun(std::string_view w) {
    return in_words(kCoastNouns, w);
}

static_assert(sorted_unique(kOffParticleVerbs));

bool is_off_particle_verb(std::string_view w) {
    return in_words(kOffParticleVerbs, w);
}

/// Kilometres per unit of a written distance ("nautical miles", "miles", "km").
std::optional<double> unit_km(const std::vector<Token>& tokens, std::size_t unit) {
    const std::string& u = tokens[unit].norm;
    if (u == "km" || u == "kilometres" || u == "kilometers" || u == "kms")
        return 1.0;
    if (u == "miles" || u == "mile")
        return unit > 0 && tokens[unit - 1].norm == "nautical" ? 1.852 : 1.609;
    return std::nullopt;
}

/// "about 70 nautical miles" ending just before token `end`: the distance in km.
std::optional<double> distance_before(const std::vector<Token>& tokens, std::size_t end) {
    if (end < 2)
        return std::nullopt;
    const std::size_t unit = end - 1;
    const std::optional<double> per = unit_km(tokens, unit);
    if (!per)
        return std::nullopt;
    std::size_t number = unit - 1;
    if (tokens[number].norm == "nautical" && number > 0)
        --number;
    const std::string& n = tokens[number].norm;
    double value = 0;
    const auto [ptr, ec] = std::from_chars(n.data(), n.data() + n.size(), value);
    if (ec != std::errc() || ptr != n.data() + n.size() || value <= 0 || value > 1000)
        return std::nullopt;
    return value * *per;
}

} // namespace

std::optional<double> bearing_of(Direction d) {
    switch (d) {
    case Direction::north:
        return 0.0;
    case Direction::ne:
        return 45.0;
    case Direction::east:
        return 90.0;
    case Direction::se:
        return 135.0;
    case Direction::south:
        return 180.0;
    case Direction::sw:
        return 225.0;
    case Direction::west:
        return 270.0;
    case Direction::nw:
        return 315.0;
    default:
        return std::nullopt;
    }
}

std::optional<SeaPhrase> sea_phrase(const std::vector<Token>& tokens, std::size_t first,
                                    std::size_t last, bool demonym) {
    if (first == 0)
        return std::nullopt;
    const auto word = [&](std::size_t k) -> std::string_view { return tokens[k].norm; };
    std::size_t k = first - 1;
    const bool coast_after = last + 1 < tokens.size() && is_coast_noun(word(last + 1));
    if (demonym && !coast_after)
        return std::nullopt;
    if (word(k) == "the" && k > 0)
        --k;
    // "off the coast of X", "off the shores of X"
    if (word(k) == "of" && k >= 3 && is_coast_noun(word(k - 1)) && word(k - 2) == "the" &&
        word(k - 3) == "off")
        k -= 3;
    // "in Libyan waters", "in Libya's territorial waters"
    if (word(k) == "in" && coast_after && word(last + 1) == "waters")
        return SeaPhrase{};
    SeaPhrase s;
    // "100 nautical miles south of Lampedusa", "40 km north-east of Tripoli"
    if ((word(k) == "of" || word(k) == "off") && k > 0) {
        const Direction d = direction_of(word(k - 1));
        // "the northwest of Syria" is a part of the country, not a way out of it
        const bool part = k > 1 && (word(k - 2) == "the" || word(k - 2) == "held");
        if (d != Direction::none && d != Direction::central && !part) {
            s.bearing = bearing_of(d);
            s.words = std::string(word(k - 1)) + " " + std::string(word(k));
            std::size_t before = k - 1;
            if (before > 0 && direction_of(word(before - 1)) != Direction::none)
                --before; // "north east of": the nearer word decides enough
            if (const auto km = distance_before(tokens, before)) {
                s.beyond_km = *km;
                s.distance_given = true;
                s.from_place = word(k) == "of";
            }
            return s;
        }
    }
    if (word(k) != "off")
        return std::nullopt;
    if (k > 0 && is_off_particle_verb(word(k - 1)))
        return std::nullopt;
    if (const auto km = distance_before(tokens, k)) {
        s.beyond_km = *km;
        s.distance_given = true;
    }
    return s;
}

} // namespace kharita::detail
