// Renders the sample briefing and an empty week to files and runs
// scripts/check-report-render.sh on them: headless Chromium loads each
// report, saves screenshots and checks that nothing overflows a 390 px
// phone viewport and that the charts are laid out. Skipped when Chromium is
// not installed (the script is not allowed to install it from a test).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "reports/render.h"
#include "tests/reports/sample.h"

namespace vigie::reports {
namespace {

namespace fs = std::filesystem;

bool have_chromium() {
  return std::system("command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1") == 0;
}

// Width and height from a PNG's IHDR chunk; {0, 0} if not a PNG.
std::pair<uint32_t, uint32_t> png_size(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  unsigned char b[24] = {};
  f.read(reinterpret_cast<char*>(b), 24);
  if (f.gcount() != 24 || b[0] != 0x89 || b[1] != 'P' || b[2] != 'N' || b[3] != 'G') return {0, 0};
  auto be = [&](int o) { return uint32_t(b[o]) << 24 | uint32_t(b[o + 1]) << 16 | uint32_t(b[o + 2]) << 8 | b[o + 3]; };
  return {be(16), be(20)};
}

int run_check(const fs::path& html, const fs::path& png) {
  const std::string cmd = "VIGIE_NO_INSTALL=1 bash '" + std::string(VIGIE_SOURCE_DIR) +
                          "/scripts/check-report-render.sh' '" + html.string() + "' '" + png.string() +
                          "' 390";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

TEST(Screenshot, SampleBriefingRendersWithoutOverflow) {
  if (!have_chromium()) GTEST_SKIP() << "chromium not installed";
  const fs::path dir = fs::temp_directory_path() / ("vigie-shot-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write_briefing(testing::sample_briefing(), (dir / "full").string());
  const int rc = run_check(dir / "full" / "report.html", dir / "full.png");
  if (rc == 77) GTEST_SKIP() << "chromium could not run";
  EXPECT_EQ(rc, 0);
  auto [w, h] = png_size(dir / "full.png");
  EXPECT_EQ(w, 500u);  // 390 px frame in Chromium's minimum 500 px window
  EXPECT_GT(h, 1000u);
  EXPECT_EQ(png_size(dir / "full-desktop.png").first, 1280u);

  BriefingData empty;
  empty.week = "2030-W01";
  empty.empty_week = true;
  write_briefing(empty, (dir / "empty").string());
  EXPECT_EQ(run_check(dir / "empty" / "report.html", dir / "empty.png"), 0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigie::reports
