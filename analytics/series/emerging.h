// Emerging terms: which terms (or phrases) are significantly more frequent
// in a period than in its trailing baseline. They explain spikes.
//
// Test: Dunning's log-likelihood ratio G2 on the 2x2 table
//
//                  period        baseline
//   term             a              b
//   other terms    c - a          d - b
//
// with c and d the total term counts of the period and of the baseline:
//   G2 = 2 * sum O * ln(O / E)   over the four cells (0 * ln 0 = 0),
// E the expected counts under "same rate in both". G2 is chi-squared with
// one degree of freedom under the null: 3.84 is p = 0.05, 10.83 is
// p = 0.001, 15.13 is p = 0.0001. Only terms over-represented in the period
// (a / c > b / d) are reported, with a >= min_count.
//
// Output order: G2 descending, then period count descending, then term
// ascending (bytewise), so equal statistics never reorder between runs.
//
// Thread safety: pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::series {

// G2 for the table above. Throws UsageError when a > c or b > d.
double log_likelihood_g2(uint64_t a, uint64_t b, uint64_t c, uint64_t d);

struct TermCount {
  std::string term;
  uint64_t count = 0;
};

struct EmergingOptions {
  uint64_t min_count = 5;   // minimum occurrences in the period
  double min_g2 = 10.83;    // p < 0.001 (one d.f.)
  size_t limit = 20;        // at most this many terms; 0 = no limit
};

struct EmergingTerm {
  std::string term;
  double g2 = 0;
  uint64_t count = 0;           // in the period
  uint64_t baseline_count = 0;  // in the baseline
};

// `period` and `baseline` list term counts (each term at most once per
// list; order irrelevant). The totals are the counts of all term
// occurrences (not only those listed), and must be at least the sum of the
// listed counts. An empty period or baseline (total 0) yields no terms:
// without a baseline nothing can be "more frequent than usual".
std::vector<EmergingTerm> emerging_terms(std::span<const TermCount> period, uint64_t period_total,
                                         std::span<const TermCount> baseline,
                                         uint64_t baseline_total,
                                         const EmergingOptions& options = {});

}  // namespace vigie::series
