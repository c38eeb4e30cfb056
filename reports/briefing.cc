#include "reports/briefing.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include <simdjson.h>

#include "core/errors.h"

namespace vigie::reports {

void clamp_interval(Sentiment& s) {
  if (s.lo) s.lo = std::max(-1.0, *s.lo);
  if (s.hi) s.hi = std::min(1.0, *s.hi);
}

Sentiment from_summary(const series::SentimentSummary& s) {
  Sentiment out;
  out.n = s.mean.n;
  out.mean = s.mean.mean;
  out.lo = s.mean.lo;
  out.hi = s.mean.hi;
  clamp_interval(out);
  out.sd = s.mean.sd;
  out.positive = s.positive;
  out.neutral = s.neutral;
  out.negative = s.negative;
  return out;
}

void apply_spikes(std::vector<SeriesEntry>& entries, const series::SpikeOptions& options) {
  std::vector<uint64_t> counts;
  counts.reserve(entries.size());
  for (const SeriesEntry& e : entries) counts.push_back(e.count);
  auto results = series::detect_spikes(std::span<const uint64_t>(counts), options);
  for (size_t i = 0; i < entries.size(); ++i) {
    entries[i].spike = results[i].spike;
    entries[i].score = results[i].score;
  }
}

Share make_share(uint64_t k, uint64_t n) {
  Share s{k, n, std::nullopt, std::nullopt, std::nullopt};
  if (auto w = series::wilson_ci95(std::min(k, n), n)) {
    s.value = w->p;
    s.lo = w->lo;
    s.hi = w->hi;
  }
  return s;
}

int64_t generation_time() {
  if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env && *env) {
    std::string_view v(env);
    int64_t t = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), t);
    if (ec != std::errc() || p != v.data() + v.size())
      throw UsageError("SOURCE_DATE_EPOCH must be an integer number of seconds, got '" +
                       std::string(v) + "'");
    return t;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void load_accuracy(const std::string& path, Method& method) {
  method.accuracy_file = path;
  method.accuracy.clear();
  method.accuracy_available = false;
  std::error_code fec;
  if (path.empty() || !std::filesystem::exists(path, fec)) {
    method.accuracy_note = path.empty() ? "No accuracy file was given; accuracy is not measured."
                                        : "No accuracy file at " + path +
                                              ": run `vigie eval --write-accuracy` to measure it.";
    return;
  }
  simdjson::padded_string json;
  if (auto err = simdjson::padded_string::load(path).get(json)) {
    method.accuracy_note = "Accuracy file " + path + " could not be read: " +
                           simdjson::error_message(err);
    return;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object obj;
  if (auto err = parser.parse(json).get(root); err || root.get(obj)) {
    method.accuracy_note = "Accuracy file " + path + " is not a JSON object; ignored.";
    return;
  }
  for (auto [lang, value] : obj) {
    LanguageAccuracy acc;
    simdjson::dom::object entry;
    if (value.get(entry)) continue;  // a field of the wrong type: skip that language
    // Two shapes: one result per language ({"dataset", "macro_f1", ...}, as
    // `vigie eval --write-accuracy` writes), or results per dataset
    // ({"xlmt-en": {...}, "vader-tweets": {...}}, as benchmarks/sentiment_eval.sh
    // merges them). For the latter the report shows the XLM-T result when there
    // is one (the same benchmark in every language), else the first dataset.
    double d;
    if (entry["macro_f1"].get(d) && entry["accuracy"].get(d)) {
      simdjson::dom::object chosen;
      std::string_view chosen_name;
      for (auto [name, sub] : entry) {
        simdjson::dom::object o;
        if (sub.get(o)) continue;
        if (chosen_name.empty() || (name.substr(0, 5) == "xlmt-" && chosen_name.substr(0, 5) != "xlmt-")) {
          chosen = o;
          chosen_name = name;
        }
      }
      if (chosen_name.empty()) continue;
      entry = chosen;
      acc.dataset = std::string(chosen_name);
    }
    std::string_view ds;
    if (!entry["dataset"].get(ds)) acc.dataset = std::string(ds);
    if (!entry["macro_f1"].get(d)) acc.macro_f1 = d;
    if (!entry["accuracy"].get(d)) acc.accuracy = d;
    method.accuracy[std::string(lang)] = std::move(acc);
  }
  method.accuracy_available = !method.accuracy.empty();
  method.accuracy_note = method.accuracy_available
                             ? "Measured by `vigie eval` on labelled data; read from " + path + "."
                             : "Accuracy file " + path + " lists no language.";
}

}  // namespace vigie::reports
