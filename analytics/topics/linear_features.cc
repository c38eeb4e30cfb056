#include "analytics/topics/linear_features.h"

#include <charconv>
#include <filesystem>
#include <cmath>
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

bool parse_weight_row(std::string_view line, uint64_t& row, float* values, int n) {
  const char* p = line.data();
  const char* const end = p + line.size();
  auto skip_blanks = [&] {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) ++p;
  };
  skip_blanks();
  auto r = std::from_chars(p, end, row);
  if (r.ec != std::errc() || r.ptr == p) return false;
  p = r.ptr;
  for (int k = 0; k < n; ++k) {
    const char* before = p;
    skip_blanks();
    if (p == before || p == end) return false;  // values are separated from what precedes them
    // from_chars does not take a leading '+' (istream did); the writers never emit one.
    auto v = std::from_chars(p, end, values[k]);
    if (v.ec != std::errc() || !std::isfinite(values[k])) return false;
    p = v.ptr;
  }
  skip_blanks();
  return p == end;
}

ModelFileReader::ModelFileReader(const std::string& path, std::string_view kind) : path_(path) {
  if (!std::filesystem::is_regular_file(path)) throw UsageError(std::string(kind) + " model not found: " + path);
  in_.open(path);
}

const std::string& ModelFileReader::next(const char* what) {
  ++n_;
  if (!std::getline(in_, line_)) throw bad(std::string("missing ") + what);
  return line_;
}

void ModelFileReader::weight_rows(size_t rows, int width, std::vector<float>& w) {
  float v[8];
  if (width < 1 || width > 8) throw bad("bad weight width");
  while (std::getline(in_, line_)) {
    ++n_;
    uint64_t r;
    if (!parse_weight_row(line_, r, v, width) || r >= rows) throw bad("bad weight line");
    std::copy(v, v + width, w.begin() + static_cast<std::ptrdiff_t>(r * size_t(width)));
  }
}

}  // namespace vigie::topics
