// Internal to analytics/sentiment: one language's lexicon and rules as the
// scorer reads them, and the loaders of their data files
// (<corpora>/sentiment/lexicons/<lang>.tsv, <lang>-extra.tsv, emoji.tsv and
// rules/<lang>.tsv; the formats are in docs/sentiment.md).
//
// Owns: a Lang holds its frozen lookup tables and its model slot.
// Thread safety: a Lang is built by one thread (the loaders below), then
// frozen; after that every const member is safe from any number of threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analytics/sentiment/model_slot.h"
#include "core/hash.h"
#include "core/string_table.h"

namespace vigie::sentiment::detail {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept {
    // FNV-1a: short keys, no allocation for string_view lookups.
    return static_cast<size_t>(fnv1a64(s, kFnvLegacyOffset));
  }
};

template <class V>
using Map = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Entry::flags: what a word is to the rules (a word may be several).
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

// The lexicon key of a word: ASCII lower-cased, anything else
// text::index_form.
std::string fold_key(std::string_view s);

// Reads the emoji lexicon (emoji and emoticons, shared by every language)
// into a table keyed by detail::emoji_key; folds the file into *digest.
StringTable<float> load_emoji(const std::filesystem::path& file, uint64_t* digest);

// Loads language `code`: lexicons/<code>.tsv, <code>-extra.tsv and
// rules/<code>.tsv when present, plus its Snowball fallback table, then
// freezes it. Throws Error with file:line on a bad line.
std::unique_ptr<Lang> load_language(const std::string& code, const std::filesystem::path& lexdir,
                                    const std::filesystem::path& ruledir);

}  // namespace vigie::sentiment::detail
