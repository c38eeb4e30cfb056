#include "analytics/analyzer.h"

#include "core/schema.h"
#include "core/text/langid.h"

namespace vigie::analytics {

// Bumped whenever the analysis of a document changes in a way that makes old
// and new documents disagree (tokenisation, folding, stemming choices).
constexpr const char* kAnalyzerVersion = "1";

struct Analyzer::Impl {
  AnalyzerOptions options;
};

Analyzer::Analyzer(const AnalyzerOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}

Analyzer::~Analyzer() = default;

void Analyzer::analyze(const Record& record, Workspace& ws, Analysis& out) const {
  out.tokens.clear();
  out.sentences.clear();
  out.sentence_scores.clear();
  out.topics.clear();
  out.stance.clear();
  out.has_sentiment = false;
  out.compound = 0;
  out.label.clear();
  out.cluster = 0;
  out.simhash = 0;

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
}

std::map<std::string, std::string> Analyzer::versions() const {
  std::map<std::string, std::string> v;
  v[std::string(schema::meta::kAnalyzerVersion)] = kAnalyzerVersion;
  return v;
}

}  // namespace vigie::analytics
