#include "analytics/series/emerging.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/errors.h"

namespace vigie::series {
namespace {

double xlogx_over(double o, double e) { return o > 0 ? o * std::log(o / e) : 0.0; }

}  // namespace

double log_likelihood_g2(uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  if (a > c || b > d) throw UsageError("log_likelihood_g2: term count exceeds its total");
  const double n = static_cast<double>(c) + static_cast<double>(d);
  if (n == 0) return 0;
  const double row1 = static_cast<double>(a + b), row2 = n - row1;
  const double col1 = static_cast<double>(c), col2 = static_cast<double>(d);
  const double g = xlogx_over(double(a), row1 * col1 / n) + xlogx_over(double(b), row1 * col2 / n) +
                   xlogx_over(double(c - a), row2 * col1 / n) +
                   xlogx_over(double(d - b), row2 * col2 / n);
  return std::max(0.0, 2 * g);  // rounding can give -1e-15 for identical rates
}

std::vector<EmergingTerm> emerging_terms(std::span<const TermCount> period, uint64_t period_total,
                                         std::span<const TermCount> baseline,
                                         uint64_t baseline_total, const EmergingOptions& o) {
  std::vector<EmergingTerm> out;
  if (period_total == 0 || baseline_total == 0) return out;
  std::unordered_map<std::string_view, uint64_t> base;
  base.reserve(baseline.size());
  for (const TermCount& t : baseline) base.emplace(t.term, t.count);
  const double c = static_cast<double>(period_total), d = static_cast<double>(baseline_total);
  for (const TermCount& t : period) {
    if (t.count < o.min_count) continue;
    auto it = base.find(t.term);
    const uint64_t b = it == base.end() ? 0 : it->second;
    // Over-represented only: a/c > b/d, compared without division.
    if (static_cast<double>(t.count) * d <= static_cast<double>(b) * c) continue;
    const double g2 = log_likelihood_g2(std::min(t.count, period_total), std::min(b, baseline_total),
                                        period_total, baseline_total);
    if (g2 < o.min_g2) continue;
    out.push_back({t.term, g2, t.count, b});
  }
  std::sort(out.begin(), out.end(), [](const EmergingTerm& x, const EmergingTerm& y) {
    if (x.g2 != y.g2) return x.g2 > y.g2;
    if (x.count != y.count) return x.count > y.count;
    return x.term < y.term;
  });
  if (o.limit && out.size() > o.limit) out.resize(o.limit);
  return out;
}

}  // namespace vigie::series
