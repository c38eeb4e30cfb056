// The rejects log: one line per rejected record or line, written as
//   file:line[#k]<TAB>reason<TAB>excerpt
// (a file name holding a tab, newline or other control byte, or starting
// with a double quote, is written in double quotes with C escapes)
// (excerpt = the first bytes of the record, newlines and tabs escaped).
// Analysts grep it; tests parse it; the summary counts it.
//
// Thread safety: add() may be called from any thread (internally locked);
// the pipeline calls it from its serial stages only, so the lock is cheap.
#pragma once

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "core/record.h"

namespace vigie::indexer {

class RejectsLog {
 public:
  // Opens path for writing ("" = count only, write nothing). The file is
  // emptied, or, when resuming, cut back to keep_bytes (its size at the
  // checkpoint) and appended to; the lines kept count as rejects of this run.
  // Throws vigie::Error when it cannot be opened.
  explicit RejectsLog(const std::string& path, uint64_t keep_bytes = 0);
  ~RejectsLog();
  RejectsLog(const RejectsLog&) = delete;
  RejectsLog& operator=(const RejectsLog&) = delete;

  void add(const Reject& r);
  void add_all(const std::vector<Reject>& rs);
  void flush();
  uint64_t count() const { return count_; }
  // Bytes written so far (after flush(): the file's size).
  uint64_t bytes() const { return bytes_; }
  const std::string& path() const { return path_; }

  // The line written for r (without the trailing newline).
  static std::string format(const Reject& r);

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::mutex mutex_;
  uint64_t count_ = 0;
  uint64_t bytes_ = 0;
};

}  // namespace vigie::indexer
