#include "query/index.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "core/errors.h"
#include "core/schema.h"

namespace vigie::query {
namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

bool is_database_dir(const fs::path& p) {
  for (const char* marker : {"iamglass", "iamchert", "iamhoney", "postlist.glass", "postlist.honey"})
    if (fs::exists(p / marker)) return true;
  return false;
}

Xapian::Database open_shard(const Shard& s, const OpenOptions& o) {
  if (!s.remote) return Xapian::Database(s.spec);
  size_t colon = s.spec.rfind(':');
  std::string host = s.spec.substr(0, colon);
  unsigned port = static_cast<unsigned>(std::stoul(s.spec.substr(colon + 1)));
  if (host.empty()) host = "127.0.0.1";
  return Xapian::Remote::open(host, port, o.remote_timeout_ms, o.remote_connect_timeout_ms);
}

std::string shard_name(const Shard& s) { return s.remote ? "remote shard " + s.spec : "shard " + s.spec; }

// vigie.shards, the partition and the resume state differ per shard by
// design and say nothing about how the documents were analysed.
std::map<std::string, std::string> read_metadata(const Xapian::Database& db) {
  std::map<std::string, std::string> out;
  try {
    for (auto k = db.metadata_keys_begin("vigie."); k != db.metadata_keys_end("vigie."); ++k) {
      if (*k == schema::meta::kShards || *k == schema::meta::kCheckpoint || *k == schema::meta::kPartition) continue;
      out[*k] = db.get_metadata(*k);
    }
  } catch (const Xapian::UnimplementedError&) {
    // In-memory databases cannot list their keys: ask for the schema's.
    for (std::string_view k : {schema::meta::kSchemaVersion, schema::meta::kAnalyzerVersion,
                               schema::meta::kSentimentModel, schema::meta::kTaxonomyVersion, schema::meta::kCreated})
      if (std::string v = db.get_metadata(std::string(k)); !v.empty()) out[std::string(k)] = v;
  }
  return out;
}

// The shards whose metadata speaks for the index: those that answered and
// hold documents (see Shard::documents), or, in an index without any
// document, every shard that answered.
std::vector<const Shard*> speaking_shards(const std::vector<Shard>& shards, const std::vector<Shard>& missing) {
  std::vector<const Shard*> answered, live;
  for (const auto& s : shards)
    if (std::none_of(missing.begin(), missing.end(), [&](const Shard& m) { return m.spec == s.spec; }))
      answered.push_back(&s);
  for (const Shard* s : answered)
    if (s->documents > 0) live.push_back(s);
  return live.empty() ? answered : live;
}

// The index-wide view of the shards' metadata (see Index::metadata()).
std::map<std::string, std::string> merge_metadata(const std::vector<Shard>& shards, const std::vector<Shard>& missing) {
  std::map<std::string, std::vector<std::string>> values;
  const std::vector<const Shard*> live = speaking_shards(shards, missing);
  for (const Shard* s : live)
    for (const auto& [k, v] : s->metadata) values[k];
  for (auto& [k, vs] : values)
    for (const Shard* s : live) {
      auto it = s->metadata.find(k);
      std::string v = it == s->metadata.end() ? std::string("(none)") : it->second;
      if (std::find(vs.begin(), vs.end(), v) == vs.end()) vs.push_back(v);
    }
  std::map<std::string, std::string> out;
  for (auto& [k, vs] : values) {
    if (k == schema::meta::kCreated) {
      vs.erase(std::remove(vs.begin(), vs.end(), "(none)"), vs.end());
      if (!vs.empty()) out[k] = *std::min_element(vs.begin(), vs.end());  // ISO times sort as text
    } else if (vs.size() == 1) {
      out[k] = vs[0];
    } else {
      std::string m = "mixed:";
      for (size_t i = 0; i < vs.size(); ++i) m += (i ? " | " : " ") + vs[i];
      out[k] = m;
    }
  }
  return out;
}

}  // namespace

namespace {

// Stubs may list stubs (an index directory's XAPIANDB, a machine's stub);
// deeper nesting than this is a mistake, not a deployment.
constexpr size_t kMaxStubDepth = 16;
// A stub of ten thousand shards is well under this; a bigger file given as
// an index is something else (a feed, a log) and is not read line by line.
constexpr uintmax_t kMaxStubBytes = 1 << 20;

// A single-file glass database (xapian-compact --single-file) starts with
// the same magic as a glass directory's iamglass.
bool is_single_file_database(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == sizeof magic && std::string_view(magic, sizeof magic) == std::string_view("\x0f\x0dXapian", 8);
}

std::string canonical_name(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return (ec ? p.lexically_normal() : c).string();
}

// Resolves stubs into the databases they list, here rather than inside
// Xapian: Xapian's stub reader follows a stub that includes itself until
// the stack overflows.
class StubResolver {
 public:
  std::vector<Shard> shards;

  // A path given by the user (where = "") or listed by a stub (where =
  // "stub:line").
  void path(const fs::path& p, const std::string& where) {
    std::error_code ec;
    if (!fs::exists(p, ec)) {
      if (where.empty())
        throw IndexError("no index at " + p.string() + " (run `vigie index --db " + p.string() + "` first)");
      throw IndexError(where + ": no database or stub at " + p.string());
    }
    if (fs::is_directory(p, ec)) {
      if (fs::exists(p / "XAPIANDB", ec)) return stub(p / "XAPIANDB");
      if (is_database_dir(p)) return shards.push_back({p.lexically_normal().string(), false, {}});
      throw IndexError((where.empty() ? "" : where + ": ") + p.string() +
                       " is not a Vigie index (neither a XAPIANDB stub nor a Xapian database)");
    }
    // Opening a FIFO would wait for a writer and a device has no end:
    // neither is an index, so refuse them before reading a byte.
    if (!fs::is_regular_file(p, ec))
      throw IndexError((where.empty() ? "" : where + ": ") + p.string() +
                       " is not a Vigie index (not a directory or a regular file: a FIFO, socket or device)");
    if (is_single_file_database(p)) return shards.push_back({p.lexically_normal().string(), false, {}});
    stub(p);
  }

  void stub(const fs::path& file) {
    const std::string me = canonical_name(file);
    if (auto it = std::find(chain_.begin(), chain_.end(), me); it != chain_.end()) {
      std::string loop;
      for (; it != chain_.end(); ++it) loop += *it + " -> ";
      throw IndexError("index stub " + file.string() + " includes itself (" + loop + me +
                       "); remove the line that closes the loop");
    }
    if (chain_.size() >= kMaxStubDepth)
      throw IndexError("index stub " + file.string() + " is nested more than " + std::to_string(kMaxStubDepth) +
                       " stubs deep");
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
      throw IndexError("index stub " + file.string() + " is not a regular file (a FIFO, socket or device)");
    if (const auto bytes = fs::file_size(file, ec); !ec && bytes > kMaxStubBytes)
      throw IndexError("index stub " + file.string() + " is " + std::to_string(bytes) +
                       " bytes: a stub lists shards, one per line, in at most " + std::to_string(kMaxStubBytes >> 10) +
                       " KiB");
    std::ifstream in(file);
    if (!in) throw IndexError("cannot read index stub " + file.string());
    chain_.push_back(me);
    const fs::path dir = file.parent_path();
    const size_t before = shards.size();
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      line = trim(line);
      if (line.empty() || line[0] == '#') continue;
      size_t sp = line.find_first_of(" \t");
      std::string type = line.substr(0, sp);
      std::string arg = sp == std::string::npos ? std::string() : trim(line.substr(sp));
      const std::string where = file.string() + ":" + std::to_string(n);
      if (arg.empty()) throw IndexError(where + ": '" + line + "' has no argument");
      if (type == "auto" || type == "glass" || type == "chert" || type == "honey") {
        fs::path p(arg);
        if (p.is_relative()) p = dir / p;
        path(p, where);
      } else if (type == "remote") {
        // TCP: "remote :HOST:PORT" (Xapian's stub syntax); programs are not supported.
        std::string hp = arg[0] == ':' ? arg.substr(1) : arg;
        if (!is_host_port(hp)) throw IndexError(where + ": expected 'remote :HOST:PORT', got '" + line + "'");
        shards.push_back({hp, true, {}});
      } else {
        throw IndexError(where + ": unknown database type '" + type + "' (expected auto or remote)");
      }
    }
    if (shards.size() == before) throw IndexError("index stub " + file.string() + " lists no shard");
    chain_.pop_back();
  }

 private:
  std::vector<std::string> chain_;  // canonical paths of the stubs being read
};

// The key that says two listed shards are the same database before opening
// them: the canonical path, or HOST:PORT as written.
std::string listing_key(const Shard& s) { return s.remote ? "remote " + s.spec : canonical_name(s.spec); }

// Keys that describe how documents were analysed and must agree across
// shards: every vigie.* key read_metadata() keeps but the creation time.
bool must_agree(const std::string& key) {
  return key != schema::meta::kCreated;
}

// "" when the answered shards agree; else a message naming the first key
// that differs and the value of each shard.
std::string metadata_disagreement(const std::vector<Shard>& shards, const std::vector<Shard>& missing) {
  const std::vector<const Shard*> live = speaking_shards(shards, missing);
  std::vector<std::string> keys;
  for (const Shard* s : live)
    for (const auto& [k, v] : s->metadata)
      if (must_agree(k) && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  for (const auto& k : keys) {
    auto value = [&](const Shard* s) {
      auto it = s->metadata.find(k);
      return it == s->metadata.end() ? std::string("(none)") : it->second;
    };
    bool differ = false;
    for (const Shard* s : live) differ |= value(s) != value(live.front());
    if (!differ) continue;
    std::string msg = "shards were built with different " + k + ":";
    for (const Shard* s : live) msg += "\n  " + shard_name(*s) + ": " + value(s);
    return msg;
  }
  return {};
}

}  // namespace

bool is_host_port(std::string_view s) {
  size_t colon = s.rfind(':');
  if (colon == std::string_view::npos || colon + 1 >= s.size() || colon + 6 < s.size()) return false;
  if (s.find_first_not_of("0123456789", colon + 1) != std::string_view::npos) return false;
  unsigned long port = std::stoul(std::string(s.substr(colon + 1)));
  return port > 0 && port < 65536;
}

std::vector<Shard> read_stub(const std::string& stub_path) {
  StubResolver r;
  r.stub(stub_path);
  return r.shards;
}

std::vector<Shard> resolve_index(const std::string& path) {
  StubResolver r;
  r.path(path, "");
  return r.shards;
}

Index Index::open(const std::string& path, const OpenOptions& options) {
  Index ix;
  ix.path_ = path;
  std::vector<Shard> listed = resolve_index(path);
  // A shard listed twice would count every document twice: keep the first,
  // say so. Same path or HOST:PORT here; the same database under two names
  // (a symlink, a copy, a local path and its server) by UUID below.
  std::vector<std::string> seen_listing, seen_uuid;
  std::vector<std::string> uuid_owner;
  for (auto& s : listed) {
    const std::string key = listing_key(s);
    if (std::find(seen_listing.begin(), seen_listing.end(), key) != seen_listing.end()) {
      ix.warnings_.push_back(shard_name(s) + " is listed more than once in " + path +
                             "; its documents are counted once");
      ix.duplicates_.push_back(s);
      continue;
    }
    seen_listing.push_back(key);
    Xapian::Database shard;
    try {
      shard = open_shard(s, options);
      std::string v = shard.get_metadata(std::string(schema::meta::kSchemaVersion));
      if (v.empty()) {
        ix.warnings_.push_back(shard_name(s) + " has no " + std::string(schema::meta::kSchemaVersion) +
                               " metadata; assuming the current schema");
      } else if (v != std::to_string(schema::kSchemaVersion)) {
        throw IndexError(shard_name(s) + " has schema version " + v + " but this vigie reads version " +
                         std::to_string(schema::kSchemaVersion) + "; re-index it with this version");
      }
      const std::string uuid = shard.get_uuid();
      if (!uuid.empty()) {
        if (auto it = std::find(seen_uuid.begin(), seen_uuid.end(), uuid); it != seen_uuid.end()) {
          ix.warnings_.push_back(shard_name(s) + " is the same database as " + uuid_owner[it - seen_uuid.begin()] +
                                 " (UUID " + uuid + "); its documents are counted once");
          ix.duplicates_.push_back(s);
          continue;
        }
        seen_uuid.push_back(uuid);
        uuid_owner.push_back(shard_name(s));
      }
      s.metadata = read_metadata(shard);
      s.documents = shard.get_doccount();
    } catch (const Xapian::NetworkError& e) {
      if (options.allow_partial) {
        ix.warnings_.push_back(shard_name(s) + " did not answer (" + e.get_msg() +
                               "): results, counts and facets leave out the documents it holds");
        ix.missing_.push_back(s);
        ix.shards_.push_back(s);
        continue;
      }
      throw IndexError("cannot reach " + shard_name(s) + ": " + e.get_msg() +
                       " (is xapian-tcpsrv running there? --allow-partial uses the other shards)");
    } catch (const Xapian::DatabaseVersionError& e) {
      throw IndexError(shard_name(s) + " has an incompatible Xapian format: " + e.get_msg());
    } catch (const Xapian::DatabaseError& e) {
      throw IndexError("cannot open " + shard_name(s) + ": " + e.get_type() + ": " + e.get_msg());
    }
    ix.shards_.push_back(s);
    ix.db_.add_database(shard);
  }
  if (!ix.missing_.empty() && ix.missing_.size() == ix.shards_.size())
    throw IndexError("no shard of " + path + " answered");
  if (std::string d = metadata_disagreement(ix.shards_, ix.missing_); !d.empty()) {
    if (!options.allow_mixed)
      throw IndexError(path + " mixes incompatible shards: " + d +
                       "\nre-index the odd shards with the same versions, or pass --allow-mixed to use them "
                       "together anyway");
    ix.warnings_.push_back("--allow-mixed: " + d);
  }
  ix.metadata_ = merge_metadata(ix.shards_, ix.missing_);
  return ix;
}

StubSummary write_stub(const std::string& out, const std::vector<std::string>& shards, OpenOptions options,
                       bool force) {
  if (shards.empty()) throw UsageError("no shard to write into the stub");
  std::error_code ec;
  const fs::path out_path(out);
  if (fs::is_directory(out_path, ec)) throw UsageError("--out " + out + " is a directory; give a file name");
  if (fs::exists(out_path, ec) && !force) {
    try {
      read_stub(out);
    } catch (const IndexError& e) {
      throw UsageError("--out " + out + " exists and is not a stub (" + e.what() +
                       "); choose another name or pass --force");
    }
  }
  const fs::path dir = fs::absolute(out_path, ec).parent_path();
  const std::string out_canonical = canonical_name(out_path);
  std::string text = "# Written by vigie stub: one line per shard (Xapian stub format).\n";
  for (const auto& spec : shards) {
    if (fs::exists(spec, ec)) {
      if (canonical_name(spec) == out_canonical) throw UsageError("the stub " + out + " cannot list itself");
      fs::path abs = fs::absolute(spec, ec).lexically_normal();
      fs::path rel = abs.lexically_relative(dir);
      const bool inside = !rel.empty() && *rel.begin() != "..";
      text += "auto " + (inside ? rel : abs).string() + "\n";
    } else if (is_host_port(spec)) {
      text += "remote :" + spec + "\n";
    } else {
      throw UsageError("no index at " + spec + ", and it is not HOST:PORT");
    }
  }
  // Write beside the target, open it as every command would, then rename:
  // a stub that fails any check is never left behind.
  const fs::path tmp = out_path.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream f(tmp);
    f << text;
    f.close();
    if (!f) throw IndexError("cannot write " + tmp.string());
  }
  StubSummary summary;
  try {
    options.allow_partial = false;
    Index ix = Index::open(tmp.string(), options);
    if (!ix.duplicate_shards().empty()) {
      std::string msg = "refusing to write " + out + ": listed more than once (by path, HOST:PORT or database UUID):";
      for (const auto& d : ix.duplicate_shards()) msg += "\n  " + shard_name(d);
      throw IndexError(msg);
    }
    summary.shards = ix.shards().size();
    summary.documents = ix.db().get_doccount();
    summary.warnings = ix.warnings();
  } catch (const IndexError& e) {
    fs::remove(tmp, ec);
    // Name the stub being written, not its temporary file.
    std::string msg = e.what();
    for (size_t at; (at = msg.find(tmp.string())) != std::string::npos;) msg.replace(at, tmp.string().size(), out);
    throw IndexError(msg);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  fs::rename(tmp, out_path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw IndexError("cannot write " + out + ": " + ec.message());
  }
  return summary;
}

Index Index::from_database(const Xapian::Database& db, const std::string& name) {
  Index ix;
  ix.path_ = name;
  ix.shards_.push_back({name, false});
  ix.db_ = db;
  ix.shards_[0].metadata = read_metadata(db);
  ix.shards_[0].documents = db.get_doccount();
  ix.metadata_ = merge_metadata(ix.shards_, {});
  return ix;
}

std::vector<std::string> Index::term_values(const std::string& prefix) const {
  std::vector<std::string> out;
  for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
    std::string term = *t;
    // A single-capital prefix must not swallow longer X.. prefixes' terms:
    // boolean values never start with a capital (schema.h).
    std::string v = term.substr(prefix.size());
    if (!v.empty() && v[0] >= 'A' && v[0] <= 'Z') continue;
    out.push_back(std::move(v));
  }
  return out;
}

const std::vector<std::string>& Index::languages() const {
  if (!languages_) languages_ = term_values(std::string(schema::prefix::kLang));
  return *languages_;
}

std::shared_ptr<const LanguageMap> Index::language_map() {
  if (language_map_requests_ >= 2) return language_map_;
  if (++language_map_requests_ < 2) return nullptr;
  if (std::none_of(shards_.begin(), shards_.end(), [](const Shard& s) { return s.remote; }))
    language_map_ = LanguageMap::build(db_, languages());
  return language_map_;
}

void Index::reopen() {
  if (db_.reopen()) {
    languages_.reset();
    language_map_.reset();
    language_map_requests_ = 0;
  }
}

}  // namespace vigie::query
