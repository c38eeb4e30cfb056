// Turns a Record and its Analysis into a Xapian::Document following
// core/schema.h: free-text terms with positions (unstemmed, accent- and
// case-folded) plus Z-prefixed stems in the document's language, title terms
// under S, the boolean filter terms, the value slots and the document data.
//
// Thread safety: build_document is a pure function of its inputs except for
// the per-thread StemmerSet it is given.
#pragma once

#include <string>

#include <xapian.h>

#include "analytics/analyzer.h"
#include "core/record.h"
#include "core/text/stem.h"

namespace vigie::indexer {

// Returns the document and sets id_term to its unique Q term (for
// replace_document, so indexing the same record twice replaces it).
Xapian::Document build_document(const Record& record, const analytics::Analysis& analysis,
                                text::StemmerSet& stemmers, std::string& id_term);

// The JSON object stored as document data (see schema.h), e.g.
// {"id":"123","kind":"tweet","lang":"en","date":"2019-03-11T10:00:00Z",...}
std::string document_data(const Record& record, const analytics::Analysis& analysis);

}  // namespace vigie::indexer
