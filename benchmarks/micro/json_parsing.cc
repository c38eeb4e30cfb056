// Micro-benchmark of the feed readers: RecordParser::parse on one chunk
// (up to 4 MiB of whole lines) of each make-corpus file, the way the
// indexer's parallel stage calls it. Reports MB/s (bytes_per_second) and
// records/s (items_per_second).
//
// The corpus is built once, deterministically, with
//   python3 <shared>/bench/make-corpus --docs 20000 --seed 1 --out <tmp>
// (set VIGIE_SHARED_DIR to override the shared folder). Before timing, each
// chunk is parsed once and must give records and no rejects (make-corpus
// without --bad writes only valid records).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "indexer/readers/input.h"
#include "indexer/readers/parser.h"

namespace {

using namespace vigie;
using namespace vigie::indexer;

std::string corpus_dir() {
  static std::string dir = [] {
    const char* env = std::getenv("VIGIE_SHARED_DIR");
    std::string shared = env ? env : VIGIE_SHARED_DIR;
    std::string out = (std::filesystem::temp_directory_path() /
                       ("vigie-json-bench-" + std::to_string(::getpid())))
                          .string();
    std::string cmd = "python3 '" + shared + "/bench/make-corpus' --docs 20000 --seed 1 --out '" +
                      out + "' 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) return std::string();
    return out;
  }();
  return dir;
}

// The corpus is scratch: removed when the benchmark exits.
struct CorpusCleanup {
  ~CorpusCleanup() {
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::temp_directory_path() /
                                    ("vigie-json-bench-" + std::to_string(::getpid())),
                                ec);
  }
} corpus_cleanup;

const Chunk* first_chunk(const std::string& file) {
  static std::map<std::string, Chunk> cache;
  auto it = cache.find(file);
  if (it != cache.end()) return &it->second;
  std::string dir = corpus_dir();
  if (dir.empty()) return nullptr;
  auto in = InputSource::open(dir + "/" + file, InputOptions{});
  Chunk c;
  if (!in->next(c)) return nullptr;
  return &cache.emplace(file, std::move(c)).first->second;
}

void BM_parse(benchmark::State& state, const char* file) {
  const Chunk* chunk = first_chunk(file);
  if (!chunk) {
    state.SkipWithError("make-corpus not available");
    return;
  }
  RecordParser parser(ParseOptions{});
  std::vector<Record> records;
  std::vector<Reject> rejects;
  parser.parse(*chunk, records, rejects);
  if (records.empty() || !rejects.empty()) {
    state.SkipWithError("reference check failed: no records or unexpected rejects");
    return;
  }
  size_t per_chunk = records.size();
  for (auto _ : state) {
    records.clear();
    rejects.clear();
    parser.parse(*chunk, records, rejects);
    benchmark::DoNotOptimize(records.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * chunk->data.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * per_chunk));
  state.counters["records_per_chunk"] = static_cast<double>(per_chunk);
}

BENCHMARK_CAPTURE(BM_parse, twitter_v1, "twitter-v1.jsonl")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_parse, twitter_v2, "twitter-v2.json")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_parse, reddit, "reddit.jsonl")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_parse, newsapi, "news.json")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_parse, mediacloud, "mediacloud.jsonl")->Unit(benchmark::kMillisecond);

// The input layer alone: decompression-free line cutting of a whole file.
void BM_input_lines(benchmark::State& state) {
  std::string dir = corpus_dir();
  if (dir.empty()) {
    state.SkipWithError("make-corpus not available");
    return;
  }
  std::string path = dir + "/twitter-v1.jsonl";
  size_t bytes = std::filesystem::file_size(path);
  for (auto _ : state) {
    auto in = InputSource::open(path, InputOptions{});
    Chunk c;
    while (in->next(c)) benchmark::DoNotOptimize(c.data.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_input_lines)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
