# Index paths that are not indexes: a FIFO or a device given as --db or
# listed in a stub, and a file too big to be a stub, end in one clear
# message with exit 1, never a hang (a FIFO's open waits for a writer) or a
# read without end (a device).
source "$(dirname "$0")/lib/common.bash"

mkfifo fifo
printf 'auto fifo\n' > fifo.stub
printf 'auto /dev/zero\n' > device.stub
python3 -c 'print("# a feed, not a stub\n" + "auto x\n" * 300000)' > huge.stub

for cmd in stats search trends; do
  args=()
  [ "$cmd" = stats ] || args=(cannabis)
  expect_status 1 "$cmd --db FIFO" timeout 20 "$VIGIE" "$cmd" --db fifo "${args[@]}"
  expect_grep 'not a directory or a regular file' last.err "$cmd names what a FIFO is not"
  expect_status 1 "$cmd on a stub listing a FIFO" timeout 20 "$VIGIE" "$cmd" --db fifo.stub "${args[@]}"
  expect_grep 'fifo.stub:1: .*fifo is not a Vigie index' last.err "$cmd names the stub line"
done
expect_status 1 "a stub listing a device" timeout 20 "$VIGIE" stats --db device.stub
expect_grep 'device.stub:1: /dev/zero is not a Vigie index' last.err "the device is named"
expect_status 1 "a 2 MB file given as a stub" timeout 20 "$VIGIE" stats --db huge.stub
expect_grep 'huge.stub is [0-9]+ bytes: a stub lists shards' last.err "the size is the reason"
expect_status 1 "vigie stub over a FIFO" timeout 20 "$VIGIE" stub --out out.stub fifo
finish
