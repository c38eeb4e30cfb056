// vigie eval: scores a labelled set and reports accuracy, macro-F1,
// per-class precision/recall/F1, the confusion matrix, F1 over positive and
// negative (RuSentNE's metric) and, for graded gold (VADER), Pearson r.
// With --format gold-jsonl it scores sentiment, topics and stance together
// on drug-policy gold sets (analytics/policy_eval.h).
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "analytics/metrics/metrics.h"
#include "analytics/metrics/policy_gold.h"
#include "analytics/policy_eval.h"
#include "analytics/sentiment/gold.h"
#include "analytics/sentiment/sentiment.h"
#include "app/command.h"
#include "app/locations.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/text/langid.h"

namespace vigie::app {
namespace {

// --format gold-jsonl: every file's items through the document analyzer,
// metrics per language and overall.
int run_policy_eval(const std::vector<std::string>& files, const std::string& lang,
                    const analytics::AnalyzerOptions& options, const std::string& predictions, bool as_json) {
  std::vector<metrics::PolicyGoldItem> items;
  for (const auto& f : files) {
    auto part = metrics::read_policy_gold(f);
    if (part.empty()) throw InputError("no labelled items in " + f + " (format gold-jsonl)");
    items.insert(items.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  auto result = analytics::evaluate_policy_gold(items, options, lang);
  if (!predictions.empty()) {
    std::ofstream f(predictions);
    for (size_t i = 0; i < items.size(); ++i) f << analytics::prediction_json(items[i], result.predictions[i]) << '\n';
    if (!f) throw Error("cannot write " + predictions);
  }
  std::cout << (as_json ? result.evaluation.to_json() + "\n" : result.evaluation.to_text());
  return kExitOk;
}

// A gold path that cannot be what its format reads gets a message naming
// what was looked for, before a reader fails on a derived name.
void check_gold_path(const std::string& gold, const std::string& format, const std::string& split) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool dir = fs::is_directory(gold, ec);
  if (format == "xlmt") {
    // hash-dev and hash-train are parts of the xlmt train files.
    const std::string sp = split.empty() ? "val" : split.rfind("hash-", 0) == 0 ? "train" : split;
    const std::string text = dir ? (fs::path(gold) / (sp + "_text.txt")).string() : gold + "text.txt";
    if (fs::is_regular_file(text, ec)) return;
    throw InputError("--gold " + gold + ": --format xlmt reads a directory holding " + sp + "_text.txt and " + sp +
                     "_labels.txt (--split picks the part), or a prefix P of files Ptext.txt and Plabels.txt; " +
                     (dir ? "there is no " + text : gold + " is neither (a file of label<TAB>text lines is --format tsv)"));
  }
  if (format == "posneg") {
    if (dir && fs::is_regular_file(fs::path(gold) / "pos.txt", ec)) return;
    throw InputError("--gold " + gold + ": --format posneg reads a directory holding pos.txt and neg.txt");
  }
  if (dir) throw InputError("--gold " + gold + ": is a directory; --format " + format + " reads one file");
  if (!fs::exists(gold, ec)) throw InputError("--gold " + gold + ": no such file");
}

// The sentiment metrics of some items of a set.
struct SentimentSummary {
  metrics::Confusion cm{3};
  double pearson = NAN;  // graded gold only
  size_t items = 0;
};

SentimentSummary summarise(const sentiment::GoldSet& g, const std::vector<sentiment::Label>& pred,
                           const std::vector<double>& compound, const std::vector<size_t>& which) {
  SentimentSummary s;
  std::vector<double> c, gr;
  for (size_t i : which) {
    s.cm.add(static_cast<size_t>(g.items[i].label), static_cast<size_t>(pred[i]));
    c.push_back(compound[i]);
    gr.push_back(g.items[i].grade);
  }
  s.items = which.size();
  if (g.graded) s.pearson = metrics::pearson(c, gr);
  return s;
}

const std::vector<std::string>& label_names() {
  static const std::vector<std::string> names{"negative", "neutral", "positive"};
  return names;
}

// Every option of vigie eval, as given.
struct EvalSettings {
  std::string gold, format, lang, model, split, dataset, accuracy_file;
  std::string stance_model, relevance_model, taxonomy, predictions;
  std::vector<std::string> files;
  double vader_threshold = 0.2;
  bool as_json = false, three_class = false, by_lang = false;
  int threads = 0;
};

void declare_eval_options(po::options_description& opts, EvalSettings& s) {
  std::string formats;
  for (const auto& f : sentiment::gold_formats()) formats += (formats.empty() ? "" : "|") + f;
  opts.add_options()
    ("gold,g", po::value(&s.gold), "labelled file (a directory or prefix for xlmt and posneg); gold-jsonl takes "
                                 "one or more files as arguments instead")
    ("format,f", po::value(&s.format)->required(), ("gold format: " + formats + " (sentiment only; see "
                                                  "docs/sentiment.md for each format's label mapping), or "
                                                  "gold-jsonl: sentiment, topics and stance together on "
                                                  "drug-policy gold files (docs/topics.md)").c_str())
    ("lang,l", po::value(&s.lang), "language of the set (default: detect per item, as vigie score does)")
    ("model,m", po::value(&s.model), "sentiment model (as in vigie score; default: per-language default)")
    ("split", po::value(&s.split), "part of the set to score: for xlmt, val (default), train or test (the "
                                 "<split>_text.txt files); for jsonl, only items whose \"split\" field has this "
                                 "value (astd: train or validation); for any format, hash-dev or hash-train: the "
                                 "10% / 90% parts by a hash of the text that `vigie train` holds out / learns from")
    ("by-lang", po::bool_switch(&s.by_lang), "also give the metrics per language (--lang, else each item's "
                                           "detected language): for a set mixing languages")
    ("dataset", po::value(&s.dataset), "name reported for the set (default: the gold path)")
    ("vader-threshold", po::value(&s.vader_threshold)->default_value(0.2),
     "vader format: gold mean >= t is positive, <= -t negative, else neutral")
    ("three-class", po::bool_switch(&s.three_class), "keep neutral predictions even when the gold has no neutral "
                                                   "items (default: such binary sets are scored by the sign of "
                                                   "compound, 0 counting as positive)")
    ("json", po::bool_switch(&s.as_json), "print one JSON object instead of tables")
    ("predictions", po::value(&s.predictions), "write one JSON line per item to this file: id (gold-jsonl: its "
                                             "id; else the item's number from 1), lang, text, gold and predicted "
                                             "labels, score (sentiment compound; gold-jsonl: also stance "
                                             "confidence, phenomena)")
    ("stance-model", po::value(&s.stance_model), kStanceModelHelp)
    ("relevance-model", po::value(&s.relevance_model), kRelevanceModelHelp)
    ("taxonomy", po::value(&s.taxonomy), "gold-jsonl: taxonomy file (default: corpora/taxonomy/drug-policy.json)")
    ("input", po::value(&s.files), "gold-jsonl files")
    ("write-accuracy", po::value(&s.accuracy_file), "also write {\"<lang>\": {\"dataset\": ..., \"macro_f1\": ..., "
                                                  "...}} to this file (read by the report)")
    ("threads,j", po::value(&s.threads), "worker threads (default: all cores)");
}

CliSpec eval_spec() {
  return {
      "vigie eval --gold FILE --format FMT [--lang L] [--split PART] [--by-lang] [--json] [--model NAME]\n"
      "                 [--predictions FILE] [--write-accuracy FILE]\n"
      "       vigie eval --format gold-jsonl [--json] [--predictions FILE] [--stance-model none] FILE...",
      "Evaluates the sentiment scorer on a labelled set. Labels are negative, neutral, positive; metrics:\n"
      "accuracy, macro-F1 over the classes present, per-class precision/recall/F1, confusion matrix (rows\n"
      "gold, columns predicted), F1(pos,neg) = mean F1 of positive and negative (RuSentNE), and for graded\n"
      "gold (vader) Pearson r between compound and the gold mean.\n\n"
      "With --format gold-jsonl, sentiment, topics and stance are scored together, as `vigie index` computes\n"
      "them, on files of JSON lines {id, lang, text, sentiment, topics, stance, phenomena}. Per language and\n"
      "overall: macro-F1 of sentiment and stance (reform / prohibition / none) with confusion matrices, the\n"
      "wrong-side rate (texts whose gold stance is reform or prohibition predicted as the other side),\n"
      "topic micro- and macro-F1, and per phenomenon (negation, sarcasm, reported...) the accuracy of each\n"
      "task. Give --stance-model none --relevance-model none to measure what Vigie ships, without models\n"
      "trained on this machine.",
      "Examples:\n"
      "  vigie eval --gold ../shared/data/vader/tweets_GroundTruth.txt --format vader --lang en\n"
      "  vigie eval --gold ../shared/data/xlmt/french --format xlmt --lang fr --json\n"
      "  vigie eval --gold ../shared/data/tass2020/es.tsv --format tsv --lang es\n"
      "  vigie eval --gold mixed.jsonl --format jsonl --by-lang --predictions pred.jsonl\n"
      "  vigie eval --gold ../shared/data/xlmt/spanish --format xlmt --split hash-dev\n"
      "  vigie eval --format gold-jsonl --stance-model none --relevance-model none \\\n"
      "      ../shared/data/drug-policy-gold/*.dev.jsonl\n"
      "Exit status: 0 ok, 1 unreadable gold, 2 usage error."};
}

// A sentiment set scored item by item: what the printers and the
// predictions file read.
struct SentimentRun {
  sentiment::GoldSet gold;
  bool binary = false;  // no neutral gold: predictions folded by the sign of compound
  std::vector<double> compound;
  std::vector<sentiment::Label> pred;
  std::vector<std::string> langs;  // detected per item; empty with --lang
  std::string lang;                // --lang, or "" (detected)
  SentimentSummary total;
  std::map<std::string, SentimentSummary> per_lang;  // --by-lang
  std::string used_lang, used_model;

  const std::string& lang_of(size_t i) const { return lang.empty() ? langs[i] : lang; }
};

SentimentRun score_sentiment_set(sentiment::GoldSet g, const EvalSettings& s) {
  SentimentRun run;
  run.gold = std::move(g);
  run.lang = s.lang;
  const auto& items = run.gold.items;
  auto scorer = sentiment::Scorer::load(corpora_dir(), s.model);
  bool has_neutral = false;
  for (const auto& it : items)
    if (it.label == sentiment::Label::neutral) has_neutral = true;
  run.binary = !has_neutral && !s.three_class;
  run.compound.resize(items.size());
  run.pred.resize(items.size());
  run.langs.resize(s.lang.empty() ? items.size() : 0);
  tbb::parallel_for(size_t(0), items.size(), [&](size_t i) {
    std::string l = s.lang.empty() ? text::detect_language(items[i].text) : s.lang;
    if (s.lang.empty()) run.langs[i] = l;
    sentiment::Score sc = scorer->score(items[i].text, l);
    run.compound[i] = sc.compound;
    run.pred[i] = sc.label;
    if (run.binary) run.pred[i] = sc.compound >= 0 ? sentiment::Label::positive : sentiment::Label::negative;
    // A trained model's label is its argmax; keep it unless binary.
  });
  std::vector<size_t> all(items.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  run.total = summarise(run.gold, run.pred, run.compound, all);
  std::map<std::string, std::vector<size_t>> lang_items;
  if (s.by_lang)
    for (size_t i = 0; i < items.size(); ++i) lang_items[run.lang_of(i)].push_back(i);
  for (const auto& [l, which] : lang_items) run.per_lang.emplace(l, summarise(run.gold, run.pred, run.compound, which));
  run.used_lang = s.lang.empty() ? "detected" : s.lang;
  run.used_model = s.lang.empty() ? (s.model.empty() ? "default" : s.model) : scorer->model_for(s.lang);
  return run;
}

void write_sentiment_predictions(const SentimentRun& run, const std::string& path) {
  std::ofstream f(path);
  std::string line;
  for (size_t i = 0; i < run.gold.items.size(); ++i) {
    line.clear();
    json::JsonWriter pw(line);
    pw.begin_object();
    pw.key("id").value(std::to_string(i + 1));
    pw.key("lang").value(run.lang_of(i));
    pw.key("text").value(run.gold.items[i].text);
    pw.key("gold").value(sentiment::label_name(run.gold.items[i].label));
    pw.key("predicted").value(sentiment::label_name(run.pred[i]));
    pw.key("score").fixed(run.compound[i], 4);
    pw.end_object();
    f << line << '\n';
  }
  if (!f) throw Error("cannot write " + path);
}

// The summary fields that both the JSON output and --write-accuracy carry.
void write_summary(json::JsonWriter& w, const SentimentRun& run, const EvalSettings& s) {
  const metrics::Confusion& cm = run.total.cm;
  w.key("dataset").value(s.dataset);
  w.key("format").value(s.format);
  w.key("lang").value(run.used_lang);
  w.key("model").value(run.used_model);
  w.key("items").value(static_cast<uint64_t>(run.gold.items.size()));
  w.key("skipped").value(static_cast<uint64_t>(run.gold.skipped));
  w.key("binary").value(run.binary);
  w.key("accuracy").fixed(cm.accuracy(), 4);
  w.key("macro_f1").fixed(cm.macro_f1(), 4);
  w.key("f1_pos_neg").fixed(cm.macro_f1({0, 2}), 4);
  if (run.gold.graded) w.key("pearson_r").fixed(run.total.pearson, 4);
}

void print_sentiment_json(const SentimentRun& run, const EvalSettings& s) {
  std::string out;
  json::JsonWriter w(out);
  w.begin_object();
  write_summary(w, run, s);
  w.key("classes");
  metrics::append_classes_json(w, run.total.cm, label_names());
  w.key("confusion");
  metrics::append_rows_json(w, run.total.cm);
  if (s.by_lang) {
    w.key("by_lang").begin_object();
    for (const auto& [l, ls] : run.per_lang) {
      w.key(l).begin_object();
      w.key("items").value(static_cast<uint64_t>(ls.items));
      w.key("accuracy").fixed(ls.cm.accuracy(), 4);
      w.key("macro_f1").fixed(ls.cm.macro_f1(), 4);
      w.key("f1_pos_neg").fixed(ls.cm.macro_f1({0, 2}), 4);
      if (run.gold.graded) w.key("pearson_r").fixed(ls.pearson, 4);
      w.key("classes");
      metrics::append_classes_json(w, ls.cm, label_names());
      w.key("confusion");
      metrics::append_rows_json(w, ls.cm);
      w.end_object();
    }
    w.end_object();
  }
  w.end_object();
  std::cout << out << "\n";
}

void print_sentiment_tables(const SentimentRun& run, const EvalSettings& s) {
  const metrics::Confusion& cm = run.total.cm;
  char buf[256];
  std::cout << "dataset " << s.dataset << " (format " << s.format << ", " << run.gold.items.size() << " items, "
            << run.gold.skipped << " skipped" << (run.binary ? ", binary: neutral predictions folded by sign" : "")
            << ")\n"
            << "lang " << run.used_lang << ", model " << run.used_model << "\n\n";
  std::snprintf(buf, sizeof buf, "accuracy   %.4f\nmacro-F1   %.4f\nF1(pos,neg) %.4f\n", cm.accuracy(), cm.macro_f1(),
                cm.macro_f1({0, 2}));
  std::cout << buf;
  if (run.gold.graded) {
    std::snprintf(buf, sizeof buf, "pearson r  %.4f\n", run.total.pearson);
    std::cout << buf;
  }
  std::cout << "\nclass      precision  recall     f1  support predicted\n";
  for (size_t c = 0; c < 3; ++c) {
    auto cs = cm.class_scores(c);
    std::snprintf(buf, sizeof buf, "%-10s %9.4f %7.4f %6.4f %8llu %9llu\n",
                  std::string(sentiment::label_name(static_cast<sentiment::Label>(c))).c_str(), cs.precision,
                  cs.recall, cs.f1, static_cast<unsigned long long>(cs.support),
                  static_cast<unsigned long long>(cs.predicted));
    std::cout << buf;
  }
  std::cout << "\nconfusion (rows gold, columns predicted)\n            negative  neutral positive\n";
  for (size_t a = 0; a < 3; ++a) {
    std::snprintf(buf, sizeof buf, "%-10s %9llu %8llu %8llu\n",
                  std::string(sentiment::label_name(static_cast<sentiment::Label>(a))).c_str(),
                  static_cast<unsigned long long>(cm.at(a, 0)), static_cast<unsigned long long>(cm.at(a, 1)),
                  static_cast<unsigned long long>(cm.at(a, 2)));
    std::cout << buf;
  }
  if (s.by_lang) {
    std::cout << "\nby language\nlang     items  accuracy  macro-F1  F1(pos,neg)\n";
    for (const auto& [l, ls] : run.per_lang) {
      std::snprintf(buf, sizeof buf, "%-6s %7zu %9.4f %9.4f %12.4f\n", l.c_str(), ls.items, ls.cm.accuracy(),
                    ls.cm.macro_f1(), ls.cm.macro_f1({0, 2}));
      std::cout << buf;
    }
  }
}

void write_accuracy_file(const SentimentRun& run, const EvalSettings& s) {
  std::string acc;
  json::JsonWriter aw(acc);
  aw.begin_object().key(run.used_lang).begin_object();
  write_summary(aw, run, s);
  aw.end_object().end_object();
  std::ofstream f(s.accuracy_file);
  f << acc << "\n";
  if (!f) throw Error("cannot write " + s.accuracy_file);
}

// A sentiment set (every format but gold-jsonl): checked, scored, printed.
int run_sentiment_eval(EvalSettings& s, const po::variables_map& vm) {
  if (!s.files.empty()) throw UsageError("file arguments are for --format gold-jsonl; give others with --gold");
  if (s.gold.empty()) throw UsageError("--gold is required for --format " + s.format);
  for (const char* o : {"stance-model", "relevance-model", "taxonomy"})
    if (vm.count(o)) throw UsageError(std::string("--") + o + " applies to --format gold-jsonl only");
  if (s.dataset.empty()) s.dataset = s.gold;
  if (std::find(sentiment::gold_formats().begin(), sentiment::gold_formats().end(), s.format) !=
      sentiment::gold_formats().end())
    check_gold_path(s.gold, s.format, s.split);
  sentiment::GoldSet g = sentiment::read_gold(s.gold, s.format, s.split, s.vader_threshold);
  if (g.items.empty()) throw InputError("no labelled items in " + s.gold + " (format " + s.format + ")");
  const SentimentRun run = score_sentiment_set(std::move(g), s);
  if (!s.predictions.empty()) write_sentiment_predictions(run, s.predictions);
  if (s.as_json) print_sentiment_json(run, s);
  else print_sentiment_tables(run, s);
  if (!s.accuracy_file.empty()) write_accuracy_file(run, s);
  return kExitOk;
}

int run_eval(int argc, char** argv) {
  EvalSettings s;
  po::variables_map vm;
  if (!parse_settings(argc, argv, eval_spec(), s, declare_eval_options, vm, "input")) return kExitOk;
  if (s.threads < 0) throw UsageError("--threads must be >= 0");
  if (!s.lang.empty()) s.lang = normalized_lang(s.lang);
  int nthreads = s.threads > 0 ? s.threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(nthreads));
  if (s.format != "gold-jsonl") return run_sentiment_eval(s, vm);
  if (!s.gold.empty()) s.files.insert(s.files.begin(), s.gold);
  if (s.files.empty()) throw UsageError("--format gold-jsonl needs one or more files");
  analytics::AnalyzerOptions ao;
  ao.data_dir = corpora_dir();
  ao.taxonomy_file = s.taxonomy;
  ao.sentiment_model = s.model;
  ao.stance_model = s.stance_model;
  ao.relevance_model = s.relevance_model;
  ao.stance_default = locations().stance_model;
  ao.relevance_default = locations().relevance_model;
  ao.dedup = false;
  return run_policy_eval(s.files, s.lang, ao, s.predictions, s.as_json);
}

}  // namespace

VIGIE_COMMAND("eval", "evaluate sentiment on a labelled set, or sentiment, topics and stance on drug-policy gold",
              run_eval);

}  // namespace vigie::app
