// What the query commands (search, trends, report) share beyond their
// options: where the saved queries are, and the taxonomy's topic ids that
// make topic: a closed field.
#include <cstdlib>
#include <filesystem>

#include "analytics/sentiment/sentiment.h"
#include "analytics/topics/taxonomy.h"
#include "app/command.h"

namespace vigie::app {

std::string saved_queries_file(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("VIGIE_QUERIES"); env && *env) return env;
  return (std::filesystem::path(corpora_dir()) / "queries" / "saved.json").string();
}

reports::SentimentBands sentiment_bands() {
  // The lexicon scorer only: the bands come from the rules, no model needed.
  return reports::SentimentBands::from(sentiment::Scorer::load(corpora_dir(), "lexicon")->bands());
}

std::string default_taxonomy_file() {
  return (std::filesystem::path(corpora_dir()) / "taxonomy" / "drug-policy.json").string();
}

std::string default_accuracy_file() {
  return (std::filesystem::path(corpora_dir()) / "sentiment" / "accuracy.json").string();
}

std::vector<std::string> taxonomy_topic_ids(const std::string& taxonomy_file) {
  const auto tax = topics::Taxonomy::load(taxonomy_file.empty() ? default_taxonomy_file() : taxonomy_file);
  std::vector<std::string> ids;
  for (const auto& t : tax.topics()) ids.push_back(t.id);
  return ids;
}

}  // namespace vigie::app
