// `vigie serve`: the JSON API and the analyst web interface over one index,
// on cpp-httplib (Debian's libcpp-httplib-dev; no HTTP parsing here).
//
// Every /api endpoint answers with the bytes the matching CLI command prints
// with --json, because both call the same library entry points
// (query/request.h, reports/requests.h). Errors are {"error": "..."} with
// 400 (bad parameter or query; the CLI's message), 401, 404, 405, 413 or 503.
//
// Secure by default:
//  * a listen address other than loopback needs a bearer token (checked in
//    constant time on every request), else run_server throws UsageError;
//  * bounded work: `threads` workers, each with its own read-only
//    Xapian database; at most `queue` requests wait for one, others get 503
//    with Retry-After, as do requests that wait longer than the time limit;
//  * request limits (query bytes, limit, offset + limit, body bytes);
//  * no endpoint takes a path: files come from ServerOptions only;
//  * security headers on every response; index text reaches the browser as
//    JSON and is rendered as text by the embedded interface.
//
// Thread safety: run_server blocks until stop_server() (or SIGINT/SIGTERM
// when the caller routes them there); stop_server may be called from any
// thread or a signal-waiting thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "query/index.h"

namespace vigie::server {

struct ServerOptions {
  std::string db;                   // index directory or stub file (opened read-only)
  std::string host = "127.0.0.1";   // listen address; non-loopback needs `token`
  int port = 8080;                  // 0 = any free port (reported to on_ready)
  std::string token;                // bearer token; "" = no authentication (loopback only)
  std::string queries_file;         // saved queries for ?saved= and /api/saved ("" = none)
  std::string taxonomy_file;        // topics (/api/topics, ?topic=, the briefing)
  std::string accuracy_file;        // the briefing's accuracy table (may be missing)
  std::string data_dir;             // lexicons and models: the document view's explanation
  topics::StanceModelChoice stance_model{"", "none"};        // resolved by the application
  topics::RelevanceModelChoice relevance_model{"", "none"};  // at start-up (app/locations.h)
  unsigned threads = 4;             // workers, each with its own database
  unsigned queue = 64;              // requests allowed to wait for a worker; more get 503
  unsigned request_timeout_ms = 30000;  // longest wait for a worker, and socket read/write limit
  unsigned retry_after_s = 2;       // Retry-After of a 503
  size_t max_query_bytes = 4096;    // q (with a saved query's text)
  uint32_t max_limit = 1000;        // limit
  uint64_t max_window = 10000;      // offset + limit
  size_t max_body_bytes = 1 << 20;  // request body (POST)
  bool log_queries = false;         // log the query string too (it may be sensitive)
  query::OpenOptions open;          // remote shard timeouts
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

// Opens the index (one database per worker), binds, calls on_ready(host,
// port) once listening, serves until stop_server(). Logs one line per
// request on stderr. Throws UsageError (public address without token, bad
// option) or IndexError / Error (index, saved queries, port in use).
void run_server(const ServerOptions& options, const std::function<void(const std::string&, int)>& on_ready);

// Asks a running server to stop (no-op when none runs).
void stop_server();

}  // namespace vigie::server
