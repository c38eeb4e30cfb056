// One small exception tree, split as Xapian's is (LogicError and
// RuntimeError are siblings):
//   Exception        - base of everything Vigie throws.
//   |- UsageError    - the caller asked for something impossible (bad flag,
//   |                  malformed query, unknown topic). Exit status 2.
//   `- Error         - the environment or the data failed us (missing file,
//      |               unreadable index, remote shard down). Exit status 1.
//      |- InputError - an input cannot be read at all.
//      `- IndexError - an index cannot be opened or written.
// Because the two branches are siblings, `catch (const Error&)` never
// swallows a usage error, whatever the order of catch clauses.
// Per-record data problems are NOT exceptions: readers turn them into
// entries of the rejects log and the run goes on.
// Library code throws; only app/main.cc catches and maps to exit codes.
#pragma once

#include <stdexcept>
#include <string>

namespace vigie {

class Exception : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UsageError : public Exception {
 public:
  using Exception::Exception;
};

class Error : public Exception {
 public:
  using Exception::Exception;
};

// The input (a file, a stream) cannot be read at all.
class InputError : public Error {
 public:
  using Error::Error;
};

// The index cannot be opened, written or is of an incompatible version.
class IndexError : public Error {
 public:
  using Error::Error;
};

// What the current thread is doing, for the message when the process ends
// through std::terminate inside a library Vigie cannot catch from (Xapian
// 1.4 can end it that way when a commit fails with the disk full):
// app/main.cc's terminate handler names it. Scopes nest; thread-local.
class TerminateNote {
 public:
  explicit TerminateNote(const char* note) noexcept : prev_(current_) { current_ = note; }
  ~TerminateNote() { current_ = prev_; }
  TerminateNote(const TerminateNote&) = delete;
  TerminateNote& operator=(const TerminateNote&) = delete;
  static const char* current() noexcept { return current_; }

 private:
  const char* prev_;
  static inline thread_local const char* current_ = nullptr;
};

// Exit statuses of the `vigie` command (a contract: scripts test them).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,
  kExitUsage = 2,
  kExitRejects = 3,  // run finished, but some records were rejected
};

}  // namespace vigie
