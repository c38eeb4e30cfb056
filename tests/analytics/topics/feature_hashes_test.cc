// The learned topic models (stance, relevance) store weight rows indexed by
// these feature hashes: a word, a bigram, a negated word and character
// n-grams each in their own FNV-1a namespace. Pinned against an independent
// FNV-1a (Python) so that a refactoring cannot silently move a feature.
#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "analytics/topics/linear_features.h"

namespace vigie::topics {
namespace {

text::Token word(const char* norm) {
  text::Token t;
  t.kind = text::TokenKind::word;
  t.norm = norm;
  return t;
}

TEST(FeatureHashes, WordBigramNegationAndCharacterHashesArePinned) {
  TextFeatureOptions fo;
  fo.char_min = 3;
  fo.char_max = 3;
  std::vector<std::pair<uint64_t, int>> got;
  features_detail::sparse_features<true>({word("not"), word("legal")}, fo,
                                         [&](uint64_t h, int group, size_t) { got.emplace_back(h, group); });
  const std::vector<std::pair<uint64_t, int>> want = {
      {0x215ad619258e9f4aULL, 0},  // "not"
      {0x30051ead641c3841ULL, 1},  // " no"
      {0x6ab797aea712b8b3ULL, 1},  // "not"
      {0x755c04aeada9e9b7ULL, 1},  // "ot "
      {0x66f6600a53ea4aeaULL, 0},  // "legal"
      {0xedb910f0b8d4a3f8ULL, 0},  // "not legal"
      {0x85445fba9374b6e2ULL, 0},  // negated "legal"
      {0x300c28ad642267edULL, 1},  // " le"
      {0x7cdddaaeb196bdf2ULL, 1},  // "leg"
      {0x3f7ce9ae8e9ca2c1ULL, 1},  // "ega"
      {0x2d3c92ae840366ceULL, 1},  // "gal"
      {0x62f92eaea2f2ef91ULL, 1},  // "al "
  };
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace vigie::topics
