// Scores a drug-policy gold set (metrics/policy_gold.h) with the document
// analyzer: every item goes through exactly the analysis `vigie index`
// stores (language, tokens, sentiment, topics, stance), and the labels it
// gives are compared with the gold ones.
//
// Thread safety: free function; runs items in parallel on oneTBB's arena
// (the caller bounds it with tbb::global_control).
#pragma once

#include <string>
#include <vector>

#include "analytics/analyzer.h"
#include "analytics/metrics/policy_gold.h"

namespace vigie::analytics {

struct PolicyPrediction {
  std::string lang;  // the language the analysis used
  metrics::PolicyLabels labels;
  double compound = 0;      // sentiment compound in [-1, 1]
  double stance_score = 0;  // confidence of the stance label
};

struct PolicyEvalResult {
  metrics::PolicyEvaluation evaluation;
  std::vector<PolicyPrediction> predictions;  // one per item, in input order
};

// Analyses every item (its "lang" field names its language; lang, when not
// empty, overrides it; "" and no field = detect) and evaluates. The options
// must have sentiment and topics on.
PolicyEvalResult evaluate_policy_gold(const std::vector<metrics::PolicyGoldItem>& items,
                                      const AnalyzerOptions& options, const std::string& lang = "");

// One JSON line for --predictions: {"id", "lang", "text", "gold": {sentiment,
// topics, stance}, "predicted": {...}, "score": {"sentiment": compound,
// "stance": confidence}, "phenomena": [...]} (no trailing newline).
std::string prediction_json(const metrics::PolicyGoldItem& item, const PolicyPrediction& p);

}  // namespace vigie::analytics
