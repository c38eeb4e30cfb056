// Micro-benchmarks of the sentiment scorer's hot loop (seeded synthetic
// texts; the end-to-end comparison with VADER is benchmarks/sentiment_speed.sh).
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "analytics/sentiment/sentiment.h"

namespace {

using vigie::sentiment::Scorer;

const Scorer& scorer() {
  static auto s = Scorer::load(VIGIE_SOURCE_DIR "/corpora", "");
  return *s;
}

std::vector<std::string> texts(const std::vector<std::string>& vocab, const char* sep, size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    std::string t;
    size_t len = 8 + rng() % 16;
    for (size_t k = 0; k < len; ++k) {
      if (k) t += sep;
      t += vocab[rng() % vocab.size()];
    }
    if (rng() % 4 == 0) t += "!";
    out.push_back(std::move(t));
  }
  return out;
}

const std::vector<std::string> kEn = {"the", "policy", "is", "not", "very", "good", "but", "bad", "happy",
                                      "drug", "cannabis", "law", "LOVE", "hate", "never", "great", ":)",
                                      "#NotHappy", "people", "reform", "😍", "really", "awful", "and"};
const std::vector<std::string> kZh = {"这个", "政策", "很", "好", "不", "差", "但是", "毒品", "非常", "失望", "喜欢", "的", "了"};

void BM_ScoreEnglish(benchmark::State& st) {
  auto xs = texts(kEn, " ", 1024, 1);
  size_t i = 0, bytes = 0;
  for (auto _ : st) {
    const auto& t = xs[i++ % xs.size()];
    bytes += t.size();
    benchmark::DoNotOptimize(scorer().score(t, "en"));
  }
  st.SetBytesProcessed(static_cast<int64_t>(bytes));
  st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_ScoreEnglish);

void BM_ScoreEnglishSentences(benchmark::State& st) {
  auto xs = texts(kEn, " ", 1024, 2);
  std::vector<vigie::sentiment::SentenceScore> out;
  size_t i = 0;
  for (auto _ : st) {
    scorer().score_sentences(xs[i++ % xs.size()], "en", out);
    benchmark::DoNotOptimize(out.data());
  }
  st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_ScoreEnglishSentences);

void BM_ScoreChineseLexicon(benchmark::State& st) {
  auto xs = texts(kZh, "", 1024, 3);
  size_t i = 0;
  for (auto _ : st) benchmark::DoNotOptimize(scorer().score_lexicon(xs[i++ % xs.size()], "zh"));
  st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_ScoreChineseLexicon);

void BM_ScoreChineseModel(benchmark::State& st) {
  auto xs = texts(kZh, "", 1024, 4);
  size_t i = 0;
  for (auto _ : st) benchmark::DoNotOptimize(scorer().score(xs[i++ % xs.size()], "zh"));
  st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_ScoreChineseModel);

void BM_Load(benchmark::State& st) {
  for (auto _ : st) benchmark::DoNotOptimize(Scorer::load(VIGIE_SOURCE_DIR "/corpora", ""));
}
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
