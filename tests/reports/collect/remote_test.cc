// Trends through a remote shard: a stub mixing a local shard with one served
// by a stock xapian-tcpsrv takes the MSet path (a custom MatchSpy cannot run
// remotely) and gives the same series as the on-disk two-shard index read
// with the spy. Skipped when xapian-tcpsrv is not installed.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "query/index.h"
#include "reports/collect.h"
#include "tests/reports/collect/fixture.h"
#include "tests/support/tcp_server.h"

namespace vigie::reports {
namespace {

namespace fs = std::filesystem;
using namespace test;
using vigie::test::find_tcpsrv;
using vigie::test::free_port;
using vigie::test::TcpServer;

TEST(CollectRemote, MixedStubGivesTheSameSeriesThroughTheMsetPath) {
  const std::string exe = find_tcpsrv();
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
