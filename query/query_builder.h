// Turns an analyst's query string into a Xapian::Query that matches the
// index as core/schema.h and indexer/document_builder.cc wrote it.
//
// Owns: the field registry of the query language (boolean fields such as
// lang: and source:, the free field title:, the ranges date: and sentiment:),
// the query pre-processor (accent and case folding of words, CJK
// segmentation), the syntax check that points at the problem, and the
// per-language parse (a French query stems as French).
//
// Language handling: documents carry Z+stem terms in their own language only
// (none for languages without a Snowball stemmer and for CJK words). With an
// explicit language the query is parsed once with that stemmer. Without one
// (or "und"), it is parsed once per stemmer among the index's languages, each
// parse restricted (OP_FILTER) to the documents of those languages, and the
// parses are OR-ed: every document is matched by the parse of its own
// language, so a word's stem is always compared with a stem made by the same
// stemmer, and BM25 weights are never summed across parses.
//
// Thread safety: a QueryBuilder is NOT thread-safe (it owns a lazily created
// ICU segmenter); use one per thread. The free functions are thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "query/time_range.h"

namespace vigie::query {

enum class FieldKind { boolean, free, range };

struct FieldSpec {
  std::string_view name;    // as typed in a query, without ':'
  std::string_view prefix;  // schema prefix ("" for ranges)
  FieldKind kind;
  std::string_view help;    // one line for --help and docs
};

// Every field of the query language, in the order --help lists them.
const std::vector<FieldSpec>& fields();

// Throws UsageError when the query is malformed: unbalanced quotes or
// brackets, a binary operator with a missing operand, an empty field value,
// a NEAR/n or ADJ/n window outside 1..1000, more than kMaxQueryTerms terms
// (query/limits.h).
// The message quotes the query and puts a caret under the problem.
void check_syntax(std::string_view query);

// Strict field checks, run by QueryBuilder::build after check_syntax. Throws
// UsageError, with the query and a caret under the token, for:
//  - an unknown field: a token NAME:VALUE (outside quotes) whose NAME is
//    letters only and is no field, e.g. "unknown field 'lnag' (did you mean
//    lang?)". URLs (NAME://...), times (10:30) and quoted text stay words;
//  - a value outside a closed field's set: kind:, flag:, stance:, label:,
//    sentiment: words, and topic: when topic_ids is not empty; the message
//    lists the valid values;
//  - a reversed range: date:B..A with B after A, sentiment:x..y with x > y.
void check_fields(std::string_view query, const std::vector<std::string>& topic_ids = {});

// The stemmer name (text::stemmer_name) for a language code read from the
// index's L terms, without the slow normalisation of arbitrary tags.
std::string index_language_stemmer(const std::string& code);

class QueryBuilder {
 public:
  // zone: day boundaries of date: ranges (UTC by default).
  explicit QueryBuilder(Zone zone = Zone());
  ~QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  // The pre-processed query: words folded with text::index_form, runs of CJK
  // text segmented into words (a phrase when more than one word), operators,
  // field names, boolean field values and ranges left as typed; #tag and
  // @user become hashtag:tag and mention:user; numbers become one-word
  // phrases (the indexer does not stem numbers).
  std::string rewrite(std::string_view query);

  // First and last document times of the index, to answer open-ended date:
  // ranges from terms (see time_query). Optional.
  void set_time_bounds(const TimeBounds& bounds);

  // The valid topic: values (the taxonomy's topic ids); empty = not checked.
  void set_topic_ids(std::vector<std::string> ids);

  // Restricts each per-language parse to its languages with filter(codes)
  // instead of the OR of the codes' L terms; the filter must match the same
  // documents (e.g. language_filter of language_map.h), or be empty to keep
  // the L terms. Called only by a query parsed per language. Optional.
  void set_language_filter(std::function<Xapian::Query(const std::vector<std::string>& codes)> filter);

  // Parses the query. lang: an ISO 639-1 code, or "" / "und" for the
  // multi-language parse over index_langs (the L term values present in the
  // index). An empty query matches every document. Throws UsageError for a
  // malformed query (see check_syntax; Xapian's QueryParserError is
  // translated too).
  Xapian::Query build(std::string_view query, std::string_view lang,
                      const std::vector<std::string>& index_langs);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigie::query
