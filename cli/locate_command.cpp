// `kharita locate`, `kharita train-locator` and `kharita eval event-location`: event-to-place
// linking from the command line (core/include/kharita/events/event_location.hpp).

#include "commands.hpp"
#include "common.hpp"

#include "kharita/base/error.hpp"
#include "kharita/eval/event_location.hpp"
#include "kharita/events/event_location.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"
#include "kharita/text/utf8.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <limits>

namespace kharita::cli {

namespace {

void print_problems(const Diagnostics& problems, std::size_t first = 0) {
    const auto& examples = problems.examples();
    for (std::size_t k = first; k < examples.size(); ++k)
        fmt::print(stderr, "kharita: {}\n", examples[k].to_string());
}

void fail_on_problems(const std::string& file, const Diagnostics& problems, const char* what) {
    if (!problems.empty()) {
        throw InputError(file, std::to_string(problems.count()) +
                                   " problem(s) in the input (see above); the other " + what);
    }
}

/// One record's located spans as {"id", "locations": [...]}, offsets in code points.
nlohmann::json located_json(const EventLocationRecord& r, const std::vector<LocationSpan>& spans) {
    nlohmann::json locs = nlohmann::json::array();
    detail::CodePointCounter counter(r.text);
    for (const LocationSpan& s : spans) {
        const std::size_t start = counter.at(s.start);
        nlohmann::json j = {{"start", start},
                            {"end", counter.at(s.end)},
                            {"text", r.text.substr(s.start, s.end - s.start)},
                            {"score", std::round(s.score * 1000) / 1000},
                            {"name", nullptr},
                            {"lat", nullptr},
                            {"lon", nullptr},
                            {"geonameid", nullptr}};
        if (s.toponym && s.toponym->position.is_valid()) {
            j["name"] = s.toponym->name;
            j["lat"] = s.toponym->position.lat;
            j["lon"] = s.toponym->position.lon;
            if (s.toponym->geonameid != 0)
                j["geonameid"] = s.toponym->geonameid;
        }
        locs.push_back(std::move(j));
    }
    return {{"id", nlohmann::json::parse(r.id_json)}, {"locations", std::move(locs)}};
}

struct LocateArgs {
    std::string file;
    std::string gazetteer;
};

/// `kharita locate --jsonl FILE|-`: one result line per good input line, streamed; a bad
/// line is reported with its number as soon as it is read and skipped.
void run_locate(const LocateArgs& a) {
    std::ifstream file_in;
    std::istream& in = open_input(a.file, file_in);
    const Gazetteer g = Gazetteer::open(gazetteer_path(a.gazetteer));
    const Geoparser parser(g);
    const EventLocator& locator = EventLocator::builtin();
    Diagnostics problems(std::numeric_limits<std::size_t>::max());
    std::size_t printed = 0;
    read_event_location_lines(in, a.file, problems, [&](EventLocationRecord&& r) {
        print_problems(problems, printed);
        printed = problems.examples().size();
        const std::vector<Toponym> toponyms = parser.parse(r.text);
        const auto spans =
            locator.locate(r.text, 0, r.text.size(), r.event.start, r.event.end, toponyms, &g);
        std::cout << located_json(r, spans).dump(-1, ' ', false,
                                                 nlohmann::json::error_handler_t::replace)
                  << '\n';
    });
    print_problems(problems, printed);
    fail_on_problems(a.file, problems, "lines were located");
}

/// The gold records of `file`; their problems are printed, and fail the command.
std::vector<EventLocationRecord> read_gold(const std::string& file) {
    Diagnostics problems(std::numeric_limits<std::size_t>::max());
    std::vector<EventLocationRecord> records = read_event_location_file(file, problems);
    print_problems(problems);
    fail_on_problems(file, problems, "records were not read either");
    return records;
}

void print_location_scores(const std::string& label, const EventLocationScores& s) {
    fmt::print("{}: {} records ({} with a location, {} without)\n", label, s.records,
               s.with_location, s.without_location);
    fmt::print("  token precision {:.4f}  recall {:.4f}  F1 {:.4f}   (location words: {} right "
               "of {} predicted, {} gold)\n",
               s.precision(), s.recall(), s.f1(), s.true_words, s.predicted_words, s.gold_words);
    const auto acc = [](std::size_t right, std::size_t n) {
        return n == 0 ? std::string("-")
                      : fmt::format("{:.4f}", static_cast<double>(right) / static_cast<double>(n));
    };
    fmt::print("  sentence accuracy {}   with a location {}   without {}\n",
               acc(s.right, s.records), acc(s.right_with_location, s.with_location),
               acc(s.right_without_location, s.without_location));
    for (const EventLocationMiss& m : s.misses) {
        const auto list = [](const std::vector<std::string>& v) {
            std::string out;
            for (const std::string& x : v)
                out += (out.empty() ? "" : " | ") + x;
            return "[" + out + "]";
        };
        fmt::print("  {}  event {}  gold {}  predicted {}\n      {}\n", m.id, m.event, list(m.gold),
                   list(m.predicted), m.text);
    }
}

struct EvalArgs {
    std::string file;
    std::string pred;
    std::string gazetteer;
    std::string baseline;
    std::string save_pred;
    std::size_t errors = 0;
    std::size_t folds = 0;
    LocatorTrainingOptions options;
};

/// Predictions as score.py reads them: {"id", "locations": [{"start", "end"}]} per record.
void save_predictions(const std::string& path, const std::vector<EventLocationRecord>& gold,
                      const LocationPredictions& pred) {
    std::ofstream out(path, std::ios::binary);
    if (!out)
        throw InputError(path, "cannot write");
    for (const EventLocationRecord& r : gold) {
        nlohmann::json locs = nlohmann::json::array();
        if (const auto it = pred.find(r.id); it != pred.end())
            for (const TextSpan& s : it->second)
                locs.push_back({{"start", s.cp_start}, {"end", s.cp_end}});
        out << nlohmann::json{{"id", nlohmann::json::parse(r.id_json)}, {"locations", locs}}.dump()
            << '\n';
    }
    if (!out.flush())
        throw InputError(path, "write failed");
}

void run_eval(const EvalArgs& a) {
    const std::vector<EventLocationRecord> gold = read_gold(a.file);
    if (!a.pred.empty()) {
        Diagnostics problems(std::numeric_limits<std::size_t>::max());
        const LocationPredictions pred = read_location_predictions(a.pred, problems);
        print_problems(problems);
        fail_on_problems(a.pred, problems, "predictions were not read either");
        print_location_scores(a.file, score_event_locations(gold, pred, a.errors));
        return;
    }
    const Gazetteer g = Gazetteer::open(gazetteer_path(a.gazetteer));
    const Geoparser parser(g);
    const auto toponyms = geoparse_records(parser, gold);
    if (a.baseline == "all" || a.baseline == "nearest") {
        const auto kind = a.baseline == "all" ? LocationBaseline::all_toponyms
                                              : LocationBaseline::nearest_toponym;
        print_location_scores(
            a.file + " (baseline: " + a.baseline + " toponyms)",
            score_event_locations(gold, baseline_locations(kind, gold, toponyms), a.errors));
        return;
    }
    if (!a.baseline.empty())
        throw InputError("--baseline", "unknown baseline " + a.baseline + " (all or nearest)");
    const bool cv = a.folds >= 2;
    std::vector<LocatorTrainingOptions> tuned;
    const LocationPredictions pred =
        cv ? cross_validate_locations(gold, toponyms, a.folds, a.options, &g, {}, &tuned)
           : predict_locations(EventLocator::builtin(), gold, toponyms, &g);
    if (a.options.tune_folds >= 2) {
        for (std::size_t fold = 0; fold < tuned.size(); ++fold)
            fmt::print("fold {}: --threshold-more {} --list-ratio {} (chosen on its training "
                       "folds)\n",
                       fold, tuned[fold].threshold_more, tuned[fold].list_ratio);
    }
    if (!a.save_pred.empty())
        save_predictions(a.save_pred, gold, pred);
    print_location_scores(
        cv ? fmt::format("{} ({}-fold cross-validation, {} epochs, {} bags, seed {})", a.file,
                         a.folds, a.options.epochs, a.options.bags, a.options.seed)
           : a.file + " (builtin model)",
        score_event_locations(gold, pred, a.errors));
}

struct TrainArgs {
    std::string file;
    std::vector<std::string> added; ///< sentences that only train (reviewed events)
    std::string out;
    std::string gazetteer;
    std::size_t folds = 0;
    LocatorTrainingOptions options;
};

std::string today() {
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day ymd(days);
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

void run_train(const TrainArgs& a) {
    const std::vector<EventLocationRecord> records = read_gold(a.file);
    const Gazetteer g = Gazetteer::open(gazetteer_path(a.gazetteer));
    const Geoparser parser(g);
    const auto toponyms = geoparse_records(parser, records);
    ExtraTraining extra;
    for (const std::string& file : a.added) {
        for (EventLocationRecord& r : read_gold(file))
            extra.records.push_back(std::move(r));
    }
    extra.toponyms = geoparse_records(parser, extra.records);
    if (a.folds >= 2) {
        print_location_scores(
            fmt::format("{} ({}-fold cross-validation)", a.file, a.folds),
            score_event_locations(
                records, cross_validate_locations(records, toponyms, a.folds, a.options, &g)));
        if (!extra.records.empty()) {
            print_location_scores(
                fmt::format("{} ({}-fold cross-validation, {} added sentences in every "
                            "training fold)",
                            a.file, a.folds, extra.records.size()),
                score_event_locations(records, cross_validate_locations(records, toponyms, a.folds,
                                                                        a.options, &g, extra)));
        }
    }
    std::vector<EventLocationRecord> all = records;
    std::vector<std::vector<Toponym>> all_toponyms = toponyms;
    all.insert(all.end(), extra.records.begin(), extra.records.end());
    all_toponyms.insert(all_toponyms.end(), extra.toponyms.begin(), extra.toponyms.end());
    LocatorTrainingOptions options = a.options;
    if (options.tune_folds >= 2) {
        options = tune_location_thresholds(all, all_toponyms, options, &g);
        fmt::print("chosen in {}-fold cross-validation: --threshold-more {} --list-ratio {}\n",
                   options.tune_folds, options.threshold_more, options.list_ratio);
    }
    const EventLocator model = EventLocator::train(all, all_toponyms, options, &g);
    const std::string header = fmt::format(
        "Event-location model for kharita::EventLocator: a conditional logit (softmax over a\n"
        "sentence's candidate spans and \"none\"; features in\n"
        "core/src/events/event_location_features.cpp), one \"feature<TAB>weight\" line each.\n"
        "Reproduce: kharita train-locator --jsonl ../shared/eval/event-location/dev.jsonl -o "
        "data/models/event-location.txt --epochs {} --bags {} --seed {} --rate {} --min-records {} "
        "--threshold {} --threshold-more {} --list-ratio {}{}\n"
        "Training set: {} ({} records){}, trained {}",
        a.options.epochs, a.options.bags, a.options.seed, a.options.rate, a.options.min_records,
        a.options.threshold, a.options.threshold_more, a.options.list_ratio,
        a.options.tune_folds >= 2
            ? fmt::format(" --tune-folds {} (chose --threshold-more {} --list-ratio {})",
                          a.options.tune_folds, options.threshold_more, options.list_ratio)
            : std::string(),
        a.file, records.size(),
        a.added.empty()
            ? std::string()
            : fmt::format(" and {} ({} records)", fmt::join(a.added, ", "), extra.records.size()),
        today());
    std::ofstream out(a.out, std::ios::binary);
    if (!out)
        throw InputError(a.out, "cannot write");
    out << model.to_text(header);
    if (!out.flush())
        throw InputError(a.out, "write failed");
    fmt::print("wrote {} ({} features, thresholds {} and {}, list ratio {})\n", a.out,
               model.feature_count(), model.threshold(), model.threshold_more(),
               model.list_ratio());
}

void add_training_options(CLI::App* cmd, LocatorTrainingOptions& o) {
    cmd->add_option("--epochs", o.epochs, "Training passes over the sentences")
        ->check(CLI::Range(1, 1000));
    cmd->add_option("--seed", o.seed, "Seed of the order of the sentences in each pass");
    cmd->add_option("--bags", o.bags, "Models trained with seeds seed, seed+1, ... and averaged")
        ->check(CLI::Range(1, 100));
    cmd->add_option("--threshold", o.threshold,
                    "Probability the likeliest candidate must be above to be a location")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--min-records", o.min_records,
                    "Drop features seen in fewer training sentences");
    cmd->add_option("--l2", o.l2, "L2 penalty on the weights");
    cmd->add_option("--rate", o.rate, "AdaGrad's learning rate")->check(CLI::Range(1e-6, 10.0));
    cmd->add_option("--threshold-more", o.threshold_more,
                    "Probability any other candidate must be above")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--tune-folds", o.tune_folds,
                    "Choose --threshold-more and --list-ratio by a cross-validation of this many "
                    "folds of the training sentences (with --folds: inside each training fold)")
        ->check(CLI::Range(2, 20));
    cmd->add_option("--list-ratio", o.list_ratio,
                    "A member of the likeliest candidate's list (\"A, B and C\") must be above "
                    "this share of its probability (or above --threshold-more)")
        ->check(CLI::Range(0.0, 1.0));
}

} // namespace

void add_locate_commands(CLI::App& app) {
    auto la = std::make_shared<LocateArgs>();
    CLI::App* locate = app.add_subcommand(
        "locate", "Where each sentence's event happened: {id, text, event} lines in, "
                  "{id, locations} lines out");
    locate->add_option("--jsonl", la->file, "JSON Lines file, or - for standard input")->required();
    locate->add_option("--gazetteer,-g", la->gazetteer, "Gazetteer file (default: built one)");
    locate->callback([la] { run_locate(*la); });

    // `kharita train event-location` and its older name `kharita train-locator`: one command
    CLI::App* train_group = app.add_subcommand("train", "Train Kharita's learned models");
    train_group->require_subcommand(1);
    for (CLI::App* train :
         {app.add_subcommand("train-locator", "Train the event-location model (also: kharita "
                                              "train event-location)"),
          train_group->add_subcommand("event-location",
                                      "Train the event-location model on labelled sentences")}) {
        auto ta = std::make_shared<TrainArgs>();
        train->add_option("--jsonl", ta->file, "Labelled sentences (event-location format)")
            ->required();
        train->add_option("-o,--output", ta->out, "Model file to write")->required();
        train->add_option("--add", ta->added,
                          "More labelled sentences that only train, never held out (e.g. "
                          "`kharita review export-training`); the cross-validated figure is "
                          "printed without and with them");
        train->add_option("--folds", ta->folds, "Also print K-fold cross-validated figures")
            ->check(CLI::Range(2, 100));
        add_training_options(train, ta->options);
        train->add_option("--gazetteer,-g", ta->gazetteer, "Gazetteer file (default: built one)");
        train->callback([ta] { run_train(*ta); });
    }

    CLI::App* eval = app.get_subcommand("eval");
    auto ea = std::make_shared<EvalArgs>();
    CLI::App* ev = eval->add_subcommand(
        "event-location", "Event-to-place linking, scored as event-location/score.py");
    ev->add_option("file", ea->file, "Gold JSON Lines (event-location format)")->required();
    ev->add_option("--pred", ea->pred, "Score these predictions instead of running the model");
    ev->add_option("--errors", ea->errors, "List the first N sentences scored wrong");
    ev->add_option("--folds", ea->folds, "Cross-validate: train on K-1 folds, score the other")
        ->check(CLI::Range(2, 100));
    ev->add_option("--save-pred", ea->save_pred, "Write the predictions scored (score.py format)");
    ev->add_option("--baseline", ea->baseline, "Score a baseline: all or nearest toponyms");

    add_training_options(ev, ea->options);
    ev->add_option("--gazetteer,-g", ea->gazetteer, "Gazetteer file (default: built one)");
    ev->callback([ea] { run_eval(*ea); });
}

} // namespace kharita::cli
