// `kharita train event-screen`: trains the event screen (core/include/kharita/events/
// event_screen.hpp) on labelled report sets and prints its cross-validated effect.

#include "commands.hpp"
#include "common.hpp"

#include "kharita/base/error.hpp"
#include "kharita/eval/event_screen_study.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <fstream>

namespace kharita::cli {

namespace {

struct ScreenArgs {
    std::vector<std::string> sets;
    std::string out;
    std::string gazetteer;
    std::size_t folds = 5;
    std::size_t tune_folds = 4;
    ScreenTrainingOptions options;
};

void print_row(const std::string& name, const PrfCounts& c) {
    fmt::print("  {:<34} P {:.3f}  R {:.3f}  F1 {:.3f}   (tp {}, fp {}, fn {})\n", name,
               c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn);
}

void print_cross_validation(const ScreenCrossValidation& cv, std::size_t folds) {
    fmt::print("{}-fold cross-validation by page (strict event matching, every gold event "
               "counted); thresholds chosen per fold: {}\n",
               folds, fmt::join(cv.thresholds, " "));
    PrfCounts rules_all, screened_all;
    for (std::size_t s = 0; s < cv.sets.size(); ++s) {
        print_row(cv.sets[s] + ", rules alone", cv.rules[s]);
        print_row(cv.sets[s] + ", with the screen", cv.screened[s]);
        rules_all += cv.rules[s];
        screened_all += cv.screened[s];
    }
    print_row("all, rules alone", rules_all);
    print_row("all, with the screen", screened_all);
}

void run_train_screen(const ScreenArgs& a) {
    const Gazetteer g = Gazetteer::open(gazetteer_path(a.gazetteer));
    const Geoparser parser(g);
    std::vector<std::filesystem::path> sets(a.sets.begin(), a.sets.end());
    const ScreenCorpus corpus = ScreenCorpus::read(parser, sets);
    fmt::print("{} pages, {} events from the rules, {} of them right\n", corpus.page_count(),
               corpus.event_count(), corpus.right_count());
    if (a.folds >= 2)
        print_cross_validation(cross_validate_screen(corpus, a.folds, a.tune_folds, a.options),
                               a.folds);
    if (a.out.empty())
        return;
    std::vector<std::size_t> all(corpus.page_count());
    for (std::size_t p = 0; p < all.size(); ++p)
        all[p] = p;
    ScreenTrainingOptions options = a.options;
    if (a.tune_folds >= 2)
        options.threshold = choose_screen_threshold(corpus, all, a.tune_folds, a.options);
    const EventScreen screen = corpus.train(all, options);
    const std::string header = fmt::format(
        "Event screen for kharita::EventScreen: a logistic regression over the features of\n"
        "core/src/events/event_screen.cpp; an event below the threshold is dropped.\n"
        "Reproduce: kharita train event-screen {} -o data/models/event-screen.txt --epochs {} "
        "--bags {} --seed {} --rate {} --l2 {} --min-examples {} --tune-folds {} (chose "
        "threshold {})\n"
        "Training set: {} pages, {} events from the rules, {} right",
        fmt::join(a.sets, " "), a.options.epochs, a.options.bags, a.options.seed, a.options.rate,
        a.options.l2, a.options.min_examples, a.tune_folds, options.threshold, corpus.page_count(),
        corpus.event_count(), corpus.right_count());
    std::ofstream out(a.out, std::ios::binary);
    if (!out)
        throw InputError(a.out, "cannot write");
    out << screen.to_text(header);
    if (!out.flush())
        throw InputError(a.out, "write failed");
    fmt::print("wrote {} ({} features, threshold {})\n", a.out, screen.feature_count(),
               screen.threshold());
}

} // namespace

void add_screen_commands(CLI::App& app) {
    auto a = std::make_shared<ScreenArgs>();
    CLI::App* train = app.get_subcommand("train")->add_subcommand(
        "event-screen", "Train the event screen on labelled report sets (NAME.gold.json "
                        "beside each page) and print its cross-validated effect");
    train->add_option("sets", a->sets, "Directories of labelled reports")->required();
    train->add_option("-o,--output", a->out, "Model file to write (none: only cross-validate)");
    train->add_option("--folds", a->folds, "Cross-validate over K folds of pages (0: do not)")
        ->check(CLI::Range(0, 100));
    train
        ->add_option("--tune-folds", a->tune_folds,
                     "Choose the threshold by an inner cross-validation of this many folds of "
                     "the training pages (0: use --threshold)")
        ->check(CLI::Range(0, 20));
    train->add_option("--threshold", a->options.threshold, "Drop an event below it")
        ->check(CLI::Range(0.0, 1.0));
    train->add_option("--epochs", a->options.epochs, "Passes over the events")
        ->check(CLI::Range(1, 1000));
    train->add_option("--bags", a->options.bags, "Models averaged")->check(CLI::Range(1, 100));
    train->add_option("--seed", a->options.seed, "Seed of the event orders");
    train->add_option("--rate", a->options.rate, "AdaGrad's learning rate")
        ->check(CLI::Range(1e-6, 10.0));
    train->add_option("--l2", a->options.l2, "L2 penalty per update")->check(CLI::Range(0.0, 10.0));
    train
        ->add_option("--min-examples", a->options.min_examples,
                     "Drop a feature seen in fewer training events")
        ->check(CLI::Range(1, 1000));
    train->add_option("--gazetteer,-g", a->gazetteer, "Gazetteer file (default: built one)");
    train->callback([a] { run_train_screen(*a); });
}

} // namespace kharita::cli
