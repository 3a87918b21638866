#include "kharita/document/article.hpp"
#include "kharita/document/article_lines.hpp"

#include "kharita/base/error.hpp"
#include "kharita/text/normalize.hpp"

#include "document/article_stages.hpp"

#include <chrono>
#include <fstream>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace kharita {

namespace {

using detail::Line;
using detail::lines_of;

std::size_t words(std::string_view s) {
    std::size_t n = 0;
    bool in = false;
    for (char c : s) {
        const bool space = c == ' ' || c == '\t';
        if (!space && !in)
            ++n;
        in = !space;
    }
    return n;
}

bool ends_sentence(std::string_view s) {
    if (s.empty())
        return false;
    const char c = s.back();
    return c == '.' || c == '!' || c == '?' || c == '"' || c == ')' ||
           s.ends_with("\xE2\x80\x9D") || s.ends_with("\xE2\x80\x99");
}

/// A line of prose: long enough, or a complete sentence.
bool prose(std::string_view s) {
    return words(s) >= 8 || (words(s) >= 4 && ends_sentence(s));
}

/// An article header on an aggregator page: [source] / age / [- source] / title, or
/// title / source / age / story.
struct Header {
    std::size_t first_line, title_line; ///< the header's first line (source, age or headline)
    std::string source;
    detail::RelativeAge age;
};

/// The article headers of a page, in order: each line that is only an age, with the short
/// source line before it (or a "- source" line after it) and the first non-empty line after
/// those as the title.
std::vector<Header> article_headers(const std::vector<Line>& lines) {
    std::vector<Header> headers;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const auto age = detail::relative_age(lines[k].text);
        if (!age)
            continue;
        Header h{k, k + 1, {}, *age};
        if (k > 0 && !lines[k - 1].text.empty() && words(lines[k - 1].text) <= 6 &&
            !ends_sentence(lines[k - 1].text)) {
            h.first_line = k - 1;
            h.source = std::string(lines[k - 1].text);
        }
        std::size_t t = k + 1;
        if (t < lines.size() && lines[t].text.starts_with("- ")) {
            if (h.source.empty())
                h.source = std::string(lines[t].text.substr(2));
            ++t;
        }
        while (t < lines.size() && lines[t].text.empty())
            ++t;
        if (t >= lines.size())
            continue;
        h.title_line = t;
        // "headline / source / age / story": the line after the age is the story's first
        // paragraph, and the headline is the line of its own right above the source (or the
        // age); the header starts there
        if (const std::size_t above = h.first_line;
            ends_sentence(lines[t].text) && words(lines[t].text) >= 8 && above > 0 &&
            !lines[above - 1].text.empty() && !ends_sentence(lines[above - 1].text) &&
            words(lines[above - 1].text) >= 3 && !detail::relative_age(lines[above - 1].text)) {
            h.first_line = h.title_line = above - 1;
        }
        headers.push_back(h);
    }
    return headers;
}

/// The article whose title is line `from`: the title, then the prose lines until `to`;
/// chrome (short lines that are no sentences) after the prose has started ends it.
Article article_body(const std::vector<Line>& lines, std::size_t from, std::size_t to) {
    Article a;
    bool started = false;
    a.start = lines[from].start;
    a.end = lines[from].end;
    a.text = std::string(lines[from].text); // the title
    a.title = std::string(lines[from].text);
    for (std::size_t k = from + 1; k < to; ++k) {
        const std::string_view t = lines[k].text;
        if (t.empty() || t == a.title)
            continue; // the headline again (a page's <title> and its <h1>)
        if (prose(t)) {
            // a long headline or deck before the story does not start it: the byline and
            // other chrome between them would end the article before its first sentence
            started = started || ends_sentence(t);
            a.text += "\n";
            a.text += t;
            a.end = lines[k].end;
        } else if (started) {
            break;
        }
    }
    return a;
}

/// The lead article's publication day, from one of its first four non-empty lines (the
/// title's included), when one states it.
void set_lead_publication_day(Article& lead, const std::vector<Line>& lines, std::size_t first,
                              std::size_t lead_end) {
    lead.published_note = "the page states no publication time";
    for (std::size_t k = first, seen = 0; k < lead_end && seen < 4 && !lead.published; ++k) {
        if (lines[k].text.empty())
            continue;
        ++seen;
        if (const auto stated = detail::stated_publication_day(lines[k].text)) {
            lead.published = stated->day;
            lead.published_note = stated->how;
        }
    }
}

/// A listed article's publication day, from its age and the retrieval time.
void set_publication_from_age(Article& a, const detail::RelativeAge& age,
                              const std::optional<LocalTime>& retrieved_at) {
    if (!retrieved_at) {
        a.published_note = "relative age, but no retrieval time was given";
        return;
    }
    a.published = detail::day_of_age(age, *retrieved_at);
    a.published_precision =
        age.unit == detail::AgeUnit::months ? TimePrecision::month : TimePrecision::day;
    a.published_note = "relative age counted back from the retrieval time";
}

} // namespace

namespace detail {

std::string_view trim_blanks(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return s;
}

std::vector<Line> lines_of(std::string_view s) {
    std::vector<Line> out;
    std::size_t i = 0;
    while (i <= s.size()) {
        std::size_t j = s.find('\n', i);
        if (j == std::string_view::npos)
            j = s.size();
        const std::string_view text = trim_blanks(s.substr(i, j - i));
        const auto a = static_cast<std::size_t>(text.data() - s.data());
        out.push_back({a, a + text.size(), text});
        if (j == s.size())
            break;
        i = j + 1;
    }
    return out;
}

std::optional<RelativeAge> relative_age(std::string_view s) {
    if (s == "yesterday" || s == "Yesterday")
        return RelativeAge{1, AgeUnit::days};
    if (s == "just now" || s == "Just now")
        return RelativeAge{0, AgeUnit::hours};
    std::size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i;
    if (i == 0 || i > 4)
        return std::nullopt;
    const long n = std::strtol(std::string(s.substr(0, i)).c_str(), nullptr, 10);
    std::string_view rest = s.substr(i);
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    if (!rest.ends_with(" ago"))
        return std::nullopt;
    rest.remove_suffix(4);
    if (rest.starts_with("min"))
        return RelativeAge{n, AgeUnit::minutes};
    if (rest.starts_with("hour") || rest == "h" || rest == "hr" || rest == "hrs")
        return RelativeAge{n, AgeUnit::hours};
    if (rest.starts_with("day"))
        return RelativeAge{n, AgeUnit::days};
    if (rest.starts_with("week"))
        return RelativeAge{n * 7, AgeUnit::days};
    if (rest.starts_with("month"))
        return RelativeAge{n, AgeUnit::months};
    if (rest.starts_with("year"))
        return RelativeAge{n * 12, AgeUnit::months};
    return std::nullopt;
}

CivilDay day_of_age(const RelativeAge& age, const LocalTime& retrieved_at) {
    const long n = age.count;
    const int minute = retrieved_at.minute_of_day;
    const CivilDay d = retrieved_at.day;
    switch (age.unit) {
    case AgeUnit::days:
        return d.plus_days(-n);
    case AgeUnit::months:
        return d.plus_months(-static_cast<int>(n));
    case AgeUnit::hours:
        if (minute >= 0 && n * 60 > minute)
            return d.plus_days(-1 - (n * 60 - minute) / (24L * 60));
        if (minute < 0 && n >= 12)
            return d.plus_days(-(n + 12) / 24); // no time of day given: the middle of the day
        return d;
    case AgeUnit::minutes:
        break;
    }
    return d;
}

std::optional<StatedDay> stated_publication_day(std::string_view line) {
    std::string_view head = line.substr(0, 120);
    std::size_t dash = std::string_view::npos;
    for (std::string_view d : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) // hyphen, en, em dash
        dash = std::min(dash, head.find(d));
    std::string_view how = "dateline";
    if (dash != std::string_view::npos) {
        head = head.substr(0, dash);
    } else if (const std::size_t colon = head.find(':');
               colon != std::string_view::npos && colon < 12 &&
               (head.starts_with("Date") || head.starts_with("Published") ||
                head.starts_with("DATE"))) {
        head = head.substr(colon + 1);
        how = "date header line";
    } else if (line.size() > 40) {
        return std::nullopt; // a sentence, not a place-and-date line
    }
    std::optional<StatedDay> out;
    // Reports on the Middle East and North Africa write numeric dates day first
    // ("04/08/2014" is 4 August); a date that can only be month first still reads so.
    TimexOptions options;
    options.little_endian = true;
    for (const Timex& t : TemporalTagger().find(head, std::nullopt, options)) {
        if (t.relative || (t.precision != TimePrecision::day && t.precision != TimePrecision::time))
            continue;
        out = StatedDay{t.first, how};
    }
    return out;
}

std::string decode_entity(std::string_view entity) {
    std::string rep;
    if (entity == "amp")
        rep = "&";
    else if (entity == "lt")
        rep = "<";
    else if (entity == "gt")
        rep = ">";
    else if (entity == "quot")
        rep = "\"";
    else if (entity == "apos" || entity == "#39")
        rep = "'";
    else if (entity == "nbsp")
        rep = " ";
    else if (!entity.empty() && entity[0] == '#') {
        const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
        const long cp =
            std::strtol(std::string(entity.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10);
        if (cp > 0 && cp < 0x110000)
            append_utf8(rep, static_cast<char32_t>(cp));
    } else {
        // the named entities of Latin-1 and the punctuation news pages use
        static constexpr std::array<std::pair<std::string_view, char32_t>, 96> kNamed = {{
            {"ndash", 0x2013},  {"mdash", 0x2014},  {"lsquo", 0x2018},  {"rsquo", 0x2019},
            {"sbquo", 0x201A},  {"ldquo", 0x201C},  {"rdquo", 0x201D},  {"bdquo", 0x201E},
            {"hellip", 0x2026}, {"bull", 0x2022},   {"middot", 0xB7},   {"prime", 0x2032},
            {"Prime", 0x2033},  {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"laquo", 0xAB},
            {"raquo", 0xBB},    {"ensp", 0x2002},   {"emsp", 0x2003},   {"thinsp", 0x2009},
            {"copy", 0xA9},     {"reg", 0xAE},      {"trade", 0x2122},  {"deg", 0xB0},
            {"times", 0xD7},    {"divide", 0xF7},   {"plusmn", 0xB1},   {"frac12", 0xBD},
            {"frac14", 0xBC},   {"frac34", 0xBE},   {"sect", 0xA7},     {"para", 0xB6},
            {"euro", 0x20AC},   {"pound", 0xA3},    {"cent", 0xA2},     {"yen", 0xA5},
            {"iexcl", 0xA1},    {"iquest", 0xBF},   {"Agrave", 0xC0},   {"Aacute", 0xC1},
            {"Acirc", 0xC2},    {"Atilde", 0xC3},   {"Auml", 0xC4},     {"Aring", 0xC5},
            {"AElig", 0xC6},    {"Ccedil", 0xC7},   {"Egrave", 0xC8},   {"Eacute", 0xC9},
            {"Ecirc", 0xCA},    {"Euml", 0xCB},     {"Igrave", 0xCC},   {"Iacute", 0xCD},
            {"Icirc", 0xCE},    {"Iuml", 0xCF},     {"Ntilde", 0xD1},   {"Ograve", 0xD2},
            {"Oacute", 0xD3},   {"Ocirc", 0xD4},    {"Otilde", 0xD5},   {"Ouml", 0xD6},
            {"Oslash", 0xD8},   {"Ugrave", 0xD9},   {"Uacute", 0xDA},   {"Ucirc", 0xDB},
            {"Uuml", 0xDC},     {"Yacute", 0xDD},   {"szlig", 0xDF},    {"agrave", 0xE0},
            {"aacute", 0xE1},   {"acirc", 0xE2},    {"atilde", 0xE3},   {"auml", 0xE4},
            {"aring", 0xE5},    {"aelig", 0xE6},    {"ccedil", 0xE7},   {"egrave", 0xE8},
            {"eacute", 0xE9},   {"ecirc", 0xEA},    {"euml", 0xEB},     {"igrave", 0xEC},
            {"iacute", 0xED},   {"icirc", 0xEE},    {"iuml", 0xEF},     {"ntilde", 0xF1},
            {"ograve", 0xF2},   {"oacute", 0xF3},   {"ocirc", 0xF4},    {"otilde", 0xF5},
            {"ouml", 0xF6},     {"oslash", 0xF8},   {"ugrave", 0xF9},   {"uacute", 0xFA},
            {"ucirc", 0xFB},    {"uuml", 0xFC},     {"yacute", 0xFD},   {"yuml", 0xFF},
        }};
        for (const auto& [name, cp] : kNamed) {
            if (entity == name)
                append_utf8(rep, cp);
        }
    }
    return rep;
}

std::size_t skip_element(std::string_view html, std::size_t at, std::string& out) {
    const auto lower_at = [&](std::size_t i, std::string_view word) {
        if (i + word.size() > html.size())
            return false;
        for (std::size_t k = 0; k < word.size(); ++k) {
            if (std::tolower(static_cast<unsigned char>(html[i + k])) != word[k])
                return false;
        }
        return true;
    };
    std::size_t i = at;
    // drop <script>...</script> and <style>...</style> whole
    for (std::string_view skip : {"script", "style"}) {
        if (lower_at(i + 1, skip)) {
            const std::string close = "</" + std::string(skip);
            std::size_t j = i;
            while (j < html.size() && !lower_at(j, close))
                ++j;
            i = j;
            break;
        }
    }
    const std::size_t end = html.find('>', i);
    if (end == std::string_view::npos)
        return end;
    std::size_t name = i + 1;
    if (name < end && html[name] == '/')
        ++name;
    std::string tag;
    while (name < end && std::isalnum(static_cast<unsigned char>(html[name])))
        tag += static_cast<char>(std::tolower(static_cast<unsigned char>(html[name++])));
    static constexpr std::array<std::string_view, 14> kBlocks = {
        "p",  "br", "div", "li", "tr",      "h1",      "h2",
        "h3", "h4", "h5",  "h6", "article", "section", "title"};
    out += std::find(kBlocks.begin(), kBlocks.end(), tag) != kBlocks.end() ? '\n' : ' ';
    return end + 1;
}

std::string collapse_spaces(std::string_view text) {
    std::string tidy;
    bool space = false;
    for (char c : text) {
        if (c == ' ') {
            space = true;
            continue;
        }
        if (space && c != '\n' && !tidy.empty() && tidy.back() != '\n')
            tidy += ' ';
        space = false;
        tidy += c;
    }
    return tidy;
}

} // namespace detail

std::vector<Article> split_articles(std::string_view page,
                                    const std::optional<LocalTime>& retrieved_at) {
    const std::vector<Line> lines = lines_of(page);
    const std::vector<Header> headers = article_headers(lines);
    std::vector<Article> out;
    // the lead article: everything before the first header
    const std::size_t lead_end = headers.empty() ? lines.size() : headers.front().first_line;
    std::size_t first = 0;
    while (first < lead_end && lines[first].text.empty())
        ++first;
    if (first < lead_end) {
        Article lead = article_body(lines, first, lead_end);
        if (!lead.text.empty()) {
            set_lead_publication_day(lead, lines, first, lead_end);
            out.push_back(std::move(lead));
        }
    }
    // the listed articles, each until the next header
    for (std::size_t h = 0; h < headers.size(); ++h) {
        const std::size_t to = h + 1 < headers.size() ? headers[h + 1].first_line : lines.size();
        Article a = article_body(lines, headers[h].title_line, to);
        a.source = headers[h].source;
        set_publication_from_age(a, headers[h].age, retrieved_at);
        out.push_back(std::move(a));
    }
    return out;
}

std::string html_to_text(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    std::size_t i = 0;
    while (i < html.size()) {
        if (html[i] == '<') {
            i = detail::skip_element(html, i, out);
            if (i == std::string_view::npos)
                break; // a tag that never closes ends the text
            continue;
        }
        if (html[i] == '&') {
            const std::size_t semi = html.find(';', i);
            if (semi != std::string_view::npos && semi - i <= 10) {
                const std::string rep = detail::decode_entity(html.substr(i + 1, semi - i - 1));
                if (!rep.empty()) {
                    out += rep;
                    i = semi + 1;
                    continue;
                }
            }
        }
        out += html[i] == '\r' || html[i] == '\t' ? ' ' : html[i];
        ++i;
    }
    return detail::collapse_spaces(out);
}

namespace {

/// The publication day an HTML page declares: <meta property="article:published_time">
/// (or name="date", itemprop="datePublished"), else the first <time datetime="...">.
std::pair<std::optional<CivilDay>, const char*> html_publication_day(std::string_view html) {
    const auto attribute = [&](std::size_t tag, std::string_view name) -> std::string_view {
        const std::size_t close = html.find('>', tag);
        const std::string_view element =
            html.substr(tag, close == std::string_view::npos ? 400 : close - tag);
        const std::size_t at = element.find(name);
        if (at == std::string_view::npos)
            return {};
        std::size_t v = at + name.size();
        while (v < element.size() && (element[v] == ' ' || element[v] == '='))
            ++v;
        if (v >= element.size() || (element[v] != '"' && element[v] != '\''))
            return {};
        const char quote = element[v];
        const std::size_t end = element.find(quote, v + 1);
        return end == std::string_view::npos ? std::string_view()
                                             : element.substr(v + 1, end - v - 1);
    };
    for (std::size_t m = html.find("<meta"); m != std::string_view::npos;
         m = html.find("<meta", m + 5)) {
        const std::string_view key =
            attribute(m, "property").empty() ? attribute(m, "name") : attribute(m, "property");
        const std::string_view item = attribute(m, "itemprop");
        if (key == "article:published_time" || key == "date" || key == "pubdate" ||
            item == "datePublished") {
            if (const auto t = LocalTime::parse(attribute(m, "content")))
                return {t->day, "HTML meta published time"};
        }
    }
    if (const std::size_t t = html.find("<time"); t != std::string_view::npos) {
        if (const auto day = LocalTime::parse(attribute(t, "datetime")))
            return {day->day, "HTML time element"};
    }
    return {std::nullopt, ""};
}

} // namespace

std::vector<Article> read_articles(const std::filesystem::path& file,
                                   const std::optional<LocalTime>& retrieved_at,
                                   Diagnostics& problems) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw InputError(file.string(), "cannot open");
    }
    const std::string ext = file.extension().string();
    if (ext == ".jsonl") {
        std::vector<Article> out;
        read_article_lines(in, file.string(), problems,
                           [&](ArticleLine&& line) { out.push_back(std::move(line.article)); });
        return out;
    }
    const std::string content{std::istreambuf_iterator<char>(in), {}};
    if (ext == ".html" || ext == ".htm") {
        std::vector<Article> articles = split_articles(html_to_text(content), retrieved_at);
        if (!articles.empty() && !articles.front().published) {
            if (const auto [day, how] = html_publication_day(content); day) {
                articles.front().published = day;
                articles.front().published_note = how;
            }
        }
        return articles;
    }
    return split_articles(content, retrieved_at);
}

std::optional<LocalTime> file_modification_day(const std::filesystem::path& file) {
    std::error_code ec;
    const auto mtime = std::filesystem::last_write_time(file, ec);
    if (ec)
        return std::nullopt;
    const auto sys = std::chrono::file_clock::to_sys(mtime);
    const auto days = std::chrono::floor<std::chrono::days>(sys);
    return LocalTime{CivilDay::from_serial(days.time_since_epoch().count()), -1};
}

} // namespace kharita
