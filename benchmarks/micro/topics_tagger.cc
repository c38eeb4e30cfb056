// Micro-benchmarks of the per-document topic work at ingest: tagging with
// the shipped taxonomy, stance with the shipped cue lexicons, and, for
// scale, the tokenisation they run after (the indexer pays for it anyway).
// Inputs: real sentences from the shared data (UKP marijuana, XED subtitles
// in five languages), shuffled with a fixed seed; synthetic ones when the
// shared data is absent. Results are checked (some hits found) before timing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace {

using namespace vigie;

struct Doc {
  std::string text, lang;
  std::vector<text::Token> tokens;
};

std::string shared_dir() {
  if (const char* e = std::getenv("VIGIE_SHARED_DIR"); e && *e) return e;
  return VIGIE_SHARED_DIR;
}

std::vector<Doc>& docs() {
  static std::vector<Doc> d = [] {
    std::vector<Doc> out;
    auto add_file = [&](const std::string& path, const std::string& lang, int column, size_t max) {
      std::ifstream in(path);
      std::string line;
      size_t n = 0;
      while (n < max && std::getline(in, line)) {
        std::string field;
        size_t start = 0;
        for (int c = 0; c <= column; ++c) {
          size_t tab = line.find('\t', start);
          field = line.substr(start, tab == std::string::npos ? std::string::npos : tab - start);
          if (tab == std::string::npos) break;
          start = tab + 1;
        }
        if (field.size() < 10) continue;
        out.push_back({field, lang, {}});
        ++n;
      }
    };
    std::string data = shared_dir() + "/data";
    add_file(data + "/ukp-marijuana/marijuana_legalization.tsv", "en", 4, 2000);
    for (const char* l : {"ar", "fr", "ru", "es"}) add_file(data + "/xed/" + l + "-projections.tsv", l, 0, 1000);
    add_file(data + "/xed/cn-projections.tsv", "zh", 0, 1000);
    if (out.empty()) {
      for (int i = 0; i < 1000; ++i)
        out.push_back({"Harm reduction and naloxone save lives; legalize cannabis, end the war on drugs " +
                           std::to_string(i),
                       "en", {}});
    }
    std::mt19937 rng(42);
    std::shuffle(out.begin(), out.end(), rng);
    text::Segmenter seg;
    for (auto& doc : out) seg.tokenize(doc.text, doc.tokens, true);
    return out;
  }();
  return d;
}

const topics::Taxonomy& taxonomy() {
  static topics::Taxonomy t =
      topics::Taxonomy::load(std::string(VIGIE_SOURCE_DIR) + "/corpora/taxonomy/drug-policy.json");
  return t;
}

void BM_Tokenize(benchmark::State& state) {
  auto& d = docs();
  text::Segmenter seg;
  std::vector<text::Token> tokens;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Doc& doc = d[i++ % d.size()];
    tokens.clear();
    seg.tokenize(doc.text, tokens, true);
    bytes += doc.text.size();
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(int64_t(bytes));
}
BENCHMARK(BM_Tokenize);

void BM_Tag(benchmark::State& state) {
  auto& d = docs();
  topics::TopicTagger tagger(taxonomy());
  text::StemmerSet stemmers;
  std::vector<topics::TopicHit> hits;
  size_t found = 0;
  for (const auto& doc : d) {
    tagger.tag(doc.text, doc.tokens, doc.lang, stemmers, hits);
    found += !hits.empty();
  }
  if (found == 0) state.SkipWithError("no topic found in the inputs: check the taxonomy");
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Doc& doc = d[i++ % d.size()];
    tagger.tag(doc.text, doc.tokens, doc.lang, stemmers, hits);
    bytes += doc.text.size();
    benchmark::DoNotOptimize(hits.data());
  }
  state.counters["tagged_share"] = double(found) / double(d.size());
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(int64_t(bytes));
}
BENCHMARK(BM_Tag);

void BM_TagAndStance(benchmark::State& state) {
  auto& d = docs();
  topics::TopicTagger tagger(taxonomy());
  auto stance = topics::StanceClassifier::load(std::string(VIGIE_SOURCE_DIR) + "/corpora/stance");
  text::StemmerSet stemmers;
  std::vector<topics::TopicHit> hits;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Doc& doc = d[i++ % d.size()];
    tagger.tag(doc.text, doc.tokens, doc.lang, stemmers, hits);
    auto s = stance->classify(doc.text, doc.tokens, doc.lang, hits, stemmers);
    bytes += doc.text.size();
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(int64_t(bytes));
}
BENCHMARK(BM_TagAndStance);

void BM_TaggerBuild(benchmark::State& state) {
  for (auto _ : state) {
    topics::TopicTagger tagger(taxonomy());
    benchmark::DoNotOptimize(&tagger);
  }
}
BENCHMARK(BM_TaggerBuild)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
