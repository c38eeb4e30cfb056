#include "core/text/width.h"

#include <unicode/uchar.h>

#include "core/text/utf8_internal.h"

namespace vigie::text {

size_t display_width(std::string_view s) {
  if (detail::is_ascii(s)) return s.size();
  size_t cols = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      ++cols;
      continue;
    }
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR || c == 0x200B) continue;
    const int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    cols += (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return cols;
}

std::string pad_to_width(std::string_view s, size_t cols) {
  const size_t w = display_width(s);
  std::string out(s);
  if (w < cols) out.append(cols - w, ' ');
  return out;
}

std::string pad_left_to_width(std::string_view s, size_t cols) {
  const size_t w = display_width(s);
  std::string out;
  if (w < cols) out.assign(cols - w, ' ');
  out += s;
  return out;
}

}  // namespace vigie::text
