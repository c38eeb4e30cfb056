// StanceCombiner: the shipped linear layer over the judgement's features
// (corpora/stance/combine.tsv); see stance_judge.h.
#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <string>

#include "analytics/topics/stance_judge.h"
#include "core/errors.h"
#include "core/text/trim.h"

namespace vigie::topics {

using text::trim;

StanceCombiner::StanceCombiner(std::string_view tsv) {
  std::array<bool, kFeatures> seen{};
  std::istringstream in{std::string(tsv)};
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    const std::string_view l = trim(line);
    if (l.empty() || l[0] == '#') continue;
    const std::string where = "combine.tsv:" + std::to_string(lineno);
    std::istringstream fields{std::string(l)};
    std::string name;
    std::array<double, 3> w{};
    if (!std::getline(fields, name, '\t') || !(fields >> w[0] >> w[1] >> w[2]))
      throw Error(where + ": expected 'feature<TAB>w_reform<TAB>w_prohibition<TAB>w_none'");
    const auto f = std::find(kNames.begin(), kNames.end(), std::string_view(name));
    if (f == kNames.end()) throw Error(where + ": unknown feature '" + name + "'");
    const size_t k = size_t(f - kNames.begin());
    if (seen[k]) throw Error(where + ": feature '" + name + "' given twice");
    seen[k] = true;
    w_[k] = w;
  }
  for (size_t k = 0; k < kFeatures; ++k)
    if (!seen[k]) throw Error("combine.tsv: feature '" + std::string(kNames[k]) + "' missing");
}

std::array<double, StanceCombiner::kFeatures> StanceCombiner::features(const StanceJudgement& j, double cue_evidence,
                                                                       bool topic) {
  return {1.0,
          j.reform,
          j.prohibition,
          std::min(j.reform, 3.0) - std::min(j.prohibition, 3.0),
          std::max(cue_evidence, 0.0),
          std::max(-cue_evidence, 0.0),
          j.attribution ? 1.0 : 0.0,
          j.sarcasm ? 1.0 : 0.0,
          j.negation ? 1.0 : 0.0,
          j.question ? 1.0 : 0.0,
          std::min(j.unpaired, 3) / 3.0,
          topic ? 1.0 : 0.0,
          j.reform > 0 && j.prohibition > 0 ? 1.0 : 0.0};
}

std::array<double, 3> StanceCombiner::probabilities(const StanceJudgement& j, double cue_evidence, bool topic) const {
  const auto x = features(j, cue_evidence, topic);
  std::array<double, 3> z{};
  for (size_t k = 0; k < kFeatures; ++k)
    for (size_t c = 0; c < 3; ++c) z[c] += w_[k][c] * x[k];
  const double m = std::max({z[0], z[1], z[2]});
  double sum = 0;
  for (double& v : z) sum += v = std::exp(v - m);
  for (double& v : z) v /= sum;
  return z;
}

int StanceCombiner::decide(const std::array<double, 3>& p, const StanceJudgement& j, double margin) {
  const double sided = std::max(p[0], p[1]);
  if (sided <= p[2] || sided - p[2] < margin) return 2;
  const double ev = j.evidence();
  return ev > 0 ? 0 : ev < 0 ? 1 : 2;
}

}  // namespace vigie::topics
