// The syntax and field checks of the query language (query_builder.h):
// check_syntax() and check_fields(), with messages that quote the query and
// put a caret under the problem.
#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.h"
#include "core/record.h"
#include "core/text/normalize.h"
#include "query/limits.h"
#include "query/query_builder.h"
#include "query/query_lexer.h"

namespace vigie::query {
using namespace lexer;

namespace {

// NEAR/n and ADJ/n: n is a whole number in the documented range ("NEAR/-1",
// "NEAR/0" and "NEAR/99999999999" are errors, not words).
void check_window(std::string_view q, size_t pos, std::string_view tok) {
  for (std::string_view op : {std::string_view("NEAR/"), std::string_view("ADJ/")}) {
    if (tok.substr(0, op.size()) != op) continue;
    std::string_view n = tok.substr(op.size());
    int64_t v = 0;
    auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), v);
    if (n.empty() || ec != std::errc() || end != n.data() + n.size() || v < kMinNearWindow || v > kMaxNearWindow) {
      syntax_error(q, pos, std::string(tok) + ": the window must be a whole number in " + std::to_string(kMinNearWindow) +
                               ".." + std::to_string(kMaxNearWindow));
    }
  }
}

void count_term(std::string_view q, size_t& terms) {
  if (++terms > kMaxQueryTerms) {
    throw UsageError("malformed query: more than " + std::to_string(kMaxQueryTerms) +
                     " terms (words, phrase words and fields); a query may hold at most " +
                     std::to_string(kMaxQueryTerms) + " (query of " + std::to_string(q.size()) + " bytes)");
  }
}

}  // namespace

void check_syntax(std::string_view q) {
  std::vector<size_t> open;  // positions of unclosed '('
  size_t terms = 0;
  size_t quote = std::string_view::npos;
  // Previous significant token: 0 start, 1 operand, 2 binary operator, 3 NOT, 4 '('.
  int prev = 0;
  size_t prev_pos = 0;
  size_t i = 0;
  while (i < q.size()) {
    char c = q[i];
    if (quote != std::string_view::npos) {
      if (c == '"') {
        quote = std::string_view::npos;
        prev = 1;
      } else if (!is_space(c) && (i == quote + 1 || is_space(q[i - 1]))) {
        count_term(q, terms);  // a word of the phrase
      }
      ++i;
      continue;
    }
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '"') {
      quote = i++;
      continue;
    }
    if (c == '(') {
      open.push_back(i++);
      prev = 4;
      continue;
    }
    if (c == ')') {
      if (open.empty()) syntax_error(q, i, "')' without a matching '('");
      if (prev == 2 || prev == 3) syntax_error(q, prev_pos, "operator without a right-hand operand");
      if (prev == 4) syntax_error(q, i, "empty brackets");
      open.pop_back();
      ++i;
      prev = 1;
      continue;
    }
    size_t j = i;
    while (j < q.size() && !is_space(q[j]) && q[j] != '(' && q[j] != ')' && q[j] != '"') ++j;
    std::string_view tok = q.substr(i, j - i);
    check_window(q, i, tok);
    if (is_binary_operator(tok)) {
      if (prev != 1) syntax_error(q, i, std::string(tok) + " without a left-hand operand");
      prev = 2;
    } else if (tok == "NOT") {
      if (prev == 3) syntax_error(q, i, "NOT NOT");
      prev = 3;
    } else {
      size_t colon = tok.find(':');
      if (colon != std::string_view::npos && colon > 0) {
        const FieldSpec* f = find_field(tok.substr(0, colon));
        if (f && colon + 1 == tok.size() && (j >= q.size() || q[j] != '"')) {
          syntax_error(q, i, "empty value for " + std::string(f->name) + ":");
        }
        if (f && f->name == "date" && tok.find("..") == std::string_view::npos) {
          syntax_error(q, i, "date: takes a range, e.g. date:2019-03-11..2019-03-17 or date:2019-03-11..");
        }
      }
      prev = 1;
      count_term(q, terms);
    }
    prev_pos = i;
    i = j;
  }
  if (quote != std::string_view::npos) syntax_error(q, quote, "unterminated phrase: '\"' without a closing '\"'");
  if (!open.empty()) syntax_error(q, open.back(), "'(' without a matching ')'");
  if (prev == 2 || prev == 3) syntax_error(q, prev_pos, "operator without a right-hand operand");
}

namespace {

// Optimal string alignment distance (Levenshtein plus adjacent swaps: a
// typed "lnag" is one edit from "lang").
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// The candidate a typo most likely meant: the only one starting with it, or
// the nearest within a third of its length (at least 1 edit); "" if none.
std::string nearest(std::string_view typed, const std::vector<std::string>& candidates) {
  std::string prefixed;
  size_t n_prefixed = 0;
  for (const auto& c : candidates)
    if (c.size() > typed.size() && c.compare(0, typed.size(), typed) == 0) {
      prefixed = c;
      ++n_prefixed;
    }
  if (n_prefixed == 1 && typed.size() >= 4) return prefixed;
  std::string best;
  size_t best_d = std::max<size_t>(1, typed.size() / 3) + 1;
  for (const auto& c : candidates) {
    const size_t dist = edit_distance(typed, c);
    if (dist < best_d) {
      best_d = dist;
      best = c;
    }
  }
  return best;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : std::string(sep)) + x;
  return out;
}

// The error for a token at pos: the message, the query, a caret.
[[noreturn]] void field_error(std::string_view query, size_t pos, const std::string& what) {
  throw UsageError(what + "\n  " + std::string(query) + "\n  " + std::string(display_column(query, pos), ' ') + "^");
}

bool is_field_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  });
}

// The closed set of a field's values, or nullptr when the field is open.
const std::vector<std::string>* closed_values(std::string_view field, const std::vector<std::string>& topic_ids) {
  static const std::vector<std::string> kKinds = {"tweet", "reddit", "news"};
  static const std::vector<std::string> kFlags = {"undated", "retweet", "duplicate"};
  static const std::vector<std::string> kStances = {"reform", "prohibition", "none"};
  static const std::vector<std::string> kLabels = {"positive", "neutral", "negative"};
  if (field == "kind") return &kKinds;
  if (field == "flag") return &kFlags;
  if (field == "stance") return &kStances;
  if (field == "label" || field == "sentiment") return &kLabels;
  if (field == "topic" && !topic_ids.empty()) return &topic_ids;
  return nullptr;
}

// sentiment:x..y with both ends numbers and x > y (a malformed bound is the
// range processor's error).
bool reversed_sentiment(std::string_view range) {
  const size_t dots = range.find("..");
  auto number = [](std::string_view s) -> std::optional<double> {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    double v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return v;
  };
  auto a = number(range.substr(0, dots)), b = number(range.substr(dots + 2));
  return a && b && *a > *b;
}

}  // namespace

void check_fields(std::string_view q, const std::vector<std::string>& topic_ids) {
  std::vector<std::string> names;
  for (const auto& f : fields()) names.emplace_back(f.name);
  size_t i = 0;
  while (i < q.size()) {
    if (q[i] == '"') {  // quoted text stays words
      const size_t close = q.find('"', i + 1);
      i = close == std::string_view::npos ? q.size() : close + 1;
      continue;
    }
    if (is_space(q[i]) || q[i] == '(' || q[i] == ')') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < q.size() && !is_space(q[j]) && q[j] != '(' && q[j] != ')' && q[j] != '"') ++j;
    size_t start = i;
    std::string_view tok = q.substr(i, j - i);
    i = j;
    if ((tok[0] == '+' || tok[0] == '-') && tok.size() > 1) {
      tok.remove_prefix(1);
      ++start;
    }
    const size_t colon = tok.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    const std::string_view name = tok.substr(0, colon);
    std::string_view value = tok.substr(colon + 1);
    if (!is_field_name(name) || value.substr(0, 2) == "//") continue;  // 10:30, http://...
    const FieldSpec* f = find_field(name);
    if (!f) {
      const std::string hint = nearest(text::fold_case(name), names);
      field_error(q, start,
                  "unknown field '" + std::string(name) + "'" + (hint.empty() ? "" : " (did you mean " + hint + "?)") +
                      "; fields: " + join(names, " ") + "; to search the text itself, put it in quotes");
    }
    std::string quoted;
    if (value.empty() && j < q.size() && q[j] == '"') {
      const size_t close = q.find('"', j + 1);
      quoted = std::string(q.substr(j + 1, close == std::string_view::npos ? std::string_view::npos : close - j - 1));
      value = quoted;
    }
    if (value.empty()) continue;  // check_syntax's error
    const bool range = value.find("..") != std::string_view::npos;
    if (f->name == "date" && range) {
      const size_t dots = value.find("..");
      const auto a = parse_range_start(value.substr(0, dots), "date: range start");
      const auto b = parse_range_end(value.substr(dots + 2), "date: range end");
      if (a && b && *a > *b)
        field_error(q, start, "reversed range " + std::string(tok) + ": the first day is after the last");
      continue;
    }
    if (f->name == "sentiment" && range) {
      if (reversed_sentiment(value))
        field_error(q, start, "reversed range " + std::string(tok) + ": the lower bound is above the upper");
      continue;
    }
    const std::vector<std::string>* valid = closed_values(f->name, topic_ids);
    if (!valid) continue;
    const std::string folded = text::fold_case(value);
    if (std::find(valid->begin(), valid->end(), folded) != valid->end()) continue;
    const std::string hint = nearest(folded, *valid);
    field_error(q, start,
                "unknown " + std::string(f->name) + " '" + std::string(value) + "'" +
                    (hint.empty() ? "" : " (did you mean " + hint + "?)") + "; valid values: " + join(*valid, ", ") +
                    (f->name == "sentiment" ? ", or a range such as sentiment:-1..-0.05" : ""));
  }
}

}  // namespace vigie::query
