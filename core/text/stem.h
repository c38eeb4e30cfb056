// Snowball stemming through Xapian::Stem, per language.
// Thread safety: a StemmerSet is NOT thread-safe (Xapian::Stem objects keep
// state); one per thread. The static functions are thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

namespace vigie::text {

// Xapian stemmer name for an ISO 639-1 code ("fr" -> "french"), or "" when
// Xapian has no stemmer for it (zh, ja, ...). Covers every language Xapian
// 1.4 ships: ar da de en es eu fi fr hu hy id it lt ne nl no pt ro ru sv ta tr ca ga el.
std::string stemmer_name(std::string_view lang);
bool has_stemmer(std::string_view lang);

class StemmerSet {
 public:
  // The stemmer for lang, or a "none" stemmer that returns its input.
  const Xapian::Stem& get(std::string_view lang);
  std::string stem(std::string_view lang, const std::string& word) { return get(lang)(word); }

 private:
  std::unordered_map<std::string, Xapian::Stem> cache_;
};

}  // namespace vigie::text
