// Sharded and remote databases: the same searches through the on-disk
// sharded directory, a stub file of local shards, and a stub mixing a local
// shard with one served by a stock xapian-tcpsrv on 127.0.0.1 give the same
// results, counts and facets. Also the open errors (missing index, remote
// that does not answer, incompatible schema).
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <functional>
#include <iterator>

#include "core/errors.h"
#include "query/stats.h"
#include "tests/query/fixture.h"
#include "tests/support/tcp_server.h"

namespace vigie::test {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& p, const std::string& s) {
  std::ofstream out(p);
  out << s;
}

struct Outcome {
  uint64_t count = 0;
  std::vector<std::string> ids;  // in result order
  std::vector<double> weights;
  std::vector<std::string> snippets;
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, uint64_t>>>> facets;
  bool operator==(const Outcome& o) const {
    if (count != o.count || ids != o.ids || snippets != o.snippets || facets != o.facets) return false;
    if (weights.size() != o.weights.size()) return false;
    for (size_t i = 0; i < weights.size(); ++i)
      if (std::abs(weights[i] - o.weights[i]) > 1e-9) return false;
    return true;
  }
};

std::ostream& operator<<(std::ostream& os, const Outcome& o) {
  os << "count=" << o.count << " ids=";
  for (const auto& i : o.ids) os << i << ",";
  os << " facets=";
  for (const auto& [f, vs] : o.facets) {
    os << f << "{";
    for (const auto& [v, n] : vs) os << v << ":" << n << ",";
    os << "}";
  }
  return os;
}

Outcome outcome(query::Index& ix, const std::string& q, bool collapse = false) {
  query::SearchOptions o;
  o.query = q;
  o.limit = 100;
  o.collapse = collapse;
  o.facets = {"lang", "kind", "source", "author", "hashtag", "topic", "week", "day", "stance", "sentiment"};
  auto r = query::search(ix, o);
  Outcome out;
  out.count = r.count;
  for (const auto& h : r.hits) {
    out.ids.push_back(h.id);
    out.weights.push_back(h.weight);
    out.snippets.push_back(h.snippet);
  }
  for (const auto& f : r.facets) {
    std::vector<std::pair<std::string, uint64_t>> vs;
    for (const auto& v : f.values) vs.emplace_back(v.value, v.count);
    out.facets.emplace_back(f.field, vs);
  }
  return out;
}

const std::vector<std::string> kQueries = {
    "",          "cannabis",          "reduccion OR drogues", "大麻合法化",        "lang:en kind:tweet",
    "#HarmReduction", "date:2019-03-11..2019-03-17", "sentiment:-1..0", "canna* OR снижения", "\"harm reduction\""};

class Shards : public DiskIndexTest {};

TEST_F(Shards, ALanguageCommittedAfterOpeningIsSearchedAfterReopen) {
  auto index = query::Index::open(dir_.string());
  const auto before = index.languages();
  ASSERT_EQ(std::count(before.begin(), before.end(), "de"), 0);
  commit_german_document("shard-000");
  query::SearchOptions o;
  o.query = "Schadensminimierung";
  EXPECT_EQ(query::search(index, o).count, 1u);  // search() reopens: the languages are read again
  const auto after = index.languages();
  EXPECT_EQ(std::count(after.begin(), after.end(), "de"), 1);
}

TEST_F(Shards, ShardedDirectoryEqualsOneDatabase) {
  auto memory = query::Index::from_database(memory_index(), "memory");
  auto sharded = query::Index::open(dir_.string());
  EXPECT_EQ(sharded.shards().size(), 2u);
  EXPECT_TRUE(sharded.warnings().empty());
  for (const auto& q : kQueries) {
    // Same documents, counts and facets; ranking may differ in docid order
    // only for ties, so compare sorted ids here.
    auto a = outcome(memory, q), b = outcome(sharded, q);
    EXPECT_EQ(a.count, b.count) << q;
    std::sort(a.ids.begin(), a.ids.end());
    std::sort(b.ids.begin(), b.ids.end());
    EXPECT_EQ(a.ids, b.ids) << q;
    EXPECT_EQ(a.facets, b.facets) << q;
  }
}

TEST_F(Shards, RemoteShardGivesTheSameAnswersAsLocal) {
  const std::string exe = find_tcpsrv();
  if (exe.empty()) GTEST_SKIP() << "xapian-tcpsrv not installed (Debian package xapian-tools)";
  const int port = free_port();
  ASSERT_GT(port, 0);
  TcpServer server(exe, (dir_ / "shard-001").string(), port);
  ASSERT_TRUE(server.wait_ready()) << "xapian-tcpsrv did not start on port " << port;

  write_file(dir_ / "local.stub", "auto shard-000\nauto shard-001\n");
  write_file(dir_ / "mixed.stub", "# one local shard, one remote\nauto shard-000\nremote :127.0.0.1:" +
                                      std::to_string(port) + "\n");
  auto local = query::Index::open((dir_ / "local.stub").string());
  auto mixed = query::Index::open((dir_ / "mixed.stub").string());
  ASSERT_EQ(mixed.shards().size(), 2u);
  EXPECT_TRUE(mixed.shards()[1].remote);
  for (const auto& q : kQueries) {
    EXPECT_EQ(outcome(local, q), outcome(mixed, q)) << "query: " << q;
    EXPECT_EQ(outcome(local, q, true), outcome(mixed, q, true)) << "collapsed query: " << q;
  }
}

std::string stats_json(query::Index& ix) {
  std::string out;
  query::append_stats_json(out, query::compute_stats(ix));
  return out;
}

TEST_F(Shards, StatsAreExactAndTheSameInMemorySharded) {
  auto memory = query::Index::from_database(memory_index(), "memory");
  auto sharded = query::Index::open(dir_.string());
  const query::IndexStats s = query::compute_stats(sharded);
  EXPECT_EQ(s.documents, 10u);
  EXPECT_EQ(s.shards, 2u);
  EXPECT_EQ(s.undated, 1u);
  // Clusters 100 (documents 1, 2) and 200 (6, 7): one copy in each.
  EXPECT_EQ(s.clustered, 4u);
  EXPECT_EQ(s.duplicates, 2u);
  ASSERT_TRUE(s.first && s.last);
  EXPECT_EQ(time::format_datetime(*s.first), "2019-03-10T23:59:59Z");
  EXPECT_EQ(time::format_datetime(*s.last), "2019-04-01T08:00:00Z");
  EXPECT_EQ(s.by_lang.at("en"), 4u);
  EXPECT_EQ(s.by_lang.at("fr"), 2u);
  EXPECT_EQ(s.by_kind.at("tweet"), 6u);
  EXPECT_EQ(s.by_topic.at("harm-reduction"), 2u);
  EXPECT_EQ(s.metadata.at(std::string(schema::meta::kSchemaVersion)), std::to_string(schema::kSchemaVersion));
  // The same figures from one database (only the shard count differs).
  std::string a = stats_json(memory), b = stats_json(sharded);
  EXPECT_EQ(a.replace(a.find("\"shards\":1"), 10, "\"shards\":2"), b);
}

TEST_F(Shards, StatsOnRemoteShardsEqualLocal) {
  const std::string exe = find_tcpsrv();
  if (exe.empty()) GTEST_SKIP() << "xapian-tcpsrv not installed (Debian package xapian-tools)";
  const int p0 = free_port(), p1 = free_port();
  ASSERT_GT(p0, 0);
  ASSERT_GT(p1, 0);
  TcpServer s0(exe, (dir_ / "shard-000").string(), p0), s1(exe, (dir_ / "shard-001").string(), p1);
  ASSERT_TRUE(s0.wait_ready() && s1.wait_ready()) << "xapian-tcpsrv did not start";
  write_file(dir_ / "remote.stub", "remote :127.0.0.1:" + std::to_string(p0) + "\nremote :127.0.0.1:" +
                                       std::to_string(p1) + "\n");
  auto local = query::Index::open(dir_.string());
  auto remote = query::Index::open((dir_ / "remote.stub").string());
  EXPECT_EQ(stats_json(local), stats_json(remote));
  EXPECT_EQ(query::compute_stats(remote).duplicates, 2u);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const IndexError& e) {
    return e.what();
  }
  return "(no IndexError)";
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST_F(Shards, StubsThatIncludeThemselvesAreRefusedWithTheLoop) {
  write_file(dir_ / "self.stub", "auto self.stub\n");
  write_file(dir_ / "a.stub", "auto shard-000\nauto b.stub\n");
  write_file(dir_ / "b.stub", "# a loop through a second stub\nauto a.stub\n");
  write_file(dir_ / "c.stub", "auto .\n");  // the index directory, whose XAPIANDB is fine
  for (const char* name : {"self.stub", "a.stub", "b.stub"}) {
    const std::string e = error_of([&] { query::Index::open((dir_ / name).string()); });
    EXPECT_TRUE(has(e, "includes itself")) << name << ": " << e;
  }
  EXPECT_TRUE(has(error_of([&] { query::Index::open((dir_ / "a.stub").string()); }), "b.stub -> "));
  // A stub of a stub is followed, not refused.
  auto nested = query::Index::open((dir_ / "c.stub").string());
  EXPECT_EQ(nested.shards().size(), 2u);
  EXPECT_EQ(nested.db().get_doccount(), 10u);
}

TEST_F(Shards, AShardListedTwiceIsCountedOnceWithAWarning) {
  write_file(dir_ / "twice.stub", "auto shard-000\nauto shard-001\nauto ./shard-000\n");
  fs::create_directory_symlink(dir_ / "shard-001", dir_ / "alias");
  write_file(dir_ / "alias.stub", "auto shard-000\nauto shard-001\nauto alias\n");
  fs::copy(dir_ / "shard-000", dir_ / "copy", fs::copy_options::recursive);
  write_file(dir_ / "copy.stub", "auto shard-000\nauto shard-001\nauto copy\n");
  for (const char* name : {"twice.stub", "alias.stub", "copy.stub"}) {
    auto ix = query::Index::open((dir_ / name).string());
    EXPECT_EQ(ix.db().get_doccount(), 10u) << name;
    EXPECT_EQ(outcome(ix, "").count, 10u) << name;
    EXPECT_EQ(ix.shards().size(), 2u) << name;
    ASSERT_EQ(ix.duplicate_shards().size(), 1u) << name;
    ASSERT_EQ(ix.warnings().size(), 1u) << name;
    EXPECT_TRUE(has(ix.warnings()[0], "counted once")) << ix.warnings()[0];
  }
}

TEST_F(Shards, ShardsBuiltWithDifferentVersionsAreRefusedUnlessAllowed) {
  {
    Xapian::WritableDatabase db((dir_ / "shard-001").string());
    db.set_metadata(std::string(schema::meta::kTaxonomyVersion), "2099.1");
    db.commit();
  }
  const std::string e = error_of([&] { query::Index::open(dir_.string()); });
  EXPECT_TRUE(has(e, "vigie.taxonomy_version")) << e;
  EXPECT_TRUE(has(e, "2099.1")) << e;
  EXPECT_TRUE(has(e, "--allow-mixed")) << e;
  query::OpenOptions o;
  o.allow_mixed = true;
  auto ix = query::Index::open(dir_.string(), o);
  EXPECT_EQ(ix.db().get_doccount(), 10u);
  ASSERT_FALSE(ix.warnings().empty());
  EXPECT_TRUE(has(ix.warnings().back(), "vigie.taxonomy_version"));
  EXPECT_TRUE(has(ix.metadata().at(std::string(schema::meta::kTaxonomyVersion)), "mixed:"));
  // Per-shard keys may differ.
  {
    Xapian::WritableDatabase db((dir_ / "shard-001").string());
    db.set_metadata(std::string(schema::meta::kTaxonomyVersion), "");
    db.set_metadata(std::string(schema::meta::kCreated), "2030-01-01T00:00:00Z");
    db.set_metadata(std::string(schema::meta::kPartition), "2/2");
    db.commit();
  }
  EXPECT_NO_THROW(query::Index::open(dir_.string()));
}

TEST_F(Shards, WriteStubChecksEveryShardAndWritesRelativePaths) {
  const fs::path out = dir_ / "all.stub";
  auto s = query::write_stub(out.string(), {(dir_ / "shard-000").string(), (dir_ / "shard-001").string()}, {});
  EXPECT_EQ(s.shards, 2u);
  EXPECT_EQ(s.documents, 10u);
  std::ifstream in(out);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(has(text, "\nauto shard-000\nauto shard-001\n")) << text;
  EXPECT_EQ(query::Index::open(out.string()).db().get_doccount(), 10u);

  // Refusals leave the previous stub as it was.
  const int port = free_port();
  query::OpenOptions quick;
  quick.remote_connect_timeout_ms = 500;
  EXPECT_TRUE(has(error_of([&] {
                    query::write_stub(out.string(), {(dir_ / "shard-000").string(), "127.0.0.1:" + std::to_string(port)},
                                      quick);
                  }),
                  "127.0.0.1:" + std::to_string(port)));
  EXPECT_TRUE(has(error_of([&] {
                    query::write_stub(out.string(), {dir_.string(), (dir_ / "shard-001").string()}, {});
                  }),
                  "more than once"));
  EXPECT_THROW(query::write_stub(out.string(), {out.string()}, {}), UsageError);
  EXPECT_THROW(query::write_stub(out.string(), {"no-such-index"}, {}), UsageError);
  write_file(dir_ / "notes.txt", "not a stub\n");
  EXPECT_THROW(query::write_stub((dir_ / "notes.txt").string(), {dir_.string()}, {}), UsageError);
  std::ifstream again(out);
  std::string after((std::istreambuf_iterator<char>(again)), std::istreambuf_iterator<char>());
  EXPECT_EQ(after, text);
  for (const auto& f : fs::directory_iterator(dir_))
    EXPECT_FALSE(has(f.path().filename().string(), ".tmp-")) << f.path();
}

TEST_F(Shards, RemoteThatDoesNotAnswerIsAnIndexErrorNamingIt) {
  const int port = free_port();  // nobody listens there
  write_file(dir_ / "dead.stub", "auto shard-000\nremote :127.0.0.1:" + std::to_string(port) + "\n");
  query::OpenOptions o;
  o.remote_connect_timeout_ms = 1000;
  try {
    query::Index::open((dir_ / "dead.stub").string(), o);
    FAIL() << "opened a dead remote";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(port)), std::string::npos) << e.what();
  }
}

TEST_F(Shards, MissingOrBrokenIndexesAreIndexErrors) {
  EXPECT_THROW(query::Index::open((dir_ / "nope").string()), IndexError);
  fs::create_directories(dir_ / "empty-dir");
  EXPECT_THROW(query::Index::open((dir_ / "empty-dir").string()), IndexError);
  write_file(dir_ / "bad.stub", "auto missing-shard\n");
  try {
    query::Index::open((dir_ / "bad.stub").string());
    FAIL();
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("missing-shard"), std::string::npos) << e.what();
  }
  write_file(dir_ / "weird.stub", "remote prog args\n");
  EXPECT_THROW(query::Index::open((dir_ / "weird.stub").string()), IndexError);
}

TEST_F(Shards, SchemaVersionMismatchIsRefused) {
  {
    Xapian::WritableDatabase db((dir_ / "shard-001").string());
    db.set_metadata(std::string(schema::meta::kSchemaVersion), "999");
    db.commit();
  }
  try {
    query::Index::open(dir_.string());
    FAIL();
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 999"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("shard-001"), std::string::npos) << e.what();
  }
}

TEST_F(Shards, SearchesSeeTheLatestCommit) {
  auto ix = query::Index::open(dir_.string());
  EXPECT_EQ(outcome(ix, "").count, 10u);
  {
    // An indexer commits twice while the index is open for search.
    Xapian::WritableDatabase db((dir_ / "shard-000").string());
    for (int i = 0; i < 2; ++i) {
      Xapian::Document d;
      d.add_boolean_term("Lxx");
      d.add_boolean_term("Q" + std::to_string(1000 + i));
      db.add_document(d);
      db.commit();
    }
  }
  EXPECT_EQ(outcome(ix, "").count, 12u);
}

}  // namespace
}  // namespace vigie::test
