#include "reports/crossed.h"

#include <algorithm>
#include <unordered_map>

#include "core/errors.h"
#include "core/json.h"
#include "core/schema.h"
#include "query/format.h"
#include "reports/assemble.h"
#include "reports/collect.h"
#include "reports/render.h"

namespace vigie::reports {

const std::vector<std::string>& crossed_fields() {
  static const std::vector<std::string> kFields = {"lang", "kind", "topic", "stance", "sentiment"};
  return kFields;
}

namespace {

struct Acc {
  uint64_t count = 0;
  series::SentimentAccumulator sentiment;
  std::map<std::string, uint64_t> stance;
};

void check_field(const std::string& field) {
  const auto& known = crossed_fields();
  if (std::find(known.begin(), known.end(), field) != known.end()) return;
  std::string names;
  for (const auto& f : known) names += (names.empty() ? "" : ", ") + f;
  throw UsageError("--stats: cannot cross '" + field + "' with sentiment (fields: " + names + ")");
}

}  // namespace

CrossedFacet crossed(query::Index& index, const Xapian::Query& query, const std::string& field) {
  check_field(field);
  CollectOptions co;
  co.read_lang_kind = field == "lang" || field == "kind";
  co.read_topics = field == "topic";
  const Facts facts = collect(index, query, co);
  std::unordered_map<std::string, Acc> by_value;
  std::vector<std::string> values;
  for (const MatchFact& f : facts.docs) {
    const DocFacts d = doc_facts(f);
    values.clear();
    if (field == "lang") values.push_back(facts.langs[f.lang]);
    else if (field == "kind") values.push_back(facts.kinds[f.kind]);
    else if (field == "stance") values.emplace_back(d.stance);
    else if (field == "sentiment") values.emplace_back(d.label);
    else for (auto& t : schema::decode_topics(f.topics)) values.push_back(std::move(t.id));
    for (const auto& v : values) {
      if (v.empty()) continue;  // unknown language or kind, no stance or label
      Acc& a = by_value[v];
      ++a.count;
      if (d.sentiment) a.sentiment.add(*d.sentiment, sentiment_label(d));
      if (!d.stance.empty()) ++a.stance[std::string(d.stance)];
    }
  }
  CrossedFacet out;
  out.field = field;
  for (auto& [v, a] : by_value) out.values.push_back({v, a.count, from_summary(a.sentiment.summary()), a.stance});
  std::sort(out.values.begin(), out.values.end(), [](const CrossedValue& a, const CrossedValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return out;
}

std::string search_json(query::Index& index, const query::Request& r, const query::SearchResults& results) {
  std::vector<CrossedFacet> stats;
  for (const auto& field : r.stats) stats.push_back(crossed(index, results.query, field));
  std::string out;
  query::append_results_json(out, results, [&](json::JsonWriter& w) {
    if (stats.empty()) return;
    w.key("stats").begin_object();
    for (const CrossedFacet& c : stats) {
      w.key(c.field).begin_array();
      for (const CrossedValue& v : c.values) {
        w.begin_object();
        w.key("value").value(v.value);
        w.key("count").value(v.count);
        w.key("sentiment");
        write_sentiment(w, v.sentiment);
        w.key("stance").counts(v.stance);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  });
  return out;
}

}  // namespace vigie::reports
