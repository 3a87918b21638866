// kharita: the command-line front end. Parses arguments, runs a subcommand, and turns
// exceptions into one-line messages and exit codes:
//   0 success, 1 bad input or failed operation, 2 usage error, 3 internal error.

#include "commands.hpp"

#include "kharita/base/error.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <exception>

namespace {

int run(int argc, char** argv) {
    CLI::App app{"Kharita: news reports to mapped, dated, typed events"};
    app.set_version_flag("--version", std::string(KHARITA_VERSION));
    app.require_subcommand(1);
    kharita::cli::add_gazetteer_commands(app);
    kharita::cli::add_geocode_command(app);
    kharita::cli::add_parse_command(app);
    kharita::cli::add_eval_commands(app);
    kharita::cli::add_locate_commands(app);
    kharita::cli::add_screen_commands(app);
    kharita::cli::add_store_commands(app);
    kharita::cli::add_review_commands(app);
#ifdef KHARITA_HAS_RENDER
    kharita::cli::add_render_command(app);
#endif
#ifdef KHARITA_HAS_ANIMATION
    kharita::cli::add_animate_command(app);
#endif
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const kharita::InputError& e) {
        fmt::print(stderr, "kharita: {}\n", e.what());
        return 1;
    } catch (const kharita::DatabaseError& e) {
        fmt::print(stderr, "kharita: database error: {}\n", e.what());
        return 1;
    } catch (const kharita::Error& e) {
        fmt::print(stderr, "kharita: {}\n", e.what());
        return 1;
    } catch (const std::filesystem::filesystem_error& e) {
        fmt::print(stderr, "kharita: {}\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        fmt::print(stderr, "kharita: internal error: {}\n", e.what());
        return 3;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (...) { // a failure while reporting a failure: say so without formatting
        std::fputs("kharita: internal error\n", stderr);
        return 3;
    }
}
