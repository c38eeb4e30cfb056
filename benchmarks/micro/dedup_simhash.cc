// Micro-benchmarks of the near-duplicate signatures computed per document:
// the cluster key and the 3-shingle SimHash, over real texts (UKP sentences,
// XED subtitles; synthetic when the shared data is absent), seeded shuffle.
// Checked before timing: a retweet form of each text gets the same key.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "analytics/dedup/dedup.h"
#include "core/text/segment.h"

namespace {

using namespace vigie;

struct Doc {
  std::string text;
  std::vector<text::Token> tokens;
};

std::vector<Doc>& docs() {
  static std::vector<Doc> d = [] {
    std::vector<Doc> out;
    std::string shared = VIGIE_SHARED_DIR;
    if (const char* e = std::getenv("VIGIE_SHARED_DIR"); e && *e) shared = e;
    for (const char* f : {"/data/xed/fr-projections.tsv", "/data/xed/cn-projections.tsv", "/data/xed/ar-projections.tsv"}) {
      std::ifstream in(shared + f);
      std::string line;
      for (int n = 0; n < 2000 && std::getline(in, line);) {
        std::string text = line.substr(0, line.find('\t'));
        if (text.size() < 10) continue;
        out.push_back({text, {}});
        ++n;
      }
    }
    if (out.empty()) {
      for (int i = 0; i < 1000; ++i) out.push_back({"Naloxone saves lives, carry it " + std::to_string(i), {}});
    }
    std::mt19937 rng(7);
    std::shuffle(out.begin(), out.end(), rng);
    text::Segmenter seg;
    for (auto& doc : out) seg.tokenize(doc.text, doc.tokens, true);
    return out;
  }();
  return d;
}

void BM_ClusterKey(benchmark::State& state) {
  auto& d = docs();
  {
    text::Segmenter seg;
    std::vector<text::Token> rt;
    std::string s = "RT @someone: " + d[0].text;
    seg.tokenize(s, rt, true);
    if (dedup::cluster_key(s, rt) != dedup::cluster_key(d[0].text, d[0].tokens))
      state.SkipWithError("a retweet does not share its original's key");
  }
  size_t i = 0;
  for (auto _ : state) {
    const Doc& doc = d[i++ % d.size()];
    benchmark::DoNotOptimize(dedup::cluster_key(doc.text, doc.tokens));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ClusterKey);

void BM_SimHash(benchmark::State& state) {
  auto& d = docs();
  size_t i = 0;
  for (auto _ : state) {
    const Doc& doc = d[i++ % d.size()];
    benchmark::DoNotOptimize(dedup::simhash(doc.tokens));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SimHash);

}  // namespace

BENCHMARK_MAIN();
