// Display width of UTF-8 text in a terminal, for tables that line up:
// East Asian wide and fullwidth characters take two columns, combining marks
// and zero-width characters none, everything else one (Unicode UAX #11, the
// rule wcwidth() implements). Right-to-left text (Arabic, Hebrew) takes as
// many columns as it has characters; the terminal orders it.
//
// Thread safety: pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vigie::text {

// Columns that utf8 takes (invalid bytes count one column each).
size_t display_width(std::string_view utf8);

// utf8 followed by spaces up to `cols` columns (unchanged when wider).
std::string pad_to_width(std::string_view utf8, size_t cols);

// Spaces then utf8, for right-aligned columns.
std::string pad_left_to_width(std::string_view utf8, size_t cols);

}  // namespace vigie::text
