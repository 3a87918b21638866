#include "kharita/eval/time_eval.hpp"

#include "kharita/text/normalize.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

namespace kharita {

namespace {

namespace fs = std::filesystem;

std::size_t code_points(std::string_view s) noexcept {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// A problem in a TimeML file, to be reported with the file's name.
struct TmlError {
    std::string message;
};

/// The text of `raw` with the five XML entities and numeric references decoded.
std::string decode_entities(std::string_view raw, std::size_t line) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '&') {
            out += raw[i];
            continue;
        }
        const std::size_t semi = raw.find(';', i);
        if (semi == std::string_view::npos || semi - i > 10)
            throw TmlError{"not well-formed XML: a '&' that starts no entity, line " +
                           std::to_string(line)};
        const std::string_view name = raw.substr(i + 1, semi - i - 1);
        if (name == "amp") {
            out += '&';
        } else if (name == "lt") {
            out += '<';
        } else if (name == "gt") {
            out += '>';
        } else if (name == "quot") {
            out += '"';
        } else if (name == "apos") {
            out += '\'';
        } else if (name.size() > 1 && name[0] == '#') {
            const bool hex = name[1] == 'x';
            unsigned long cp = 0;
            try {
                cp = std::stoul(std::string(name.substr(hex ? 2 : 1)), nullptr, hex ? 16 : 10);
            } catch (const std::exception&) {
                throw TmlError{"not well-formed XML: bad character reference &" +
                               std::string(name) + "; line " + std::to_string(line)};
            }
            if (cp > 0x10FFFF)
                throw TmlError{"not well-formed XML: character reference &" + std::string(name) +
                               "; beyond Unicode, line " + std::to_string(line)};
            append_utf8(out, static_cast<char32_t>(cp));
        } else {
            throw TmlError{"not well-formed XML: unknown entity &" + std::string(name) + "; line " +
                           std::to_string(line)};
        }
        i = semi;
    }
    return out;
}

/// An element's start or end tag: its name and attributes.
struct Tag {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    bool closing = false, empty = false;

    std::optional<std::string> attribute(std::string_view key) const {
        for (const auto& [k, v] : attributes) {
            if (k == key)
                return v;
        }
        return std::nullopt;
    }
    /// "TIMEX3 tid=t3" for messages.
    std::string label() const {
        const auto tid = attribute("tid");
        return tid ? name + " tid=" + *tid : name;
    }
};

Tag parse_tag(std::string_view body, std::size_t line) {
    Tag tag;
    std::size_t i = 0;
    if (!body.empty() && body[0] == '/') {
        tag.closing = true;
        ++i;
    }
    if (!body.empty() && body.back() == '/') {
        tag.empty = true;
        body.remove_suffix(1);
    }
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (i < body.size() && !space(body[i]))
        tag.name += body[i++];
    const auto bad = [&](const std::string& what) {
        return TmlError{"not well-formed XML: " + what + " in <" + tag.name + ">, line " +
                        std::to_string(line)};
    };
    if (tag.name.empty())
        throw bad("a tag without a name");
    while (true) {
        while (i < body.size() && space(body[i]))
            ++i;
        if (i >= body.size())
            break;
        if (tag.closing)
            throw bad("attributes on an end tag");
        const std::size_t eq = body.find('=', i);
        if (eq == std::string_view::npos || eq + 1 >= body.size() ||
            (body[eq + 1] != '"' && body[eq + 1] != '\'')) {
            throw bad("an attribute without a quoted value");
        }
        std::string key(body.substr(i, eq - i));
        while (!key.empty() && space(key.back()))
            key.pop_back();
        const std::size_t close = body.find(body[eq + 1], eq + 2);
        if (close == std::string_view::npos)
            throw bad("an unterminated attribute value");
        tag.attributes.emplace_back(std::move(key),
                                    decode_entities(body.substr(eq + 2, close - eq - 2), line));
        i = close + 1;
    }
    return tag;
}

/// What the reader keeps while walking a TimeML file.
struct TmlState {
    TimexDocument doc;
    std::vector<std::string> open; ///< element names from the root
    bool in_text = false, seen_text = false, in_dct = false;
    std::optional<GoldTimex> timex; ///< the TIMEX3 being read in TEXT
    std::size_t text_bytes_at_timex = 0;
    std::optional<std::string> dct_value;
};

void start_element(TmlState& s, const Tag& tag) {
    if (tag.name == "TEXT") {
        s.in_text = true;
        s.seen_text = true;
    } else if (tag.name == "DCT") {
        s.in_dct = true;
    } else if (tag.name == "TIMEX3" && s.in_dct) {
        const auto v = tag.attribute("value");
        if (!v)
            throw TmlError{"element DCT/" + tag.label() + ": no value"};
        s.dct_value = *v;
    } else if (tag.name == "TIMEX3" && s.in_text) {
        if (s.timex)
            throw TmlError{"element " + tag.label() + ": a TIMEX3 inside another"};
        const auto v = tag.attribute("value");
        if (!v)
            throw TmlError{"element " + tag.label() + ": no value"};
        GoldTimex g;
        g.value = *v;
        g.type = tag.attribute("type").value_or("");
        g.mod = tag.attribute("mod").value_or("");
        g.quant = tag.attribute("quant").value_or("");
        g.freq = tag.attribute("freq").value_or("");
        g.start = code_points(s.doc.text);
        s.text_bytes_at_timex = s.doc.text.size();
        s.timex = std::move(g);
    }
}

void end_element(TmlState& s, const std::string& name) {
    if (name == "TEXT")
        s.in_text = false;
    else if (name == "DCT")
        s.in_dct = false;
    else if (name == "TIMEX3" && s.in_text && s.timex) {
        s.timex->text = s.doc.text.substr(s.text_bytes_at_timex);
        s.timex->end = s.timex->start + code_points(s.timex->text);
        s.doc.gold.push_back(std::move(*s.timex));
        s.timex.reset();
    }
}

/// Reads one TimeML document; throws TmlError.
TimexDocument parse_tml(std::string_view xml) {
    TmlState s;
    std::size_t line = 1;
    std::size_t i = 0;
    const auto count_lines = [&](std::size_t from, std::size_t to) {
        line += static_cast<std::size_t>(std::count(xml.begin() + static_cast<std::ptrdiff_t>(from),
                                                    xml.begin() + static_cast<std::ptrdiff_t>(to),
                                                    '\n'));
    };
    while (i < xml.size()) {
        const std::size_t lt = xml.find('<', i);
        const std::size_t text_end = lt == std::string_view::npos ? xml.size() : lt;
        if (text_end > i) {
            const std::string text = decode_entities(xml.substr(i, text_end - i), line);
            if (s.in_text)
                s.doc.text += text;
            count_lines(i, text_end);
        }
        if (lt == std::string_view::npos)
            break;
        std::string_view rest = xml.substr(lt);
        std::size_t close = 0;
        if (rest.starts_with("<!--")) {
            close = xml.find("-->", lt);
            close = close == std::string_view::npos ? close : close + 3;
        } else if (rest.starts_with("<![CDATA[")) {
            close = xml.find("]]>", lt);
            if (close != std::string_view::npos && s.in_text)
                s.doc.text += xml.substr(lt + 9, close - lt - 9);
            close = close == std::string_view::npos ? close : close + 3;
        } else if (rest.starts_with("<?") || rest.starts_with("<!")) {
            close = xml.find('>', lt);
            close = close == std::string_view::npos ? close : close + 1;
        } else {
            close = xml.find('>', lt);
            if (close != std::string_view::npos) {
                const Tag tag = parse_tag(xml.substr(lt + 1, close - lt - 1), line);
                if (tag.closing) {
                    if (s.open.empty() || s.open.back() != tag.name) {
                        throw TmlError{"not well-formed XML: </" + tag.name + "> closes " +
                                       (s.open.empty() ? "nothing" : "<" + s.open.back() + ">") +
                                       ", line " + std::to_string(line)};
                    }
                    s.open.pop_back();
                    end_element(s, tag.name);
                } else {
                    start_element(s, tag);
                    if (tag.empty)
                        end_element(s, tag.name);
                    else
                        s.open.push_back(tag.name);
                }
                ++close;
            }
        }
        if (close == std::string_view::npos)
            throw TmlError{"not well-formed XML: a tag left open, line " + std::to_string(line)};
        count_lines(lt, close);
        i = close;
    }
    if (!s.open.empty())
        throw TmlError{"not well-formed XML: <" + s.open.back() + "> is never closed"};
    if (!s.seen_text)
        throw TmlError{"no TEXT element"};
    if (!s.dct_value)
        throw TmlError{"no DCT element with a TIMEX3"};
    const auto dct = LocalTime::parse(*s.dct_value);
    if (!dct)
        throw TmlError{"element DCT: value \"" + *s.dct_value + "\" is not a date"};
    s.doc.dct = *dct;
    return std::move(s.doc);
}

void read_tml_file(const fs::path& file, std::vector<TimexDocument>& out,
                   std::vector<std::string>& problems) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problems.push_back(file.string() + ": cannot be read");
        return;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    try {
        TimexDocument doc = parse_tml(buf.str());
        doc.id = file.filename().string();
        out.push_back(std::move(doc));
    } catch (const TmlError& e) {
        problems.push_back(file.string() + ": " + e.message + "; file skipped");
    }
}

/// One JSON Lines case; throws TmlError naming the field.
TimexDocument parse_case(const nlohmann::json& j) {
    TimexDocument doc;
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string())
        throw TmlError{"field \"text\": missing or not a string"};
    doc.id = j.value("id", "");
    doc.text = j["text"].get<std::string>();
    const auto dct = LocalTime::parse(j.value("dct", ""));
    if (!dct)
        throw TmlError{"field \"dct\": \"" + j.value("dct", "") + "\" is not a date"};
    doc.dct = *dct;
    const std::size_t length = code_points(doc.text);
    for (const auto& e : j.value("expected", nlohmann::json::array())) {
        GoldTimex g;
        g.text = e.value("text", "");
        g.type = e.value("type", "");
        g.value = e.value("value", "");
        g.mod = e.value("mod", "");
        g.quant = e.value("quant", "");
        g.freq = e.value("freq", "");
        if (g.value.empty())
            throw TmlError{"field \"expected\": \"" + g.text + "\" has no value"};
        if (e.contains("start")) {
            g.start = e.value("start", std::size_t{0});
            g.end = e.value("end", g.start);
            if (g.end > length || g.start > g.end)
                throw TmlError{"field \"expected\": offsets " + std::to_string(g.start) + "-" +
                               std::to_string(g.end) + " beyond the text (" +
                               std::to_string(length) + " code points)"};
        } else {
            const std::size_t at = doc.text.find(g.text);
            if (g.text.empty() || at == std::string::npos)
                throw TmlError{"field \"expected\": \"" + g.text + "\" is not in the text"};
            g.start = code_points(std::string_view(doc.text).substr(0, at));
            g.end = g.start + code_points(g.text);
        }
        doc.gold.push_back(std::move(g));
    }
    return doc;
}

void read_case_file(const fs::path& file, std::vector<TimexDocument>& out,
                    std::vector<std::string>& problems) {
    std::ifstream in(file);
    if (!in) {
        problems.push_back(file.string() + ": cannot be read");
        return;
    }
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        try {
            out.push_back(parse_case(nlohmann::json::parse(line)));
        } catch (const TmlError& e) {
            problems.push_back(file.string() + ":" + std::to_string(n) + ": " + e.message);
        } catch (const nlohmann::json::exception& e) {
            problems.push_back(file.string() + ":" + std::to_string(n) + ": not JSON (" + e.what() +
                               ")");
        }
    }
}

std::string found_label(const Timex& t) {
    std::string s = std::string(to_string(t.type)) + " " + t.value;
    if (t.mod != TimexMod::none)
        s += " " + std::string(to_string(t.mod));
    return s;
}

std::string gold_label(const GoldTimex& g) {
    return g.type + " " + g.value + (g.mod.empty() ? "" : " " + g.mod);
}

/// Scores one document into `s`.
void score_document(const TimexDocument& doc, const std::vector<Timex>& found, TimexScores& s) {
    s.documents++;
    s.gold += doc.gold.size();
    s.found += found.size();
    std::vector<bool> used(found.size(), false);
    bool all_right = true;
    for (const GoldTimex& g : doc.gold) {
        std::optional<std::size_t> hit;
        for (std::size_t k = 0; k < found.size(); ++k) {
            if (!used[k] && found[k].cp_start < g.end && g.start < found[k].cp_end) {
                hit = k;
                break;
            }
        }
        if (!hit) {
            s.errors.push_back({doc.id, "missed", g.text, gold_label(g), ""});
            all_right = false;
            continue;
        }
        used[*hit] = true;
        const Timex& t = found[*hit];
        s.relaxed++;
        if (t.cp_start == g.start && t.cp_end == g.end)
            s.strict++;
        const bool type_ok = to_string(t.type) == g.type;
        const bool value_ok = t.value == g.value;
        const bool mod_ok = to_string(t.mod) == (g.mod.empty() ? "" : g.mod) ||
                            (g.mod.empty() && t.mod == TimexMod::none);
        const bool quant_ok = g.quant.empty() || g.quant == t.quant;
        const bool freq_ok = g.freq.empty() || g.freq == t.freq;
        s.type_right += type_ok ? 1 : 0;
        s.value_right += value_ok ? 1 : 0;
        s.mod_right += mod_ok ? 1 : 0;
        if (!(type_ok && value_ok && mod_ok && quant_ok && freq_ok)) {
            all_right = false;
            s.errors.push_back({doc.id, value_ok ? "wrong type or mod" : "wrong value", g.text,
                                gold_label(g), found_label(t)});
        }
    }
    for (std::size_t k = 0; k < found.size(); ++k) {
        if (!used[k]) {
            all_right = false;
            s.errors.push_back({doc.id, "spurious", found[k].text, "", found_label(found[k])});
        }
    }
    if (all_right) {
        s.cases_right++;
        s.right_ids.push_back(doc.id);
    }
}

} // namespace

std::vector<TimexDocument> read_timex_documents(const fs::path& path,
                                                std::vector<std::string>& problems) {
    std::vector<TimexDocument> out;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(path, ec)) {
            if (entry.is_regular_file() && entry.path().extension() == ".tml")
                files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        if (files.empty())
            problems.push_back(path.string() + ": no .tml files");
        for (const auto& f : files)
            read_tml_file(f, out, problems);
    } else if (path.extension() == ".tml") {
        read_tml_file(path, out, problems);
    } else {
        read_case_file(path, out, problems);
    }
    return out;
}

Prf prf(std::size_t matches, std::size_t found, std::size_t gold) noexcept {
    Prf r;
    r.p = found ? static_cast<double>(matches) / static_cast<double>(found) : 0.0;
    r.r = gold ? static_cast<double>(matches) / static_cast<double>(gold) : 0.0;
    r.f1 = r.p + r.r > 0 ? 2 * r.p * r.r / (r.p + r.r) : 0.0;
    return r;
}

double value_f1(const TimexScores& s) noexcept {
    if (s.relaxed == 0)
        return 0.0;
    return prf(s.relaxed, s.found, s.gold).f1 * static_cast<double>(s.value_right) /
           static_cast<double>(s.relaxed);
}

TimexScores score_timexes(const std::vector<TimexDocument>& documents) {
    TimexScores s;
    const TemporalTagger tagger;
    for (const TimexDocument& doc : documents)
        score_document(doc, tagger.find(doc.text, doc.dct), s);
    return s;
}

} // namespace kharita
