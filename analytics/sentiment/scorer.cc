// The lexicon-and-rules scorer: VADER's algorithm (Hutto & Gilbert 2014, as
// in NLTK's vader.py) with every language-specific word list moved to data
// files, plus stems (prefix entries), emoji and a longest-match tokenizer
// for Chinese.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "analytics/sentiment/linear_model.h"
#include "analytics/sentiment/sentiment.h"
#include "analytics/sentiment/tokenize.h"
#include "core/errors.h"
#include "core/hash.h"
#include "core/string_table.h"
#include "core/text/normalize.h"
#include "core/text/stem.h"

namespace vigie::sentiment {

std::string_view label_name(Label label) {
  switch (label) {
    case Label::negative: return "negative";
    case Label::neutral: return "neutral";
    case Label::positive: return "positive";
  }
  return "neutral";
}

bool parse_label(std::string_view name, Label& out) {
  if (name == "negative") out = Label::negative;
  else if (name == "neutral") out = Label::neutral;
  else if (name == "positive") out = Label::positive;
  else return false;
  return true;
}

namespace {

namespace fs = std::filesystem;
using detail::Item;
using detail::ItemKind;
using detail::Items;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept {
    // FNV-1a: short keys, no allocation for string_view lookups.
    return static_cast<size_t>(fnv1a64(s, kFnvLegacyOffset));
  }
};

template <class V>
using Map = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Stem prefixes up to this many bytes get their hashes in one pass
// (stem_valence); longer ones (none in the shipped lexicons) hash alone.
constexpr size_t kMaxStemBytes = 64;

enum : uint8_t {
  kLex = 1,
  kNegator = 2,
  kBooster = 4,
  kContrast = 8,
  kPhraseHead = 16,
  kLeast = 32,
  kLeastExcept = 64,
};

struct Entry {
  float valence = 0;
  float booster = 0;
  float before = 1, after = 1;  // contrast weights
  uint8_t flags = 0;
};

struct Phrase {
  float valence = 0;
  bool fixed = false;  // idiom: its valence replaces the rules
};

// A language's trained model. Default models are only read when their
// language is first scored (std::call_once, so any thread may trigger it):
// `vigie score --lang en` does not pay for reading ten models it never
// uses (about 20 ms and 9 MB for the shipped set). The header (name,
// language, default) is read at load time, so version() and model_for()
// never read weights.
class ModelSlot {
 public:
  // Set before scoring starts, never by get(): threads may ask while another
  // thread loads the weights.
  explicit operator bool() const { return present_; }
  const LinearModel* operator->() const { return get(); }
  const LinearModel* get() const {
    std::call_once(once_, [this] {
      if (!loaded_ && !path_.empty()) loaded_ = std::make_unique<LinearModel>(LinearModel::load(path_));
    });
    return loaded_.get();
  }
  const std::string& name() const { return name_; }
  void set(std::unique_ptr<LinearModel> m) {
    name_ = m->name();
    path_.clear();
    loaded_ = std::move(m);
    present_ = loaded_ != nullptr;
  }
  void defer(std::string path, std::string name) {
    path_ = std::move(path);
    name_ = std::move(name);
    loaded_.reset();
    present_ = !path_.empty();
  }

 private:
  std::string path_, name_;
  bool present_ = false;
  mutable std::once_flag once_;
  mutable std::unique_ptr<LinearModel> loaded_;
};

struct Lang {
  std::string code;
  // Built while loading (maps), then frozen into the StringTables that
  // scoring reads (freeze()).
  Map<Entry> entries;
  Map<float> stems;
  size_t stem_min = 3;  // bytes
  size_t stem_max = 0;
  Map<Phrase> phrases;
  StringTable<Entry> entry_table;
  StringTable<float> stem_table;
  StringTable<Phrase> phrase_table;
  StringTable<float> snowball_table;
  size_t phrase_max = 1;
  std::vector<std::string> negator_suffixes;
  double neg_scalar = -0.74;
  double cap_incr = 0.733;
  double alpha = 15;
  int window = 3;
  int after_window = 0;
  // A contrastive conjunction ends the scope of a preceding negator/booster
  // ("nicht schlecht, aber teuer"). Off for English (VADER does not).
  bool contrast_blocks = true;  // negators FOLLOWING the word (Hindi: "accha nahi")
  double pos_threshold = 0.05;
  double neg_threshold = -0.05;
  double exclaim = 0.292;
  double question = 0.18;
  bool cjk = false;
  // Rule words (negators, boosters, contrasts) lose any lexicon valence.
  // English keeps VADER's behaviour (a word in both acts as a lexicon word).
  bool rules_override_lexicon = true;
  // Snowball stems of the lexicon's words (mean valence per stem): the last
  // resort for inflected forms the lexicon lacks. Off for English (VADER).
  bool stem_fallback = true;
  Map<float> snowball;
  ModelSlot model;  // default trained model, if any
  uint64_t digest = 0;

  const Entry* find(std::string_view k) const { return entry_table.find(k); }

  void freeze() {
    entry_table = StringTable<Entry>(entries);
    stem_table = StringTable<float>(stems);
    phrase_table = StringTable<Phrase>(phrases);
    snowball_table = StringTable<float>(snowball);
    entries = {};
    stems = {};
    phrases = {};
    snowball = {};
  }
};

struct CjkDict final : detail::CjkDictionary {
  const Lang* lang = nullptr;
  bool contains(std::string_view s) const override { return lang->find(s) != nullptr; }
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error("cannot read " + p.string());
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return s;
}

// Calls fn(line_no, fields) for each non-comment, non-empty line.
template <class Fn>
void for_each_tsv(const std::string& data, Fn fn) {
  std::vector<std::string_view> f;
  size_t pos = 0, line_no = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    f.clear();
    size_t s = 0;
    while (true) {
      size_t t = line.find('\t', s);
      if (t == std::string_view::npos) {
        f.push_back(line.substr(s));
        break;
      }
      f.push_back(line.substr(s, t - s));
      s = t + 1;
    }
    fn(line_no, f);
  }
}

double to_double(std::string_view s, const std::string& where) {
  std::string tmp(s);
  char* end = nullptr;
  double v = std::strtod(tmp.c_str(), &end);
  if (tmp.empty() || end == tmp.c_str() || *end != '\0') throw Error(where + ": bad number '" + tmp + "'");
  return v;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

std::string fold_key(std::string_view s) {
  if (is_ascii(s)) {
    std::string r(s);
    for (auto& c : r)
      if (c >= 'A' && c <= 'Z') c = char(c + 32);
    return r;
  }
  return text::index_form(s);
}

void add_phrase(Lang& L, const std::string& key, Phrase ph) {
  size_t words = 1 + static_cast<size_t>(std::count(key.begin(), key.end(), ' '));
  if (words < 2) return;
  L.phrases.emplace(key, ph);
  L.phrase_max = std::max(L.phrase_max, words);
  L.entries[key.substr(0, key.find(' '))].flags |= kPhraseHead;
}

// lexicons/<lang>.tsv: term, valence, match (w|p), source. Later files
// (<lang>-extra.tsv) override earlier ones.
void load_lexicon(Lang& L, const fs::path& p, bool fold) {
  std::string data = read_file(p);
  L.digest = fnv1a64(data, L.digest);
  for_each_tsv(data, [&](size_t line_no, const std::vector<std::string_view>& f) {
    std::string where = p.string() + ":" + std::to_string(line_no);
    if (f.size() < 2) throw Error(where + ": expected term<TAB>valence");
    std::string key = fold ? fold_key(f[0]) : std::string(f[0]);
    double v = to_double(f[1], where);
    bool prefix = f.size() >= 3 && f[2] == "p";
    if (key.empty()) return;
    if (prefix) {
      L.stems[key] = static_cast<float>(v);
      L.stem_max = std::max(L.stem_max, key.size());
      return;
    }
    if (key.find(' ') != std::string::npos) {
      add_phrase(L, key, Phrase{static_cast<float>(v), false});
      return;
    }
    Entry& e = L.entries[key];
    e.valence = static_cast<float>(v);
    e.flags |= kLex;
  });
}

void load_rules(Lang& L, const fs::path& p) {
  std::string data = read_file(p);
  L.digest = fnv1a64(data, L.digest);
  for_each_tsv(data, [&](size_t line_no, const std::vector<std::string_view>& f) {
    std::string where = p.string() + ":" + std::to_string(line_no);
    if (f.size() < 2) throw Error(where + ": expected kind<TAB>term[<TAB>value...]");
    std::string_view kind = f[0];
    auto num = [&](size_t i, double def) { return f.size() > i && !f[i].empty() ? to_double(f[i], where) : def; };
    if (kind == "option") {
      double v = num(2, 0);
      std::string_view k = f[1];
      if (k == "negation_scalar") L.neg_scalar = v;
      else if (k == "caps_increment") L.cap_incr = v;
      else if (k == "alpha") L.alpha = v;
      else if (k == "window") L.window = std::clamp(static_cast<int>(v), 0, 6);
      else if (k == "contrast_blocks_scope") L.contrast_blocks = v != 0;
      else if (k == "negation_after") L.after_window = std::clamp(static_cast<int>(v), 0, 6);
      else if (k == "positive_threshold") L.pos_threshold = v;
      else if (k == "negative_threshold") L.neg_threshold = v;
      else if (k == "exclamation") L.exclaim = v;
      else if (k == "question") L.question = v;
      else if (k == "cjk") L.cjk = v != 0;
      else if (k == "stem_min_bytes") L.stem_min = static_cast<size_t>(v);
      else if (k == "rules_override_lexicon") L.rules_override_lexicon = v != 0;
      else if (k == "stem_fallback") L.stem_fallback = v != 0;
      else throw Error(where + ": unknown option '" + std::string(k) + "'");
      return;
    }
    std::string key = fold_key(f[1]);
    if (kind == "negator_suffix") {
      L.negator_suffixes.push_back(key);
      return;
    }
    if (kind == "idiom") {
      if (key.find(' ') == std::string::npos) throw Error(where + ": an idiom needs at least two words");
      add_phrase(L, key, Phrase{static_cast<float>(num(2, 0)), true});
      return;
    }
    if (key.find(' ') != std::string::npos)
      throw Error(where + ": " + std::string(kind) + " must be one word (use idiom for phrases)");
    Entry& e = L.entries[key];
    if (kind == "negator") {
      e.flags |= kNegator;
    } else if (kind == "booster") {
      e.flags |= kBooster;
      e.booster = static_cast<float>(num(2, 0.293));
    } else if (kind == "contrast") {
      e.flags |= kContrast;
      e.before = static_cast<float>(num(2, 0.5));
      e.after = static_cast<float>(num(3, 1.5));
    } else if (kind == "least") {
      e.flags |= kLeast;
    } else if (kind == "least_except") {
      e.flags |= kLeastExcept;
    } else if (kind == "neutral") {
      // A word the lexicon gets wrong in this language: no valence.
      e.flags &= static_cast<uint8_t>(~kLex);
      e.valence = 0;
    } else {
      throw Error(where + ": unknown rule kind '" + std::string(kind) + "'");
    }
  });
  if (L.rules_override_lexicon) {
    for (auto& [k, e] : L.entries) {
      if (e.flags & (kNegator | kBooster | kContrast)) {
        e.flags &= static_cast<uint8_t>(~kLex);
        e.valence = 0;
      }
    }
  }
}

struct ItemInfo {
  const Entry* entry = nullptr;
  float valence = 0;
  bool lexical = false;  // has valence in the lexicon (VADER: "in lexicon")
  bool negator = false;
  bool fixed = false;
  bool consumed = false;
};

struct Scratch {
  Items items;
  std::vector<uint64_t> hashes;  // FNV-1a of each item's key
  std::vector<ItemInfo> info;
  std::vector<double> sentiments;
  std::string phrase;
  std::vector<double> probs;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

}  // namespace

struct Scorer::Impl {
  std::string dir;
  std::string model_name;
  StringTable<float> emoji;
  std::map<std::string, std::unique_ptr<Lang>, std::less<>> langs;
  Lang und;  // emoji, emoticons and punctuation only
  uint64_t digest = 0;

  const Lang& lang(std::string_view code) const {
    auto it = langs.find(code);
    return it == langs.end() ? und : *it->second;
  }

  struct Emoticons final : detail::EmoticonSet {
    const Impl* impl = nullptr;
    const Lang* lang = nullptr;
    bool contains(std::string_view s) const override {
      if (impl->emoji.find(s) != nullptr) return true;
      // Letter emoticons of the lexicon (":d", "xd"): only with punctuation.
      bool punct = false;
      for (unsigned char c : s)
        if (c < 0x80 && !std::isalnum(c)) punct = true;
      if (!punct) return false;
      const Entry* e = lang->find(s);
      return e != nullptr && (e->flags & kLex);
    }
  };

  void tokenize(std::string_view text, const Lang& L, Items& out) const {
    Emoticons emo;
    emo.impl = this;
    emo.lang = &L;
    CjkDict dict;
    dict.lang = &L;
    dict.max_chars = 4;
    out.clear();
    detail::tokenize(text, 0, 0, emo, L.cjk ? &dict : nullptr, out);
  }

  // Items from the Segmenter's tokens (space-delimited languages).
  void from_tokens(std::string_view text, const std::vector<text::Token>& tokens, Items& out) const {
    out.clear();
    std::vector<std::string_view> parts;
    std::string key;
    for (const auto& t : tokens) {
      Item it;
      it.begin = t.begin;
      it.end = t.end;
      it.sentence = t.sentence;
      switch (t.kind) {
        case text::TokenKind::punct:
          continue;
        case text::TokenKind::hashtag: {
          std::string_view raw = text.substr(t.begin, t.end - t.begin);
          if (!raw.empty() && raw[0] == '#') raw.remove_prefix(1);
          detail::split_hashtag(raw, parts);
          for (auto p : parts) {
            if (p.size() < 2) continue;
            Item h = it;
            h.begin = static_cast<uint32_t>(p.data() - text.data());
            h.end = h.begin + static_cast<uint32_t>(p.size());
            h.key_off = static_cast<uint32_t>(out.keys.size());
            out.keys += fold_key(p);
            h.key_len = static_cast<uint32_t>(out.keys.size() - h.key_off);
            out.items.push_back(h);
          }
          continue;
        }
        case text::TokenKind::emoji:
        case text::TokenKind::emoticon: {
          it.kind = ItemKind::emoji;
          detail::emoji_key(text.substr(t.begin, t.end - t.begin), key);
          for (auto& c : key)
            if (c >= 'A' && c <= 'Z') c = char(c + 32);
          it.key_off = static_cast<uint32_t>(out.keys.size());
          out.keys += key;
          it.key_len = static_cast<uint32_t>(key.size());
          out.items.push_back(it);
          continue;
        }
        case text::TokenKind::word:
          if (t.norm.size() < 2) continue;  // VADER drops one-letter words
          it.kind = ItemKind::word;
          it.caps = t.all_caps;
          break;
        default:
          it.kind = ItemKind::neutral;
          break;
      }
      it.key_off = static_cast<uint32_t>(out.keys.size());
      out.keys += t.norm;
      it.key_len = static_cast<uint32_t>(t.norm.size());
      out.items.push_back(it);
    }
  }

  float stem_valence(const Lang& L, std::string_view k) const {
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

  float snowball_valence(const Lang& L, std::string_view k) const {
    thread_local text::StemmerSet stemmers;  // Xapian::Stem is not thread-safe
    thread_local std::string word;
    word.assign(k);
    const float* v = L.snowball_table.find(stemmers.get(L.code)(word));
    return v == nullptr ? 0.0f : *v;
  }

  bool is_negator(const Lang& L, const ItemInfo& inf, std::string_view k) const {
    if (inf.entry != nullptr && (inf.entry->flags & kNegator)) return true;
    for (const auto& s : L.negator_suffixes)
      if (k.size() > s.size() && k.ends_with(s)) return true;
    return false;
  }

  // VADER over items [first, last) whose text is span. Returns compound.
  double score_range(const Lang& L, const Items& its, size_t first, size_t last, std::string_view span,
                     Explanation* ex, LexiconFeatures* feat, uint32_t* hits_out) const {
    Scratch& sc = scratch();
    const size_t n = last - first;
    sc.info.assign(n, ItemInfo{});
    sc.sentiments.assign(n, 0.0);
    size_t words = 0, caps = 0;
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
    const bool cap_diff = caps > 0 && caps < words;

    // Phrases: idioms (fixed valence) and multi-word lexicon entries.
    if (!L.phrase_table.empty()) {
      for (size_t k = 0; k < n; ++k) {
        const ItemInfo& head = sc.info[k];
        if (head.entry == nullptr || !(head.entry->flags & kPhraseHead)) continue;
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

    double pos_sum = 0, neg_sum = 0;
    uint32_t hits = 0, n_pos = 0, n_neg = 0, n_negators = 0;
    for (size_t k = 0; k < n; ++k) {
      const ItemInfo& inf = sc.info[k];
      const Item& it = its.items[first + k];
      if (inf.negator) ++n_negators;
      if (inf.consumed) continue;
      if (inf.entry != nullptr && (inf.entry->flags & kBooster) && !inf.fixed) continue;
      double v = inf.valence;
      if (v == 0) continue;
      std::string rules;
      const bool explain = ex != nullptr;
      if (!inf.fixed) {
        if (it.caps && cap_diff) {
          v += v > 0 ? L.cap_incr : -L.cap_incr;
          if (explain) rules += "caps ";
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
            if (explain) rules += "booster(" + std::string(its.key(its.items[first + j])) + ") ";
          }
          if (prev.negator) {
            v *= L.neg_scalar;
            if (explain) rules += "negated(" + std::string(its.key(its.items[first + j])) + ") ";
          }
        }
        // Languages where the negator follows the predicate (SOV: Hindi).
        for (int s = 1; s <= L.after_window && k + s < n; ++s) {
          const ItemInfo& next = sc.info[k + s];
          if (next.lexical) break;
          if (next.negator) {
            v *= L.neg_scalar;
            if (explain) rules += "negated-after(" + std::string(its.key(its.items[first + k + s])) + ") ";
            break;
          }
        }
        // "least": "least happy" negates, "at least happy" does not.
        if (k >= 1) {
          const ItemInfo& p1 = sc.info[k - 1];
          if (!p1.lexical && p1.entry != nullptr && (p1.entry->flags & kLeast)) {
            bool except = k >= 2 && sc.info[k - 2].entry != nullptr &&
                          (sc.info[k - 2].entry->flags & kLeastExcept);
            if (!except) {
              v *= L.neg_scalar;
              if (explain) rules += "least ";
            }
          }
        }
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
    // Contrastive conjunction: the first one halves what comes before it
    // and strengthens what follows.
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
    // Emphasis by '!' (at most 4) and '?' (2 or more), ASCII and full-width.
    int excl = 0, quest = 0;
    for (size_t i = 0; i < span.size(); ++i) {
      char c = span[i];
      if (c == '!') ++excl;
      else if (c == '?') ++quest;
      else if (c == '\xEF' && i + 2 < span.size() && span[i + 1] == '\xBC') {
        if (span[i + 2] == '\x81') ++excl;      // U+FF01
        else if (span[i + 2] == '\x9F') ++quest;  // U+FF1F
      }
    }
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

  Label label_for(const Lang& L, double compound) const {
    if (compound >= L.pos_threshold) return Label::positive;
    if (compound <= L.neg_threshold) return Label::negative;
    return Label::neutral;
  }

  Score lexicon_score(std::string_view text, const Lang& L, const Items& its, Explanation* ex,
                      LexiconFeatures* feat) const {
    Score s;
    s.compound = score_range(L, its, 0, its.items.size(), text, ex, feat, &s.hits);
    s.label = label_for(L, s.compound);
    return s;
  }

  Score model_score(std::string_view text, const Lang& L) const {
    LexiconFeatures f;
    Scratch& sc = scratch();
    tokenize(text, L, sc.items);
    lexicon_score(text, L, sc.items, nullptr, &f);
    Score s;
    auto p = L.model->predict(text, f);
    s.compound = std::clamp(p.probs[2] - p.probs[0], -1.0, 1.0);
    s.label = p.label;
    s.hits = f.n_pos + f.n_neg;
    if (!L.model->knows_neutral()) {
      // A polarity-only model: the lexicon decides whether there is any
      // sentiment at all, the model decides its direction.
      if (s.hits == 0) {
        s.label = Label::neutral;
        s.compound = 0;
      } else {
        s.label = s.compound >= 0 ? Label::positive : Label::negative;
      }
    }
    return s;
  }
};

Scorer::Scorer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Scorer::~Scorer() = default;

std::shared_ptr<const Scorer> Scorer::load(const std::string& corpora_dir, const std::string& model_name) {
  auto impl = std::make_unique<Impl>();
  fs::path root = fs::path(corpora_dir) / "sentiment";
  fs::path lexdir = root / "lexicons";
  fs::path ruledir = root / "rules";
  if (!fs::is_directory(lexdir)) throw Error("no sentiment lexicons in " + lexdir.string());
  impl->dir = root.string();
  impl->model_name = model_name;
  // Emoji and emoticons, for every language.
  {
    Lang tmp;
    load_lexicon(tmp, lexdir / "emoji.tsv", false);
    Map<float> emoji;
    for (auto& [k, e] : tmp.entries) {
      if (!(e.flags & kLex)) continue;
      std::string key;
      detail::emoji_key(k, key);
      emoji.emplace(key, e.valence);
    }
    impl->emoji = StringTable<float>(emoji);
    impl->digest = tmp.digest;
  }
  std::vector<std::string> codes;
  for (const auto& de : fs::directory_iterator(lexdir)) {
    std::string name = de.path().filename().string();
    if (name.size() == 6 && name.ends_with(".tsv") && name != "emoji.tsv") codes.push_back(name.substr(0, 2));
  }
  std::sort(codes.begin(), codes.end());
  for (const auto& code : codes) {
    auto L = std::make_unique<Lang>();
    L->code = code;
    load_lexicon(*L, lexdir / (code + ".tsv"), false);
    fs::path extra = lexdir / (code + "-extra.tsv");
    if (fs::exists(extra)) load_lexicon(*L, extra, true);
    fs::path rules = ruledir / (code + ".tsv");
    if (fs::exists(rules)) load_rules(*L, rules);
    if (L->stem_fallback && text::has_stemmer(code)) {
      text::StemmerSet stemmers;
      const Xapian::Stem& st = stemmers.get(code);
      Map<std::pair<double, int>> acc;
      for (const auto& [k, e] : L->entries) {
        if (!(e.flags & kLex) || k.size() < 4 || k.find(' ') != std::string::npos) continue;
        auto& a = acc[st(k)];
        a.first += e.valence;
        a.second += 1;
      }
      for (const auto& [k, a] : acc) L->snowball.emplace(k, static_cast<float>(a.first / a.second));
    }
    L->freeze();
    impl->digest = fnv1a64(code, impl->digest ^ L->digest);
    impl->langs.emplace(code, std::move(L));
  }
  impl->und.code = "und";
  // Trained models: models/<lang>.model, used by default when marked so.
  fs::path modeldir = root / "models";
  if (model_name != "lexicon") {
    if (fs::is_directory(modeldir) && model_name.empty()) {
      for (const auto& de : fs::directory_iterator(modeldir)) {
        if (de.path().extension() != ".model") continue;
        // Only the header here; the weights are read on first use.
        std::string magic, name, lang;
        bool is_default = false;
        {
          std::ifstream in(de.path(), std::ios::binary);
          std::string line;
          std::getline(in, magic);
          for (int k = 0; k < 12 && std::getline(in, line); ++k) {
            if (line == "default 1") is_default = true;
            else if (line.rfind("name ", 0) == 0) name = line.substr(5);
            else if (line.rfind("lang ", 0) == 0) lang = line.substr(5);
            else if (line.rfind("weights ", 0) == 0) break;
          }
        }
        if (!is_default) continue;
        if (magic.rfind("vigie-sentiment-model ", 0) != 0 || name.empty() || lang.empty())
          throw Error(de.path().string() + ": not a Vigie sentiment model");
        auto it = impl->langs.find(lang);
        if (it == impl->langs.end()) continue;
        it->second->model.defer(de.path().string(), name);
      }
    } else if (!model_name.empty()) {
      fs::path p = model_name;
      if (!fs::exists(p)) p = modeldir / model_name;
      if (!fs::exists(p) && fs::exists(modeldir / (model_name + ".model"))) p = modeldir / (model_name + ".model");
      if (!fs::exists(p)) throw UsageError("no sentiment model '" + model_name + "' (a file, or a name under " + modeldir.string() + ")");
      auto m = std::make_unique<LinearModel>(LinearModel::load(p.string()));
      auto it = impl->langs.find(m->lang());
      if (it == impl->langs.end()) throw UsageError("model " + p.string() + " is for language '" + m->lang() + "', which has no lexicon");
      it->second->model.set(std::move(m));
    }
  }
  for (auto& [code, L] : impl->langs)
    if (L->model) impl->digest = fnv1a64(L->model.name(), impl->digest);
  return std::shared_ptr<const Scorer>(new Scorer(std::move(impl)));
}

Score Scorer::score(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  if (L.model) return impl_->model_score(text, L);
  Scratch& sc = scratch();
  if (tokens.empty() || L.cjk) impl_->tokenize(text, L, sc.items);
  else impl_->from_tokens(text, tokens, sc.items);
  return impl_->lexicon_score(text, L, sc.items, nullptr, nullptr);
}

Score Scorer::score(std::string_view text, std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  if (L.model) return impl_->model_score(text, L);
  Scratch& sc = scratch();
  impl_->tokenize(text, L, sc.items);
  return impl_->lexicon_score(text, L, sc.items, nullptr, nullptr);
}

Score Scorer::score_lexicon(std::string_view text, std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  Scratch& sc = scratch();
  impl_->tokenize(text, L, sc.items);
  return impl_->lexicon_score(text, L, sc.items, nullptr, nullptr);
}

LexiconFeatures Scorer::lexicon_features(std::string_view text, std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  Scratch& sc = scratch();
  impl_->tokenize(text, L, sc.items);
  LexiconFeatures f;
  impl_->lexicon_score(text, L, sc.items, nullptr, &f);
  return f;
}

void Scorer::score_sentences(std::string_view text, const std::vector<text::Token>& tokens, size_t sentence_count,
                             std::string_view lang, std::vector<double>& out) const {
  out.assign(sentence_count, 0.0);
  const Lang& L = impl_->lang(lang);
  // Sentence spans from the tokens.
  std::vector<std::pair<uint32_t, uint32_t>> spans(sentence_count, {UINT32_MAX, 0});
  for (const auto& t : tokens) {
    if (t.sentence >= sentence_count) continue;
    auto& s = spans[t.sentence];
    s.first = std::min(s.first, t.begin);
    s.second = std::max(s.second, t.end);
  }
  Scratch& sc = scratch();
  if (L.model || L.cjk || tokens.empty()) {
    for (size_t i = 0; i < sentence_count; ++i) {
      if (spans[i].first >= spans[i].second) continue;
      std::string_view sp = text.substr(spans[i].first, spans[i].second - spans[i].first);
      out[i] = L.model ? impl_->model_score(sp, L).compound : score_lexicon(sp, lang).compound;
    }
    return;
  }
  impl_->from_tokens(text, tokens, sc.items);
  Items items = sc.items;  // score_range reuses the scratch
  size_t b = 0;
  while (b < items.items.size()) {
    uint32_t s = items.items[b].sentence;
    size_t e = b;
    while (e < items.items.size() && items.items[e].sentence == s) ++e;
    if (s < sentence_count) {
      std::string_view sp = text.substr(spans[s].first, spans[s].second - spans[s].first);
      out[s] = impl_->score_range(L, items, b, e, sp, nullptr, nullptr, nullptr);
    }
    b = e;
  }
}

void Scorer::score_sentences(std::string_view text, std::string_view lang, std::vector<SentenceScore>& out) const {
  score_with_sentences(text, lang, out);
}

Score Scorer::score_with_sentences(std::string_view text, std::string_view lang,
                                   std::vector<SentenceScore>& out) const {
  out.clear();
  const Lang& L = impl_->lang(lang);
  Scratch& sc = scratch();
  impl_->tokenize(text, L, sc.items);
  thread_local Items items;
  items = sc.items;  // score_range and model_score reuse the scratch
  Score doc = L.model ? impl_->model_score(text, L) : impl_->lexicon_score(text, L, items, nullptr, nullptr);
  size_t b = 0;
  uint32_t next_begin = 0;  // sentences tile the text: each starts where the last ended
  while (b < items.items.size()) {
    uint32_t s = items.items[b].sentence;
    size_t e = b;
    while (e < items.items.size() && items.items[e].sentence == s) ++e;
    SentenceScore ss;
    while (next_begin < items.items[b].begin &&
           (text[next_begin] == ' ' || text[next_begin] == '\n' || text[next_begin] == '\t' || text[next_begin] == '\r'))
      ++next_begin;
    ss.begin = next_begin;
    // Include trailing punctuation up to the next item for ! and ? emphasis.
    uint32_t limit = e < items.items.size() ? items.items[e].begin : static_cast<uint32_t>(text.size());
    uint32_t tail = items.items[e - 1].end;
    while (tail < limit && text[tail] != ' ' && text[tail] != '\n') ++tail;
    ss.end = tail;
    next_begin = tail;
    if (b == 0 && e == items.items.size()) {
      // One sentence: its score is the document's (same items).
      ss.compound = doc.compound;
    } else {
      std::string_view sp = text.substr(ss.begin, ss.end - ss.begin);
      ss.compound = L.model ? impl_->model_score(sp, L).compound
                            : impl_->score_range(L, items, b, e, sp, nullptr, nullptr, nullptr);
    }
    out.push_back(ss);
    b = e;
  }
  return doc;
}

Explanation Scorer::explain(std::string_view text, std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  Explanation ex;
  ex.lang = L.code;
  ex.model = L.model ? L.model.name() : "lexicon";
  Scratch& sc = scratch();
  impl_->tokenize(text, L, sc.items);
  LexiconFeatures f;
  ex.score = impl_->lexicon_score(text, L, sc.items, &ex, &f);
  if (L.model) {
    ex.score = impl_->model_score(text, L);
    ex.from_model = true;
    ex.model_features = L.model->explain(text, f);
  }
  return ex;
}

bool Scorer::has_language(std::string_view lang) const { return impl_->langs.find(lang) != impl_->langs.end(); }

Thresholds Scorer::thresholds(std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  return {L.pos_threshold, L.neg_threshold};
}

Label Scorer::label_for(double compound, std::string_view lang) const {
  return impl_->label_for(impl_->lang(lang), compound);
}

std::vector<std::string> Scorer::languages() const {
  std::vector<std::string> r;
  for (const auto& [k, v] : impl_->langs) r.push_back(k);
  return r;
}

std::string Scorer::model_for(std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  return L.model ? L.model.name() : "lexicon";
}

std::string Scorer::version() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(impl_->digest));
  std::string v = "vigie-sentiment/1 data:" + std::string(buf);
  for (const auto& [code, L] : impl_->langs)
    if (L->model) v += " " + code + ":" + L->model.name();
  return v;
}

}  // namespace vigie::sentiment
