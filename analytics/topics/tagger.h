// Topic tagging: which taxonomy topics a document talks about, how strongly,
// and in which sentences; plus topic-level ("aspect") sentiment.
//
// Owns: the compiled matching rules of a Taxonomy (hash tables of first
// words, prefixes and stems per language; CJK substring tables).
// Also owns the optional learned relevance model (relevance_model.h).
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

// Where a relevance model comes from. The application resolves the default
// once at start-up (app/locations.h: $VIGIE_RELEVANCE_MODEL, an installed
// vigie's local models, <vigie dir>/../models/relevance-en.model) and
// passes it in TaggerOptions::default_relevance_model; the library reads
// no environment.
struct RelevanceModelChoice {
  std::string path;    // empty = rules only
  std::string source;  // "option" | "env" | "installed" | "exe" | "none"
};
// The choice, in this order: option (--relevance-model FILE; "none" = rules
// only), env_value ($VIGIE_RELEVANCE_MODEL, same values; nullptr = unset),
// <directory of exe_path>/../models/relevance-en.model if it exists (empty
// = unknown), else none.
RelevanceModelChoice resolve_relevance_model(const std::string& option, const char* env_value,
                                             const std::string& exe_path);

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
  // Optional learned relevance model (relevance_model.h) trained by the user
  // (`vigie topics --train-relevance`, scripts/train-local-models). For texts
  // in the model's language it adds the model's topic when the rules did not
  // find it and the model's probability reaches its threshold; the topic's
  // relevance is then the larger of the rules' and the model's. The
  // constructor loads exactly this file ("" or "none" = rules only);
  // TopicTagger::load() uses default_relevance_model for "".
  std::string relevance_model;
  // TopicTagger::load()'s model when relevance_model is empty, as the
  // application resolved it (resolve_relevance_model); default: rules only.
  RelevanceModelChoice default_relevance_model{"", "none"};
  // Decision threshold for the model's probability; <= 0 = the one stored in
  // the model (chosen by cross-validation when it was trained).
  double relevance_threshold = 0;
  // Whether the model may add its topic to a text in which the rules found
  // other topics but not this one. Off by default: such a text is about
  // drugs, and the rules saw what it is about (naloxone, fentanyl, drug
  // courts) without seeing cannabis; the model, which learnt "drug policy
  // talk" from cannabis debates, would tag a quarter of them (measured in
  // benchmarks/results/topics.md), while the rules-with-other-topics case
  // is 2% of UKP's cannabis arguments.
  bool relevance_beside_other_topics = false;
};


class LinearRelevanceModel;

class TopicTagger {
 public:
  // Compiles the taxonomy (index_form and stems every rule word). Throws
  // vigie::Error when a rule is unusable (e.g. a prefix shorter than 3 bytes,
  // which would match half the vocabulary).
  // Loads options.relevance_model when it names a file (UsageError when it is
  // missing, vigie::Error when it is malformed or its topic is not in the
  // taxonomy).
  explicit TopicTagger(const Taxonomy& taxonomy, TaggerOptions options = {});
  // As the constructor, with the relevance model options.relevance_model
  // names, else options.default_relevance_model: what `vigie index`,
  // `vigie score` and `vigie topics --tag` use.
  static std::unique_ptr<TopicTagger> load(const Taxonomy& taxonomy, TaggerOptions options = {});
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

  // "none", or "relevance-<topic>-<lang>-<hash of the model file>" for the
  // index metadata (vigie.relevance_model).
  const std::string& relevance_version() const { return relevance_version_; }
  // The model file in use ("" = rules only) and where the choice came from
  // (RelevanceModelChoice::source; "option" for the constructor).
  const std::string& relevance_model_file() const { return relevance_file_; }
  const std::string& relevance_source() const { return relevance_source_; }
  // The threshold in force (0 without a model).
  double relevance_threshold() const { return relevance_threshold_; }

 private:
  struct Index;
  void add_model_hit(const std::vector<text::Token>& tokens, std::string_view lang, std::vector<TopicHit>& out) const;
  void drop_unsupported(std::vector<TopicHit>& out, bool context, const std::vector<uint8_t>& mention_only,
                        const std::vector<uint8_t>& by_term) const;
  Taxonomy taxonomy_;
  TaggerOptions options_;
  std::unique_ptr<Index> index_;
  bool needs_context_ = false;
  std::unique_ptr<LinearRelevanceModel> relevance_;
  uint32_t relevance_topic_ = 0;  // index into taxonomy_.topics() of the model's topic
  double relevance_threshold_ = 0;
  std::string relevance_version_ = "none";
  std::string relevance_file_;
  std::string relevance_source_ = "none";
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
