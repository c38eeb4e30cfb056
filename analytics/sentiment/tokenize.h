// Internal to analytics/sentiment: the scorer's own fast tokenizer, VADER's
// rules for splitting words (whitespace, surrounding punctuation stripped,
// emoticons kept whole) plus emoji sequences, #hashtag splitting and a
// dictionary longest-match for Chinese/Japanese. No ICU on ASCII text;
// non-ASCII words are folded with text::index_form.
//
// Thread safety: free functions over caller-owned buffers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::sentiment::detail {

enum class ItemKind : uint8_t { word, emoji, neutral };

// One scoring unit. The folded key lives in Items::keys at [key_off, key_off+key_len).
struct Item {
  uint32_t key_off = 0, key_len = 0;
  uint32_t begin = 0, end = 0;  // byte span in the text
  uint32_t sentence = 0;
  ItemKind kind = ItemKind::word;
  bool caps = false;  // ALL CAPS word (at least 2 letters)
};

struct Items {
  std::vector<Item> items;
  std::string keys;
  void clear() {
    items.clear();
    keys.clear();
  }
  std::string_view key(const Item& it) const { return {keys.data() + it.key_off, it.key_len}; }
};

// Answers "is this string a dictionary word" for the CJK longest match.
struct CjkDictionary {
  virtual ~CjkDictionary() = default;
  virtual bool contains(std::string_view folded) const = 0;
  size_t max_chars = 4;
};

// Decodes one UTF-8 code point at s[i]; returns its length (1 for invalid bytes, cp = 0xFFFD).
size_t decode_utf8(std::string_view s, size_t i, char32_t& cp);
bool is_cjk(char32_t cp);
bool is_emoji(char32_t cp);
// Emoji key: the sequence without U+FE0F and skin-tone modifiers.
void emoji_key(std::string_view seq, std::string& out);

// Tokenizes text into out (appends; sentence numbers start at first_sentence).
// cjk: use dictionary longest-match on CJK runs. emoticons: whole-chunk
// lookups of ASCII emoticons (":)", "<3") are kept as emoji items.
struct EmoticonSet {
  virtual ~EmoticonSet() = default;
  virtual bool contains(std::string_view raw) const = 0;
};
void tokenize(std::string_view text, uint32_t base_offset, uint32_t first_sentence,
              const EmoticonSet& emoticons, const CjkDictionary* cjk, Items& out);

// Splits "#NotHappy" -> "not", "happy" (camel case, digits, underscores).
void split_hashtag(std::string_view tag, std::vector<std::string_view>& parts);

}  // namespace vigie::sentiment::detail
