#include "analytics/topics/stance_judge.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <unordered_map>

#include "analytics/topics/rules.h"
#include "core/errors.h"
#include "core/hash.h"
#include "core/json.h"

namespace vigie::topics {

namespace {

enum JudgeClass : uint8_t {
  kLiberal,
  kPunitive,
  kGood,
  kBad,
  kNegator,
  kReport,
  kSarcasm,
  kLoadedReform,
  kLoadedProhibition,
  kShould,     // a demand for the object: approves it
  kShouldNot,  // a demand against it: condemns it
};

constexpr std::pair<std::string_view, JudgeClass> kClassNames[] = {
    {"liberal", kLiberal}, {"punitive", kPunitive}, {"good", kGood},       {"bad", kBad},
    {"negator", kNegator}, {"report", kReport},     {"sarcasm", kSarcasm}, {"reform", kLoadedReform},
    {"prohibition", kLoadedProhibition}, {"should", kShould}, {"should_not", kShouldNot},
};

constexpr uint32_t kModalReach = 4;  // tokens from a modal to the evaluation it governs

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Emoji and emoticons are tokens the phrase matcher does not see: a cue
// that starts with a non-letter symbol is looked up by token text instead.
bool is_symbol_cue(std::string_view cue) {
  const auto c = static_cast<unsigned char>(cue[0]);
  return c >= 0xF0 || c == 0xE2 || cue[0] == ':' || cue[0] == ';';  // emoji, ☹ ✌, :) ;)
}

bool is_question_mark(const text::Token& t, std::string_view text) {
  if (t.kind != text::TokenKind::punct) return false;
  std::string_view s = text.substr(t.begin, t.end - t.begin);
  return s.find('?') != std::string_view::npos || s.find("\xEF\xBC\x9F") != std::string_view::npos;  // ？
}

std::string_view span_text(std::string_view text, const std::vector<text::Token>& tokens, uint32_t b, uint32_t e) {
  if (b >= e || e > tokens.size() || tokens[e - 1].end > text.size()) return {};
  return text.substr(tokens[b].begin, tokens[e - 1].end - tokens[b].begin);
}

}  // namespace

std::string_view orientation_name(int orientation) {
  return orientation > 0 ? "liberalising" : orientation < 0 ? "punitive" : "none";
}

void append_json(std::string& out, const StanceExplanation& e) {
  out += "{\"object\":";
  json::append_string(out, e.object);
  out += ",\"orientation\":";
  json::append_string(out, orientation_name(e.orientation));
  out += ",\"evaluations\":[";
  for (size_t i = 0; i < e.evaluations.size(); ++i) {
    const StanceEvaluation& v = e.evaluations[i];
    if (i) out += ',';
    out += "{\"cue\":";
    json::append_string(out, v.cue);
    out += ",\"polarity\":";
    out += v.polarity > 0 ? "\"approves\"" : "\"condemns\"";
    out += ",\"object\":";
    json::append_string(out, v.object);
    out += ",\"orientation\":";
    json::append_string(out, orientation_name(v.orientation));
    out += ",\"negated\":";
    out += v.negated ? "true" : "false";
    out += ",\"sarcastic\":";
    out += v.sarcastic ? "true" : "false";
    out += ",\"attributed\":";
    out += v.attributed ? "true" : "false";
    out += ",\"contribution\":";
    json::append_fixed(out, v.contribution, 3);
    out += '}';
  }
  out += "],\"loaded\":[";
  for (size_t i = 0; i < e.loaded.size(); ++i) {
    if (i) out += ',';
    out += "{\"cue\":";
    json::append_string(out, e.loaded[i].first);
    out += ",\"weight\":";
    json::append_fixed(out, e.loaded[i].second, 3);
    out += '}';
  }
  out += "],\"negation\":";
  out += e.negation ? "true" : "false";
  out += ",\"sarcasm\":";
  out += e.sarcasm ? "true" : "false";
  out += ",\"attribution\":";
  out += e.attribution ? "true" : "false";
  out += ",\"question\":";
  out += e.question ? "true" : "false";
  out += ",\"judgement\":";
  json::append_fixed(out, e.judgement, 3);
  out += ",\"cues\":";
  json::append_fixed(out, e.cues, 3);
  out += ",\"evidence\":";
  json::append_fixed(out, e.evidence, 3);
  out += ",\"decided_by\":";
  json::append_string(out, e.decided_by.empty() ? "none" : e.decided_by);
  out += '}';
}

struct StanceJudge::Rules {
  PhraseMatcher matcher;
  std::vector<uint8_t> cls;
  std::vector<float> weight;
  std::unordered_map<std::string, std::pair<uint8_t, float>> symbols;  // emoji/emoticon cues
};

StanceJudge::StanceJudge(const std::map<std::string, std::string>& rules, StanceJudgeOptions options)
    : options_(options) {
  text::StemmerSet stemmers;
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const auto& [lang, tsv] : rules) {
    h = fnv1a64(tsv, fnv1a64(lang, h));
    auto r = std::make_unique<Rules>();
    std::istringstream in(tsv);
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
      ++lineno;
      std::string_view l = trim(line);
      if (l.empty() || l[0] == '#') continue;
      auto where = [&] { return "judgement/" + lang + ".tsv:" + std::to_string(lineno); };
      const size_t t1 = l.find('\t');
      if (t1 == std::string_view::npos) throw Error(where() + ": expected 'cue<TAB>class[<TAB>weight]'");
      const std::string_view cue = trim(l.substr(0, t1));
      std::string_view rest = l.substr(t1 + 1);
      const size_t t2 = rest.find('\t');
      const std::string_view cls_name = trim(rest.substr(0, t2));
      float weight = 1.0f;
      if (t2 != std::string_view::npos) {
        const std::string w(trim(rest.substr(t2 + 1)));
        char* end = nullptr;
        weight = std::strtof(w.c_str(), &end);
        if (w.empty() || end != w.c_str() + w.size() || !(weight > 0) || weight > 10)
          throw Error(where() + ": weight must be a number in (0, 10], got '" + w + "'");
      }
      const auto named = std::find_if(std::begin(kClassNames), std::end(kClassNames),
                                      [&](const auto& p) { return p.first == cls_name; });
      if (named == std::end(kClassNames))
         throw Error(where() + ": class must be liberal, punitive, good, bad, should, should_not, negator, report, "
                              "sarcasm, reform or prohibition, got '" + std::string(cls_name) + "'");
      if (cue.empty()) throw Error(where() + ": empty cue");
      if (is_symbol_cue(cue)) {
        r->symbols[std::string(cue)] = {named->second, weight};
        continue;
      }
      const uint32_t id = r->matcher.add(cue, lang, false, stemmers, where());
      r->cls.resize(id + 1);
      r->weight.resize(id + 1);
      r->cls[id] = named->second;
      r->weight[id] = weight;
    }
    rules_[lang] = std::move(r);
  }
  hash_ = h;
}

StanceJudge::~StanceJudge() = default;

bool StanceJudge::has_language(std::string_view lang) const { return rules_.find(lang) != rules_.end(); }

StanceJudgement StanceJudge::judge(std::string_view text, const std::vector<text::Token>& tokens,
                                   std::string_view lang, text::StemmerSet& stemmers, const TopicObject& topic,
                                   StanceExplanation* explain) const {
  StanceJudgement out;
  auto it = rules_.find(lang);
  if (it == rules_.end() || tokens.empty()) return out;
  const Rules& r = *it->second;

  struct Cue {
    uint32_t begin, end, sentence;
    uint8_t cls;
    float weight;
  };
  thread_local std::vector<Match> m;
  thread_local std::vector<Cue> cues;
  m.clear();
  cues.clear();
  r.matcher.match_words(tokens, lang, stemmers, m);
  r.matcher.match_cjk(text, tokens, m);
  for (const Match& x : m) cues.push_back({x.begin, x.end, x.sentence, r.cls[x.pattern], r.weight[x.pattern]});
  const uint32_t nsent = tokens.back().sentence + 1;
  thread_local std::vector<uint8_t> question, reported;
  question.assign(nsent, 0);
  reported.assign(nsent, 0);
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (is_question_mark(t, text)) question[t.sentence] = 1;
    if ((t.kind == text::TokenKind::emoji || t.kind == text::TokenKind::emoticon) && !r.symbols.empty()) {
      auto s = r.symbols.find(std::string(text.substr(t.begin, t.end - t.begin)));
      if (s != r.symbols.end()) cues.push_back({i, i + 1, t.sentence, s->second.first, s->second.second});
    }
  }
  if (cues.empty()) return out;
  // A cue inside a longer one does not count on its own ("not bad" is one
  // evaluation, not a negator and a condemnation).
  std::sort(cues.begin(), cues.end(),
            [](const Cue& a, const Cue& b) { return a.begin != b.begin ? a.begin < b.begin : a.end > b.end; });
  {
    size_t w = 0;
    uint32_t covered = 0;
    for (const Cue& c : cues) {
      if (c.end <= covered) continue;
      covered = std::max(covered, c.end);
      cues[w++] = c;
    }
    cues.resize(w);
  }
  bool sarcasm = false;
  for (const Cue& c : cues) {
    if (c.cls == kSarcasm) sarcasm = true;
    if (c.cls == kReport) reported[c.sentence] = 1;
    if (c.cls == kLiberal || c.cls == kPunitive) ++out.objects;
  }
  for (uint32_t s = 0; s < nsent; ++s) {
    out.question = out.question || question[s];
    out.attribution = out.attribution || reported[s];
  }
  out.sarcasm = sarcasm;

  // The object an evaluation bears on: the nearest in its sentence, else the
  // last one before it, else the first one after it.
  auto object_for = [&](size_t e) -> const Cue* {
    const Cue* best = nullptr;
    uint32_t best_d = UINT32_MAX;
    const Cue* before = nullptr;
    const Cue* after = nullptr;
    for (size_t j = 0; j < cues.size(); ++j) {
      const Cue& o = cues[j];
      if (o.cls != kLiberal && o.cls != kPunitive) continue;
      if (o.sentence == cues[e].sentence) {
        const uint32_t d = o.begin >= cues[e].end ? o.begin - cues[e].end : cues[e].begin >= o.end ? cues[e].begin - o.end : 0;
        if (d < best_d) best_d = d, best = &o;
      } else if (o.sentence < cues[e].sentence) {
        before = &o;
      } else if (!after) {
        after = &o;
      }
    }
    return best ? best : before ? before : after;
  };
  // Without an object word, the text's topic stands for it ("Executing
  // people for a few grams is barbaric": the death_penalty topic).
  const Cue topic_cue{0, 0, 0, topic.orientation > 0 ? uint8_t(kLiberal) : uint8_t(kPunitive), 1.0f};

  // A modal governing an evaluation is not one itself: "must stop" is one
  // condemnation, "should never stop" one approval. Otherwise the modal is
  // the evaluation: "should be legal", "must not be legalised".
  thread_local std::vector<int8_t> modal;  // per cue: 0 none, 1 counts as itself, -1 flips the next
  modal.assign(cues.size(), 0);
  for (size_t i = 0; i < cues.size(); ++i) {
    if (cues[i].cls != kShould && cues[i].cls != kShouldNot) continue;
    const bool governs = i + 1 < cues.size() && cues[i + 1].sentence == cues[i].sentence &&
                         (cues[i + 1].cls == kGood || cues[i + 1].cls == kBad) &&
                         cues[i + 1].begin - cues[i].end <= kModalReach;
    if (!governs) modal[i] = 1;
    else if (cues[i].cls == kShouldNot) modal[i + 1] = -1;
  }
  uint32_t prev_end = 0;  // a negator reaches only the first evaluation after it
  std::map<std::pair<uint32_t, uint32_t>, double> by_object;  // object span -> |contribution|
  for (size_t i = 0; i < cues.size(); ++i) {
    const Cue& c = cues[i];
    const bool eval = c.cls == kGood || c.cls == kBad || modal[i] == 1;
    const bool loaded = c.cls == kLoadedReform || c.cls == kLoadedProhibition;
    if (!eval && !loaded) continue;
    int flips = 0;
    for (const Cue& n : cues) {
      if (n.cls != kNegator || n.sentence != c.sentence || n.begin < prev_end) continue;
      if (n.end <= c.begin && int(c.begin - n.end) <= options_.negation_window) ++flips;
    }
    prev_end = c.end;
    const bool negated = flips > 0;  // "ne … pas", "no … nunca": one negation, not two
    const bool attributed = reported[c.sentence] != 0;
    const double qw = question[c.sentence] ? options_.question_weight : 1.0;
    if (loaded) {
      double w = (c.cls == kLoadedReform ? 1.0 : -1.0) * c.weight * qw * (negated ? -1 : 1);
      if (attributed) w = 0;
      (w > 0 ? out.reform : out.prohibition) += std::abs(w);
      out.negation = out.negation || negated;
      if (explain && w != 0) explain->loaded.emplace_back(std::string(span_text(text, tokens, c.begin, c.end)), w);
      continue;
    }
    int polarity = c.cls == kGood || c.cls == kShould ? 1 : -1;
    if (negated != (modal[i] == -1)) polarity = -polarity;
    const bool sarcastic = sarcasm && polarity > 0;
    if (sarcastic) polarity = -1;
    const Cue* obj = object_for(i);
    const bool from_topic = !obj && topic.orientation != 0;
    if (from_topic) obj = &topic_cue;
    const int orientation = obj ? (obj->cls == kLiberal ? 1 : -1) : 0;
    double contribution = 0;
    if (obj && !attributed) contribution = polarity * orientation * c.weight * obj->weight * qw;
    out.negation = out.negation || negated;
    if (!attributed && obj) {
      ++out.evaluations;
      (contribution > 0 ? out.reform : out.prohibition) += std::abs(contribution);
      by_object[{obj->begin, obj->end}] += std::abs(contribution);
    }
    if (explain) {
      StanceEvaluation v;
      v.cue = std::string(span_text(text, tokens, c.begin, c.end));
      v.polarity = polarity;
      v.negated = negated;
      v.sarcastic = sarcastic;
      v.attributed = attributed;
      if (from_topic) v.object = "topic:" + std::string(topic.id);
      else if (obj) v.object = std::string(span_text(text, tokens, obj->begin, obj->end));
      v.orientation = orientation;
      v.contribution = contribution;
      explain->evaluations.push_back(std::move(v));
    }
  }
  if (explain) {
    // The main object: the one judged most, else the first mentioned.
    const Cue* main = nullptr;
    double best = -1;
    for (const Cue& o : cues) {
      if (o.cls != kLiberal && o.cls != kPunitive) continue;
      auto f = by_object.find({o.begin, o.end});
      const double v = f == by_object.end() ? 0 : f->second;
      if (v > best) best = v, main = &o;
    }
    if (!main && topic.orientation != 0 && !by_object.empty()) {
      explain->object = "topic:" + std::string(topic.id);
      explain->orientation = topic.orientation;
    } else if (main) {
      explain->object = std::string(span_text(text, tokens, main->begin, main->end));
      explain->orientation = main->cls == kLiberal ? 1 : -1;
    }
    explain->negation = out.negation;
    explain->sarcasm = out.sarcasm;
    explain->attribution = out.attribution;
    explain->question = out.question;
    explain->judgement = out.evidence();
  }
  return out;
}

}  // namespace vigie::topics
