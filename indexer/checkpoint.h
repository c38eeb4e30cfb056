// Resume state of an indexing run, stored in each shard's metadata under
// schema::meta::kCheckpoint and committed atomically with the documents.
// Internal to indexer/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vigie::indexer {

struct InputIdentity {
  std::string path;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const InputIdentity&) const = default;
};

// Identity of each input ("-" has size 0 and is never resumable).
std::vector<InputIdentity> identify_inputs(const std::vector<std::string>& paths);

struct Checkpoint {
  std::vector<InputIdentity> inputs;
  uint64_t input = 0;          // index into inputs of the input in progress
  uint64_t line = 0;           // lines of that input fully committed
  uint64_t rejects_bytes = 0;  // size of the rejects log at the checkpoint
  uint64_t records = 0;        // records indexed up to the checkpoint

  std::string encode() const;
  static std::optional<Checkpoint> decode(std::string_view s);
  // Ordering of progress: (input, line).
  bool before(const Checkpoint& o) const { return input < o.input || (input == o.input && line < o.line); }
};

}  // namespace vigie::indexer
