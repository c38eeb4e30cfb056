// Subcommand registry for the `vigie` executable. Each subcommand lives in
// its own app/cmd_<name>.cc and registers itself with VIGIE_COMMAND; main.cc
// only dispatches and maps exceptions to exit codes (see core/errors.h).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "reports/assemble.h"

namespace vigie::app {

namespace po = boost::program_options;

// argv[0] is the subcommand name. Returns the exit status.
using CommandFn = int (*)(int argc, char** argv);

struct Command {
  const char* name;
  const char* summary;  // one line for `vigie --help`
  CommandFn run;
};

std::vector<Command>& registry();

struct Registrar {
  Registrar(const char* name, const char* summary, CommandFn fn) {
    registry().push_back({name, summary, fn});
  }
};

#define VIGIE_COMMAND(name, summary, fn) \
  static ::vigie::app::Registrar vigie_registrar_##fn(name, summary, fn)

// Shared option handling. parse() runs the parser with the given visible
// options and positional spec; on --help prints usage and returns false
// (the caller exits 0). Throws UsageError with Boost's message otherwise.
struct CliSpec {
  std::string usage;        // "vigie index --db DIR [options] INPUT..."
  std::string description;  // paragraph shown under the usage line
  std::string epilog;       // examples, exit codes
};
// hidden: options accepted but not listed (older spellings, expert tuning
// that the docs describe).
bool parse(int argc, char** argv, const CliSpec& spec, po::options_description& options,
           const po::positional_options_description& positional, po::variables_map& vm,
           const po::options_description* hidden = nullptr);

// The usual shape of a command: declare(opts, settings) binds every option
// to a field of the command's settings struct, then argv is parsed into
// them, every positional argument going to the option `positional` when
// given. False on --help (the caller exits 0).
template <class Settings>
bool parse_settings(int argc, char** argv, const CliSpec& spec, Settings& settings,
                    void (*declare)(po::options_description&, Settings&), po::variables_map& vm,
                    const char* positional = nullptr) {
  po::options_description opts("Options");
  declare(opts, settings);
  po::positional_options_description pos;
  if (positional != nullptr) pos.add(positional, -1);
  return parse(argc, argv, spec, opts, pos, vm);
}

// Value of `--NAME VALUE` or `--NAME=VALUE` in argv (before any "--"), or "".
std::string find_option(int argc, char** argv, const std::string& name);

// The message for an input FILE that cannot be opened. When no such file
// exists the argument is likely a text typed where a file was expected:
// "no such file 'PATH'; to score this text use --text" (hint = the last part).
std::string no_such_input_file(const std::string& path, const std::string& hint = "to score this text use --text");

// vigie train --task stance|relevance (app/cmd_train_topics.cc).
int run_topic_training(int argc, char** argv, const std::string& task);

// Directory with lexicons, models and the taxonomy: $VIGIE_DATA_DIR, else
// the source tree's corpora/ (build tree use), else <prefix>/share/vigie.
std::string corpora_dir();

// Help of --stance-model for the commands that analyse texts (index, score).
inline constexpr const char* kStanceModelHelp =
    "stance model file, or 'none' for the cue lexicons only (default: $VIGIE_STANCE_MODEL, else "
    "<vigie dir>/../models/stance-en.model if present - scripts/setup trains it from ../shared - else the "
    "cue lexicons; see vigie topics --help)";
inline constexpr const char* kRelevanceModelHelp =
    "topic relevance model file, or 'none' for the taxonomy's rules only (default: $VIGIE_RELEVANCE_MODEL, "
    "else <vigie dir>/../models/relevance-en.model if present - scripts/setup trains it from ../shared - else "
    "the rules; see vigie topics --help)";

// Saved queries, the same in every command that runs them (search, trends,
// report, saved): --saved NAME names a query of the file --queries FILE.
// saved_queries_file returns `given` when set, else $VIGIE_QUERIES, else
// <data dir>/queries/saved.json.
std::string saved_queries_file(const std::string& given);
// The taxonomy file: <data dir>/taxonomy/drug-policy.json.
std::string default_taxonomy_file();
// The briefing's accuracy file: <data dir>/sentiment/accuracy.json (it may
// be missing; the briefing then says where it looked).
std::string default_accuracy_file();
// The topic ids of a taxonomy file ("" = the default): the values topic:
// accepts in a query. Throws like topics::Taxonomy::load.
std::vector<std::string> taxonomy_topic_ids(const std::string& taxonomy_file = "");

// Every language's neutral sentiment band from the installed rules
// (sentiment::Scorer::thresholds of the lexicon scorer): what trends and
// report label aspect scores with on an index that does not store the
// bands its labels were given by.
reports::SentimentBands sentiment_bands();

inline constexpr const char* kSavedHelp = "run the saved query NAME of --queries (list them with `vigie saved`)";
inline constexpr const char* kQueriesHelp =
    "saved queries file (JSON or 'name: query' lines); default $VIGIE_QUERIES, else the installed "
    "queries/saved.json";

// The ISO 639-1 code of a --lang value (fr, FR, fr-CA, french...); a value
// no language answers to is a usage error naming it.
std::string normalized_lang(const std::string& lang);

// True when stdout/stderr is a terminal (progress bars, tables).
bool stderr_is_tty();
bool stdout_is_tty();

}  // namespace vigie::app
