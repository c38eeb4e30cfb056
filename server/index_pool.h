// A fixed set of open indexes, one per worker, lent to one request at a
// time. Xapian databases are not thread-safe, so each request borrows a
// whole query::Index and gives it back; at most `max_waiting` requests wait
// for one, and none longer than its deadline.
//
// Thread safety: all members are thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>
#include <vector>

#include "query/index.h"

namespace vigie::server {

class IndexPool {
 public:
  enum class Refusal { busy, timeout };

  // Owns the indexes (at least one).
  IndexPool(std::vector<std::unique_ptr<query::Index>> indexes, size_t max_waiting);

  class Lease {
   public:
    Lease(IndexPool* pool, std::unique_ptr<query::Index> index) : pool_(pool), index_(std::move(index)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    query::Index& index() { return *index_; }

   private:
    IndexPool* pool_;
    std::unique_ptr<query::Index> index_;
  };

  // An index, reopened at the latest committed revision, or why none was
  // lent: `busy` when max_waiting requests already wait, `timeout` when none
  // came free before the deadline.
  std::variant<Lease, Refusal> acquire(std::chrono::steady_clock::time_point deadline);

 private:
  void give_back(std::unique_ptr<query::Index> index);

  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<query::Index>> free_;
  size_t waiting_ = 0;
  const size_t max_waiting_;
};

}  // namespace vigie::server
