// The per-thread deadline: a search that starts past its thread's deadline
// stops inside Xapian's match with TimeLimitError, the same search without one runs, and a scope gives the
// previous deadline back. Deadlines already past make this independent of
// the machine's speed.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "query/deadline.h"
#include "tests/query/fixture.h"

namespace vigie::test {
namespace {

using Clock = query::ScopedDeadline::Clock;

query::Index& fixture_index() {
  static query::Index index = query::Index::from_database(memory_index(), "memory");
  return index;
}

query::SearchOptions every_document() {
  query::SearchOptions o;
  o.facets = {"lang", "kind", "sentiment", "topic"};
  return o;
}

TEST(Deadline, NoDeadlineNeverStops) {
  EXPECT_NO_THROW(query::check_deadline());
  const auto r = query::search(fixture_index(), every_document());
  EXPECT_EQ(r.count, docs().size());
}

TEST(Deadline, APassedDeadlineStopsTheMatch) {
  query::ScopedDeadline scope(Clock::now() - std::chrono::seconds(1));
  EXPECT_THROW(query::check_deadline(), query::TimeLimitError);
  // The spy throws from inside get_mset: not turned into an IndexError or
  // a retry, and no partial result comes back.
  EXPECT_THROW(query::search(fixture_index(), every_document()), query::TimeLimitError);
}

TEST(Deadline, AFutureDeadlineLetsTheSearchFinish) {
  query::ScopedDeadline scope(Clock::now() + std::chrono::hours(1));
  const auto r = query::search(fixture_index(), every_document());
  EXPECT_EQ(r.count, docs().size());
  EXPECT_EQ(r.facets.size(), 4u);
}

TEST(Deadline, ScopesNestAndRestore) {
  {
    query::ScopedDeadline outer(Clock::now() + std::chrono::hours(1));
    {
      query::ScopedDeadline inner(Clock::now() - std::chrono::seconds(1));
      EXPECT_THROW(query::check_deadline(), query::TimeLimitError);
    }
    EXPECT_NO_THROW(query::check_deadline());
  }
  EXPECT_NO_THROW(query::search(fixture_index(), every_document()));
}

TEST(Deadline, BelongsToItsThread) {
  query::ScopedDeadline scope(Clock::now() - std::chrono::seconds(1));
  bool other_threw = true;
  std::thread t([&] {
    try {
      query::check_deadline();
      other_threw = false;
    } catch (const query::TimeLimitError&) {
    }
  });
  t.join();
  EXPECT_FALSE(other_threw);
}

}  // namespace
}  // namespace vigie::test
