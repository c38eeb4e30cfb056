// The small rules every feed builder shares when it turns scanned Fields
// into a Record: dates (string, epoch number, or reject), text type checks,
// synthetic ids, and the one-line excerpt a reject carries.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/record.h"
#include "indexer/readers/fields.h"

namespace vigie::indexer::detail {

std::string_view trim_ws(std::string_view s);

// First ~120 bytes of a record as valid UTF-8 on one line: invalid bytes
// become '?', newlines and tabs are escaped, indentation after a newline of a
// pretty-printed document is dropped.
std::string make_excerpt(std::string_view s);

// 64-bit FNV-1a of the parts (0x1f between parts), as 16 hex digits: stable
// across runs and machines. Synthetic record ids are stored, so this must
// never change.
std::string stable_hash(std::initializer_list<std::string_view> parts);

// Sets r.time from d. Absent: true, r.time untouched. Unparseable: false
// with reason. numbers_are_epoch: numbers (and numeric strings) are Unix
// seconds (Pushshift, generic records); otherwise a number is a reject.
bool set_date(const DateVal& d, bool numbers_are_epoch, Record& r, std::string& reason);

// A feed's own date field, or else the generic "date" a record may carry
// when its keys made it look like that feed (numbers there are epoch
// seconds, as for generic records). Never drops a date the record has.
bool set_feed_date(const DateVal& own, bool own_numbers_are_epoch, const Fields& f, Record& r,
                   std::string& reason);

// Text fields of a format that are present but not strings -> reject reason.
bool type_check(std::initializer_list<std::pair<const Str*, const char*>> fields,
                std::string& reason);

const std::string& first_nonempty(std::initializer_list<const Str*> c);

// "und" (undetermined) is no declared language.
inline std::string lang_or_none(const std::string& l) { return l == "und" ? std::string() : l; }

// A text or title longer than max_bytes is a reject (reason set).
bool field_too_large(const Record& r, size_t max_bytes, std::string& reason);

}  // namespace vigie::indexer::detail
