// Feed parsing: turns a Chunk of raw lines into Records and Rejects.
// Formats are detected per file and per line (or forced by --format):
//   twitter-v1  tweet objects, arrays of tweets, {"statuses":[...]}
//   twitter-v2  {"data":[...]|{...},"includes":{...}} pages and stream lines
//   reddit      Pushshift comments/submissions, {"kind":"Listing",...}
//   newsapi     {"status":"ok","articles":[...]} and bare articles
//   mediacloud  stories (title, text/story_text, publish_date, media_name)
//   jsonl       generic JSON Lines with a --map field mapping
// The rules for rejecting (docs/formats.md) live in parser.cc and are tested in
// tests/indexer/readers.
//
// Thread safety: a RecordParser is NOT thread-safe (it owns a simdjson
// parser); give each worker thread its own.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"
#include "indexer/readers/input.h"

namespace vigie::indexer {

enum class Format { automatic, twitter_v1, twitter_v2, reddit, newsapi, mediacloud, jsonl };
std::optional<Format> parse_format(std::string_view name);  // "auto", "twitter-v1", ...
std::string_view format_name(Format f);

// Generic JSON Lines mapping, from --map text=body,date=ts,id=uid,lang=lg,...
// Keys: text, title, date, id, lang, author, source, url, kind. Values are
// field names; dotted paths ("user.name") reach into objects.
struct FieldMap {
  std::map<std::string, std::string> fields;
  // Parses "text=a,date=b.c"; throws UsageError on an unknown key or bad syntax.
  static FieldMap parse(std::string_view spec);
};

struct ParseOptions {
  Format format = Format::automatic;
  FieldMap map;
  size_t max_record_bytes = 16u << 20;
  size_t max_depth = 1024;          // JSON nesting limit (simdjson's own is 1024)
  size_t max_field_bytes = 16u << 20;
};

class RecordParser {
 public:
  explicit RecordParser(const ParseOptions& options);
  ~RecordParser();
  RecordParser(const RecordParser&) = delete;
  RecordParser& operator=(const RecordParser&) = delete;

  // Appends the records and rejects of chunk (does not clear the vectors).
  void parse(const Chunk& chunk, std::vector<Record>& records, std::vector<Reject>& rejects);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigie::indexer
