#!/usr/bin/env bash
# check-report-render.sh REPORT.html OUT.png [WIDTH]
#
# Loads a Vigie briefing (report.html) in headless Chromium at a phone
# width (default 390 CSS px, an iPhone 12-15) and
#   1. saves a screenshot of the whole report at that width to OUT.png (in a
#      frame on a grey page: Chromium's headless window is at least 500 px
#      wide) plus OUT-desktop.png at 1280 px, for a person to look at;
#   2. checks that the page does not overflow horizontally: a copy of the
#      report with a small measuring script appended (the report itself has
#      no script) is loaded in a frame of the phone width, and --dump-dom
#      returns what the script measured: scrollWidth / clientWidth, the
#      visible charts and the elements that stick out of the viewport;
#   3. checks that the charts are present and laid out (each visible volume
#      chart at least 200 px wide at phone width).
# Wide tables scroll inside their own box (.table-wrap) and do not count as
# page overflow; they are reported for information.
#
# Chromium is installed with apt-get when missing (as root), unless
# VIGIE_NO_INSTALL=1 (unit tests set it, to skip instead). Exit status:
# 0 ok, 1 check failed, 2 usage, 77 skipped (no Chromium and it cannot be
# installed), so ctest/CI can treat it as a skip.
set -euo pipefail

usage() { echo "usage: $0 REPORT.html OUT.png [WIDTH]" >&2; exit 2; }
[[ $# -ge 2 && $# -le 3 ]] || usage
report=$1
out=$2
width=${3:-390}
[[ -f $report ]] || { echo "no such file: $report" >&2; exit 2; }
[[ $width =~ ^[0-9]+$ ]] || usage

find_chromium() {
  for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
  done
  return 1
}

if ! chrome=$(find_chromium); then
  if [[ ${VIGIE_NO_INSTALL:-0} != 1 && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "chromium not found: installing it with apt-get" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 || true
  fi
  chrome=$(find_chromium) || { echo "SKIP: chromium is not installed and could not be installed" >&2; exit 77; }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigie-render.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
       --disable-component-update --disable-sync --no-first-run
       --disable-default-apps --disable-extensions --hide-scrollbars
       --user-data-dir="$tmp/profile")

abs_report=$(readlink -f "$report")
mkdir -p "$(dirname "$out")"
abs_out=$(readlink -f "$(dirname "$out")")/$(basename "$out")
desktop_out=${abs_out%.png}-desktop.png

run_chrome() {
  # Chromium prints harmless dbus/GL warnings on stderr; keep them out of the
  # way unless it fails. A timeout guards against a hung browser.
  timeout 120 "$chrome" "${flags[@]}" "$@" 2>"$tmp/chrome.err" || {
    echo "chromium failed:" >&2; tail -20 "$tmp/chrome.err" >&2; return 1; }
}

# Chromium's headless window is at least 500 px wide, so the phone width is
# obtained with an iframe of that width inside a wrapper page (the report's
# media queries see the iframe's width). --allow-file-access-from-files lets
# the measuring script in the iframe write its result into the wrapper.
flags+=(--allow-file-access-from-files)

# 1. Screenshots: the report at phone width (in a frame on a grey page), and
# at desktop width directly. The heights are generous so the whole report shows.
cat >"$tmp/phone.html" <<HTML
<!DOCTYPE html><html><body style="margin:0;background:#888">
<iframe src="file://$abs_report" style="border:0;display:block;width:${width}px;height:9000px;background:#fff"></iframe>
</body></html>
HTML
run_chrome --window-size="$(( width > 500 ? width : 500 )),9000" --screenshot="$abs_out" "file://$tmp/phone.html"
run_chrome --window-size=1280,6000 --screenshot="$desktop_out" "file://$abs_report"
[[ -s $abs_out ]] || { echo "FAIL: no screenshot written" >&2; exit 1; }

# 2-3. Measure the layout with a script appended to a copy of the report,
# loaded in a frame of the phone width.
probe="$tmp/probe.html"
cp "$abs_report" "$probe"
cat >>"$probe" <<'JS'
<script>
(function () {
  var de = document.documentElement, vw = de.clientWidth, out = [];
  var offenders = [];
  document.querySelectorAll('body *').forEach(function (el) {
    if (el.closest('.table-wrap') || (el.closest('svg') && el.tagName.toLowerCase() !== 'svg')) return;
    var r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1 && offenders.length < 8)
      offenders.push(el.tagName.toLowerCase() + '@' + Math.round(r.right));
  });
  var charts = 0, narrow = 0;
  document.querySelectorAll('svg.chart').forEach(function (s) {
    var w = s.getBoundingClientRect().width;  // 0 for the variant hidden at this width
    if (w > 0) { charts++; if (w < 200) narrow++; }
  });
  var scrolling = 0;
  document.querySelectorAll('.table-wrap').forEach(function (w) { if (w.scrollWidth > w.clientWidth + 1) scrolling++; });
  out.push('clientWidth=' + vw, 'scrollWidth=' + de.scrollWidth, 'charts=' + charts, 'narrow_charts=' + narrow,
           'svgs=' + document.querySelectorAll('svg').length, 'scrolling_tables=' + scrolling,
           'offenders=' + offenders.join(','));
  window.parent.document.getElementById('vigie-probe').textContent = out.join(' ');
})();
</script>
JS
cat >"$tmp/wrapper.html" <<HTML
<!DOCTYPE html><html><body style="margin:0"><pre id="vigie-probe"></pre>
<iframe src="probe.html" style="border:0;width:${width}px;height:2000px"></iframe></body></html>
HTML
run_chrome --window-size=800,2000 --dump-dom "file://$tmp/wrapper.html" >"$tmp/dom.html"
line=$(grep -o '<pre id="vigie-probe">[^<]*</pre>' "$tmp/dom.html" | sed 's/<[^>]*>//g' || true)
[[ -n $line ]] || { echo "FAIL: the measuring script did not run" >&2; exit 1; }
echo "layout at ${width}px: $line"
get() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$line"; }
client=$(get clientWidth); scroll=$(get scrollWidth); charts=$(get charts); narrow=$(get narrow_charts)

status=0
if (( client > width + 1 )); then
  echo "FAIL: the frame is ${client}px wide although ${width}px was asked" >&2
  status=1
fi
if (( scroll > client + 1 )); then
  echo "FAIL: page overflows horizontally (${scroll}px content in a ${client}px viewport): $(get offenders)" >&2
  status=1
fi
if ! grep -q 'No data for this week' "$abs_report"; then
  if (( charts == 0 )); then echo "FAIL: no chart in the report" >&2; status=1; fi
  if (( narrow > 0 )); then echo "FAIL: $narrow chart(s) narrower than 200px" >&2; status=1; fi
fi
echo "screenshots: $abs_out $desktop_out"
exit $status
