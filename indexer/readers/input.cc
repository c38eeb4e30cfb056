// InputSource: raw bytes (file or stdin) -> decompression (gzip, zstd) ->
// chunks of whole lines, or one whole document for pretty-printed JSON.
//
// Layers, each owning the one below:
//   RawFile   an fd plus a few peeked bytes (magic detection must work on
//             stdin, which cannot seek)
//   Decoder   plain / gzip (multi-member) / zstd (multi-frame); throws
//             InputError on corrupt data or a stream that ends early
//   LineInput cuts the decoded stream into Chunks (line numbers, CRLF, BOM,
//             oversized lines, whole-document detection)
#include "indexer/readers/input.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "core/errors.h"
#include "indexer/readers/recover.h"

namespace vigie::indexer {
namespace {

constexpr size_t kReadBlock = 1 << 20;

std::string errno_text(int e) { return std::strerror(e); }

class RawFile {
 public:
  explicit RawFile(const std::string& path) : path_(path) {
    if (path == "-") {
      fd_ = 0;
      own_ = false;
    } else {
      // Non-blocking, so that a FIFO without a writer cannot block open().
      fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
      if (fd_ < 0) throw InputError(path + ": cannot open: " + errno_text(errno));
      own_ = true;
    }
    struct stat st{};
    if (::fstat(fd_, &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        close_fd();
        throw InputError(path + ": is a directory, not a file");
      }
      // A device never ends (/dev/zero, /dev/urandom) or is not a feed.
      // A terminal on standard input is left alone: the user may type.
      if ((S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) && !(path == "-" && ::isatty(fd_))) {
        close_fd();
        throw InputError(path + ": is a device, not a file or a pipe; refusing to read it");
      }
      if (own_ && S_ISFIFO(st.st_mode)) wait_for_writer();
    }
    if (own_) ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
  }
  ~RawFile() { close_fd(); }
  RawFile(const RawFile&) = delete;
  RawFile& operator=(const RawFile&) = delete;

  // Returns up to n first bytes without consuming them.
  std::string_view peek(size_t n) {
    while (peeked_.size() < n) {
      char buf[16];
      ssize_t got = read_fd(buf, n - peeked_.size());
      if (got <= 0) break;
      peeked_.append(buf, static_cast<size_t>(got));
    }
    return std::string_view(peeked_).substr(0, n);
  }

  // Reads up to n bytes; 0 at end of file. Throws InputError on a read error.
  size_t read(char* out, size_t n) {
    if (peek_pos_ < peeked_.size()) {
      size_t k = std::min(n, peeked_.size() - peek_pos_);
      std::memcpy(out, peeked_.data() + peek_pos_, k);
      peek_pos_ += k;
      return k;
    }
    ssize_t got = read_fd(out, n);
    return static_cast<size_t>(got);
  }

  const std::string& path() const { return path_; }

 private:
  ssize_t read_fd(char* out, size_t n) {
    for (;;) {
      ssize_t got = ::read(fd_, out, n);
      if (got >= 0) return got;
      if (errno == EINTR) continue;
      throw InputError(path_ + ": read error: " + errno_text(errno));
    }
  }
  // A named pipe: reads see end-of-file until a writer opens it, so wait
  // for one, but not forever.
  void wait_for_writer() {
    pollfd pfd{fd_, POLLIN, 0};
    int rc;
    do rc = ::poll(&pfd, 1, kFifoWaitMs);
    while (rc < 0 && errno == EINTR);
    if (rc == 0) {
      close_fd();
      throw InputError(path_ + ": a FIFO with no writer (waited " + std::to_string(kFifoWaitMs / 1000) +
                       " s); start the writer first, or pipe into standard input (-)");
    }
  }
  static constexpr int kFifoWaitMs = 10000;

  void close_fd() {
    if (own_ && fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  std::string path_;
  int fd_ = -1;
  bool own_ = false;
  std::string peeked_;
  size_t peek_pos_ = 0;
};

class Decoder {
 public:
  virtual ~Decoder() = default;
  // Up to n decoded bytes; 0 at the end. Throws InputError on corrupt or
  // truncated compressed data (after all bytes before the fault were returned).
  virtual size_t read(char* out, size_t n) = 0;
};

class PlainDecoder final : public Decoder {
 public:
  explicit PlainDecoder(std::unique_ptr<RawFile> f) : file_(std::move(f)) {}
  size_t read(char* out, size_t n) override { return file_->read(out, n); }

 private:
  std::unique_ptr<RawFile> file_;
};

// A decompressor's fault found after some bytes of a read were decoded:
// those bytes are returned first, the error on the next read.
class CompressedDecoder : public Decoder {
 protected:
  // Throws the error kept from the previous read, if any.
  void throw_deferred() {
    if (!deferred_) return;
    std::string msg = std::move(*deferred_);
    deferred_.reset();
    throw InputError(msg);
  }
  // Ends the stream on a fault: returns the `produced` bytes first when
  // there are any, else throws now.
  size_t fail(std::string msg, size_t produced) {
    done_ = true;
    if (produced == 0) throw InputError(msg);
    deferred_ = std::move(msg);
    return produced;
  }
  bool done_ = false;

 private:
  std::optional<std::string> deferred_;
};

class GzipDecoder final : public CompressedDecoder {
 public:
  explicit GzipDecoder(std::unique_ptr<RawFile> f) : file_(std::move(f)), in_(kReadBlock) {
    std::memset(&zs_, 0, sizeof zs_);
    if (inflateInit2(&zs_, 15 + 32) != Z_OK)  // 32: accept gzip and zlib headers
      throw InputError(file_->path() + ": cannot initialise zlib");
  }
  ~GzipDecoder() override { inflateEnd(&zs_); }

  size_t read(char* out, size_t n) override {
    throw_deferred();
    if (done_) return 0;
    zs_.next_out = reinterpret_cast<Bytef*>(out);
    zs_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    while (zs_.avail_out > 0) {
      if (zs_.avail_in == 0) {
        size_t got = file_->read(reinterpret_cast<char*>(in_.data()), in_.size());
        if (got == 0) {
          size_t produced = n - zs_.avail_out;
          if (in_member_) {
            // Hand out what we have; the next call reports the truncation.
            if (produced > 0) return produced;
            done_ = true;
            throw InputError(file_->path() +
                             ": compressed stream ends early (truncated gzip file?)");
          }
          done_ = true;
          return produced;
        }
        zs_.next_in = in_.data();
        zs_.avail_in = static_cast<uInt>(got);
      }
      if (!in_member_) {
        // A new member starts: tolerate trailing zero padding as gzip(1) does.
        while (zs_.avail_in > 0 && *zs_.next_in == 0) {
          ++zs_.next_in;
          --zs_.avail_in;
        }
        if (zs_.avail_in == 0) continue;
        in_member_ = true;
      }
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;  // multi-member: another member may follow
        inflateReset(&zs_);
      } else if (rc == Z_BUF_ERROR) {
        continue;  // needs more input
      } else if (rc != Z_OK) {
        size_t produced = n - zs_.avail_out;
        std::string msg = file_->path() + ": corrupt gzip data (" +
                          (zs_.msg ? zs_.msg : "zlib error " + std::to_string(rc)) + ")";
        return fail(std::move(msg), produced);
      }
    }
    return n - zs_.avail_out;
  }

 private:
  std::unique_ptr<RawFile> file_;
  std::vector<Bytef> in_;
  z_stream zs_;
  bool in_member_ = false;
};

class ZstdDecoder final : public CompressedDecoder {
 public:
  explicit ZstdDecoder(std::unique_ptr<RawFile> f)
      : file_(std::move(f)), in_(ZSTD_DStreamInSize()), dctx_(ZSTD_createDCtx()) {
    if (!dctx_) throw InputError(file_->path() + ": cannot initialise zstd");
  }
  ~ZstdDecoder() override { ZSTD_freeDCtx(dctx_); }

  size_t read(char* out, size_t n) override {
    throw_deferred();
    if (done_) return 0;
    ZSTD_outBuffer ob{out, n, 0};
    while (ob.pos < ob.size) {
      if (ib_.pos == ib_.size) {
        size_t got = file_->read(in_.data(), in_.size());
        if (got == 0) {
          // Flush whatever the decoder still holds for the current frame.
          if (last_ != 0) {
            ZSTD_inBuffer empty{nullptr, 0, 0};
            size_t before = ob.pos;
            size_t rc = ZSTD_decompressStream(dctx_, &ob, &empty);
            if (!ZSTD_isError(rc) && ob.pos > before) return ob.pos;
            if (ob.pos > 0) return ob.pos;
            done_ = true;
            throw InputError(file_->path() +
                             ": compressed stream ends early (truncated zstd file?)");
          }
          done_ = true;
          return ob.pos;
        }
        ib_ = ZSTD_inBuffer{in_.data(), got, 0};
      }
      size_t rc = ZSTD_decompressStream(dctx_, &ob, &ib_);
      if (ZSTD_isError(rc))
        return fail(file_->path() + ": corrupt zstd data (" + ZSTD_getErrorName(rc) + ")", ob.pos);
      last_ = rc;
    }
    return ob.pos;
  }

 private:
  std::unique_ptr<RawFile> file_;
  std::vector<char> in_;
  ZSTD_inBuffer ib_{nullptr, 0, 0};
  ZSTD_DCtx* dctx_;
  size_t last_ = 0;  // 0 = at a frame boundary
};

// Brackets still open at the end of a line, ignoring those inside strings.
// Used only on the first non-blank line of a file.
int open_depth(std::string_view line) {
  int depth = 0;
  detail::for_each_bracket(line, 0, [&](size_t, char c) {
    depth += c == '{' || c == '[' ? 1 : -1;
    return false;
  });
  return depth;
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

class LineInput final : public InputSource {
 public:
  LineInput(std::string path, std::unique_ptr<Decoder> dec, const InputOptions& opt)
      : path_(std::move(path)), dec_(std::move(dec)), opt_(opt) {}

  bool next(Chunk& out) override {
    if (error_) {
      std::string msg = std::move(*error_);
      error_.reset();
      finished_ = true;
      throw InputError(msg);
    }
    if (finished_) return false;
    out.file = path_;
    out.first_line = line_no_;
    out.line_count = 0;
    out.whole_document = false;
    out.sequence = sequence_;
    out.data.clear();
    if (!started_) {
      started_ = true;
      if (detect_whole_document()) {
        read_whole_document(out);
        ++sequence_;
        return true;
      }
    }
    out.data.reserve(opt_.chunk_bytes + (64 << 10) + simdjson::SIMDJSON_PADDING);
    while (out.data.size() < opt_.chunk_bytes) {
      std::string_view pending(buf_.data() + pos_, buf_.size() - pos_);
      const char* nl = static_cast<const char*>(std::memchr(pending.data(), '\n', pending.size()));
      if (nl) {
        size_t len = static_cast<size_t>(nl - pending.data());
        append_line(out, pending.substr(0, len));
        pos_ += len + 1;
        continue;
      }
      if (pending.size() > opt_.max_record_bytes) {
        skip_oversized_line(out);
        continue;
      }
      if (!fill()) {
        // End of stream (or a decoding error after the last good byte).
        if (pos_ < buf_.size()) {
          if (!error_) append_line(out, std::string_view(buf_.data() + pos_, buf_.size() - pos_));
          pos_ = buf_.size();
        }
        finished_ = !error_;
        break;
      }
    }
    if (out.line_count == 0) {
      if (error_) return next(out);
      finished_ = true;
      return false;
    }
    ++sequence_;
    out.data.reserve(out.data.size() + simdjson::SIMDJSON_PADDING);
    return true;
  }

  std::vector<uint64_t> take_oversized_lines() override {
    std::vector<uint64_t> v;
    v.swap(oversized_);
    return v;
  }

 private:
  // Reads one more block into buf_, compacting consumed bytes first.
  // Returns false at the end of the stream; a decoding error is stored in
  // error_ (and also ends the stream) so complete lines come out first.
  bool fill() {
    if (eof_) return false;
    if (pos_ > 0 && (pos_ >= buf_.size() / 2 || buf_.size() - pos_ < 4096)) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    size_t old = buf_.size();
    buf_.resize(old + kReadBlock);
    size_t got = 0;
    try {
      got = dec_->read(buf_.data() + old, kReadBlock);
    } catch (const InputError& e) {
      error_ = e.what();
    }
    buf_.resize(old + got);
    if (got == 0) {
      eof_ = true;
      return false;
    }
    if (!bom_checked_) {
      bom_checked_ = true;
      if (buf_.size() >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
    }
    // Classic Mac line endings: CR alone ends lines. The first block with a
    // line end decides for the whole input; a raw CR cannot occur inside a
    // JSON string, so turning each into '\n' changes no value.
    if (line_ends_ == LineEnds::unknown) {
      std::string_view added(buf_.data() + old, got);
      size_t e = added.find_first_of("\r\n");
      if (e != std::string_view::npos)
        // CR is also JSON whitespace: any LF in the block means LF lines.
        line_ends_ = added[e] == '\r' && e + 1 < added.size() && added[e + 1] != '\n' &&
                             added.find('\n', e) == std::string_view::npos
                         ? LineEnds::cr
                         : LineEnds::lf;
    }
    if (line_ends_ == LineEnds::cr)
      std::replace(buf_.begin() + static_cast<ptrdiff_t>(old), buf_.end(), '\r', '\n');
    return true;
  }

  void append_line(Chunk& out, std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > opt_.max_record_bytes) {
      oversized_.push_back(line_no_);
      out.data.push_back('\n');  // keeps line numbering: a blank line is skipped
    } else {
      out.data.append(line);
      out.data.push_back('\n');
    }
    ++line_no_;
    ++out.line_count;
  }

  // The current line is longer than max_record_bytes: drop it without
  // holding more than one block of it.
  void skip_oversized_line(Chunk& out) {
    oversized_.push_back(line_no_);
    ++line_no_;
    ++out.line_count;
    out.data.push_back('\n');
    pos_ = buf_.size();
    for (;;) {
      if (!fill()) return;
      const char* nl =
          static_cast<const char*>(std::memchr(buf_.data() + pos_, '\n', buf_.size() - pos_));
      if (nl) {
        pos_ = static_cast<size_t>(nl - buf_.data()) + 1;
        return;
      }
      pos_ = buf_.size();
    }
  }

  // A file whose first non-blank line opens a JSON value it does not close,
  // and whose next line is a continuation ("  \"key\": ..." or a closing
  // bracket) rather than another record, is one pretty-printed document.
  bool detect_whole_document() {
    if (buf_.size() == pos_ && !fill()) return false;
    size_t scan = 0;  // offset from pos_ (fill() may move the buffer)
    bool have_first = false;
    for (;;) {
      const char* base = buf_.data() + pos_;
      size_t avail = buf_.size() - pos_;
      const char* nl =
          scan < avail ? static_cast<const char*>(std::memchr(base + scan, '\n', avail - scan))
                       : nullptr;
      size_t len;
      if (nl) {
        len = static_cast<size_t>(nl - (base + scan));
      } else {
        if (avail > opt_.max_record_bytes) return false;
        if (fill()) continue;
        // End of input: a last line without '\n' still counts as the next
        // line, but a file of one line is never a multi-line document.
        if (!have_first || scan >= avail) return false;
        base = buf_.data() + pos_;
        len = avail - scan;
      }
      std::string_view line(base + scan, len);
      scan += len + 1;
      if (is_blank(line)) continue;
      size_t b = line.find_first_not_of(" \t\r");
      if (!have_first) {
        if (line[b] != '{' && line[b] != '[') return false;
        std::string_view t = line.substr(b);
        while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r'))
          t.remove_suffix(1);
        if (t == "{" || t == "[") return true;
        if (open_depth(t) <= 0) return false;
        have_first = true;  // opens more than it closes: look at the next line
        continue;
      }
      char c = line[b];
      return b > 0 || c == '"' || c == '}' || c == ']';
    }
  }

  void read_whole_document(Chunk& out) {
    out.whole_document = true;
    for (;;) {
      size_t avail = buf_.size() - pos_;
      if (out.data.size() + avail > opt_.max_document_bytes) {
        finished_ = true;
        throw InputError(path_ + ": a JSON document spanning many lines is larger than " +
                         std::to_string(opt_.max_document_bytes) +
                         " bytes; split it into JSON Lines (one record per line)");
      }
      out.data.append(buf_.data() + pos_, avail);
      pos_ = buf_.size();
      if (!fill()) break;
    }
    uint64_t lines = static_cast<uint64_t>(std::count(out.data.begin(), out.data.end(), '\n'));
    if (!out.data.empty() && out.data.back() != '\n') {
      out.data.push_back('\n');
      ++lines;
    }
    out.line_count = lines;
    line_no_ += lines;
    out.data.reserve(out.data.size() + simdjson::SIMDJSON_PADDING);
    buf_.clear();
    buf_.shrink_to_fit();
    pos_ = 0;
    finished_ = !error_;
  }

  std::string path_;
  std::unique_ptr<Decoder> dec_;
  InputOptions opt_;
  std::string buf_;  // decoded bytes; [pos_, size) not yet handed out
  size_t pos_ = 0;
  uint64_t line_no_ = 1;
  uint64_t sequence_ = 0;
  bool started_ = false;
  bool bom_checked_ = false;
  enum class LineEnds { unknown, lf, cr } line_ends_ = LineEnds::unknown;  // lf: LF or CRLF
  bool eof_ = false;
  bool finished_ = false;
  std::optional<std::string> error_;
  std::vector<uint64_t> oversized_;
};

}  // namespace

std::unique_ptr<InputSource> InputSource::open(const std::string& path,
                                               const InputOptions& options) {
  auto file = std::make_unique<RawFile>(path);
  std::string_view magic = file->peek(4);
  std::unique_ptr<Decoder> dec;
  if (magic.size() >= 2 && static_cast<unsigned char>(magic[0]) == 0x1f &&
      static_cast<unsigned char>(magic[1]) == 0x8b) {
    dec = std::make_unique<GzipDecoder>(std::move(file));
  } else if (magic.size() == 4 && (magic == std::string_view("\x28\xb5\x2f\xfd", 4) ||
                                    // a skippable frame first, as pzstd writes
                                    ((static_cast<unsigned char>(magic[0]) & 0xF0) == 0x50 &&
                                     magic.substr(1) == std::string_view("\x2a\x4d\x18", 3)))) {
    dec = std::make_unique<ZstdDecoder>(std::move(file));
  } else {
    dec = std::make_unique<PlainDecoder>(std::move(file));
  }
  return std::make_unique<LineInput>(path, std::move(dec), options);
}

}  // namespace vigie::indexer
