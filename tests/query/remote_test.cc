// Sharded and remote databases: the same searches through the on-disk
// sharded directory, a stub file of local shards, and a stub mixing a local
// shard with one served by a stock xapian-tcpsrv on 127.0.0.1 give the same
// results, counts and facets. Also the open errors (missing index, remote
// that does not answer, incompatible schema).
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "core/errors.h"
#include "query/stats.h"
#include "tests/query/fixture.h"

extern char** environ;

namespace vigie::test {
namespace {

namespace fs = std::filesystem;

int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  int port = -1;
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(s);
  return port;
}

bool accepts(int port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

std::string find_tcpsrv() {
  for (const char* dir : {"/usr/bin", "/usr/local/bin"}) {
    fs::path p = fs::path(dir) / "xapian-tcpsrv";
    if (fs::exists(p)) return p.string();
  }
  return {};
}

// xapian-tcpsrv over one database, killed when this object dies (also when
// an assertion fails half-way).
class TcpServer {
 public:
  TcpServer(const std::string& exe, const std::string& db, int port) : port_(port) {
    std::string p = std::to_string(port);
    std::vector<std::string> args = {exe, "--port", p, "--interface", "127.0.0.1", "--quiet", db};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // Own process group: on SIGTERM xapian-tcpsrv kills its whole process
    // group (its forked children), which must not include this test.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    if (::posix_spawn(&pid_, exe.c_str(), nullptr, &attr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawnattr_destroy(&attr);
  }
  ~TcpServer() {
    if (pid_ > 0) {
      ::kill(-pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  bool wait_ready() const {
    for (int i = 0; i < 100 && pid_ > 0; ++i) {
      if (accepts(port_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

 private:
  pid_t pid_ = -1;
  int port_;
};

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

class Shards : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("vigie-query-shards-" + std::to_string(::getpid()));
    disk_index(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

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
