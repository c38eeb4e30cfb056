#include "analytics/sentiment/linear_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <cstring>
#include <fstream>
#include <numeric>
#include <ostream>
#include <random>
#include <sstream>

#include <zlib.h>

#include "analytics/sentiment/tokenize.h"
#include "core/errors.h"
#include "core/folds.h"
#include "core/hash.h"
#include "core/text/normalize.h"

namespace vigie::sentiment {

namespace {

constexpr const char* kMagic = "vigie-sentiment-model";
constexpr int kFormat = 1;
// Dense columns after the hashed buckets: bias + lexicon features.
constexpr uint32_t dense_size(int features) { return features >= 3 ? 14 : features >= 2 ? 11 : 8; }
constexpr int kMaxFeatures = 3;
constexpr uint32_t kMaxDense = dense_size(kMaxFeatures);

bool is_word_cp(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) || c == '\'';
  if (detail::is_emoji(c)) return false;
  // General punctuation, CJK and full-width punctuation, Arabic marks.
  if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
      (c >= 0xFF1A && c <= 0xFF20) || c == 0x060C || c == 0x061B || c == 0x061F || c == 0x06D4 ||
      c == 0xAB || c == 0xBB || c == 0xA1 || c == 0xBF || c == 0x0964)
    return false;
  return true;
}

double f1_pos_neg(const std::vector<int>& gold, const std::vector<int>& pred) {
  double sum = 0;
  for (int c : {0, 2}) {
    int tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      if (gold[i] == c && pred[i] == c) ++tp;
      else if (pred[i] == c) ++fp;
      else if (gold[i] == c) ++fn;
    }
    double p = tp + fp ? double(tp) / (tp + fp) : 0, r = tp + fn ? double(tp) / (tp + fn) : 0;
    sum += p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  return sum / 2;
}

double macro_f1(const std::vector<int>& gold, const std::vector<int>& pred) {
  int tp[3] = {0, 0, 0}, fp[3] = {0, 0, 0}, fn[3] = {0, 0, 0};
  bool present[3] = {false, false, false};
  for (size_t i = 0; i < gold.size(); ++i) {
    present[gold[i]] = true;
    if (gold[i] == pred[i]) ++tp[gold[i]];
    else {
      ++fp[pred[i]];
      ++fn[gold[i]];
    }
  }
  double sum = 0;
  int k = 0;
  for (int c = 0; c < 3; ++c) {
    if (!present[c]) continue;
    double p = tp[c] + fp[c] ? double(tp[c]) / (tp[c] + fp[c]) : 0;
    double r = tp[c] + fn[c] ? double(tp[c]) / (tp[c] + fn[c]) : 0;
    sum += p + r > 0 ? 2 * p * r / (p + r) : 0;
    ++k;
  }
  return k ? sum / k : 0;
}

// Feature set 2's tweet normalisation of the folded text, for the hashed
// n-grams only: an @mention becomes "@", a URL "http" (their letters are
// names and random ids that a 2k-tweet training set cannot generalise
// from), and a letter repeated 3+ times is kept twice ("siiiii" = "sii",
// "jajajaja" is left alone: its letters alternate).
void normalise_tweet(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  size_t i = 0;
  char32_t prev = 0;
  int run = 0;
  while (i < in.size()) {
    bool at_start = i == 0 || in[i - 1] == ' ' || in[i - 1] == '\t' || in[i - 1] == '\n';
    if (at_start && (in.compare(i, 7, "http://") == 0 || in.compare(i, 8, "https://") == 0 ||
                     in.compare(i, 4, "www.") == 0)) {
      while (i < in.size() && in[i] != ' ' && in[i] != '\t' && in[i] != '\n') ++i;
      out += " http ";
      prev = 0;
      continue;
    }
    if (in[i] == '@' && i + 1 < in.size() && (std::isalnum(static_cast<unsigned char>(in[i + 1])) || in[i + 1] == '_')) {
      ++i;
      while (i < in.size() && (std::isalnum(static_cast<unsigned char>(in[i])) || in[i] == '_')) ++i;
      out += " @ ";
      prev = 0;
      continue;
    }
    char32_t c;
    size_t n = detail::decode_utf8(in, i, c);
    if (c == prev) ++run;
    else run = 1;
    prev = c;
    if (run <= 2 || !is_word_cp(c)) out.append(in.substr(i, n));
    i += n;
  }
}

}  // namespace

// Calls visit(bucket) once for each distinct hashed bucket of text's word
// n-grams and character n-grams, in the order they first occur; returns how
// many there were.
// When set (explain() only), every hashed feature is also recorded with a
// readable name: w:word, b:word word, c:<n-gram>. Not set on the hot path.
thread_local std::vector<std::pair<uint32_t, std::string>>* t_feature_names = nullptr;

template <class Visit>
uint32_t LinearModel::buckets(std::string_view text, Visit&& visit) const {
  const uint32_t mask = (1u << hash_bits_) - 1;
  thread_local std::string folded;
  folded = text::index_form(text);
  if (features_ >= 2) {  // sets 2 and 3
    thread_local std::string norm;
    normalise_tweet(folded, norm);
    folded.swap(norm);
  }
  // Words: runs of word code points; each CJK character is its own word.
  thread_local std::vector<std::string_view> words;
  words.clear();
  size_t i = 0, start = std::string::npos;
  while (i < folded.size()) {
    char32_t c;
    size_t n = detail::decode_utf8(folded, i, c);
    bool w = is_word_cp(c);
    bool cjk = detail::is_cjk(c);
    if (start != std::string::npos && (!w || cjk)) {
      words.push_back(std::string_view(folded).substr(start, i - start));
      start = std::string::npos;
    }
    if (cjk) words.push_back(std::string_view(folded).substr(i, n));
    else if (w && start == std::string::npos) start = i;
    else if (detail::is_emoji(c) || (c == '@' && features_ >= 2)) words.push_back(std::string_view(folded).substr(i, n));
    i += n;
  }
  if (start != std::string::npos) words.push_back(std::string_view(folded).substr(start));
  // Distinct buckets: a bitmap of the 2^bits buckets, and the list of
  // buckets set, to clear it afterwards without scanning all of it.
  thread_local std::vector<uint64_t> bits;
  thread_local std::vector<uint32_t> seen;
  const size_t nwords = std::max<size_t>(1, (size_t(mask) + 1) / 64);
  if (bits.size() < nwords) bits.assign(nwords, 0);
  seen.clear();
  auto add = [&](uint64_t h) {
    const uint32_t b = static_cast<uint32_t>(h) & mask;
    uint64_t& word = bits[b >> 6];
    const uint64_t bit = uint64_t(1) << (b & 63);
    if (word & bit) return;
    word |= bit;
    seen.push_back(b);
    visit(b);
  };
  const uint64_t seed = kFnvLegacyOffset;
  const uint64_t seed_w = fnv1a64("w", seed), seed_b = fnv1a64("b", seed), seed_c = fnv1a64("c", seed);
  thread_local std::string padded;
  thread_local std::vector<size_t> cps;
  for (size_t k = 0; k < words.size(); ++k) {
    uint64_t hw = fnv1a64(words[k], seed_w);
    if (t_feature_names) t_feature_names->emplace_back(static_cast<uint32_t>(hw) & mask, "w:" + std::string(words[k]));
    add(hw);
    if (bigrams_ && k + 1 < words.size()) {
      const uint64_t hb = fnv1a64(words[k + 1], fnv1a64(" ", fnv1a64(words[k], seed_b)));
      if (t_feature_names)
        t_feature_names->emplace_back(static_cast<uint32_t>(hb) & mask,
                                      "b:" + std::string(words[k]) + " " + std::string(words[k + 1]));
      add(hb);
    }
    if (char_min_ > 0 && words[k].size() > 3) {
      // Character n-grams of " word " (code points), for morphology.
      cps.clear();
      padded.assign(1, ' ');
      padded.append(words[k]);
      padded.push_back(' ');
      for (size_t p = 0; p < padded.size();) {
        cps.push_back(p);
        char32_t c;
        p += detail::decode_utf8(padded, p, c);
      }
      cps.push_back(padded.size());
      const size_t ncp = cps.size() - 1;
      // FNV-1a is sequential, so the hash of the n-gram at s extends the
      // hash of the (n-1)-gram at s: one pass per start gives all lengths.
      for (size_t s = 0; s + char_min_ <= ncp; ++s) {
        uint64_t h = seed_c;
        const size_t last = std::min(ncp, s + static_cast<size_t>(char_max_));
        for (size_t e = s + 1; e <= last; ++e) {
          for (size_t b = cps[e - 1]; b < cps[e]; ++b) h = fnv1a64_byte(h, static_cast<unsigned char>(padded[b]));
          if (e - s >= static_cast<size_t>(char_min_)) {
            if (t_feature_names)
              t_feature_names->emplace_back(static_cast<uint32_t>(h) & mask,
                                            "c:" + padded.substr(cps[s], cps[e] - cps[s]));
            add(h);
          }
        }
      }
    }
  }
  for (const uint32_t b : seen) bits[b >> 6] = 0;
  return static_cast<uint32_t>(seen.size());
}

// The dense columns after the hashed buckets, bias first; dense_size()
// values (the lexicon's only when the model uses them and f is given).
uint32_t LinearModel::dense(const LexiconFeatures* f, float out[kMaxDense]) const {
  out[0] = 1.0f;  // bias
  if (!lexicon_ || f == nullptr) return 1;
  const float d[13] = {
      static_cast<float>(f->compound),
      static_cast<float>(f->pos_sum / 4.0),
      static_cast<float>(f->neg_sum / 4.0),
      static_cast<float>(std::log1p(f->n_pos)),
      static_cast<float>(std::log1p(f->n_neg)),
      static_cast<float>(std::log1p(f->n_negators)),
      f->n_exclaim > 0 ? 1.0f : 0.0f,
      // Set 2: the lexicon's own verdict (VADER's +-0.05) as indicators,
      // so the model can learn a per-language neutral band, and how many
      // items the lexicon saw (long texts carry more chance hits).
      f->compound >= 0.05 ? 1.0f : 0.0f,
      f->compound <= -0.05 ? 1.0f : 0.0f,
      static_cast<float>(std::log1p(f->n_items) / 3.0),
      // Set 3: the strongest item of each polarity (one "terrible" is not
      // two "bad"s) and questions (often neutral requests in tweets).
      static_cast<float>(f->max_pos / 4.0),
      static_cast<float>(f->max_neg / 4.0),
      f->n_question > 0 ? 1.0f : 0.0f,
  };
  const uint32_t n = dense_size(features_);
  for (uint32_t k = 1; k < n; ++k) out[k] = d[k - 1];
  return n;
}

void LinearModel::features(std::string_view text, const LexiconFeatures* f, std::vector<uint32_t>& idx,
                           std::vector<float>& val) const {
  idx.clear();
  val.clear();
  buckets(text, [&](uint32_t b) { idx.push_back(b); });
  // Training sums weights in bucket order (as model files were trained).
  std::sort(idx.begin(), idx.end());
  float norm = idx.empty() ? 1.0f : 1.0f / std::sqrt(static_cast<float>(idx.size()));
  val.assign(idx.size(), norm);
  const uint32_t base = (1u << hash_bits_);
  float d[kMaxDense];
  const uint32_t nd = dense(f, d);
  for (uint32_t k = 0; k < nd; ++k) {
    idx.push_back(base + k);
    val.push_back(d[k]);
  }
}

void LinearModel::logits(const std::vector<uint32_t>& idx, const std::vector<float>& val, double out[3]) const {
  out[0] = out[1] = out[2] = 0;
  for (size_t k = 0; k < idx.size(); ++k) {
    const float* w = &w_[static_cast<size_t>(idx[k]) * 3];
    out[0] += w[0] * val[k];
    out[1] += w[1] * val[k];
    out[2] += w[2] * val[k];
  }
}

static void softmax(double z[3]) {
  double m = std::max({z[0], z[1], z[2]});
  double s = 0;
  for (int c = 0; c < 3; ++c) s += (z[c] = std::exp(z[c] - m));
  for (int c = 0; c < 3; ++c) z[c] /= s;
}

Prediction LinearModel::predict(std::string_view text, const LexiconFeatures& f) const {
  // The logits of features() + logits() without sorting: every hashed
  // bucket has the same value (1/sqrt(count)), so sum the weights and scale
  // once. The weight rows are megabytes of random reads (most miss the
  // cache): prefetch each row when its bucket is found, sum afterwards.
  thread_local std::vector<uint32_t> ids;
  ids.clear();
  const uint32_t n = buckets(text, [&](uint32_t b) {
    __builtin_prefetch(&w_[static_cast<size_t>(b) * 3]);
    ids.push_back(b);
  });
  double sparse[3] = {0, 0, 0};
  for (const uint32_t b : ids) {
    const float* w = &w_[static_cast<size_t>(b) * 3];
    sparse[0] += w[0];
    sparse[1] += w[1];
    sparse[2] += w[2];
  }
  const double norm = n == 0 ? 1.0 : 1.0 / std::sqrt(static_cast<double>(n));
  double z[3] = {sparse[0] * norm, sparse[1] * norm, sparse[2] * norm};
  float d[kMaxDense];
  const uint32_t nd = dense(&f, d);
  const size_t base = size_t(1) << hash_bits_;
  for (uint32_t k = 0; k < nd; ++k) {
    const float* w = &w_[(base + k) * 3];
    z[0] += w[0] * d[k];
    z[1] += w[1] * d[k];
    z[2] += w[2] * d[k];
  }
  Prediction p;
  int best = 0;
  for (int c = 1; c < 3; ++c)
    if (z[c] + bias_[c] > z[best] + bias_[best]) best = c;
  softmax(z);
  std::copy(z, z + 3, p.probs);
  p.label = static_cast<Label>(best);
  return p;
}

ModelExplanation LinearModel::explain(std::string_view text, const LexiconFeatures& f, size_t top) const {
  static const char* kDense[] = {"bias",          "lex:compound", "lex:pos_sum",   "lex:neg_sum", "lex:n_pos",
                                 "lex:n_neg",     "lex:negators", "lex:exclaim",   "lex:label_pos",
                                 "lex:label_neg", "lex:n_items",  "lex:max_pos",   "lex:max_neg", "lex:question"};
  std::vector<std::pair<uint32_t, std::string>> names;
  t_feature_names = &names;
  std::vector<uint32_t> idx;
  std::vector<float> val;
  try {
    features(text, &f, idx, val);
  } catch (...) {
    t_feature_names = nullptr;
    throw;
  }
  t_feature_names = nullptr;
  ModelExplanation ex;
  logits(idx, val, ex.logits);
  for (int c = 0; c < 3; ++c) ex.biases[c] = bias_[c];
  ex.margin = (ex.logits[2] + bias_[2]) - (ex.logits[0] + bias_[0]);
  const uint32_t base = 1u << hash_bits_;
  std::vector<FeatureContribution> all;
  for (size_t k = 0; k < idx.size(); ++k) {
    const float* w = &w_[static_cast<size_t>(idx[k]) * 3];
    FeatureContribution fc;
    fc.value = val[k];
    fc.contribution = (w[2] - w[0]) * val[k];
    if (idx[k] >= base) {
      const uint32_t d = idx[k] - base;
      fc.name = d < std::size(kDense) ? kDense[d] : "dense:" + std::to_string(d);
    } else {
      // Every feature that hashed into this bucket (usually one).
      for (const auto& [b, n] : names)
        if (b == idx[k] && fc.name.find(n) == std::string::npos) fc.name += (fc.name.empty() ? "" : " | ") + n;
    }
    all.push_back(std::move(fc));
  }
  std::sort(all.begin(), all.end(), [](const FeatureContribution& a, const FeatureContribution& b) {
    return std::abs(a.contribution) > std::abs(b.contribution);
  });
  ex.rest = bias_[2] - bias_[0];  // the class offsets chosen on dev
  for (size_t k = 0; k < all.size(); ++k) {
    if (k < top) ex.features.push_back(all[k]);
    else ex.rest += all[k].contribution;
  }
  return ex;
}

// What train() passes between its steps: the examples split into train and
// dev and featurised once, the shuffling generator, and the model being
// fitted (its weights and biases are written in place).
class LinearModel::Trainer {
 public:
  Trainer(LinearModel& m, const TrainOptions& o, std::ostream* log) : m_(m), o_(o), log_(log), rng_(o.seed) {}

  // dev_in empty: a shuffled o.dev_fraction of train_in is the dev set.
  void split(const std::vector<Example>& train_in, const std::vector<Example>& dev_in) {
    if (dev_in.empty()) {
      std::vector<const Example*> all;
      for (const auto& e : train_in) all.push_back(&e);
      std::shuffle(all.begin(), all.end(), rng_);
      size_t nd = static_cast<size_t>(all.size() * o_.dev_fraction);
      dev.assign(all.begin(), all.begin() + nd);
      train.assign(all.begin() + nd, all.end());
    } else {
      for (const auto& e : train_in) train.push_back(&e);
      for (const auto& e : dev_in) dev.push_back(&e);
    }
    // The first SGD run continues this generator, as the feature set 1
    // models were trained.
    rng0_ = rng_;
  }

  // Featurise once: every epoch and fold reuses these.
  void featurise(const Scorer* lexicon, const std::string& lang) {
    featurise(train, TI, TV, lexicon, lang);
    featurise(dev, DI, DV, lexicon, lang);
  }

  // SGD over the training examples in `subset`, o.runs times with different
  // shuffling seeds, weights averaged; leaves the result in m.w_.
  void fit(const std::vector<size_t>& subset, bool verbose) {
    std::vector<float> sum;
    for (int run = 0; run < o_.runs; ++run) {
      std::mt19937_64 run_rng(o_.seed + static_cast<uint64_t>(run));
      if (run == 0) run_rng = rng0_;  // one run = the feature set 1 models exactly
      sgd_run(subset, run, run_rng, verbose);
      if (o_.runs > 1) {
        if (sum.empty()) sum.assign(m_.w_.size(), 0.0f);
        for (size_t j = 0; j < sum.size(); ++j) sum[j] += m_.w_[j];
      }
    }
    if (o_.runs > 1) {
      const float inv = 1.0f / static_cast<float>(o_.runs);
      for (size_t j = 0; j < sum.size(); ++j) m_.w_[j] = sum[j] * inv;
    }
  }

  // The logits the biases are chosen on, with their gold labels.
  struct Scored {
    std::vector<int> gold;
    std::vector<std::array<double, 3>> z;
  };

  // bias_cv: the out-of-fold logits of the training examples, K times more
  // items than a 10% dev split, so the biases depend less on ~200 noisy
  // tweets and dev stays a clean held-out comparison.
  Scored out_of_fold() {
    Scored b;
    std::mt19937_64 frng(o_.seed ^ 0x9e3779b97f4a7c15ull);
    const std::vector<int> fold_of = cv_folds(train.size(), o_.bias_cv, frng);
    b.gold.resize(train.size());
    b.z.resize(train.size());
    for (int fold = 0; fold < o_.bias_cv; ++fold) {
      std::vector<size_t> in, out;
      for (size_t k = 0; k < fold_of.size(); ++k) (fold_of[k] == fold ? out : in).push_back(k);
      fit(in, false);
      for (size_t k : out) {
        double z[3];
        m_.logits(TI[k], TV[k], z);
        b.z[k] = {z[0], z[1], z[2]};
        b.gold[k] = static_cast<int>(train[k]->label);
      }
    }
    // Only the main training set decides the biases (other sets lend
    // weights, not their label balance).
    if (std::any_of(train.begin(), train.end(), [](const Example* e) { return e->for_biases; })) {
      size_t w = 0;
      for (size_t k = 0; k < train.size(); ++k) {
        if (!train[k]->for_biases) continue;
        b.gold[w] = b.gold[k];
        b.z[w] = b.z[k];
        ++w;
      }
      b.gold.resize(w);
      b.z.resize(w);
    }
    if (log_ != nullptr) *log_ << "class biases from " << o_.bias_cv << "-fold out-of-fold predictions on train\n";
    return b;
  }

  Scored dev_logits() const {
    Scored d;
    d.gold.resize(dev.size());
    d.z.resize(dev.size());
    for (size_t k = 0; k < dev.size(); ++k) {
      d.gold[k] = static_cast<int>(dev[k]->label);
      double z[3];
      m_.logits(DI[k], DV[k], z);
      d.z[k] = {z[0], z[1], z[2]};
    }
    return d;
  }

  // Decision biases: grid search for the best macro-F1 (or F1(pos,neg)) on
  // `on`; the model's dev figure is then measured on `dev_scored`.
  void choose_biases(const Scored& on, const Scored& dev_scored) {
    std::vector<int> pred(on.z.size());
    double best = -1;
    for (double bn = -3.0; bn <= 3.0001; bn += 0.1) {
      for (double bp = -1.5; bp <= 1.5001; bp += 0.1) {
        for (size_t k = 0; k < on.z.size(); ++k) pred[k] = decide(on.z[k], bn, bp);
        double f = metric(on.gold, pred);
        if (f > best + 1e-9) {
          best = f;
          m_.bias_[0] = 0;
          m_.bias_[1] = bn;
          m_.bias_[2] = bp;
        }
      }
    }
    const char* what = o_.optimise_pos_neg ? "F1(pos,neg) " : "macro-F1 ";
    if (o_.bias_cv > 1) {
      pred.resize(dev_scored.z.size());
      for (size_t k = 0; k < dev_scored.z.size(); ++k) pred[k] = decide(dev_scored.z[k], m_.bias_[1], m_.bias_[2]);
      if (log_ != nullptr) *log_ << "out-of-fold " << what << best << "\n";
      best = metric(dev_scored.gold, pred);
    }
    m_.dev_macro_f1_ = std::max(best, 0.0);
    if (log_ != nullptr)
      *log_ << "dev: " << dev.size() << " examples, " << what << m_.dev_macro_f1_ << " (neutral bias " << m_.bias_[1]
            << ", positive bias " << m_.bias_[2] << ")\n";
  }

  std::vector<const Example*> train, dev;

 private:
  void featurise(const std::vector<const Example*>& xs, std::vector<std::vector<uint32_t>>& I,
                 std::vector<std::vector<float>>& V, const Scorer* lexicon, const std::string& lang) {
    I.resize(xs.size());
    V.resize(xs.size());
    for (size_t k = 0; k < xs.size(); ++k) {
      LexiconFeatures f;
      if (m_.lexicon_) f = lexicon->lexicon_features(xs[k]->text, xs[k]->lang.empty() ? lang : xs[k]->lang);
      m_.features(xs[k]->text, m_.lexicon_ ? &f : nullptr, I[k], V[k]);
    }
  }

  // One SGD run from zero weights over `subset`, o.epochs passes.
  void sgd_run(const std::vector<size_t>& subset, int run, std::mt19937_64& run_rng, bool verbose) {
    std::fill(m_.w_.begin(), m_.w_.end(), 0.0f);
    std::vector<size_t> order = subset;
    for (int ep = 0; ep < o_.epochs; ++ep) {
      std::shuffle(order.begin(), order.end(), run_rng);
      double lr = o_.learning_rate / (1.0 + 0.3 * ep);
      double loss = 0;
      for (size_t k : order) {
        double z[3];
        m_.logits(TI[k], TV[k], z);
        softmax(z);
        int y = static_cast<int>(train[k]->label);
        loss -= std::log(std::max(z[y], 1e-12));
        double g[3] = {z[0], z[1], z[2]};
        g[y] -= 1.0;
        for (size_t j = 0; j < TI[k].size(); ++j) {
          float* w = &m_.w_[static_cast<size_t>(TI[k][j]) * 3];
          double x = TV[k][j];
          for (int c = 0; c < 3; ++c) w[c] -= static_cast<float>(lr * (g[c] * x + o_.l2 * w[c]));
        }
      }
      if (verbose && log_ != nullptr && (ep + 1 == o_.epochs || o_.runs == 1))
        *log_ << "run " << run + 1 << " epoch " << ep + 1 << ": mean loss " << loss / std::max<size_t>(1, order.size())
              << "\n";
    }
  }

  static int decide(const std::array<double, 3>& z, double bn, double bp) {
    double s0 = z[0], s1 = z[1] + bn, s2 = z[2] + bp;
    return s0 >= s1 && s0 >= s2 ? 0 : (s1 >= s2 ? 1 : 2);
  }

  double metric(const std::vector<int>& g, const std::vector<int>& p) const {
    return g.empty() ? 0.0 : (o_.optimise_pos_neg ? f1_pos_neg(g, p) : macro_f1(g, p));
  }

  LinearModel& m_;
  const TrainOptions& o_;
  std::ostream* log_;
  std::mt19937_64 rng_, rng0_;
  std::vector<std::vector<uint32_t>> TI, DI;  // featurised train and dev
  std::vector<std::vector<float>> TV, DV;
};

LinearModel LinearModel::train(const std::vector<Example>& train_in, const std::vector<Example>& dev_in,
                               const std::string& lang, const TrainOptions& o, const Scorer* lexicon,
                               std::ostream* log) {
  if (train_in.empty()) throw UsageError("no training examples");
  if (o.hash_bits < 10 || o.hash_bits > 24) throw UsageError("hash bits must be in 10..24");
  LinearModel m;
  m.lang_ = lang;
  m.name_ = lang + "-linear";
  m.hash_bits_ = o.hash_bits;
  m.bigrams_ = o.word_bigrams;
  m.char_min_ = o.char_min;
  m.char_max_ = o.char_max;
  m.lexicon_ = o.lexicon && lexicon != nullptr;
  if (o.features < 1 || o.features > kMaxFeatures) throw UsageError("feature set must be 1, 2 or 3");
  if (o.runs < 1 || o.runs > 50) throw UsageError("runs must be in 1..50");
  m.features_ = o.features;
  const size_t dim = (size_t(1) << o.hash_bits) + dense_size(o.features);
  m.w_.assign(dim * 3, 0.0f);

  Trainer t(m, o, log);
  t.split(train_in, dev_in);
  t.featurise(lexicon, lang);
  m.knows_neutral_ = std::any_of(t.train.begin(), t.train.end(),
                                 [](const Example* e) { return e->label == Label::neutral; });
  Trainer::Scored biases_on;
  if (o.bias_cv > 1) biases_on = t.out_of_fold();
  std::vector<size_t> all(t.train.size());
  std::iota(all.begin(), all.end(), 0);
  t.fit(all, true);
  const Trainer::Scored dev_scored = t.dev_logits();
  if (o.bias_cv <= 1) biases_on = dev_scored;
  t.choose_biases(biases_on, dev_scored);
  return m;
}

void LinearModel::save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw Error("cannot write " + path);
  out << kMagic << " " << kFormat << "\n"
      << "name " << name_ << "\n"
      << "lang " << lang_ << "\n"
      << "default " << (default_ ? 1 : 0) << "\n"
      << "hash_bits " << hash_bits_ << "\n"
      << "bigrams " << (bigrams_ ? 1 : 0) << "\n"
      << "char_ngrams " << char_min_ << " " << char_max_ << "\n"
      << "lexicon " << (lexicon_ ? 1 : 0) << "\n"
      << "knows_neutral " << (knows_neutral_ ? 1 : 0) << "\n"
      << "features " << features_ << "\n";
  char buf[128];
  std::snprintf(buf, sizeof buf, "bias %.17g %.17g %.17g\n", bias_[0], bias_[1], bias_[2]);
  out << buf;
  std::snprintf(buf, sizeof buf, "dev_macro_f1 %.4f\n", dev_macro_f1_);
  out << buf;
  std::string t = trained_on_;
  std::replace(t.begin(), t.end(), '\n', ' ');
  out << "trained_on " << t << "\n";
  // The weights, deflated: most hashed buckets are never used, so a model
  // shrinks 2-7x (ru, 2^18 buckets: 3.1 MB -> 1.0 MB). compress2 at level
  // 9 is deterministic, so scripts/lexicons/train_models.sh stays byte-exact.
  const auto* raw = reinterpret_cast<const Bytef*>(w_.data());
  const uLong raw_size = static_cast<uLong>(w_.size() * sizeof(float));
  std::string packed(compressBound(raw_size), '\0');
  uLongf packed_size = static_cast<uLongf>(packed.size());
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size, raw, raw_size, 9) != Z_OK)
    throw Error("cannot compress the weights of " + path);
  out << "weights_deflate " << w_.size() << " " << packed_size << "\n";
  out.write(packed.data(), static_cast<std::streamsize>(packed_size));
  if (!out) throw Error("cannot write " + path);
}

LinearModel LinearModel::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read model " + path);
  LinearModel m;
  std::string line;
  bool magic = false;
  size_t nweights = 0, packed_size = 0;
  bool deflated = false;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string key;
    ls >> key;
    if (!magic) {
      int fmt = 0;
      ls >> fmt;
      if (key != kMagic || fmt != kFormat) throw Error(path + ": not a Vigie sentiment model (format " + std::to_string(kFormat) + ")");
      magic = true;
      continue;
    }
    if (key == "name") ls >> m.name_;
    else if (key == "lang") ls >> m.lang_;
    else if (key == "default") { int d = 0; ls >> d; m.default_ = d != 0; }
    else if (key == "hash_bits") ls >> m.hash_bits_;
    else if (key == "bigrams") { int d = 0; ls >> d; m.bigrams_ = d != 0; }
    else if (key == "char_ngrams") ls >> m.char_min_ >> m.char_max_;
    else if (key == "lexicon") { int d = 0; ls >> d; m.lexicon_ = d != 0; }
    else if (key == "knows_neutral") { int d = 1; ls >> d; m.knows_neutral_ = d != 0; }
    else if (key == "features") ls >> m.features_;
    else if (key == "bias") ls >> m.bias_[0] >> m.bias_[1] >> m.bias_[2];
    else if (key == "dev_macro_f1") ls >> m.dev_macro_f1_;
    else if (key == "trained_on") { std::getline(ls >> std::ws, m.trained_on_); }
    else if (key == "weights") { ls >> nweights; break; }  // raw floats (older model files)
    else if (key == "weights_deflate") { ls >> nweights >> packed_size; deflated = true; break; }
  }
  if (!magic || m.hash_bits_ < 10 || m.hash_bits_ > 24 || m.features_ < 1 || m.features_ > kMaxFeatures)
    throw Error(path + ": bad model header");
  size_t expect = ((size_t(1) << m.hash_bits_) + dense_size(m.features_)) * 3;
  if (nweights != expect) throw Error(path + ": expected " + std::to_string(expect) + " weights");
  m.w_.resize(nweights);
  const size_t raw_size = nweights * sizeof(float);
  if (!deflated) {
    in.read(reinterpret_cast<char*>(m.w_.data()), static_cast<std::streamsize>(raw_size));
    if (static_cast<size_t>(in.gcount()) != raw_size) throw Error(path + ": truncated model");
    return m;
  }
  std::string packed(packed_size, '\0');
  in.read(packed.data(), static_cast<std::streamsize>(packed_size));
  if (static_cast<size_t>(in.gcount()) != packed_size) throw Error(path + ": truncated model");
  uLongf out_size = static_cast<uLongf>(raw_size);
  if (uncompress(reinterpret_cast<Bytef*>(m.w_.data()), &out_size, reinterpret_cast<const Bytef*>(packed.data()),
                 static_cast<uLong>(packed_size)) != Z_OK ||
      out_size != raw_size)
    throw Error(path + ": corrupt model weights");
  return m;
}

}  // namespace vigie::sentiment
