#include "query/index.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

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

// vigie.shards and the resume state differ per shard by design and say
// nothing about the documents.
std::map<std::string, std::string> read_metadata(const Xapian::Database& db) {
  std::map<std::string, std::string> out;
  try {
    for (auto k = db.metadata_keys_begin("vigie."); k != db.metadata_keys_end("vigie."); ++k) {
      if (*k == schema::meta::kShards || *k == schema::meta::kCheckpoint) continue;
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

// The index-wide view of the shards' metadata (see Index::metadata()).
std::map<std::string, std::string> merge_metadata(const std::vector<Shard>& shards, const std::vector<Shard>& missing) {
  std::map<std::string, std::vector<std::string>> values;
  for (const auto& s : shards) {
    bool gone = std::any_of(missing.begin(), missing.end(), [&](const Shard& m) { return m.spec == s.spec; });
    if (gone) continue;
    for (const auto& [k, v] : s.metadata) {
      auto& vs = values[k];
      if (std::find(vs.begin(), vs.end(), v) == vs.end()) vs.push_back(v);
    }
  }
  std::map<std::string, std::string> out;
  for (auto& [k, vs] : values) {
    if (k == schema::meta::kCreated) {
      out[k] = *std::min_element(vs.begin(), vs.end());  // ISO times sort as text
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

std::vector<Shard> read_stub(const std::string& stub_path) {
  std::ifstream in(stub_path);
  if (!in) throw IndexError("cannot read index stub " + stub_path);
  const fs::path dir = fs::path(stub_path).parent_path();
  std::vector<Shard> shards;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    size_t sp = line.find_first_of(" \t");
    std::string type = line.substr(0, sp);
    std::string arg = sp == std::string::npos ? std::string() : trim(line.substr(sp));
    const std::string where = stub_path + ":" + std::to_string(n);
    if (arg.empty()) throw IndexError(where + ": '" + line + "' has no argument");
    if (type == "auto" || type == "glass" || type == "chert" || type == "honey") {
      fs::path p(arg);
      if (p.is_relative()) p = dir / p;
      shards.push_back({p.lexically_normal().string(), false});
    } else if (type == "remote") {
      // TCP: "remote :HOST:PORT" (Xapian's stub syntax); programs are not supported.
      std::string hp = arg[0] == ':' ? arg.substr(1) : arg;
      size_t colon = hp.rfind(':');
      bool ok = colon != std::string::npos && colon + 1 < hp.size() &&
                hp.find_first_not_of("0123456789", colon + 1) == std::string::npos;
      if (!ok) throw IndexError(where + ": expected 'remote :HOST:PORT', got '" + line + "'");
      shards.push_back({hp, true});
    } else {
      throw IndexError(where + ": unknown database type '" + type + "' (expected auto or remote)");
    }
  }
  if (shards.empty()) throw IndexError("index stub " + stub_path + " lists no shard");
  return shards;
}

Index Index::open(const std::string& path, const OpenOptions& options) {
  Index ix;
  ix.path_ = path;
  std::error_code ec;
  fs::path p(path);
  if (!fs::exists(p, ec)) throw IndexError("no index at " + path + " (run `vigie index --db " + path + "` first)");
  if (fs::is_directory(p, ec)) {
    if (fs::exists(p / "XAPIANDB")) {
      ix.shards_ = read_stub((p / "XAPIANDB").string());
    } else if (is_database_dir(p)) {
      ix.shards_.push_back({path, false});
    } else {
      throw IndexError(path + " is not a Vigie index (neither a XAPIANDB stub nor a Xapian database)");
    }
  } else {
    ix.shards_ = read_stub(path);
  }
  for (auto& s : ix.shards_) {
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
    } catch (const Xapian::NetworkError& e) {
      if (options.allow_partial) {
        ix.warnings_.push_back(shard_name(s) + " did not answer (" + e.get_msg() +
                               "): results, counts and facets leave out the documents it holds");
        ix.missing_.push_back(s);
        continue;
      }
      throw IndexError("cannot reach " + shard_name(s) + ": " + e.get_msg() +
                       " (is xapian-tcpsrv running there? --allow-partial searches the other shards)");
    } catch (const Xapian::DatabaseVersionError& e) {
      throw IndexError(shard_name(s) + " has an incompatible Xapian format: " + e.get_msg());
    } catch (const Xapian::DatabaseError& e) {
      throw IndexError("cannot open " + shard_name(s) + ": " + e.get_type() + ": " + e.get_msg());
    }
    s.metadata = read_metadata(shard);
    ix.db_.add_database(shard);
  }
  if (!ix.missing_.empty() && ix.missing_.size() == ix.shards_.size())
    throw IndexError("no shard of " + path + " answered");
  ix.metadata_ = merge_metadata(ix.shards_, ix.missing_);
  return ix;
}

Index Index::from_database(const Xapian::Database& db, const std::string& name) {
  Index ix;
  ix.path_ = name;
  ix.shards_.push_back({name, false});
  ix.db_ = db;
  ix.shards_[0].metadata = read_metadata(db);
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

std::vector<std::string> Index::languages() const { return term_values(std::string(schema::prefix::kLang)); }

void Index::reopen() { db_.reopen(); }

}  // namespace vigie::query
