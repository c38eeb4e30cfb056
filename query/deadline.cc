#include "query/deadline.h"

#include <algorithm>
#include <optional>

namespace vigie::query {
namespace {

thread_local std::optional<ScopedDeadline::Clock::time_point> t_deadline;

// Reading the clock costs tens of nanoseconds; a document costs about a
// microsecond to match, so checking every 64 adds well under 1%.
constexpr unsigned kDocumentsPerCheck = 64;

class DeadlineSpy : public Xapian::MatchSpy {
 public:
  explicit DeadlineSpy(ScopedDeadline::Clock::time_point deadline) : deadline_(deadline) {}
  void operator()(const Xapian::Document&, double) override {
    // The first document is checked too, so that a deadline already past
    // stops the match at once.
    if (seen_++ % kDocumentsPerCheck == 0 && ScopedDeadline::Clock::now() >= deadline_) throw_passed();
  }
  std::string name() const override { return {}; }  // never sent to a remote shard

  static void throw_passed() { throw TimeLimitError("the request ran past its time limit and was stopped"); }

 private:
  ScopedDeadline::Clock::time_point deadline_;
  unsigned seen_ = 0;
};

}  // namespace

ScopedDeadline::ScopedDeadline(Clock::time_point deadline)
    : previous_(t_deadline.value_or(Clock::time_point{})), had_previous_(t_deadline.has_value()) {
  t_deadline = deadline;
}

ScopedDeadline::~ScopedDeadline() {
  if (had_previous_) t_deadline = previous_;
  else t_deadline.reset();
}

void check_deadline() {
  if (t_deadline && ScopedDeadline::Clock::now() >= *t_deadline) DeadlineSpy::throw_passed();
}

void watch_deadline(Xapian::Enquire& enquire) {
  if (t_deadline) enquire.add_matchspy((new DeadlineSpy(*t_deadline))->release());
}

void watch_deadline(Xapian::Enquire& enquire, const Index& index) {
  const auto& shards = index.shards();
  if (std::none_of(shards.begin(), shards.end(), [](const Shard& s) { return s.remote; })) watch_deadline(enquire);
}

}  // namespace vigie::query
