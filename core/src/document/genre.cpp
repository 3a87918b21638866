#include "kharita/document/genre.hpp"

#include "document/article_stages.hpp"

#include "kharita/text/normalize.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kharita {

namespace {

/// The labels outlets put on pieces that are not news reports, lower case.
constexpr std::array<std::pair<std::string_view, PageGenre>, 18> kLabels{{
    {"analysis", PageGenre::commentary},
    {"news analysis", PageGenre::commentary},
    {"opinion", PageGenre::commentary},
    {"op-ed", PageGenre::commentary},
    {"comment", PageGenre::commentary},
    {"commentary", PageGenre::commentary},
    {"editorial", PageGenre::commentary},
    {"column", PageGenre::commentary},
    {"viewpoint", PageGenre::commentary},
    {"explainer", PageGenre::explainer},
    {"explained", PageGenre::explainer},
    {"q&a", PageGenre::explainer},
    {"factbox", PageGenre::explainer},
    {"fact box", PageGenre::explainer},
    {"timeline", PageGenre::explainer},
    {"interview", PageGenre::interview},
    {"the interview", PageGenre::interview},
    {"voices", PageGenre::interview},
}};

std::optional<PageGenre> label(std::string_view field) {
    const std::string lower = ascii_lower(detail::trim_blanks(field));
    const auto* it = std::find_if(kLabels.begin(), kLabels.end(),
                                  [&](const auto& l) { return l.first == lower; });
    return it == kLabels.end() ? std::nullopt : std::optional<PageGenre>(it->second);
}

/// A label among the fields of `line` between separators (" | ", " - ", en and em dashes,
/// middle dots), or before the line's first colon or Reuters' glued hyphen ("ANALYSIS-Libya").
std::optional<PageGenre> line_label(std::string_view line) {
    static constexpr std::array<std::string_view, 6> kSeparators = {
        " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", " \xE2\x80\xA2 "};
    std::vector<std::string_view> fields;
    std::size_t from = 0;
    while (from <= line.size()) {
        std::size_t next = std::string_view::npos, width = 0;
        for (std::string_view sep : kSeparators) {
            const std::size_t at = line.find(sep, from);
            if (at < next) {
                next = at;
                width = sep.size();
            }
        }
        const std::string_view field = line.substr(
            from, next == std::string_view::npos ? std::string_view::npos : next - from);
        fields.push_back(field);
        if (next == std::string_view::npos)
            break;
        from = next + width;
    }
    // four fields or more are a site's menu ("World | Africa | Middle East | Opinion"), not
    // the piece's own label
    if (fields.size() <= 3) {
        for (std::string_view field : fields) {
            if (const auto g = label(field))
                return g;
        }
    }
    if (const std::size_t colon = line.find(": "); colon != std::string_view::npos && colon < 20)
        if (const auto g = label(line.substr(0, colon)))
            return g;
    // "ANALYSIS-Libya's ...": an upper-case label glued to the headline by a hyphen
    const std::size_t hyphen = line.find('-');
    if (hyphen != std::string_view::npos && hyphen < 20 && hyphen + 1 < line.size() &&
        line[hyphen + 1] != ' ') {
        const std::string_view head = line.substr(0, hyphen);
        if (!head.empty() && ascii_upper(head) == head)
            return label(head);
    }
    return std::nullopt;
}

} // namespace

PageGenre page_genre(std::string_view text) {
    std::size_t seen = 0, questions = 0;
    std::optional<PageGenre> labelled;
    for (const detail::Line& line : detail::lines_of(text)) {
        const std::string_view s = line.text;
        if (s.empty())
            continue;
        if (seen < 4 && !labelled && s.size() <= 150)
            labelled = line_label(s);
        ++seen;
        if (s.back() == '?' && s.size() >= 8 && s.size() <= 120)
            ++questions;
    }
    if (labelled)
        return *labelled;
    return questions >= 3 ? PageGenre::explainer : PageGenre::news;
}

std::string_view to_string(PageGenre genre) {
    switch (genre) {
    case PageGenre::commentary:
        return "commentary";
    case PageGenre::explainer:
        return "explainer";
    case PageGenre::interview:
        return "interview";
    case PageGenre::news:
        break;
    }
    return "news";
}

} // namespace kharita
