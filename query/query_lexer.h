// The lexical pieces of the query language shared by the syntax checks
// (query_check.cc) and the pre-processor and parser set-up
// (query_builder.cc): field lookup, white space, operators, and the error
// that puts a caret under the problem. Internal to query/.
//
// Thread safety: pure functions.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "core/errors.h"
#include "query/query_builder.h"

namespace vigie::query::lexer {

inline const FieldSpec* find_field(std::string_view name) {
  for (const auto& f : fields())
    if (f.name == name) return &f;
  return nullptr;
}

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Operators of Xapian's query language that must keep their upper case.
inline bool is_binary_operator(std::string_view t) {
  if (t == "AND" || t == "OR" || t == "XOR") return true;
  for (std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
    if (t == op) return true;
    if (t.size() > op.size() + 1 && t.substr(0, op.size()) == op && t[op.size()] == '/' &&
        std::all_of(t.begin() + op.size() + 1, t.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return true;
  }
  return false;
}
inline bool is_operator(std::string_view t) { return t == "NOT" || is_binary_operator(t); }

inline size_t display_column(std::string_view s, size_t byte_pos) {
  size_t col = 0;
  for (size_t i = 0; i < byte_pos && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++col;
  return col;
}

[[noreturn]] inline void syntax_error(std::string_view query, size_t pos, const std::string& what) {
  std::string msg = "malformed query: " + what + "\n  " + std::string(query) + "\n  " +
                    std::string(display_column(query, pos), ' ') + "^";
  throw UsageError(msg);
}

}  // namespace vigie::query::lexer
