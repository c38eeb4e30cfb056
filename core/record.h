// A Record is one post or article as read from a feed, before analysis.
// Readers fill it; the analyzer and the document builder consume it.
// Plain value type: copy freely, no references into parser buffers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie {

enum class Kind : uint8_t { tweet, reddit, news };

std::string_view kind_name(Kind k);
// "tweet" | "reddit" | "news" -> Kind; nullopt otherwise.
std::optional<Kind> parse_kind(std::string_view s);

// Where a record came from: file, 1-based line, and for a record inside a
// page (a JSON array or an API response with many records) its 1-based
// position k in that page, 0 when the line holds exactly one record.
struct Origin {
  std::string file;
  uint64_t line = 0;
  uint32_t record = 0;
  std::string to_string() const;  // "file:line" or "file:line#k"
};

struct Record {
  std::string id;     // id as in the feed (tweet id, reddit id, url or story id)
  Kind kind = Kind::tweet;
  std::string text;   // main body: full_text / text / body / content...
  std::string title;  // news title, reddit submission title
  std::string lang;   // declared language as in the feed ("" if none)
  std::optional<int64_t> time;  // UTC seconds since epoch; nullopt = undated
  std::string author;
  std::string source;  // outlet, subreddit, or tweeting client
  std::string url;
  std::vector<std::string> hashtags;  // from entities if present (without '#')
  int64_t engagement = 0;             // retweets+likes, reddit score...
  bool is_retweet = false;
  Origin origin;
};

// A record, or a whole line, that could not be indexed.
struct Reject {
  Origin origin;
  std::string reason;   // short, stable, e.g. "invalid JSON: TAPE_ERROR"
  std::string excerpt;  // first bytes of the record (valid UTF-8, escaped)
};

}  // namespace vigie
