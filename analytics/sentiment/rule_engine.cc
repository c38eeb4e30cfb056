#include "analytics/sentiment/rule_engine.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/hash.h"
#include "core/text/stem.h"

namespace vigie::sentiment::detail {
namespace {

// Stem prefixes up to this many bytes get their hashes in one pass
// (stem_valence); longer ones (none in the shipped lexicons) hash alone.
constexpr size_t kMaxStemBytes = 64;

struct ItemInfo {
  const Entry* entry = nullptr;
  float valence = 0;
  bool lexical = false;  // has valence in the lexicon (VADER: "in lexicon")
  bool negator = false;
  bool fixed = false;
  bool consumed = false;
};

struct Scratch {
  std::vector<uint64_t> hashes;  // FNV-1a of each item's key
  std::vector<ItemInfo> info;
  std::vector<double> sentiments;
  std::string phrase;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

float stem_valence(const Lang& L, std::string_view k) {
  if (L.stem_table.empty()) return 0;
  const size_t n_max = std::min(k.size(), L.stem_max);
  if (n_max < L.stem_min) return 0;
  // FNV-1a of every prefix in one pass; the longest prefix wins.
  uint64_t h[kMaxStemBytes + 1];
  const size_t limit = std::min(n_max, kMaxStemBytes);
  h[0] = kFnvOffset;
  for (size_t i = 0; i < limit; ++i) h[i + 1] = fnv1a64_byte(h[i], static_cast<unsigned char>(k[i]));
  for (size_t n = n_max; n >= L.stem_min; --n) {
    // Only cut at code point boundaries.
    if (n < k.size() && (static_cast<unsigned char>(k[n]) & 0xC0) == 0x80) continue;
    const std::string_view prefix = k.substr(0, n);
    const float* v = n <= kMaxStemBytes ? L.stem_table.find_fnv(prefix, h[n]) : L.stem_table.find(prefix);
    if (v != nullptr) return *v;
  }
  return 0;
}

float snowball_valence(const Lang& L, std::string_view k) {
  thread_local text::StemmerSet stemmers;  // Xapian::Stem is not thread-safe
  thread_local std::string word;
  word.assign(k);
  const float* v = L.snowball_table.find(stemmers.get(L.code)(word));
  return v == nullptr ? 0.0f : *v;
}

bool is_negator(const Lang& L, const ItemInfo& inf, std::string_view k) {
  if (inf.entry != nullptr && (inf.entry->flags & kNegator)) return true;
  for (const auto& s : L.negator_suffixes)
    if (k.size() > s.size() && k.ends_with(s)) return true;
  return false;
}

// Fills sc.info[0, n) for items [first, first + n): entry, valence (lexicon,
// emoji table, stem prefix, Snowball stem) and negation. Counts the word
// items and those in capitals.
void look_up(const Lang& L, const StringTable<float>& emoji, const Items& its, size_t first, size_t n, Scratch& sc,
             size_t& words, size_t& caps) {
  // Hash every key and prefetch its lexicon slot first: the lexicons are
  // megabytes, so most lookups miss the cache; this way the misses overlap.
  sc.hashes.resize(n);
  for (size_t k = 0; k < n; ++k) {
    const Item& it = its.items[first + k];
    if (it.kind == ItemKind::neutral) continue;  // never looked up below
    sc.hashes[k] = fnv1a64(its.key(it));
    L.entry_table.prefetch_fnv(sc.hashes[k]);
  }
  for (size_t k = 0; k < n; ++k) {
    const Item& it = its.items[first + k];
    ItemInfo& inf = sc.info[k];
    std::string_view key = its.key(it);
    if (it.kind == ItemKind::neutral) continue;
    ++words;
    if (it.caps) ++caps;
    inf.entry = L.entry_table.find_fnv(key, sc.hashes[k]);
    if (inf.entry != nullptr && (inf.entry->flags & kLex)) {
      inf.valence = inf.entry->valence;
      inf.lexical = true;
    } else if (it.kind == ItemKind::emoji) {
      if (const float* e = emoji.find(key)) {
        inf.valence = *e;
        inf.lexical = true;
      }
    } else if (inf.entry == nullptr || inf.entry->flags == 0) {
      float v = L.stem_table.empty() ? 0 : stem_valence(L, key);
      if (v == 0 && !L.snowball_table.empty() && key.size() >= 4) v = snowball_valence(L, key);
      if (v != 0) {
        inf.valence = v;
        inf.lexical = true;
      }
    }
    inf.negator = is_negator(L, inf, key);
  }
}

// Phrases: idioms (fixed valence) and multi-word lexicon entries. The
// longest phrase at a head wins; its last item carries the valence, and a
// word inside it starts no other phrase ("no hay nada mejor" keeps "nada
// mejor que" from taking its last word).
void match_phrases(const Lang& L, const Items& its, size_t first, size_t n, Scratch& sc) {
  for (size_t k = 0; k < n; ++k) {
    const ItemInfo& head = sc.info[k];
    if (head.consumed || head.entry == nullptr || !(head.entry->flags & kPhraseHead)) continue;
    size_t maxw = std::min(L.phrase_max, n - k);
    for (size_t w = maxw; w >= 2; --w) {
      sc.phrase.assign(its.key(its.items[first + k]));
      for (size_t j = 1; j < w; ++j) {
        sc.phrase.push_back(' ');
        sc.phrase.append(its.key(its.items[first + k + j]));
      }
      const Phrase* ph = L.phrase_table.find(sc.phrase);
      if (ph == nullptr) continue;
      for (size_t j = 0; j + 1 < w; ++j) {
        sc.info[k + j].consumed = true;
        sc.info[k + j].lexical = true;
      }
      ItemInfo& tail = sc.info[k + w - 1];
      tail.valence = ph->valence;
      tail.lexical = true;
      tail.fixed = ph->fixed;
      tail.entry = nullptr;
      break;
    }
  }
}

// The valence v of item k after the rules around it: capitals, boosters
// and negators in the window before it (up to a contrastive conjunction
// where the language says so), a negator after it, and "least". Appends
// the rules that applied to *rules when given.
double apply_modifiers(const Lang& L, const Items& its, size_t first, size_t n, size_t k, const Scratch& sc,
                       bool cap_diff, double v, std::string* rules) {
  const Item& it = its.items[first + k];
  if (it.caps && cap_diff) {
    v += v > 0 ? L.cap_incr : -L.cap_incr;
    if (rules) *rules += "caps ";
  }
  for (int s = 0; s < L.window; ++s) {
    if (k < static_cast<size_t>(s) + 1) break;
    size_t j = k - s - 1;
    const ItemInfo& prev = sc.info[j];
    if (L.contrast_blocks && prev.entry != nullptr && (prev.entry->flags & kContrast)) break;
    if (prev.lexical) continue;  // VADER: only non-lexicon words modify
    if (prev.entry != nullptr && (prev.entry->flags & kBooster)) {
      double b = prev.entry->booster;
      if (v < 0) b = -b;
      if (its.items[first + j].caps && cap_diff) b += v > 0 ? L.cap_incr : -L.cap_incr;
      if (s == 1) b *= 0.95;
      if (s == 2) b *= 0.9;
      v += b;
      if (rules) *rules += "booster(" + std::string(its.key(its.items[first + j])) + ") ";
    }
    // An emoji stands outside the sentence's syntax: "no se rinde nunca 💙"
    // does not negate the heart.
    if (prev.negator && it.kind != ItemKind::emoji) {
      v *= L.neg_scalar;
      if (rules) *rules += "negated(" + std::string(its.key(its.items[first + j])) + ") ";
    }
  }
  // Languages where the negator follows the predicate (SOV: Hindi).
  for (int s = 1; s <= L.after_window && k + s < n; ++s) {
    const ItemInfo& next = sc.info[k + s];
    if (next.lexical) break;
    if (next.negator) {
      v *= L.neg_scalar;
      if (rules) *rules += "negated-after(" + std::string(its.key(its.items[first + k + s])) + ") ";
      break;
    }
  }
  // "least": "least happy" negates, "at least happy" does not.
  if (k >= 1) {
    const ItemInfo& p1 = sc.info[k - 1];
    if (!p1.lexical && p1.entry != nullptr && (p1.entry->flags & kLeast)) {
      bool except = k >= 2 && sc.info[k - 2].entry != nullptr && (sc.info[k - 2].entry->flags & kLeastExcept);
      if (!except) {
        v *= L.neg_scalar;
        if (rules) *rules += "least ";
      }
    }
  }
  return v;
}

// Sets sc.sentiments[k] for every item that carries valence (boosters
// only modify); returns how many did. Counts the negators.
uint32_t apply_rules(const Lang& L, const Items& its, size_t first, size_t n, Scratch& sc, bool cap_diff,
                     Explanation* ex, uint32_t& n_negators) {
  uint32_t hits = 0;
  for (size_t k = 0; k < n; ++k) {
    const ItemInfo& inf = sc.info[k];
    const Item& it = its.items[first + k];
    if (inf.consumed) continue;  // inside a phrase: "no hay nada mejor" is praise, not a negation
    if (inf.negator) ++n_negators;
    if (inf.entry != nullptr && (inf.entry->flags & kBooster) && !inf.fixed) continue;
    double v = inf.valence;
    if (v == 0) continue;
    std::string rules;
    const bool explain = ex != nullptr;
    if (!inf.fixed) {
      v = apply_modifiers(L, its, first, n, k, sc, cap_diff, v, explain ? &rules : nullptr);
    } else if (explain) {
      rules += "idiom ";
    }
    sc.sentiments[k] = v;
    ++hits;
    if (explain) {
      Contribution c;
      c.begin = it.begin;
      c.end = it.end;
      c.term = std::string(its.key(it));
      c.base = inf.valence;
      c.final = v;
      c.rules = rules;
      ex->items.push_back(std::move(c));
    }
  }
  return hits;
}

// Contrastive conjunction: the first one halves what comes before it
// and strengthens what follows.
void apply_contrast(const Items& its, size_t first, size_t n, Scratch& sc, Explanation* ex) {
  for (size_t k = 0; k < n; ++k) {
    const ItemInfo& inf = sc.info[k];
    if (inf.entry == nullptr || !(inf.entry->flags & kContrast)) continue;
    for (size_t j = 0; j < n; ++j) {
      if (j < k) sc.sentiments[j] *= inf.entry->before;
      else if (j > k) sc.sentiments[j] *= inf.entry->after;
    }
    if (ex != nullptr) {
      for (auto& c : ex->items) {
        if (c.begin < its.items[first + k].begin) {
          c.final *= inf.entry->before;
          c.rules += "before-" + std::string(its.key(its.items[first + k])) + " ";
        } else {
          c.final *= inf.entry->after;
          c.rules += "after-" + std::string(its.key(its.items[first + k])) + " ";
        }
      }
    }
    break;
  }
}

// '!' and '?' in span, ASCII and full-width.
void count_emphasis(std::string_view span, int& excl, int& quest) {
  for (size_t i = 0; i < span.size(); ++i) {
    char c = span[i];
    if (c == '!') ++excl;
    else if (c == '?') ++quest;
    else if (c == '\xEF' && i + 2 < span.size() && span[i + 1] == '\xBC') {
      if (span[i + 2] == '\x81') ++excl;      // U+FF01
      else if (span[i + 2] == '\x9F') ++quest;  // U+FF1F
    }
  }
}

}  // namespace

double score_range(const Lang& L, const StringTable<float>& emoji, const Items& its, size_t first, size_t last,
                   std::string_view span, Explanation* ex, LexiconFeatures* feat, uint32_t* hits_out) {
  Scratch& sc = scratch();
  const size_t n = last - first;
  sc.info.assign(n, ItemInfo{});
  sc.sentiments.assign(n, 0.0);
  size_t words = 0, caps = 0;
  look_up(L, emoji, its, first, n, sc, words, caps);
  const bool cap_diff = caps > 0 && caps < words;
  if (!L.phrase_table.empty()) match_phrases(L, its, first, n, sc);

  double pos_sum = 0, neg_sum = 0;
  uint32_t n_pos = 0, n_neg = 0, n_negators = 0;
  const uint32_t hits = apply_rules(L, its, first, n, sc, cap_diff, ex, n_negators);
  apply_contrast(its, first, n, sc, ex);
  double sum = 0, max_pos = 0, max_neg = 0;
  for (double s : sc.sentiments) {
    sum += s;
    max_pos = std::max(max_pos, s);
    max_neg = std::max(max_neg, -s);
    if (s > 0) {
      pos_sum += s;
      ++n_pos;
    } else if (s < 0) {
      neg_sum += s;
      ++n_neg;
    }
  }
  // Emphasis by '!' (at most 4) and '?' (2 or more).
  int excl = 0, quest = 0;
  count_emphasis(span, excl, quest);
  double amp = std::min(excl, 4) * L.exclaim;
  if (quest > 1) amp += quest <= 3 ? quest * L.question : 0.96;
  double punct = 0;
  if (sum > 0) punct = amp;
  else if (sum < 0) punct = -amp;
  double total = sum + punct;
  double compound = total == 0 ? 0 : total / std::sqrt(total * total + L.alpha);
  compound = std::clamp(compound, -1.0, 1.0);
  if (ex != nullptr) {
    ex->sum += sum;
    ex->punctuation += punct;
  }
  if (feat != nullptr) {
    feat->compound = compound;
    feat->pos_sum += pos_sum;
    feat->neg_sum += neg_sum;
    feat->n_pos += n_pos;
    feat->n_neg += n_neg;
    feat->n_negators += n_negators;
    feat->n_items += static_cast<uint32_t>(words);
    feat->n_exclaim += static_cast<uint32_t>(excl);
    feat->max_pos = std::max(feat->max_pos, max_pos);
    feat->max_neg = std::max(feat->max_neg, max_neg);
    feat->n_question += static_cast<uint32_t>(quest);
  }
  if (hits_out != nullptr) *hits_out = hits;
  return compound;
}

}  // namespace vigie::sentiment::detail
