#pragma once
// Subcommands of the `kharita` executable. Each registers its options on the parent
// CLI::App and runs through the callback it sets; errors propagate as kharita::Error.

#include <CLI/CLI.hpp>

namespace kharita::cli {

/// `kharita gazetteer build` and `kharita gazetteer info`.
void add_gazetteer_commands(CLI::App& app);
/// `kharita geocode NAME`.
void add_geocode_command(CLI::App& app);
/// `kharita parse FILE [--json|--jsonl]`.
void add_parse_command(CLI::App& app);
/// `kharita eval geoparse|seed ...`.
void add_eval_commands(CLI::App& app);
/// `kharita locate`, `kharita train-locator` and `kharita eval event-location` (after
/// add_eval_commands, whose `eval` it extends).
void add_locate_commands(CLI::App& app);
/// `kharita train event-screen` (after add_locate_commands, whose `train` it extends).
void add_screen_commands(CLI::App& app);
/// `kharita ingest`, `query`, `export`, `import-acled`.
void add_store_commands(CLI::App& app);
/// `kharita review list|confirm|reject|set|reset|log|corrections|alias`.
void add_review_commands(CLI::App& app);
/// `kharita render` (built when Qt 6 is present).
void add_render_command(CLI::App& app);
/// `kharita animate` (built when Qt 6 and FFmpeg's libraries are present).
void add_animate_command(CLI::App& app);

} // namespace kharita::cli
