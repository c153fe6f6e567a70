#!/bin/bash
# t_quit.sh - F10 and q quit with status 0 and leave the terminal; screens
# not built yet say so; a missing database is refused before the screen.
. "$(dirname "$0")/lib.sh"

check "quit: fixture database built" make_db || finish
start 100 30 || { notok "quit: program starts"; finish; }
wait_for "- 舒城县" >/dev/null
for f in F3:姓名 F4:编号 F5:名称 F6:职业 F7:开放时间; do
	key "${f%%:*}"
	check "quit: ${f%%:*} shows its table" wait_for "│${f#*:}"
done
key F8
check "quit: F8 opens the dashboard" wait_for "期间：全部"
key F2
check "quit: F2 goes back to the grids" wait_for "- 舒城县"
T send-keys -t gw F10
check "quit: F10 exits with status 0" test "$(exit_status)" = 0
check "quit: nothing on stderr" test ! -s "$tmp/err"

new_server
start 80 24 || { notok "quit: program starts again"; finish; }
wait_for "- 舒城县" >/dev/null
T send-keys -t gw q
check "quit: q exits with status 0" test "$(exit_status)" = 0

# No database: refused with a message and status 1, no screen opened.
out=$(env -i PATH="$PATH" LANG=C.UTF-8 TERM=dumb HOME="$tmp" "$GW" --db "$tmp/none.db" 2>&1 </dev/null)
check "quit: missing database refused with status 1" test $? = 1
check "quit: missing database message" sh -c 'echo "$1" | grep -qF "不存在"' - "$out"

# Not on a terminal (a script calling gridwork without a subcommand).
out=$(env -i PATH="$PATH" LANG=C.UTF-8 HOME="$tmp" "$GW" --db "$tmp/t.db" 2>&1 </dev/null)
check "quit: without a terminal refused with status 2" test $? = 2
check "quit: without a terminal says so" sh -c 'echo "$1" | grep -qF "需要在终端中运行"' - "$out"
finish
