// vigie score: sentiment of texts, one per line, from files or stdin.
// Parallel (oneTBB pipeline of ordered batches): a serial reader cuts the
// input into batches of whole lines, workers score them, a serial writer
// prints them in input order.
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analytics/sentiment/sentiment.h"
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

struct Batch {
  std::string data;        // whole lines
  std::string out;
};

// Guess by script when CLD2 gives up (short texts): Arabic, Cyrillic, Han,
// Devanagari are unambiguous enough for the lexicon choice.
std::string script_language(std::string_view s) {
  int ar = 0, cy = 0, han = 0, dev = 0, kana = 0, latin = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') ++latin;
      continue;
    }
    if ((b & 0xE0) == 0xC0 && i + 1 < s.size()) {
      uint32_t cp = ((b & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
      if (cp >= 0x600 && cp <= 0x6FF) ++ar;
      else if (cp >= 0x400 && cp <= 0x4FF) ++cy;
    } else if ((b & 0xF0) == 0xE0 && i + 2 < s.size()) {
      uint32_t cp = ((b & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                    (static_cast<unsigned char>(s[i + 2]) & 0x3F);
      if (cp >= 0x4E00 && cp <= 0x9FFF) ++han;
      else if (cp >= 0x3040 && cp <= 0x30FF) ++kana;
      else if (cp >= 0x900 && cp <= 0x97F) ++dev;
    }
  }
  int best = std::max({ar, cy, han, dev});
  if (best == 0 || best < latin / 2 || kana > han / 2) return "und";
  if (best == ar) return "ar";
  if (best == cy) return "ru";
  if (best == han) return "zh";
  return "hi";
}

struct Settings {
  std::string lang;
  bool json = false;
  bool explain = false;
  // Drug-policy topics, topic-level sentiment and stance, in --json.
  const topics::TopicTagger* tagger = nullptr;
  const topics::StanceClassifier* stance = nullptr;
};

// Appends ,"topics":[...],"aspects":{...},"stance":"..." for one text: the
// same analysis `vigie index` stores (ICU tokens, taxonomy rules, stance
// cues; a topic's aspect sentiment is the mean compound of the sentences
// that mention it).
void append_topics(const sentiment::Scorer& scorer, const Settings& st, std::string_view line,
                   const std::string& lang, std::string& out) {
  thread_local text::Segmenter segmenter;
  thread_local text::StemmerSet stemmers;
  thread_local std::vector<text::Token> tokens;
  thread_local std::vector<topics::TopicHit> hits;
  thread_local std::vector<double> compounds;
  tokens.clear();
  segmenter.tokenize(line, tokens, /*sentences=*/true);
  st.tagger->tag(line, tokens, lang, stemmers, hits);
  const size_t nsent = tokens.empty() ? 0 : tokens.back().sentence + 1;
  if (!hits.empty()) scorer.score_sentences(line, tokens, nsent, lang, compounds);
  out += ",\"topics\":[";
  for (size_t i = 0; i < hits.size(); ++i) {
    if (i) out += ',';
    json::append_string(out, hits[i].id);
  }
  out += "],\"aspects\":{";
  bool first = true;
  for (const auto& h : hits) {
    auto a = topics::aspect_sentiment(h, compounds);
    if (!a) continue;
    if (!first) out += ',';
    first = false;
    json::append_string(out, h.id);
    out += ':';
    json::append_fixed(out, *a, 4);
  }
  out += "},\"stance\":";
  const topics::Stance stance = st.stance->classify(line, tokens, lang, hits, stemmers);
  json::append_string(out, topics::stance_name(stance.label));
  out += ",\"stance_lean\":";
  json::append_string(out, topics::stance_name(stance.lean));
}

void score_line(const sentiment::Scorer& scorer, const Settings& st, std::string_view line, std::string& out,
                std::vector<sentiment::SentenceScore>& sentences) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string lang = st.lang;
  if (lang.empty()) {
    lang = text::detect_language(line);
    if (lang == "und" || !scorer.has_language(lang)) {
      std::string s = script_language(line);
      if (s != "und") lang = s;
    }
  }
  if (!st.explain) {
    if (!st.json) {
      sentiment::Score sc = scorer.score(line, lang);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4f\t", sc.compound);
      out += buf;
      out += sentiment::label_name(sc.label);
      out += '\t';
      out += lang;
      out += '\n';
      return;
    }
    sentiment::Score sc = scorer.score_with_sentences(line, lang, sentences);
    out += "{\"compound\":";
    json::append_fixed(out, sc.compound, 4);
    out += ",\"label\":\"";
    out += sentiment::label_name(sc.label);
    out += "\",\"lang\":";
    json::append_string(out, lang);
    out += ",\"sentences\":[";
    for (size_t k = 0; k < sentences.size(); ++k) {
      if (k) out += ',';
      out += "{\"begin\":" + std::to_string(sentences[k].begin) + ",\"end\":" + std::to_string(sentences[k].end) +
             ",\"compound\":";
      json::append_fixed(out, sentences[k].compound, 4);
      out += '}';
    }
    out += ']';
    if (st.tagger) append_topics(scorer, st, line, lang, out);
    out += "}\n";
    return;
  }
  sentiment::Explanation ex = scorer.explain(line, lang);
  if (st.json) {
    out += "{\"compound\":";
    json::append_fixed(out, ex.score.compound, 4);
    out += ",\"label\":\"";
    out += sentiment::label_name(ex.score.label);
    out += "\",\"lang\":";
    json::append_string(out, lang);
    out += ",\"model\":";
    json::append_string(out, ex.model);
    out += ",\"sum\":";
    json::append_fixed(out, ex.sum, 4);
    out += ",\"punctuation\":";
    json::append_fixed(out, ex.punctuation, 4);
    out += ",\"items\":[";
    for (size_t k = 0; k < ex.items.size(); ++k) {
      const auto& c = ex.items[k];
      if (k) out += ',';
      out += "{\"term\":";
      json::append_string(out, c.term);
      out += ",\"begin\":" + std::to_string(c.begin) + ",\"end\":" + std::to_string(c.end) + ",\"valence\":";
      json::append_fixed(out, c.base, 3);
      out += ",\"final\":";
      json::append_fixed(out, c.final, 3);
      std::string rules = c.rules;
      while (!rules.empty() && rules.back() == ' ') rules.pop_back();
      out += ",\"rules\":";
      json::append_string(out, rules);
      out += '}';
    }
    out += "]}\n";
    return;
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "%.4f\t%s\t%s\tmodel=%s sum=%.3f punctuation=%+.3f\n", ex.score.compound,
                std::string(sentiment::label_name(ex.score.label)).c_str(), lang.c_str(), ex.model.c_str(), ex.sum,
                ex.punctuation);
  out += buf;
  for (const auto& c : ex.items) {
    std::snprintf(buf, sizeof buf, "  %-20s %+.3f -> %+.3f  ", c.term.c_str(), c.base, c.final);
    out += buf;
    out += c.rules;
    out += '\n';
  }
}

int run_score(int argc, char** argv) {
  po::options_description opts("Options");
  std::string model, taxonomy, stance_model, relevance_model;
  int threads = 0;
  bool no_topics = false;
  Settings st;
  std::vector<std::string> files;
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
    ("explain", po::bool_switch(&st.explain), "show the words and rules that moved each score (with --json: "
                                              "an \"items\" array)")
    ("threads,j", po::value(&threads), "worker threads (default: all cores)")
    ("input", po::value(&files), "input files (default or '-': standard input)");
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  CliSpec spec{
      "vigie score [--lang L] [--json] [--model NAME] [--explain] [FILE...]",
      "Scores the sentiment of texts, one per line. Output, one line per input line in input order:\n"
      "  compound<TAB>label<TAB>lang   (compound in [-1,1]; label positive if compound >= the language's\n"
      "  positive threshold, negative if <= its negative threshold, else neutral; +-0.05 for English)",
      "Examples:\n"
      "  echo 'The food was GREAT but the service was not good!' | vigie score --lang en\n"
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
  if (st.json && !st.explain && !no_topics) {
    topics::TaggerOptions to;
    to.relevance_model = relevance_model;
    tagger = topics::TopicTagger::load(
        topics::Taxonomy::load(taxonomy.empty() ? corpora_dir() + "/taxonomy/drug-policy.json" : taxonomy), to);
    topics::StanceOptions so;
    so.model_file = stance_model;
    stance = topics::StanceClassifier::load(corpora_dir() + "/stance", so);
    st.tagger = tagger.get();
    st.stance = stance.get();
  }
  int nthreads = threads > 0 ? threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(nthreads));

  if (files.empty()) files.push_back("-");
  for (const auto& f : files) {
    FILE* in = f == "-" ? stdin : std::fopen(f.c_str(), "rb");
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
                    score_line(*scorer, st, d.substr(at, nl - at), b->out, sentences);
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
