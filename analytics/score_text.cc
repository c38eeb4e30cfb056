#include "analytics/score_text.h"

#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "analytics/sentiment/domain.h"
#include "analytics/topics/taxonomy.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/text/langid.h"
#include "core/text/segment.h"
#include "core/text/stem.h"
#include "core/text/utf8.h"

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
    // Every byte is looked at, continuation bytes too (they start nothing),
    // and two- and three-byte sequences count by their bits.
    const utf8::Decoded d = utf8::decode(s, i, utf8::Policy::bits);
    if (!d.whole) continue;
    const char32_t cp = d.cp;
    if (d.len == 2) {
      if (cp >= 0x600 && cp <= 0x6FF) ++ar;
      else if (cp >= 0x400 && cp <= 0x4FF) ++cy;
    } else if (d.len == 3) {
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
// Also sets *score from the drug-policy sentiment rules when the text has a
// topic (the general score otherwise), as the index stores it.
void append_topics(const sentiment::Scorer& scorer, const ScoreSettings& st, std::string_view line,
                   const std::string& lang, std::string& out, sentiment::Score* score,
                   std::string* stance_json = nullptr) {
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
  if (st.domain && !hits.empty() && st.domain->has_language(lang)) {
    const auto th = scorer.thresholds(lang);
    const double c =
        sentiment::DomainLexicon::adjust(score->compound, st.domain->analyse(line, tokens, lang), th.positive, th.negative);
    if (c != score->compound) {
      score->compound = c;
      score->label = scorer.label_for(c, lang);
      if (compounds.size() == 1) compounds[0] = c;  // the aspect of a one-sentence text is its tone
    }
  }
  topics::StanceExplanation why;
  const topics::Stance stance = st.stance->classify(line, tokens, lang, hits, stemmers, stance_json ? &why : nullptr);
  if (st.domain && !hits.empty() && st.domain->stance_tone(lang)) {
    const auto th = scorer.thresholds(lang);
    const double c = sentiment::DomainLexicon::toned(score->compound, stance.tone, th.positive, th.negative);
    if (c != score->compound) {
      score->compound = c;
      score->label = scorer.label_for(c, lang);
      if (compounds.size() == 1) compounds[0] = c;
    }
  }
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
  json::append_string(out, topics::stance_name(stance.label));
  out += ",\"stance_lean\":";
  json::append_string(out, topics::stance_name(stance.lean));
  if (stance_json) topics::append_json(*stance_json, why);
}

// The evidence behind topics and the drug-policy sentiment rules of one
// text, for --explain: tokens, hits and the domain analysis.
struct TopicEvidence {
  std::vector<text::Token> tokens;
  std::vector<topics::TopicHit> hits;
  sentiment::DomainAnalysis domain;
  bool domain_ran = false;
  int stance_tone = 0;  // the stance's tone, where the language's rules use it (DomainLexicon::toned)
};

TopicEvidence topic_evidence(const ScoreSettings& st, std::string_view line, const std::string& lang) {
  thread_local text::Segmenter segmenter;
  thread_local text::StemmerSet stemmers;
  TopicEvidence ev;
  if (!st.tagger) return ev;
  segmenter.tokenize(line, ev.tokens, /*sentences=*/true);
  st.tagger->tag(line, ev.tokens, lang, stemmers, ev.hits);
  if (st.domain && !ev.hits.empty() && st.domain->has_language(lang)) {
    ev.domain = st.domain->analyse(line, ev.tokens, lang);
    ev.domain_ran = true;
    if (st.domain->stance_tone(lang)) ev.stance_tone = st.stance->classify(line, ev.tokens, lang, ev.hits, stemmers).tone;
  }
  return ev;
}

// "explain": {"sentiment": {...}, "topics": [...], "stance": {...}}: the
// stance entry is the stance classifier's own explanation (null without
// topics).
void append_explain_json(const sentiment::Explanation& ex, double general, const TopicEvidence& ev,
                         const ScoreSettings& st, std::string_view line, const std::string& lang,
                         const std::string& stance_json, std::string& out) {
  thread_local text::StemmerSet stemmers;
  std::string s;
  json::JsonWriter w(s);
  w.begin_object().key("sentiment").begin_object();
  w.key("model").value(ex.model);
  w.key("general_compound").fixed(general, 4);
  w.key("lexicon").begin_object();
  w.key("sum").fixed(ex.sum, 4);
  w.key("punctuation").fixed(ex.punctuation, 4);
  w.key("items").begin_array();
  for (const auto& c : ex.items) {
    std::string rules = c.rules;
    while (!rules.empty() && rules.back() == ' ') rules.pop_back();
    w.begin_object().key("term").value(c.term).key("begin").value(c.begin).key("end").value(c.end);
    w.key("valence").fixed(c.base, 3).key("final").fixed(c.final, 3).key("rules").value(rules).end_object();
  }
  w.end_array().end_object();
  w.key("model_features");
  if (ex.from_model) {
    const auto& m = ex.model_features;
    w.begin_object();
    w.key("margin").fixed(m.margin, 4);
    w.key("logits").begin_array();
    for (double z : m.logits) w.fixed(z, 4);
    w.end_array();
    w.key("biases").begin_array();
    for (double b : m.biases) w.fixed(b, 4);
    w.end_array();
    w.key("features").begin_array();
    for (const auto& f : m.features)
      w.begin_object().key("feature").value(f.name).key("value").fixed(f.value, 4).key("contribution").fixed(
          f.contribution, 4).end_object();
    w.end_array();
    w.key("rest").fixed(m.rest, 4);
    w.end_object();
  } else {
    w.null();
  }
  w.key("domain");
  if (ev.domain_ran) {
    w.begin_object();
    w.key("factual").value(ev.domain.factual).key("sarcasm").value(ev.domain.sarcasm);
    w.key("opinion").value(ev.domain.opinion).key("inquiry").value(ev.domain.inquiry);
    w.key("evaluation").fixed(ev.domain.evaluation, 3);
    // The stance's tone, which decides a score the rules left neutral.
    w.key("stance_tone").value(ev.stance_tone);
    w.key("hits").begin_array();
    for (const auto& h : ev.domain.hits)
      w.begin_object().key("phrase").value(h.phrase).key("begin").value(h.begin).key("end").value(h.end).key(
          "valence").fixed(h.valence, 3).key("rule").value(h.rule).end_object();
    w.end_array();
    w.key("cues").begin_array();
    for (const auto& c : ev.domain.cues) w.value(c);
    w.end_array();
    w.end_object();
  } else {
    w.null();
  }
  w.end_object();
  w.key("topics").begin_array();
  for (const auto& h : ev.hits) {
    w.begin_object().key("id").value(h.id).key("relevance").fixed(h.relevance, 4);
    const auto& topic = st.tagger->taxonomy().topics()[h.topic];
    w.key("needs_context").value(topic.needs_context);
    w.key("matches").begin_array();
    for (const auto& m : topics::explain_rules(st.tagger->taxonomy(), &topic, line, ev.tokens, lang, stemmers))
      w.begin_object().key("rule").value(m.field).key("lang").value(m.lang).key("entry").value(m.entry).key(
          "text").value(line.substr(m.begin, m.end - m.begin)).key("begin").value(m.begin).key("end").value(
          m.end).end_object();
    w.end_array().end_object();
  }
  w.end_array();
  if (stance_json.empty()) w.key("stance").null();
  else w.key("stance").raw(stance_json);
  w.end_object();
  out += ",\"explain\":";
  out += s;
}

// The language a line is scored in: --lang, else CLD2's guess, else (when
// CLD2 gives up or names a language without a lexicon) the script's.
std::string line_language(const sentiment::Scorer& scorer, const ScoreSettings& st, std::string_view line) {
  std::string lang = st.lang;
  if (lang.empty()) {
    lang = text::detect_language(line);
    if (lang == "und" || !scorer.has_language(lang)) {
      std::string s = script_language(line);
      if (s != "und") lang = s;
    }
  }
  return lang;
}

// compound<TAB>label<TAB>lang
void append_plain(const sentiment::Scorer& scorer, std::string_view line, const std::string& lang, std::string& out) {
  sentiment::Score sc = scorer.score(line, lang);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f\t", sc.compound);
  out += buf;
  out += sentiment::label_name(sc.label);
  out += '\t';
  out += lang;
  out += '\n';
}

// --json: the score, its sentences and (with a tagger) topics and stance.
void append_json(const sentiment::Scorer& scorer, const ScoreSettings& st, std::string_view line,
                 const std::string& lang, std::string& out, std::vector<sentiment::SentenceScore>& sentences) {
  sentiment::Score sc = scorer.score_with_sentences(line, lang, sentences);
  std::string tail;
  if (st.tagger) {
    const double general = sc.compound;
    append_topics(scorer, st, line, lang, tail, &sc);
    if (sc.compound != general && sentences.size() == 1) sentences[0].compound = sc.compound;
  }
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
  out += tail;
  out += "}\n";
}

// The explanation's score after the drug-policy sentiment rules, which
// apply when the line has a topic.
void apply_domain_rules(const sentiment::Scorer& scorer, const TopicEvidence& ev, const std::string& lang,
                        double general, sentiment::Explanation& ex) {
  if (!ev.domain_ran) return;
  const auto th = scorer.thresholds(lang);
  const double c = sentiment::DomainLexicon::toned(
      sentiment::DomainLexicon::adjust(general, ev.domain, th.positive, th.negative), ev.stance_tone, th.positive,
      th.negative);
  if (c != general) {
    ex.score.compound = c;
    ex.score.label = scorer.label_for(c, lang);
  }
}

// --explain --json: the score, the lexicon items, topics and stance, and
// the "explain" object.
void append_explained_json(const sentiment::Scorer& scorer, const ScoreSettings& st, std::string_view line,
                           const std::string& lang, const sentiment::Explanation& ex, double general,
                           const TopicEvidence& ev, std::string& out) {
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
  out += ']';
  std::string stance_json;
  if (st.tagger) {
    sentiment::Score adjusted = ex.score;
    adjusted.compound = general;  // append_topics applies the drug-policy rules itself
    append_topics(scorer, st, line, lang, out, &adjusted, &stance_json);
  }
  append_explain_json(ex, general, ev, st, line, lang, stance_json, out);
  out += "}\n";
}

// --explain: the score line, then one indented line per piece of evidence.
void append_explained_text(const ScoreSettings& st, std::string_view line, const std::string& lang,
                           const sentiment::Explanation& ex, double general, const TopicEvidence& ev,
                           std::string& out) {
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
  if (ex.from_model) {
    const auto& m = ex.model_features;
    std::snprintf(buf, sizeof buf, "  model %s: margin(pos-neg) %+.3f = the features below + others (%+.3f)\n",
                  ex.model.c_str(), m.margin, m.rest);
    out += buf;
    for (const auto& f : m.features) {
      std::snprintf(buf, sizeof buf, "    %+.3f  ", f.contribution);
      out += buf;
      out += f.name;
      out += '\n';
    }
  }
  if (ev.domain_ran) {
    std::snprintf(buf, sizeof buf, "  drug-policy rules: general %+.4f -> %+.4f%s%s%s\n", general, ex.score.compound,
                  ev.domain.factual ? " factual" : "", ev.domain.sarcasm ? " sarcasm" : "",
                  ev.domain.inquiry ? " inquiry" : "");
    out += buf;
    for (const auto& h : ev.domain.hits) {
      std::snprintf(buf, sizeof buf, "    %+.2f  ", h.valence);
      out += buf;
      out += h.phrase + "  " + h.rule + '\n';
    }
  }
  thread_local text::StemmerSet stemmers;
  for (const auto& h : ev.hits) {
    out += "  topic ";
    out += h.id;
    out += ':';
    const auto& topic = st.tagger->taxonomy().topics()[h.topic];
    for (const auto& m : topics::explain_rules(st.tagger->taxonomy(), &topic, line, ev.tokens, lang, stemmers))
      out += " " + m.field + "(" + m.entry + ")";
    out += '\n';
  }
}

}  // namespace

void score_line(const sentiment::Scorer& scorer, const ScoreSettings& st, std::string_view line, std::string& out,
                std::vector<sentiment::SentenceScore>& sentences) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const std::string lang = line_language(scorer, st, line);
  if (!st.explain) {
    if (st.json) append_json(scorer, st, line, lang, out, sentences);
    else append_plain(scorer, line, lang, out);
    return;
  }
  sentiment::Explanation ex = scorer.explain(line, lang);
  const double general = ex.score.compound;
  const TopicEvidence ev = topic_evidence(st, line, lang);
  apply_domain_rules(scorer, ev, lang, general, ex);
  if (st.json) append_explained_json(scorer, st, line, lang, ex, general, ev, out);
  else append_explained_text(st, line, lang, ex, general, ev, out);
}

namespace {

// What travels through score_stream's pipeline.
struct LineBatch {
  std::string data;  // whole lines
  std::string out;
};

}  // namespace

void score_stream(const sentiment::Scorer& scorer, const ScoreSettings& settings, std::FILE* in,
                  const std::string& name, std::FILE* out, size_t tokens) {
  constexpr size_t kBatch = 256 * 1024;
  std::string carry;
  bool eof = false;
  auto read = [&](tbb::flow_control& fc) -> std::shared_ptr<LineBatch> {
    if (eof && carry.empty()) {
      fc.stop();
      return nullptr;
    }
    auto b = std::make_shared<LineBatch>();
    b->data.swap(carry);
    while (!eof) {
      const size_t old = b->data.size();
      b->data.resize(old + kBatch);
      const size_t got = std::fread(b->data.data() + old, 1, kBatch, in);
      b->data.resize(old + got);
      if (got < kBatch) {
        if (std::ferror(in)) throw InputError("read error on " + name);
        eof = true;
      }
      const size_t nl = b->data.rfind('\n');
      if (nl != std::string::npos && nl >= old) {
        carry.assign(b->data, nl + 1, std::string::npos);
        b->data.resize(nl + 1);
        break;
      }
    }
    if (eof && !b->data.empty() && b->data.back() != '\n') b->data.push_back('\n');
    return b;
  };
  auto score = [&](std::shared_ptr<LineBatch> b) {
    thread_local std::vector<sentiment::SentenceScore> sentences;
    const std::string_view d = b->data;
    b->out.reserve(d.size() / 2 + 64);
    for (size_t at = 0; at < d.size();) {
      const size_t nl = d.find('\n', at);
      score_line(scorer, settings, d.substr(at, nl - at), b->out, sentences);
      at = nl + 1;
    }
    return b;
  };
  auto write = [&](std::shared_ptr<LineBatch> b) {
    if (std::fwrite(b->out.data(), 1, b->out.size(), out) != b->out.size())
      throw Error("cannot write to standard output");
  };
  tbb::parallel_pipeline(
      tokens, tbb::make_filter<void, std::shared_ptr<LineBatch>>(tbb::filter_mode::serial_in_order, read) &
                  tbb::make_filter<std::shared_ptr<LineBatch>, std::shared_ptr<LineBatch>>(tbb::filter_mode::parallel,
                                                                                           score) &
                  tbb::make_filter<std::shared_ptr<LineBatch>, void>(tbb::filter_mode::serial_in_order, write));
}

}  // namespace vigie::analytics
