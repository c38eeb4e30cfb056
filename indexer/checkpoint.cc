#include "indexer/checkpoint.h"

#include <sys/stat.h>

#include <charconv>
#include <sstream>

namespace vigie::indexer {

std::vector<InputIdentity> identify_inputs(const std::vector<std::string>& paths) {
  std::vector<InputIdentity> out;
  for (const auto& p : paths) {
    InputIdentity id{p, 0, 0};
    struct stat st{};
    if (p != "-" && ::stat(p.c_str(), &st) == 0) {
      id.size = static_cast<uint64_t>(st.st_size);
      id.mtime_ns = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    }
    out.push_back(std::move(id));
  }
  return out;
}

// Line format, one field per line, paths last (they may contain spaces):
//   v1 <input> <line> <rejects_bytes> <records> <n>
//   <size> <mtime_ns> <path>     (n times)
std::string Checkpoint::encode() const {
  std::ostringstream o;
  o << "v1 " << input << ' ' << line << ' ' << rejects_bytes << ' ' << records << ' ' << inputs.size() << '\n';
  for (const auto& i : inputs) o << i.size << ' ' << i.mtime_ns << ' ' << i.path << '\n';
  return o.str();
}

std::optional<Checkpoint> Checkpoint::decode(std::string_view s) {
  std::istringstream in{std::string(s)};
  std::string tag;
  Checkpoint c;
  size_t n = 0;
  if (!(in >> tag >> c.input >> c.line >> c.rejects_bytes >> c.records >> n) || tag != "v1") return std::nullopt;
  in.ignore(1);
  for (size_t k = 0; k < n; ++k) {
    InputIdentity id;
    if (!(in >> id.size >> id.mtime_ns)) return std::nullopt;
    in.ignore(1);
    if (!std::getline(in, id.path)) return std::nullopt;
    c.inputs.push_back(std::move(id));
  }
  return c;
}

}  // namespace vigie::indexer
