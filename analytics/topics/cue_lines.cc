#include "analytics/topics/cue_lines.h"

#include <cstdlib>

#include "core/errors.h"
#include "core/text/trim.h"

namespace vigie::topics {

void for_each_cue_line(std::string_view tsv, const std::string& origin, const std::function<void(const CueLine&)>& fn) {
  int lineno = 0;
  while (!tsv.empty()) {
    const size_t nl = tsv.find('\n');
    const std::string_view raw = tsv.substr(0, nl);
    tsv = nl == std::string_view::npos ? std::string_view() : tsv.substr(nl + 1);
    ++lineno;
    const std::string_view l = text::trim(raw);
    if (l.empty() || l[0] == '#') continue;
    CueLine c;
    c.where = origin + ":" + std::to_string(lineno);
    const size_t t1 = l.find('\t');
    if (t1 == std::string_view::npos) throw Error(c.where + ": expected 'cue<TAB>class[<TAB>weight]'");
    c.cue = text::trim(l.substr(0, t1));
    const std::string_view rest = l.substr(t1 + 1);
    const size_t t2 = rest.find('\t');
    c.cls = text::trim(rest.substr(0, t2));
    if (t2 != std::string_view::npos) {
      const std::string w(text::trim(rest.substr(t2 + 1)));
      char* end = nullptr;
      c.weight = std::strtof(w.c_str(), &end);
      if (w.empty() || end != w.c_str() + w.size() || !(c.weight > 0) || c.weight > 10)
        throw Error(c.where + ": weight must be a number in (0, 10], got '" + w + "'");
    }
    fn(c);
  }
}

}  // namespace vigie::topics
