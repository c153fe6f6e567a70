#!/usr/bin/env bash
# t_kill.sh - SIGKILL during `gridwork import` of 100,000 tickets, at
# random points (CRASH_POINTS: 200 in make crash, fewer in make test).
#
# The county is tests/bench/gen.c's at a tenth (1,000 grids, 10,000
# organisations, 2,000 instructors, 20,000 workers, 100,000 tickets),
# generated and imported once into a base database cached in build/crash/.
# One import runs to the end first: its time T sets the range of kill
# points (uniform over 0..1.05 T, so some land before the file is opened
# and some after the commit), and its counts are the "all" state.  Then,
# each point: a copy of the base, the import started, SIGKILL after the
# drawn delay, and
#   - PRAGMA integrity_check says ok, PRAGMA foreign_key_check says nothing;
#   - the tickets, their events, the audit log and the sync change log hold
#     either none of the import (as the base) or all of it - never part;
#   - every 10th point, the same import run again on the killed database
#     completes (the program recovers the file by itself).
# CRASH_SEED fixes the random points (default: new each run, printed).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
GW=${GRIDWORK_BIN:-$ROOT/gridwork}
POINTS=${CRASH_POINTS:-20}
SEED=${CRASH_SEED:-$$}
W=$ROOT/build/crash
mkdir -p "$W"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai HOME=$W XDG_CONFIG_HOME=$W/cfg \
	XDG_DATA_HOME=$W/data-home GRIDWORK_NOW="2026-03-02 09:30:00"
unset GRIDWORK_CONFIG
nfail=0
pass() { echo "ok - $1"; }
fail() {
	nfail=$((nfail + 1))
	echo "not ok - $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | head -20 | sed 's/^/#   /'
}
sql() { sqlite3 -batch -noheader "$1" "$2"; }

# ---- the county, once -------------------------------------------------------------
stamp=$(cksum <tests/bench/gen.c | cut -d' ' -f1)
data=$W/data-$stamp
if [ ! -f "$data/done" ]; then
	rm -rf "$W"/data-*
	mkdir -p "$data"
	cc -std=c11 -O2 -D_GNU_SOURCE -o "$W/gen" tests/bench/gen.c && "$W/gen" "$data" 10 || {
		fail "generate the county"
		exit 1
	}
	touch "$data/done"
fi
base=$W/base.db
# Rebuilt when the program is newer (its schema may have moved on).
if [ ! -f "$base" ] || [ "$GW" -nt "$base" ] || [ "$data/done" -nt "$base" ]; then
	rm -f "$base" "$base-wal" "$base-shm"
	if ! "$GW" init --db "$base.tmp" >/dev/null 2>"$W/init.err" ||
		! "$GW" import --db "$base.tmp" "$data/grids.csv" "$data/orgs.csv" "$data/instructors.csv" \
			"$data/workers.csv" >/dev/null 2>"$W/base.err"; then
		fail "build the base database" "$(cat "$W/init.err" "$W/base.err")"
		rm -f "$base.tmp"*
		exit 1
	fi
	mv "$base.tmp" "$base"
fi
tickets=$data/tickets.csv
rows=$(($(wc -l <"$tickets") - 1))

# What the import touches, as one line.
state() {
	sql "$1" "SELECT (SELECT count(*) FROM ticket)||' '||(SELECT count(*) FROM ticket_event)||' '||
		(SELECT count(*) FROM audit)||' '||(SELECT count(*) FROM change_log)"
}
fresh() {
	rm -f "$W/work.db" "$W/work.db-wal" "$W/work.db-shm"
	cp "$base" "$W/work.db"
}
now_ms() { date +%s%3N; }

# ---- one import to the end: the time range and the "all" state -----------------
none=$(state "$base")
fresh
t0=$(now_ms)
"$GW" import --db "$W/work.db" "$tickets" >/dev/null 2>"$W/import.err"
rc=$?
t1=$(now_ms)
full_ms=$((t1 - t0))
all=$(state "$W/work.db")
if [ "$rc" -eq 0 ] && [ "${all%% *}" = "$rows" ]; then
	pass "a whole import of $rows tickets takes ${full_ms} ms (state: $all; before: $none)"
else
	fail "a whole import of $rows tickets" "exit $rc, state $all: $(cat "$W/import.err")"
	exit 1
fi

# ---- the kills -----------------------------------------------------------------------
RANDOM=$SEED
echo "# $POINTS kill points over 0..$((full_ms * 105 / 100)) ms, CRASH_SEED=$SEED"
killed_none=0 killed_all=0 bad=0
for i in $(seq 1 "$POINTS"); do
	delay=$(((RANDOM * 32768 + RANDOM) % (full_ms * 105 / 100 + 1)))
	fresh
	"$GW" import --db "$W/work.db" "$tickets" >/dev/null 2>"$W/kill.err" &
	pid=$!
	sleep "$(awk -v d="$delay" 'BEGIN {printf "%.3f", d / 1000}')"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	what="point $i at ${delay} ms"
	ic=$(sql "$W/work.db" "PRAGMA integrity_check" 2>&1)
	fk=$(sql "$W/work.db" "PRAGMA foreign_key_check" 2>&1)
	st=$(state "$W/work.db" 2>&1)
	problems=""
	[ "$ic" = ok ] || problems="integrity_check: $ic"
	[ -z "$fk" ] || problems="$problems foreign_key_check: $fk"
	if [ "$st" = "$none" ]; then
		killed_none=$((killed_none + 1))
	elif [ "$st" = "$all" ]; then
		killed_all=$((killed_all + 1))
	else
		problems="$problems part of the import: $st (none: $none, all: $all)"
	fi
	if [ -n "$problems" ]; then
		bad=$((bad + 1))
		fail "$what: the database is whole and holds none or all of the import" "$problems"
		cp "$W/work.db" "$W/failed-$i.db" 2>/dev/null
		continue
	fi
	# Now and then, the clerk simply runs the import again.
	if [ $((i % 10)) -eq 1 ] && [ "$st" = "$none" ]; then
		if "$GW" import --db "$W/work.db" "$tickets" >/dev/null 2>"$W/again.err" &&
			[ "$(state "$W/work.db")" = "$all" ]; then
			pass "$what: the import run again after the kill completes"
		else
			fail "$what: the import run again after the kill completes" "$(cat "$W/again.err")"
		fi
	fi
done
if [ "$bad" -eq 0 ]; then
	pass "$POINTS kills: integrity_check and foreign_key_check clean, none of the import $killed_none times, all of it $killed_all times"
fi
rm -f "$W/work.db" "$W/work.db-wal" "$W/work.db-shm"
[ "$nfail" -eq 0 ]
