#include "server/index_pool.h"

#include <variant>

#include <xapian.h>

namespace vigie::server {

IndexPool::IndexPool(std::vector<std::unique_ptr<query::Index>> indexes, size_t max_waiting)
    : free_(std::move(indexes)), max_waiting_(max_waiting) {}

IndexPool::Lease::~Lease() {
  if (index_) pool_->give_back(std::move(index_));
}

void IndexPool::give_back(std::unique_ptr<query::Index> index) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(index));
  }
  cv_.notify_one();
}

std::variant<IndexPool::Lease, IndexPool::Refusal> IndexPool::acquire(std::chrono::steady_clock::time_point deadline) {
  std::unique_ptr<query::Index> index;
  {
    std::unique_lock lock(mutex_);
    if (free_.empty()) {
      if (waiting_ >= max_waiting_) return Refusal::busy;
      ++waiting_;
      const bool got = cv_.wait_until(lock, deadline, [&] { return !free_.empty(); });
      --waiting_;
      if (!got) return Refusal::timeout;
    }
    index = std::move(free_.back());
    free_.pop_back();
  }
  Lease lease(this, std::move(index));
  // A commit by `vigie index` since the last request becomes visible here;
  // searches also reopen on Xapian::DatabaseModifiedError mid-read.
  try {
    lease.index().reopen();
  } catch (const Xapian::Error&) {
    // The request itself will report the index's state (and retry).
  }
  return lease;
}

}  // namespace vigie::server
