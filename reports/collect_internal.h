// What the two readers of the index in reports/ share: collect.cc (facts,
// trends, emerging terms, examples) and build_briefing.cc (the weekly
// briefing). Internal to the module: no header outside reports/ includes it.
#pragma once

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "core/errors.h"

namespace vigie::reports {

// Topic ids of an encoded kTopics value, with the aspect sentiment of each.
void for_each_topic(std::string_view enc, const auto& fn) {
  size_t pos = 0;
  while (pos < enc.size()) {
    size_t end = enc.find(';', pos);
    if (end == std::string_view::npos) end = enc.size();
    std::string_view item = enc.substr(pos, end - pos);
    size_t c1 = item.find(':');
    if (c1 != std::string_view::npos && c1 > 0) {
      std::optional<double> aspect;
      size_t c2 = item.find(':', c1 + 1);
      if (c2 != std::string_view::npos && c2 + 1 < item.size()) {
        std::string s(item.substr(c2 + 1));
        char* e = nullptr;
        double v = std::strtod(s.c_str(), &e);
        if (e && *e == '\0' && std::isfinite(v)) aspect = v;
      }
      fn(item.substr(0, c1), aspect);
    }
    pos = end + 1;
  }
}

// Translates Xapian errors at the module edge. With `retryable`,
// DatabaseModifiedError (an indexer committed while we read) passes through
// to retrying(); the callers that pass it restart from scratch.
template <typename Fn>
auto with_xapian(const std::string& what, Fn fn, bool retryable = false) {
  try {
    return fn();
  } catch (const Xapian::DatabaseModifiedError& e) {
    if (retryable) throw;
    throw IndexError(what + ": the index changed while being read (" + e.get_msg() + "); run again");
  } catch (const Xapian::Error& e) {
    throw IndexError(what + ": " + e.get_type() + ": " + e.get_msg());
  }
}

}  // namespace vigie::reports
