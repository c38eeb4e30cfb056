// Finding records by bracket depth alone, for a JSON value that failed to
// parse: the elements of an array and the members of an object, with
// strings and escapes respected. Lets the parser keep every complete record
// of a page around one bad record or a cut. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigie::indexer::detail {

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
