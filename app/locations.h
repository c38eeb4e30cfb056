// Where the locally trained models are, resolved once per run from the
// environment and the executable's place, and handed to the libraries in
// their options structs: no library reads the environment or
// /proc/self/exe.
//
// Thread safety: locations() computes its answer on first call (main calls
// it before dispatching) and is read-only afterwards.
#pragma once

#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"

namespace vigie::app {

struct Locations {
  // The stance and relevance models used when no --stance-model or
  // --relevance-model is given, in this order: $VIGIE_STANCE_MODEL /
  // $VIGIE_RELEVANCE_MODEL ("none" = none), an installed vigie's
  // <prefix>/share/vigie/local-models/, <vigie dir>/../models/ (the build
  // tree, where scripts/train-local-models writes them), else none.
  topics::StanceModelChoice stance_model;
  topics::RelevanceModelChoice relevance_model;
};

const Locations& locations();

}  // namespace vigie::app
