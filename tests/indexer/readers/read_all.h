// Test helpers for the readers: run InputSource + RecordParser over a file
// or an inline string. Test-only; not thread-safe (temp file names).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/record.h"
#include "indexer/readers/input.h"
#include "indexer/readers/parser.h"

namespace vigie::indexer::testing {

struct ReadResult {
  std::vector<Record> records;
  std::vector<Reject> rejects;
  std::vector<uint64_t> oversized;  // lines the input layer skipped
  std::vector<Chunk> chunks;        // kept only when asked
};

inline ReadResult read_file(const std::string& path, const ParseOptions& po = {},
                            const InputOptions& io = {}, bool keep_chunks = false) {
  ReadResult r;
  auto in = InputSource::open(path, io);
  RecordParser parser(po);
  Chunk c;
  while (in->next(c)) {
    parser.parse(c, r.records, r.rejects);
    if (keep_chunks) r.chunks.push_back(c);
    for (uint64_t l : in->take_oversized_lines()) r.oversized.push_back(l);
  }
  for (uint64_t l : in->take_oversized_lines()) r.oversized.push_back(l);
  return r;
}

inline std::filesystem::path temp_dir() {
  return std::filesystem::temp_directory_path() / ("vigie-readers-test-" + std::to_string(::getpid()));
}

// Removes this process's scratch folder when the test binary exits.
struct TempDirCleanup {
  ~TempDirCleanup() {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir(), ec);
  }
};
inline TempDirCleanup temp_dir_cleanup;

inline std::string temp_path(const std::string& name) {
  auto dir = temp_dir();
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

inline std::string write_temp(const std::string& name, const std::string& bytes) {
  std::string p = temp_path(name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

// Parses an inline string through a real file, so input rules (CRLF, BOM,
// whole documents) apply as they do in production.
inline ReadResult read_string(const std::string& bytes, const ParseOptions& po = {},
                              const InputOptions& io = {}) {
  return read_file(write_temp("inline.json", bytes), po, io);
}

inline std::string shared_dir() {
  if (const char* e = std::getenv("VIGIE_SHARED_DIR")) return e;
  return VIGIE_SHARED_DIR;
}

}  // namespace vigie::indexer::testing
