// RecordParser: JSON (one value per line, or one whole document) -> Records
// and Rejects, following the rules of docs/formats.md.
//
// One pass per JSON value with simdjson On Demand (scanner.h): each object
// is scanned once into a Fields; the format is decided afterwards from its
// presence bits and the envelope it sat in (detect.h), and one builder per
// feed family turns it into a Record (feeds.h). --map input goes through
// the mapped walker instead (mapped.h). This file owns the units (lines and
// whole documents), positions, pages and rejects.
//
// A line whose JSON turns out to be broken anywhere is rejected whole: the
// records already taken from it are removed again (rule: one Reject for the
// line). Records of a page (array, API response) are checked one by one, so
// one bad record in a page of 100 loses only that record.
#include "indexer/readers/parser.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "core/errors.h"
#include "indexer/readers/detect.h"
#include "indexer/readers/feeds.h"
#include "indexer/readers/mapped.h"
#include "indexer/readers/record_rules.h"
#include "indexer/readers/recover.h"
#include "indexer/readers/scanner.h"

namespace vigie::indexer {

namespace sj = simdjson;
namespace od = simdjson::ondemand;

std::optional<Format> parse_format(std::string_view name) {
  if (name == "auto" || name == "automatic") return Format::automatic;
  if (name == "twitter-v1") return Format::twitter_v1;
  if (name == "twitter-v2") return Format::twitter_v2;
  if (name == "reddit") return Format::reddit;
  if (name == "newsapi") return Format::newsapi;
  if (name == "mediacloud") return Format::mediacloud;
  if (name == "jsonl") return Format::jsonl;
  return std::nullopt;
}

std::string_view format_name(Format f) {
  switch (f) {
    case Format::automatic: return "auto";
    case Format::twitter_v1: return "twitter-v1";
    case Format::twitter_v2: return "twitter-v2";
    case Format::reddit: return "reddit";
    case Format::newsapi: return "newsapi";
    case Format::mediacloud: return "mediacloud";
    case Format::jsonl: return "jsonl";
  }
  return "auto";
}

FieldMap FieldMap::parse(std::string_view spec) {
  static constexpr std::string_view kKeys[] = {"text", "title",  "date", "id",  "lang",
                                               "author", "source", "url", "kind"};
  FieldMap m;
  while (!spec.empty()) {
    size_t comma = spec.find(',');
    std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == item.size())
      throw UsageError("--map: expected key=field, got '" + std::string(item) + "'");
    std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
      throw UsageError("--map: unknown key '" + std::string(key) +
                       "' (keys: text, title, date, id, lang, author, source, url, kind)");
    if (value.front() == '.' || value.back() == '.' || value.find("..") != std::string_view::npos)
      throw UsageError("--map: bad field path '" + std::string(value) + "'");
    m.fields[std::string(key)] = std::string(value);
  }
  return m;
}
namespace {

using namespace detail;

const char* error_name(sj::error_code e) {
  switch (e) {
    case sj::CAPACITY: return "CAPACITY";
    case sj::MEMALLOC: return "MEMALLOC";
    case sj::TAPE_ERROR: return "TAPE_ERROR";
    case sj::DEPTH_ERROR: return "DEPTH_ERROR";
    case sj::STRING_ERROR: return "STRING_ERROR";
    case sj::T_ATOM_ERROR: return "T_ATOM_ERROR";
    case sj::F_ATOM_ERROR: return "F_ATOM_ERROR";
    case sj::N_ATOM_ERROR: return "N_ATOM_ERROR";
    case sj::NUMBER_ERROR: return "NUMBER_ERROR";
    case sj::UTF8_ERROR: return "UTF8_ERROR";
    case sj::EMPTY: return "EMPTY";
    case sj::UNESCAPED_CHARS: return "UNESCAPED_CHARS";
    case sj::UNCLOSED_STRING: return "UNCLOSED_STRING";
    case sj::INCORRECT_TYPE: return "INCORRECT_TYPE";
    case sj::NUMBER_OUT_OF_RANGE: return "NUMBER_OUT_OF_RANGE";
    case sj::INCOMPLETE_ARRAY_OR_OBJECT: return "INCOMPLETE_ARRAY_OR_OBJECT";
    case sj::TRAILING_CONTENT: return "TRAILING_CONTENT";
    case sj::OUT_OF_BOUNDS: return "OUT_OF_BOUNDS";
    default: return "ERROR";
  }
}

enum class Outcome { post, rejected, nonpost };

}  // namespace

// ---------------------------------------------------------------------------

struct RecordParser::Impl final : PageSink {
  explicit Impl(const ParseOptions& o)
      : opt(o), parser(sj::SIMDJSON_MAXSIZE_BYTES), scanner(*this), mapper(mapping(o)) {
    if (dom.allocate(1 << 16, opt.max_depth))
      throw Error("cannot allocate the JSON parser");
    mapped = opt.format == Format::jsonl ||
             (opt.format == Format::automatic && !opt.map.fields.empty());
  }

  // --map's fields, or the generic names when --format jsonl comes without one.
  static std::map<std::string, std::string> mapping(const ParseOptions& o) {
    if (!o.map.fields.empty()) return o.map.fields;
    return {{"text", "text"}, {"title", "title"}, {"date", "date"},   {"id", "id"},
            {"lang", "lang"}, {"author", "author"}, {"source", "source"}, {"url", "url"}};
  }

  ParseOptions opt;
  od::parser parser;
  sj::dom::parser dom;  // validation only (see parse_unit)
  // Values bigger than this (whole documents) are not DOM-checked: the tape
  // would cost several times their size in memory.
  static constexpr size_t kDomCheckMax = 64u << 20;
  Scanner scanner;
  MappedReader mapper;
  bool mapped = false;
  sj::padded_string scratch;

  // Per unit (one line or one whole document).
  const std::string* file = nullptr;
  uint64_t unit_line = 0;
  bool whole = false;
  const char* unit_begin = nullptr;
  const char* unit_end = nullptr;
  const char* count_pos = nullptr;  // newline counting for whole documents
  uint64_t count_line = 0;
  std::vector<Record>* records = nullptr;
  std::vector<Reject>* rejects = nullptr;
  // Page statistics for the "page with no post at all" rule.
  size_t page_posts = 0, page_nonposts = 0, page_reject_mark = 0;
  std::string page_nonpost_what;

  // ---- positions and rejects ------------------------------------------------

  uint64_t line_of(const char* p) {
    if (!whole || !p || p < unit_begin || p > unit_end) return unit_line;
    if (p < count_pos) {  // not expected (items come in order), but stay correct
      count_pos = unit_begin;
      count_line = unit_line;
    }
    count_line += static_cast<uint64_t>(std::count(count_pos, p, '\n'));
    count_pos = p;
    return count_line;
  }

  Origin origin_of(const Fields& f) { return Origin{*file, line_of(f.start), f.k}; }

  std::string excerpt_at(const char* p) {
    if (!p || p < unit_begin || p > unit_end) p = unit_begin;
    return make_excerpt(std::string_view(p, static_cast<size_t>(unit_end - p)));
  }

  void add_reject(Origin o, std::string reason, const char* at) {
    rejects->push_back(Reject{std::move(o), std::move(reason), excerpt_at(at)});
  }

  // ---- pages (PageSink) -----------------------------------------------------

  void begin_page() override {
    page_posts = page_nonposts = 0;
    page_reject_mark = rejects->size();
    page_nonpost_what.clear();
  }

  // A page of only non-posts (a users lookup, a counts response...) is one
  // reject for the whole value, not one per element.
  void end_page() override {
    if (page_posts == 0 && page_nonposts > 0) {
      rejects->resize(page_reject_mark);
      std::string what = page_nonpost_what;
      Origin o{*file, unit_line, 0};
      std::string reason = "no post in object";
      if (!what.empty()) reason += ": looks like a " + what;
      rejects->push_back(Reject{std::move(o), std::move(reason), excerpt_at(unit_begin)});
    }
  }

  void item(Fields& f, Ctx ctx) override {
    std::string reason, what;
    Record r;
    Outcome oc = build(f, ctx, r, reason, what);
    switch (oc) {
      case Outcome::post:
        ++page_posts;
        r.origin = origin_of(f);
        records->push_back(std::move(r));
        break;
      case Outcome::rejected:
        ++page_posts;
        add_reject(origin_of(f), std::move(reason), f.start);
        break;
      case Outcome::nonpost:
        ++page_nonposts;
        if (page_nonpost_what.empty()) page_nonpost_what = what;
        add_reject(origin_of(f), std::move(reason), f.start);
        break;
    }
  }

  // ---- records --------------------------------------------------------------

  Outcome build(Fields& f, Ctx ctx, Record& r, std::string& reason, std::string& what) {
    if (f.not_object) {
      reason = "not a JSON object";
      return Outcome::rejected;
    }
    if (ctx == Ctx::reddit_child) {
      // {"kind":"t1"|"t3","data":{...}}
      if ((f.kind == "t1" || f.kind == "t3") && f.data_obj) {
        Fields& d = *f.data_obj;
        d.k = f.k;
        bool ok = build_reddit(d, r, reason) && !field_too_large(r, opt.max_field_bytes, reason);
        return ok ? Outcome::post : Outcome::rejected;
      }
      what = "Reddit " + (f.kind.empty() ? std::string("listing child") : f.kind + " object");
      reason = "no post in object: looks like a " + what;
      return Outcome::nonpost;
    }
    if (nonpost_kind(f, what)) {
      reason = "no post in object: looks like a " + what;
      return Outcome::nonpost;
    }
    bool ok = false;
    switch (detect_format(f, ctx, opt.format)) {
      case Format::twitter_v1: ok = build_twitter_v1(f, r, reason); break;
      case Format::twitter_v2: ok = build_twitter_v2(f, scanner.users(), r, reason); break;
      case Format::reddit: ok = build_reddit(f, r, reason); break;
      case Format::newsapi: ok = build_newsapi(f, r, reason); break;
      case Format::mediacloud: ok = build_mediacloud(f, r, reason); break;
      case Format::jsonl: ok = build_generic(f, r, reason); break;
      case Format::automatic:
        reason = "no post in object";
        return Outcome::nonpost;
    }
    if (ok && field_too_large(r, opt.max_field_bytes, reason)) return Outcome::rejected;
    return ok ? Outcome::post : Outcome::rejected;
  }

  // ---- generic JSON Lines with a field map ------------------------------------

  sj::error_code mapped_object(od::value v, const char* start, uint32_t k) {
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    Origin o{*file, line_of(start), k};
    if (t != od::json_type::object) {
      add_reject(std::move(o), "not a JSON object", start);
      return sj::SUCCESS;
    }
    od::object obj;
    if (auto e = v.get_object().get(obj)) return e;
    if (auto e = mapper.read(obj)) return e;
    Record r;
    std::string reason;
    if (!mapper.build(opt.max_field_bytes, r, reason)) {
      add_reject(std::move(o), std::move(reason), start);
      return sj::SUCCESS;
    }
    r.origin = std::move(o);
    records->push_back(std::move(r));
    return sj::SUCCESS;
  }

  sj::error_code walk_mapped(od::document& doc, od::json_type t) {
    if (t == od::json_type::array) {
      od::array a;
      if (auto e = doc.get_array().get(a)) return e;
      for (auto er : a) {
        od::value v;
        if (auto e = std::move(er).get(v)) return e;
        const char* p = location(v);
        if (auto e = mapped_object(v, p, scanner.next_position())) return e;
      }
    } else if (t == od::json_type::object) {
      od::value v;
      if (auto e = doc.get_value().get(v)) return e;
      if (auto e = mapped_object(v, unit_begin, 0)) return e;
    } else {
      add_reject(Origin{*file, unit_line, 0}, "not a JSON object", unit_begin);
    }
    return at_end(doc);
  }

  // ---- units ----------------------------------------------------------------

  // After the root value: anything but the end of input is an error.
  static sj::error_code at_end(od::document& doc) {
    const char* p = nullptr;
    sj::error_code e = doc.current_location().get(p);
    if (e == sj::OUT_OF_BOUNDS) return sj::SUCCESS;
    return e ? e : sj::TRAILING_CONTENT;
  }

  sj::error_code walk(od::document& doc) {
    od::json_type t;
    if (auto e = doc.type().get(t)) return e;
    if (mapped) return walk_mapped(doc, t);
    Fields* root = scanner.fresh();
    root->start = unit_begin;
    if (t == od::json_type::array) {
      od::array a;
      if (auto e = doc.get_array().get(a)) return e;
      if (auto e = scanner.scan_items(a, *root, Ctx::bare, "", 0)) return e;
      if (auto e = at_end(doc)) return e;
      return sj::SUCCESS;
    }
    if (t != od::json_type::object) {
      // A scalar: consume it so that its syntax is checked too.
      std::string_view raw;
      if (auto e = doc.raw_json_token().get(raw)) return e;
      add_reject(Origin{*file, unit_line, 0}, "not a JSON object", unit_begin);
      return sj::SUCCESS;
    }
    od::object o;
    if (auto e = doc.get_object().get(o)) return e;
    if (auto e = scanner.scan_object(o, *root, 0)) return e;
    if (auto e = at_end(doc)) return e;
    emit_root(*root);
    return sj::SUCCESS;
  }

  void emit_root(Fields& root) {
    if (!scanner.deferred().empty() || root.item_ctx == Ctx::v2_page) {
      begin_page();
      for (Fields* it : scanner.deferred()) item(*it, Ctx::v2_page);
      end_page();
      return;
    }
    if (root.has(k_statuses) || root.has(k_articles) || root.has(k_children)) return;  // emitted
    std::string reason, what;
    Record r;
    Outcome oc;
    if (root.data_obj) {
      Fields& d = *root.data_obj;
      if (d.has(k_children)) return;  // a Listing: emitted as its children were scanned
      d.k = 0;
      if (!root.kind.empty()) {
        // {"kind":"t3","data":{...}}: one Reddit thing.
        root.k = 0;
        oc = build(root, Ctx::reddit_child, r, reason, what);
      } else {
        oc = build(d, Ctx::v2_page, r, reason, what);
      }
    } else {
      if (root.has(k_meta) && root.nkeys == 1) return;  // an empty v2 response: {"meta":{...}}
      oc = build(root, Ctx::bare, r, reason, what);
    }
    emit_single(oc, r, reason);
  }

  void emit_single(Outcome oc, Record& r, std::string& reason) {
    Origin o{*file, unit_line, 0};
    if (oc == Outcome::post) {
      r.origin = std::move(o);
      records->push_back(std::move(r));
    } else {
      add_reject(std::move(o), std::move(reason), unit_begin);
    }
  }
  // ---- recovery inside a broken value ---------------------------------------

  // Re-reads the records of a page that failed as a whole: a top-level
  // array, or an API envelope ({"statuses"|"articles"|"data": [...]}).
  // False when the value is no page (the caller rejects it whole).
  bool recover(std::string_view unit) {
    scanner.reset();
    size_t open = unit.find_first_not_of(" \t\r\n");
    if (open == std::string_view::npos) return false;
    if (unit[open] == '[') {
      recover_items(unit, array_elements(unit, open), Ctx::bare);
      return true;
    }
    if (unit[open] != '{' || mapped) return false;
    auto members = object_members(unit, open);
    for (const auto& [key, span] : members)
      if (key == "includes" && span.complete) recover_includes(unit.substr(span.begin, span.end - span.begin));
    for (const auto& [key, span] : members) {
      if (key != "statuses" && key != "articles" && key != "data") continue;
      if (unit[span.begin] != '[') continue;
      Ctx ctx = key == "statuses" ? Ctx::v1_page : key == "articles" ? Ctx::news_page : Ctx::v2_page;
      recover_items(unit, array_elements(unit, span.begin), ctx);
      return true;
    }
    return false;
  }

  // Twitter v2 authors, from an "includes" value that parses on its own.
  void recover_includes(std::string_view value) {
    std::string wrapped = "{\"includes\":" + std::string(value) + "}";
    sj::padded_string buf(wrapped);
    sj::dom::element ignored;
    od::document doc;
    od::object o;
    if (dom.parse(buf).get(ignored) || parser.iterate(buf).get(doc) || doc.get_object().get(o))
      return;
    Fields* holder = scanner.fresh();
    (void)scanner.scan_object(o, *holder, 1);  // partial users are still users
  }

  size_t broken_items = 0;  // elements of the last recovered page that are broken JSON

  void recover_items(std::string_view unit, const std::vector<Span>& items, Ctx ctx) {
    broken_items = 0;
    begin_page();
    for (const Span& sp : items) {
      const char* at = unit.data() + sp.begin;
      uint32_t k = scanner.next_position();
      Origin o{*file, line_of(at), k};
      if (!sp.complete) {
        add_reject(std::move(o), "invalid JSON (record cut short)", at);
        ++page_posts;
        ++broken_items;
        continue;
      }
      size_t mark = scanner.mark();
      sj::error_code e = recover_item(unit.substr(sp.begin, sp.end - sp.begin), at, k, ctx);
      scanner.release(mark);
      if (e) {
        ++page_posts;
        ++broken_items;
        add_reject(std::move(o), std::string("invalid JSON (") + error_name(e) + ")", at);
      }
    }
    end_page();
  }

  // One element of a broken page, parsed on its own; its records and
  // rejects point at `at` in the page. A JSON error is returned.
  sj::error_code recover_item(std::string_view text, const char* at, uint32_t k, Ctx ctx) {
    sj::padded_string buf(text);
    sj::dom::element ignored;
    if (auto e = dom.parse(buf).get(ignored)) return e;
    od::document doc;
    if (auto e = parser.iterate(buf).get(doc)) return e;
    od::value v;
    if (auto e = doc.get_value().get(v)) return e;
    if (mapped) return mapped_object(v, at, k);
    Fields* it = scanner.fresh();
    it->item_ctx = ctx;
    it->k = k;
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t == od::json_type::object) {
      od::object o;
      if (auto e = v.get_object().get(o)) return e;
      if (auto e = scanner.scan_object(o, *it, 1)) return e;
    } else {
      it->not_object = true;
    }
    it->start = at;
    item(*it, ctx);
    return sj::SUCCESS;
  }

  void parse_unit(const char* p, size_t n, size_t capacity, uint64_t line, bool whole_doc,
                  std::vector<Record>& recs, std::vector<Reject>& rejs) {
    records = &recs;
    rejects = &rejs;
    unit_line = count_line = line;
    whole = whole_doc;
    unit_begin = count_pos = p;
    unit_end = p + n;
    scanner.reset();
    Origin line_origin{*file, line, 0};
    if (!whole_doc && n > opt.max_record_bytes) {
      add_reject(line_origin,
                 "record larger than " + std::to_string(opt.max_record_bytes >> 20) + " MiB", p);
      return;
    }
    if (!sj::validate_utf8(p, n)) {
      add_reject(line_origin, "invalid UTF-8", p);
      return;
    }
    // The DOM check below reports depth; above its size limit On Demand
    // would only notice depth on the paths it walks, so measure it here.
    if (n > kDomCheckMax && max_nesting(std::string_view(p, n)) > opt.max_depth) {
      add_reject(line_origin, "nesting too deep", p);
      return;
    }
    sj::padded_string_view view;
    if (capacity >= n + sj::SIMDJSON_PADDING) {
      view = sj::padded_string_view(p, n, capacity);
    } else {
      // The caller's string has no room for simdjson's padding: copy. From
      // here on positions (origins, excerpts) refer to the copy.
      scratch = sj::padded_string(p, n);
      view = sj::padded_string_view(scratch.data(), n, n + sj::SIMDJSON_PADDING);
      p = scratch.data();
      unit_begin = count_pos = p;
      unit_end = p + n;
    }
    size_t rec_mark = recs.size(), rej_mark = rejs.size();
    od::document doc;
    // On Demand checks only what the reader walks; the DOM parser checks the
    // whole value (a bad atom or escape in an ignored field, ",,", "[1 2]"),
    // so a line is accepted exactly when it is valid JSON. Measured on
    // make-corpus chunks: +5% (tweets) to +25% (news) parse time.
    sj::error_code e = sj::SUCCESS;
    if (n <= kDomCheckMax) {
      sj::dom::element ignored;
      e = dom.parse(view.data(), view.size(), false).get(ignored);
    }
    if (!e) e = parser.iterate(view).get(doc);
    if (!e) e = walk(doc);
    if (e) {
      recs.resize(rec_mark);
      rejs.resize(rej_mark);
      std::string reason = e == sj::DEPTH_ERROR ? std::string("nesting too deep")
                                                : std::string("invalid JSON (") + error_name(e) + ")";
      // A page keeps its good records: only the broken ones are rejected,
      // each at its own position. The value itself is reported only when
      // no record explains the error (it lies in the envelope).
      if (e != sj::DEPTH_ERROR && recover(std::string_view(p, n))) {
        if (broken_items == 0) add_reject(line_origin, std::move(reason), p);
        return;
      }
      add_reject(line_origin, std::move(reason), p);
    }
  }

  void parse(const Chunk& chunk, std::vector<Record>& recs, std::vector<Reject>& rejs) {
    file = &chunk.file;
    const std::string& d = chunk.data;
    if (chunk.whole_document) {
      size_t b = 0;
      if (d.size() >= 3 && std::memcmp(d.data(), "\xEF\xBB\xBF", 3) == 0) b = 3;
      std::string_view body(d.data() + b, d.size() - b);
      if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
      parse_unit(d.data() + b, d.size() - b, d.capacity() - b, chunk.first_line, true, recs, rejs);
      return;
    }
    uint64_t line = chunk.first_line;
    size_t pos = 0;
    while (pos < d.size()) {
      const char* nl = static_cast<const char*>(std::memchr(d.data() + pos, '\n', d.size() - pos));
      size_t end = nl ? static_cast<size_t>(nl - d.data()) : d.size();
      size_t b = pos, e = end;
      if (line == 1 && e - b >= 3 && std::memcmp(d.data() + b, "\xEF\xBB\xBF", 3) == 0) b += 3;
      while (b < e && (d[b] == ' ' || d[b] == '\t')) ++b;
      while (e > b && (d[e - 1] == ' ' || d[e - 1] == '\t' || d[e - 1] == '\r')) --e;
      if (e > b) parse_unit(d.data() + b, e - b, d.capacity() - b, line, false, recs, rejs);
      ++line;
      pos = end + 1;
    }
  }
};

RecordParser::RecordParser(const ParseOptions& options) : impl_(std::make_unique<Impl>(options)) {}
RecordParser::~RecordParser() = default;

void RecordParser::parse(const Chunk& chunk, std::vector<Record>& records,
                         std::vector<Reject>& rejects) {
  impl_->parse(chunk, records, rejects);
}

}  // namespace vigie::indexer
