# The screenshot check: builds the sample's 2019-W11 briefing and loads it in
# headless Chromium with scripts/check-report-render.sh (charts present,
# nothing overflows at phone width). Skips (77) when the script or Chromium
# is not available.
source "$(dirname "$0")/lib/common.bash"
CHECK=$SRC/scripts/check-report-render.sh
[ -f "$CHECK" ] || { echo "skip: $CHECK not found"; exit 77; }
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 &&
   ! command -v google-chrome >/dev/null 2>&1; then
  echo "skip: no Chromium"; exit 77
fi
"$VIGIE" index --db idx "$SRC"/corpora/sample/* > /dev/null 2>&1
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "cannot index the sample (exit $rc)" >&2; exit 1; }
SOURCE_DATE_EPOCH=1552867200 "$VIGIE" report --db idx --week 2019-W11 --out report > /dev/null ||
  { echo "vigie report failed" >&2; exit 1; }
VIGIE_NO_INSTALL=1 bash "$CHECK" report/report.html shot.png
rc=$?
[ "$rc" = 77 ] && exit 77
[ "$rc" = 0 ] || fail "check-report-render.sh exit $rc"
[ -s shot.png ] && pass "screenshot written" || fail "no screenshot"
finish
