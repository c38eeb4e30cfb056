// vigie topics: list the drug-policy taxonomy, or tag texts with it (topics,
// stance, near-duplicate cluster) without building an index.
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "analytics/dedup/dedup.h"
#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "app/command.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/text/langid.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::app {
namespace {

void list_json(const topics::Taxonomy& tax, std::ostream& out) {
  std::string s;
  json::JsonWriter w(s);
  w.begin_array();
  for (const auto& t : tax.topics()) {
    w.begin_object();
    w.key("id").value(t.id);
    w.key("group").value(t.group);
    w.key("label").begin_object();
    for (const auto& [lang, label] : t.labels) w.key(lang).value(label);
    w.end_object();
    w.key("languages").begin_array();
    for (const auto& l : t.languages()) w.value(l);
    w.end_array();
    w.key("needs_context").value(t.needs_context);
    w.end_object();
  }
  w.end_array();
  out << s << "\n";
}

void list_text(const topics::Taxonomy& tax, std::ostream& out) {
  out << "taxonomy " << tax.version() << ", " << tax.topics().size() << " topics\n";
  for (const auto& t : tax.topics()) {
    out << "  " << t.id << std::string(t.id.size() < 26 ? 26 - t.id.size() : 1, ' ') << t.group
        << std::string(t.group.size() < 16 ? 16 - t.group.size() : 1, ' ') << t.label("en") << "  [";
    bool first = true;
    for (const auto& l : t.languages()) {
      out << (first ? "" : " ") << l;
      first = false;
    }
    out << "]\n";
  }
}

// One JSON object per input line: what the analyzer would store.
int tag_lines(const topics::Taxonomy& tax, const std::string& stance_dir, const topics::StanceOptions& sopts,
              const std::string& input, const std::string& lang_opt, std::ostream& out) {
  topics::TopicTagger tagger(tax);
  auto stance = topics::StanceClassifier::load(stance_dir, sopts);
  std::ifstream file;
  std::istream* in = &std::cin;
  if (input != "-") {
    file.open(input, std::ios::binary);
    if (!file) throw UsageError("cannot open " + input);
    in = &file;
  }
  text::Segmenter segmenter;
  text::StemmerSet stemmers;
  std::vector<text::Token> tokens;
  std::vector<topics::TopicHit> hits;
  std::string line, s;
  while (std::getline(*in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    tokens.clear();
    segmenter.tokenize(line, tokens, true);
    std::string lang = lang_opt.empty() ? text::resolve_language("", line) : lang_opt;
    tagger.tag(line, tokens, lang, stemmers, hits);
    topics::Stance st = stance->classify(line, tokens, lang, hits, stemmers);
    s.clear();
    json::JsonWriter w(s);
    w.begin_object();
    w.key("lang").value(lang);
    w.key("topics").begin_object();
    for (const auto& h : hits) w.key(h.id).fixed(h.relevance, 3);
    w.end_object();
    w.key("stance").value(topics::stance_name(st.label));
    w.key("stance_score").fixed(st.score, 3);
    w.key("stance_evidence").fixed(st.evidence, 3);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(dedup::cluster_key(line, tokens)));
    w.key("cluster").value(std::string_view(hex));
    w.end_object();
    out << s << "\n";
  }
  return kExitOk;
}

// Trains a LinearStanceModel on "label<TAB>text" lines (label: reform,
// prohibition or none) and writes it to model_out.
int train_stance(const topics::Taxonomy& tax, const std::string& stance_dir, const topics::StanceOptions& sopts,
                 const std::string& input, const std::string& lang_opt, const std::string& model_out) {
  topics::TopicTagger tagger(tax);
  topics::StanceOptions cues_only = sopts;
  cues_only.model_file.clear();
  auto stance = topics::StanceClassifier::load(stance_dir, cues_only);
  std::ifstream in(input, std::ios::binary);
  if (!in) throw UsageError("cannot open " + input);
  text::Segmenter segmenter;
  text::StemmerSet stemmers;
  std::vector<topics::TopicHit> hits;
  std::vector<topics::StanceTrainExample> examples;
  std::string line;
  uint64_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    std::string label = line.substr(0, tab);
    int y = label == "none" ? 0 : label == "reform" ? 1 : label == "prohibition" ? 2 : -1;
    if (tab == std::string::npos || y < 0)
      throw Error(input + ":" + std::to_string(lineno) + ": expected 'reform|prohibition|none<TAB>text'");
    std::string text = line.substr(tab + 1);
    topics::StanceTrainExample e;
    segmenter.tokenize(text, e.tokens, true);
    std::string lang = lang_opt.empty() ? text::resolve_language("", text) : lang_opt;
    tagger.tag(text, e.tokens, lang, stemmers, hits);
    e.cues = stance->cue_features(text, e.tokens, lang, hits, stemmers);
    e.label = y;
    examples.push_back(std::move(e));
  }
  auto model = topics::LinearStanceModel::train(examples);
  model.save(model_out);
  std::cerr << "trained a stance model on " << examples.size() << " examples -> " << model_out << "\n";
  return kExitOk;
}

int run_topics(int argc, char** argv) {
  CliSpec spec;
  spec.usage =
      "vigie topics [--json] [--taxonomy FILE] [--tag FILE|- [--lang LANG] [--stance DIR] [--stance-model FILE]]\n"
      "       vigie topics --train-stance TSV --model-out FILE [--lang LANG]";
  spec.description =
      "Lists the drug-policy topics of the taxonomy that `vigie index` tags documents with (filter them with\n"
      "topic:<id> in search). With --tag, reads one text per line and prints, per line, one JSON object with\n"
      "the language, the topics found (id -> relevance in [0,1]), the stance toward drug-policy reform\n"
      "(reform | prohibition | none) and the near-duplicate cluster key, as the indexer would store them.\n"
      "With --train-stance, trains a local stance model (logistic regression over words and the cue lexicons'\n"
      "evidence) on your labelled lines; no learned model is shipped.";
  spec.epilog =
      "Examples:\n"
      "  vigie topics                               table of topics, groups and languages\n"
      "  vigie topics --json                        [{id, group, label: {lang: text}, languages}, ...]\n"
      "  vigie topics --taxonomy my-topics.json     check and list your own taxonomy file\n"
      "  echo 'We should not legalize cannabis' | vigie topics --tag - --lang en\n"
      "  vigie topics --train-stance labelled.tsv --model-out stance.model --lang en\n"
      "  vigie topics --tag sentences.txt --lang en --stance-model stance.model\n"
      "\n"
      "The taxonomy format is described in corpora/taxonomy/README.md; the stance cue lexicons in\n"
      "corpora/stance/README.md.\n"
      "Exit status: 0 ok, 1 unreadable or invalid taxonomy/lexicon, 2 usage error (e.g. missing file).";
  po::options_description opts("Options");
  std::string taxonomy_file, tag_input, lang, stance_dir, train_input, model_out;
  topics::StanceOptions sopts;
  opts.add_options()
      ("json", "print the topic list as JSON instead of a table")
      ("taxonomy", po::value(&taxonomy_file),
       "taxonomy file (default: <data dir>/taxonomy/drug-policy.json; data dir = $VIGIE_DATA_DIR or the "
       "installed corpora)")
      ("tag", po::value(&tag_input), "tag each line of FILE ('-' = standard input) and print JSON lines")
      ("lang", po::value(&lang),
       "with --tag: language of every line (ISO 639-1, e.g. en); default: detect per line with CLD2")
      ("stance", po::value(&stance_dir), "with --tag: stance lexicon directory (default: <data dir>/stance)")
      ("stance-threshold", po::value(&sopts.threshold)->default_value(sopts.threshold),
       "with --tag: |cue evidence| needed for reform/prohibition in a text with a drug-policy topic")
      ("stance-off-topic", po::value(&sopts.off_topic_threshold)->default_value(sopts.off_topic_threshold),
       "with --tag: |cue evidence| needed in a text without any topic")
      ("negation-window", po::value(&sopts.negation_window)->default_value(sopts.negation_window),
       "with --tag: tokens between a negator (not, oppose, reduce...) and the cue it flips")
      ("stance-model", po::value(&sopts.model_file), "with --tag: a model trained with --train-stance")
      ("train-stance", po::value(&train_input),
       "train a stance model on TSV lines 'reform|prohibition|none<TAB>text' (needs --model-out)")
      ("model-out", po::value(&model_out), "with --train-stance: where to write the model");
  po::positional_options_description pos;
  po::variables_map vm;
  if (!parse(argc, argv, spec, opts, pos, vm)) return kExitOk;
  if (!vm.count("tag") && !vm.count("train-stance") &&
      (vm.count("lang") || vm.count("stance") || !vm["stance-threshold"].defaulted() ||
                           !vm["stance-off-topic"].defaulted() || !vm["negation-window"].defaulted()))
    throw UsageError("--lang and the stance options only apply with --tag or --train-stance");
  if (taxonomy_file.empty()) taxonomy_file = corpora_dir() + "/taxonomy/drug-policy.json";
  if (!lang.empty()) {
    std::string norm = text::normalize_lang_tag(lang);
    if (norm.empty()) throw UsageError("--lang: unknown language '" + lang + "'");
    lang = norm;
  }
  if (vm.count("train-stance") && vm.count("tag")) throw UsageError("--train-stance and --tag are exclusive");
  if (vm.count("train-stance") != vm.count("model-out")) throw UsageError("--train-stance needs --model-out");
  if (vm.count("stance-model") && !vm.count("tag")) throw UsageError("--stance-model only applies with --tag");
  topics::Taxonomy tax = topics::Taxonomy::load(taxonomy_file);
  if (vm.count("train-stance")) {
    if (stance_dir.empty()) stance_dir = corpora_dir() + "/stance";
    return train_stance(tax, stance_dir, sopts, train_input, lang, model_out);
  }
  if (vm.count("tag")) {
    if (stance_dir.empty()) stance_dir = corpora_dir() + "/stance";
    if (!(sopts.threshold > 0) || !(sopts.off_topic_threshold > 0) || sopts.negation_window < 0)
      throw UsageError("--stance-threshold and --stance-off-topic must be > 0, --negation-window >= 0");
    return tag_lines(tax, stance_dir, sopts, tag_input, lang, std::cout);
  }
  if (vm.count("json")) list_json(tax, std::cout);
  else list_text(tax, std::cout);
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("topics", "list the drug-policy topics; tag texts with topics and stance", run_topics);

}  // namespace vigie::app
