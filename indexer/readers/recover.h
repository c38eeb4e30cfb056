// Finding records by bracket depth alone, for a JSON value that failed to
// parse (and the bracket scanner the readers share): the elements of an array and the members of an object, with
// strings and escapes respected. Lets the parser keep every complete record
// of a page around one bad record or a cut. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigie::indexer::detail {

// Calls fn(position, bracket) for each of {}[] in s from i on that lies
// outside JSON strings; stops early when fn returns true and gives that
// position, else npos. The one bracket scanner of the readers.
template <class Fn>
size_t for_each_bracket(std::string_view s, size_t i, Fn&& fn) {
  bool in_string = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[' || c == '}' || c == ']') {
      if (fn(i, c)) return i;
    }
  }
  return std::string_view::npos;
}

// Deepest bracket nesting of s.
size_t max_nesting(std::string_view s);

struct Span {
  size_t begin = 0, end = 0;  // [begin, end) in the scanned text
  bool complete = false;      // false: the text ends inside this value
};

// Elements of the array whose '[' is at s[open].
std::vector<Span> array_elements(std::string_view s, size_t open);

// Members (raw key text, value span) of the object whose '{' is at s[open];
// stops at the first member whose syntax is broken.
std::vector<std::pair<std::string, Span>> object_members(std::string_view s, size_t open);

}  // namespace vigie::indexer::detail
