#pragma once
// Stages of split_articles() and html_to_text() (document/article.hpp), private to the
// document layer and visible here for their tests.

#include "kharita/time/calendar.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::detail {

/// What a listed article's age counts in.
enum class AgeUnit : std::uint8_t { minutes, hours, days, months };

/// The age of a listed article on an aggregator page: "11 hours ago", "3 weeks ago" (21
/// days), "1 year ago" (12 months), "yesterday", "just now".
struct RelativeAge {
    long count = 0;
    AgeUnit unit = AgeUnit::days;
};

/// The age a whole (trimmed) line states, if it is nothing else.
std::optional<RelativeAge> relative_age(std::string_view line);

/// The day an article of age `age` was published, counted back from `retrieved_at`: hours
/// cross midnight only when the time of day is known or, without it, from 12 hours on
/// (counted from the middle of the day); minutes never do.
CivilDay day_of_age(const RelativeAge& age, const LocalTime& retrieved_at);

/// A publication day a lead article states in one of its first lines, and how it was found.
struct StatedDay {
    CivilDay day;
    std::string_view how; ///< "dateline", "date header line"
};

/// The publication day stated by `line`: a dateline "TRIPOLI, 14 May 2025 - ..." (the date
/// before the dash), a header field "Date: 2019-07-03", or a short line that is only a place
/// and a date ("Tripoli, 27/08/2022"). Only a day-precise, absolute date counts; of several,
/// the last.
std::optional<StatedDay> stated_publication_day(std::string_view line);

/// The text an HTML character reference stands for, given what is between '&' and ';'
/// ("amp", "#8217", "#x2019", "rsquo"); empty for one it does not know.
std::string decode_entity(std::string_view entity);

/// The HTML element at `at` (a '<'; with a script's or style's whole content): appends to
/// `out` the line break a block element stands for, or a space, and returns where the text
/// resumes, or npos when the tag never closes.
std::size_t skip_element(std::string_view html, std::size_t at, std::string& out);

/// `text` with each run of spaces made one and the spaces at the start of a line dropped
/// (a run before a line break goes too).
std::string collapse_spaces(std::string_view text);

/// `s` without the spaces, tabs and carriage returns at its ends.
std::string_view trim_blanks(std::string_view s);

/// A line of a text: its byte range without the newline, and its text trimmed.
struct Line {
    std::size_t start, end;
    std::string_view text;
};

/// The lines of `s`, in order; an empty text is one empty line.
std::vector<Line> lines_of(std::string_view s);

} // namespace kharita::detail
