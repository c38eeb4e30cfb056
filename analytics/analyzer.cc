#include "analytics/analyzer.h"

#include <algorithm>

#include "analytics/dedup/dedup.h"
#include "analytics/sentiment/sentiment.h"
#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "core/schema.h"
#include "core/text/langid.h"

namespace vigie::analytics {

// Bumped whenever the analysis of a document changes in a way that makes old
// and new documents disagree (tokenisation, folding, stemming choices).
constexpr const char* kAnalyzerVersion = "2";

struct Analyzer::Impl {
  AnalyzerOptions options;
  std::shared_ptr<const sentiment::Scorer> scorer;
  std::unique_ptr<topics::TopicTagger> tagger;
  std::unique_ptr<topics::StanceClassifier> stance;
  std::shared_ptr<const sentiment::DomainLexicon> domain;
};

Analyzer::Analyzer(const AnalyzerOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  if (options.sentiment) impl_->scorer = sentiment::Scorer::load(options.data_dir, options.sentiment_model);
  if (options.topics) {
    const std::string taxonomy = options.taxonomy_file.empty()
                                     ? options.data_dir + "/taxonomy/drug-policy.json"
                                     : options.taxonomy_file;
    topics::TaggerOptions to;
    to.relevance_model = options.relevance_model;
    to.default_relevance_model = options.relevance_default;
    impl_->tagger = topics::TopicTagger::load(topics::Taxonomy::load(taxonomy), to);
    topics::StanceOptions so;
    so.model_file = options.stance_model;
    so.default_model = options.stance_default;
    impl_->stance = topics::StanceClassifier::load(options.data_dir + "/stance", so);
  }
  if (options.sentiment && options.topics && options.domain_sentiment)
    impl_->domain = sentiment::DomainLexicon::load(options.data_dir + "/sentiment/domain");
}

namespace {

// Sentence spans from the tokens' sentence indices: first token begin to
// last token end (cheaper than a second ICU pass, and exactly the text the
// sentence's score is computed from).
void sentence_spans(const std::vector<text::Token>& tokens, std::vector<text::Span>& out) {
  out.clear();
  for (const auto& t : tokens) {
    if (t.sentence >= out.size()) out.resize(t.sentence + 1, text::Span{t.begin, t.end});
    auto& s = out[t.sentence];
    s.begin = std::min(s.begin, t.begin);
    s.end = std::max(s.end, t.end);
  }
}

}  // namespace

Analyzer::~Analyzer() = default;

void Analyzer::analyze(const Record& record, Workspace& ws, Analysis& out) const {
  out.tokens.clear();
  out.sentences.clear();
  out.sentence_scores.clear();
  out.topics.clear();
  out.stance.clear();
  out.stance_lean.clear();
  out.has_sentiment = false;
  out.compound = 0;
  out.general_compound = 0;
  out.domain_adjusted = false;
  out.domain = {};
  out.label.clear();
  out.cluster = 0;
  out.simhash = 0;
  out.near = {};
  out.near_bands.clear();

  out.analysed_text.clear();
  out.title_bytes = 0;
  if (!record.title.empty() && record.title != record.text) {
    out.analysed_text.append(record.title).append("\n\n");
    out.title_bytes = static_cast<uint32_t>(record.title.size());
  }
  out.analysed_text.append(record.text);
  if (!record.title.empty() && record.title == record.text) {
    out.title_bytes = static_cast<uint32_t>(record.text.size());
  }

  out.lang = text::resolve_language(record.lang, out.analysed_text);
  ws.segmenter.tokenize(out.analysed_text, out.tokens, /*sentences=*/true);
  sentence_spans(out.tokens, out.sentences);

  if (impl_->scorer) {
    const auto score = impl_->scorer->score(out.analysed_text, out.tokens, out.lang);
    out.has_sentiment = true;
    out.compound = score.compound;
    out.label = std::string(sentiment::label_name(score.label));
    if (out.sentences.size() > 1) {
      impl_->scorer->score_sentences(out.analysed_text, out.tokens, out.sentences.size(), out.lang,
                                     ws.sentence_compounds);
      for (size_t i = 0; i < out.sentences.size(); ++i)
        out.sentence_scores.push_back({out.sentences[i].begin, out.sentences[i].end, ws.sentence_compounds[i]});
    } else if (out.sentences.size() == 1) {
      out.sentence_scores.push_back({out.sentences[0].begin, out.sentences[0].end, score.compound});
    }
  }

  if (impl_->tagger) {
    impl_->tagger->tag(out.analysed_text, out.tokens, out.lang, ws.stemmers, ws.topic_hits);
    out.general_compound = out.compound;
    // A domain rule or the stance's tone moved the score: the label follows
    // the language's bands, and a one-sentence text's sentence with it.
    auto rescore = [&](double c) {
      if (c == out.compound) return;
      out.compound = c;
      out.label = std::string(sentiment::label_name(impl_->scorer->label_for(c, out.lang)));
      if (out.sentence_scores.size() == 1) out.sentence_scores[0].compound = c;
    };
    if (impl_->domain && out.has_sentiment && !ws.topic_hits.empty() && impl_->domain->has_language(out.lang)) {
      out.domain = impl_->domain->analyse(out.analysed_text, out.tokens, out.lang);
      const auto th = impl_->scorer->thresholds(out.lang);
      rescore(sentiment::DomainLexicon::adjust(out.compound, out.domain, th.positive, th.negative));
      out.domain_adjusted = true;
    }
    out.topics = topics::topic_values(ws.topic_hits, out.sentence_scores);
    const auto st = impl_->stance->classify(out.analysed_text, out.tokens, out.lang, ws.topic_hits, ws.stemmers);
    out.stance = std::string(topics::stance_name(st.label));
    out.stance_score = st.score;
    out.stance_lean = std::string(topics::stance_name(st.lean));
    if (out.domain_adjusted && impl_->domain->stance_tone(out.lang)) {
      const auto th = impl_->scorer->thresholds(out.lang);
      rescore(sentiment::DomainLexicon::toned(out.compound, st.tone, th.positive, th.negative));
    }
  }

  if (impl_->options.dedup) {
    out.cluster = dedup::cluster_key(out.analysed_text, out.tokens);
    out.simhash = dedup::simhash(out.tokens);
    out.near = dedup::near_signature(out.tokens);
    out.near_bands = dedup::near_bands(out.near);
  }
}

std::map<std::string, std::string> Analyzer::versions() const {
  std::map<std::string, std::string> v;
  v[std::string(schema::meta::kAnalyzerVersion)] = kAnalyzerVersion;
  if (impl_->scorer) {
    v[std::string(schema::meta::kSentimentModel)] = impl_->scorer->version();
    // The bands the labels are given by, so that readers label aspect
    // scores alike whichever scorer wrote the index.
    v[std::string(schema::meta::kSentimentBands)] = schema::encode_sentiment_bands(impl_->scorer->bands());
  }
  if (impl_->tagger) {
    v[std::string(schema::meta::kTaxonomyVersion)] = impl_->tagger->taxonomy().version();
    v["vigie.stance_model"] = impl_->stance->version();
    v["vigie.relevance_model"] = impl_->tagger->relevance_version();
    if (impl_->domain) v["vigie.sentiment_domain"] = impl_->domain->version();
  }
  return v;
}

}  // namespace vigie::analytics
