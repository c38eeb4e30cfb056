#include "analytics/topics/linear_features.h"

#include <sstream>

namespace vigie::topics {

std::string feature_line(const TextFeatureOptions& fo) {
  std::ostringstream out;
  out << "features bigrams " << int(fo.bigrams) << " chars " << fo.char_min << " " << fo.char_max << " negation "
      << int(fo.negation) << " unit_norm " << int(fo.unit_norm) << " char_weight " << fo.char_weight;
  return out.str();
}

bool parse_feature_line(const std::string& line, TextFeatureOptions& fo) {
  std::istringstream fl(line);
  std::string k0, k1, k2, k4, k5, k6;
  int bigrams, negation, unit_norm;
  TextFeatureOptions r;
  if (!(fl >> k0 >> k1 >> bigrams >> k2 >> r.char_min >> r.char_max >> k4 >> negation >> k5 >> unit_norm >> k6 >>
        r.char_weight) ||
      k0 != "features" || k1 != "bigrams" || k2 != "chars" || k4 != "negation" || k5 != "unit_norm" ||
      k6 != "char_weight" || !(r.char_weight >= 0) || r.char_max < 0 || r.char_max > 8 ||
      (r.char_max > 0 && (r.char_min < 1 || r.char_min > r.char_max)))
    return false;
  r.bigrams = bigrams != 0;
  r.negation = negation != 0;
  r.unit_norm = unit_norm != 0;
  fo = r;
  return true;
}

}  // namespace vigie::topics
