// Micro-benchmarks of the text core on real short texts: tokenizing tweets
// per language (with and without the sentence pass), index_form on their
// tokens, and CLD2 language detection. Target (STYLE.md): >= 70k tweets/s
// per core for tokenizing.
//
// Texts: the XLM-T validation tweets (ar en fr es de it pt), 500 Weibo posts
// (zh) and 500 RuSentNE sentences (ru), read from $VIGIE_SHARED_DIR/data or
// the compiled-in VIGIE_SHARED_DIR; a language whose file is missing is
// skipped. Documents are shuffled with a fixed seed so runs are comparable.
// Before timing, each benchmark checks that the output is non-trivial
// (every set yields tokens), so a broken build cannot look fast.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/text/langid.h"
#include "core/text/normalize.h"
#include "core/text/segment.h"

namespace {

using vigie::text::Segmenter;
using vigie::text::Token;

std::string shared_dir() {
  if (const char* env = std::getenv("VIGIE_SHARED_DIR"); env && *env) return env;
  return VIGIE_SHARED_DIR;
}

std::vector<std::string> read_lines(const std::string& path, size_t max) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (out.size() < max && std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

std::vector<std::string> read_weibo(const std::string& path, size_t max) {
  std::ifstream in(path);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> out;
  const std::string key = "\"content\": \"";
  for (size_t p = all.find(key); p != std::string::npos && out.size() < max; p = all.find(key, p)) {
    p += key.size();
    size_t q = all.find("\", \"label\"", p);
    if (q == std::string::npos) break;
    out.push_back(all.substr(p, q - p));
  }
  return out;
}

std::vector<std::string> read_rusentne(const std::string& path, size_t max) {
  std::vector<std::string> out = read_lines(path, max + 1);
  if (!out.empty()) out.erase(out.begin());  // header
  for (auto& s : out) s = s.substr(0, s.find('\t'));
  return out;
}

const std::map<std::string, std::vector<std::string>>& corpus() {
  static const auto kCorpus = [] {
    std::map<std::string, std::vector<std::string>> c;
    const std::string d = shared_dir() + "/data/";
    const std::pair<const char*, const char*> xlmt[] = {{"ar", "arabic"},  {"en", "english"}, {"fr", "french"},
                                                        {"es", "spanish"}, {"de", "german"},  {"it", "italian"},
                                                        {"pt", "portuguese"}};
    for (auto [code, dir] : xlmt) c[code] = read_lines(d + "xlmt/" + dir + "/val_text.txt", 1000);
    c["zh"] = read_weibo(d + "smp2020-weibo/usual_eval_labeled.json", 500);
    c["ru"] = read_rusentne(d + "rusentne/train_data.csv", 500);
    std::mt19937 rng(42);
    for (auto it = c.begin(); it != c.end();) {
      if (it->second.empty()) {
        std::cerr << "text_analysis: no texts for " << it->first << " under " << d << ", skipped\n";
        it = c.erase(it);
      } else {
        std::shuffle(it->second.begin(), it->second.end(), rng);
        ++it;
      }
    }
    return c;
  }();
  return kCorpus;
}

size_t total_bytes(const std::vector<std::string>& docs) {
  size_t n = 0;
  for (const auto& d : docs) n += d.size();
  return n;
}

void BM_Tokenize(benchmark::State& state, const std::string& lang, bool sentences) {
  const auto& docs = corpus().at(lang);
  Segmenter seg;
  std::vector<Token> tokens;
  tokens.reserve(256);
  size_t ntok = 0;
  for (const auto& d : docs) {
    tokens.clear();
    seg.tokenize(d, tokens, sentences);
    ntok += tokens.size();
  }
  if (ntok == 0) {
    state.SkipWithError("no tokens: tokenizer broken");
    return;
  }
  for (auto _ : state) {
    for (const auto& d : docs) {
      tokens.clear();
      seg.tokenize(d, tokens, sentences);
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));  // docs/s
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes(docs)));
  state.counters["tokens_per_doc"] = double(ntok) / docs.size();
}

void BM_IndexForm(benchmark::State& state, const std::string& lang) {
  const auto& docs = corpus().at(lang);
  Segmenter seg;
  std::vector<Token> tokens;
  std::vector<std::string> words;
  for (const auto& d : docs) {
    tokens.clear();
    seg.tokenize(d, tokens, false);
    for (const auto& t : tokens) words.emplace_back(d.substr(t.begin, t.end - t.begin));
  }
  if (words.empty()) {
    state.SkipWithError("no words");
    return;
  }
  for (auto _ : state)
    for (const auto& w : words) benchmark::DoNotOptimize(vigie::text::index_form(w));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words.size()));  // tokens/s
}

void BM_DetectLanguage(benchmark::State& state, const std::string& lang) {
  const auto& docs = corpus().at(lang);
  size_t hits = 0;
  for (const auto& d : docs) hits += vigie::text::detect_language(d) == lang;
  state.counters["accuracy"] = double(hits) / docs.size();
  for (auto _ : state)
    for (const auto& d : docs) benchmark::DoNotOptimize(vigie::text::detect_language(d));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));  // docs/s
}

}  // namespace

int main(int argc, char** argv) {
  for (const auto& [lang, docs] : corpus()) {
    benchmark::RegisterBenchmark(("tokenize/" + lang).c_str(), BM_Tokenize, lang, true);
    benchmark::RegisterBenchmark(("tokenize_no_sentences/" + lang).c_str(), BM_Tokenize, lang, false);
    benchmark::RegisterBenchmark(("index_form/" + lang).c_str(), BM_IndexForm, lang);
    benchmark::RegisterBenchmark(("detect_language/" + lang).c_str(), BM_DetectLanguage, lang);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
