// The taxonomy as JSON, as `vigie topics --json` prints it and the HTTP API
// serves it: [{"id", "group", "label": {lang: text}, "languages",
// "needs_context"}, ...] in the taxonomy's order, then a newline.
//
// Thread safety: pure function.
#pragma once

#include <string>

#include "analytics/topics/taxonomy.h"

namespace vigie::topics {

std::string taxonomy_json(const Taxonomy& taxonomy);

}  // namespace vigie::topics
