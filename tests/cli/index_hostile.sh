# Hostile input ends with a clear message naming the file and a
# documented exit code, never a signal (a status over 128 fails the test).
source "$(dirname "$0")/lib/common.bash"

run() {  # run WANT NAME FILE...  -> index each case into its own db
  local want=$1 name=$2; shift 2
  "$VIGIE" index --quiet --db "db-$name" "$@" >"$name.out" 2>"$name.err"
  local got=$?
  if [ $got -ge 128 ]; then fail "$name: killed by signal $((got - 128))"; return; fi
  if [ "$got" = "$want" ]; then pass "$name (exit $got)"; else
    fail "$name: exit $got, want $want"; head -5 "$name.err" >&2; fi
}
rejects_mention() {  # rejects_mention NAME PATTERN
  if grep -qE -- "$2" "db-$1/rejects.log" 2>/dev/null; then pass "$1: rejects log says /$2/"; else
    fail "$1: rejects log lacks /$2/"; cat "db-$1/rejects.log" >&2 2>/dev/null; fi
}

head -c 100000 /dev/urandom > random.bin
run 3 random random.bin
rejects_mention random "^random.bin:"

: > empty.jsonl
run 0 empty empty.jsonl
expect_grep "indexed 0 records" empty.err "empty file: summary says 0 records"

mkdir adir
run 1 directory adir
expect_grep "adir" directory.err "directory: message names it"
run 1 missing no-such-file.jsonl
expect_grep "no-such-file.jsonl" missing.err "missing: message names it"

python3 -c 'print("[" * 100000 + "]" * 100000)' > deep.json
run 3 deep deep.json
rejects_mention deep "^deep.json:1	.*(deep|DEPTH)"

python3 -c 'import sys; sys.stdout.write("{\"text\":\"" + "x" * (64 << 20) + "\"}\n")' > huge.jsonl
echo '{"created_at":"Mon Mar 11 10:00:00 +0000 2019","id_str":"1","full_text":"after the huge line","lang":"en"}' >> huge.jsonl
run 3 huge huge.jsonl
rejects_mention huge "^huge.jsonl:1	.*(larger|MiB)"
"$VIGIE" stats --db db-huge --json > huge.json && expect_eq "$(json_get huge.json 'd["documents"]')" 1 "huge: the next line is indexed"

cat > dates.jsonl <<'J'
{"created_at":"Sat Feb 30 10:00:00 +0000 2019","id_str":"1","full_text":"February 30th","lang":"en"}
{"created_at":"Mon Mar 11 25:00:00 +0000 2019","id_str":"2","full_text":"hour 25","lang":"en"}
{"id":"3","title":"t","text":"month 13","publish_date":"2019-13-01 10:00:00","media_name":"x","stories_id":3}
{"created_at":"Mon Mar 11 10:00:00 +0000 2019","id_str":"4","full_text":"a real date","lang":"en"}
J
run 3 dates dates.jsonl
expect_eq "$(wc -l < db-dates/rejects.log | tr -d ' ')" 3 "impossible dates: rejected records"

for i in $(seq 1 2000); do
  echo "{\"created_at\":\"Mon Mar 11 10:00:00 +0000 2019\",\"id_str\":\"$i\",\"full_text\":\"tweet number $i about naloxone\",\"lang\":\"en\"}"
done > many.jsonl
gzip -c many.jsonl > many.jsonl.gz
head -c $(( $(stat -c %s many.jsonl.gz) / 2 )) many.jsonl.gz > cut.jsonl.gz
run 3 truncated-gzip cut.jsonl.gz
rejects_mention truncated-gzip "^cut.jsonl.gz:.*(ends early|truncated|unexpected end)"
"$VIGIE" stats --db db-truncated-gzip --json > cut.json
n=$(json_get cut.json 'd["documents"]')
if [ "$n" -gt 0 ] && [ "$n" -lt 2000 ]; then pass "truncated gzip: the $n complete records before the cut are indexed"; else
  fail "truncated gzip: $n documents"; fi

# A file that grows while it is read: a writer appends in the background.
cp many.jsonl growing.jsonl
( for i in $(seq 1 200); do cat many.jsonl >> growing.jsonl; done ) &
writer=$!
"$VIGIE" index --quiet --db db-growing growing.jsonl >growing.out 2>growing.err
got=$?
wait $writer
if [ $got -ge 128 ]; then fail "growing: killed by signal"; elif [ $got = 0 ] || [ $got = 3 ]; then
  pass "growing file: finished with exit $got"; else fail "growing: exit $got"; cat growing.err >&2; fi
if [ $got = 3 ]; then rejects_mention growing "growing.jsonl.*(changed|invalid)"; fi
finish
