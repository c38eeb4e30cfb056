// Topic tagging: which taxonomy topics a document talks about, how strongly,
// and in which sentences; plus topic-level ("aspect") sentiment.
//
// Owns: the compiled matching rules of a Taxonomy (hash tables of first
// words, prefixes and stems per language; CJK substring tables).
// Thread safety: a TopicTagger is immutable after construction and may be
// shared by all threads. tag() takes the caller's per-thread StemmerSet and
// uses only thread_local scratch space.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/topics/taxonomy.h"
#include "core/schema.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::topics {

struct TopicHit {
  std::string_view id;  // the topic id; points into the tagger, valid while it lives
  uint32_t topic = 0;   // index into Taxonomy::topics()
  double relevance = 0;  // (0, 1]: 1 - exp(-weighted mentions); see TaggerOptions
  std::vector<uint32_t> sentences;  // sorted, distinct Token::sentence values
};

struct TaggerOptions {
  // Weight of one mention matched by a term or stem rule, and by a slang rule
  // (slang is ambiguous, so one "weed" alone says less than one "cannabis").
  double term_weight = 1.0;
  double slang_weight = 0.5;
  // Hits below this relevance are dropped. The default keeps a single slang
  // mention (relevance 0.39) and so every match.
  double min_relevance = 0.0;
  // Rules used for a language the taxonomy has no rules for ("und", "de"...),
  // and in addition to the language's own rules for non-Latin-script
  // languages (ar, ru, zh...), whose posts carry Latin names and hashtags.
  // Its slang is not used for other languages (English "OD" is Serbian "from").
  std::string fallback_lang = "en";
};

class TopicTagger {
 public:
  // Compiles the taxonomy (index_form and stems every rule word). Throws
  // vigie::Error when a rule is unusable (e.g. a prefix shorter than 3 bytes,
  // which would match half the vocabulary).
  explicit TopicTagger(const Taxonomy& taxonomy, TaggerOptions options = {});
  ~TopicTagger();
  TopicTagger(const TopicTagger&) = delete;
  TopicTagger& operator=(const TopicTagger&) = delete;

  // Tags one document. text is what tokens were cut from (CJK runs are
  // matched on its bytes); tokens come from text::Segmenter::tokenize with
  // sentences on; lang is an ISO 639-1 code or "und". Clears out and fills it
  // with one hit per topic found, in taxonomy order.
  void tag(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang,
           text::StemmerSet& stemmers, std::vector<TopicHit>& out) const;

  const Taxonomy& taxonomy() const { return taxonomy_; }

 private:
  struct Index;
  Taxonomy taxonomy_;
  TaggerOptions options_;
  std::unique_ptr<Index> index_;
  bool needs_context_ = false;
};

// Aspect sentiment of one topic: the mean compound of the sentences that
// mention it. nullopt when none of its sentences has a compound (index out
// of range), e.g. when sentiment was off.
std::optional<double> aspect_sentiment(const TopicHit& hit, std::span<const double> sentence_compounds);

// The value-slot form of a document's hits (schema::encode_topics), with the
// aspect sentiment of each; sentences[i] is the score of sentence i. Pass an
// empty span when there is no sentiment.
std::vector<schema::TopicValue> topic_values(const std::vector<TopicHit>& hits,
                                             std::span<const schema::SentenceValue> sentences);

}  // namespace vigie::topics
