#include "geo/aliases.hpp"

#include "kharita/text/tokens.hpp"
#include "kharita/text/utf8.hpp"

#include <algorithm>

namespace kharita {

namespace {

/// An alias as the words it is matched by.
struct AliasWords {
    const PlaceNameAlias* alias = nullptr;
    std::vector<std::string> words;
};

Toponym alias_toponym(std::string_view text, const PlaceNameAlias& a, std::size_t start,
                      std::size_t end) {
    Toponym t;
    t.start = start;
    t.end = end;
    t.text = std::string(text.substr(start, end - start));
    t.kind = ToponymKind::place;
    t.name = a.name;
    t.position = a.position;
    t.geonameid = a.geonameid;
    t.feature = a.feature;
    t.country = a.country;
    t.admin1 = a.admin1;
    t.precision = a.precision;
    t.confidence = 1.0;
    t.why = a.why.empty() ? "team alias" : a.why;
    t.alias = true;
    return t;
}

} // namespace

void apply_aliases(std::string_view text, const std::vector<PlaceNameAlias>& aliases,
                   std::vector<Toponym>& toponyms) {
    std::vector<AliasWords> keys;
    for (const PlaceNameAlias& a : aliases) {
        AliasWords k{&a, {}};
        for (const detail::Token& w : detail::tokenize(a.alias))
            k.words.push_back(w.norm);
        if (!k.words.empty())
            keys.push_back(std::move(k));
    }
    // the longest first, so "Alshab port" wins over "Alshab"
    std::stable_sort(keys.begin(), keys.end(),
                     [](const auto& x, const auto& y) { return x.words.size() > y.words.size(); });
    const std::vector<detail::Token> tokens = detail::tokenize(text);
    std::vector<Toponym> found;
    for (std::size_t i = 0; i < tokens.size();) {
        const AliasWords* hit = nullptr;
        for (const AliasWords& k : keys) {
            if (i + k.words.size() > tokens.size())
                continue;
            bool same = true;
            for (std::size_t j = 0; j < k.words.size() && same; ++j)
                same = tokens[i + j].norm == k.words[j];
            if (same) {
                hit = &k;
                break;
            }
        }
        if (hit == nullptr) {
            ++i;
            continue;
        }
        const std::size_t last = i + hit->words.size() - 1;
        found.push_back(alias_toponym(text, *hit->alias, tokens[i].begin, tokens[last].end));
        i = last + 1;
    }
    if (found.empty())
        return;
    const auto overlaps = [&](const Toponym& t) {
        return std::any_of(found.begin(), found.end(),
                           [&](const Toponym& f) { return t.start < f.end && f.start < t.end; });
    };
    std::erase_if(toponyms, overlaps);
    toponyms.insert(toponyms.end(), found.begin(), found.end());
    std::sort(toponyms.begin(), toponyms.end(),
              [](const Toponym& a, const Toponym& b) { return a.start < b.start; });
    detail::CodePointCounter cp(text);
    for (Toponym& t : toponyms) {
        t.cp_start = cp.at(t.start);
        t.cp_end = cp.at(t.end);
    }
}

} // namespace kharita
