#pragma once
// The text form of a learned model's weights, shared by the events layer's models
// (event_location.hpp, event_screen.hpp): comment lines ("# ..."), then one
// "name<TAB>number" line per setting or feature, sorted by name.

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kharita::detail {

/// Every "name<TAB>number" line of `text` (comments and blank lines skipped); InputError
/// names `source`, the line and the field "weight" for any other line or a number that is not
/// finite.
std::unordered_map<std::string, double> read_weights_text(std::string_view text,
                                                          const std::string& source);

/// `header` as comment lines, then `settings` in the order given, then `weights` sorted by
/// name, each "name<TAB>number" with six significant digits.
std::string weights_to_text(std::string_view header,
                            const std::vector<std::pair<std::string, double>>& settings,
                            const std::unordered_map<std::string, double>& weights);

} // namespace kharita::detail
