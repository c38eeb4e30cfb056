// The line format of the stance cue lexicons (corpora/stance/*.tsv) and of
// the judgement rules (corpora/stance/judgement/*.tsv), read in one place:
//   cue <TAB> class [<TAB> weight]
// Blank lines and lines starting with '#' are skipped; the weight is 1
// unless given, and must lie in (0, 10].
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace vigie::topics {

struct CueLine {
  std::string_view cue;    // trimmed; may be empty (the caller says whether that is an error)
  std::string_view cls;    // the class name, trimmed
  float weight = 1.0f;
  std::string where;       // "ORIGIN:LINE", for messages
};

// Calls fn for every entry of `tsv`, in order. Throws Error (naming
// origin:line) on a line without a tab or with a bad weight.
void for_each_cue_line(std::string_view tsv, const std::string& origin, const std::function<void(const CueLine&)>& fn);

}  // namespace vigie::topics
