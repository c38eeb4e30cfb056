// Micro-benchmarks for analytics/series: spike detection over 104 weekly
// counts (the `vigie trends` case) and over long daily series, bucketing
// timestamps into ISO weeks, and ranking emerging terms. Seeded inputs;
// each benchmark checks its result before timing.
#include <benchmark/benchmark.h>

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "analytics/series/emerging.h"
#include "analytics/series/period.h"
#include "analytics/series/spikes.h"

namespace {

using namespace vigie::series;

std::vector<uint64_t> poisson_series(size_t n, double mean, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::poisson_distribution<uint64_t> d(mean);
  std::vector<uint64_t> out(n);
  for (auto& x : out) x = d(rng);
  return out;
}

void BM_DetectSpikes(benchmark::State& state) {
  auto counts = poisson_series(static_cast<size_t>(state.range(0)), 50, 7);
  counts[counts.size() / 2] *= 3;
  if (!detect_spikes(std::span<const uint64_t>(counts))[counts.size() / 2].spike)
    throw std::logic_error("planted surge not flagged");
  for (auto _ : state) benchmark::DoNotOptimize(detect_spikes(std::span<const uint64_t>(counts)));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DetectSpikes)->Arg(104)->Arg(3650);

void BM_BucketIsoWeeks(benchmark::State& state) {
  PeriodSpec spec;
  const int64_t first = 1514764800, last = 1577836799;  // 2018-01-01 .. 2019-12-31
  Bucketer b(periods_between(first, last, spec), spec);
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int64_t> t(first, last);
  std::vector<int64_t> times(static_cast<size_t>(state.range(0)));
  for (auto& x : times) x = t(rng);
  std::vector<uint64_t> counts(b.periods().size());
  for (auto _ : state) {
    std::fill(counts.begin(), counts.end(), 0);
    for (int64_t x : times) ++counts[*b.index_of(x)];
    benchmark::DoNotOptimize(counts.data());
  }
  uint64_t total = 0;
  for (uint64_t c : counts) total += c;
  if (total != times.size()) throw std::logic_error("lost timestamps");
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_BucketIsoWeeks)->Arg(200000);

void BM_EmergingTerms(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  std::mt19937_64 rng(5);
  std::vector<TermCount> period, baseline;
  uint64_t pt = 0, bt = 0;
  for (size_t i = 0; i < n; ++i) {
    // Zipf-like frequencies; every 100th term surges in the period.
    const double base = 20000.0 / static_cast<double>(i + 1);
    std::poisson_distribution<uint64_t> p(base / 12 * (i % 100 == 0 ? 4 : 1)), b(base);
    period.push_back({"term" + std::to_string(i), p(rng)});
    baseline.push_back({"term" + std::to_string(i), b(rng)});
    pt += period.back().count;
    bt += baseline.back().count;
  }
  if (emerging_terms(period, pt, baseline, bt).empty()) throw std::logic_error("no emerging term");
  for (auto _ : state) benchmark::DoNotOptimize(emerging_terms(period, pt, baseline, bt));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EmergingTerms)->Arg(50000);

}  // namespace

BENCHMARK_MAIN();
