// Hashed text features shared by the learned topic models (the stance model
// in stance_model.h and the topic relevance model in relevance_model.h):
//   - word unigrams and bigrams (a '!'/'?' run or a sentence end breaks a
//     bigram);
//   - character n-grams inside words (" legal", "egali", "lized "), which
//     share evidence between legalize/legalise/legalization and cope with
//     misspellings on small training sets;
//   - negation scope: the words up to 3 after not/no/never/...n't get their
//     own features ("not harmful" is not "harmful").
// Hash namespaces keep a word, a bigram, a negated word and a character
// n-gram with the same bytes apart. One code path for every model, so a
// feature means the same thing to all of them.
//
// Owns nothing. Thread safety: pure functions of their arguments; they
// allocate nothing (a fixed stack buffer per word).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.h"
#include "core/hash.h"
#include "core/text/segment.h"

namespace vigie::topics {

// Which features a model uses; saved in the model file so that prediction
// computes exactly the features the model was trained on.
struct TextFeatureOptions {
  bool bigrams = true;
  int char_min = 3;  // character n-grams inside words, char_min..char_max bytes;
  int char_max = 5;  // char_max = 0 turns them off
  bool negation = true;
  bool unit_norm = true;  // scale the word and the character features each to unit L2 norm
  double char_weight = 0.25;  // then the character n-grams by this
};

namespace features_detail {

inline bool word_like(const text::Token& t) {
  return t.kind == text::TokenKind::word || t.kind == text::TokenKind::number ||
         t.kind == text::TokenKind::hashtag;
}

inline bool is_negator(std::string_view w) {
  return w == "not" || w == "no" || w == "never" || w == "cannot" || w == "nor" || w == "neither" ||
         w == "without" || w == "n't" || (w.size() > 3 && w.substr(w.size() - 3) == "n't");
}

// Calls g(hash, group, count) for each sparse feature of the text; group 0
// = word features, 1 = character n-grams. With kHash false it only counts:
// g gets hash 0, and character n-grams come as one call per word with their
// number (the unit-norm pass needs counts, not hashes).
template <bool kHash, class G>
void sparse_features(const std::vector<text::Token>& tokens, const TextFeatureOptions& fo, G&& g) {
  uint64_t prev = 0;
  bool have_prev = false;
  int neg_left = 0;  // words still in the scope of the last negator
  uint32_t sentence = 0;
  char buf[64];
  for (const auto& t : tokens) {
    if (!word_like(t)) {
      have_prev = false;  // '!' and '?' runs end a phrase
      neg_left = 0;
      continue;
    }
    if (t.sentence != sentence) {
      sentence = t.sentence;
      have_prev = false;
      neg_left = 0;
    }
    const uint64_t h = kHash ? fnv1a64(t.norm) : 0;
    g(h, 0, size_t(1));
    if (fo.bigrams && have_prev) g(prev * 0x9E3779B97F4A7C15ULL ^ h, 0, size_t(1));
    prev = h;
    have_prev = true;
    if (fo.negation) {
      if (is_negator(t.norm)) {
        neg_left = 3;
      } else if (neg_left > 0) {
        g(kHash ? fnv1a64(t.norm, 0x4e45472d4e45472dULL) : 0, 0, size_t(1));  // "NEG-" namespace
        --neg_left;
      }
    }
    if (fo.char_max > 0 && !t.cjk && t.kind == text::TokenKind::word && t.norm.size() + 2 <= sizeof buf) {
      // " word " with boundary marks, n-grams of bytes (fine for hashing).
      const size_t n = t.norm.size() + 2;
      if constexpr (!kHash) {
        size_t count = 0;
        for (int len = fo.char_min; len <= fo.char_max && size_t(len) <= n; ++len) count += n - size_t(len) + 1;
        g(0, 1, count);
        continue;
      }
      buf[0] = ' ';
      std::copy(t.norm.begin(), t.norm.end(), buf + 1);
      buf[n - 1] = ' ';
      for (int len = fo.char_min; len <= fo.char_max; ++len) {
        if (size_t(len) > n) break;
        for (size_t i = 0; i + size_t(len) <= n; ++i)
          g(fnv1a64(std::string_view(buf + i, size_t(len)), 0x6368617223ULL + uint64_t(len)), 1, size_t(1));
      }
    }
  }
}

}  // namespace features_detail

// Calls f(row, value) for each sparse feature of tokens, row in
// [0, buckets): binary features, with fo.unit_norm each group (words,
// character n-grams) scaled to unit L2 norm and the character n-grams then
// by fo.char_weight, so that the many n-grams of a word do not drown its
// word feature. A row may come more than once (hash collisions, repeated
// words); callers add the values.
template <class F>
void hashed_text_features(const std::vector<text::Token>& tokens, const TextFeatureOptions& fo, uint32_t buckets,
                          F&& f) {
  double scale[2] = {1.0, fo.char_weight};
  if (fo.unit_norm) {
    size_t n[2] = {0, 0};
    features_detail::sparse_features<false>(tokens, fo, [&](uint64_t, int group, size_t count) { n[group] += count; });
    for (int g = 0; g < 2; ++g)
      if (n[g]) scale[g] /= std::sqrt(double(n[g]));
  }
  features_detail::sparse_features<true>(
      tokens, fo, [&](uint64_t h, int group, size_t) { f(uint32_t(h % buckets), scale[group]); });
}

// hashed_text_features() collected into out (cleared first), each row's
// weights prefetched from weights (row * stride floats) as it is found:
// a model's table is megabytes of random reads, and summing after all rows
// are known lets those cache misses overlap instead of queueing. Summing
// out in order gives exactly the sums of summing in the callback.
struct RowValue {
  uint32_t row;
  double value;
};
inline void prefetched_text_features(const std::vector<text::Token>& tokens, const TextFeatureOptions& fo,
                                     uint32_t buckets, const float* weights, size_t stride,
                                     std::vector<RowValue>& out) {
  out.clear();
  hashed_text_features(tokens, fo, buckets, [&](uint32_t r, double v) {
    __builtin_prefetch(weights + size_t(r) * stride);
    out.push_back({r, v});
  });
}

// Reads "features bigrams B chars MIN MAX negation N unit_norm U char_weight W"
// (the line feature_line() writes); false when malformed.
bool parse_feature_line(const std::string& line, TextFeatureOptions& fo);
std::string feature_line(const TextFeatureOptions& fo);

// Reads a weight line "ROW V1 ... Vn" (n finite floats, separated by
// spaces or tabs, nothing after them) of a model file; false when
// malformed. std::from_chars: a model has up to a million such lines, and
// istringstream made loading one 0.2 s of every vigie index start.
bool parse_weight_row(std::string_view line, uint64_t& row, float* values, int n);

// Reads a model file (LinearStanceModel::load, LinearRelevanceModel::load)
// line by line, numbering lines for errors "PATH:LINE: why".
class ModelFileReader {
 public:
  // Throws UsageError "<kind> model not found: PATH" unless path is a file.
  ModelFileReader(const std::string& path, std::string_view kind);
  // The next line; throws Error "PATH:LINE: missing <what>" at the end.
  const std::string& next(const char* what);
  Error bad(const std::string& why) const { return Error(path_ + ":" + std::to_string(n_) + ": " + why); }
  // The rest of the file as weight lines "ROW V1 .. V<width>" into w
  // (row-major, rows x width, already sized); throws bad("bad weight line")
  // for a malformed line or a row >= rows.
  void weight_rows(size_t rows, int width, std::vector<float>& w);

 private:
  std::string path_;
  std::ifstream in_;
  std::string line_;
  int n_ = 0;
};

}  // namespace vigie::topics
