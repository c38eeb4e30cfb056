// Analysis cost per document on real feed data: what `vigie index` spends
// in analytics::Analyzer (language, tokens, sentiment per document and per
// sentence, topics, topic sentiment, stance, near-duplicate keys), without
// Xapian. The documents are a make-corpus corpus read by Vigie's own readers:
//
//   ../shared/bench/make-corpus --docs 20000 --out /tmp/corpus20k
//   VIGIE_BENCH_CORPUS=/tmp/corpus20k build/benchmarks/bench_index_analyzer
//
// Without VIGIE_BENCH_CORPUS every benchmark is skipped. Variants switch
// components off one at a time, so the differences give each one's cost.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "analytics/analyzer.h"
#include "indexer/readers/input.h"
#include "indexer/readers/parser.h"

namespace {

namespace fs = std::filesystem;
using vigie::Record;
using vigie::analytics::Analyzer;
using vigie::analytics::AnalyzerOptions;

const std::vector<Record>& corpus() {
  static const std::vector<Record> records = [] {
    std::vector<Record> out;
    const char* dir = std::getenv("VIGIE_BENCH_CORPUS");
    if (dir == nullptr) return out;
    vigie::indexer::RecordParser parser(vigie::indexer::ParseOptions{});
    std::vector<vigie::Reject> rejects;
    for (const char* name : {"twitter-v1.jsonl", "twitter-v2.json", "reddit.jsonl", "news.json", "mediacloud.jsonl"}) {
      const fs::path p = fs::path(dir) / name;
      if (!fs::exists(p)) continue;
      auto in = vigie::indexer::InputSource::open(p.string(), vigie::indexer::InputOptions{});
      vigie::indexer::Chunk chunk;
      while (in->next(chunk)) parser.parse(chunk, out, rejects);
    }
    return out;
  }();
  return records;
}

void run(benchmark::State& st, bool sentiment, bool topics, bool dedup) {
  const auto& docs = corpus();
  if (docs.empty()) {
    st.SkipWithError("set VIGIE_BENCH_CORPUS to a make-corpus output directory");
    return;
  }
  AnalyzerOptions o;
  o.data_dir = VIGIE_SOURCE_DIR "/corpora";
  o.stance_model = "none";
  o.sentiment = sentiment;
  o.topics = topics;
  o.dedup = dedup;
  const Analyzer analyzer(o);
  Analyzer::Workspace ws;
  vigie::analytics::Analysis out;
  size_t i = 0;
  for (auto _ : st) {
    analyzer.analyze(docs[i++ % docs.size()], ws, out);
    benchmark::DoNotOptimize(out.compound);
  }
  st.SetItemsProcessed(st.iterations());
}

void BM_AnalyzeEverything(benchmark::State& st) { run(st, true, true, true); }
void BM_AnalyzeNoSentiment(benchmark::State& st) { run(st, false, true, true); }
void BM_AnalyzeNoTopics(benchmark::State& st) { run(st, true, false, true); }
void BM_AnalyzeIssue2Only(benchmark::State& st) { run(st, false, false, false); }
BENCHMARK(BM_AnalyzeEverything)->MinTime(3);
BENCHMARK(BM_AnalyzeNoSentiment)->MinTime(3);
BENCHMARK(BM_AnalyzeNoTopics)->MinTime(3);
BENCHMARK(BM_AnalyzeIssue2Only)->MinTime(3);

}  // namespace

BENCHMARK_MAIN();
