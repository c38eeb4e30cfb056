// Fuzz target: index stubs. The input is up to four stub files, separated by
// NUL bytes, written as s0..s3 into a private directory that also holds one
// small Xapian database "db"; then s0 is resolved and opened as an index.
// Any input must end in an index or an IndexError/UsageError with a message:
// no crash, no hang, no unbounded recursion through stubs that list each
// other.
//
// Lines naming a remote shard, an absolute path or a parent directory are
// dropped before the files are written, so a run never opens a connection
// and never reads outside its directory.
#include <unistd.h>

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/errors.h"
#include "query/index.h"

namespace fs = std::filesystem;

namespace {

const fs::path& work_dir() {
  static const fs::path dir = [] {
    char tmpl[] = "/tmp/vigie-fuzz-stub-XXXXXX";
    fs::path d = ::mkdtemp(tmpl) ? fs::path(tmpl) : fs::temp_directory_path() / "vigie-fuzz-stub";
    fs::create_directories(d);
    Xapian::WritableDatabase db((d / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::Document doc;
    doc.add_term("Qfuzz");
    doc.set_data("{}");
    db.add_document(doc);
    db.commit();
    return d;
  }();
  return dir;
}

// True for a line that could leave the directory or the machine.
bool dropped(const std::string& line) {
  return line.find("remote") != std::string::npos || line.find("..") != std::string::npos ||
         line.find('/') != std::string::npos || line.find(':') != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path& dir = work_dir();
  const std::string input(reinterpret_cast<const char*>(data), size);
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    const fs::path file = dir / ("s" + std::to_string(i));
    std::error_code ec;
    fs::remove(file, ec);
    if (start > input.size()) continue;
    size_t end = input.find('\0', start);
    if (end == std::string::npos) end = input.size();
    std::istringstream in(input.substr(start, end - start));
    std::ofstream out(file, std::ios::binary);
    for (std::string line; std::getline(in, line);)
      if (!dropped(line)) out << line << '\n';
    start = end + 1;
  }
  try {
    auto index = vigie::query::Index::open((dir / "s0").string());
    (void)index.db().get_doccount();
  } catch (const vigie::Exception& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
