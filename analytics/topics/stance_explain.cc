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
  out += "{\"object\":";
  json::append_string(out, e.object);
  out += ",\"orientation\":";
  json::append_string(out, orientation_name(e.orientation));
  out += ",\"evaluations\":[";
  for (size_t i = 0; i < e.evaluations.size(); ++i) {
    const StanceEvaluation& v = e.evaluations[i];
    if (i) out += ',';
    out += "{\"cue\":";
    json::append_string(out, v.cue);
    out += ",\"polarity\":";
    out += v.polarity > 0 ? "\"approves\"" : "\"condemns\"";
    out += ",\"object\":";
    json::append_string(out, v.object);
    out += ",\"orientation\":";
    json::append_string(out, orientation_name(v.orientation));
    out += ",\"negated\":";
    out += v.negated ? "true" : "false";
    out += ",\"sarcastic\":";
    out += v.sarcastic ? "true" : "false";
    out += ",\"attributed\":";
    out += v.attributed ? "true" : "false";
    out += ",\"endorses_reported\":";
    out += v.endorses ? "true" : "false";
    out += ",\"contribution\":";
    json::append_fixed(out, v.contribution, 3);
    out += '}';
  }
  out += "],\"loaded\":[";
  for (size_t i = 0; i < e.loaded.size(); ++i) {
    if (i) out += ',';
    out += "{\"cue\":";
    json::append_string(out, e.loaded[i].first);
    out += ",\"weight\":";
    json::append_fixed(out, e.loaded[i].second, 3);
    out += '}';
  }
  out += "],\"negation\":";
  out += e.negation ? "true" : "false";
  out += ",\"sarcasm\":";
  out += e.sarcasm ? "true" : "false";
  out += ",\"attribution\":";
  out += e.attribution ? "true" : "false";
  out += ",\"question\":";
  out += e.question ? "true" : "false";
  out += ",\"judgement\":";
  json::append_fixed(out, e.judgement, 3);
  out += ",\"cues\":";
  json::append_fixed(out, e.cues, 3);
  out += ",\"evidence\":";
  json::append_fixed(out, e.evidence, 3);
  if (e.decided_by == "combination") {
    out += ",\"probabilities\":{\"reform\":";
    json::append_fixed(out, e.probabilities[0], 3);
    out += ",\"prohibition\":";
    json::append_fixed(out, e.probabilities[1], 3);
    out += ",\"none\":";
    json::append_fixed(out, e.probabilities[2], 3);
    out += '}';
  }
  out += ",\"decided_by\":";
  json::append_string(out, e.decided_by.empty() ? "none" : e.decided_by);
  out += '}';
}

}  // namespace vigie::topics
