// Word and sentence segmentation with ICU BreakIterator (dictionary-based for
// Chinese, Japanese, Thai...). Social-media units are kept whole: URLs,
// @mentions, #hashtags, emoji sequences (ZWJ, skin tones, flags) and ASCII
// emoticons such as ":)" ":-(" ":D" "<3".
//
// Thread safety: a Segmenter is NOT thread-safe (it owns ICU break
// iterators). Give each thread its own (copying clones the iterators).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::text {

enum class TokenKind : uint8_t {
  word,      // letters (any script), possibly with digits ("covid19", "h1n1") and
             // inner apostrophes ("don't");
             // hyphenated words are split; fr/it/ca elisions too ("l'usage" -> l, usage)
  number,    // digits, possibly with . or , inside, and no letter
  url,       // http(s)://... or www....
  mention,   // @user
  hashtag,   // #tag
  emoji,     // one emoji sequence
  emoticon,  // ASCII emoticon
  punct,     // '!' and '?' runs (sentiment uses them); other punctuation dropped
};

struct Token {
  uint32_t begin = 0;  // byte offsets into the input
  uint32_t end = 0;
  TokenKind kind = TokenKind::word;
  bool cjk = false;       // word made of Han/Hiragana/Katakana/Hangul/Thai...
  bool all_caps = false;  // cased letters all upper case, at least 2 letters
  uint32_t sentence = 0;  // index of the sentence containing the token
  std::string norm;       // index_form() of the token; for hashtags/mentions without '#'/'@'
};

struct Span {
  uint32_t begin = 0, end = 0;  // byte offsets, end exclusive, trimmed of spaces
};

class Segmenter {
 public:
  Segmenter();
  ~Segmenter();
  Segmenter(const Segmenter& other);  // clones ICU state
  Segmenter& operator=(const Segmenter&) = delete;

  // Appends tokens of utf8 to out (does not clear it). Sentence indices are
  // filled when sentences is true (costs a second ICU pass).
  void tokenize(std::string_view utf8, std::vector<Token>& out, bool sentences = true);

  // Appends the words under which a #hashtag token's body is indexed and
  // searched: one word token with the tag's norm, or, for a tag in a script
  // written without spaces (#大麻合法化), the words the segmenter cuts the
  // body into (offsets relative to the norm), so that 大麻 finds the tag as it
  // finds the same words outside one. The whole tag stays the hashtag: term
  // either way.
  void tag_words(const Token& tag, std::vector<Token>& out);

  // Appends sentence spans to out.
  void sentences(std::string_view utf8, std::vector<Span>& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigie::text
