#include "analytics/metrics/policy_gold.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "core/json.h"

namespace vigie::metrics {
namespace {

size_t class_index(const std::vector<std::string>& classes, std::string_view name, const char* what) {
  auto it = std::find(classes.begin(), classes.end(), name);
  if (it == classes.end()) {
    std::string valid;
    for (const auto& c : classes) valid += (valid.empty() ? "" : ", ") + c;
    throw Error(std::string("unknown ") + what + " '" + std::string(name) + "' (valid: " + valid + ")");
  }
  return static_cast<size_t>(it - classes.begin());
}

double ratio(uint64_t a, uint64_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0; }

// One JSON line of a gold-jsonl file into item; fail(reason) throws.
template <class Fail>
void parse_line(simdjson::ondemand::parser& parser, std::string_view line, PolicyGoldItem& item, Fail fail) {
  simdjson::padded_string padded(line);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object obj;
  if (auto err = parser.iterate(padded).get(doc)) fail(std::string("invalid JSON: ") + simdjson::error_message(err));
  if (doc.get_object().get(obj)) fail("expected a JSON object");
  bool has_text = false;
  for (auto field : obj) {
    std::string_view key;
    if (field.unescaped_key().get(key)) fail("invalid JSON key");
    auto string_field = [&](std::string& dst) {
      std::string_view s;
      if (field.value().get_string().get(s)) fail("\"" + std::string(key) + "\" must be a string");
      dst = std::string(s);
    };
    auto list_field = [&](std::vector<std::string>& dst) {
      simdjson::ondemand::array arr;
      if (field.value().get_array().get(arr)) fail("\"" + std::string(key) + "\" must be an array of strings");
      for (auto v : arr) {
        std::string_view s;
        if (v.get_string().get(s)) fail("\"" + std::string(key) + "\" must be an array of strings");
        dst.emplace_back(s);
      }
    };
    if (key == "id") string_field(item.id);
    else if (key == "lang") string_field(item.lang);
    else if (key == "kind") string_field(item.kind);
    else if (key == "text") {
      string_field(item.text);
      has_text = true;
    } else if (key == "sentiment") string_field(item.gold.sentiment);
    else if (key == "stance") string_field(item.gold.stance);
    else if (key == "topics") list_field(item.gold.topics);
    else if (key == "phenomena") list_field(item.phenomena);
    // Other members (notes, split...) belong to other tools.
  }
  if (!has_text) fail("no \"text\"");
  try {
    class_index(sentiment_classes(), item.gold.sentiment, "sentiment");
    class_index(stance_classes(), item.gold.stance, "stance");
  } catch (const Error& e) {
    fail(e.what());
  }
}

void write_confusion(json::JsonWriter& w, const Confusion& cm, const std::vector<std::string>& classes) {
  w.key("accuracy").fixed(cm.accuracy(), 4);
  w.key("macro_f1").fixed(cm.macro_f1(), 4);
  w.key("classes");
  append_classes_json(w, cm, classes);
  w.key("confusion").begin_object();
  w.key("order").begin_array();
  for (const auto& c : classes) w.value(c);
  w.end_array();
  w.key("rows");
  append_rows_json(w, cm);
  w.end_object();
}

void write_topic(json::JsonWriter& w, const TopicScores& t) {
  w.key("precision").fixed(t.precision(), 4);
  w.key("recall").fixed(t.recall(), 4);
  w.key("f1").fixed(t.f1(), 4);
  w.key("tp").value(t.tp);
  w.key("fp").value(t.fp);
  w.key("fn").value(t.fn);
}

void write_scores(json::JsonWriter& w, const PolicyScores& s) {
  w.begin_object();
  w.key("items").value(s.items);
  w.key("sentiment").begin_object();
  write_confusion(w, s.sentiment, sentiment_classes());
  w.end_object();
  w.key("stance").begin_object();
  write_confusion(w, s.stance, stance_classes());
  w.key("sided").value(s.sided);
  w.key("wrong_side").value(s.wrong_side);
  w.key("wrong_side_rate").fixed(s.wrong_side_rate(), 4);
  w.end_object();
  w.key("topics").begin_object();
  w.key("micro_f1").fixed(s.topics_micro_f1(), 4);
  w.key("macro_f1").fixed(s.topics_macro_f1(), 4);
  w.key("exact_accuracy").fixed(s.topics_exact_accuracy(), 4);
  write_topic(w, s.topics);
  w.key("per_topic").begin_object();
  for (const auto& [id, t] : s.per_topic) {
    w.key(id).begin_object();
    write_topic(w, t);
    w.end_object();
  }
  w.end_object();
  w.end_object();
  w.key("phenomena").begin_object();
  for (const auto& [name, p] : s.phenomena) {
    w.key(name).begin_object();
    w.key("items").value(p.items);
    w.key("sentiment_accuracy").fixed(ratio(p.sentiment_ok, p.items), 4);
    w.key("stance_accuracy").fixed(ratio(p.stance_ok, p.items), 4);
    w.key("topics_exact_accuracy").fixed(ratio(p.topics_ok, p.items), 4);
    w.end_object();
  }
  w.end_object();
  w.end_object();
}

void text_confusion(std::ostringstream& o, const char* title, const Confusion& cm,
                    const std::vector<std::string>& classes) {
  char buf[160];
  o << "  " << title << " (rows gold, columns predicted)\n  " << std::string(13, ' ');
  for (const auto& c : classes) {
    std::snprintf(buf, sizeof buf, "%12s", c.c_str());
    o << buf;
  }
  o << '\n';
  for (size_t a = 0; a < classes.size(); ++a) {
    std::snprintf(buf, sizeof buf, "  %-13s", classes[a].c_str());
    o << buf;
    for (size_t b = 0; b < classes.size(); ++b) {
      std::snprintf(buf, sizeof buf, "%12llu", static_cast<unsigned long long>(cm.at(a, b)));
      o << buf;
    }
    o << '\n';
  }
}

}  // namespace

const std::vector<std::string>& sentiment_classes() {
  static const std::vector<std::string> c = {"negative", "neutral", "positive"};
  return c;
}

const std::vector<std::string>& stance_classes() {
  static const std::vector<std::string> c = {"reform", "prohibition", "none"};
  return c;
}

std::vector<PolicyGoldItem> read_policy_gold(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + path + ": no such file or not readable");
  simdjson::ondemand::parser parser;
  std::vector<PolicyGoldItem> out;
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    PolicyGoldItem item;
    parse_line(parser, line, item, [&](const std::string& why) {
      throw Error(path + ":" + std::to_string(lineno) + ": " + why);
    });
    out.push_back(std::move(item));
  }
  if (in.bad()) throw InputError("read error on " + path);
  return out;
}

double TopicScores::precision() const { return ratio(tp, tp + fp); }
double TopicScores::recall() const { return ratio(tp, tp + fn); }
double TopicScores::f1() const { return tp ? 2.0 * static_cast<double>(tp) / static_cast<double>(2 * tp + fp + fn) : 0; }

double PolicyScores::wrong_side_rate() const { return ratio(wrong_side, sided); }

double PolicyScores::topics_macro_f1() const {
  if (per_topic.empty()) return 0;
  double sum = 0;
  for (const auto& [id, t] : per_topic) sum += t.f1();
  return sum / static_cast<double>(per_topic.size());
}

double PolicyScores::topics_exact_accuracy() const { return ratio(topics_exact, items); }

void PolicyEvaluation::add(const PolicyGoldItem& gold, const PolicyLabels& predicted, std::string_view lang) {
  const size_t gs = class_index(sentiment_classes(), gold.gold.sentiment, "gold sentiment");
  const size_t ps = class_index(sentiment_classes(), predicted.sentiment, "predicted sentiment");
  const size_t gt = class_index(stance_classes(), gold.gold.stance, "gold stance");
  const size_t pt = class_index(stance_classes(), predicted.stance, "predicted stance");
  const std::set<std::string> g(gold.gold.topics.begin(), gold.gold.topics.end());
  const std::set<std::string> p(predicted.topics.begin(), predicted.topics.end());
  const bool sided = gt != 2;
  const bool wrong = sided && pt != 2 && pt != gt;
  const std::string key = gold.lang.empty() ? std::string(lang.empty() ? "und" : lang) : gold.lang;
  for (PolicyScores* s : {&by_lang_[key], &all_}) {
    ++s->items;
    s->sentiment.add(gs, ps);
    s->stance.add(gt, pt);
    s->sided += sided;
    s->wrong_side += wrong;
    for (const auto& t : g) {
      auto& pt_scores = s->per_topic[t];
      if (p.count(t)) {
        ++pt_scores.tp;
        ++s->topics.tp;
      } else {
        ++pt_scores.fn;
        ++s->topics.fn;
      }
    }
    for (const auto& t : p) {
      if (g.count(t)) continue;
      ++s->per_topic[t].fp;
      ++s->topics.fp;
    }
    s->topics_exact += g == p;
    for (const auto& ph : gold.phenomena) {
      auto& x = s->phenomena[ph];
      ++x.items;
      x.sentiment_ok += gs == ps;
      x.stance_ok += gt == pt;
      x.topics_ok += g == p;
    }
  }
}

std::string PolicyEvaluation::to_json() const {
  std::string out;
  json::JsonWriter w(out);
  w.begin_object();
  w.key("items").value(all_.items);
  w.key("languages").begin_object();
  for (const auto& [lang, s] : by_lang_) {
    w.key(lang);
    write_scores(w, s);
  }
  w.end_object();
  w.key("all");
  write_scores(w, all_);
  w.end_object();
  return out;
}

std::string PolicyEvaluation::to_text() const {
  std::ostringstream o;
  char buf[64];
  std::vector<std::pair<std::string, const PolicyScores*>> cols;
  for (const auto& [lang, s] : by_lang_) cols.emplace_back(lang, &s);
  cols.emplace_back("all", &all_);
  auto row = [&](const char* name, auto value, bool percent) {
    std::snprintf(buf, sizeof buf, "%-24s", name);
    o << buf;
    for (const auto& c : cols) {
      double v = value(*c.second);
      if (percent) std::snprintf(buf, sizeof buf, "%8.0f%%", 100 * v);
      else std::snprintf(buf, sizeof buf, "%9.3f", v);
      o << buf;
    }
    o << '\n';
  };
  std::snprintf(buf, sizeof buf, "%-24s", "");
  o << buf;
  for (const auto& c : cols) {
    std::snprintf(buf, sizeof buf, "%9s", c.first.c_str());
    o << buf;
  }
  o << '\n';
  std::snprintf(buf, sizeof buf, "%-24s", "items");
  o << buf;
  for (const auto& c : cols) {
    std::snprintf(buf, sizeof buf, "%9llu", static_cast<unsigned long long>(c.second->items));
    o << buf;
  }
  o << '\n';
  row("stance macro-F1", [](const PolicyScores& s) { return s.stance.macro_f1(); }, false);
  row("stance wrong side", [](const PolicyScores& s) { return s.wrong_side_rate(); }, true);
  row("sentiment macro-F1", [](const PolicyScores& s) { return s.sentiment.macro_f1(); }, false);
  row("topics micro-F1", [](const PolicyScores& s) { return s.topics_micro_f1(); }, false);
  row("topics macro-F1", [](const PolicyScores& s) { return s.topics_macro_f1(); }, false);
  for (const auto& [lang, s] : cols) {
    o << "\n" << lang << ":\n";
    text_confusion(o, "sentiment", s->sentiment, sentiment_classes());
    text_confusion(o, "stance", s->stance, stance_classes());
    o << "  phenomenon        items  sentiment   stance  topics(exact)\n";
    for (const auto& [name, p] : s->phenomena) {
      char line[128];
      std::snprintf(line, sizeof line, "  %-16s %6llu %10.3f %8.3f %14.3f\n", name.c_str(),
                    static_cast<unsigned long long>(p.items), ratio(p.sentiment_ok, p.items),
                    ratio(p.stance_ok, p.items), ratio(p.topics_ok, p.items));
      o << line;
    }
  }
  return o.str();
}

}  // namespace vigie::metrics
