#include "analytics/topics/tagger.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <numeric>
#include <unordered_map>

#include "analytics/topics/relevance_model.h"
#include "analytics/topics/rules.h"
#include "core/errors.h"
#include "core/hash.h"

namespace vigie::topics {

namespace {

enum RuleClass : uint8_t { kTerm = 0, kSlang = 1, kExclude = 2, kMention = 3, kCue = 4 };

struct RawHit {
  uint32_t topic;  // kContextTopic for the drug-context rules
  uint32_t sentence;
  uint32_t begin, end;  // token span
  uint8_t cls;
};

constexpr uint32_t kContextTopic = 0xFFFFFFFFu;

bool non_latin(std::string_view lang) {
  static constexpr std::string_view kLangs[] = {"ar", "ru", "zh", "ja", "ko", "fa", "uk", "bg", "el",
                                                "he", "hi", "th", "ur", "sr", "mk", "be", "kk", "ka"};
  for (auto l : kLangs)
    if (l == lang) return true;
  return false;
}

// The weight of one topic's hits in one sentence, raw[i, j). An exclusion
// cancels the hits of its topic that overlap it ("pot roast", 大麻烦) and
// the slang of its topic in its sentence ("weed" near "garden"). Sets term
// when a term counted, mention when a mention did, own when a term or slang
// did (a hit without own rests on mentions alone), and cue when a cue was
// seen (cues weigh nothing by themselves).
struct SentenceFlags {
  bool term = false, mention = false, own = false, cue = false;
};
double sentence_weight(const std::vector<RawHit>& raw, size_t i, size_t j, double term_weight, double slang_weight,
                       SentenceFlags& flags) {
  thread_local std::vector<uint32_t> excl_begin, excl_max_end;
  bool excluded = false;
  for (size_t x = i; x < j; ++x) excluded |= raw[x].cls == kExclude;
  // Exclusion spans in begin order (raw is sorted so), with the running
  // maximum of their ends: a hit overlaps one iff some span beginning before
  // the hit ends also ends after the hit begins. A binary search per hit
  // keeps a long one-sentence text n log n.
  if (excluded) {
    excl_begin.clear();
    excl_max_end.clear();
    for (size_t x = i; x < j; ++x) {
      if (raw[x].cls != kExclude) continue;
      excl_begin.push_back(raw[x].begin);
      excl_max_end.push_back(std::max(raw[x].end, excl_max_end.empty() ? 0u : excl_max_end.back()));
    }
  }
  double w = 0;
  flags = {};
  for (size_t k = i; k < j; ++k) {
    const RawHit& h = raw[k];
    if (h.cls == kExclude) continue;
    if (h.cls == kSlang && excluded) continue;
    if (h.cls == kCue) {
      flags.cue = true;
      continue;
    }
    if (excluded) {
      const size_t before = size_t(std::lower_bound(excl_begin.begin(), excl_begin.end(), h.end) - excl_begin.begin());
      if (before > 0 && excl_max_end[before - 1] > h.begin) continue;
    }
    w += h.cls == kSlang ? slang_weight : term_weight;
    flags.term |= h.cls == kTerm;
    flags.mention |= h.cls == kMention;
    flags.own |= h.cls != kMention;
  }
  return w;
}

}  // namespace

struct TopicTagger::Index {
  // Per language: the phrase matcher, and the topic/class of each pattern.
  struct Lang {
    PhraseMatcher matcher;
    std::vector<uint32_t> topic;  // pattern id -> topic index
    std::vector<uint8_t> cls;     // pattern id -> RuleClass
  };
  std::unordered_map<std::string, Lang> langs;
};

TopicTagger::TopicTagger(const Taxonomy& taxonomy, TaggerOptions options)
    : taxonomy_(taxonomy), options_(std::move(options)), index_(std::make_unique<Index>()) {
  text::StemmerSet stemmers;
  const auto& topics = taxonomy_.topics();
  auto compile = [&](uint32_t t, const std::string& name, const std::map<std::string, LangRules>& by_lang) {
    for (const auto& [lang, rules] : by_lang) {
      Index::Lang& L = index_->langs[lang];
      auto add = [&, &code = lang](const std::vector<std::string>& entries, RuleClass cls, bool stem) {
        for (const std::string& e : entries) {
          uint32_t id = L.matcher.add(e, code, stem, stemmers, name + "." + code);
          if (id >= L.topic.size()) {
            L.topic.resize(id + 1);
            L.cls.resize(id + 1);
          }
          L.topic[id] = t;
          L.cls[id] = cls;
        }
      };
      add(rules.terms, kTerm, false);
      add(rules.stems, kTerm, true);
      add(rules.slang, kSlang, false);
      add(rules.exclude, kExclude, false);
      add(rules.mentions, kMention, false);
      add(rules.cues, kCue, false);
    }
  };
  for (uint32_t t = 0; t < topics.size(); ++t) {
    compile(t, topics[t].id, topics[t].rules);
    needs_context_ |= topics[t].needs_context;
  }
  compile(kContextTopic, "context", taxonomy_.context());
  if (!options_.relevance_model.empty() && options_.relevance_model != "none") {
    const std::string& path = options_.relevance_model;
    relevance_ = std::make_unique<LinearRelevanceModel>(LinearRelevanceModel::load(path));
    auto it = std::find_if(topics.begin(), topics.end(), [&](const Topic& t) { return t.id == relevance_->topic(); });
    if (it == topics.end())
      throw Error(path + ": the relevance model's topic '" + relevance_->topic() + "' is not in the taxonomy");
    relevance_topic_ = uint32_t(it - topics.begin());
    relevance_threshold_ = options_.relevance_threshold > 0 ? options_.relevance_threshold : relevance_->threshold();
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(buf.str())));
    relevance_version_ = "relevance-" + relevance_->topic() + "-" + relevance_->lang() + "-" + hex;
    relevance_file_ = path;
    relevance_source_ = "option";
  }
}

TopicTagger::~TopicTagger() = default;

RelevanceModelChoice resolve_relevance_model(const std::string& option, const char* env_value,
                                             const std::string& exe_path) {
  auto named = [](const std::string& v, const char* source) {
    return v == "none" ? RelevanceModelChoice{"", "none"} : RelevanceModelChoice{v, source};
  };
  if (!option.empty()) return named(option, "option");
  if (env_value != nullptr && *env_value != '\0') return named(env_value, "env");
  if (!exe_path.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    // The executable's path is canonical, so ".." is just the parent directory.
    fs::path p = fs::path(exe_path).parent_path().parent_path() / "models" / "relevance-en.model";
    if (fs::is_regular_file(p, ec)) return {p.string(), "exe"};
  }
  return {"", "none"};
}

std::unique_ptr<TopicTagger> TopicTagger::load(const Taxonomy& taxonomy, TaggerOptions options) {
  const RelevanceModelChoice choice = options.relevance_model.empty()
                                          ? options.default_relevance_model
                                          : resolve_relevance_model(options.relevance_model, nullptr, "");
  options.relevance_model = choice.path.empty() ? "none" : choice.path;
  auto t = std::make_unique<TopicTagger>(taxonomy, std::move(options));
  if (!choice.path.empty()) t->relevance_source_ = choice.source;
  return t;
}

// Drops the topics that need drug context in a text without it, then the
// topics found through mentions alone when another remaining topic was found
// through a term: "executed for a kilo of cannabis" is about the death
// penalty, not about cannabis regulation.
void TopicTagger::drop_unsupported(std::vector<TopicHit>& out, bool context, const std::vector<uint8_t>& mention_only,
                                   const std::vector<uint8_t>& by_term) const {
  const auto& topics = taxonomy_.topics();
  auto gone = [&](size_t k) { return needs_context_ && !context && topics[out[k].topic].needs_context; };
  bool other_term = false;
  for (size_t k = 0; k < out.size(); ++k) other_term |= !gone(k) && by_term[k];
  size_t kept = 0;
  for (size_t k = 0; k < out.size(); ++k) {
    if (gone(k) || (other_term && mention_only[k])) continue;
    if (kept != k) out[kept] = std::move(out[k]);
    ++kept;
  }
  out.resize(kept);
}

void TopicTagger::add_model_hit(const std::vector<text::Token>& tokens, std::string_view lang,
                                std::vector<TopicHit>& out) const {
  if (!relevance_ || !relevance_->applies_to(lang)) return;
  auto it = std::find_if(out.begin(), out.end(), [&](const TopicHit& h) { return h.topic == relevance_topic_; });
  if (it != out.end()) {
    // The rules found it; the model may be surer.
    it->relevance = std::max(it->relevance, relevance_->probability(tokens));
    return;
  }
  if (!out.empty() && !options_.relevance_beside_other_topics) return;
  const double p = relevance_->probability(tokens);
  if (p < relevance_threshold_ || p < options_.min_relevance) return;
  // The model judges the whole text, so the topic's sentences are all of
  // them (its aspect sentiment is the text's).
  TopicHit hit;
  hit.topic = relevance_topic_;
  hit.id = taxonomy_.topics()[relevance_topic_].id;
  hit.relevance = p;
  uint32_t last = 0;
  for (const auto& t : tokens) last = std::max(last, t.sentence);
  hit.sentences.resize(last + 1);
  std::iota(hit.sentences.begin(), hit.sentences.end(), 0u);
  auto pos = std::find_if(out.begin(), out.end(), [&](const TopicHit& h) { return h.topic > relevance_topic_; });
  out.insert(pos, std::move(hit));
}

void TopicTagger::tag(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang,
                      text::StemmerSet& stemmers, std::vector<TopicHit>& out) const {
  out.clear();
  if (tokens.empty()) return;
  const Index::Lang* L = nullptr;
  std::string lang_key(lang);
  bool fallback = false;
  if (auto it = index_->langs.find(lang_key); it != index_->langs.end()) {
    L = &it->second;
  } else if (auto fb = index_->langs.find(options_.fallback_lang); fb != index_->langs.end()) {
    L = &fb->second;
    lang_key = options_.fallback_lang;
    fallback = true;
  }
  // Chinese runs are matched with the zh tables whatever the declared
  // language: a CJK run in an "und" or mislabelled post is still Chinese.
  const Index::Lang* Z = nullptr;
  if (auto it = index_->langs.find("zh"); it != index_->langs.end()) Z = &it->second;

  thread_local std::vector<RawHit> raw;
  thread_local std::vector<Match> matches;
  raw.clear();
  matches.clear();
  if (L != nullptr) L->matcher.match_words(tokens, lang_key, stemmers, matches);
  // Slang belongs to its language: English "OD" is Serbian and Polish "from".
  for (const Match& m : matches) {
    if (fallback && L->cls[m.pattern] == kSlang) continue;
    raw.push_back({L->topic[m.pattern], m.sentence, m.begin, m.end, L->cls[m.pattern]});
  }
  // Posts in a non-Latin script often carry Latin drug names and hashtags
  // ("fentanyl", #cannabis): the fallback (English) rules see those tokens
  // too. Latin-script languages are left alone ("pot" is not slang in French).
  if (L != nullptr && lang_key != options_.fallback_lang && non_latin(lang_key)) {
    if (auto fb = index_->langs.find(options_.fallback_lang); fb != index_->langs.end()) {
      const Index::Lang* F = &fb->second;
      matches.clear();
      F->matcher.match_words(tokens, options_.fallback_lang, stemmers, matches);
      for (const Match& m : matches) {
        if (F->cls[m.pattern] != kSlang) raw.push_back({F->topic[m.pattern], m.sentence, m.begin, m.end, F->cls[m.pattern]});
      }
    }
  }
  if (Z != nullptr) {
    matches.clear();
    Z->matcher.match_cjk(text, tokens, matches);
    for (const Match& m : matches) raw.push_back({Z->topic[m.pattern], m.sentence, m.begin, m.end, Z->cls[m.pattern]});
  }
  if (raw.empty()) {
    add_model_hit(tokens, lang, out);
    return;
  }

  // Group by topic, then sentence (sentence_weight applies the exclusions).
  std::sort(raw.begin(), raw.end(), [](const RawHit& a, const RawHit& b) {
    if (a.topic != b.topic) return a.topic < b.topic;
    return a.sentence != b.sentence ? a.sentence < b.sentence : a.begin < b.begin;
  });
  const auto& topics = taxonomy_.topics();
  bool context = false;
  // Slang of one topic beside a term of another is two independent signs of
  // a drug text ("dealers belong in prison", "where dealers hang"), though
  // either alone is not: counted below when no context word was found.
  size_t slang_topics = 0, term_topics = 0;
  // Per hit of out: whether it rests on mentions alone, and whether a term found it.
  thread_local std::vector<uint8_t> mention_only, by_term;
  mention_only.clear();
  by_term.clear();
  size_t i = 0;
  while (i < raw.size()) {
    uint32_t topic = raw[i].topic;
    double weight = 0;
    bool any_term = false, any_mention = false, any_own = false, any_cue = false;
    TopicHit hit;
    while (i < raw.size() && raw[i].topic == topic) {
      uint32_t sentence = raw[i].sentence;
      size_t j = i;
      while (j < raw.size() && raw[j].topic == topic && raw[j].sentence == sentence) ++j;
      SentenceFlags f;
      const double w = sentence_weight(raw, i, j, options_.term_weight, options_.slang_weight, f);
      any_term |= f.term;
      any_mention |= f.mention;
      any_own |= f.own;
      any_cue |= f.cue;
      if (w > 0) {
        weight += w;
        hit.sentences.push_back(sentence);
      }
      i = j;
    }
    if (weight <= 0) continue;
    // A mention with a cue ("cannabis" ... "legal") is as good as a term.
    if (any_mention && any_cue) any_term = any_own = true;
    if (topic == kContextTopic) {
      context = true;
      continue;
    }
    if (!any_term && !any_mention) ++slang_topics;
    else if (any_term) ++term_topics;
    // Slang alone is too ambiguous to say the text is about drugs.
    if (!topics[topic].needs_context && (any_term || any_mention)) context = true;
    hit.relevance = 1.0 - std::exp(-weight);
    if (hit.relevance < options_.min_relevance) continue;
    hit.topic = topic;
    hit.id = topics[topic].id;
    out.push_back(std::move(hit));
    mention_only.push_back(!any_own);
    by_term.push_back(any_term);
  }
  if (slang_topics > 0 && term_topics > 0) context = true;
  drop_unsupported(out, context, mention_only, by_term);
  add_model_hit(tokens, lang, out);
}

std::optional<double> aspect_sentiment(const TopicHit& hit, std::span<const double> sentence_compounds) {
  double sum = 0;
  size_t n = 0;
  for (uint32_t s : hit.sentences) {
    if (s < sentence_compounds.size()) {
      sum += sentence_compounds[s];
      ++n;
    }
  }
  if (n == 0) return std::nullopt;
  return sum / double(n);
}

std::vector<schema::TopicValue> topic_values(const std::vector<TopicHit>& hits,
                                             std::span<const schema::SentenceValue> sentences) {
  std::vector<schema::TopicValue> out;
  out.reserve(hits.size());
  for (const TopicHit& h : hits) {
    schema::TopicValue v;
    v.id = std::string(h.id);
    v.relevance = h.relevance;
    double sum = 0;
    size_t n = 0;
    for (uint32_t s : h.sentences) {
      if (s < sentences.size()) {
        sum += sentences[s].compound;
        ++n;
      }
    }
    if (n > 0) v.sentiment = sum / double(n);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace vigie::topics
