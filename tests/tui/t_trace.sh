#!/bin/bash
# t_trace.sh - $GRIDWORK_TRACE (tui/app.c): one line for the first screen
# with its milliseconds since the process started and since the database
# opened (and the CPU milliseconds), then one line per key handled and
# drawn, naming the key (a hanzi typed into the filter as itself) with its
# milliseconds of wall clock and of CPU; nothing else, so
# that the line count is the frame count.  No timing is judged here: the
# speed goals are make bench's (tests/bench/tui_bench.sh).  At 80x24 with
# the Chinese fixture county; the first frame already holds the grid
# tree's counts on a county this small.
. "$(dirname "$0")/lib.sh"

NUM='[0-9]+\.[0-9]{3}'

check "trace: fixture database built" make_db || finish
start 80 24 || { notok "trace: program starts"; finish; }
check "trace: one line for the first screen" test "$(frames)" -eq 1
check "trace: it gives the first screen's and the open's milliseconds, and the CPU's" \
	grep -qE "^frame 0 key start ms $NUM open $NUM cpu $NUM\$" "$tmp/trace"
first=$(awk '{print $6}' "$tmp/trace")
opened=$(awk '{print $8}' "$tmp/trace")
check "trace: the database opened before the first screen ($opened <= $first ms)" \
	awk -v a="$opened" -v b="$first" 'BEGIN { exit !(a + 0 <= b + 0) }'
# The counts were in the first frame: nothing was left for later.
check "trace: the first screen has the grid tree's counts" shows "达标"
check "trace: nothing still being counted" lacks "网格统计中"

key F4 j k PageDown
check "trace: the ticket queue" wait_for "编号"
key /
type_text "张伟"
key Enter Escape F2
check "trace: one line per key (1 + 10)" test "$(frames)" -eq 11
keys=$(awk 'NR > 1 {printf "%s ", $4}' "$tmp/trace")
check "trace: the keys by name, hanzi as typed ($keys)" \
	test "$keys" = "F4 j k PgDn / 张 伟 Enter Esc F2 "
check "trace: every key line has its milliseconds, wall clock and CPU" \
	test "$(sed 1d "$tmp/trace" | grep -cE "^frame [0-9]+ key [^ ]+ ms $NUM cpu $NUM\$")" -eq 10
check "trace: frames numbered in order" awk '$2 != NR - 1 { bad = 1 } END { exit bad }' "$tmp/trace"
check "trace: the trace is valid UTF-8" iconv -f UTF-8 -t UTF-8 "$tmp/trace" -o /dev/null

T send-keys -t gw F10
check "trace: quits with status 0" test "$(exit_status)" = 0
check "trace: quitting writes no line" test "$(frames)" -eq 11

# Without the variable, no trace is written anywhere.
new_server
rm -f "$tmp/trace"
T new-session -d -s gw -x 80 -y 24 \
	"exec env -i PATH='$PATH' TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai \
ESCDELAY=25 HOME='$tmp' '$GW' --db '$tmp/t.db' 2>'$tmp/err'"
check "trace: untraced run shows the county" wait_for "舒城县"
T send-keys -t gw F10
check "trace: untraced run quits" test "$(exit_status)" = 0
check "trace: and writes no trace" test ! -e "$tmp/trace"
check "trace: nothing on stderr" test ! -s "$tmp/err"
finish
