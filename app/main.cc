// vigie: search and text analytics for drug-policy perception.
// Dispatches to a subcommand and maps errors to the documented exit codes:
// 0 ok, 1 failure (environment, data, index), 2 usage error, 3 finished with
// rejected records (index).
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <xapian.h>

#include "app/command.h"
#include "core/errors.h"

namespace vigie::app {

std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
}

bool parse(int argc, char** argv, const CliSpec& spec, po::options_description& options,
           const po::positional_options_description& positional, po::variables_map& vm) {
  options.add_options()("help,h", "show this help and exit");
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << "Usage: " << spec.usage << "\n\n";
      if (!spec.description.empty()) std::cout << spec.description << "\n\n";
      std::cout << options << "\n";
      if (!spec.epilog.empty()) std::cout << spec.epilog << "\n";
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\nUsage: " + spec.usage + "\n(see --help)");
  }
  return true;
}

std::string corpora_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("VIGIE_DATA_DIR"); env && *env) return env;
  if (fs::is_directory(VIGIE_SOURCE_CORPORA)) return VIGIE_SOURCE_CORPORA;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path share = exe.parent_path().parent_path() / "share" / "vigie";
    if (fs::is_directory(share)) return share.string();
  }
  throw Error("cannot find Vigie's data directory (lexicons, taxonomy); set VIGIE_DATA_DIR");
}

bool stderr_is_tty() { return ::isatty(2); }
bool stdout_is_tty() { return ::isatty(1); }

namespace {

void print_overview(std::ostream& out) {
  auto cmds = registry();
  std::sort(cmds.begin(), cmds.end(),
            [](const Command& a, const Command& b) { return std::strcmp(a.name, b.name) < 0; });
  out << "Usage: vigie COMMAND [options]   (vigie COMMAND --help for details)\n\n"
         "Search and text analytics for news and social media about drug policy.\n\n"
         "Commands:\n";
  for (const auto& c : cmds) {
    out << "  " << c.name << std::string(c.name ? std::max<int>(2, 10 - int(std::strlen(c.name))) : 2, ' ')
        << c.summary << "\n";
  }
  out << "\nExit status: 0 success, 1 failure, 2 usage error, 3 finished with rejected records.\n"
         "Environment: VIGIE_DATA_DIR overrides where lexicons, models and the taxonomy are read.\n";
}

}  // namespace
}  // namespace vigie::app

int main(int argc, char** argv) {
  using namespace vigie;
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    app::print_overview(std::cerr);
    return kExitUsage;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    app::print_overview(std::cout);
    return kExitOk;
  }
  if (name == "--version") {
    std::cout << "vigie " VIGIE_VERSION " (Xapian " << Xapian::version_string() << ")\n";
    return kExitOk;
  }
  for (const auto& c : app::registry()) {
    if (name != c.name) continue;
    try {
      return c.run(argc - 1, argv + 1);
    } catch (const UsageError& e) {
      std::cerr << "vigie " << name << ": " << e.what() << "\n";
      return kExitUsage;
    } catch (const Error& e) {
      std::cerr << "vigie " << name << ": " << e.what() << "\n";
      return kExitFailure;
    } catch (const Xapian::Error& e) {
      std::cerr << "vigie " << name << ": " << e.get_type() << ": " << e.get_msg() << "\n";
      return kExitFailure;
    } catch (const std::bad_alloc&) {
      std::cerr << "vigie " << name << ": out of memory\n";
      return kExitFailure;
    } catch (const std::exception& e) {
      std::cerr << "vigie " << name << ": internal error: " << e.what() << "\n";
      return kExitFailure;
    }
  }
  std::cerr << "vigie: unknown command '" << name << "'\n\n";
  app::print_overview(std::cerr);
  return kExitUsage;
}
