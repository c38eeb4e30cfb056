// vigie topics: list the drug-policy taxonomy, or tag texts with it (topics,
// stance, near-duplicate cluster) without building an index.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "analytics/dedup/dedup.h"
#include "analytics/topics/relevance_model.h"
#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "analytics/topics/taxonomy_json.h"
#include "app/command.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/text/langid.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::app {
namespace {

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
int tag_lines(const topics::Taxonomy& tax, const topics::TaggerOptions& topts, const std::string& stance_dir,
              const topics::StanceOptions& sopts, const std::string& input, const std::string& lang_opt,
              std::ostream& out) {
  auto tagger_ptr = topics::TopicTagger::load(tax, topts);
  const topics::TopicTagger& tagger = *tagger_ptr;
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
    w.key("stance_lean").value(topics::stance_name(st.lean));
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(dedup::cluster_key(line, tokens)));
    w.key("cluster").value(std::string_view(hex));
    w.end_object();
    out << s << "\n";
  }
  return kExitOk;
}

// Calls f(label, text) for each non-empty line "LABEL<TAB>TEXT" of input
// (a trailing CR dropped); f returns false for a label it does not know,
// which is an error naming the line and the expected format.
template <class F>
void for_each_labelled_line(const std::string& input, const char* expected, F&& f) {
  std::ifstream in(input, std::ios::binary);
  if (!in) throw UsageError("cannot open " + input);
  std::string line;
  uint64_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    const std::string_view view(line);
    if (tab == std::string::npos || !f(view.substr(0, tab), view.substr(tab + 1)))
      throw Error(input + ":" + std::to_string(lineno) + ": expected '" + expected + "'");
  }
}

// v with d decimals, as the JSON output writes it.
std::string fixed(double v, int d) {
  std::string o;
  json::append_fixed(o, v, d);
  return o;
}

// Trains a LinearStanceModel on "label<TAB>text" lines (label: reform,
// prohibition or none) and writes it to model_out.
int train_stance(const topics::Taxonomy& tax, const std::string& stance_dir, const topics::StanceOptions& sopts,
                 const std::string& input, const std::string& lang_opt, const std::string& model_out,
                 topics::StanceTrainOptions to, int folds, bool json_out) {
  topics::TopicTagger tagger(tax);
  topics::StanceOptions cues_only = sopts;
  cues_only.model_file = "none";  // the model learns from the cues' evidence, not from another model
  auto stance = topics::StanceClassifier::load(stance_dir, cues_only);
  text::Segmenter segmenter;
  text::StemmerSet stemmers;
  std::vector<topics::TopicHit> hits;
  std::vector<topics::StanceTrainExample> examples;
  for_each_labelled_line(input, "reform|prohibition|none<TAB>text", [&](std::string_view label, std::string_view text) {
    const int y = label == "none" ? 0 : label == "reform" ? 1 : label == "prohibition" ? 2 : -1;
    if (y < 0) return false;
    topics::StanceTrainExample e;
    segmenter.tokenize(text, e.tokens, true);
    const std::string lang = lang_opt.empty() ? text::resolve_language("", text) : lang_opt;
    tagger.tag(text, e.tokens, lang, stemmers, hits);
    e.cues = stance->cue_features(text, e.tokens, lang, hits, stemmers);
    e.label = y;
    examples.push_back(std::move(e));
    return true;
  });
  to.lang = lang_opt.empty() ? "*" : lang_opt;
  if (folds > 0) {
    const auto cv = topics::LinearStanceModel::cross_validate(examples, to, folds, sopts.cue_override,
                                                              sopts.model_gate ? sopts.off_topic_threshold : 0,
                                                              sopts.gate_min_prob);
    std::string js;
    json::JsonWriter w(js);
    w.begin_object();
    w.key("examples").value(static_cast<int64_t>(examples.size()));
    w.key("folds").value(static_cast<int64_t>(folds));
    w.key("macro_f1").begin_array();
    for (double f : cv.macro_f1) w.fixed(f, 4);
    w.end_array();
    w.key("mean_macro_f1").fixed(cv.mean, 4);
    w.key("pooled_macro_f1").fixed(cv.pooled_macro_f1, 4);
    w.key("pro_con_accuracy").fixed(cv.pro_con_accuracy, 4);
    w.end_object();
    if (json_out) {
      std::cout << js << "\n";
    } else {
      std::cout << folds << "-fold cross-validation on " << examples.size() << " examples: macro-F1";
      for (double f : cv.macro_f1) std::cout << " " << fixed(f, 3);
      std::cout << ", mean " << fixed(cv.mean, 3) << ", pooled " << fixed(cv.pooled_macro_f1, 3)
                << "; pro/con accuracy " << fixed(cv.pro_con_accuracy, 3) << "\n";
    }
  }
  if (!model_out.empty()) {
    auto model = topics::LinearStanceModel::train(examples, to);
    model.save(model_out);
    std::cerr << "trained a stance model on " << examples.size() << " examples -> " << model_out << "\n";
  }
  return kExitOk;
}

// Trains a LinearRelevanceModel on "on|on-extra|off<TAB>text" lines (on:
// about the topic; on-extra: about it, trains but is not counted in the
// cross-validated recall; off: not about it) and writes it to model_out.
int train_relevance(const topics::Taxonomy& tax, const std::string& input, const std::string& lang_opt,
                    const std::string& model_out, topics::RelevanceTrainOptions ro, int folds,
                    bool beside_other_topics, bool json_out) {
  topics::TaggerOptions rules_only;
  rules_only.relevance_model = "none";
  topics::TopicTagger tagger(tax, rules_only);
  text::Segmenter segmenter;
  text::StemmerSet stemmers;
  std::vector<topics::TopicHit> hits;
  std::vector<topics::RelevanceExample> examples;
  size_t npos = 0;
  for_each_labelled_line(input, "on|on-extra|off<TAB>text", [&](std::string_view label, std::string_view text) {
    if (label != "on" && label != "on-extra" && label != "off") return false;
    topics::RelevanceExample e;
    segmenter.tokenize(text, e.tokens, true);
    tagger.tag(text, e.tokens, lang_opt.empty() ? text::resolve_language("", text) : lang_opt, stemmers, hits);
    e.rules_any = !hits.empty();
    for (const auto& h : hits) e.rules_topic |= h.id == ro.topic;
    e.positive = label != "off";
    e.scored = label != "on-extra";
    npos += e.positive;
    examples.push_back(std::move(e));
    return true;
  });
  ro.lang = lang_opt.empty() ? "*" : lang_opt;
  if (folds > 0) {
    const auto cv = topics::LinearRelevanceModel::cross_validate(examples, ro, folds, beside_other_topics);
    if (json_out) {
      std::string js;
      json::JsonWriter w(js);
      w.begin_object();
      w.key("examples").value(static_cast<int64_t>(examples.size()));
      w.key("positives").value(static_cast<int64_t>(npos));
      w.key("folds").value(static_cast<int64_t>(folds));
      w.key("threshold").fixed(cv.threshold, 4);
      w.key("recall").fixed(cv.recall, 4);
      w.key("false_alarm").fixed(cv.false_alarm, 4);
      w.key("recall_with_rules").fixed(cv.recall_with_rules, 4);
      w.key("false_alarm_with_rules").fixed(cv.false_alarm_with_rules, 4);
      w.end_object();
      std::cout << js << "\n";
    } else {
      std::cout << folds << "-fold cross-validation on " << examples.size() << " examples (" << npos
                << " about the topic): threshold " << fixed(cv.threshold, 3) << ", recall " << fixed(cv.recall, 3)
                << ", false alarms " << fixed(cv.false_alarm, 4) << "; with the rules: recall "
                << fixed(cv.recall_with_rules, 3) << ", false alarms (any topic) " << fixed(cv.false_alarm_with_rules, 4)
                << "\n";
    }
  }
  if (!model_out.empty()) {
    auto model = topics::LinearRelevanceModel::train(examples, ro);
    model.save(model_out);
    std::cerr << "trained a " << ro.topic << " relevance model on " << examples.size() << " examples (threshold "
              << fixed(model.threshold(), 3) << ") -> " << model_out << "\n";
  }
  return kExitOk;
}

// Which stance and relevance models `vigie index` and `vigie score` would
// use, and why.
void stance_info(const topics::Taxonomy& tax, const topics::TaggerOptions& topts, const std::string& stance_dir,
                 const topics::StanceOptions& sopts, bool json_out, std::ostream& out) {
  auto stance = topics::StanceClassifier::load(stance_dir, sopts);
  auto tagger = topics::TopicTagger::load(tax, topts);
  if (json_out) {
    std::string s;
    json::JsonWriter w(s);
    w.begin_object();
    w.key("stance_model").value(stance->version());
    w.key("model_file").value(stance->model_file());
    w.key("source").value(stance->model_source());
    w.key("relevance_model").value(tagger->relevance_version());
    w.key("relevance_model_file").value(tagger->relevance_model_file());
    w.key("relevance_source").value(tagger->relevance_source());
    w.key("relevance_threshold").fixed(tagger->relevance_threshold(), 4);
    w.end_object();
    out << s << "\n";
  } else {
    out << "stance model " << stance->version() << "\n  "
        << (stance->model_file().empty() ? std::string("cues only")
                                         : stance->model_file() + " (from " + stance->model_source() + ")")
        << "\n";
    out << "relevance model " << tagger->relevance_version() << "\n  ";
    if (tagger->relevance_model_file().empty()) {
      out << "rules only\n";
    } else {
      std::string t;
      json::append_fixed(t, tagger->relevance_threshold(), 3);
      out << tagger->relevance_model_file() << " (from " << tagger->relevance_source() << "), threshold " << t << "\n";
    }
  }
}

int run_topics(int argc, char** argv) {
  CliSpec spec;
  spec.usage =
      "vigie topics [--json] [--taxonomy FILE] [--tag FILE|- [--lang LANG] [--stance DIR] [--stance-model FILE]\n"
      "             [--relevance-model FILE] [--relevance-threshold P]]\n"
      "       vigie topics --stance-info|--models-info [--json] [--stance-model FILE] [--relevance-model FILE]\n"
      "       vigie topics --train-stance TSV [--model-out FILE] [--cv FOLDS] [--lang LANG] [training options]\n"
      "       vigie topics --train-relevance TSV [--model-out FILE] [--cv FOLDS] [--lang LANG] [training options]";
  spec.description =
      "Lists the drug-policy topics of the taxonomy that `vigie index` tags documents with (filter them with\n"
      "topic:<id> in search). With --tag, reads one text per line and prints, per line, one JSON object with\n"
      "the language, the topics found (id -> relevance in [0,1]), the stance toward drug-policy reform\n"
      "(reform | prohibition | none) and the near-duplicate cluster key, as the indexer would store them.\n"
      "With --train-stance, trains a local stance model (logistic regression over words, character n-grams,\n"
      "negation scope and the cue lexicons' evidence) on your labelled lines; --cv measures it by k-fold\n"
      "cross-validation. With --train-relevance, trains a local topic relevance model (logistic regression over\n"
      "the same text features) that adds one topic (default cannabis_regulation) to texts whose rules miss it.\n"
      "No learned model is shipped: scripts/train-local-models trains both on UKP data when you have it.\n"
      "\n"
      "Stance model lookup (vigie index, vigie score, vigie topics --tag/--stance-info):\n"
      "  1. --stance-model FILE (\"none\" = cue lexicons only), 2. $VIGIE_STANCE_MODEL (same values),\n"
      "  3. <directory of the vigie executable>/../models/stance-en.model if present (build/app/vigie ->\n"
      "  build/models/stance-en.model), 4. cue lexicons only. The model labels texts in its language (en);\n"
      "  other languages keep the cues. The choice is stored in the index metadata (vigie.stance_model).\n"
      "\n"
      "Relevance model lookup: 1. --relevance-model FILE (\"none\" = rules only),\n"
      "  2. $VIGIE_RELEVANCE_MODEL, 3. <directory of the vigie executable>/../models/relevance-en.model if\n"
      "  present, 4. rules only. For texts in its language (en) the model adds its topic when the rules found\n"
      "  no topic at all (--relevance-beside-other-topics: when they did not find this one) and its probability\n"
      "  reaches the threshold stored in the model (chosen by cross-validation when it was trained;\n"
      "  --relevance-threshold overrides it). Where the rules found the topic, its relevance is the larger of\n"
      "  the rules' score and the model's probability. Index metadata: vigie.relevance_model.";
  spec.epilog =
      "Examples:\n"
      "  vigie topics                               table of topics, groups and languages, and the stance model\n"
      "  vigie topics --json                        [{id, group, label: {lang: text}, languages}, ...]\n"
      "  vigie topics --stance-info --json          {stance_model, model_file, source} that indexing would use\n"
      "  vigie topics --taxonomy my-topics.json     check and list your own taxonomy file\n"
      "  echo 'We should not legalize cannabis' | vigie topics --tag - --lang en\n"
      "  vigie topics --train-stance labelled.tsv --cv 5 --lang en          cross-validated macro-F1 only\n"
      "  vigie topics --train-stance labelled.tsv --model-out stance.model --lang en\n"
      "  vigie topics --tag sentences.txt --lang en --stance-model stance.model\n"
      "  vigie topics --train-relevance onoff.tsv --cv 5 --lang en       lines 'on|on-extra|off<TAB>text'\n"
      "  vigie topics --train-relevance onoff.tsv --model-out relevance.model --lang en\n"
      "  vigie topics --tag sentences.txt --lang en --relevance-model relevance.model\n"
      "  vigie topics --models-info                 the stance and relevance models indexing would use\n"
      "\n"
      "The taxonomy format is described in corpora/taxonomy/README.md; the stance cue lexicons in\n"
      "corpora/stance/README.md; the model and how it was measured in docs/topics.md.\n"
      "Exit status: 0 ok, 1 unreadable or invalid taxonomy/lexicon/model, 2 usage error (e.g. missing file).";
  po::options_description opts("Options");
  std::string taxonomy_file, tag_input, lang, stance_dir, train_input, relevance_input, model_out;
  topics::StanceOptions sopts;
  topics::TaggerOptions topts;
  topics::RelevanceTrainOptions ro;
  topics::StanceTrainOptions to;
  int folds = 0;
  std::string chars = std::to_string(to.features.char_min) + "-" + std::to_string(to.features.char_max);
  // The training options below show the stance model's defaults; a relevance
  // model keeps RelevanceTrainOptions' own unless the option is given.
  const std::string rdefaults = [&] {
    std::ostringstream d;
    d << " (--train-relevance keeps its own defaults unless given: epochs " << ro.epochs << ", learning rate "
      << ro.learning_rate << ", l2 " << ro.l2 << ", buckets " << ro.buckets << ", char n-grams "
      << (ro.features.char_max ? std::to_string(ro.features.char_min) + "-" + std::to_string(ro.features.char_max)
                               : std::string("0"))
      << ")";
    return d.str();
  }();
  opts.add_options()
      ("json", "print the topic list (or --stance-info, --cv) as JSON instead of text")
      ("taxonomy", po::value(&taxonomy_file),
       "taxonomy file (default: <data dir>/taxonomy/drug-policy.json; data dir = $VIGIE_DATA_DIR or the "
       "installed corpora)")
      ("tag", po::value(&tag_input), "tag each line of FILE ('-' = standard input) and print JSON lines")
      ("lang", po::value(&lang),
       "with --tag, --train-stance or --train-relevance: language of every line (ISO 639-1, e.g. en); default: detect per line "
       "with CLD2 (a model trained without --lang applies to every language)")
      ("stance", po::value(&stance_dir), "stance lexicon directory (default: <data dir>/stance)")
      ("stance-threshold", po::value(&sopts.threshold)->default_value(sopts.threshold),
       "with --tag: |cue evidence| needed for reform/prohibition in a text with a drug-policy topic")
      ("stance-off-topic", po::value(&sopts.off_topic_threshold)->default_value(sopts.off_topic_threshold),
       "with --tag: |cue evidence| needed in a text without any topic")
      ("negation-window", po::value(&sopts.negation_window)->default_value(sopts.negation_window),
       "with --tag: tokens between a negator (not, oppose, reduce...) and the cue it flips")
      ("cue-override", po::value(&sopts.cue_override)->default_value(sopts.cue_override),
       "with a stance model (--tag, --cv): |cue evidence| at which the cue lexicons' side wins over the model; "
       "0 = the model alone")
      ("no-model-gate", "with a stance model (--tag, --cv): run it on every text, not only on texts about drugs "
       "(a topic or a context word) or with |cue evidence| >= --stance-off-topic")
      ("gate-min-prob", po::value(&sopts.gate_min_prob)->default_value(sopts.gate_min_prob),
       "with a stance model: texts that fail the gate still get reform/prohibition when the model gives it at "
       "least this probability (> 1 = never)")
      ("stance-model", po::value(&sopts.model_file),
       "with --tag or --stance-info: stance model file, or 'none' for cues only (default: see the lookup above)")
      ("stance-info", "print the stance and relevance models in use: version, file, and where each was found")
      ("models-info", "the same as --stance-info")
      ("relevance-model", po::value(&topts.relevance_model),
       "with --tag or --stance-info: topic relevance model file, or 'none' for the taxonomy's rules only "
       "(default: see the lookup above)")
      ("relevance-threshold", po::value(&topts.relevance_threshold),
       "with --tag: probability at which the relevance model adds its topic (default: the model's own)")
      ("relevance-beside-other-topics",
       "with --tag or --train-relevance --cv: the relevance model may add its topic to a text in which the rules "
       "found other topics (default: only to texts without any topic)")
      ("train-relevance", po::value(&relevance_input),
       "train a topic relevance model on TSV lines 'on|on-extra|off<TAB>text' (needs --model-out or --cv); "
       "on-extra lines train as 'on' but --cv's recall counts only 'on' lines")
      ("relevance-topic", po::value(&ro.topic)->default_value(ro.topic),
       "with --train-relevance: the taxonomy topic id the model adds")
      ("max-false-alarm", po::value(&ro.max_false_alarm)->default_value(ro.max_false_alarm),
       "with --train-relevance: the threshold lets at most this share of the 'off' lines through in "
       "cross-validation (out-of-fold probabilities)")
      ("min-threshold", po::value(&ro.min_threshold)->default_value(ro.min_threshold),
       "with --train-relevance: the threshold is never below this")
      ("train-stance", po::value(&train_input),
       "train a stance model on TSV lines 'reform|prohibition|none<TAB>text' (needs --model-out or --cv)")
      ("model-out", po::value(&model_out), "with --train-stance or --train-relevance: where to write the model")
      ("cv", po::value(&folds), "with --train-stance: print the macro-F1 of FOLDS-fold cross-validation; with --train-relevance: the "
       "recall and false alarms at the threshold chosen on the out-of-fold probabilities")
      ("epochs", po::value(&to.epochs)->default_value(to.epochs), ("with --train-stance or --train-relevance: passes over the data" + rdefaults).c_str())
      ("learning-rate", po::value(&to.learning_rate)->default_value(to.learning_rate, "0.1"),
       "with --train-stance or --train-relevance: AdaGrad base rate")
      ("l2", po::value(&to.l2)->default_value(to.l2), "with --train-stance or --train-relevance: L2 weight decay per update")
      ("buckets", po::value(&to.buckets)->default_value(to.buckets), "with --train-stance or --train-relevance: hashed feature rows")
      ("char-ngrams", po::value(&chars)->default_value(chars),
       "with --train-stance or --train-relevance: MIN-MAX bytes of the character n-grams inside words, or 0 for none")
      ("average", po::value(&to.average)->default_value(to.average),
       "with --train-stance: average the weights of this many models trained on different example orders")
      ("char-weight", po::value(&to.features.char_weight)->default_value(to.features.char_weight),
       "with --train-stance or --train-relevance: weight of the character n-grams against the words (after unit norm)")
      ("no-negation", "with --train-stance or --train-relevance: no negation-scope features")
      ("no-bigrams", "with --train-stance or --train-relevance: no word bigrams")
      ("no-unit-norm", "with --train-stance or --train-relevance: binary features without scaling to unit norm")
      ("seed", po::value(&to.seed)->default_value(to.seed), "with --train-stance or --train-relevance: example order shuffling seed");
  po::positional_options_description pos;
  po::variables_map vm;
  if (!parse(argc, argv, spec, opts, pos, vm)) return kExitOk;
  const bool relevance_training = vm.count("train-relevance") > 0;
  topts.relevance_beside_other_topics = vm.count("relevance-beside-other-topics") > 0;
  if (topts.relevance_beside_other_topics && !vm.count("tag") && !relevance_training)
    throw UsageError("--relevance-beside-other-topics only applies with --tag or --train-relevance");
  const bool training = vm.count("train-stance") > 0 || relevance_training;
  if (vm.count("train-stance") && relevance_training) throw UsageError("--train-stance and --train-relevance are exclusive");
  const bool info = vm.count("stance-info") || vm.count("models-info");
  sopts.model_gate = !vm.count("no-model-gate");
  if (!vm.count("tag") && !training &&
      (vm.count("lang") || !vm["stance-threshold"].defaulted() || !vm["stance-off-topic"].defaulted() ||
       !vm["negation-window"].defaulted() || !vm["cue-override"].defaulted() || !vm["gate-min-prob"].defaulted() ||
       vm.count("no-model-gate")))
    throw UsageError("--lang, the stance thresholds and the model gate only apply with --tag or --train-stance");
  for (const char* o : {"relevance-topic", "max-false-alarm", "min-threshold"})
    if (!relevance_training && !vm[o].defaulted())
      throw UsageError(std::string("--") + o + " only applies with --train-relevance");
  if (vm.count("relevance-model") && !vm.count("tag") && !info)
    throw UsageError("--relevance-model only applies with --tag or --stance-info");
  if (vm.count("relevance-threshold") && (!vm.count("tag") || !(topts.relevance_threshold > 0 && topts.relevance_threshold <= 1)))
    throw UsageError("--relevance-threshold needs --tag and a value in (0, 1]");
  if (!(sopts.cue_override >= 0) || !(sopts.gate_min_prob >= 0))
    throw UsageError("--cue-override and --gate-min-prob must be >= 0");
  for (const char* o : {"epochs", "learning-rate", "l2", "buckets", "char-ngrams", "char-weight", "average", "seed"})
    if (!training && !vm[o].defaulted()) throw UsageError(std::string("--") + o + " only applies with --train-stance or --train-relevance");
  for (const char* o : {"model-out", "cv", "no-negation", "no-bigrams", "no-unit-norm"})
    if (!training && vm.count(o)) throw UsageError(std::string("--") + o + " only applies with --train-stance or --train-relevance");
  if (taxonomy_file.empty()) taxonomy_file = corpora_dir() + "/taxonomy/drug-policy.json";
  if (stance_dir.empty()) stance_dir = corpora_dir() + "/stance";
  if (!lang.empty()) {
    std::string norm = text::normalize_lang_tag(lang);
    if (norm.empty()) throw UsageError("--lang: unknown language '" + lang + "'");
    lang = norm;
  }
  if (training && (vm.count("tag") || info))
    throw UsageError("--train-stance and --train-relevance exclude --tag and --stance-info");
  if (vm.count("tag") && info) throw UsageError("--tag and --stance-info are exclusive");
  if (vm.count("stance-model") && !vm.count("tag") && !info)
    throw UsageError("--stance-model only applies with --tag or --stance-info");
  if (info) {
    stance_info(topics::Taxonomy::load(taxonomy_file), topts, stance_dir, sopts, vm.count("json") > 0, std::cout);
    return kExitOk;
  }
  topics::Taxonomy tax = topics::Taxonomy::load(taxonomy_file);
  if (training) {
    if (model_out.empty() && folds == 0) throw UsageError("--train-stance/--train-relevance needs --model-out or --cv");
    if (vm.count("cv") && folds < 2) throw UsageError("--cv: at least 2 folds");
    if (to.epochs < 1 || !(to.learning_rate > 0) || !(to.l2 >= 0) || to.buckets < 16 || to.buckets > (1u << 26) ||
        !(to.features.char_weight >= 0) || to.average < 1 || to.average > 100)
      throw UsageError("--epochs >= 1, --learning-rate > 0, --l2 >= 0, 16 <= --buckets <= 2^26, --char-weight >= 0, 1 <= --average <= 100");
    if (chars == "0") {
      to.features.char_min = to.features.char_max = 0;
    } else {
      int a = 0, b = 0;
      char dash = 0;
      std::istringstream cs(chars);
      if (!(cs >> a >> dash >> b) || dash != '-' || a < 1 || b < a || b > 8)
        throw UsageError("--char-ngrams: MIN-MAX with 1 <= MIN <= MAX <= 8, or 0");
      to.features.char_min = a;
      to.features.char_max = b;
    }
    to.features.negation = !vm.count("no-negation");
    to.features.bigrams = !vm.count("no-bigrams");
    to.features.unit_norm = !vm.count("no-unit-norm");
    if (relevance_training) {
      if (!tax.find(ro.topic)) throw UsageError("--relevance-topic: no topic '" + ro.topic + "' in the taxonomy");
      if (!(ro.max_false_alarm >= 0 && ro.max_false_alarm < 1) || !(ro.min_threshold > 0 && ro.min_threshold < 1))
        throw UsageError("--max-false-alarm in [0, 1), --min-threshold in (0, 1)");
      // The shared training options keep the relevance model's own defaults
      // unless given.
      if (!vm["epochs"].defaulted()) ro.epochs = to.epochs;
      if (!vm["learning-rate"].defaulted()) ro.learning_rate = to.learning_rate;
      if (!vm["l2"].defaulted()) ro.l2 = to.l2;
      if (!vm["buckets"].defaulted()) ro.buckets = to.buckets;
      if (!vm["seed"].defaulted()) ro.seed = to.seed;
      if (!vm["average"].defaulted()) throw UsageError("--average only applies with --train-stance");
      if (!vm["char-ngrams"].defaulted()) {
        ro.features.char_min = to.features.char_min;
        ro.features.char_max = to.features.char_max;
      }
      if (!vm["char-weight"].defaulted()) ro.features.char_weight = to.features.char_weight;
      if (vm.count("no-negation")) ro.features.negation = false;
      if (vm.count("no-bigrams")) ro.features.bigrams = false;
      if (vm.count("no-unit-norm")) ro.features.unit_norm = false;
      return train_relevance(tax, relevance_input, lang, model_out, ro, folds, topts.relevance_beside_other_topics,
                             vm.count("json") > 0);
    }
    return train_stance(tax, stance_dir, sopts, train_input, lang, model_out, to, folds, vm.count("json") > 0);
  }
  if (vm.count("tag")) {
    if (!(sopts.threshold > 0) || !(sopts.off_topic_threshold > 0) || sopts.negation_window < 0)
      throw UsageError("--stance-threshold and --stance-off-topic must be > 0, --negation-window >= 0");
    return tag_lines(tax, topts, stance_dir, sopts, tag_input, lang, std::cout);
  }
  if (vm.count("json")) {
    std::cout << topics::taxonomy_json(tax);
  } else {
    list_text(tax, std::cout);
    stance_info(tax, topts, stance_dir, sopts, false, std::cout);
  }
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("topics", "list the drug-policy topics; tag texts with topics and stance", run_topics);

}  // namespace vigie::app
