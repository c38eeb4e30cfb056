// server/server.h for the vigie executable: run_server and stop_server
// open the web server module (server/module/entry.cc) on first use and
// call into it. Start-up of every other command then skips cpp-httplib,
// OpenSSL and Brotli: their symbol lookups and OpenSSL's initialisation
// were about half of the dynamic loader's work (docs/scale.md).
// Thread safety: the module is opened once (a function-local static).
#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>

#include "core/errors.h"
#include "server/server.h"

namespace vigie::server {
namespace {

namespace fs = std::filesystem;

using RunFn = void (*)(const ServerOptions&, const std::function<void(const std::string&, int)>&);
using StopFn = void (*)();

struct Module {
  RunFn run = nullptr;
  StopFn stop = nullptr;
};

// Beside the executable (the build tree), else in <prefix>/<libdir>/vigie
// beside an installed <prefix>/bin/vigie.
Module open_module() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::string tried;
  for (const fs::path& p : {exe.parent_path() / VIGIE_SERVE_MODULE,
                            exe.parent_path().parent_path() / VIGIE_SERVE_MODULE_DIR / VIGIE_SERVE_MODULE}) {
    if (!fs::exists(p, ec)) {
      tried += (tried.empty() ? "" : ", ") + p.string();
      continue;
    }
    void* h = ::dlopen(p.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) throw Error(std::string("cannot load the web server module: ") + ::dlerror());
    Module m;
    m.run = reinterpret_cast<RunFn>(::dlsym(h, "vigie_serve_module_run"));
    m.stop = reinterpret_cast<StopFn>(::dlsym(h, "vigie_serve_module_stop"));
    if (!m.run || !m.stop) throw Error("the web server module " + p.string() + " is not this vigie's");
    return m;
  }
  throw Error("cannot find the web server module " + std::string(VIGIE_SERVE_MODULE) + " (looked for " + tried +
              "); reinstall vigie");
}

const Module& module() {
  static const Module m = open_module();
  return m;
}

}  // namespace

void run_server(const ServerOptions& options, const std::function<void(const std::string&, int)>& on_ready) {
  module().run(options, on_ready);
}

void stop_server() {
  try {
    module().stop();
  } catch (const Error&) {
    // No module, so no server is running: run_server reports why.
  }
}

}  // namespace vigie::server
