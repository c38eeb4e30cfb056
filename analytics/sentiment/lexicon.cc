// Loading a language's lexicons and rules: the TSV readers, key folding,
// phrases and idioms, the Snowball fallback table, and the emoji lexicon.
#include "analytics/sentiment/lexicon.h"

#include <algorithm>
#include <fstream>
#include <utility>

#include "analytics/sentiment/tokenize.h"
#include "core/errors.h"
#include "core/text/normalize.h"
#include "core/text/stem.h"

namespace vigie::sentiment::detail {
namespace {

namespace fs = std::filesystem;

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

}  // namespace

std::string fold_key(std::string_view s) {
  if (is_ascii(s)) {
    std::string r(s);
    for (auto& c : r)
      if (c >= 'A' && c <= 'Z') c = char(c + 32);
    return r;
  }
  return text::index_form(s);
}

namespace {

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
      // A word the lexicon gets wrong in this language: no valence, neither
      // as a word nor as a prefix entry of the same spelling.
      e.flags &= static_cast<uint8_t>(~kLex);
      e.valence = 0;
      L.stems.erase(key);
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

// Snowball stems of the lexicon's single words, each with the mean valence
// of the words that share it.
void build_snowball(Lang& L) {
  text::StemmerSet stemmers;
  const Xapian::Stem& st = stemmers.get(L.code);
  Map<std::pair<double, int>> acc;
  for (const auto& [k, e] : L.entries) {
    if (!(e.flags & kLex) || k.size() < 4 || k.find(' ') != std::string::npos) continue;
    auto& a = acc[st(k)];
    a.first += e.valence;
    a.second += 1;
  }
  for (const auto& [k, a] : acc) L.snowball.emplace(k, static_cast<float>(a.first / a.second));
}

}  // namespace

StringTable<float> load_emoji(const fs::path& file, uint64_t* digest) {
  Lang tmp;
  load_lexicon(tmp, file, false);
  Map<float> emoji;
  for (auto& [k, e] : tmp.entries) {
    if (!(e.flags & kLex)) continue;
    std::string key;
    emoji_key(k, key);
    emoji.emplace(key, e.valence);
  }
  *digest = tmp.digest;
  return StringTable<float>(emoji);
}

std::unique_ptr<Lang> load_language(const std::string& code, const fs::path& lexdir, const fs::path& ruledir) {
  auto L = std::make_unique<Lang>();
  L->code = code;
  load_lexicon(*L, lexdir / (code + ".tsv"), false);
  fs::path extra = lexdir / (code + "-extra.tsv");
  if (fs::exists(extra)) load_lexicon(*L, extra, true);
  fs::path rules = ruledir / (code + ".tsv");
  if (fs::exists(rules)) load_rules(*L, rules);
  if (L->stem_fallback && text::has_stemmer(code)) build_snowball(*L);
  L->freeze();
  return L;
}

}  // namespace vigie::sentiment::detail
