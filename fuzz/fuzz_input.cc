// Fuzz target: InputSource (decompression, line cutting, whole-document
// detection) on arbitrary bytes written to a temporary file. Corrupt gzip or
// zstd streams must end in InputError, never a crash or a hang.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/errors.h"
#include "indexer/readers/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::string path = [] {
    char tmpl[] = "/tmp/vigie-fuzz-input-XXXXXX";
    int fd = ::mkstemp(tmpl);
    if (fd >= 0) ::close(fd);
    return std::string(tmpl);
  }();
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  vigie::indexer::InputOptions o;
  o.chunk_bytes = 4096;
  o.max_record_bytes = 1 << 16;
  o.max_document_bytes = 1 << 20;
  try {
    auto in = vigie::indexer::InputSource::open(path, o);
    vigie::indexer::Chunk c;
    uint64_t next_line = 1;
    while (in->next(c)) {
      if (c.first_line < next_line) __builtin_trap();  // line numbers only move forward
      next_line = c.first_line + c.line_count;
      in->take_oversized_lines();
    }
  } catch (const vigie::InputError&) {
  }
  return 0;
}
