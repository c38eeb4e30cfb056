#!/usr/bin/env bash
# End-to-end benchmark of trends and the weekly report on a make-corpus index (default 200k docs):
#   1. `vigie report --week 2019-W11` wall time (target <= 15 s);
#   2. `vigie trends --by week` for a broad drug query over all 104 weeks vs
#      SQLite FTS5 grouping the same matches by week, in the same run (the
#      per-week counts are compared before anything is timed);
#   3. spikes: is the planted 2019-W11 surge flagged for the broad query and
#      for the topics, and how many other weeks are flagged.
# Prints a Markdown report (also written to $WORK/trends.md) to paste into
# benchmarks/results/trends.md.
#
# Usage: benchmarks/trends_report.sh [VIGIE_BIN] [WORK_DIR]
#   env DOCS=200000     corpus size for make-corpus
#       CORPUS=DIR      an existing make-corpus output to index (skips make-corpus)
#       RUNS=3          timed runs of each command (the median is reported)
# WORK_DIR keeps the corpus, the index, the FTS5 database and the reports,
# and is reused on a second run (delete it to start over).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
vigie=${1:-$here/build/app/vigie}
work=${2:-/tmp/vigie-bench-trends}
docs=${DOCS:-200000}
runs=${RUNS:-3}
shared=${VIGIE_SHARED_DIR:-$here/../shared}
mkdir -p "$work"
corpus=${CORPUS:-$work/corpus}
index=$work/index
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 1; }

if [ ! -f "$corpus/MANIFEST.json" ]; then
  echo "building a $docs-document corpus in $corpus" >&2
  "$shared/bench/make-corpus" --docs "$docs" --out "$corpus" >&2
fi
if [ ! -f "$index/XAPIANDB" ] && [ ! -f "$index/iamglass" ]; then
  echo "indexing $corpus into $index" >&2
  start=$(date +%s.%N)
  "$vigie" index --db "$index" "$corpus"/*.json "$corpus"/*.jsonl >&2 || [ $? = 3 ]
  echo "indexed in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
fi

# median wall time of RUNS runs of a command (stdout discarded)
time_median() {
  local t=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N)
    "$@" > /dev/null
    e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc)")
  done
  printf '%s\n' "${t[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'
}

# The broad query for the FTS5 comparison: exact word forms in the Latin,
# Cyrillic and Arabic scripts (each word quoted so that Vigie matches the
# unstemmed term, as FTS5 does; no CJK, whose word segmentation differs).
words=(drug drugs cannabis marijuana heroin cocaine opioid opioids fentanyl naloxone methadone overdose
       drogas droga drogues drogue cocaína héroïne наркотики наркотиков героин مخدرات)
vq=""
fq=""
for w in "${words[@]}"; do
  vq+="${vq:+ OR }\"$w\""
  fq+="${fq:+ OR }\"$w\""
done
# The broad drug query for spikes: every taxonomy topic.
topics=$("$vigie" topics --json | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["topics"] if isinstance(d,dict) else d; print(" ".join(x["id"] for x in t))')
tq=""
for t in $topics; do tq+="${tq:+ OR }topic:$t"; done

# FTS5 database of the same documents (title + text, week), exported once.
fts=$work/fts.sqlite
if [ ! -f "$fts" ]; then
  echo "exporting the index to SQLite FTS5 ($fts)" >&2
  "$vigie" search --db "$index" --jsonl --limit 100000000 --snippet-length 1000000 --highlight ',' '' |
    python3 -c '
import json, re, sqlite3, sys, datetime
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE VIRTUAL TABLE docs USING fts5(body, week UNINDEXED, id UNINDEXED, tokenize=\"unicode61 remove_diacritics 2\")")
# Vigie keeps a URL as one token (its host is the XU field), FTS5 splits it
# into words ("/medical-marijuana" matches marijuana): drop URLs so both
# engines see the same words.
url = re.compile(r"(https?://|www\.)\S+")
rows = []
for line in sys.stdin:
    h = json.loads(line)
    week = None
    if h.get("date"):
        y, w, _ = datetime.date.fromisoformat(h["date"][:10]).isocalendar()
        week = "%d-W%02d" % (y, w)
    body = (h.get("title") or "") + "\n" + (h.get("snippet") or "")
    rows.append((url.sub(" ", body), week, h["id"]))
    if len(rows) == 10000:
        db.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows); rows = []
db.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)
db.commit()
' "$fts"
fi
fts_sql="SELECT week, count(*) FROM docs WHERE docs MATCH '$(printf "%s" "$fq" | sed "s/'/''/g")' AND week IS NOT NULL GROUP BY week ORDER BY week;"

# Check: the same matches per week before timing.
"$vigie" trends --db "$index" --by week --json "$vq" > "$work/trends-words.json"
sqlite3 -separator ' ' "$fts" "$fts_sql" > "$work/fts-weeks.txt"
agree=$(python3 - "$work/trends-words.json" "$work/fts-weeks.txt" <<'PY'
import json, sys
v = {e["period"]: e["count"] for e in json.load(open(sys.argv[1]))["series"] if e["count"]}
f = {}
for line in open(sys.argv[2]):
    w, n = line.split()
    f[w] = int(n)
diff = {k: (v.get(k, 0), f.get(k, 0)) for k in set(v) | set(f) if v.get(k, 0) != f.get(k, 0)}
tv, tf = sum(v.values()), sum(f.values())
print("identical per-week counts (%d matches, %d weeks)" % (tv, len(v)) if not diff else
      "DIFFER: vigie %d vs fts5 %d matches; %d weeks differ, e.g. %s" % (tv, tf, len(diff), sorted(diff.items())[:3]))
PY
)
echo "word query: $agree" >&2

t_report=$(time_median "$vigie" report --db "$index" --week 2019-W11 --out "$work/report")
t_trends=$(time_median "$vigie" trends --db "$index" --by week --json "$vq")
t_fts=$(time_median sqlite3 "$fts" "$fts_sql")
t_topics=$(time_median "$vigie" trends --db "$index" --by week --json "$tq")
t_all=$(time_median "$vigie" trends --db "$index" --by week --json)

"$vigie" trends --db "$index" --by week --json "$tq" > "$work/trends-topics.json"
spikes=$(python3 - "$work/trends-topics.json" "$work/report/report.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
flagged = [e["period"] for e in t["series"] if e["spike"]]
w11 = [e for e in t["series"] if e["period"] == "2019-W11"][0]
r = json.load(open(sys.argv[2]))
topics = [x["id"] for x in r["topics"] if x["spike"]]
print("- broad topic query: %d matches in %d weeks; flagged %s (2019-W11 score %.1f, count %d); other weeks flagged: %d"
      % (t["matches"], len(t["series"]), flagged or "none", w11["score"], w11["count"], len([p for p in flagged if p != "2019-W11"])))
print("- report 2019-W11: topics flagged: %s (of %d)" % (", ".join(topics) or "none", len(r["topics"])))
PY
)
# Each topic over all 104 weeks: is 2019-W11 flagged, which other weeks are.
topic_spikes=$(for t in $topics; do
  "$vigie" trends --db "$index" --by week --json --topic "$t" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); f=[e["period"] for e in d["series"] if e["spike"]]; print(sys.argv[1], "W11" if "2019-W11" in f else "-", " ".join(p for p in f if p != "2019-W11") or "none")' "$t"
done)
topic_summary=$(printf '%s\n' "$topic_spikes" | awk '{w11 += ($2 == "W11"); if ($3 != "none") {other += NF - 2; list = list " " $1 ":" $3}} END {printf "- topics over 104 weeks: 2019-W11 flagged in %d of %d; other weeks flagged: %d%s\n", w11, NR, other, (other ? " (" substr(list, 2) ")" : "")}')
ndocs=$("$vigie" stats --db "$index" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
matches=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["matches"])' "$work/trends-words.json")

{
  echo "## trends and report on a make-corpus index ($ndocs documents)"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the end; median of $runs runs, wall time."
  echo
  echo "| command | time (s) |"
  echo "|---|---|"
  echo "| \`vigie report --week 2019-W11\` (15 topics, 24 weeks read) | $t_report |"
  echo "| \`vigie trends --by week\` broad word query ($matches matches) | $t_trends |"
  echo "| \`sqlite3\` FTS5 MATCH same words GROUP BY week | $t_fts |"
  echo "| \`vigie trends --by week\` every topic OR-ed | $t_topics |"
  echo "| \`vigie trends --by week\` every document | $t_all |"
  echo
  echo "- Vigie vs FTS5 (word query): $agree; ratio vigie/fts5 = $(echo "scale=2; $t_trends / $t_fts" | bc)"
  echo "$spikes"
  echo "$topic_summary"
  echo
  echo "| topic | 2019-W11 flagged | other weeks flagged |"
  echo "|---|---|---|"
  printf '%s\n' "$topic_spikes" | awk '{o=""; for (i=3;i<=NF;i++) o=o (i>3?" ":"") $i; print "| " $1 " | " ($2=="W11"?"yes":"no") " | " o " |"}'
} | tee "$work/trends.md"
