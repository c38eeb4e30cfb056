#include "analytics/topics/rules.h"

#include <algorithm>

#include "core/errors.h"
#include "core/text/normalize.h"
#include "core/text/utf8.h"

namespace vigie::topics {

namespace {

uint32_t pack4(std::string_view s) {
  uint32_t k = 0;
  for (size_t i = 0; i < 4 && i < s.size(); ++i) k |= uint32_t(static_cast<unsigned char>(s[i])) << (8 * i);
  return k;
}

// The topic rules' CJK matching reads code points by their bits (no
// validation): what the patterns were matched with.
uint32_t decode(std::string_view s, size_t i, size_t& len) {
  const utf8::Decoded d = utf8::decode(s, i, utf8::Policy::bits);
  len = d.len;
  return d.cp;
}

bool is_cjk_cp(uint32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FFFF);
}

bool word_like(const text::Token& t) {
  return t.kind == text::TokenKind::word || t.kind == text::TokenKind::number ||
         t.kind == text::TokenKind::hashtag;
}

// Per-thread scratch of match_words: word-like token indices, their views,
// and lazily computed stems.
struct Scratch {
  std::vector<uint32_t> words;
  std::vector<std::string_view> views;
  std::vector<std::string> stems;
  std::vector<uint8_t> stemmed;
};

}  // namespace

bool contains_cjk(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len;
    if (is_cjk_cp(decode(s, i, len))) return true;
    i += len;
  }
  return false;
}

std::string_view match_view(std::string_view norm, std::string_view lang) {
  if (lang == "fr" || lang == "it" || lang == "ca") {
    // l'usage, d'héroïne, qu'elle, jusqu'à: drop the elided word.
    for (size_t i = 1; i <= 5 && i < norm.size(); ++i) {
      if (norm[i] == '\'') return norm.size() > i + 1 ? norm.substr(i + 1) : norm;
      if (norm.compare(i, 3, "\xE2\x80\x99") == 0) return norm.size() > i + 3 ? norm.substr(i + 3) : norm;
    }
    return norm;
  }
  if (lang == "ar") {
    // Attached article and particles: والمخدرات, بالمخدرات, المخدرات -> مخدرات.
    // Rules are written without them (and go through the same function).
    static constexpr std::string_view kLong[] = {"\xD9\x88\xD8\xA7\xD9\x84", "\xD8\xA8\xD8\xA7\xD9\x84",
                                                 "\xD9\x81\xD8\xA7\xD9\x84", "\xD9\x83\xD8\xA7\xD9\x84"};
    static constexpr std::string_view kShort[] = {"\xD8\xA7\xD9\x84", "\xD9\x84\xD9\x84"};
    for (std::string_view p : kLong) {
      if (norm.size() >= p.size() + 6 && norm.starts_with(p)) return norm.substr(p.size());
    }
    for (std::string_view p : kShort) {
      if (norm.size() >= p.size() + 6 && norm.starts_with(p)) return norm.substr(p.size());
    }
    return norm;
  }
  if (lang == "en") {
    if (norm.size() > 3 && norm.ends_with("'s")) return norm.substr(0, norm.size() - 2);
    if (norm.size() > 5 && norm.ends_with("\xE2\x80\x99s")) return norm.substr(0, norm.size() - 4);
  }
  return norm;
}

uint32_t PhraseMatcher::add(std::string_view phrase, std::string_view lang, bool stem, text::StemmerSet& stemmers,
                            std::string_view context) {
  std::string norm = text::index_form(phrase);
  uint32_t id = next_id_;
  if (contains_cjk(norm)) {
    std::string compact;
    for (char c : norm) {
      if (c != ' ') compact += c;
    }
    size_t len;
    decode(compact, 0, len);
    cjk_by_first_[pack4(std::string_view(compact).substr(0, len))].push_back(uint32_t(cjk_.size()));
    cjk_.push_back({id, std::move(compact)});
    ++next_id_;
    return id;
  }
  // Cut the rule into words the way text::Segmenter cuts text: hyphens and
  // slashes separate words ("same-sex" -> "same sex"), and a French, Italian
  // or Catalan elision is a word of its own ("l'homme" -> "l homme").
  for (char& c : norm) {
    if (c == '-' || c == '/') c = ' ';
  }
  if (lang == "fr" || lang == "it" || lang == "ca") {
    for (size_t k = 0; k < norm.size(); ++k) {
      size_t alen = norm[k] == '\'' ? 1 : norm.compare(k, 3, "\xE2\x80\x99") == 0 ? 3 : 0;
      if (alen == 0) continue;
      size_t start = norm.rfind(' ', k);
      start = start == std::string::npos ? 0 : start + 1;
      if (k > start && k - start <= 7 && k + alen < norm.size() && norm[k + alen] != ' ') {
        norm.replace(k, alen, " ");
      }
    }
  }
  Pattern p{id, {}};
  size_t i = 0;
  while (i < norm.size()) {
    size_t j = norm.find(' ', i);
    if (j == std::string::npos) j = norm.size();
    if (j > i) {
      std::string w(match_view(std::string_view(norm).substr(i, j - i), lang));
      if (w.size() > 1 && w.back() == '*') {
        w.pop_back();
        if (w.size() < 3) {
          throw Error(std::string(context) + ": prefix '" + w + "*' in \"" + std::string(phrase) +
                      "\" is shorter than 3 bytes");
        }
        p.words.push_back({std::move(w), WordKind::prefix});
      } else if (stem && text::has_stemmer(lang)) {
        std::string s = stemmers.stem(lang, w);
        p.words.push_back({s.empty() ? w : s, WordKind::stem});
        any_stem_ = true;
      } else {
        p.words.push_back({std::move(w), WordKind::exact});
      }
    }
    i = j + 1;
  }
  if (p.words.empty()) throw Error(std::string(context) + ": empty rule \"" + std::string(phrase) + "\"");
  ++next_id_;
  // Typographic apostrophes: "don't" also matches "don’t".
  bool has_apostrophe = std::any_of(p.words.begin(), p.words.end(),
                                    [](const Word& w) { return w.text.find('\'') != std::string::npos; });
  if (has_apostrophe) {
    Pattern q = p;
    for (Word& w : q.words) {
      for (size_t k = w.text.find('\''); k != std::string::npos; k = w.text.find('\'', k + 3))
        w.text.replace(k, 1, "\xE2\x80\x99");
    }
    add_pattern(std::move(q));
  }
  add_pattern(std::move(p));
  return id;
}

void PhraseMatcher::add_pattern(Pattern p) {
  uint32_t index = uint32_t(patterns_.size());
  const Word& first = p.words.front();
  if (first.kind == WordKind::exact) {
    by_exact_[first.text].push_back(index);
  } else if (first.text.size() >= 4) {
    by_prefix4_[pack4(first.text)].push_back(index);
  } else {
    short_.push_back(index);
  }
  patterns_.push_back(std::move(p));
}

namespace {
thread_local Scratch scratch;
}

void PhraseMatcher::match_words(const std::vector<text::Token>& tokens, std::string_view lang,
                                text::StemmerSet& stemmers, std::vector<Match>& out) const {
  if (patterns_.empty()) return;
  Scratch& s = scratch;
  s.words.clear();
  s.views.clear();
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    if (!word_like(tokens[i])) continue;
    s.words.push_back(i);
    s.views.push_back(match_view(tokens[i].norm, lang));
  }
  const size_t n = s.words.size();
  if (any_stem_) {
    if (s.stems.size() < n) s.stems.resize(n);
    s.stemmed.assign(n, 0);
  }
  const Xapian::Stem* stemmer = any_stem_ ? &stemmers.get(lang) : nullptr;
  auto matches = [&](const Word& w, size_t k) -> bool {
    std::string_view view = s.views[k];
    switch (w.kind) {
      case WordKind::exact:
        return view == w.text;
      case WordKind::prefix:
        return view.starts_with(w.text);
      case WordKind::stem: {
        size_t m = std::min<size_t>(w.text.size(), 4);
        if (view.size() < m || view.compare(0, m, w.text, 0, m) != 0) return false;
        if (!s.stemmed[k]) {
          s.stems[k] = (*stemmer)(std::string(view));
          s.stemmed[k] = 1;
        }
        return s.stems[k] == w.text;
      }
    }
    return false;
  };
  auto try_pattern = [&](uint32_t pi, size_t k) {
    const Pattern& p = patterns_[pi];
    if (k + p.words.size() > n) return;
    uint32_t sentence = tokens[s.words[k]].sentence;
    for (size_t w = 0; w < p.words.size(); ++w) {
      if (w > 0 && tokens[s.words[k + w]].sentence != sentence) return;
      if (!matches(p.words[w], k + w)) return;
    }
    out.push_back({p.id, sentence, s.words[k], s.words[k + p.words.size() - 1] + 1});
  };
  for (size_t k = 0; k < n; ++k) {
    std::string_view view = s.views[k];
    if (auto it = by_exact_.find(view); it != by_exact_.end()) {
      for (uint32_t pi : it->second) try_pattern(pi, k);
    }
    if (view.size() >= 4 && !by_prefix4_.empty()) {
      if (auto it = by_prefix4_.find(pack4(view)); it != by_prefix4_.end()) {
        for (uint32_t pi : it->second) try_pattern(pi, k);
      }
    }
    for (uint32_t pi : short_) try_pattern(pi, k);
  }
}

void PhraseMatcher::match_cjk(std::string_view text, const std::vector<text::Token>& tokens,
                              std::vector<Match>& out) const {
  if (cjk_.empty()) return;
  size_t a = 0;
  while (a < tokens.size()) {
    if (!tokens[a].cjk || tokens[a].end > text.size()) {
      ++a;
      continue;
    }
    size_t b = a + 1;
    while (b < tokens.size() && tokens[b].cjk && tokens[b].begin == tokens[b - 1].end &&
           tokens[b].sentence == tokens[a].sentence && tokens[b].end <= text.size())
      ++b;
    const uint32_t base = tokens[a].begin;
    std::string_view run = text.substr(base, tokens[b - 1].end - base);
    size_t t = a;  // token holding position pos
    for (size_t pos = 0; pos < run.size();) {
      size_t len;
      decode(run, pos, len);
      auto it = cjk_by_first_.find(pack4(run.substr(pos, len)));
      if (it != cjk_by_first_.end()) {
        for (uint32_t ci : it->second) {
          const CjkPattern& c = cjk_[ci];
          if (run.compare(pos, c.text.size(), c.text) != 0) continue;
          while (t + 1 < b && tokens[t].end <= base + pos) ++t;
          size_t e = t;
          while (e + 1 < b && tokens[e].end < base + pos + c.text.size()) ++e;
          out.push_back({c.id, tokens[t].sentence, uint32_t(t), uint32_t(e + 1)});
        }
      }
      pos += len;
    }
    a = b;
  }
}

}  // namespace vigie::topics
