#include "indexer/readers/recover.h"

#include <algorithm>

namespace vigie::indexer::detail {

namespace {

size_t skip_ws(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

// End of the value starting at s[i], or npos when the text ends inside it.
size_t value_end(std::string_view s, size_t i) {
  if (i >= s.size()) return std::string_view::npos;
  if (s[i] == '"') {
    for (size_t j = i + 1; j < s.size(); ++j) {
      if (s[j] == '\\') ++j;
      else if (s[j] == '"') return j + 1;
    }
    return std::string_view::npos;
  }
  if (s[i] != '{' && s[i] != '[') {
    size_t j = i;
    while (j < s.size() && s[j] != ',' && s[j] != '}' && s[j] != ']' && s[j] != ' ' &&
           s[j] != '\n' && s[j] != '\r' && s[j] != '\t')
      ++j;
    return j;
  }
  size_t depth = 0;
  size_t close = for_each_bracket(s, i, [&](size_t, char c) {
    if (c == '{' || c == '[') ++depth;
    else --depth;
    return depth == 0;
  });
  return close == std::string_view::npos ? close : close + 1;
}

}  // namespace

size_t max_nesting(std::string_view s) {
  size_t depth = 0, deepest = 0;
  for_each_bracket(s, 0, [&](size_t, char c) {
    if (c == '{' || c == '[') deepest = std::max(deepest, ++depth);
    else if (depth > 0) --depth;
    return false;
  });
  return deepest;
}

std::vector<Span> array_elements(std::string_view s, size_t open) {
  std::vector<Span> out;
  size_t i = open + 1;
  for (;;) {
    i = skip_ws(s, i);
    if (i >= s.size() || s[i] == ']') break;
    size_t end = value_end(s, i);
    if (end == std::string_view::npos) {
      out.push_back(Span{i, s.size(), false});
      break;
    }
    if (end == i) ++end;  // a stray character: one (bad) element, then go on
    out.push_back(Span{i, end, true});
    i = skip_ws(s, end);
    if (i < s.size() && s[i] == ',') ++i;
  }
  return out;
}

std::vector<std::pair<std::string, Span>> object_members(std::string_view s, size_t open) {
  std::vector<std::pair<std::string, Span>> out;
  size_t i = open + 1;
  for (;;) {
    i = skip_ws(s, i);
    if (i >= s.size() || s[i] != '"') break;
    size_t kend = value_end(s, i);
    if (kend == std::string_view::npos) break;
    std::string key(s.substr(i + 1, kend - i - 2));
    i = skip_ws(s, kend);
    if (i >= s.size() || s[i] != ':') break;
    i = skip_ws(s, i + 1);
    size_t end = value_end(s, i);
    if (end == std::string_view::npos) {
      out.emplace_back(std::move(key), Span{i, s.size(), false});
      break;
    }
    out.emplace_back(std::move(key), Span{i, end, true});
    i = skip_ws(s, end);
    if (i >= s.size() || s[i] != ',') break;
    ++i;
  }
  return out;
}

}  // namespace vigie::indexer::detail
