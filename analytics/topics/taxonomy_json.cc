#include "analytics/topics/taxonomy_json.h"

#include "core/json.h"

namespace vigie::topics {

std::string taxonomy_json(const Taxonomy& tax) {
  std::string s;
  json::JsonWriter w(s);
  w.begin_array();
  for (const auto& t : tax.topics()) {
    w.begin_object();
    w.key("id").value(t.id);
    w.key("group").value(t.group);
    w.key("label").begin_object();
    for (const auto& [lang, label] : t.labels) w.key(lang).value(label);
    w.end_object();
    w.key("languages").begin_array();
    for (const auto& l : t.languages()) w.value(l);
    w.end_array();
    w.key("needs_context").value(t.needs_context);
    w.end_object();
  }
  w.end_array();
  s += "\n";
  return s;
}

}  // namespace vigie::topics
