#include "indexer/rejects.h"

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <unistd.h>

#include "core/errors.h"

namespace vigie::indexer {
namespace {

void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out.push_back(c);
    }
  }
}

// A file name that would break the line format (tab, newline, other
// control bytes) or starts with a quote is written quoted, as git quotes
// paths: "a\tb.json":3. Plain names stay as they are.
std::string quoted_file(const std::string& f) {
  bool plain = f.empty() || f.front() != '"';
  for (unsigned char c : f)
    if (c < 0x20 || c == 0x7f) plain = false;
  if (plain) return f;
  std::string out = "\"";
  for (unsigned char c : f) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\%03o", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

}  // namespace

RejectsLog::RejectsLog(const std::string& path, uint64_t keep_bytes) : path_(path) {
  if (path.empty()) return;
  if (keep_bytes) {
    // Keep the first keep_bytes (whole lines written before the checkpoint).
    std::FILE* in = std::fopen(path.c_str(), "r");
    if (in) {
      char buf[1 << 16];
      uint64_t left = keep_bytes;
      while (left) {
        size_t n = std::fread(buf, 1, std::min<uint64_t>(left, sizeof buf), in);
        if (!n) break;
        for (size_t i = 0; i < n; ++i) count_ += buf[i] == '\n';
        left -= n;
      }
      std::fclose(in);
      if (::truncate(path.c_str(), static_cast<off_t>(keep_bytes - left)) != 0)
        throw Error("cannot truncate rejects log " + path + ": " + std::strerror(errno));
      bytes_ = keep_bytes - left;
    }
  }
  file_ = std::fopen(path.c_str(), bytes_ ? "a" : "w");
  if (!file_) throw Error("cannot open rejects log " + path + ": " + std::strerror(errno));
}

RejectsLog::~RejectsLog() {
  if (file_) std::fclose(file_);
}

std::string RejectsLog::format(const Reject& r) {
  std::string line = quoted_file(r.origin.file) + ":" + std::to_string(r.origin.line);
  if (r.origin.record) line += "#" + std::to_string(r.origin.record);
  line.push_back('\t');
  append_escaped(line, r.reason);
  line.push_back('\t');
  append_escaped(line, r.excerpt);
  return line;
}

void RejectsLog::add(const Reject& r) {
  std::string line = format(r);
  line.push_back('\n');
  std::lock_guard lock(mutex_);
  ++count_;
  bytes_ += line.size();
  if (file_ && std::fwrite(line.data(), 1, line.size(), file_) != line.size())
    throw Error("cannot write rejects log " + path_ + ": " + std::strerror(errno));
}

void RejectsLog::add_all(const std::vector<Reject>& rs) {
  for (const auto& r : rs) add(r);
}

void RejectsLog::flush() {
  std::lock_guard lock(mutex_);
  if (file_ && std::fflush(file_) != 0)
    throw Error("cannot write rejects log " + path_ + ": " + std::strerror(errno));
}

}  // namespace vigie::indexer
