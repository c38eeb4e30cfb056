#include "analytics/topics/tagger.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "analytics/topics/rules.h"
#include "core/errors.h"

namespace vigie::topics {

namespace {

enum RuleClass : uint8_t { kTerm = 0, kSlang = 1, kExclude = 2 };

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
      auto add = [&](const std::vector<std::string>& entries, RuleClass cls, bool stem) {
        for (const std::string& e : entries) {
          uint32_t id = L.matcher.add(e, lang, stem, stemmers, name + "." + lang);
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
    }
  };
  for (uint32_t t = 0; t < topics.size(); ++t) {
    compile(t, topics[t].id, topics[t].rules);
    needs_context_ |= topics[t].needs_context;
  }
  compile(kContextTopic, "context", taxonomy_.context());
}

TopicTagger::~TopicTagger() = default;

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
  if (raw.empty()) return;

  // Group by topic, then sentence. An exclusion cancels the hits of its topic
  // that overlap it ("pot roast", 大麻烦) and the slang of its topic in its
  // sentence ("weed" near "garden").
  std::sort(raw.begin(), raw.end(), [](const RawHit& a, const RawHit& b) {
    if (a.topic != b.topic) return a.topic < b.topic;
    return a.sentence != b.sentence ? a.sentence < b.sentence : a.begin < b.begin;
  });
  const auto& topics = taxonomy_.topics();
  bool context = false;
  size_t i = 0;
  while (i < raw.size()) {
    uint32_t topic = raw[i].topic;
    double weight = 0;
    bool any_term = false;
    TopicHit hit;
    while (i < raw.size() && raw[i].topic == topic) {
      uint32_t sentence = raw[i].sentence;
      size_t j = i;
      bool excluded = false;
      while (j < raw.size() && raw[j].topic == topic && raw[j].sentence == sentence) {
        excluded |= raw[j].cls == kExclude;
        ++j;
      }
      double w = 0;
      bool term = false;
      for (size_t k = i; k < j; ++k) {
        const RawHit& h = raw[k];
        if (h.cls == kExclude) continue;
        if (h.cls == kSlang && excluded) continue;
        bool overlapped = false;
        if (excluded) {
          for (size_t x = i; x < j && !overlapped; ++x)
            overlapped = raw[x].cls == kExclude && raw[x].begin < h.end && h.begin < raw[x].end;
        }
        if (overlapped) continue;
        w += h.cls == kTerm ? options_.term_weight : options_.slang_weight;
        term |= h.cls == kTerm;
      }
      any_term |= term;
      if (w > 0) {
        weight += w;
        hit.sentences.push_back(sentence);
      }
      i = j;
    }
    if (weight <= 0) continue;
    if (topic == kContextTopic) {
      context = true;
      continue;
    }
    // Slang alone is too ambiguous to say the text is about drugs.
    if (!topics[topic].needs_context && any_term) context = true;
    hit.relevance = 1.0 - std::exp(-weight);
    if (hit.relevance < options_.min_relevance) continue;
    hit.topic = topic;
    hit.id = topics[topic].id;
    out.push_back(std::move(hit));
  }
  if (needs_context_ && !context) {
    std::erase_if(out, [&](const TopicHit& h) { return topics[h.topic].needs_context; });
  }
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
