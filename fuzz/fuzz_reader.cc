// Fuzz target: one feed reader (format forced by VIGIE_FUZZ_FORMAT, or
// automatic detection) on arbitrary bytes. The first byte is a mode: bit 0
// set = one whole document, clear = lines (JSON Lines); bits 1-3 pick the
// --map of the jsonl target. Any crash, sanitizer
// report, or exception escaping the parser is a finding: the parser must
// turn every bad input into Rejects.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <simdjson.h>

#include "indexer/readers/parser.h"

using namespace vigie;
using namespace vigie::indexer;

namespace {

// --map combinations for the jsonl target, picked by bits 1-3 of the first
// byte: one input key feeding several record keys, dotted paths, numbers.
constexpr const char* kMaps[] = {
    "text=t,date=d,id=i,lang=l,title=h,author=a.b",
    "text=t,title=t,id=link,url=link",
    "text=m.b,id=m.b,date=m.b",
    "text=t,author=who,source=who,kind=k",
    "text=t,url=link",
    "text=a.b.c,title=a.b,date=d,lang=a.l",
    "title=h,text=h,date=h,id=h,lang=h,author=h,source=h,url=h,kind=h",
    "text=text,date=date",
};

ParseOptions options(unsigned map_index) {
  ParseOptions o;
  auto f = parse_format(std::string_view(VIGIE_FUZZ_FORMAT) == "auto" ? "auto" : VIGIE_FUZZ_FORMAT);
  if (!f) {
    std::string name = VIGIE_FUZZ_FORMAT;
    for (auto& c : name)
      if (c == '_') c = '-';
    f = parse_format(name);
  }
  o.format = f ? *f : Format::automatic;
  if (o.format == Format::jsonl) o.map = FieldMap::parse(kMaps[map_index]);
  o.max_record_bytes = 1 << 20;
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<RecordParser> parsers[std::size(kMaps)];
  if (size == 0) return 0;
  const unsigned map_index = (data[0] >> 1) & 7;
  if (!parsers[map_index]) parsers[map_index] = std::make_unique<RecordParser>(options(map_index));
  RecordParser& parser = *parsers[map_index];
  Chunk c;
  c.file = "fuzz";
  c.whole_document = data[0] & 1;
  c.data.reserve(size + simdjson::SIMDJSON_PADDING);
  c.data.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (!c.whole_document && !c.data.empty() && c.data.back() != '\n') c.data.push_back('\n');
  c.line_count = 1;
  for (char ch : c.data) c.line_count += ch == '\n';
  std::vector<Record> records;
  std::vector<Reject> rejects;
  parser.parse(c, records, rejects);
  for (const auto& r : records) {
    // Invariants of an accepted record (docs/formats.md).
    if (r.text.empty() && r.title.empty()) __builtin_trap();
    if (r.id.empty()) __builtin_trap();  // every record gets an id (a hash at worst)
  }
  // Every reject points inside the chunk.
  for (const auto& j : rejects)
    if (j.origin.line < c.first_line || j.origin.line > c.first_line + c.line_count) __builtin_trap();
  return 0;
}
