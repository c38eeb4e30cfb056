// Fuzz target: the text core on arbitrary bytes (invalid UTF-8 included):
// segmentation offsets stay inside the input and in order, index_form is
// idempotent, language id never throws.
#include <cstdint>
#include <string>
#include <vector>

#include "core/text/langid.h"
#include "core/text/normalize.h"
#include "core/text/segment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vigie::text::Segmenter seg;
  std::string s(reinterpret_cast<const char*>(data), size);
  std::vector<vigie::text::Token> tokens;
  seg.tokenize(s, tokens, true);
  uint32_t prev = 0;
  for (const auto& t : tokens) {
    if (t.begin > t.end || t.end > s.size() || t.begin < prev) __builtin_trap();
    prev = t.begin;
  }
  std::string f = vigie::text::index_form(s);
  if (vigie::text::index_form(f) != f) __builtin_trap();
  (void)vigie::text::resolve_language("", s);
  return 0;
}
