// vigie topics: list the drug-policy taxonomy, or tag texts with it (topics,
// stance, near-duplicate cluster) without building an index.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/dedup/dedup.h"
#include "analytics/topics/relevance_model.h"
#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "analytics/topics/taxonomy_json.h"
#include "app/command.h"
#include "app/locations.h"
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
              const topics::StanceOptions& sopts, const std::string& input, const std::vector<std::string>& texts,
              const std::string& lang_opt, std::ostream& out) {
  auto tagger_ptr = topics::TopicTagger::load(tax, topts);
  const topics::TopicTagger& tagger = *tagger_ptr;
  auto stance = topics::StanceClassifier::load(stance_dir, sopts);
  std::ifstream file;
  std::istringstream given;  // --text: one text a line
  std::istream* in = &std::cin;
  if (!texts.empty()) {
    std::string all;
    for (const auto& t : texts) {
      for (char c : t) all.push_back(c == '\n' || c == '\r' ? ' ' : c);
      all.push_back('\n');
    }
    given.str(all);
    in = &given;
  } else if (input != "-") {
    file.open(input, std::ios::binary);
    if (!file) throw UsageError(no_such_input_file(input, "to tag this text use --tag --text"));
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

// `vigie topics --train-stance/--train-relevance ...`, the older spelling of
// `vigie train --task stance|relevance ...`: the same arguments, forwarded.
int forward_training(int argc, char** argv, const std::string& task) {
  std::cerr << "vigie topics: note: training lives in `vigie train --task " << task
            << "` (--train-" << task << " FILE is its --train FILE, --model-out its --out)\n";
  std::vector<std::string> args = {"train", "--task", task};
  const std::string old_flag = "--train-" + task;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == old_flag) a = "--train";
    else if (a.rfind(old_flag + "=", 0) == 0) a = "--train=" + a.substr(old_flag.size() + 1);
    else if (a == "--model-out") a = "--out";
    else if (a.rfind("--model-out=", 0) == 0) a = "--out=" + a.substr(12);
    args.push_back(std::move(a));
  }
  std::vector<char*> ptrs;
  for (auto& a : args) ptrs.push_back(a.data());
  ptrs.push_back(nullptr);
  return run_topic_training(static_cast<int>(args.size()), ptrs.data(), task);
}

CliSpec topics_spec() {
  CliSpec spec;
  spec.usage =
      "vigie topics [--json] [--taxonomy FILE]\n"
      "       vigie topics --tag FILE|- | --text TEXT... [--lang LANG] [--stance-model FILE] [--relevance-model FILE]\n"
      "       vigie topics --models-info [--json]";
  spec.description =
      "Lists the drug-policy topics that `vigie index` tags documents with (find them with topic:ID\n"
      "in search). With --tag (or --text), prints one JSON object per text: its language, the topics\n"
      "found (id -> relevance in [0,1]), the stance toward drug-policy reform (reform | prohibition |\n"
      "none), the forced pro/con lean, and the near-duplicate cluster key, as the indexer stores them.\n"
      "Stance comes from cue lexicons, or for English from a stance model trained on the UKP Sentential\n"
      "Argument Mining corpus when you have trained one (`vigie train --task stance`); a topic relevance\n"
      "model (`vigie train --task relevance`) adds cannabis regulation where the rules miss it.\n"
      "--models-info says which models are in use and where they were found; docs/topics.md explains\n"
      "the lookup and the tuning options not listed here.";
  spec.epilog =
      "Examples:\n"
      "  vigie topics                          the topics, their groups and languages, and the models\n"
      "  vigie topics --json                   [{id, group, label: {lang: text}, languages}, ...]\n"
      "  vigie topics --tag sentences.txt --lang en\n"
      "  vigie topics --tag --text 'We should not legalize cannabis' --lang en\n"
      "  vigie topics --models-info --json\n"
      "Exit status: 0 ok, 1 unreadable or invalid taxonomy/lexicon/model, 2 usage error.";
  return spec;
}

// Every option of vigie topics, as given.
struct TopicsSettings {
  std::string taxonomy_file, tag_input, lang, stance_dir;
  std::vector<std::string> texts;
  topics::StanceOptions sopts;
  topics::TaggerOptions topts;
};

// opts are listed in --help; expert (tuning, docs/topics.md) is accepted
// but not listed.
void declare_topics_options(po::options_description& opts, po::options_description& expert, TopicsSettings& s) {
  topics::StanceOptions& sopts = s.sopts;
  topics::TaggerOptions& topts = s.topts;
  opts.add_options()
      ("json", "print the topic list (or --models-info) as JSON instead of text")
      ("taxonomy", po::value(&s.taxonomy_file), "taxonomy file (default: the installed drug-policy taxonomy)")
      ("tag", po::value(&s.tag_input)->implicit_value(""),
       "tag each line of FILE ('-' = standard input), or the --text texts, and print JSON lines")
      ("text", po::value(&s.texts)->composing(), "a text to tag (repeatable); implies --tag")
      ("lang", po::value(&s.lang), "with --tag: language of every text (ISO 639-1, e.g. en); default: detected per text")
      ("stance-model", po::value(&sopts.model_file),
       "stance model file, or 'none' for the cue lexicons only (default: see --models-info)")
      ("relevance-model", po::value(&topts.relevance_model),
       "topic relevance model file, or 'none' for the taxonomy's rules only (default: see --models-info)")
      ("models-info", "print the stance and relevance models in use: version, file, and where each was found");
  expert.add_options()
      ("stance-info", "the same as --models-info")
      ("stance", po::value(&s.stance_dir), "stance lexicon directory")
      ("stance-threshold", po::value(&sopts.threshold)->default_value(sopts.threshold), "")
      ("stance-off-topic", po::value(&sopts.off_topic_threshold)->default_value(sopts.off_topic_threshold), "")
      ("negation-window", po::value(&sopts.negation_window)->default_value(sopts.negation_window), "")
      ("cue-override", po::value(&sopts.cue_override)->default_value(sopts.cue_override), "")
      ("no-model-gate", "")
      ("gate-min-prob", po::value(&sopts.gate_min_prob)->default_value(sopts.gate_min_prob), "")
      ("relevance-threshold", po::value(&topts.relevance_threshold), "")
      ("relevance-beside-other-topics", "");
}

// What vigie topics was asked to do.
struct TopicsMode {
  bool tagging = false;  // --tag or --text
  bool info = false;     // --models-info (or --stance-info)
};

// Refuses options that do not apply to the chosen mode, and fills in the
// installed taxonomy, lexicons and models where none was given.
TopicsMode check_topics_options(TopicsSettings& s, const po::variables_map& vm) {
  TopicsMode m;
  m.tagging = vm.count("tag") > 0 || !s.texts.empty();
  if (m.tagging && s.tag_input.empty() && s.texts.empty())
    throw UsageError("--tag needs a FILE, '-' for standard input, or --text TEXT");
  if (!s.tag_input.empty() && !s.texts.empty()) throw UsageError("--tag FILE and --text are exclusive");
  s.topts.relevance_beside_other_topics = vm.count("relevance-beside-other-topics") > 0;
  if (s.topts.relevance_beside_other_topics && !m.tagging)
    throw UsageError("--relevance-beside-other-topics only applies with --tag");
  m.info = vm.count("stance-info") || vm.count("models-info");
  s.sopts.model_gate = !vm.count("no-model-gate");
  if (!m.tagging &&
      (vm.count("lang") || !vm["stance-threshold"].defaulted() || !vm["stance-off-topic"].defaulted() ||
       !vm["negation-window"].defaulted() || !vm["cue-override"].defaulted() || !vm["gate-min-prob"].defaulted() ||
       vm.count("no-model-gate")))
    throw UsageError("--lang, the stance thresholds and the model gate only apply with --tag");
  if (vm.count("relevance-model") && !m.tagging && !m.info)
    throw UsageError("--relevance-model only applies with --tag or --models-info");
  if (vm.count("relevance-threshold") &&
      (!m.tagging || !(s.topts.relevance_threshold > 0 && s.topts.relevance_threshold <= 1)))
    throw UsageError("--relevance-threshold needs --tag and a value in (0, 1]");
  if (!(s.sopts.cue_override >= 0) || !(s.sopts.gate_min_prob >= 0))
    throw UsageError("--cue-override and --gate-min-prob must be >= 0");
  if (s.taxonomy_file.empty()) s.taxonomy_file = corpora_dir() + "/taxonomy/drug-policy.json";
  if (s.stance_dir.empty()) s.stance_dir = corpora_dir() + "/stance";
  s.sopts.default_model = locations().stance_model;
  s.topts.default_relevance_model = locations().relevance_model;
  if (!s.lang.empty()) s.lang = normalized_lang(s.lang);
  if (m.tagging && m.info) throw UsageError("--tag and --models-info are exclusive");
  if (vm.count("stance-model") && !m.tagging && !m.info)
    throw UsageError("--stance-model only applies with --tag or --models-info");
  return m;
}

int run_topics(int argc, char** argv) {
  for (const char* task : {"stance", "relevance"})
    for (int i = 1; i < argc; ++i)
      if (std::string(argv[i]).rfind(std::string("--train-") + task, 0) == 0) return forward_training(argc, argv, task);
  TopicsSettings s;
  po::options_description opts("Options");
  po::options_description expert("Tuning");
  declare_topics_options(opts, expert, s);
  po::positional_options_description pos;
  po::variables_map vm;
  if (!parse(argc, argv, topics_spec(), opts, pos, vm, &expert)) return kExitOk;
  const TopicsMode m = check_topics_options(s, vm);
  if (m.info) {
    stance_info(topics::Taxonomy::load(s.taxonomy_file), s.topts, s.stance_dir, s.sopts, vm.count("json") > 0,
                std::cout);
    return kExitOk;
  }
  topics::Taxonomy tax = topics::Taxonomy::load(s.taxonomy_file);
  if (m.tagging) {
    if (!(s.sopts.threshold > 0) || !(s.sopts.off_topic_threshold > 0) || s.sopts.negation_window < 0)
      throw UsageError("--stance-threshold and --stance-off-topic must be > 0, --negation-window >= 0");
    return tag_lines(tax, s.topts, s.stance_dir, s.sopts, s.tag_input, s.texts, s.lang, std::cout);
  }
  if (vm.count("json")) {
    std::cout << topics::taxonomy_json(tax);
  } else {
    list_text(tax, std::cout);
    stance_info(tax, s.topts, s.stance_dir, s.sopts, false, std::cout);
  }
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("topics", "list the drug-policy topics; tag texts with topics and stance", run_topics);

}  // namespace vigie::app
