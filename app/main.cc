// vigie: search and text analytics for drug-policy perception.
// Dispatches to a subcommand and maps errors to the documented exit codes:
// 0 ok, 1 failure (environment, data, index), 2 usage error, 3 finished with
// rejected records (index).
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>

#include <boost/lexical_cast.hpp>
#include <xapian.h>

#include "app/command.h"
#include "app/locations.h"
#include "core/errors.h"
#include "core/text/langid.h"

namespace vigie::app {

std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
}

namespace {

// Boost prints a floating-point default with every digit of its binary value
// (0.005 shows as "(=0.0050000000000000001)"); give each one the shortest
// text that reads back as the same value, so --help shows what a user would
// type. Done here, once, for every option of every command.
template <class T>
bool show_default_as_written(const po::option_description& o) {
  auto* typed = dynamic_cast<const po::typed_value<T>*>(o.semantic().get());
  if (!typed) return false;
  boost::any def;
  if (!typed->apply_default(def)) return true;
  const T v = boost::any_cast<T>(def);
  // Keep a text the command chose itself ("auto", "0.1").
  if (typed->name().find("(=" + boost::lexical_cast<std::string>(v) + ")") == std::string::npos) return true;
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  // The option description owns the semantic; only its default text changes.
  const_cast<po::typed_value<T>*>(typed)->default_value(v, std::string(buf, r.ptr));
  return true;
}

void show_defaults_as_written(const po::options_description& options) {
  for (const auto& o : options.options())
    if (!show_default_as_written<double>(*o)) show_default_as_written<float>(*o);
}

}  // namespace

bool parse(int argc, char** argv, const CliSpec& spec, po::options_description& options,
           const po::positional_options_description& positional, po::variables_map& vm,
           const po::options_description* hidden) {
  options.add_options()("help,h", "show this help and exit");
  show_defaults_as_written(options);
  po::options_description all;
  all.add(options);
  if (hidden) all.add(*hidden);
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
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

namespace {

// <prefix>/share/vigie beside an installed <prefix>/bin/vigie, or "".
std::filesystem::path installed_share_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  fs::path share = exe.parent_path().parent_path() / "share" / "vigie";
  return fs::is_directory(share, ec) ? share : fs::path();
}

// A model installed beside an installed vigie's data
// (<prefix>/share/vigie/local-models/FILE), or "".
std::string installed_model(const char* file) {
  namespace fs = std::filesystem;
  const fs::path share = installed_share_dir();
  if (share.empty()) return {};
  std::error_code ec;
  const fs::path model = share / "local-models" / file;
  return fs::is_regular_file(model, ec) ? model.string() : std::string();
}

}  // namespace

const Locations& locations() {
  static const Locations l = [] {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::string exe = fs::read_symlink("/proc/self/exe", ec).string();
    if (ec) exe.clear();
    const char* stance_env = std::getenv("VIGIE_STANCE_MODEL");
    const char* relevance_env = std::getenv("VIGIE_RELEVANCE_MODEL");
    const auto set = [](const char* v) { return v != nullptr && *v != '\0'; };
    Locations r;
    r.stance_model = topics::resolve_stance_model("", stance_env, exe);
    if (!set(stance_env)) {
      if (std::string m = installed_model("stance-en.model"); !m.empty()) r.stance_model = {m, "installed"};
    }
    r.relevance_model = topics::resolve_relevance_model("", relevance_env, exe);
    if (!set(relevance_env)) {
      if (std::string m = installed_model("relevance-en.model"); !m.empty()) r.relevance_model = {m, "installed"};
    }
    return r;
  }();
  return l;
}

std::string corpora_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("VIGIE_DATA_DIR"); env && *env) return env;
  // An installed binary uses its own data, even where the source tree is.
  if (const fs::path share = installed_share_dir(); !share.empty()) return share.string();
  if (fs::is_directory(VIGIE_SOURCE_CORPORA)) return VIGIE_SOURCE_CORPORA;
  throw Error("cannot find Vigie's data directory (lexicons, taxonomy); set VIGIE_DATA_DIR");
}

std::string find_option(int argc, char** argv, const std::string& name) {
  const std::string flag = "--" + name;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") break;
    if (a == flag && i + 1 < argc) return argv[i + 1];
    if (a.rfind(flag + "=", 0) == 0) return a.substr(flag.size() + 1);
  }
  return {};
}

std::string no_such_input_file(const std::string& path, const std::string& hint) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return "cannot open " + path;
  return "no such file '" + path + "'; " + hint;
}

std::string normalized_lang(const std::string& lang) {
  std::string n = text::normalize_lang_tag(lang);
  if (n.empty()) throw UsageError("--lang: unknown language '" + lang + "'");
  return n;
}

bool stderr_is_tty() { return ::isatty(2); }
bool stdout_is_tty() { return ::isatty(1); }

namespace {

void print_overview(std::ostream& out) {
  auto cmds = registry();
  std::sort(cmds.begin(), cmds.end(),
            [](const Command& a, const Command& b) { return std::strcmp(a.name, b.name) < 0; });
  out << "Usage: vigie COMMAND [options]   (vigie help COMMAND, or vigie COMMAND --help, for details)\n\n"
         "Search and text analytics for news and social media about drug policy.\n\n"
         "Commands:\n";
  for (const auto& c : cmds) {
    out << "  " << c.name << std::string(c.name ? std::max<int>(2, 10 - int(std::strlen(c.name))) : 2, ' ')
        << c.summary << "\n";
  }
  out << "\nExit status: 0 success, 1 failure, 2 usage error, 3 finished with rejected records.\n"
         "Environment: VIGIE_DATA_DIR overrides where lexicons, models and the taxonomy are read.\n";
}

// The running subcommand, for the message of on_terminate.
const char* running_command = "";

// Xapian 1.4 can end the process through std::terminate while a commit
// fails (seen with the disk full during a shard's commit: an exception
// thrown through a noexcept frame of its own, or terminate called with
// none), so the catch blocks in main never see it. Say what failed and exit
// with the failure status rather than abort: Xapian writes a new revision
// before it switches to it, so the database is at its last commit and the
// same command resumes.
void say(const std::string& msg) {
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, msg.data(), msg.size());
}

[[noreturn]] void on_terminate() {
  const std::string prefix = std::string("vigie ") + running_command + ": ";
  const char* note = TerminateNote::current();
  const std::string resume =
      "; an index being written is left at its last commit - fix the cause and run the same command again to "
      "resume\n";
  if (const std::exception_ptr e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const Xapian::Error& x) {
      say(prefix + x.get_description() + (note ? std::string(" (") + note + ")" : "") + resume);
      ::_exit(kExitFailure);
    } catch (const std::exception& x) {
      say(prefix + "internal error: " + x.what() + "\n");
    } catch (...) {
    }
  } else if (note) {
    say(prefix + "Xapian ended the process while " + note + " (a failed write: is the disk full?)" + resume);
    ::_exit(kExitFailure);
  } else {
    say(prefix + "internal error: terminate without an exception\n");
  }
  std::abort();
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
  // The subcommand's own argv (argv[0] = its name); `vigie help COMMAND`
  // is `vigie COMMAND --help`.
  int sub_argc = argc - 1;
  char** sub_argv = argv + 1;
  char help_flag[] = "--help";
  char* help_argv[] = {argc > 2 ? argv[2] : nullptr, help_flag, nullptr};
  if (name == "help" && argc > 2) {
    name = argv[2];
    sub_argc = 2;
    sub_argv = help_argv;
  }
  if (name == "--help" || name == "-h" || name == "help") {
    app::print_overview(std::cout);
    return kExitOk;
  }
  if (name == "--version") {
    std::cout << "vigie " VIGIE_VERSION " (Xapian " << Xapian::version_string() << ")\n";
    try {
      std::cout << "data: " << app::corpora_dir() << "\n";
    } catch (const Error& e) {
      std::cout << "data: " << e.what() << "\n";
    }
    return kExitOk;
  }
  app::locations();  // the models' places, before any command runs
  for (const auto& c : app::registry()) {
    if (name != c.name) continue;
    app::running_command = c.name;
    std::set_terminate(app::on_terminate);
    try {
      return c.run(sub_argc, sub_argv);
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
