// The stance explanation as JSON (`vigie score --json --explain`, the
// server's document view): the one place that spells its shape.
#include <string>

#include "analytics/topics/stance_judge.h"
#include "core/json.h"

namespace vigie::topics {

std::string_view orientation_name(int orientation) {
  return orientation > 0 ? "liberalising" : orientation < 0 ? "punitive" : "none";
}

void append_json(std::string& out, const StanceExplanation& e) {
  json::JsonWriter w(out);
  w.begin_object();
  w.key("object").value(e.object);
  w.key("orientation").value(orientation_name(e.orientation));
  w.key("evaluations").begin_array();
  for (const StanceEvaluation& v : e.evaluations) {
    w.begin_object();
    w.key("cue").value(v.cue);
    w.key("polarity").value(v.polarity > 0 ? "approves" : "condemns");
    w.key("object").value(v.object);
    w.key("orientation").value(orientation_name(v.orientation));
    w.key("negated").value(v.negated);
    w.key("sarcastic").value(v.sarcastic);
    w.key("attributed").value(v.attributed);
    w.key("endorses_reported").value(v.endorses);
    w.key("contribution").fixed(v.contribution, 3);
    w.end_object();
  }
  w.end_array();
  w.key("loaded").begin_array();
  for (const auto& [cue, weight] : e.loaded) w.begin_object().key("cue").value(cue).key("weight").fixed(weight, 3).end_object();
  w.end_array();
  w.key("negation").value(e.negation);
  w.key("sarcasm").value(e.sarcasm);
  w.key("attribution").value(e.attribution);
  w.key("question").value(e.question);
  w.key("judgement").fixed(e.judgement, 3);
  w.key("cues").fixed(e.cues, 3);
  w.key("evidence").fixed(e.evidence, 3);
  if (e.decided_by == "combination") {
    w.key("probabilities").begin_object();
    w.key("reform").fixed(e.probabilities[0], 3);
    w.key("prohibition").fixed(e.probabilities[1], 3);
    w.key("none").fixed(e.probabilities[2], 3);
    w.end_object();
  }
  w.key("decided_by").value(e.decided_by.empty() ? "none" : e.decided_by);
  w.end_object();
}

}  // namespace vigie::topics
