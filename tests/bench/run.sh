#!/usr/bin/env bash
# run.sh - the quick-lookup benchmark (make bench; not part of make test).
#
# Builds a county far larger than Shucheng once (tests/bench/gen.c: 1,000
# grids, 100,000 organisations, 20,000 instructors, 200,000 workers,
# 1,000,000 tickets) and caches the files and a database of everything but
# the tickets under build/bench/.  Then, each time:
#   - imports the million tickets with `gridwork import`, with the index and
#     without it (the index told the tickets are indexed already), in turns;
#   - times in-process look-ups (search_find) of 1- and 2-character
#     fragments, pinyin initials and a phone's last four digits;
#   - races the whole `gridwork find` process against the sqlite3 shell
#     answering the same phone number from its UNIQUE index;
#   - compares a 2-character fragment over the tickets with a LIKE scan;
#   - reports the database size with and without the index.
# Every time is the median of several runs.  Environment: BENCH_RUNS
# (look-ups, default 21), BENCH_IMPORT_RUNS (imports per variant, default
# 2), GRIDWORK_BIN (default ./gridwork), BENCH_DIVISOR (divides every count
# but the grids', to try the script quickly; default 1).
set -eu
cd "$(dirname "$0")/../.."
B=build/bench
GW=${GRIDWORK_BIN:-./gridwork}
RUNS=${BENCH_RUNS:-21}
IRUNS=${BENCH_IMPORT_RUNS:-2}
mkdir -p "$B"
DIV=${BENCH_DIVISOR:-1}  # > 1 only to try the script quickly
export LANG=C.UTF-8 LC_ALL=C.UTF-8

flags="-std=c11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I. -Icore -Idb"
libs="$(pkg-config --libs sqlite3 libconfig) -lm"
cc $flags -o "$B/gen" tests/bench/gen.c
# shellcheck disable=SC2086
cc $flags -o "$B/bench" tests/bench/bench.c build/libgridwork.a $libs

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f\n", b - a}'; }
calc() { awk "BEGIN {print $1}"; }
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

# ---- data, once ---------------------------------------------------------------
stamp=$(cksum <tests/bench/gen.c | cut -d' ' -f1)-$DIV
data=$B/data-$stamp
if [ ! -f "$data/done" ]; then
	rm -rf "$B"/data-*-"$DIV" "$B"/base-*-"$DIV"-*.db
	mkdir -p "$data"
	echo "bench: generating the county (once) in $data"
	"$B/gen" "$data" "$DIV"
	touch "$data/done"
fi
# The database of everything but the tickets, for this schema.
base=$B/base-$stamp-$(cat db/schema*.c | cksum | cut -d' ' -f1).db
if [ ! -f "$base" ] || ! "$GW" find --db "$base" 张 >/dev/null 2>&1; then
	rm -f "$B"/base-*-"$DIV"-*.db*
	echo "bench: importing everything but the tickets (once)"
	rm -f "$base" "$base-wal" "$base-shm"
	"$GW" init --db "$base" >/dev/null
	"$GW" import --db "$base" "$data/grids.csv" "$data/orgs.csv" "$data/instructors.csv" \
		"$data/workers.csv" "$data/stations.csv" >/dev/null 2>"$B/import.err" ||
		{ cat "$B/import.err"; exit 1; }
	"$GW" find --db "$base" 张 >/dev/null  # indexes what the import left, if anything
fi

# ---- the million-ticket import, with and without the index -------------------------
# "With" includes the first search after it, which indexes anything the
# import left for later: the cost is counted wherever it is paid.  Each run
# gives wall-clock and CPU (user + system) seconds; the CPU time is the one
# to compare on a shared machine, where other work stretches wall time.
import_once() {   # DB -> "wall cpu"
	local TIMEFORMAT='%R %U %S' t
	t=$( { time { "$GW" import --db "$1" "$data/tickets.csv" >/dev/null 2>"$B/import.err" &&
		"$GW" find --db "$1" 张 >/dev/null; }; } 2>&1) || { cat "$B/import.err" >&2; return 1; }
	echo "$t" | awk '{printf "%.2f %.2f\n", $1, $2 + $3}'
}
: >"$B/with.txt"
: >"$B/without.txt"
for r in $(seq "$IRUNS"); do
	echo "bench: importing $((1000000 / DIV)) tickets, run $r of $IRUNS (with and without the index)"
	rm -f "$B/without.db"*
	cp "$base" "$B/without.db"
	# Without the index: the flush takes records above the last indexed
	# rowid as new; say every ticket rowid is indexed already (search_last
	# holds "rowid:id" per kind, tickets fourth), and it leaves them alone.
	last=$(sqlite3 "$B/without.db" "SELECT value FROM meta WHERE key = 'search_last'" |
		awk '{$4 = "9000000000000000000:"; print}')
	sqlite3 "$B/without.db" "UPDATE meta SET value = '$last' WHERE key = 'search_last'"
	import_once "$B/without.db" >>"$B/without.txt"
	rm -f "$B/county.db"*
	cp "$base" "$B/county.db"
	import_once "$B/county.db" >>"$B/with.txt"
done
rm -f "$B/without.db"*
with=$(cut -d' ' -f1 "$B/with.txt" | median)
without=$(cut -d' ' -f1 "$B/without.txt" | median)
withcpu=$(cut -d' ' -f2 "$B/with.txt" | median)
withoutcpu=$(cut -d' ' -f2 "$B/without.txt" | median)
slow=$(calc "sprintf(\"%.1f\", 100 * ($with - $without) / $without)")
slowcpu=$(calc "sprintf(\"%.1f\", 100 * ($withcpu - $withoutcpu) / $withoutcpu)")

db=$B/county.db
phone=$("$B/bench" sample "$db")
tail4=${phone:7:4}

# ---- look-ups -----------------------------------------------------------------------
echo "bench: look-ups (median of $RUNS)"
"$B/bench" lookup "$db" "$RUNS" 伟 张 张伟 精密 问题 zw zwm z "$tail4" "$phone" 精密仪器 >"$B/lookup.txt"
race=$("$B/bench" race "$RUNS" -- "$GW" find --db "$db" "$phone" -- \
	sqlite3 "$db" "SELECT name, phone FROM instructor WHERE phone = '$phone'")
gwms=${race%%$'\t'*}
shms=${race##*$'\t'}
"$B/bench" like "$db" 5 问题 拖欠 张伟 伟 >"$B/like.txt"

# ---- sizes --------------------------------------------------------------------------
read -r total idx <<<"$(sqlite3 "$db" "SELECT sum(pgsize), sum(CASE WHEN name LIKE 'search%'
	THEN pgsize ELSE 0 END) FROM dbstat" | tr '|' ' ')"

# ---- report -------------------------------------------------------------------------
mib() { calc "sprintf(\"%.1f\", $1 / 1048576)"; }
verdict() { if [ "$(calc "($1) ? 1 : 0")" = 1 ]; then echo ok; else echo MISSED; fi; }
{
	echo "Quick lookup benchmark - $(date '+%Y-%m-%d %H:%M'), $(nproc) CPUs, SQLite $(sqlite3 --version | cut -d' ' -f1)"
	echo "county: 1000 grids, $((100000 / DIV)) orgs, $((20000 / DIV)) instructors, $((200000 / DIV)) workers, $((1000000 / DIV)) tickets"
	echo
	echo "In-process search_find, every kind, 10 per kind (median ms; target < 5 ms):"
	while IFS=$'\t' read -r q ms n; do
		printf '  %8s ms %4s hits  %-6s %s\n' "$ms" "$n" "$(verdict "$ms < 5")" "$q"
	done <"$B/lookup.txt"
	echo
	echo "Whole process, exact phone look-up (median ms):"
	printf '  gridwork find %8s ms\n  sqlite3 shell %8s ms\n  ratio %s (target <= 1.5)  %s\n' "$gwms" "$shms" \
		"$(calc "sprintf(\"%.2f\", $gwms / $shms)")" "$(verdict "$gwms <= 1.5 * $shms")"
	echo
	echo "Fragments over the $((1000000 / DIV)) tickets (median ms; target >= 20x a LIKE scan):"
	echo "  first 10 (hits)    LIKE scan (hits)   speedup       every hit shown (hits)   query"
	while IFS=$'\t' read -r q a na b nb c nc; do
		printf '  %8s (%5s)  %9s (%6s) %6sx %-6s %9s (%6s)     %s\n' "$a" "$na" "$c" "$nc" \
			"$(calc "int($c / $a)")" "$(verdict "$c >= 20 * $a")" "$b" "$nb" "$q"
	done <"$B/like.txt"
	echo
	echo "Importing $((1000000 / DIV)) tickets with gridwork import (median of $IRUNS; target <= 30% slower):"
	runs() { awk '{printf "%s%s/%s", (NR > 1 ? ", " : ""), $1, $2}' "$1"; }
	printf '                     wall s   CPU s   (each run: wall/CPU)\n'
	printf '  without the index %8s %7s   (%s)\n' "$without" "$withoutcpu" "$(runs "$B/without.txt")"
	printf '  with the index    %8s %7s   (%s)\n' "$with" "$withcpu" "$(runs "$B/with.txt")"
	printf '  slowdown %s%% of CPU time  %s   (wall clock: %s%%)\n' "$slowcpu" \
		"$(verdict "$slowcpu <= 30")" "$slow"
	echo
	echo "Database size:"
	printf '  with the index    %8s MiB\n  without the index %8s MiB (the index: %s MiB)\n' \
		"$(mib "$total")" "$(mib "$((total - idx))")" "$(mib "$idx")"
} | tee "$B/results.txt"

# ---- against the peers (sqlite3 shell, VisiData, Taskwarrior): docs/BENCHMARKS.md ----
BENCH_DATA=$data BENCH_BASE=$base BENCH_COUNTY=$db GRIDWORK_BIN=$GW tests/bench/peers.sh
