// Opening a Vigie index for search: a single Xapian database, a sharded
// directory (DIR/XAPIANDB stub listing DIR/shard-NNN), or a stub file that
// mixes local shards ("auto PATH") and remote ones ("remote :HOST:PORT",
// served by stock xapian-tcpsrv). Each shard is opened on its own so that an
// error names the shard that failed; each is checked for the schema version
// this build reads (metadata vigie.schema_version).
//
// Thread safety: an Index is not thread-safe (Xapian::Database objects are
// not); open one per thread.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "query/language_map.h"

namespace vigie::query {

struct OpenOptions {
  // Milliseconds to wait for a remote shard to accept the connection, and
  // for each reply once connected.
  unsigned remote_connect_timeout_ms = 5000;
  unsigned remote_timeout_ms = 30000;
  // When a remote shard does not answer: false = fail (IndexError naming the
  // shard); true = go on with the shards that answer and report the missing
  // ones in warnings() and missing_shards() (--allow-partial). An index with
  // no reachable shard fails either way.
  bool allow_partial = false;
  // Shards whose vigie.* metadata (schema, analyzer, taxonomy and model
  // versions) differ: false = IndexError naming the key and each shard's
  // value; true = open them together with a warning (--allow-mixed).
  bool allow_mixed = false;
};

struct Shard {
  std::string spec;  // as listed: a path, or "HOST:PORT" for a remote shard
  bool remote = false;
  // The shard's vigie.* metadata, read on open (empty for a shard that did
  // not answer).
  std::map<std::string, std::string> metadata{};
  // Documents in the shard, read on open. A shard without documents (the
  // first run of an index stopped before its first commit, e.g. by a full
  // disk) says nothing about how documents were analysed and takes no part
  // in the agreement of versions.
  Xapian::doccount documents = 0;
};

class Index {
 public:
  // Throws IndexError (missing path, not an index, a shard that cannot be
  // opened or does not answer, a schema version this build cannot read).
  static Index open(const std::string& path, const OpenOptions& options = {});
  // Wraps an already open database (tests, in-memory indexes); `name` is
  // used in messages.
  static Index from_database(const Xapian::Database& db, const std::string& name);

  Xapian::Database& db() { return db_; }
  const std::string& path() const { return path_; }
  const std::vector<Shard>& shards() const { return shards_; }
  // Non-fatal problems found on open (e.g. a shard without schema metadata,
  // a remote shard left out under allow_partial).
  const std::vector<std::string>& warnings() const { return warnings_; }
  // Shards left out because they did not answer (allow_partial only).
  const std::vector<Shard>& missing_shards() const { return missing_; }
  // Shards listed more than once (the same path, HOST:PORT or database
  // UUID): opened once, the repeats listed here and in warnings().
  const std::vector<Shard>& duplicate_shards() const { return duplicates_; }

  // The index's vigie.* metadata over all shards that answered: versions of
  // the schema, analyzer and models. vigie.created is the earliest shard's;
  // per-shard keys (vigie.shards, resume state) are left out; a key whose
  // shards disagree reads "mixed: A | B".
  const std::map<std::string, std::string>& metadata() const { return metadata_; }

  // Language codes present in the index (values of the L terms). Read once
  // per revision: reopen() forgets them when the index changed.
  const std::vector<std::string>& languages() const;
  // The language map of the current revision (language_map.h), from the
  // second call of a revision on (the searcher calls it once per search
  // parsed per language): one search does not repay reading every
  // language's postings (about as much work as eight searches), the next
  // ones of a resident server do.
  // nullptr before that, with a remote shard, and where the map cannot stand
  // in for the L terms. reopen() forgets it when the index changed.
  std::shared_ptr<const LanguageMap> language_map();
  // Values of every term with this prefix (e.g. "XE" -> positive, negative).
  std::vector<std::string> term_values(const std::string& prefix) const;

  // Re-opens at the latest revision (after Xapian::DatabaseModifiedError).
  void reopen();

 private:
  std::string path_;
  std::vector<Shard> shards_;
  std::vector<std::string> warnings_;
  std::vector<Shard> missing_;
  std::vector<Shard> duplicates_;
  std::map<std::string, std::string> metadata_;
  Xapian::Database db_;
  mutable std::optional<std::vector<std::string>> languages_;  // cache of languages()
  std::shared_ptr<const LanguageMap> language_map_;
  unsigned language_map_requests_ = 0;  // this revision's, up to 2
};

// The databases behind an index path (a database directory or file, an
// index directory with its XAPIANDB stub, or a stub file), with nested stubs
// followed here rather than by Xapian, whose stub reader recurses without
// bound on a stub that includes itself. Local paths in a stub are relative
// to the stub's directory. Throws IndexError on a missing path, a line it
// cannot use, a stub that lists nothing, and a stub that includes itself
// directly or through other stubs (the message shows the loop).
std::vector<Shard> resolve_index(const std::string& path);
// The same for a stub file given as such.
std::vector<Shard> read_stub(const std::string& stub_path);

// True for "HOST:PORT" with a port in 1..65535 (HOST may be empty: local).
bool is_host_port(std::string_view s);

// `vigie stub`: what was written.
struct StubSummary {
  size_t shards = 0;
  uint64_t documents = 0;
  std::vector<std::string> warnings;
};
// Writes a stub listing `shards` (local paths: index directories, shards,
// stubs; or HOST:PORT of xapian-tcpsrv) to `out`, after opening them
// together with `options` (allow_partial is ignored: every shard must
// answer). Refused with IndexError, writing nothing: a shard that does not
// answer, one listed twice (by path, HOST:PORT or database UUID), a stub
// that would include itself, metadata that disagree (unless allow_mixed),
// and, unless `force`, an existing `out` that is not a stub. Local paths
// inside out's directory are written relative to it, others absolute. The
// file is replaced atomically.
StubSummary write_stub(const std::string& out, const std::vector<std::string>& shards, OpenOptions options,
                       bool force = false);

}  // namespace vigie::query
