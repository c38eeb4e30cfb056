// The document analyzer: everything Vigie computes about one record on the
// way into the index, composed from the analytics components:
//   language (core/text/langid) -> tokens and sentences (core/text/segment)
//   -> sentiment (analytics/sentiment) -> topics, topic sentiment, stance
//   (analytics/topics) -> near-duplicate signature (analytics/dedup).
//
// Thread safety: an Analyzer is immutable after construction and shared by
// all threads; each thread passes its own Workspace (ICU iterators, stemmer
// cache, scratch buffers).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analytics/dedup/dedup.h"
#include "analytics/sentiment/domain.h"
#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::analytics {

struct AnalyzerOptions {
  // Directory holding lexicons, models and the taxonomy (the repository's
  // corpora/ by default; see app/ for how it is located).
  std::string data_dir;
  // Taxonomy file; empty = <data_dir>/taxonomy/drug-policy.json.
  std::string taxonomy_file;
  // Sentiment model name; empty = the default for each language.
  std::string sentiment_model;
  // A stance model trained locally (vigie topics --train-stance); empty =
  // stance_default; "none" = the cue lexicons only.
  std::string stance_model;
  // The stance model when stance_model is empty, as the application
  // resolved it at start-up (app/locations.h); default: the cue lexicons.
  topics::StanceModelChoice stance_default{"", "none"};
  // A topic relevance model trained locally (vigie topics --train-relevance);
  // empty = relevance_default; "none" = the rules only.
  std::string relevance_model;
  // The relevance model when relevance_model is empty, as the application
  // resolved it at start-up; default: the taxonomy's rules.
  topics::RelevanceModelChoice relevance_default{"", "none"};
  bool sentiment = true;
  bool topics = true;
  // Drug-policy sentiment rules (analytics/sentiment/domain.h) on texts that
  // have a drug-policy topic; needs sentiment and topics.
  bool domain_sentiment = true;
  bool dedup = true;
};

struct Analysis {
  std::string lang;                 // resolved language, "und" if unknown
  std::vector<text::Token> tokens;  // tokens of title + "\n\n" + text
  std::vector<text::Span> sentences;
  std::string analysed_text;        // title + "\n\n" + text (offsets refer to it)
  uint32_t title_bytes = 0;         // tokens starting before this are title words
  bool has_sentiment = false;
  double compound = 0;              // [-1, 1]
  std::string label;                // positive | neutral | negative
  std::vector<schema::SentenceValue> sentence_scores;
  double general_compound = 0;      // the general scorer's compound, before the domain rules
  bool domain_adjusted = false;     // the domain rules ran (the text has a drug-policy topic)
  sentiment::DomainAnalysis domain; // their evidence
  std::vector<schema::TopicValue> topics;
  std::string stance;               // reform | prohibition | none ("" when not computed)
  std::string stance_lean;          // the side the text leans to, even too weakly for a stance
  double stance_score = 0;
  uint64_t cluster = 0;             // near-duplicate cluster key (0 = not computed)
  uint64_t simhash = 0;
  dedup::NearSig near;              // edited-copy signature (has_content false = not computed)
  std::vector<uint64_t> near_bands;  // dedup::near_bands(near): the index's band terms
};

class Analyzer {
 public:
  explicit Analyzer(const AnalyzerOptions& options);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Per-thread state. Cheap to create; create one per worker thread.
  struct Workspace {
    text::Segmenter segmenter;
    text::StemmerSet stemmers;
    std::vector<double> sentence_compounds;  // scratch
    std::vector<topics::TopicHit> topic_hits;  // scratch
  };

  void analyze(const Record& record, Workspace& ws, Analysis& out) const;

  // Versions of everything that shapes the index, for the database metadata
  // (schema::meta keys -> value).
  std::map<std::string, std::string> versions() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigie::analytics
