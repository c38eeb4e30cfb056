// A time limit on the work of one thread: `vigie serve` gives every request
// one, and the long loops of search, trends and reports check it, so that a
// heavy request stops instead of holding a worker past its limit.
//
// The deadline belongs to the thread that runs the request (a ScopedDeadline
// sets it for a scope); code that never sets one - the CLI - never stops and
// pays nothing, and no signature between the server and the loops has to
// carry it. Inside Xapian's match, watch_deadline() adds a match spy that
// checks the clock every few documents and throws out of get_mset.
//
// Thread safety: the deadline is per thread; every function here reads or
// sets only the calling thread's.
#pragma once

#include <chrono>
#include <string>

#include <xapian.h>

#include "core/errors.h"
#include "query/index.h"

namespace vigie::query {

// The work ran past its thread's deadline and was abandoned.
class TimeLimitError : public Error {
 public:
  using Error::Error;
};

// Sets the calling thread's deadline for the lifetime of the object (the
// previous one, if any, comes back after).
class ScopedDeadline {
 public:
  using Clock = std::chrono::steady_clock;
  explicit ScopedDeadline(Clock::time_point deadline);
  ~ScopedDeadline();
  ScopedDeadline(const ScopedDeadline&) = delete;
  ScopedDeadline& operator=(const ScopedDeadline&) = delete;

 private:
  Clock::time_point previous_;
  bool had_previous_;
};

// Throws TimeLimitError when the calling thread has a deadline and it has
// passed. About the cost of reading the clock: call it every few hundred
// items of a loop, not on each.
void check_deadline();

// Adds to `enquire` a match spy that throws TimeLimitError out of get_mset
// once the thread's deadline passes. No-op without a deadline, and on an
// index with remote shards (a custom spy cannot run on xapian-tcpsrv; the
// remote timeouts of OpenOptions bound those).
void watch_deadline(Xapian::Enquire& enquire, const Index& index);
// The same for an enquire over local databases only.
void watch_deadline(Xapian::Enquire& enquire);

}  // namespace vigie::query
