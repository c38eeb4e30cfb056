// Fuzz target: one feed reader (format forced by VIGIE_FUZZ_FORMAT, or
// automatic detection) on arbitrary bytes. The input is split at the first
// byte: 0 = lines (JSON Lines), 1 = one whole document. Any crash, sanitizer
// report, or exception escaping the parser is a finding: the parser must
// turn every bad input into Rejects.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <simdjson.h>

#include "indexer/readers/parser.h"

using namespace vigie;
using namespace vigie::indexer;

namespace {

ParseOptions options() {
  ParseOptions o;
  auto f = parse_format(std::string_view(VIGIE_FUZZ_FORMAT) == "auto" ? "auto" : VIGIE_FUZZ_FORMAT);
  if (!f) {
    std::string name = VIGIE_FUZZ_FORMAT;
    for (auto& c : name)
      if (c == '_') c = '-';
    f = parse_format(name);
  }
  o.format = f ? *f : Format::automatic;
  if (o.format == Format::jsonl) o.map = FieldMap::parse("text=t,date=d,id=i,lang=l,title=h,author=a.b");
  o.max_record_bytes = 1 << 20;
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static RecordParser parser(options());
  if (size == 0) return 0;
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
  }
  return 0;
}
