// How the index's zlib compression is set up for writing (compression.cc).
#pragma once

namespace vigie::indexer {

// True when Xapian's per-document compression goes through Vigie's
// deflateInit2_ (the vigie executable exports it; a test binary that does
// not export its symbols keeps zlib's). ShardedWriter calls it, which also
// links compression.cc into every program that writes an index.
bool compression_tuned();

}  // namespace vigie::indexer
