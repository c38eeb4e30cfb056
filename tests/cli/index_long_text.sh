# Analysis cost grows linearly with a document's text. A 4 MB record of one
# sentence, full of topic terms and of the exclusions that cancel others
# (the worst case for the topic tagger and the stance cues), is indexed,
# tagged and found within a CPU budget some fifty times what it costs: a
# cost quadratic in the matches of a sentence needs minutes for it and is
# stopped by the limit (SIGXCPU). The limit is CPU time, not wall time, so a
# busy machine does not change the outcome.
source "$(dirname "$0")/lib/common.bash"

python3 - <<'PY'
import json
unit = "cannabis pot of marijuana pots of decriminalization abortion overdose od green "
text = unit * (4_000_000 // len(unit))
with open("long.jsonl", "w") as f:
    f.write(json.dumps({"id_str": "1", "text": text, "lang": "en",
                        "created_at": "Mon Mar 11 10:00:00 +0000 2019"}) + "\n")
PY

( ulimit -t 60; exec "$VIGIE" index --db idx -q --threads 1 long.jsonl ) > index.out 2> index.err
rc=$?
if [ "$rc" = 0 ]; then pass "a 4 MB one-sentence record is indexed within 60 s of CPU"; else
  fail "indexing the 4 MB record: exit $rc (152 or 137: stopped after 60 s of CPU)"; cat index.err >&2; fi
expect_eq "$("$VIGIE" search --db idx --count 'topic:cannabis_regulation')" 1 "it is tagged cannabis_regulation"
expect_eq "$("$VIGIE" search --db idx --count 'topic:overdose')" 1 "and overdose"
expect_eq "$("$VIGIE" search --db idx --count marijuana)" 1 "and found by its words"
finish
