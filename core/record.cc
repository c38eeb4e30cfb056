#include "core/record.h"

namespace vigie {

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::tweet: return "tweet";
    case Kind::reddit: return "reddit";
    case Kind::news: return "news";
  }
  return "tweet";
}

std::optional<Kind> parse_kind(std::string_view s) {
  if (s == "tweet") return Kind::tweet;
  if (s == "reddit") return Kind::reddit;
  if (s == "news") return Kind::news;
  return std::nullopt;
}

std::string Origin::to_string() const {
  std::string s = file;
  s.push_back(':');
  s.append(std::to_string(line));
  if (record) {
    s.push_back('#');
    s.append(std::to_string(record));
  }
  return s;
}

}  // namespace vigie
