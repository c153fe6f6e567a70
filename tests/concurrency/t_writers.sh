#!/usr/bin/env bash
# t_writers.sh - several clerks writing tickets at once: 2, then 4
# processes, each for CONC_SECONDS (5 in make test, 60 in make
# concurrency), registering tickets with `gridwork ticket new` and moving
# each one on with `gridwork ticket accept`, while the full-screen program
# sits open on the same database in tmux on the tickets screen, now and
# then scrolled.  Checked:
#   - no command fails and no "database is locked" / "busy" message
#     reaches a clerk (stderr of every command, and the screen);
#   - every acknowledged write is there at the end: each number a
#     registration printed exists with its title, once, and each ticket
#     whose acceptance was acknowledged is accepted; numbers have no gaps;
#   - the open TUI holds no read transaction while it waits for a key: a
#     checkpoint that truncates the WAL succeeds while it is open (it
#     cannot while any reader holds a snapshot);
#   - integrity_check and foreign_key_check are clean.
. "$(dirname "$0")/../tui/lib.sh"

SECS=${CONC_SECONDS:-5}
db=$tmp/t.db
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai HOME=$tmp XDG_CONFIG_HOME=$tmp/.config \
	XDG_DATA_HOME=$tmp/.local/share
unset GRIDWORK_CONFIG GRIDWORK_NOW
sql() { sqlite3 -batch -noheader "$db" "$1"; }

check "writers: fixture database built" make_db || finish
start 100 30 || { notok "writers: the TUI starts"; finish; }
key F4
wait_for "│编号" >/dev/null || notok "writers: the TUI shows the tickets screen"

# writer ID: registers and accepts tickets until the time is up.  Each
# acknowledged write is logged as "new NUMBER TITLE" or "accept NUMBER".
writer() {
	local id=$1 end=$(($(date +%s) + SECS)) i=0 n title
	while [ "$(date +%s)" -lt "$end" ]; do
		i=$((i + 1))
		title="并发登记：${id}号窗口第${i}件"
		if n=$("$GW" ticket new --db "$db" --title "$title" --category other --source phone \
			--grid SC-HB-G01 --reporter 李骑手 2>>"$tmp/w$id.err"); then
			echo "new $n $title" >>"$tmp/w$id.log"
		else
			echo "FAILED ticket new (exit $?)" >>"$tmp/w$id.err"
			continue
		fi
		if "$GW" ticket accept "$n" --db "$db" --department 县委社会工作部 >/dev/null 2>>"$tmp/w$id.err"; then
			echo "accept $n" >>"$tmp/w$id.log"
		else
			echo "FAILED ticket accept $n (exit $?)" >>"$tmp/w$id.err"
		fi
	done
}

# The TUI is scrolled while the writers write: it reads while they commit.
browse() {
	local end=$(($(date +%s) + SECS))
	while [ "$(date +%s)" -lt "$end" ]; do
		T send-keys -t gw End
		sleep 0.3
		T send-keys -t gw Home
		sleep 0.3
		screen >>"$tmp/screens"
	done
}

total=0
for procs in 2 4; do
	rm -f "$tmp"/w*.log "$tmp"/w*.err "$tmp/screens"
	before=$(sql "SELECT count(*) FROM ticket")
	for id in $(seq 1 "$procs"); do
		: >"$tmp/w$id.log"
		: >"$tmp/w$id.err"
		writer "$id" &
	done
	browse &
	wait
	cat "$tmp"/w*.log >"$tmp/acked"
	news=$(grep -c '^new ' "$tmp/acked")
	accepts=$(grep -c '^accept ' "$tmp/acked")
	total=$((total + news))
	errs=$(cat "$tmp"/w*.err)
	if [ -z "$errs" ]; then
		ok "writers: $procs processes for ${SECS} s: $news registrations and $accepts acceptances, none failed"
	else
		notok "writers: $procs processes for ${SECS} s: some writes failed"
		printf '%s\n' "$errs" | sort | uniq -c | sort -rn | head -10 | diag
	fi
	check "writers: $procs processes: no 'locked' or 'busy' message on stderr" \
		sh -c '! cat "$1"/w*.err | grep -qiE "locked|busy|正忙|正被其他程序使用"' - "$tmp"
	check "writers: $procs processes: nothing about a lock on the TUI's screen" \
		sh -c '! grep -qiE "locked|busy|正忙|正被其他程序使用|数据库错误" "$1"' - "$tmp/screens"
	check "writers: $procs processes: more than one registration each" test "$news" -gt "$procs"

	# Every acknowledged write is there.
	missing=0
	while read -r what n title; do
		if [ "$what" = new ]; then
			[ "$(sql "SELECT count(*) FROM ticket WHERE number = '$n' AND title = '$title'")" = 1 ] ||
				{ missing=$((missing + 1)); echo "# missing: $n $title"; }
		else
			[ "$(sql "SELECT status FROM ticket WHERE number = '$n'")" = accepted ] ||
				{ missing=$((missing + 1)); echo "# not accepted: $n"; }
		fi
	done <"$tmp/acked"
	check "writers: $procs processes: every acknowledged write is in the database" test "$missing" = 0
	check "writers: $procs processes: as many tickets as acknowledged, no more" \
		test "$(sql "SELECT count(*) FROM ticket")" = "$((before + news))"
	check "writers: $procs processes: every number printed once" \
		test "$(grep '^new ' "$tmp/acked" | cut -d' ' -f2 | sort | uniq -d | wc -l)" = 0
done

check "writers: numbers without gaps" test "$(sql "SELECT count(DISTINCT number)||'|'||max(CAST(substr(number, -6) AS INTEGER)) FROM ticket")" = "$total|$total"
check "writers: every ticket's events: registered and accepted" \
	test "$(sql "SELECT count(*) FROM ticket t WHERE (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.id) <> 2")" = 0

# The TUI, idle on a key, holds no snapshot: the WAL can be truncated.
key Home
ck=$(sqlite3 -batch -noheader "$db" "PRAGMA wal_checkpoint(TRUNCATE)")
check "writers: the WAL checkpoints to empty with the TUI open (it holds no read transaction) [$ck]" \
	test "${ck%%|*}" = 0
check "writers: integrity_check ok" test "$(sql "PRAGMA integrity_check")" = ok
check "writers: foreign_key_check clean" test -z "$(sql "PRAGMA foreign_key_check")"
T send-keys -t gw F10
check "writers: the TUI quits with status 0" test "$(exit_status)" = 0
check "writers: the TUI wrote nothing on stderr" test ! -s "$tmp/err"
finish
