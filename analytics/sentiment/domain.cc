#include "analytics/sentiment/domain.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "core/errors.h"
#include "core/hash.h"
#include "core/text/normalize.h"

namespace vigie::sentiment {
namespace fs = std::filesystem;

namespace {

// Sentences of agency copy: a dateline (often cut into two sentences), a
// lead and a quoted or attributed sentence or two.
constexpr uint32_t kAgencySentences = 5;

// eval and fact entries carry a valence; the others are cues.
enum class Kind { eval, fact, sarcasm, opinion, inquiry, agency };

struct Phrase {
  std::string text;                // as written
  std::vector<std::string> words;  // index form; "x*" = prefix
  std::string cjk;                 // index form, for substring matching
  Kind kind = Kind::eval;
  double valence = 0;
};

// Arabic attached articles and conjunctions, removed before comparing words
// (as the taxonomy does): وال، بال، فال، كال، لل، ال.
std::string_view strip_arabic_article(std::string_view w) {
  static const char* kPrefixes[] = {"\xD9\x88\xD8\xA7\xD9\x84", "\xD8\xA8\xD8\xA7\xD9\x84", "\xD9\x81\xD8\xA7\xD9\x84",
                                    "\xD9\x83\xD8\xA7\xD9\x84", "\xD9\x84\xD9\x84", "\xD8\xA7\xD9\x84"};
  for (const char* p : kPrefixes) {
    std::string_view pv(p);
    if (w.size() > pv.size() + 4 && w.substr(0, pv.size()) == pv) return w.substr(pv.size());
  }
  return w;
}

bool word_matches(std::string_view rule, std::string_view token, bool arabic) {
  if (arabic) token = strip_arabic_article(token);
  if (!rule.empty() && rule.back() == '*') return token.substr(0, rule.size() - 1) == rule.substr(0, rule.size() - 1);
  return rule == token;
}

bool has_cjk(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0xE3 && c <= 0xE9) return true;
  return false;
}

// Emoji, '!' and '?' (ASCII and full-width) make a text expressive.
bool expressive(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b == '!' || b == '?') return true;
    if (b == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC &&
        (static_cast<unsigned char>(text[i + 2]) == 0x81 || static_cast<unsigned char>(text[i + 2]) == 0x9F))
      return true;  // ！ ？
    if (b == 0xF0) return true;  // supplementary planes: emoji
    if (b == 0xE2 && i + 1 < text.size()) {
      unsigned char c = static_cast<unsigned char>(text[i + 1]);
      if (c >= 0x98 && c <= 0x9E) return true;  // U+2600..U+27BF symbols and dingbats
    }
  }
  return false;
}

// '?', '¿', Arabic '؟' and full-width '？'.
// Byte spans between paired quotation marks (« », “ ”, „ “ and straight
// double quotes) that hold several words. In agency copy they hold a
// speaker's words ("We will not back down", said the minister), not the
// author's; a single quoted word is a name or scare quotes ("rehab"), and
// Chinese quotes, without spaces, are mostly names too.
std::vector<std::pair<size_t, size_t>> quoted_spans(std::string_view text) {
  static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {"\u00AB", "\u00BB"}, {"\u201C", "\u201D"}, {"\u201E", "\u201C"}, {"\"", "\""}};
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t i = 0; i < text.size(); ++i) {
    for (const auto& [open, close] : kPairs) {
      if (text.substr(i, open.size()) != open) continue;
      const size_t end = text.find(close, i + open.size());
      if (end == std::string_view::npos) break;
      if (text.substr(i + open.size(), end - i - open.size()).find(' ') != std::string_view::npos)
        spans.emplace_back(i + open.size(), end);
      i = end + close.size() - 1;
      break;
    }
  }
  return spans;
}

bool inside(const std::vector<std::pair<size_t, size_t>>& spans, size_t begin, size_t end) {
  return std::any_of(spans.begin(), spans.end(), [&](const auto& s) { return begin >= s.first && end <= s.second; });
}

bool has_question_mark(std::string_view text) {
  return text.find('?') != std::string_view::npos || text.find("\xC2\xBF") != std::string_view::npos ||
         text.find("\xD8\x9F") != std::string_view::npos || text.find("\xEF\xBC\x9F") != std::string_view::npos;
}

}  // namespace

struct DomainLexicon::Lang {
  std::vector<Phrase> phrases;
  std::vector<std::string> negators;   // index form
  std::vector<std::string> contrasts;  // index form (Chinese: substrings)
  std::vector<std::string> decreases;  // index form, "x*" = prefix (Chinese: substrings)
  bool arabic = false;
  bool cjk = false;
  bool stance_tone = false;
  // Which phrases can start at a word: by the first word's exact form, those
  // whose first word is a prefix ("x*"), and the substring entries, so a
  // text is compared with a few entries per word rather than with all.
  std::unordered_map<std::string, std::vector<uint32_t>> by_first_word;
  std::vector<uint32_t> prefix_first, substrings;

  void index_phrases() {
    for (uint32_t i = 0; i < phrases.size(); ++i) {
      const Phrase& p = phrases[i];
      if (!p.cjk.empty()) substrings.push_back(i);
      else if (p.words[0].back() == '*') prefix_first.push_back(i);
      else by_first_word[p.words[0]].push_back(i);
    }
  }
};

DomainLexicon::DomainLexicon() = default;
DomainLexicon::~DomainLexicon() = default;

namespace {

// The words of an entry as the segmenter cuts the text, so that phrases are
// written naturally: elisions and hyphens are cut ("n'est pas",
// "long-overdue"), other inner apostrophes stay ("quelqu'un sait", "doesn't
// work"). A trailing '*' (prefix) stays on the last word of its chunk.
std::vector<std::string> phrase_words(text::Segmenter& seg, const std::string& phrase) {
  std::vector<std::string> words;
  std::stringstream chunks(phrase);
  std::string chunk;
  std::vector<text::Token> tokens;
  while (chunks >> chunk) {
    const bool prefix = chunk.size() > 1 && chunk.back() == '*';
    if (prefix) chunk.pop_back();
    tokens.clear();
    seg.tokenize(chunk, tokens, false);
    const size_t before = words.size();
    for (const auto& t : tokens)
      if (t.kind == text::TokenKind::word) words.push_back(t.norm);
    if (prefix && words.size() > before) words.back() += '*';
  }
  return words;
}

}  // namespace

std::shared_ptr<const DomainLexicon> DomainLexicon::load(const std::string& dir) {
  std::shared_ptr<DomainLexicon> out(new DomainLexicon());
  if (!fs::is_directory(dir)) return out;
  text::Segmenter seg;
  std::vector<fs::path> files;
  for (const auto& de : fs::directory_iterator(dir))
    if (de.path().extension() == ".tsv") files.push_back(de.path());
  std::sort(files.begin(), files.end());
  uint64_t h = kFnvOffset;
  std::string langs;
  for (const auto& f : files) {
    const std::string code = f.stem().string();
    auto L = std::make_unique<Lang>();
    L->arabic = code == "ar";
    L->cjk = code == "zh" || code == "ja";
    std::ifstream in(f);
    if (!in) throw Error("cannot read " + f.string());
    std::string line;
    size_t lineno = 0;
    while (std::getline(in, line)) {
      ++lineno;
      h = fnv1a64(line, h);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> cols;
      std::stringstream ss(line);
      std::string c;
      while (std::getline(ss, c, '\t')) cols.push_back(c);
      auto fail = [&](const std::string& why) { throw Error(f.string() + ":" + std::to_string(lineno) + ": " + why); };
      if (cols.size() < 2 || cols[1].empty()) fail("expected KIND<TAB>PHRASE[<TAB>VALENCE]");
      if (cols[0] == "stance_tone") {
        if (cols[1] != "on" && cols[1] != "off") fail("stance_tone takes on or off");
        L->stance_tone = cols[1] == "on";
        continue;
      }
      if (cols[0] == "negator" || cols[0] == "contrast" || cols[0] == "decrease") {
        auto& list = cols[0] == "negator" ? L->negators : cols[0] == "contrast" ? L->contrasts : L->decreases;
        list.push_back(text::index_form(cols[1]));
        continue;
      }
      Phrase p;
      p.text = cols[1];
      if (cols[0] == "eval" || cols[0] == "fact") {
        if (cols.size() < 3) fail(cols[0] + " needs a valence");
        try {
          p.valence = std::stod(cols[2]);
        } catch (const std::exception&) {
          fail("bad valence '" + cols[2] + "'");
        }
        if (std::abs(p.valence) > 4) fail("valence outside -4..4");
        p.kind = cols[0] == "eval" ? Kind::eval : Kind::fact;
      } else if (cols[0] == "sarcasm") {
        p.kind = Kind::sarcasm;
      } else if (cols[0] == "opinion") {
        p.kind = Kind::opinion;
      } else if (cols[0] == "inquiry") {
        p.kind = Kind::inquiry;
      } else if (cols[0] == "agency") {
        p.kind = Kind::agency;
      } else {
        fail("unknown kind '" + cols[0] +
             "' (eval, fact, negator, contrast, decrease, sarcasm, opinion, inquiry, agency, stance_tone)");
      }
      const std::string folded = text::index_form(cols[1]);
      const unsigned char lead = static_cast<unsigned char>(cols[1][0]);
      if ((L->cjk && has_cjk(folded)) || lead == 0xF0 || lead == 0xE2) {  // CJK, emoji and symbols
        p.cjk = L->cjk ? folded : cols[1];
      } else {
        // Arabic tokens are compared without their article, so the entry's
        // words are too ("نعم القرار" matches "ونعم القرار").
        for (auto& w : phrase_words(seg, cols[1]))
          p.words.push_back(L->arabic && w.back() != '*' ? std::string(strip_arabic_article(w)) : std::move(w));
        if (p.words.empty()) p.cjk = folded;  // emoji or symbols: substring
      }
      L->phrases.push_back(std::move(p));
    }
    L->index_phrases();
    langs += (langs.empty() ? "" : ",") + code;
    out->langs_.emplace(code, std::move(L));
  }
  if (!out->langs_.empty()) {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    out->version_ = "domain/" + langs + "+" + buf;
  }
  return out;
}

bool DomainLexicon::has_language(std::string_view lang) const { return langs_.find(lang) != langs_.end(); }

bool DomainLexicon::stance_tone(std::string_view lang) const {
  auto it = langs_.find(lang);
  return it != langs_.end() && it->second->stance_tone;
}

double DomainLexicon::toned(double compound, int tone, double pos_threshold, double neg_threshold) {
  constexpr double kPast = 0.05;  // how far past the band: a label, not a strength
  if (tone == 0 || compound >= pos_threshold || compound <= neg_threshold) return compound;
  return tone > 0 ? pos_threshold + kPast : neg_threshold - kPast;
}

namespace {

struct Match {
  const Phrase* p;
  uint32_t begin, end;
  size_t first_word;  // index into the words (npos for substring matches)
};

// Every entry found in the text, a longer match hiding the shorter ones of
// the same kind inside it ("not a bad idea" hides "bad").
std::vector<Match> find_phrases(const DomainLexicon::Lang& L, std::string_view hay,
                                const std::vector<const text::Token*>& words) {
  std::vector<Match> matches;
  for (uint32_t i : L.substrings) {
    const Phrase& p = L.phrases[i];
    for (size_t pos = hay.find(p.cjk); pos != std::string_view::npos; pos = hay.find(p.cjk, pos + 1))
      matches.push_back({&p, static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + p.cjk.size()), std::string::npos});
  }
  auto try_at = [&](const Phrase& p, size_t i) {
    const size_t n = p.words.size();
    if (i + n > words.size()) return;
    for (size_t k = 0; k < n; ++k)
      if (!word_matches(p.words[k], words[i + k]->norm, L.arabic)) return;
    matches.push_back({&p, words[i]->begin, words[i + n - 1]->end, i});
  };
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i]->norm;
    if (L.arabic) w = strip_arabic_article(w);
    if (auto it = L.by_first_word.find(std::string(w)); it != L.by_first_word.end())
      for (uint32_t k : it->second) try_at(L.phrases[k], i);
    for (uint32_t k : L.prefix_first) try_at(L.phrases[k], i);
  }
  std::sort(matches.begin(), matches.end(), [](const Match& x, const Match& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
  });
  std::vector<Match> kept;
  for (const auto& m : matches) {
    bool inside = false;
    for (const auto& k : kept)
      if (m.begin >= k.begin && m.end <= k.end && m.p->kind == k.p->kind) inside = true;
    if (!inside) kept.push_back(m);
  }
  return kept;
}

// Byte offset of the first contrast word ("but", "但是"), or npos.
size_t first_contrast(const std::vector<std::string>& contrasts, std::string_view hay,
                      const std::vector<const text::Token*>& words, bool cjk, bool arabic) {
  size_t best = std::string_view::npos;
  if (cjk) {
    for (const auto& c : contrasts) best = std::min(best, hay.find(c));
    return best;
  }
  for (const auto* w : words)
    for (const auto& c : contrasts)
      if (word_matches(c, w->norm, arabic)) return w->begin;
  return best;
}

void decreased(const DomainLexicon::Lang& L, const Match& m, std::string_view hay,
               const std::vector<const text::Token*>& words, DomainHit& h);

// The valence of one evaluation after negation (a negator up to three words
// before it, VADER's -0.74; in Chinese, in the two characters before it)
// and, for a harm, after a decrease.
DomainHit evaluate(const DomainLexicon::Lang& L, const Match& m, std::string_view hay,
                   const std::vector<const text::Token*>& words) {
  DomainHit h;
  h.phrase = m.p->text;
  h.begin = m.begin;
  h.end = m.end;
  h.valence = m.p->valence;
  h.rule = m.p->kind == Kind::fact ? "fact" : "eval";
  if (m.first_word != std::string::npos) {
    for (size_t k = m.first_word >= 3 ? m.first_word - 3 : 0; k < m.first_word; ++k) {
      if (words[k]->sentence != words[m.first_word]->sentence) continue;
      if (std::find(L.negators.begin(), L.negators.end(), words[k]->norm) != L.negators.end()) {
        h.valence *= -0.74;
        h.rule += " negated(" + words[k]->norm + ")";
        break;
      }
    }
  } else if (L.cjk) {
    const size_t from = m.begin >= 6 ? m.begin - 6 : 0;
    const std::string_view before = hay.substr(from, m.begin - from);
    for (const auto& n : L.negators) {
      if (!n.empty() && before.find(n) != std::string_view::npos) {
        h.valence *= -0.74;
        h.rule += " negated(" + n + ")";
        break;
      }
    }
  }
  if (h.valence < 0) decreased(L, m, hay, words, h);
  return h;
}

// A harm that falls is good news: "overdose deaths down by a quarter",
// "moins de morts", "смертей стало меньше", "死亡人数下降". A decrease word
// within two words of a negative evaluation (in Chinese, within five
// characters after it) flips it as a negator would.
void decreased(const DomainLexicon::Lang& L, const Match& m, std::string_view hay,
               const std::vector<const text::Token*>& words, DomainHit& h) {
  if (m.first_word != std::string::npos) {
    const size_t last = m.first_word + m.p->words.size() - 1;
    const size_t from = m.first_word >= 2 ? m.first_word - 2 : 0, to = std::min(words.size(), last + 3);
    for (size_t k = from; k < to; ++k) {
      if ((k >= m.first_word && k <= last) || words[k]->sentence != words[m.first_word]->sentence) continue;
      for (const auto& d : L.decreases) {
        if (word_matches(d, words[k]->norm, L.arabic)) {
          h.valence *= -0.74;
          h.rule += " decreased(" + words[k]->norm + ")";
          return;
        }
      }
    }
  } else if (L.cjk) {
    const std::string_view after = hay.substr(m.end, std::min<size_t>(15, hay.size() - m.end));
    for (const auto& d : L.decreases) {
      if (after.find(d) != std::string_view::npos) {
        h.valence *= -0.74;
        h.rule += " decreased(" + d + ")";
        return;
      }
    }
  }
}

}  // namespace

DomainAnalysis DomainLexicon::analyse(std::string_view text, const std::vector<text::Token>& tokens,
                                      std::string_view lang) const {
  DomainAnalysis a;
  auto it = langs_.find(lang);
  if (it == langs_.end()) return a;
  const Lang& L = *it->second;
  // Words only (numbers, punctuation and emoji are not part of phrases).
  std::vector<const text::Token*> words;
  bool hashtag = false;
  for (const auto& t : tokens) {
    if (t.kind == text::TokenKind::word) words.push_back(&t);
    if (t.kind == text::TokenKind::hashtag) hashtag = true;
  }
  // CJK entries are compared with the text itself, so offsets are the
  // text's; elsewhere only emoji and symbols are substrings.
  const std::vector<Match> kept = find_phrases(L, text, words);
  // Quoted words are a speaker's: they make the text neither an opinion nor
  // an evaluation by its author, so quoted agency copy stays news.
  const auto quotes = quoted_spans(text);
  bool inquiry = false, agency = false;
  for (const auto& m : kept) {
    if (m.p->kind == Kind::sarcasm) {
      a.sarcasm = true;
      a.cues.push_back("sarcasm(" + m.p->text + ")");
    } else if (m.p->kind == Kind::opinion && inside(quotes, m.begin, m.end)) {
      a.cues.push_back("quoted(" + m.p->text + ")");
    } else if (m.p->kind == Kind::opinion) {
      a.opinion = true;
      a.cues.push_back("opinion(" + m.p->text + ")");
    } else if (m.p->kind == Kind::inquiry) {
      inquiry = true;
      a.cues.push_back("inquiry(" + m.p->text + ")");
    } else if (m.p->kind == Kind::agency) {
      agency = true;
      a.cues.push_back("agency(" + m.p->text + ")");
    }
  }
  const size_t contrast = first_contrast(L.contrasts, text, words, L.cjk, L.arabic);
  bool evaluated = false;
  std::vector<DomainHit> facts;
  for (const auto& m : kept) {
    if (m.p->kind != Kind::eval && m.p->kind != Kind::fact) continue;
    DomainHit h = evaluate(L, m, text, words);
    if (contrast != std::string_view::npos) {
      const bool before = h.end <= contrast;
      h.valence *= before ? 0.5 : 1.5;
      h.rule += before ? " before-contrast" : " after-contrast";
    }
    if (a.sarcasm && h.valence > 0) {
      h.valence = -h.valence;
      h.rule += " sarcasm";
    }
    if (m.p->kind == Kind::eval) {
      evaluated = evaluated || !inside(quotes, m.begin, m.end);
      a.hits.push_back(std::move(h));
    } else {
      facts.push_back(std::move(h));
    }
  }
  // News is a headline or a headline and a lead: at most two sentences.
  // Agency copy ("МОСКВА, 14 марта. /ТАСС/.", "الرياض (واس) -", "新华社…电")
  // adds a dateline and a quoted or attributed sentence to its lead.
  const uint32_t sentences = tokens.empty() ? 0 : tokens.back().sentence + 1;
  const uint32_t news_sentences = agency ? kAgencySentences : 2;
  a.factual = !evaluated && !a.opinion && !a.sarcasm && !hashtag && sentences <= news_sentences && !expressive(text);
  if (a.factual) {
    // Reported deaths are the news, not the author's tone.
    for (const auto& f : facts) a.cues.push_back("fact(" + f.phrase + ")");
  } else {
    for (auto& f : facts) a.hits.push_back(std::move(f));
    std::sort(a.hits.begin(), a.hits.end(), [](const DomainHit& x, const DomainHit& y) { return x.begin < y.begin; });
  }
  for (const auto& h : a.hits) a.evaluation += h.valence;
  a.inquiry = inquiry && !evaluated && !a.sarcasm && has_question_mark(text);
  return a;
}

double DomainLexicon::adjust(double compound, const DomainAnalysis& a, double pos_threshold, double neg_threshold) {
  if (a.factual || a.inquiry) {
    // Inside the neutral band, with the general score's direction.
    const double hi = std::max(0.0, pos_threshold) * 0.5, lo = std::min(0.0, neg_threshold) * 0.5;
    return std::clamp(compound * 0.25, lo, hi);
  }
  if (a.hits.empty()) {
    // Sarcasm without an evaluation: the praise is in general words, and a
    // clear cue ("ну конечно", "对对对", 🙃) is itself criticism.
    if (a.sarcasm) return std::min(-std::abs(compound), -0.3);
    return compound;
  }
  // VADER's normalisation with a smaller alpha (one clear evaluation of a
  // policy decides the tone of a short text), weighing 85%.
  const double e = a.evaluation / std::sqrt(a.evaluation * a.evaluation + 6.0);
  return std::clamp(0.15 * compound + 0.85 * e, -1.0, 1.0);
}

}  // namespace vigie::sentiment
