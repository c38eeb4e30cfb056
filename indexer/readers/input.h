// Reading raw input: plain, .gz and .zst files, and standard input ("-").
// Cuts the decompressed stream into chunks of whole lines for the parallel
// parser, or hands a whole file over as one document when it is a single
// (pretty-printed) JSON value spanning many lines.
//
// Thread safety: an InputSource is used by the serial reader stage only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vigie::indexer {

struct InputOptions {
  size_t chunk_bytes = 1 << 20;           // target size of a chunk of lines (bounds memory in flight)
  size_t max_record_bytes = 16u << 20;    // a longer line is rejected, not loaded
  size_t max_document_bytes = 1u << 30;   // a whole-file JSON document bigger than this is rejected
};

struct Chunk {
  std::string file;         // as given on the command line ("-" for stdin)
  uint64_t first_line = 1;  // 1-based line number of the first line in data
  uint64_t line_count = 0;
  bool whole_document = false;  // data is one JSON value spanning line_count lines
  std::string data;             // whole lines, each ending in '\n'; the string's
                                // capacity leaves simdjson's padding free
  uint64_t sequence = 0;        // position of this chunk in the whole run (0, 1, ...)
};

class InputSource {
 public:
  virtual ~InputSource() = default;
  // Opens path ("-" = stdin), detecting compression by magic bytes.
  // Throws InputError naming the path when it cannot be opened (missing,
  // a directory, permission).
  static std::unique_ptr<InputSource> open(const std::string& path, const InputOptions& options);

  // Fills out with the next chunk. Returns false at the end of input.
  // Lines longer than max_record_bytes are not returned: they are reported
  // through oversized_lines() instead (their line numbers still count).
  // A read or decompression error (truncated gzip...) throws InputError
  // after all complete data before it has been returned.
  virtual bool next(Chunk& out) = 0;

  // Lines skipped for being too long since the last call (line numbers), cleared on read.
  virtual std::vector<uint64_t> take_oversized_lines() = 0;
};

}  // namespace vigie::indexer
