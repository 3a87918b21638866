#pragma once
// Scoring the temporal tagger against TIMEX3 annotations, as TempEval-3 does: documents read
// from TimeML files (.tml: DCT, TEXT and inline TIMEX3 elements) or from JSON Lines cases
// ({"id", "dct", "text", "expected": [{"text", "type", "value", "mod"?}]}).

#include "kharita/time/timex.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace kharita {

/// One gold TIMEX3: its extent in code points of the document text and its attributes.
struct GoldTimex {
    std::size_t start = 0, end = 0;
    std::string text;
    std::string type, value, mod, quant, freq; ///< TIMEX3 attribute strings
};

/// A document with its creation time and gold expressions.
struct TimexDocument {
    std::string id; ///< the file name, or the case id
    LocalTime dct;
    std::string text;
    std::vector<GoldTimex> gold;
};

/// Documents read from a .tml file, the .tml files of a directory (not its subdirectories),
/// or a JSON Lines case file. A file
/// or line that cannot be read is skipped and its problem, naming the file and the element
/// (or line), added to `problems`.
std::vector<TimexDocument> read_timex_documents(const std::filesystem::path& path,
                                                std::vector<std::string>& problems);

/// One gold or found expression that was not right.
struct TimexError {
    std::string document;
    std::string kind; ///< "missed", "spurious", "wrong value", "wrong type"
    std::string text, expected, found;
};

/// TempEval-3 counts: a strict match has the same extent, a relaxed match overlaps (each
/// gold and found expression matched at most once).
struct TimexScores {
    std::size_t documents = 0, gold = 0, found = 0;
    std::size_t strict = 0, relaxed = 0;         ///< matches
    std::size_t type_right = 0, value_right = 0; ///< of the relaxed matches
    std::size_t mod_right = 0;                   ///< of the relaxed matches
    std::size_t cases_right = 0;                 ///< documents with every attribute right
    std::vector<std::string> right_ids;          ///< those documents
    std::vector<TimexError> errors;
};

/// Precision, recall and F1 of `matches` among `found` and `gold`.
struct Prf {
    double p = 0, r = 0, f1 = 0;
};
Prf prf(std::size_t matches, std::size_t found, std::size_t gold) noexcept;
/// TempEval-3's value F1: relaxed F1 times the share of relaxed matches with the right value.
double value_f1(const TimexScores& s) noexcept;

/// Runs the tagger on each document (its DCT as the reference) and scores it.
TimexScores score_timexes(const std::vector<TimexDocument>& documents);

} // namespace kharita
