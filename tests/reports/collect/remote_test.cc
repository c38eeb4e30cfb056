// Trends through a remote shard: a stub mixing a local shard with one served
// by a stock xapian-tcpsrv takes the MSet path (a custom MatchSpy cannot run
// remotely) and gives the same series as the on-disk two-shard index read
// with the spy. Skipped when xapian-tcpsrv is not installed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "query/index.h"
#include "reports/collect.h"
#include "tests/reports/collect/fixture.h"

extern char** environ;

namespace vigie::reports {
namespace {

namespace fs = std::filesystem;
using namespace test;

int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
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
  const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

// xapian-tcpsrv over one database, in its own process group (it kills its
// group on SIGTERM), stopped when this object dies.
class TcpServer {
 public:
  TcpServer(const std::string& exe, const std::string& db, int port) : port_(port) {
    std::vector<std::string> args = {exe, "--port", std::to_string(port), "--interface", "127.0.0.1", "--quiet", db};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
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

TEST(CollectRemote, MixedStubGivesTheSameSeriesThroughTheMsetPath) {
  const std::string exe = fs::exists("/usr/bin/xapian-tcpsrv") ? "/usr/bin/xapian-tcpsrv" : "";
  if (exe.empty()) GTEST_SKIP() << "xapian-tcpsrv not installed (Debian package xapian-tools)";
  const fs::path dir = fs::temp_directory_path() / ("vigie-collect-remote-" + std::to_string(::getpid()));
  disk_index(dir);
  const int port = free_port();
  ASSERT_GT(port, 0);
  TcpServer server(exe, (dir / "shard-001").string(), port);
  ASSERT_TRUE(server.wait_ready()) << "xapian-tcpsrv did not start";
  std::ofstream(dir / "mixed.stub") << "auto shard-000\nremote :127.0.0.1:" << port << "\n";

  auto local = query::Index::open(dir.string());
  auto mixed = query::Index::open((dir / "mixed.stub").string());
  TrendOptions o = weekly();
  o.collect.topic = "harm_reduction";
  TrendResult a = trends(local, topic_query(), o);
  TrendResult b = trends(mixed, topic_query(), o);
  EXPECT_FALSE(a.used_mset);
  EXPECT_TRUE(b.used_mset);
  EXPECT_EQ(a.matches, b.matches);
  EXPECT_EQ(a.undated, b.undated);
  ASSERT_EQ(a.series.size(), b.series.size());
  for (size_t i = 0; i < a.series.size(); ++i) {
    const SeriesEntry &x = a.series[i], &y = b.series[i];
    EXPECT_EQ(x.period, y.period);
    EXPECT_EQ(x.count, y.count) << x.period;
    EXPECT_EQ(x.unique, y.unique) << x.period;
    EXPECT_EQ(x.share, y.share) << x.period;
    EXPECT_EQ(x.sentiment.positive, y.sentiment.positive) << x.period;
    EXPECT_EQ(x.sentiment.neutral, y.sentiment.neutral) << x.period;
    EXPECT_EQ(x.sentiment.negative, y.sentiment.negative) << x.period;
    ASSERT_EQ(x.sentiment.mean.has_value(), y.sentiment.mean.has_value());
    if (x.sentiment.mean) {
      EXPECT_NEAR(*x.sentiment.mean, *y.sentiment.mean, 1e-12);
    }
    EXPECT_EQ(x.stance, y.stance) << x.period;
    EXPECT_EQ(x.spike, y.spike) << x.period;
  }
  // Labels through the combined docids: W10 has 2 positive, 1 neutral, 1 negative.
  EXPECT_EQ(find(b.series, "2019-W10")->sentiment.neutral, 1u);
  // Emerging terms and examples read termlists and documents remotely too.
  EmergingRequest req;
  req.period = series::Period{monday(11), monday(12)};
  req.baseline_first_day = monday(1);
  req.baseline_end_day = monday(11);
  EXPECT_EQ(emerging_terms(mixed, topic_query(), req).size(), 4u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigie::reports
