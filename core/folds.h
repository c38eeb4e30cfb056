// k-fold cross-validation set-up, shared by the trainers (the sentiment
// model's class biases, the topic relevance and stance models) so that every
// model splits its examples the same way for a given seed.
// Pure function of its arguments (advances rng); thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <random>
#include <vector>

namespace vigie {

// The fold (0..k-1) of each of n examples: 0..n-1 shuffled by rng, then the
// example at position p of the shuffle goes to fold p % k, so fold sizes
// differ by at most one. k >= 1.
inline std::vector<int> cv_folds(size_t n, int k, std::mt19937_64& rng) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<int> fold_of(n);
  for (size_t p = 0; p < n; ++p) fold_of[order[p]] = static_cast<int>(p % static_cast<size_t>(k));
  return fold_of;
}

}  // namespace vigie
