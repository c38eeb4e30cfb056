// vigie train --task stance|relevance: trains the local stance model and the
// topic relevance model from labelled lines, or measures them by k-fold
// cross-validation. (The sentiment task is app/cmd_train.cc; `vigie topics
// --train-stance/--train-relevance` forward here.)
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/topics/relevance_model.h"
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

// MIN-MAX of --char-ngrams ("0" = none) into the feature options.
template <class Features>
void parse_char_ngrams(const std::string& chars, Features& f) {
  if (chars == "0") {
    f.char_min = f.char_max = 0;
    return;
  }
  int a = 0, b = 0;
  char dash = 0;
  std::istringstream cs(chars);
  if (!(cs >> a >> dash >> b) || dash != '-' || a < 1 || b < a || b > 8)
    throw UsageError("--char-ngrams: MIN-MAX with 1 <= MIN <= MAX <= 8, or 0");
  f.char_min = a;
  f.char_max = b;
}

template <class Features>
std::string char_ngrams_text(const Features& f) {
  return f.char_max ? std::to_string(f.char_min) + "-" + std::to_string(f.char_max) : std::string("0");
}

CliSpec topic_training_spec(const std::string& task, bool stance_task) {
  CliSpec spec;
  spec.usage = "vigie train --task " + task + " --train TSV (--out MODEL | --cv FOLDS) [--lang L] [options]";
  spec.description =
      stance_task
          ? "Trains the stance model that `vigie index`, `vigie score` and `vigie topics --tag` use for\n"
            "English texts: a logistic regression over words, word pairs, character n-grams, negation\n"
            "and the stance cue lexicons, learnt from your lines 'reform|prohibition|none<TAB>text'.\n"
            "--cv FOLDS measures it by k-fold cross-validation (macro-F1) instead of, or before, writing\n"
            "it. scripts/train-local-models trains it on the UKP Sentential Argument Mining corpus\n"
            "(its licence allows use, not redistribution: the model stays in build/models)."
          : "Trains a topic relevance model: a logistic regression over the same text features that\n"
            "adds one topic (default cannabis_regulation) to texts whose taxonomy rules miss it.\n"
            "Lines: 'on|on-extra|off<TAB>text' (on-extra: about the topic, trains as 'on' but is not\n"
            "counted in the cross-validated recall). --cv FOLDS prints the recall and false alarms at\n"
            "the threshold chosen on out-of-fold predictions. scripts/train-local-models trains it on\n"
            "the UKP corpus (kept in build/models, not shipped).";
  spec.epilog =
      stance_task ? "Examples:\n"
                    "  vigie train --task stance --train labelled.tsv --lang en --cv 5\n"
                    "  vigie train --task stance --train labelled.tsv --lang en --out stance.model\n"
                    "  vigie topics --tag sentences.txt --lang en --stance-model stance.model\n\n"
                    "Exit status: 0 ok, 1 unreadable data or a malformed line, 2 usage error."
                  : "Examples:\n"
                    "  vigie train --task relevance --train onoff.tsv --lang en --cv 5\n"
                    "  vigie train --task relevance --train onoff.tsv --lang en --out relevance.model\n"
                    "  vigie topics --tag sentences.txt --lang en --relevance-model relevance.model\n\n"
                    "Exit status: 0 ok, 1 unreadable data or a malformed line, 2 usage error.";
  return spec;
}

// Every option of vigie train --task stance|relevance, as given. The
// training knobs both tasks share start at (and --help shows) the chosen
// task's own defaults.
struct TopicTrainSettings {
  explicit TopicTrainSettings(bool stance)
      : stance_task(stance),
        epochs(stance ? to.epochs : ro.epochs),
        learning_rate(stance ? to.learning_rate : ro.learning_rate),
        l2(stance ? to.l2 : ro.l2),
        char_weight(stance ? to.features.char_weight : ro.features.char_weight),
        buckets(stance ? to.buckets : ro.buckets),
        seed(stance ? to.seed : ro.seed),
        chars(stance ? char_ngrams_text(to.features) : char_ngrams_text(ro.features)) {}

  const bool stance_task;
  std::string task_opt, input, lang, model_out, taxonomy_file, stance_dir;
  int folds = 0;
  topics::StanceOptions sopts;
  topics::StanceTrainOptions to;
  topics::RelevanceTrainOptions ro;
  int epochs;
  double learning_rate, l2, char_weight;
  uint32_t buckets;
  uint64_t seed;
  std::string chars;  // --char-ngrams MIN-MAX or 0
};

void declare_topic_training_options(po::options_description& opts, TopicTrainSettings& s) {
  const TopicTrainSettings defaults(s.stance_task);
  opts.add_options()
      ("task", po::value(&s.task_opt), "sentiment | stance | relevance")
      ("train", po::value(&s.input)->required(), "the labelled lines (TSV: label, tab, text)")
      ("out,o", po::value(&s.model_out), "model file to write")
      ("cv", po::value(&s.folds), "measure by FOLDS-fold cross-validation (at least 2)")
      ("json", "print the cross-validation figures as JSON")
      ("lang", po::value(&s.lang), "language of every line (ISO 639-1, e.g. en); default: detected per line "
                                   "(a model trained without --lang applies to every language)")
      ("taxonomy", po::value(&s.taxonomy_file), "taxonomy file (default: the installed drug-policy taxonomy)")
      ("epochs", po::value(&s.epochs)->default_value(defaults.epochs), "passes over the data")
      ("learning-rate", po::value(&s.learning_rate)->default_value(defaults.learning_rate), "base learning rate (AdaGrad)")
      ("l2", po::value(&s.l2)->default_value(defaults.l2), "L2 weight decay per update")
      ("buckets", po::value(&s.buckets)->default_value(defaults.buckets), "hashed feature rows (16 .. 2^26)")
      ("char-ngrams", po::value(&s.chars)->default_value(defaults.chars),
       "MIN-MAX bytes of the character n-grams inside words, or 0 for none")
      ("char-weight", po::value(&s.char_weight)->default_value(defaults.char_weight),
       "weight of the character n-grams against the words")
      ("no-negation", "no negation-scope features")
      ("no-bigrams", "no word pairs")
      ("no-unit-norm", "binary features without scaling to unit length")
      ("seed", po::value(&s.seed)->default_value(defaults.seed), "shuffling seed");
  topics::StanceOptions& sopts = s.sopts;
  if (s.stance_task) {
    opts.add_options()
        ("average", po::value(&s.to.average)->default_value(s.to.average),
         "average the weights of this many models trained on different example orders (1 .. 100)")
        ("stance", po::value(&s.stance_dir), "stance cue lexicon directory (default: the installed one)")
        ("stance-threshold", po::value(&sopts.threshold)->default_value(sopts.threshold),
         "cue evidence needed for reform/prohibition in a text with a drug-policy topic")
        ("negation-window", po::value(&sopts.negation_window)->default_value(sopts.negation_window),
         "words between a negator (not, oppose, reduce...) and the cue it flips")
        ("stance-off-topic", po::value(&sopts.off_topic_threshold)->default_value(sopts.off_topic_threshold),
         "with --cv: cue evidence that lets a text without a drug-policy topic through to the model")
        ("cue-override", po::value(&sopts.cue_override)->default_value(sopts.cue_override),
         "with --cv: cue evidence at which the cue lexicons' side wins over the model; 0 = the model alone")
        ("no-model-gate", "with --cv: run the model on every text, not only on texts about drugs")
        ("gate-min-prob", po::value(&sopts.gate_min_prob)->default_value(sopts.gate_min_prob),
         "with --cv: texts not about drugs still get reform/prohibition at this model probability (> 1 = never)");
  } else {
    topics::RelevanceTrainOptions& ro = s.ro;
    opts.add_options()
        ("relevance-topic", po::value(&ro.topic)->default_value(ro.topic), "the taxonomy topic id the model adds")
        ("max-false-alarm", po::value(&ro.max_false_alarm)->default_value(ro.max_false_alarm),
         "the threshold lets at most this share of the 'off' lines through in cross-validation")
        ("min-threshold", po::value(&ro.min_threshold)->default_value(ro.min_threshold),
         "the threshold is never below this")
        ("relevance-beside-other-topics",
         "with --cv: the model may add its topic to a text in which the rules found other topics "
         "(default: only to texts without any topic)");
  }
}

// The ranges both tasks check before reading any data.
void check_topic_training(TopicTrainSettings& s, const po::variables_map& vm, const std::string& task) {
  if (s.model_out.empty() && s.folds == 0) throw UsageError("--task " + task + " needs --out or --cv");
  if (vm.count("cv") && s.folds < 2) throw UsageError("--cv: at least 2 folds");
  if (s.epochs < 1 || !(s.learning_rate > 0) || !(s.l2 >= 0) || s.buckets < 16 || s.buckets > (1u << 26) ||
      !(s.char_weight >= 0) || s.to.average < 1 || s.to.average > 100)
    throw UsageError("--epochs >= 1, --learning-rate > 0, --l2 >= 0, 16 <= --buckets <= 2^26, --char-weight >= 0, "
                     "1 <= --average <= 100");
  if (!(s.sopts.cue_override >= 0) || !(s.sopts.gate_min_prob >= 0))
    throw UsageError("--cue-override and --gate-min-prob must be >= 0");
  if (!s.lang.empty()) s.lang = normalized_lang(s.lang);
}

// The knobs both tasks share into one task's training options.
template <class TrainOptions>
void apply_shared_knobs(const TopicTrainSettings& s, const po::variables_map& vm, TrainOptions& o) {
  o.epochs = s.epochs;
  o.learning_rate = s.learning_rate;
  o.l2 = s.l2;
  o.buckets = s.buckets;
  o.seed = s.seed;
  o.features.char_weight = s.char_weight;
  parse_char_ngrams(s.chars, o.features);
  if (vm.count("no-negation")) o.features.negation = false;
  if (vm.count("no-bigrams")) o.features.bigrams = false;
  if (vm.count("no-unit-norm")) o.features.unit_norm = false;
}

}  // namespace

int run_topic_training(int argc, char** argv, const std::string& task) {
  const bool stance_task = task == "stance";
  if (!stance_task && task != "relevance")
    throw UsageError("--task: expected sentiment, stance or relevance, got '" + task + "'");
  TopicTrainSettings s(stance_task);
  po::variables_map vm;
  if (!parse_settings(argc, argv, topic_training_spec(task, stance_task), s, declare_topic_training_options, vm))
    return kExitOk;
  check_topic_training(s, vm, task);
  if (s.taxonomy_file.empty()) s.taxonomy_file = corpora_dir() + "/taxonomy/drug-policy.json";
  const topics::Taxonomy tax = topics::Taxonomy::load(s.taxonomy_file);
  const bool json_out = vm.count("json") > 0;
  if (stance_task) {
    apply_shared_knobs(s, vm, s.to);
    s.sopts.model_gate = !vm.count("no-model-gate");
    if (s.stance_dir.empty()) s.stance_dir = corpora_dir() + "/stance";
    return train_stance(tax, s.stance_dir, s.sopts, s.input, s.lang, s.model_out, s.to, s.folds, json_out);
  }
  topics::RelevanceTrainOptions& ro = s.ro;
  if (!tax.find(ro.topic)) throw UsageError("--relevance-topic: no topic '" + ro.topic + "' in the taxonomy");
  if (!(ro.max_false_alarm >= 0 && ro.max_false_alarm < 1) || !(ro.min_threshold > 0 && ro.min_threshold < 1))
    throw UsageError("--max-false-alarm in [0, 1), --min-threshold in (0, 1)");
  apply_shared_knobs(s, vm, ro);
  return train_relevance(tax, s.input, s.lang, s.model_out, ro, s.folds, vm.count("relevance-beside-other-topics") > 0,
                         json_out);
}

}  // namespace vigie::app
