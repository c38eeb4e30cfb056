// The web interface's files (server/web/), embedded in the binary at build
// time so that `vigie serve` works on an air-gapped machine with nothing
// installed beside it.
//
// Thread safety: immutable data.
#pragma once

#include <string_view>

namespace vigie::server {

struct Asset {
  std::string_view path;          // URL path, e.g. "/app.js"; "/" is index.html
  std::string_view content_type;  // with charset for text
  std::string_view body;
};

// nullptr when no embedded file has this path.
const Asset* find_asset(std::string_view path);

}  // namespace vigie::server
