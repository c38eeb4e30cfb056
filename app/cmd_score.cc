// vigie score: sentiment of texts, one per line, from files or stdin.
// Parallel (oneTBB pipeline of ordered batches): a serial reader cuts the
// input into batches of whole lines, workers score them, a serial writer
// prints them in input order.
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

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

struct Batch {
  std::string data;        // whole lines
  std::string out;
};


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
  CliSpec spec{
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
  if (!parse(argc, argv, spec, opts, pos, vm)) return kExitOk;
  if (threads < 0) throw UsageError("--threads must be >= 0");
  if (!st.lang.empty()) {
    std::string n = text::normalize_lang_tag(st.lang);
    if (n.empty() && st.lang != "und") throw UsageError("--lang: unknown language '" + st.lang + "'");
    st.lang = n.empty() ? "und" : n;
  }
  auto scorer = sentiment::Scorer::load(corpora_dir(), model);
  std::unique_ptr<topics::TopicTagger> tagger;
  std::unique_ptr<topics::StanceClassifier> stance;
  std::shared_ptr<const sentiment::DomainLexicon> domain;
  if ((st.json || st.explain) && !no_topics) {
    topics::TaggerOptions to;
    to.relevance_model = relevance_model;
    to.default_relevance_model = locations().relevance_model;
    tagger = topics::TopicTagger::load(
        topics::Taxonomy::load(taxonomy.empty() ? corpora_dir() + "/taxonomy/drug-policy.json" : taxonomy), to);
    topics::StanceOptions so;
    so.model_file = stance_model;
    so.default_model = locations().stance_model;
    stance = topics::StanceClassifier::load(corpora_dir() + "/stance", so);
    st.tagger = tagger.get();
    st.stance = stance.get();
    domain = sentiment::DomainLexicon::load(corpora_dir() + "/sentiment/domain");
    st.domain = domain.get();
  }
  int nthreads = threads > 0 ? threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(nthreads));

  if (!texts.empty()) {
    if (!files.empty()) throw UsageError("give texts with --text or input files, not both");
    std::vector<sentiment::SentenceScore> sentences;
    std::string out;
    for (std::string t : texts) {
      std::replace(t.begin(), t.end(), '\n', ' ');  // one text, one output line
      analytics::score_line(*scorer, st, t, out, sentences);
    }
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0)
      throw Error("cannot write to standard output");
    return kExitOk;
  }
  if (files.empty()) files.push_back("-");
  for (const auto& f : files) {
    FILE* in = f == "-" ? stdin : std::fopen(f.c_str(), "rb");
    if (in == nullptr && errno == ENOENT) throw InputError(no_such_input_file(f));
    if (in == nullptr) throw InputError("cannot read " + f + ": " + std::strerror(errno));
    std::unique_ptr<FILE, int (*)(FILE*)> guard(in == stdin ? nullptr : in, &std::fclose);
    std::string carry;
    bool eof = false;
    constexpr size_t kBatch = 256 * 1024;
    tbb::parallel_pipeline(
        static_cast<size_t>(nthreads) * 2,
        tbb::make_filter<void, std::shared_ptr<Batch>>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& fc) -> std::shared_ptr<Batch> {
              if (eof && carry.empty()) {
                fc.stop();
                return nullptr;
              }
              auto b = std::make_shared<Batch>();
              b->data.swap(carry);
              while (!eof) {
                size_t old = b->data.size();
                b->data.resize(old + kBatch);
                size_t got = std::fread(b->data.data() + old, 1, kBatch, in);
                b->data.resize(old + got);
                if (got < kBatch) {
                  if (std::ferror(in)) throw InputError("read error on " + f);
                  eof = true;
                }
                size_t nl = b->data.rfind('\n');
                if (nl != std::string::npos && nl >= old) {
                  carry.assign(b->data, nl + 1, std::string::npos);
                  b->data.resize(nl + 1);
                  break;
                }
              }
              if (eof && !b->data.empty() && b->data.back() != '\n') b->data.push_back('\n');
              return b;
            }) &
            tbb::make_filter<std::shared_ptr<Batch>, std::shared_ptr<Batch>>(
                tbb::filter_mode::parallel,
                [&](std::shared_ptr<Batch> b) {
                  thread_local std::vector<sentiment::SentenceScore> sentences;
                  std::string_view d = b->data;
                  b->out.reserve(d.size() / 2 + 64);
                  size_t at = 0;
                  while (at < d.size()) {
                    size_t nl = d.find('\n', at);
                    analytics::score_line(*scorer, st, d.substr(at, nl - at), b->out, sentences);
                    at = nl + 1;
                  }
                  return b;
                }) &
            tbb::make_filter<std::shared_ptr<Batch>, void>(
                tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Batch> b) {
                  if (std::fwrite(b->out.data(), 1, b->out.size(), stdout) != b->out.size())
                    throw Error("cannot write to standard output");
                }));
  }
  if (std::fflush(stdout) != 0) throw Error("cannot write to standard output");
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("score", "sentiment of texts, one per line; with --json also topics, aspects, stance", run_score);

}  // namespace vigie::app
