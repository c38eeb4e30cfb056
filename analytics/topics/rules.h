// Internal to analytics/topics: the phrase matcher shared by the topic
// tagger and the stance cue lexicons. Not part of the public API.
//
// A pattern is a phrase of words, each matched against one word-like token
// (word, number, hashtag) of the same sentence, consecutively:
//   exact  "harm reduction"   token norms equal the index_form of the words
//   prefix "décriminalis*"    token norm starts with the word
//   stem   (added with stem)  Snowball stem of the token equals the stem of
//                             the word (French "décriminaliser" finds
//                             "décriminalisation")
// A pattern containing CJK characters is matched as a substring of each run
// of adjacent CJK tokens instead, so Chinese terms do not depend on where
// ICU's dictionary cut the words.
// Rules are cut into words as text::Segmenter cuts text: hyphens and slashes
// separate words, and a French/Italian/Catalan elision is a word of its own
// ("droits de l'homme" = droits, de, l, homme). Tokens that still carry an
// elision lose it before matching, an English possessive 's is ignored, and
// Arabic attached articles (ال، وال، بال، فال، كال، لل) are stripped from
// tokens and rule words alike.
//
// Thread safety: add() is construction-time only; the match functions are
// const and use thread_local scratch, so one matcher serves all threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::topics {

struct Match {
  uint32_t pattern = 0;   // id returned by PhraseMatcher::add
  uint32_t sentence = 0;  // Token::sentence of the first token
  uint32_t begin = 0;     // token indices [begin, end) into the token vector
  uint32_t end = 0;
};

class PhraseMatcher {
 public:
  // Compiles phrase and returns its pattern id (ids are dense from 0). With
  // stem, every word without a trailing '*' is matched by stem. context names
  // the rule in error messages. Throws vigie::Error for an empty phrase or a
  // prefix shorter than 3 bytes.
  uint32_t add(std::string_view phrase, std::string_view lang, bool stem, text::StemmerSet& stemmers,
               std::string_view context);

  // Appends every match over word-like tokens, in token order. lang selects
  // the stemmer and the elision rules.
  void match_words(const std::vector<text::Token>& tokens, std::string_view lang, text::StemmerSet& stemmers,
                   std::vector<Match>& out) const;

  // Appends every match of the CJK patterns inside runs of CJK tokens.
  void match_cjk(std::string_view text, const std::vector<text::Token>& tokens, std::vector<Match>& out) const;

  uint32_t size() const { return next_id_; }

 private:
  enum class WordKind : uint8_t { exact, prefix, stem };
  struct Word {
    std::string text;  // index form, or its stem for WordKind::stem
    WordKind kind;
  };
  struct Pattern {
    uint32_t id;
    std::vector<Word> words;
  };
  struct CjkPattern {
    uint32_t id;
    std::string text;
  };
  struct SvHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  void add_pattern(Pattern p);

  uint32_t next_id_ = 0;
  std::vector<Pattern> patterns_;
  // First word -> patterns: exact words by text; prefixes and stems by their
  // first 4 bytes (shorter ones are in short_).
  std::unordered_map<std::string, std::vector<uint32_t>, SvHash, std::equal_to<>> by_exact_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_prefix4_;
  std::vector<uint32_t> short_;
  bool any_stem_ = false;
  std::vector<CjkPattern> cjk_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> cjk_by_first_;
};

// Helpers shared with the tests: the view of a token norm that rules see.
std::string_view match_view(std::string_view norm, std::string_view lang);
bool contains_cjk(std::string_view utf8);

}  // namespace vigie::topics
