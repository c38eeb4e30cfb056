// Stemmer selection (see stem.h). The table lists every Snowball stemmer
// Xapian 1.4.22 ships (Xapian::Stem::get_available_languages(): arabic
// armenian basque catalan danish dutch english finnish french german
// hungarian indonesian irish italian lithuanian nepali norwegian portuguese
// romanian russian spanish swedish tamil turkish, plus the English variants
// porter/lovins/earlyenglish and german2/kraaij_pohlmann we do not use).
// Greek and Serbian stemmers only arrive in Xapian 1.5, so "el" and "sr"
// get no stemmer here.
#include "core/text/stem.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "core/text/langid.h"

namespace vigie::text {
namespace {

// Sorted by ISO 639-1 code for binary search.
constexpr std::array<std::pair<std::string_view, std::string_view>, 26> kStemmers{{
    {"ar", "arabic"},    {"ca", "catalan"},    {"da", "danish"},    {"de", "german"},
    {"en", "english"},   {"es", "spanish"},    {"eu", "basque"},    {"fi", "finnish"},
    {"fr", "french"},    {"ga", "irish"},      {"hu", "hungarian"}, {"hy", "armenian"},
    {"id", "indonesian"}, {"it", "italian"},   {"lt", "lithuanian"}, {"nb", "norwegian"},
    {"ne", "nepali"},    {"nl", "dutch"},      {"nn", "norwegian"}, {"no", "norwegian"},
    {"pt", "portuguese"}, {"ro", "romanian"},  {"ru", "russian"},   {"sv", "swedish"},
    {"ta", "tamil"},     {"tr", "turkish"},
}};

std::string_view lookup(std::string_view code) {
  auto it = std::lower_bound(kStemmers.begin(), kStemmers.end(), code,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  if (it != kStemmers.end() && it->first == code) return it->second;
  return {};
}

}  // namespace

std::string stemmer_name(std::string_view lang) {
  // Fast path for the usual already-normalised two-letter code.
  if (lang.size() == 2 && lang[0] >= 'a' && lang[0] <= 'z' && lang[1] >= 'a' && lang[1] <= 'z') {
    std::string_view name = lookup(lang);
    if (!name.empty()) return std::string(name);
    // Only the deprecated ISO 639 codes need the slow path below.
    if (lang != "in" && lang != "iw" && lang != "ji" && lang != "jw" && lang != "mo") return {};
  }
  if (lang == "und" || lang.empty()) return {};
  // Legacy and three-letter codes ("in", "fra", "pt-BR").
  return std::string(lookup(normalize_lang_tag(lang)));
}

bool has_stemmer(std::string_view lang) { return !stemmer_name(lang).empty(); }

const Xapian::Stem& StemmerSet::get(std::string_view lang) {
  // Heterogeneous lookup is C++20 only for unordered containers with a
  // transparent hash; the key is at most a few bytes, so a temporary is fine.
  std::string key(lang);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  std::string name = stemmer_name(lang);
  // Xapian::Stem("none") is the identity stemmer; an unknown name would throw
  // InvalidArgumentError, which the table above rules out.
  return cache_.emplace(std::move(key), Xapian::Stem(name.empty() ? "none" : name)).first->second;
}

}  // namespace vigie::text
