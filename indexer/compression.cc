// Xapian's glass backend compresses every document's data record and term
// list with zlib, each through a stream it resets before every tag:
// deflateInit2_(level 6, raw deflate, windowBits -15, memLevel 9), then
// deflateReset per tag. memLevel 9 is a hash table of 64k entries, and
// deflateReset clears it: 128 KB of memset per data record and per term
// list, for tags mostly under 2 KB. Under callgrind that memset was 15% of
// `vigie index`'s instructions and deflate another 13% (docs/scale.md).
//
// The vigie executable exports its symbols (app/CMakeLists.txt), and the
// dynamic linker binds libxapian's call to deflateInit2_ to the
// executable's definition below before libz's. It passes Xapian's
// raw-deflate streams on with memLevel 4 (2k hash entries: the same
// compression on tags this small, at a fraction of the cost) and every
// other call unchanged. The bytes stored are standard raw deflate: any
// Xapian reads them, and what they decompress to is the same.
#include "indexer/compression.h"

#include <dlfcn.h>
#include <zlib.h>

namespace {

constexpr int kXapianWindowBits = -15;  // raw deflate, as glass writes it
constexpr int kXapianMemLevel = 9;
constexpr int kTagMemLevel = 4;

using DeflateInit2 = int (*)(z_streamp, int, int, int, int, int, const char*, int);

DeflateInit2 next_deflate_init2() {
  static const DeflateInit2 next = reinterpret_cast<DeflateInit2>(::dlsym(RTLD_NEXT, "deflateInit2_"));
  return next;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int deflateInit2_(z_streamp strm, int level, int method,
                                                                   int window_bits, int mem_level, int strategy,
                                                                   const char* version, int stream_size) {
  const DeflateInit2 next = next_deflate_init2();
  if (!next) return Z_VERSION_ERROR;  // no zlib loaded: nothing can compress
  if (window_bits == kXapianWindowBits && mem_level == kXapianMemLevel) mem_level = kTagMemLevel;
  return next(strm, level, method, window_bits, mem_level, strategy, version, stream_size);
}

namespace vigie::indexer {

bool compression_tuned() {
  // Whether libz's own definition or this one wins is decided by the
  // dynamic linker; ask it which one a call by name reaches.
  return ::dlsym(RTLD_DEFAULT, "deflateInit2_") == reinterpret_cast<void*>(&deflateInit2_);
}

}  // namespace vigie::indexer
