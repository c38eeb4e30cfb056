#include "server/server.h"

#include <arpa/inet.h>

#include <atomic>
#include <filesystem>
#include <chrono>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string_view>
#include <variant>

#include <httplib.h>
#include <simdjson.h>
#include <xapian.h>

#include "analytics/score_text.h"
#include "analytics/sentiment/sentiment.h"
#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "analytics/topics/taxonomy_json.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/schema.h"
#include "core/text/langid.h"
#include "query/deadline.h"
#include "query/format.h"
#include "query/query_builder.h"
#include "query/request.h"
#include "query/saved_queries.h"
#include "query/stats.h"
#include "reports/briefing.h"
#include "reports/crossed.h"
#include "reports/render.h"
#include "reports/requests.h"
#include "server/assets.h"
#include "server/index_pool.h"
#include "server/params.h"

namespace vigie::server {
namespace {

using Clock = std::chrono::steady_clock;

std::mutex g_running_mutex;
httplib::Server* g_running = nullptr;
bool g_stop_requested = false;  // a stop that came before the server listened

std::string error_json(const std::string& message) {
  std::string s;
  json::JsonWriter w(s);
  w.begin_object();
  w.key("error").value(message);
  w.end_object();
  s += "\n";
  return s;
}

// Only the server itself: no inline script or style, no other origin. Set
// per response (not as a default header) so that the briefing page can
// carry its own, single policy: browsers enforce every policy they get.
constexpr const char* kDefaultCsp =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'";

void ensure_csp(httplib::Response& res) {
  if (!res.has_header("Content-Security-Policy")) res.set_header("Content-Security-Policy", kDefaultCsp);
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(error_json(message), "application/json");
  ensure_csp(res);
}

// ---- The server state ---------------------------------------------------------------

class Service {
 public:
  explicit Service(const ServerOptions& o) : o_(o) {
    limits_.max_query_bytes = o.max_query_bytes;
    limits_.max_limit = o.max_limit;
    limits_.max_window = o.max_window;
    if (!o.queries_file.empty()) saved_ = query::load_saved_queries(o.queries_file);
    if (!o.taxonomy_file.empty()) taxonomy_ = topics::Taxonomy::load(o.taxonomy_file);
    std::vector<std::unique_ptr<query::Index>> indexes;
    for (unsigned i = 0; i < std::max(1u, o.threads); ++i)
      indexes.push_back(std::make_unique<query::Index>(query::Index::open(o.db, o.open)));
    warnings_ = indexes.front()->warnings();
    pool_ = std::make_unique<IndexPool>(std::move(indexes), o.queue);
  }

  const std::vector<std::string>& warnings() const { return warnings_; }

  // Runs fn with a lent index, or answers 503. The request's time limit
  // covers both the wait for a worker and the work: past it, the match or
  // loop under way stops (query/deadline.h) and the worker is free again.
  template <typename Fn>
  void with_index(httplib::Response& res, Fn&& fn) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(o_.request_timeout_ms);
    auto got = pool_->acquire(deadline);
    if (auto* refusal = std::get_if<IndexPool::Refusal>(&got)) {
      res.set_header("Retry-After", std::to_string(o_.retry_after_s));
      throw HttpError{503, *refusal == IndexPool::Refusal::busy
                               ? "the server is busy: every worker is taken and the queue is full; retry later"
                               : "no worker came free within the time limit; retry later"};
    }
    within_time_limit(deadline, [&] { fn(std::get<IndexPool::Lease>(got).index()); });
  }

  // Runs fn under the request's deadline; work that runs past it becomes a
  // 503 whose message names the limit. No Retry-After: the same request
  // would most likely take as long again.
  template <typename Fn>
  void within_time_limit(Clock::time_point deadline, Fn&& fn) {
    try {
      query::ScopedDeadline scope(deadline);
      query::check_deadline();
      fn();
    } catch (const query::TimeLimitError&) {
      throw HttpError{503, "the request took longer than the time limit of " + std::to_string(o_.request_timeout_ms) +
                               " ms (--request-timeout) and was stopped; narrow the query (a date range, fewer "
                               "facets or crossed statistics, a smaller limit)"};
    }
  }

  query::Request search_request(const httplib::Request& req) {
    check_params(req, {"q", "facet", "facet_limit", "limit", "offset", "sort", "from", "to", "week", "tz", "lang",
                       "collapse", "saved", "stats"});
    query::Request r;
    r.text = param(req, "q");
    r.saved = param(req, "saved");
    r.lang = param(req, "lang");
    r.from = param(req, "from");
    r.to = param(req, "to");
    r.week = param(req, "week");
    r.tz = param(req, "tz");
    if (req.has_param("sort")) r.sort = param(req, "sort");
    number_param(req, "limit", r.limit);
    number_param(req, "offset", r.offset);
    number_param(req, "facet_limit", r.facet_limit);
    r.collapse = bool_param(req, "collapse");
    list_param(req, "facet", r.facets);
    list_param(req, "stats", r.stats);
    resolve(r);
    return r;
  }

  void resolve(query::Request& r) {
    if (!r.saved.empty()) {
      if (o_.queries_file.empty()) throw UsageError("saved: this server has no saved queries (--queries)");
      query::resolve_saved(r, saved_, o_.queries_file);
    }
    query::validate(r, limits_);
  }

  void search(const httplib::Request& req, httplib::Response& res) {
    query::Request r = search_request(req);
    with_index(res, [&](query::Index& index) {
      res.set_content(reports::search_json(index, r, query::search(index, r)), "application/json");
    });
  }

  void trends(const httplib::Request& req, httplib::Response& res) {
    check_params(req, {"q", "topic", "saved", "by", "from", "to", "lang", "kind", "week_start", "emerging", "tz"});
    reports::TrendsRequest tr;
    query::Request& r = tr.request;
    r.text = param(req, "q");
    r.topic = param(req, "topic");
    r.saved = param(req, "saved");
    r.lang = param(req, "lang");
    r.kind = param(req, "kind");
    r.from = param(req, "from");
    r.to = param(req, "to");
    r.tz = param(req, "tz");
    if (req.has_param("by")) tr.by = param(req, "by");
    if (req.has_param("week_start")) tr.week_start = param(req, "week_start");
    tr.emerging = param(req, "emerging");
    resolve(r);
    if (taxonomy_) {
      tr.taxonomy = &*taxonomy_;
      tr.taxonomy_origin = o_.taxonomy_file;
    }
    if (!tr.request.topic.empty()) tr.bands = bands();
    with_index(res, [&](query::Index& index) {
      res.set_content(reports::trends_json(reports::run_trends(index, tr)), "application/json");
    });
  }

  reports::BriefingData briefing(const std::string& week, query::Index& index) {
    if (!taxonomy_) throw HttpError{404, "this server has no taxonomy, so no briefing"};
    reports::BriefingRequest b;
    b.week = week;
    b.taxonomy = &*taxonomy_;
    b.taxonomy_file = o_.taxonomy_file;
    b.accuracy_file = o_.accuracy_file;
    b.bands = bands();
    b.generated_at = reports::generation_time();
    std::error_code ec;
    const std::filesystem::path rejects = std::filesystem::path(o_.db) / "rejects.log";
    if (std::filesystem::is_directory(o_.db, ec) && std::filesystem::exists(rejects, ec))
      b.rejects_log = rejects.string();
    return reports::build_briefing(index, reports::briefing_options(index, b));
  }

  void report(const httplib::Request& req, httplib::Response& res, bool html) {
    std::string week;
    if (html) {
      check_params(req, {});
      week = req.matches[1].str();
    } else {
      check_params(req, {"week"});
      week = param(req, "week");
      if (week.empty()) throw HttpError{400, "week: required, e.g. week=2019-W11"};
    }
    query::week_range(week, query::Zone());  // 400 before taking a worker
    with_index(res, [&](query::Index& index) {
      reports::BriefingData data = briefing(week, index);
      if (html) {
        res.set_content(reports::render_html(data), "text/html; charset=utf-8");
        // The briefing is one self-contained file: inline CSS and SVG, no script.
        res.set_header("Content-Security-Policy",
                       "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; "
                       "base-uri 'none'; form-action 'none'");
      } else {
        res.set_content(reports::render_json(data), "application/json");
      }
    });
  }

  void topics(const httplib::Request& req, httplib::Response& res) {
    check_params(req, {});
    if (!taxonomy_) throw HttpError{404, "this server has no taxonomy"};
    res.set_content(topics::taxonomy_json(*taxonomy_), "application/json");
  }

  void saved(const httplib::Request& req, httplib::Response& res) {
    check_params(req, {});
    const std::string s = query::saved_queries_json(saved_);
    res.set_content(s, "application/json");
  }

  void stats(const httplib::Request& req, httplib::Response& res) {
    check_params(req, {});
    with_index(res, [&](query::Index& index) {
      std::string out;
      query::append_stats_json(out, query::compute_stats(index));
      out += "\n";
      res.set_content(out, "application/json");
    });
  }

  void health(const httplib::Request& req, httplib::Response& res) {
    check_params(req, {});
    with_index(res, [&](query::Index& index) {
      std::string s;
      json::JsonWriter w(s);
      w.begin_object();
      w.key("status").value("ok");
      w.key("documents").value(static_cast<uint64_t>(index.db().get_doccount()));
      w.end_object();
      s += "\n";
      res.set_content(s, "application/json");
    });
  }

  // The query language's fields and the facet names, for the interface's
  // help (the same lists as `vigie search --help`).
  void fields(const httplib::Request& req, httplib::Response& res) {
    check_params(req, {});
    std::string s;
    json::JsonWriter w(s);
    w.begin_object();
    w.key("fields").begin_array();
    for (const auto& f : query::fields()) {
      w.begin_object();
      w.key("name").value(f.name);
      w.key("kind").value(f.kind == query::FieldKind::boolean ? "boolean"
                          : f.kind == query::FieldKind::free  ? "free"
                                                               : "range");
      w.key("help").value(f.help);
      w.end_object();
    }
    w.end_array();
    w.key("facets").begin_array();
    for (const auto& f : query::facet_fields()) {
      w.begin_object();
      w.key("name").value(f.name);
      w.key("help").value(f.help);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    s += "\n";
    res.set_content(s, "application/json");
  }

  // One document by its unique id (KIND:ID, as results give kind and id):
  // the stored record, its topics with their aspect sentiment, the stance
  // confidence, and why it got its sentiment (the explanation of
  // `vigie score --explain`, recomputed from the stored text).
  void document(const httplib::Request& req, httplib::Response& res) {
    check_params(req, {"id"});
    const std::string id = param(req, "id");
    const size_t colon = id.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == id.size())
      throw HttpError{400, "id: expected KIND:ID, e.g. tweet:1106605974009639446"};
    const std::string term = schema::id_term(std::string_view(id).substr(0, colon), std::string_view(id).substr(colon + 1));
    std::string data, topics_value, stance_score;
    with_index(res, [&](query::Index& index) {
      Xapian::Database& db = index.db();
      auto it = db.postlist_begin(term);
      if (it == db.postlist_end(term)) throw HttpError{404, "no document " + id};
      Xapian::Document doc = db.get_document(*it);
      data = doc.get_data();
      topics_value = doc.get_value(schema::kTopics);
      stance_score = doc.get_value(schema::kStanceScore);
    });
    // The explanation needs no index: the worker is free again.
    std::string text, lang;
    {
      simdjson::ondemand::parser parser;
      simdjson::padded_string padded(data);
      simdjson::ondemand::document d;
      std::string_view v;
      if (!parser.iterate(padded).get(d)) {
        if (!d["text"].get_string().get(v)) text.assign(v);
      }
      if (!parser.iterate(padded).get(d)) {
        if (!d["lang"].get_string().get(v)) lang.assign(v);
      }
    }
    analytics::ScoreSettings st;
    st.json = st.explain = true;
    st.lang = lang;
    attach_topics(st);
    std::vector<sentiment::SentenceScore> scratch;
    std::string explanation;
    analytics::score_line(scorer(), st, text, explanation, scratch);
    while (!explanation.empty() && explanation.back() == '\n') explanation.pop_back();
    std::string s;
    json::JsonWriter w(s);
    w.begin_object();
    w.key("document").raw(data);
    w.key("topics").begin_array();
    for (const auto& t : schema::decode_topics(topics_value)) {
      w.begin_object();
      w.key("id").value(t.id);
      w.key("relevance").fixed(t.relevance, 3);
      w.key("aspect");
      if (t.sentiment) w.fixed(*t.sentiment, 4);
      else w.null();
      w.end_object();
    }
    w.end_array();
    w.key("stance_score");
    if (!stance_score.empty()) w.fixed(Xapian::sortable_unserialise(stance_score), 4);
    else w.null();
    // Exactly what `vigie score --explain --json` prints for the text.
    w.key("explanation").raw(explanation);
    w.end_object();
    s += "\n";
    res.set_content(s, "application/json");
  }

  // `vigie score --json` over the request body: one text per line, one
  // JSON object per line back, in order.
  void score(const httplib::Request& body_req, httplib::Response& res) {
    // httplib merges a form-encoded body (what curl -d and most clients send
    // by default) into the parameters; here the body is text, so only the
    // URL's own query string holds parameters.
    httplib::Request req;
    if (const size_t q = body_req.target.find('?'); q != std::string::npos)
      httplib::detail::parse_query_text(body_req.target.substr(q + 1), req.params);
    check_params(req, {"lang", "explain", "no_topics"});
    analytics::ScoreSettings st;
    st.json = true;
    st.explain = bool_param(req, "explain");
    if (const std::string lang = param(req, "lang"); !lang.empty()) {
      const std::string n = text::normalize_lang_tag(lang);
      if (n.empty() && lang != "und") throw HttpError{400, "lang: unknown language '" + lang + "'"};
      st.lang = n.empty() ? "und" : n;
    }
    if (!bool_param(req, "no_topics")) attach_topics(st);
    const sentiment::Scorer& sc = scorer();
    std::string out;
    std::vector<sentiment::SentenceScore> scratch;
    std::string_view body = body_req.body;
    within_time_limit(Clock::now() + std::chrono::milliseconds(o_.request_timeout_ms), [&] {
      for (size_t line = 0; !body.empty(); ++line) {
        if (line % 64 == 0) query::check_deadline();
        const size_t nl = body.find('\n');
        analytics::score_line(sc, st, body.substr(0, nl), out, scratch);
        if (nl == std::string_view::npos) break;
        body.remove_prefix(nl + 1);
      }
    });
    res.set_content(out, "application/x-ndjson");
  }

 private:
  // Topics, stance and the drug-policy sentiment rules, as `vigie score
  // --json` uses them; loaded on first use.
  void attach_topics(analytics::ScoreSettings& st) {
    std::call_once(topics_once_, [&] {
      topics::TaggerOptions to;
      to.default_relevance_model = o_.relevance_model;
      tagger_ = topics::TopicTagger::load(topics::Taxonomy::load(o_.taxonomy_file), to);
      topics::StanceOptions so;
      so.default_model = o_.stance_model;
      stance_ = topics::StanceClassifier::load(o_.data_dir + "/stance", so);
      domain_ = sentiment::DomainLexicon::load(o_.data_dir + "/sentiment/domain");
    });
    st.tagger = tagger_.get();
    st.stance = stance_.get();
    st.domain = domain_.get();
  }

  const ServerOptions o_;
  query::RequestLimits limits_;
  std::vector<query::SavedQuery> saved_;
  std::optional<topics::Taxonomy> taxonomy_;
  std::vector<std::string> warnings_;
  std::unique_ptr<IndexPool> pool_;
  std::once_flag scorer_once_, topics_once_;
  std::unique_ptr<topics::TopicTagger> tagger_;
  std::unique_ptr<topics::StanceClassifier> stance_;
  std::shared_ptr<const sentiment::DomainLexicon> domain_;
  std::shared_ptr<const sentiment::Scorer> scorer_;

  // Loaded on the first document view: most servers never need it.
  const sentiment::Scorer& scorer() {
    std::call_once(scorer_once_, [&] { scorer_ = sentiment::Scorer::load(o_.data_dir); });
    return *scorer_;
  }

  // Every language's neutral band: the labels of topic aspect scores on an
  // index that does not store its own (reports::SentimentBands::stored),
  // the installed lexicon's as in the CLI. Read once: the rules do not
  // change while the server runs, and reading them costs every lexicon.
  const reports::SentimentBands& bands() {
    std::call_once(bands_once_, [&] {
      bands_ = reports::SentimentBands::from(sentiment::Scorer::load(o_.data_dir, "lexicon")->bands());
    });
    return bands_;
  }
  std::once_flag bands_once_;
  reports::SentimentBands bands_;
};

// Runs a handler and turns every failure into a JSON error: a client's
// mistake is never a 500, and nothing escapes into httplib.
template <typename Fn>
void guarded(httplib::Response& res, Fn&& fn) {
  try {
    fn();
  } catch (const HttpError& e) {
    send_error(res, e.status, e.message);
  } catch (const UsageError& e) {
    send_error(res, 400, e.what());
  } catch (const IndexError& e) {
    res.set_header("Retry-After", "5");
    send_error(res, 503, std::string("index unavailable: ") + e.what());
  } catch (const Xapian::DatabaseError& e) {
    res.set_header("Retry-After", "5");
    send_error(res, 503, "index unavailable: " + e.get_description());
  } catch (const Error& e) {
    std::cerr << "vigie serve: error: " << e.what() << "\n";
    send_error(res, 500, e.what());
  } catch (const Xapian::Error& e) {
    std::cerr << "vigie serve: error: " << e.get_description() << "\n";
    send_error(res, 500, "internal error: " + e.get_description());
  } catch (const std::exception& e) {
    std::cerr << "vigie serve: error: " << e.what() << "\n";
    send_error(res, 500, "internal error");
  }
}

bool tokens_equal(std::string_view a, std::string_view b) {
  // Constant time in the content: every byte of the longer string is
  // looked at whatever differs.
  const size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

thread_local Clock::time_point t_request_start;

// The interface's own files load without the token: a browser cannot add a
// header to a page load, and the page asks for the token and sends it with
// every API call. They are the same in every installation and hold nothing
// from the index; every /api/ and /report/ path needs the token.
bool is_public_asset(const httplib::Request& req) {
  return (req.method == "GET" || req.method == "HEAD") && req.path.rfind("/api/", 0) != 0 &&
         req.path.rfind("/report/", 0) != 0 && find_asset(req.path) != nullptr;
}

}  // namespace

bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

void stop_server() {
  std::lock_guard lock(g_running_mutex);
  g_stop_requested = true;
  if (g_running) g_running->stop();
}

namespace {

// Worker threads, limits, security headers, the token check, the request
// log and the JSON errors for what httplib refuses itself. `expected` (the
// whole Authorization header) and `o` must outlive the server.
void set_policies(httplib::Server& http, const ServerOptions& o, const std::string& expected) {
  // Connection threads: the workers, those allowed to wait, and a few to
  // answer 503 quickly when both are full.
  const size_t connection_threads = o.threads + o.queue + 4;
  http.new_task_queue = [connection_threads] { return new httplib::ThreadPool(connection_threads); };
  http.set_payload_max_length(o.max_body_bytes);
  const time_t timeout_s = std::max<time_t>(1, o.request_timeout_ms / 1000);
  http.set_read_timeout(timeout_s);
  http.set_write_timeout(timeout_s);
  http.set_keep_alive_timeout(2);
  // A response goes out in several writes (headers, body); with Nagle's
  // algorithm the last one waits for the client's delayed ACK, up to 40 ms
  // on every kept-alive request.
  http.set_tcp_nodelay(true);
  http.set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cache-Control", "no-store"},
  });

  http.set_pre_routing_handler([&o, &expected](const httplib::Request& req, httplib::Response& res) {
    t_request_start = Clock::now();
    if (!o.token.empty() && !is_public_asset(req) && !tokens_equal(req.get_header_value("Authorization"), expected)) {
      res.set_header("WWW-Authenticate", "Bearer realm=\"vigie\"");
      send_error(res, 401, "missing or wrong bearer token (send 'Authorization: Bearer <token>')");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_logger([&o](const httplib::Request& req, const httplib::Response& res) {
    std::string line = req.method + " " + req.path + " " + std::to_string(res.status) + " ";
    if (req.method.empty()) {
      line += "-";  // refused while reading the request line (e.g. 414): never routed, not timed
    } else {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1fms",
                    std::chrono::duration<double, std::milli>(Clock::now() - t_request_start).count());
      line += buf;
    }
    if (o.log_queries && !req.params.empty()) {
      std::string qs;
      for (const auto& [k, v] : req.params) qs += (qs.empty() ? "" : "&") + k + "=" + v;
      line += " ";
      json::append_string(line, qs);  // quoted and escaped: one line whatever the query holds
    }
    std::cerr << line + "\n" << std::flush;
  });
  http.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) { ensure_csp(res); });
  // httplib's own refusals (unknown route, body too large, bad request line)
  // become JSON errors too.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    ensure_csp(res);
    if (!res.body.empty()) return;  // a handler already wrote its error
    switch (res.status) {
      case 404: send_error(res, 404, "no such endpoint: " + req.path); break;
      case 413:
        // cpp-httplib (as built by Debian) caps a form-encoded body - what
        // curl -d sends - at 8 KiB, below --max-body-bytes.
        send_error(res, 413, req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0
                                 ? "request body too large for application/x-www-form-urlencoded (8 KiB); send the "
                                   "texts as Content-Type: text/plain"
                                 : "request body too large");
        break;
      case 400: send_error(res, 400, "malformed request"); break;
      default: send_error(res, res.status, "request refused (HTTP " + std::to_string(res.status) + ")"); break;
    }
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send_error(res, 500, "internal error");
  });

}

// The API's endpoints, the briefing pages and the web interface's files,
// and 405 for a known path with another method.
void add_routes(httplib::Server& http, Service& service) {
  auto get = [&](const std::string& pattern, auto method) {
    http.Get(pattern, [&service, method](const httplib::Request& req, httplib::Response& res) {
      guarded(res, [&] { (service.*method)(req, res); });
    });
  };
  get("/api/search", &Service::search);
  get("/api/trends", &Service::trends);
  get("/api/topics", &Service::topics);
  get("/api/saved", &Service::saved);
  get("/api/health", &Service::health);
  get("/api/stats", &Service::stats);
  get("/api/fields", &Service::fields);
  get("/api/document", &Service::document);
  http.Get("/api/report", [&service](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] { service.report(req, res, false); });
  });
  http.Get(R"(/report/([^/]+))", [&service](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] { service.report(req, res, true); });
  });
  http.Get("/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    const Asset* a = find_asset("/openapi.json");
    if (a) res.set_content(a->body.data(), a->body.size(), std::string(a->content_type));
    else send_error(res, 404, "no OpenAPI description in this build");
  });
  // The web interface: only the embedded files, looked up by exact path.
  http.Get(R"(/[A-Za-z0-9._-]*)", [](const httplib::Request& req, httplib::Response& res) {
    const Asset* a = find_asset(req.path);
    if (!a) return send_error(res, 404, "no such page: " + req.path);
    res.set_content(a->body.data(), a->body.size(), std::string(a->content_type));
  });
  http.Post("/api/score", [&service](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] { service.score(req, res); });
  });
  http.Get("/api/score", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Allow", "POST");
    send_error(res, 405, "GET is not allowed on /api/score (POST the texts, one per line)");
  });
  // Known paths with another method: 405 with the allowed one.
  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    const bool api = req.path.rfind("/api/", 0) == 0 || req.path.rfind("/report/", 0) == 0 ||
                     find_asset(req.path) != nullptr;
    if (!api) return send_error(res, 404, "no such endpoint: " + req.path);
    const bool post = req.path == "/api/score";
    res.set_header("Allow", post ? "POST" : "GET, HEAD");
    send_error(res, 405, req.method + " is not allowed on " + req.path + (post ? " (use POST)" : " (use GET)"));
  };
  for (const char* pattern : {R"(/.*)"}) {
    http.Post(pattern, not_allowed);
    http.Put(pattern, not_allowed);
    http.Patch(pattern, not_allowed);
    http.Delete(pattern, not_allowed);
    http.Options(pattern, not_allowed);
  }

}

}  // namespace

void run_server(const ServerOptions& o, const std::function<void(const std::string&, int)>& on_ready) {
  if (!is_loopback(o.host) && o.token.empty())
    throw UsageError("--listen " + o.host +
                     ": not a loopback address, and no --token-file: anyone who can reach this address could "
                     "read the whole index. Give --token-file FILE, or listen on 127.0.0.1");
  if (o.port < 0 || o.port > 65535) throw UsageError("--listen: port " + std::to_string(o.port) + " out of range");
  if (o.threads == 0 || o.threads > 256) throw UsageError("--threads: expected 1 .. 256");

  Service service(o);
  for (const auto& w : service.warnings()) std::cerr << "vigie serve: warning: " << w << "\n";

  httplib::Server http;
  const std::string expected = "Bearer " + o.token;
  set_policies(http, o, expected);
  add_routes(http, service);

  int port = o.port;
  if (port == 0) {
    port = http.bind_to_any_port(o.host);
    if (port < 0) throw Error("cannot listen on " + o.host + ": no free port");
  } else if (!http.bind_to_port(o.host, port)) {
    throw Error("cannot listen on " + o.host + ":" + std::to_string(port) + " (in use, or not an address of this host)");
  }
  {
    std::lock_guard lock(g_running_mutex);
    if (g_stop_requested) return;
    g_running = &http;
  }
  on_ready(o.host, port);
  http.listen_after_bind();
  std::lock_guard lock(g_running_mutex);
  g_running = nullptr;
}

}  // namespace vigie::server
