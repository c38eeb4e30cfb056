#include "analytics/score_text.h"

#include <algorithm>
#include <cstdio>

#include "core/json.h"
#include "core/text/langid.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::analytics {
namespace {

// Guess by script when CLD2 gives up (short texts): Arabic, Cyrillic, Han,
// Devanagari are unambiguous enough for the lexicon choice.
std::string script_language(std::string_view s) {
  int ar = 0, cy = 0, han = 0, dev = 0, kana = 0, latin = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') ++latin;
      continue;
    }
    if ((b & 0xE0) == 0xC0 && i + 1 < s.size()) {
      uint32_t cp = ((b & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
      if (cp >= 0x600 && cp <= 0x6FF) ++ar;
      else if (cp >= 0x400 && cp <= 0x4FF) ++cy;
    } else if ((b & 0xF0) == 0xE0 && i + 2 < s.size()) {
      uint32_t cp = ((b & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                    (static_cast<unsigned char>(s[i + 2]) & 0x3F);
      if (cp >= 0x4E00 && cp <= 0x9FFF) ++han;
      else if (cp >= 0x3040 && cp <= 0x30FF) ++kana;
      else if (cp >= 0x900 && cp <= 0x97F) ++dev;
    }
  }
  int best = std::max({ar, cy, han, dev});
  if (best == 0 || best < latin / 2 || kana > han / 2) return "und";
  if (best == ar) return "ar";
  if (best == cy) return "ru";
  if (best == han) return "zh";
  return "hi";
}

// Appends ,"topics":[...],"aspects":{...},"stance":"..." for one text: the
// same analysis `vigie index` stores (ICU tokens, taxonomy rules, stance
// cues; a topic's aspect sentiment is the mean compound of the sentences
// that mention it).
void append_topics(const sentiment::Scorer& scorer, const ScoreSettings& st, std::string_view line,
                   const std::string& lang, std::string& out) {
  thread_local text::Segmenter segmenter;
  thread_local text::StemmerSet stemmers;
  thread_local std::vector<text::Token> tokens;
  thread_local std::vector<topics::TopicHit> hits;
  thread_local std::vector<double> compounds;
  tokens.clear();
  segmenter.tokenize(line, tokens, /*sentences=*/true);
  st.tagger->tag(line, tokens, lang, stemmers, hits);
  const size_t nsent = tokens.empty() ? 0 : tokens.back().sentence + 1;
  if (!hits.empty()) scorer.score_sentences(line, tokens, nsent, lang, compounds);
  out += ",\"topics\":[";
  for (size_t i = 0; i < hits.size(); ++i) {
    if (i) out += ',';
    json::append_string(out, hits[i].id);
  }
  out += "],\"aspects\":{";
  bool first = true;
  for (const auto& h : hits) {
    auto a = topics::aspect_sentiment(h, compounds);
    if (!a) continue;
    if (!first) out += ',';
    first = false;
    json::append_string(out, h.id);
    out += ':';
    json::append_fixed(out, *a, 4);
  }
  out += "},\"stance\":";
  const topics::Stance stance = st.stance->classify(line, tokens, lang, hits, stemmers);
  json::append_string(out, topics::stance_name(stance.label));
  out += ",\"stance_lean\":";
  json::append_string(out, topics::stance_name(stance.lean));
}

}  // namespace

void score_line(const sentiment::Scorer& scorer, const ScoreSettings& st, std::string_view line, std::string& out,
                std::vector<sentiment::SentenceScore>& sentences) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string lang = st.lang;
  if (lang.empty()) {
    lang = text::detect_language(line);
    if (lang == "und" || !scorer.has_language(lang)) {
      std::string s = script_language(line);
      if (s != "und") lang = s;
    }
  }
  if (!st.explain) {
    if (!st.json) {
      sentiment::Score sc = scorer.score(line, lang);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4f\t", sc.compound);
      out += buf;
      out += sentiment::label_name(sc.label);
      out += '\t';
      out += lang;
      out += '\n';
      return;
    }
    sentiment::Score sc = scorer.score_with_sentences(line, lang, sentences);
    out += "{\"compound\":";
    json::append_fixed(out, sc.compound, 4);
    out += ",\"label\":\"";
    out += sentiment::label_name(sc.label);
    out += "\",\"lang\":";
    json::append_string(out, lang);
    out += ",\"sentences\":[";
    for (size_t k = 0; k < sentences.size(); ++k) {
      if (k) out += ',';
      out += "{\"begin\":" + std::to_string(sentences[k].begin) + ",\"end\":" + std::to_string(sentences[k].end) +
             ",\"compound\":";
      json::append_fixed(out, sentences[k].compound, 4);
      out += '}';
    }
    out += ']';
    if (st.tagger) append_topics(scorer, st, line, lang, out);
    out += "}\n";
    return;
  }
  sentiment::Explanation ex = scorer.explain(line, lang);
  if (st.json) {
    out += "{\"compound\":";
    json::append_fixed(out, ex.score.compound, 4);
    out += ",\"label\":\"";
    out += sentiment::label_name(ex.score.label);
    out += "\",\"lang\":";
    json::append_string(out, lang);
    out += ",\"model\":";
    json::append_string(out, ex.model);
    out += ",\"sum\":";
    json::append_fixed(out, ex.sum, 4);
    out += ",\"punctuation\":";
    json::append_fixed(out, ex.punctuation, 4);
    out += ",\"items\":[";
    for (size_t k = 0; k < ex.items.size(); ++k) {
      const auto& c = ex.items[k];
      if (k) out += ',';
      out += "{\"term\":";
      json::append_string(out, c.term);
      out += ",\"begin\":" + std::to_string(c.begin) + ",\"end\":" + std::to_string(c.end) + ",\"valence\":";
      json::append_fixed(out, c.base, 3);
      out += ",\"final\":";
      json::append_fixed(out, c.final, 3);
      std::string rules = c.rules;
      while (!rules.empty() && rules.back() == ' ') rules.pop_back();
      out += ",\"rules\":";
      json::append_string(out, rules);
      out += '}';
    }
    out += "]}\n";
    return;
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "%.4f\t%s\t%s\tmodel=%s sum=%.3f punctuation=%+.3f\n", ex.score.compound,
                std::string(sentiment::label_name(ex.score.label)).c_str(), lang.c_str(), ex.model.c_str(), ex.sum,
                ex.punctuation);
  out += buf;
  for (const auto& c : ex.items) {
    std::snprintf(buf, sizeof buf, "  %-20s %+.3f -> %+.3f  ", c.term.c_str(), c.base, c.final);
    out += buf;
    out += c.rules;
    out += '\n';
  }
}


}  // namespace vigie::analytics
