// vigie score: sentiment of texts, one per line, from files or stdin, or
// given with --text. The work is analytics::score_stream/score_line.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analytics/score_text.h"
#include "analytics/sentiment/domain.h"
#include "analytics/sentiment/sentiment.h"
#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "app/command.h"
#include "app/locations.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/text/langid.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::app {
namespace {

// The drug-policy analysis `--json` and `--explain` add: the taxonomy's
// tagger, the stance classifier and the domain sentiment rules, owned here
// and lent to the settings.
struct TopicAnalysis {
  std::unique_ptr<topics::TopicTagger> tagger;
  std::unique_ptr<topics::StanceClassifier> stance;
  std::shared_ptr<const sentiment::DomainLexicon> domain;

  void load(const std::string& taxonomy, const std::string& stance_model, const std::string& relevance_model,
            analytics::ScoreSettings& st) {
    topics::TaggerOptions to;
    to.relevance_model = relevance_model;
    to.default_relevance_model = locations().relevance_model;
    tagger = topics::TopicTagger::load(
        topics::Taxonomy::load(taxonomy.empty() ? corpora_dir() + "/taxonomy/drug-policy.json" : taxonomy), to);
    topics::StanceOptions so;
    so.model_file = stance_model;
    so.default_model = locations().stance_model;
    stance = topics::StanceClassifier::load(corpora_dir() + "/stance", so);
    domain = sentiment::DomainLexicon::load(corpora_dir() + "/sentiment/domain");
    st.tagger = tagger.get();
    st.stance = stance.get();
    st.domain = domain.get();
  }
};


CliSpec score_spec() {
  return {
      "vigie score [--lang L] [--json] [--model NAME] [--explain] [FILE... | --text TEXT...]",
      "Scores the sentiment of texts, one per line. Output, one line per input line in input order:\n"
      "  compound<TAB>label<TAB>lang   (compound in [-1,1]; label positive if compound >= the language's\n"
      "  positive threshold, negative if <= its negative threshold, else neutral; +-0.05 for English)",
      "Examples:\n"
      "  echo 'The food was GREAT but the service was not good!' | vigie score --lang en\n"
      "  vigie score --text 'Legalise it!' --text 'Ce n'\\''est pas mal du tout'\n"
      "  vigie score --json tweets.txt > scores.jsonl\n"
      "  vigie score --lang fr --explain <<< \"Ce n'est pas mal du tout\"\n"
      "Exit status: 0 ok, 1 unreadable input or data, 2 usage error."};
}

// --text TEXT...: each text one output line, in order.
int score_texts(const sentiment::Scorer& scorer, const analytics::ScoreSettings& st,
                const std::vector<std::string>& texts) {
  std::vector<sentiment::SentenceScore> sentences;
  std::string out;
  for (std::string t : texts) {
    std::replace(t.begin(), t.end(), '\n', ' ');  // one text, one output line
    analytics::score_line(scorer, st, t, out, sentences);
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0)
    throw Error("cannot write to standard output");
  return kExitOk;
}

int run_score(int argc, char** argv) {
  po::options_description opts("Options");
  std::string model, taxonomy, stance_model, relevance_model;
  int threads = 0;
  bool no_topics = false;
  analytics::ScoreSettings st;
  std::vector<std::string> files, texts;
  opts.add_options()
    ("lang,l", po::value(&st.lang), "ISO 639-1 language of every line (en, fr, zh...); default: detect per line "
                                    "with CLD2, falling back to the script (Arabic, Cyrillic, Han, Devanagari); "
                                    "a language without a lexicon is scored from emoji, emoticons and punctuation")
    ("json", po::bool_switch(&st.json), "one JSON object per input line, in order: {\"compound\": float in [-1,1], "
                                        "\"label\": \"positive|neutral|negative\", \"lang\": \"xx\", "
                                        "\"sentences\": [{\"begin\",\"end\",\"compound\"}], \"topics\": [ids], "
                                        "\"aspects\": {topic: sentiment}, \"stance\": \"reform|prohibition|none\", "
                                        "\"stance_lean\": the side the text leans to even when too weakly for a stance "
                                        "(a forced pro/con choice for texts known to be arguments)}")
    ("no-topics", po::bool_switch(&no_topics), "with --json, leave out topics, aspects and stance (faster)")
    ("taxonomy", po::value(&taxonomy), "taxonomy file for topics (default: corpora/taxonomy/drug-policy.json)")
    ("stance-model", po::value(&stance_model), kStanceModelHelp)
    ("relevance-model", po::value(&relevance_model), kRelevanceModelHelp)
    ("model,m", po::value(&model), "sentiment model: \"lexicon\" (rules only), a model file or a name under "
                                   "corpora/sentiment/models/; default: per language, the trained model marked "
                                   "default, else the lexicon")
    ("explain", po::bool_switch(&st.explain), "show the evidence behind each output: the lexicon words and rules, "
                                              "a trained model's top features (their contributions add up to its "
                                              "positive-minus-negative margin), the drug-policy sentiment rules, and "
                                              "each topic's matching rule entries. With --json: an \"explain\" object "
                                              "{\"sentiment\", \"topics\", \"stance\"}, beside the lexicon "
                                              "\"items\" array")
    ("threads,j", po::value(&threads), "worker threads (default: all cores)")
    ("text,t", po::value(&texts)->composing(), "a text to score, given on the command line (repeatable; one "
                                               "output line each, in order)")
    ("input", po::value(&files), "input files (default or '-': standard input)");
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  if (!parse(argc, argv, score_spec(), opts, pos, vm)) return kExitOk;
  if (threads < 0) throw UsageError("--threads must be >= 0");
  if (!st.lang.empty()) {
    std::string n = text::normalize_lang_tag(st.lang);
    if (n.empty() && st.lang != "und") throw UsageError("--lang: unknown language '" + st.lang + "'");
    st.lang = n.empty() ? "und" : n;
  }
  auto scorer = sentiment::Scorer::load(corpora_dir(), model);
  TopicAnalysis topics;
  if ((st.json || st.explain) && !no_topics) topics.load(taxonomy, stance_model, relevance_model, st);
  int nthreads = threads > 0 ? threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(nthreads));

  if (!texts.empty()) {
    if (!files.empty()) throw UsageError("give texts with --text or input files, not both");
    return score_texts(*scorer, st, texts);
  }
  if (files.empty()) files.push_back("-");
  for (const auto& f : files) {
    FILE* in = f == "-" ? stdin : std::fopen(f.c_str(), "rb");
    if (in == nullptr && errno == ENOENT) throw InputError(no_such_input_file(f));
    if (in == nullptr) throw InputError("cannot read " + f + ": " + std::strerror(errno));
    std::unique_ptr<FILE, int (*)(FILE*)> guard(in == stdin ? nullptr : in, &std::fclose);
    analytics::score_stream(*scorer, st, in, f, stdout, static_cast<size_t>(nthreads) * 2);
  }
  if (std::fflush(stdout) != 0) throw Error("cannot write to standard output");
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("score", "sentiment of texts, one per line; with --json also topics, aspects, stance", run_score);

}  // namespace vigie::app
