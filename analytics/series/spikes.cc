#include "analytics/series/spikes.h"

#include <cmath>

#include "core/errors.h"

namespace vigie::series {

std::vector<SpikeResult> detect_spikes(std::span<const double> counts, const SpikeOptions& o) {
  if (o.window == 0) throw UsageError("spike window must be at least 1 period");
  if (o.min_baseline > o.window)
    throw UsageError("spike min_baseline must not exceed the window");
  std::vector<SpikeResult> out(counts.size());
  size_t start = 0;
  if (o.ignore_leading_zeros)
    while (start < counts.size() && counts[start] == 0 && !(o.covered_from && start >= *o.covered_from)) ++start;
  for (size_t i = start; i < counts.size(); ++i) {
    // Walk back over earlier periods, skipping the most recent flagged ones,
    // until the window is full. Quadratic only in the window, which is small.
    double sum = 0, sum2 = 0;
    size_t n = 0, skipped = 0;
    for (size_t j = i; j-- > start && n < o.window;) {
      if (out[j].spike && skipped < o.max_skipped) {
        ++skipped;
        continue;
      }
      sum += counts[j];
      sum2 += counts[j] * counts[j];
      ++n;
    }
    SpikeResult& r = out[i];
    r.baseline_periods = n;
    if (n < o.min_baseline || n == 0) continue;
    const double m = sum / static_cast<double>(n);
    const double v = n > 1 ? std::max(0.0, (sum2 - sum * m) / static_cast<double>(n - 1)) : 0.0;
    const double c = counts[i];
    r.baseline = m;
    r.score = (c - m) / std::sqrt(v + m + 1);
    r.spike = r.score >= o.threshold && c >= o.min_count && c >= o.ratio * m;
  }
  return out;
}

std::vector<SpikeResult> detect_spikes(std::span<const uint64_t> counts, const SpikeOptions& o) {
  std::vector<double> d(counts.begin(), counts.end());
  return detect_spikes(std::span<const double>(d), o);
}

}  // namespace vigie::series
