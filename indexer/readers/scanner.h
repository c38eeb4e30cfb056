// The single pass over one JSON value: each object is scanned once, field by
// field, into a Fields (see fields.h); pages (arrays, API envelopes) hand
// their elements to a PageSink as soon as each is scanned, so a page of any
// size needs one Fields per nesting level, not one per element. Twitter v2
// page items are the exception: their authors are in "includes", which
// usually comes after "data", so they are kept (deferred()) until the
// value's end.
//
// Not thread-safe: one Scanner per RecordParser.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "indexer/readers/fields.h"
#include "indexer/readers/json_scan.h"

namespace vigie::indexer::detail {

// Receives the elements of pages as the scanner meets them.
class PageSink {
 public:
  virtual void begin_page() = 0;
  virtual void item(Fields& f, Ctx ctx) = 0;  // f is reused after the call
  virtual void end_page() = 0;

 protected:
  ~PageSink() = default;
};

class Scanner {
 public:
  explicit Scanner(PageSink& sink) : sink_(sink) {}

  // Forgets everything of the previous value (Fields go back to the pool).
  void reset();
  // A cleared Fields from the pool, valid until reset().
  Fields* fresh();
  // Pool watermark: release(mark()) returns the Fields taken since.
  size_t mark() const { return pool_used_; }
  void release(size_t mark) { pool_used_ = mark; }
  // The 1-based position of the next record of the current value.
  uint32_t next_position() { return ++next_k_; }

  // Scans obj into f; level 0 is the root (only there do envelopes count).
  sj::error_code scan_object(od::object obj, Fields& f, int level);
  // The elements of a page; each goes to the sink (or to deferred() for v2).
  sj::error_code scan_items(od::array a, Fields& owner, Ctx ctx, std::string_view lang, int level);

  const UserTable& users() const { return users_; }
  const std::vector<Fields*>& deferred() const { return deferred_; }

 private:
  sj::error_code scan_leaf(Key id, od::value& v, od::json_type t, Fields& f);
  sj::error_code scan_nested(Key id, od::value& v, od::json_type t, Fields& f, int level);
  sj::error_code scan_includes(od::object o);
  sj::error_code scan_lang_page(od::object o, Fields& root, const std::string& lang);

  PageSink& sink_;
  std::vector<std::unique_ptr<Fields>> pool_;
  size_t pool_used_ = 0;
  UserTable users_;               // includes.users id -> username
  std::vector<Fields*> deferred_;  // v2 page items waiting for includes.users
  uint32_t next_k_ = 0;
};

}  // namespace vigie::indexer::detail
