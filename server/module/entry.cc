// The entry points of the web server module (vigie-serve.so), which
// server/module/loader.cc opens when `vigie serve` runs. The module holds
// the HTTP server and its TLS and compression libraries; every other
// command starts without loading them. Everything else it calls (queries,
// reports, analytics) is the vigie executable's own code, exported to it.
#include "server/server.h"

extern "C" {

__attribute__((visibility("default"))) void vigie_serve_module_run(
    const vigie::server::ServerOptions& options, const std::function<void(const std::string&, int)>& on_ready) {
  vigie::server::run_server(options, on_ready);
}

__attribute__((visibility("default"))) void vigie_serve_module_stop() { vigie::server::stop_server(); }

}  // extern "C"
