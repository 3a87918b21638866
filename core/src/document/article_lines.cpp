#include "kharita/document/article_lines.hpp"

#include "document/json_lines.hpp"

#include <nlohmann/json.hpp>

namespace kharita {

namespace {

/// The string field `name` of `doc`: nullopt when absent or null; reported and nullopt when
/// it is another type.
std::optional<std::string> string_field(const nlohmann::json& doc, const char* name,
                                        const std::string& source, std::uint64_t line,
                                        Diagnostics& problems) {
    const auto it = doc.find(name);
    if (it == doc.end() || it->is_null())
        return std::nullopt;
    if (!it->is_string()) {
        problems.add(source, line, std::string(name) + ": not a string; ignored");
        return std::nullopt;
    }
    return it->get<std::string>();
}

/// The date-time field `name` of `doc`, if it has a readable one; a value that is no date
/// is reported and ignored.
std::optional<LocalTime> time_field(const nlohmann::json& doc, const char* name,
                                    const std::string& source, std::uint64_t line,
                                    Diagnostics& problems) {
    const auto text = string_field(doc, name, source, line, problems);
    if (!text)
        return std::nullopt;
    auto t = LocalTime::parse(*text);
    if (!t)
        problems.add(source, line,
                     std::string(name) + ": \"" + *text + "\" is not a date; ignored");
    return t;
}

/// The article of one line that parsed as JSON, or nullopt (reported) when it is none.
std::optional<ArticleLine> article_of(const nlohmann::json& doc, std::uint64_t line,
                                      const std::string& source, Diagnostics& problems) {
    if (!doc.is_object() || !doc.contains("text") || !doc["text"].is_string()) {
        problems.add(source, line, "text: missing or not a string");
        return std::nullopt;
    }
    ArticleLine out;
    out.line = line;
    Article& a = out.article;
    a.title = string_field(doc, "title", source, line, problems).value_or("");
    a.source = string_field(doc, "source", source, line, problems).value_or("");
    a.url = string_field(doc, "url", source, line, problems).value_or("");
    // the title heads the text, as it does in every other kind of input
    a.text = (a.title.empty() ? std::string() : a.title + "\n") + doc["text"].get<std::string>();
    a.start = 0;
    a.end = a.text.size();
    if (const auto published = time_field(doc, "published", source, line, problems)) {
        a.published = published->day;
        a.published_note = "published field";
    } else {
        a.published_note = "no published field";
    }
    out.retrieved_at = time_field(doc, "retrieved_at", source, line, problems);
    if (const auto id = doc.find("id"); id != doc.end())
        out.id_json = id->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return out;
}

} // namespace

void read_article_lines(std::istream& in, const std::string& source, Diagnostics& problems,
                        const std::function<void(ArticleLine&&)>& on_article) {
    detail::for_each_json_line(
        in,
        [&](const nlohmann::json& doc, std::uint64_t line) {
            if (auto a = article_of(doc, line, source, problems))
                on_article(std::move(*a));
        },
        [&](std::uint64_t line, const std::string& message) {
            problems.add(source, line, message);
        });
}

} // namespace kharita
