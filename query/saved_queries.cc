#include "query/saved_queries.h"

#include <fstream>
#include <sstream>
#include <unordered_set>

#include <simdjson.h>

#include "core/errors.h"
#include "core/json.h"
#include "core/text/trim.h"

namespace vigie::query {
namespace {

using text::trim;

std::vector<SavedQuery> parse_json(std::string_view content, const std::string& origin) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(content);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object root;
  auto fail = [&](const std::string& what) { throw InputError(origin + ": " + what); };
  if (auto err = parser.iterate(padded).get(doc)) fail(std::string("invalid JSON: ") + simdjson::error_message(err));
  if (doc.get_object().get(root)) fail("expected a JSON object of named queries");
  std::vector<SavedQuery> out;
  for (auto field : root) {
    SavedQuery q;
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) fail(std::string("invalid JSON: ") + simdjson::error_message(err));
    q.name = std::string(key);
    simdjson::ondemand::value v;
    if (field.value().get(v)) fail("invalid JSON at query '" + q.name + "'");
    simdjson::ondemand::json_type type;
    if (v.type().get(type)) fail("invalid JSON at query '" + q.name + "'");
    if (type == simdjson::ondemand::json_type::string) {
      std::string_view s;
      if (v.get_string().get(s)) fail("invalid string at query '" + q.name + "'");
      q.query = std::string(s);
    } else if (type == simdjson::ondemand::json_type::object) {
      simdjson::ondemand::object obj;
      if (v.get_object().get(obj)) fail("invalid JSON at query '" + q.name + "'");
      bool has_query = false;
      for (auto f : obj) {
        std::string_view k, s;
        if (f.unescaped_key().get(k)) fail("invalid JSON in query '" + q.name + "'");
        std::string* dst = k == "query" ? &q.query
                           : k == "lang" ? &q.lang
                           : k == "description" ? &q.description
                           : k == "from" ? &q.from
                           : k == "to" ? &q.to
                           : k == "week" ? &q.week
                                         : nullptr;
        if (!dst) continue;  // other keys belong to other tools (trends, reports)
        if (f.value().get_string().get(s)) {
          fail("query '" + q.name + "': \"" + std::string(k) + "\" must be a string");
        }
        *dst = std::string(s);
        if (k == "query") has_query = true;
      }
      if (!has_query) fail("query '" + q.name + "' has no \"query\" string");
    } else {
      fail("query '" + q.name + "' must be a string or an object with \"query\"");
    }
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<SavedQuery> parse_lines(std::string_view content, const std::string& origin) {
  std::vector<SavedQuery> out;
  size_t line_no = 0;
  while (!content.empty()) {
    size_t nl = content.find('\n');
    std::string_view line = trim(content.substr(0, nl));
    content.remove_prefix(nl == std::string_view::npos ? content.size() : nl + 1);
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || trim(line.substr(0, colon)).empty() ||
        trim(line.substr(0, colon)).find_first_of(" \t") != std::string_view::npos) {
      throw InputError(origin + ":" + std::to_string(line_no) + ": expected 'name: query'");
    }
    SavedQuery q;
    q.name = std::string(trim(line.substr(0, colon)));
    q.query = std::string(trim(line.substr(colon + 1)));
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace

std::vector<SavedQuery> parse_saved_queries(std::string_view content, const std::string& origin) {
  std::string_view t = trim(content);
  while (!t.empty() && (t.front() == '\n')) t = trim(t.substr(1));
  auto out = !t.empty() && t.front() == '{' ? parse_json(content, origin) : parse_lines(content, origin);
  std::unordered_set<std::string> seen;
  for (const auto& q : out)
    if (!seen.insert(q.name).second) throw InputError(origin + ": query '" + q.name + "' is defined twice");
  return out;
}

std::vector<SavedQuery> load_saved_queries(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read saved queries file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_saved_queries(ss.str(), path);
}

const SavedQuery& find_saved_query(const std::vector<SavedQuery>& queries, std::string_view name,
                                   const std::string& origin) {
  for (const auto& q : queries)
    if (q.name == name) return q;
  std::string known;
  for (const auto& q : queries) known += (known.empty() ? "" : ", ") + q.name;
  throw UsageError("no saved query '" + std::string(name) + "' in " + origin +
                   (known.empty() ? " (the file is empty)" : " (known: " + known + ")"));
}

std::string saved_queries_json(const std::vector<SavedQuery>& queries) {
  std::string out;
  json::JsonWriter w(out);
  w.begin_array();
  for (const auto& q : queries) {
    w.begin_object();
    w.key("name").value(q.name);
    w.key("query").value(q.query);
    w.key("description").value(q.description);
    w.key("lang").value(q.lang);
    w.key("from").value(q.from);
    w.key("to").value(q.to);
    w.key("week").value(q.week);
    w.end_object();
  }
  w.end_array();
  out += "\n";
  return out;
}

}  // namespace vigie::query
