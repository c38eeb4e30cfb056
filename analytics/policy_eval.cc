#include "analytics/policy_eval.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "core/json.h"
#include "core/record.h"
#include "core/schema.h"

namespace vigie::analytics {
namespace {

void write_labels(json::JsonWriter& w, const metrics::PolicyLabels& l) {
  w.begin_object();
  w.key("sentiment").value(l.sentiment);
  w.key("topics").begin_array();
  for (const auto& t : l.topics) w.value(t);
  w.end_array();
  w.key("stance").value(l.stance);
  w.end_object();
}

}  // namespace

PolicyEvalResult evaluate_policy_gold(const std::vector<metrics::PolicyGoldItem>& items,
                                      const AnalyzerOptions& options, const std::string& lang) {
  Analyzer analyzer(options);
  PolicyEvalResult out;
  out.predictions.resize(items.size());
  struct Local {
    Analyzer::Workspace ws;
    Analysis analysis;
    Record record;
  };
  tbb::enumerable_thread_specific<Local> locals;
  tbb::parallel_for(size_t(0), items.size(), [&](size_t i) {
    Local& l = locals.local();
    l.record = Record{};
    l.record.text = items[i].text;
    l.record.lang = lang.empty() ? items[i].lang : lang;
    analyzer.analyze(l.record, l.ws, l.analysis);
    PolicyPrediction& p = out.predictions[i];
    p.lang = l.analysis.lang;
    p.compound = l.analysis.compound;
    p.labels.sentiment = l.analysis.label;
    p.labels.stance = l.analysis.stance;
    p.stance_score = l.analysis.stance_score;
    for (const auto& t : l.analysis.topics) p.labels.topics.push_back(t.id);
  });
  for (size_t i = 0; i < items.size(); ++i) out.evaluation.add(items[i], out.predictions[i].labels, out.predictions[i].lang);
  return out;
}

std::string prediction_json(const metrics::PolicyGoldItem& item, const PolicyPrediction& p) {
  std::string s;
  json::JsonWriter w(s);
  w.begin_object();
  w.key("id").value(item.id);
  w.key("lang").value(item.lang.empty() ? p.lang : item.lang);
  w.key("text").value(item.text);
  w.key("gold");
  write_labels(w, item.gold);
  w.key("predicted");
  write_labels(w, p.labels);
  w.key("score").begin_object();
  w.key("sentiment").fixed(p.compound, 4);
  w.key("stance").fixed(p.stance_score, 4);
  w.end_object();
  w.key("phenomena").begin_array();
  for (const auto& x : item.phenomena) w.value(x);
  w.end_array();
  w.end_object();
  return s;
}

}  // namespace vigie::analytics
