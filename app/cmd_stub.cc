// vigie stub: write the stub file that lists an index's shards, local and
// remote, after checking that each answers and that they agree.
#include <iostream>

#include "app/command.h"
#include "core/errors.h"
#include "query/index.h"

namespace vigie::app {
namespace {

int run(int argc, char** argv) {
  CliSpec spec;
  spec.usage = "vigie stub --out FILE [options] SHARD...";
  spec.description =
      "Writes a stub file listing shards, so that search, stats, trends and report can use them\n"
      "as one index (--db FILE). A SHARD is a local index directory, shard or stub, or HOST:PORT\n"
      "of a xapian-tcpsrv serving one. Each shard is opened first: one that does not answer, a\n"
      "shard listed twice (even under two names: shards are compared by their database UUID),\n"
      "a stub that includes itself, and shards built with different schema, analyzer, taxonomy\n"
      "or model versions are refused, with a message naming the shard.\n\n"
      "Local paths are written relative to the stub's directory when they are inside it, so a\n"
      "directory holding the stub and its shards can be moved as a whole.";
  spec.epilog =
      "Exit status: 0 stub written; 1 a shard failed (nothing written); 2 usage error.\n\n"
      "Examples:\n"
      "  vigie stub --out all.stub 10.0.0.2:33333 10.0.0.3:33333 archive-2018\n"
      "  vigie search --db all.stub cannabis\n"
      "See docs/scale.md for deploying shards on several machines.";
  std::string out;
  std::vector<std::string> shards;
  bool allow_mixed = false, force = false;
  unsigned timeout = 5000;
  po::options_description opts("Options");
  opts.add_options()
      ("out", po::value(&out)->required(), "stub file to write")
      ("allow-mixed", po::bool_switch(&allow_mixed),
       "accept shards whose schema, analyzer, taxonomy or model versions differ (with a warning)")
      ("force", po::bool_switch(&force), "overwrite FILE even when it is not a stub")
      ("remote-timeout", po::value(&timeout)->default_value(5000), "milliseconds to wait for a remote shard")
      ("shard", po::value(&shards)->composing(), "shards (positional)");
  po::positional_options_description pos;
  pos.add("shard", -1);
  po::variables_map vm;
  if (!parse(argc, argv, spec, opts, pos, vm)) return kExitOk;
  if (shards.empty()) throw UsageError("no SHARD given\nUsage: " + spec.usage);

  query::OpenOptions oo;
  oo.remote_connect_timeout_ms = timeout;
  oo.allow_mixed = allow_mixed;
  const query::StubSummary s = query::write_stub(out, shards, oo, force);
  for (const auto& w : s.warnings) std::cerr << "vigie stub: warning: " << w << "\n";
  std::cerr << "vigie stub: wrote " << out << ": " << s.shards << " shard" << (s.shards == 1 ? "" : "s") << ", "
            << s.documents << " documents\n";
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("stub", "write a stub file listing local and remote shards", run);

}  // namespace vigie::app
