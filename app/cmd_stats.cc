// vigie stats: what is in an index (query/stats.h does the counting).
#include <iostream>

#include "app/command.h"
#include "app/shard_options.h"
#include "core/errors.h"
#include "query/index.h"
#include "query/stats.h"
#include "query/stories.h"
#include "reports/near_duplicates.h"

namespace vigie::app {
namespace {

int run(int argc, char** argv) {
  CliSpec spec;
  spec.usage = "vigie stats --db DIR [--json]";
  spec.description =
      "Counts what an index holds: documents by language and kind, undated documents, the\n"
      "first and last dates, near-duplicates, topics, stance, sentiment labels, and the\n"
      "versions of the schema and models it was built with. Counts are exact, and the same\n"
      "on a stub of remote shards as on one local index of the same documents.";
  spec.epilog =
      "JSON keys: documents, by_lang, by_kind, undated, first, last, duplicates,\n"
      "           near_duplicates and unique_stories (with --near-duplicates), retweets,\n"
      "           by_topic, by_stance, by_sentiment, shards, metadata (and missing: the\n"
      "           shards left out under --allow-partial).";
  std::string db;
  bool as_json = false, near = false;
  unsigned timeout = 5000;
  query::OpenOptions oo;
  po::options_description opts("Options");
  opts.add_options()
      ("db", po::value(&db)->required(), "index directory, or stub file of local/remote shards")
      ("json", po::bool_switch(&as_json), "print one JSON object")
      ("near-duplicates", po::bool_switch(&near),
       "also count near-duplicates: documents that are edited copies (new headline, a changed word, a "
       "trailing credit) or exact copies of another, and unique stories (each story once, as reports "
       "count them); reads every shared near-duplicate band")
      ("remote-timeout", po::value(&timeout)->default_value(5000), "milliseconds to wait for a remote shard");
  add_shard_options(opts, oo);
  po::positional_options_description pos;
  po::variables_map vm;
  if (!parse(argc, argv, spec, opts, pos, vm)) return kExitOk;

  oo.remote_connect_timeout_ms = timeout;
  auto index = query::Index::open(db, oo);
  for (const auto& w : index.warnings()) std::cerr << "vigie stats: warning: " << w << "\n";
  query::IndexStats s = query::compute_stats(index);
  if (near) {
    s.near_duplicates = reports::count_near_duplicates(index);
    s.unique_stories = query::count_stories(index, Xapian::Query::MatchAll, query::find_stories(index));
  }
  std::string out;
  if (as_json) {
    query::append_stats_json(out, s);
    out += "\n";
  } else {
    query::append_stats_text(out, s, db);
  }
  std::cout << out;
  std::cout.flush();
  if (!std::cout) throw Error("cannot write to standard output");
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("stats", "counts of what an index holds", run);

}  // namespace vigie::app
