// vigie saved: lists the saved queries that --saved NAME runs in search,
// trends and report.
#include <iostream>

#include "app/command.h"
#include "core/errors.h"
#include "core/json.h"
#include "query/saved_queries.h"

namespace vigie::app {

namespace {

int run_saved(int argc, char** argv) {
  CliSpec spec;
  spec.usage = "vigie saved [--queries FILE] [--json]";
  spec.description =
      "Lists the saved queries: name, query and description (and the language and dates\n"
      "a query brings along). Run one with --saved NAME in vigie search, trends or report;\n"
      "those commands read the same file, given with --queries FILE.";
  spec.epilog =
      "Examples:\n"
      "  vigie saved\n"
      "  vigie saved --queries team-queries.json --json\n"
      "  vigie search --db idx --saved harm-reduction --count\n\n"
      "File formats: a JSON object {\"NAME\": {\"query\": \"...\", \"description\": \"...\",\n"
      "\"lang\": \"es\", \"from\": \"2019-01-01\", \"to\": \"\", \"week\": \"\"}, ...} or lines\n"
      "'NAME: QUERY' ('#' starts a comment line).\n\n"
      "Exit status: 0 listed, 1 unreadable or malformed file, 2 usage error.";
  std::string queries_file;
  bool json_out = false;
  po::options_description opts("Options");
  opts.add_options()
      ("queries", po::value(&queries_file), kQueriesHelp)
      ("json", po::bool_switch(&json_out), "a JSON array of {name, query, description, lang, from, to, week}");
  po::variables_map vm;
  if (!parse(argc, argv, spec, opts, {}, vm)) return kExitOk;
  queries_file = saved_queries_file(queries_file);
  const auto all = query::load_saved_queries(queries_file);
  std::string out;
  if (json_out) {
    out = query::saved_queries_json(all);
  } else {
    out += "# " + queries_file + "\n";
    for (const auto& q : all) {
      out += q.name + "\n  query: " + q.query + "\n";
      if (!q.description.empty()) out += "  description: " + q.description + "\n";
      std::string scope;
      if (!q.lang.empty()) scope += " lang " + q.lang;
      if (!q.from.empty()) scope += " from " + q.from;
      if (!q.to.empty()) scope += " to " + q.to;
      if (!q.week.empty()) scope += " week " + q.week;
      if (!scope.empty()) out += "  scope:" + scope + "\n";
    }
  }
  std::cout << out;
  std::cout.flush();
  if (!std::cout) throw Error("cannot write to standard output");
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("saved", "list the saved queries that --saved NAME runs", run_saved);

}  // namespace vigie::app
