// vigie index: read feeds, analyse, write the Xapian index.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <sys/resource.h>

#include <cstdio>
#include <iostream>

#include "app/command.h"
#include "app/locations.h"
#include "core/errors.h"
#include "indexer/pipeline.h"

namespace vigie::app {
namespace {

void print_progress(const indexer::IndexProgress& p) {
  const double rate = p.seconds > 0 ? p.records / p.seconds : 0;
  std::fprintf(stderr, "\r\033[K  %llu docs  %.0f docs/s  %.1f MB  %llu rejected  %s",
               static_cast<unsigned long long>(p.records), rate, p.bytes / 1e6,
               static_cast<unsigned long long>(p.rejects), p.file.c_str());
  std::fflush(stderr);
}

constexpr const char* kDescription =
    "Reads news and social-media JSON (Twitter API v1.1 and v2, Reddit/Pushshift, NewsAPI,\n"
    "Media Cloud, generic JSON Lines; plain, .gz or .zst; - for standard input), detects the\n"
    "format per file and per line, analyses every record (language, tokens, stems, sentiment,\n"
    "drug-policy topics, stance, near-duplicate signature) and writes a sharded Xapian index.\n"
    "Indexing a record again (same source id) replaces it. Malformed records are skipped and\n"
    "listed, with file:line[#k], reason and first bytes, in the rejects log.\n\n"
    "A killed run can be resumed by running the same command again: the index keeps a\n"
    "checkpoint with its commits, and lines it had committed are skipped. A named pipe (FIFO)\n"
    "is read as a stream; devices are refused.";
constexpr const char* kEpilog =
    "Exit status: 0 every record indexed; 3 finished, but some records were rejected;\n"
    "             2 usage error; 1 failure (unreadable input or index).\n\n"
    "Examples:\n"
    "  vigie index --db idx corpora/sample/*\n"
    "  zcat tweets.jsonl.gz | vigie index --db idx --format twitter-v1 -\n"
    "  vigie index --db idx --map text=message,date=ts,id=uid,lang=lg export.jsonl";

constexpr long long kMaxThreads = 1024;
constexpr long long kMaxShards = 256;
constexpr long long kFdsPerShard = 16;  // a glass database's tables, with room to spare

void check_range(const char* name, long long v, long long lo, long long hi) {
  if (v < lo || v > hi)
    throw UsageError(std::string(name) + " must be in " + std::to_string(lo) + ".." + std::to_string(hi) +
                     ", got " + std::to_string(v));
}

// Every shard is open at once: refuse up front what the open-file limit
// cannot hold, rather than fail half-way through creating the index.
void check_open_file_limit(long long shards) {
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return;
  const long long need = shards * kFdsPerShard + 64;
  if (need > static_cast<long long>(rl.rlim_cur))
    throw UsageError("--shards " + std::to_string(shards) + " needs about " + std::to_string(need) +
                     " open files, more than the limit of " + std::to_string(rl.rlim_cur) +
                     " (ulimit -n); give fewer shards or raise the limit");
}

// "K/N" with 1 <= K <= N <= 65536.
indexer::Partition parse_partition(const std::string& s) {
  const auto usage = [&] { return UsageError("--partition: expected K/N with 1 <= K <= N (e.g. 2/4), got '" + s + "'"); };
  size_t slash = s.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == s.size()) throw usage();
  const std::string k = s.substr(0, slash), n = s.substr(slash + 1);
  if (k.size() > 5 || n.size() > 5 || k.find_first_not_of("0123456789") != std::string::npos ||
      n.find_first_not_of("0123456789") != std::string::npos)
    throw usage();
  indexer::Partition p{static_cast<unsigned>(std::stoul(k)), static_cast<unsigned>(std::stoul(n))};
  if (p.k < 1 || p.n < 1 || p.k > p.n || p.n > 65536) throw usage();
  return p;
}

// The closing lines on stderr: warnings, a resumed run, and the counts.
void print_summary(const indexer::IndexSummary& summary, const std::string& db, const indexer::Partition& partition) {
  for (const auto& w : summary.warnings) std::cerr << "vigie index: warning: " << w << "\n";
  if (partition.n > 1)
    std::fprintf(stderr, "partition %u/%u: %llu records left to the other partitions\n", partition.k,
                 partition.n, static_cast<unsigned long long>(summary.other_partitions));
  if (summary.resumed)
    std::fprintf(stderr, "resumed an interrupted run: %llu lines already indexed were skipped\n",
                 static_cast<unsigned long long>(summary.skipped_lines));

  const double rate = summary.seconds > 0 ? summary.records / summary.seconds : 0;
  std::fprintf(stderr,
               "indexed %llu records from %llu input%s in %.2f s (%.0f docs/s); %llu rejected%s%s; "
               "index %s: %llu documents in %u shard%s\n",
               static_cast<unsigned long long>(summary.records), static_cast<unsigned long long>(summary.files),
               summary.files == 1 ? "" : "s", summary.seconds, rate,
               static_cast<unsigned long long>(summary.rejects), summary.rejects ? " (see " : "",
               summary.rejects ? (summary.rejects_path + ")").c_str() : "", db.c_str(),
               static_cast<unsigned long long>(summary.documents), summary.shards, summary.shards == 1 ? "" : "s");
}

// Every option of vigie index, as given; counts are signed so that "-1" is
// refused, not wrapped.
struct IndexSettings {
  indexer::IndexOptions defaults;  // for the help text
  long long threads = 0, shards = 0;
  std::string db, rejects, format = "auto", map;
  std::vector<std::string> inputs;
  long long max_record_mib = static_cast<long long>(defaults.input.max_record_bytes >> 20);
  long long commit_every = static_cast<long long>(defaults.commit_every);
  long long flush_threshold = 0;
  bool quiet = false, no_resume = false, no_sentiment = false, no_topics = false, no_dedup = false;
  std::string taxonomy, sentiment_model, stance_model, relevance_model, partition;
};

void declare_index_options(po::options_description& opts, IndexSettings& s) {
  opts.add_options()
      ("db", po::value(&s.db)->required(), "index directory (created if missing)")
      ("threads", po::value(&s.threads)->default_value(0), "worker threads, 0..1024 (0 = all cores)")
      ("shards", po::value(&s.shards)->default_value(0),
       "shards written in parallel, for a new index, 0..256 (0 = as many as threads); each open shard "
       "needs about 16 file descriptors, so the open-file limit (ulimit -n) may allow fewer")
      ("rejects", po::value(&s.rejects), "rejects log (default: DIR/rejects.log)")
      ("format", po::value(&s.format)->default_value("auto"),
       "auto | twitter-v1 | twitter-v2 | reddit | newsapi | mediacloud | jsonl (generic JSON Lines: the "
       "fields text, title, date, id, lang, author, source, url, unless --map names others)")
      ("map", po::value(&s.map),
       "field mapping for generic JSON Lines: text=F,date=F,id=F,lang=F[,title=,author=,source=,url=,kind=]"
       " (dotted paths reach into objects); implies --format jsonl")
      ("max-record-mib", po::value(&s.max_record_mib)->default_value(s.max_record_mib),
       "reject records (lines) larger than this many MiB, 1..1024")
      ("commit-every", po::value(&s.commit_every)->default_value(s.commit_every),
       "documents per shard between commits, 1..10000000")
      ("flush-threshold", po::value(&s.flush_threshold)->default_value(0),
       "documents Xapian buffers per shard before merging them into the index, 0..10000000 (0 = $XAPIAN_FLUSH_THRESHOLD "
       "if set, else 2000; Xapian's own default, 10000, was 20-25% slower here)")
      ("no-resume", po::bool_switch(&s.no_resume),
       "ignore the checkpoint of an interrupted run and read every input from the start")
      ("taxonomy", po::value(&s.taxonomy), "drug-policy taxonomy file (default: corpora/taxonomy/drug-policy.json)")
      ("model", po::value(&s.sentiment_model), "sentiment model (see vigie score --help; default: per language)")
      ("stance-model", po::value(&s.stance_model), kStanceModelHelp)
      ("relevance-model", po::value(&s.relevance_model), kRelevanceModelHelp)
      ("no-sentiment", po::bool_switch(&s.no_sentiment), "do not compute sentiment")
      ("no-topics", po::bool_switch(&s.no_topics), "do not compute topics, topic sentiment and stance")
      ("no-dedup", po::bool_switch(&s.no_dedup), "do not compute near-duplicate keys")
      ("partition", po::value(&s.partition),
       "K/N (1 <= K <= N): index only the records whose id hashes to partition K of N, so N indexers "
       "(one per machine) given the same inputs split them exactly; the index keeps K/N and refuses "
       "another (docs/scale.md)")
      ("quiet,q", po::bool_switch(&s.quiet), "no progress bar")
      ("input", po::value(&s.inputs)->composing(), "input files (positional)");
}

// The checked options as the indexer's; s.threads becomes the real count.
indexer::IndexOptions index_options(IndexSettings& s) {
  indexer::IndexOptions o;
  o.db = s.db;
  o.inputs = s.inputs;
  o.rejects_path = s.rejects;
  check_range("--threads", s.threads, 0, kMaxThreads);
  check_range("--shards", s.shards, 0, kMaxShards);
  check_range("--commit-every", s.commit_every, 1, 10'000'000);
  check_range("--max-record-mib", s.max_record_mib, 1, 1024);
  check_range("--flush-threshold", s.flush_threshold, 0, 10'000'000);
  if (s.threads == 0) s.threads = tbb::info::default_concurrency();
  if (s.shards) check_open_file_limit(s.shards);
  o.threads = static_cast<unsigned>(s.threads);
  o.shards = static_cast<unsigned>(s.shards);
  o.commit_every = static_cast<size_t>(s.commit_every);
  o.flush_threshold = static_cast<size_t>(s.flush_threshold);
  o.input.max_record_bytes = static_cast<size_t>(s.max_record_mib) << 20;
  o.parse.max_record_bytes = o.input.max_record_bytes;
  auto f = indexer::parse_format(s.format);
  if (!f) throw UsageError("unknown --format '" + s.format + "' (see --help)");
  o.parse.format = *f;
  if (!s.map.empty()) {
    o.parse.map = indexer::FieldMap::parse(s.map);
    if (o.parse.format == indexer::Format::automatic) o.parse.format = indexer::Format::jsonl;
  }  // --format jsonl alone reads the generic names (text, title, date, id, lang, ...)
  o.resume = !s.no_resume;
  o.analyzer.data_dir = corpora_dir();
  o.analyzer.taxonomy_file = s.taxonomy;
  o.analyzer.sentiment_model = s.sentiment_model;
  o.analyzer.stance_model = s.stance_model;
  o.analyzer.relevance_model = s.relevance_model;
  o.analyzer.stance_default = locations().stance_model;
  o.analyzer.relevance_default = locations().relevance_model;
  o.analyzer.sentiment = !s.no_sentiment;
  o.analyzer.topics = !s.no_topics;
  o.analyzer.dedup = !s.no_dedup;
  if (!s.partition.empty()) o.partition = parse_partition(s.partition);
  return o;
}

int run(int argc, char** argv) {
  CliSpec spec;
  spec.usage = "vigie index --db DIR [options] INPUT...";
  spec.description = kDescription;
  spec.epilog = kEpilog;
  IndexSettings s;
  po::variables_map vm;
  if (!parse_settings(argc, argv, spec, s, declare_index_options, vm, "input")) return kExitOk;
  const indexer::IndexOptions o = index_options(s);

  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(s.threads));
  const bool tty = !s.quiet && stderr_is_tty();
  auto summary = indexer::run_index(o, tty ? print_progress : std::function<void(const indexer::IndexProgress&)>{});
  if (tty) std::fputs("\r\033[K", stderr);
  print_summary(summary, s.db, o.partition);
  return summary.rejects ? kExitRejects : kExitOk;
}

}  // namespace

VIGIE_COMMAND("index", "read feeds and write the index", run);

}  // namespace vigie::app
