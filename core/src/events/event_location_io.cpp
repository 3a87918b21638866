// Reading event-location JSON Lines: the input of `kharita locate`, the gold of `kharita eval
// event-location` and the training set of `kharita train-locator`.

#include "kharita/events/event_location.hpp"

#include "document/json_lines.hpp"

#include "kharita/base/error.hpp"
#include "kharita/text/utf8.hpp"

#include <fstream>

namespace kharita {

namespace {

/// Byte offset of every code point of `text`, and the text's size at the end.
std::vector<std::size_t> code_point_bytes(std::string_view text) {
    std::vector<std::size_t> out;
    out.reserve(text.size() + 1);
    std::size_t at = 0;
    while (at < text.size()) {
        out.push_back(at);
        at += detail::decode_at(text, at).size;
    }
    out.push_back(text.size());
    return out;
}

/// A span {"start", "end"} in code points, checked against the text; throws InputError
/// naming the field (`name`.start) when it is missing, not a count, outside, inverted or
/// empty.
TextSpan read_span(const nlohmann::json& j, const std::string& name,
                   const std::vector<std::size_t>& bytes) {
    if (!j.is_object())
        throw InputError({}, 0, 0, name, "not an object {\"start\", \"end\"}");
    std::size_t v[2] = {0, 0};
    const char* keys[2] = {"start", "end"};
    for (int k = 0; k < 2; ++k) {
        const auto it = j.find(keys[k]);
        if (it == j.end())
            throw InputError({}, 0, 0, name + "." + keys[k], "missing");
        if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
            throw InputError({}, 0, 0, name + "." + keys[k],
                             "not a code point offset: " + it->dump());
        v[k] = it->get<std::size_t>();
    }
    const std::size_t length = bytes.size() - 1;
    for (int k = 0; k < 2; ++k) {
        if (v[k] > length) {
            throw InputError({}, 0, 0, {},
                             name + "." + keys[k] + " " + std::to_string(v[k]) +
                                 " is past the text's " + std::to_string(length) + " code points");
        }
    }
    if (v[0] > v[1]) {
        throw InputError({}, 0, 0, {},
                         name + ".start " + std::to_string(v[0]) + " is after " + name + ".end " +
                             std::to_string(v[1]));
    }
    if (v[0] == v[1])
        throw InputError({}, 0, 0, {},
                         name + " is empty (start = end = " + std::to_string(v[0]) + ")");
    return {bytes[v[0]], bytes[v[1]], v[0], v[1]};
}

EventLocationRecord read_record(const nlohmann::json& j, std::uint64_t line_no) {
    if (!j.is_object())
        throw InputError({}, 0, 0, {}, "not a JSON object");
    EventLocationRecord r;
    r.line = line_no;
    const auto id = j.find("id");
    if (id == j.end() || id->is_null())
        throw InputError({}, 0, 0, "id", "missing");
    r.id = id->is_string() ? id->get<std::string>() : id->dump();
    r.id_json = id->dump();
    const auto text = j.find("text");
    if (text == j.end() || !text->is_string())
        throw InputError({}, 0, 0, "text", text == j.end() ? "missing" : "not a string");
    r.text = text->get<std::string>();
    const std::vector<std::size_t> bytes = code_point_bytes(r.text);
    const auto event = j.find("event");
    if (event == j.end())
        throw InputError({}, 0, 0, "event", "missing");
    r.event = read_span(*event, "event", bytes);
    if (const auto locs = j.find("locations"); locs != j.end() && !locs->is_null()) {
        if (!locs->is_array())
            throw InputError({}, 0, 0, "locations", "not an array");
        for (std::size_t k = 0; k < locs->size(); ++k)
            r.locations.push_back(
                read_span((*locs)[k], "locations[" + std::to_string(k) + "]", bytes));
    }
    return r;
}

} // namespace

void read_event_location_lines(std::istream& in, const std::string& source, Diagnostics& problems,
                               const std::function<void(EventLocationRecord&&)>& on_record) {
    detail::for_each_json_line(
        in,
        [&](const nlohmann::json& j, std::uint64_t line_no) {
            EventLocationRecord r;
            try {
                r = read_record(j, line_no);
            } catch (const InputError& e) {
                problems.add(source, line_no,
                             e.field().empty() ? e.message() : e.field() + ": " + e.message());
                return;
            } catch (const nlohmann::json::exception& e) {
                problems.add(source, line_no, std::string("bad value: ") + e.what());
                return;
            }
            on_record(std::move(r));
        },
        [&](std::uint64_t line_no, const std::string& message) {
            problems.add(source, line_no, message);
        });
}

std::vector<EventLocationRecord> read_event_location_file(const std::string& path,
                                                          Diagnostics& problems) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, "cannot open");
    std::vector<EventLocationRecord> out;
    read_event_location_lines(in, path, problems,
                              [&](EventLocationRecord&& r) { out.push_back(std::move(r)); });
    return out;
}

} // namespace kharita
