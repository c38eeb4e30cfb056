// Generic JSON Lines read through a --map field mapping: one walk over an
// object that descends only into the objects a dotted path needs, then one
// Record from what it found.
//
// Not thread-safe: one MappedReader per RecordParser (its slots are reused
// from object to object).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/record.h"
#include "indexer/readers/fields.h"
#include "indexer/readers/json_scan.h"

namespace vigie::indexer::detail {

class MappedReader {
 public:
  // map: record key (text, title, date, id, lang, author, source, url, kind) -> field path.
  explicit MappedReader(std::map<std::string, std::string> map);

  // Reads the mapped fields of one object (forgetting the previous one's).
  sj::error_code read(od::object o);
  // The record of the object last read; false with reason for a reject.
  bool build(size_t max_field_bytes, Record& r, std::string& reason);

 private:
  struct Slot {
    std::string path;
    Str value;             // a number is present but not a string...
    bool numeric = false;  // ...and its JSON text is kept in value.v (ids)
    DateVal date;
  };
  sj::error_code walk(od::object o, std::string& prefix, int level);
  Slot* slot(std::string_view key);
  std::string get(std::string_view key);

  std::vector<std::pair<std::string, Slot>> slots_;  // key -> slot
};

}  // namespace vigie::indexer::detail
