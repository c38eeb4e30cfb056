// vigie serve: the JSON API and the web interface over one index. Parses
// options into server::ServerOptions and runs server::run_server until
// SIGINT or SIGTERM.
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/command.h"
#include "app/locations.h"
#include "core/errors.h"
#include "server/server.h"

namespace vigie::app {
namespace {

namespace fs = std::filesystem;

// The token is the file's first line, without surrounding white space.
std::string read_token(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("--token-file: cannot read " + path);
  std::string token;
  std::getline(in, token);
  const size_t b = token.find_first_not_of(" \t\r\n");
  const size_t e = token.find_last_not_of(" \t\r\n");
  token = b == std::string::npos ? "" : token.substr(b, e - b + 1);
  if (token.size() < 16) throw UsageError("--token-file: " + path + " must hold a token of at least 16 characters");
  return token;
}

// HOST:PORT, [IPv6]:PORT, or :PORT (loopback).
void parse_listen(const std::string& s, server::ServerOptions& o) {
  const size_t colon = s.rfind(':');
  if (colon == std::string::npos) throw UsageError("--listen: expected HOST:PORT, e.g. 127.0.0.1:8080, got '" + s + "'");
  std::string host = s.substr(0, colon);
  const std::string port = s.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (!host.empty()) o.host = host;
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535)
    throw UsageError("--listen: port must be 0 .. 65535, got '" + port + "'");
  o.port = std::stoi(port);
}

CliSpec serve_spec() {
  CliSpec spec;
  spec.usage = "vigie serve --db DIR|STUB [--listen HOST:PORT] [--token-file FILE] [--queries FILE] [--threads N]";
  spec.description =
      "Serves the index over HTTP: a JSON API whose answers are byte for byte what the\n"
      "CLI prints with --json, and the analyst web interface at /, from files built into\n"
      "the binary (no network access needed). The index is opened read-only, one\n"
      "database per worker, and each request sees the latest commit of `vigie index`.\n"
      "Prints 'listening on http://HOST:PORT/' on stderr when ready, then one line per\n"
      "request (method, path, status, milliseconds). Stops on SIGINT or SIGTERM.\n\n"
      "Endpoints (see docs/serve.md and /api/openapi.json):\n"
      "  GET /api/search?q=&facet=&facet_limit=&limit=&offset=&sort=&from=&to=&week=&tz=&lang=&collapse=&saved=\n"
      "  GET /api/trends?q=&topic=&saved=&by=&from=&to=&lang=&kind=&week_start=&emerging=\n"
      "  GET /api/stats   GET /api/topics   GET /api/saved   GET /api/health   GET /api/fields\n"
      "  GET /api/document?id=KIND:ID   GET /api/openapi.json\n"
      "  POST /api/score?lang=&explain=&no_topics= (texts, one per line; as vigie score --json)\n"
      "  GET /api/report?week=2019-W11 (report.json)   GET /report/2019-W11 (the HTML briefing)\n\n"
      "Security: listening on anything but loopback needs --token-file; with a token,\n"
      "every request needs 'Authorization: Bearer TOKEN'. Errors are JSON\n"
      "{\"error\": \"...\"} with status 400, 401, 404, 405, 413 or 503 (with Retry-After).";
  spec.epilog =
      "Examples:\n"
      "  vigie serve --db out/sample/index\n"
      "  vigie serve --db idx --listen 127.0.0.1:0 --threads 8\n"
      "  vigie serve --db shards.stub --listen 0.0.0.0:8443 --token-file /etc/vigie/token\n\n"
      "Exit status: 0 stopped by a signal, 1 index or port error, 2 usage error\n"
      "(including a public address without --token-file).";
  return spec;
}

// Every option of vigie serve, as given; the server's own knobs are bound
// directly to its options.
struct ServeSettings {
  std::string db, listen = "127.0.0.1:8080", token_file, queries_file, taxonomy, accuracy;
  server::ServerOptions o;
};

void declare_serve_options(po::options_description& opts, ServeSettings& s) {
  server::ServerOptions& o = s.o;
  opts.add_options()
      ("db", po::value(&s.db)->required(), "index directory, or stub file of local/remote shards")
      ("listen", po::value(&s.listen)->default_value(s.listen), "HOST:PORT to listen on; port 0 picks a free port")
      ("token-file", po::value(&s.token_file), "file whose first line is the bearer token (at least 16 characters);\n"
                                             "required for a non-loopback --listen")
      ("queries", po::value(&s.queries_file), "saved queries file (?saved=, /api/saved); default $VIGIE_QUERIES,\n"
                                            "else corpora/queries/saved.json")
      ("taxonomy", po::value(&s.taxonomy), "taxonomy file; default corpora/taxonomy/drug-policy.json")
      ("accuracy", po::value(&s.accuracy), "accuracy JSON for the briefing; default corpora/sentiment/accuracy.json")
      ("threads", po::value(&o.threads)->default_value(o.threads), "workers, each with its own database (1 .. 256)")
      ("queue", po::value(&o.queue)->default_value(o.queue), "requests that may wait for a worker; more get 503")
      ("request-timeout", po::value(&o.request_timeout_ms)->default_value(o.request_timeout_ms),
       "milliseconds a request may take, waiting for a worker and working (then 503:\n"
       "a running search or report is stopped); also the socket read/write limit")
      ("max-query-bytes", po::value(&o.max_query_bytes)->default_value(o.max_query_bytes), "longest query (bytes)")
      ("max-limit", po::value(&o.max_limit)->default_value(o.max_limit), "largest limit=")
      ("max-window", po::value(&o.max_window)->default_value(o.max_window), "largest offset + limit")
      ("max-body-bytes", po::value(&o.max_body_bytes)->default_value(o.max_body_bytes),
       "largest request body (413 beyond)")
      ("log-queries", po::bool_switch(&o.log_queries), "also log each request's parameters (query text)")
      ("remote-timeout", po::value(&o.open.remote_connect_timeout_ms)->default_value(5000),
       "milliseconds to wait for a remote shard");
}

// SIGINT and SIGTERM are taken by one thread that stops the server; every
// other thread (the server's) inherits the blocked mask.
void stop_on_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread waiter([signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server::stop_server();
  });
  waiter.detach();
}

int run(int argc, char** argv) {
  ServeSettings s;
  po::variables_map vm;
  if (!parse_settings(argc, argv, serve_spec(), s, declare_serve_options, vm)) return kExitOk;

  server::ServerOptions& o = s.o;
  o.db = s.db;
  parse_listen(s.listen, o);
  if (!s.token_file.empty()) o.token = read_token(s.token_file);
  o.queries_file = saved_queries_file(s.queries_file);
  o.taxonomy_file = s.taxonomy.empty() ? default_taxonomy_file() : s.taxonomy;
  o.data_dir = corpora_dir();
  o.stance_model = locations().stance_model;
  o.relevance_model = locations().relevance_model;
  o.accuracy_file = s.accuracy.empty() ? default_accuracy_file() : s.accuracy;

  stop_on_signals();
  server::run_server(o, [](const std::string& host, int port) {
    const bool v6 = host.find(':') != std::string::npos;
    std::cerr << "listening on http://" << (v6 ? "[" + host + "]" : host) << ":" << port << "/" << std::endl;
  });
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("serve", "HTTP JSON API and web interface over an index (read-only, secure by default)", run);

}  // namespace vigie::app
