#!/usr/bin/env bash
# import_bench.sh - how fast `gridwork import` takes tickets.csv, against the
# sqlite3 shell's .import of the same file (issue 2: no less than half its
# rate, with validation and indexes, memory flat whatever the file's size).
# Not part of make test; run it by hand:
#
#   tests/bench/import_bench.sh
#
# Uses the county of tests/bench/gen.c (built once and cached under
# build/bench/ with the database of everything but the tickets, as
# tests/bench/run.sh does) and, for each size, prints the median of a few
# runs: wall and CPU seconds, rows a second, and peak memory (the RSS
# /usr/bin/time reports), for
#   - the sqlite3 shell's .import into a table of 14 text columns;
#   - gridwork import (validation, look-ups, indexes, events, audit,
#     change capture for office exchange, the search index at commit);
#   - the same without the search index (the index told that the tickets are
#     indexed already, as run.sh does).
# Peak memory that stays level as the size doubles is what "memory does not
# grow with the file" means.  Environment: BENCH_IMPORT_SIZES (default
# "250000 500000 1000000"), BENCH_IMPORT_RUNS (default 1), GRIDWORK_BIN
# (default ./gridwork), BENCH_DIVISOR (as in run.sh; 1 = a million tickets).
set -eu
cd "$(dirname "$0")/../.."
B=build/bench
GW=${GRIDWORK_BIN:-./gridwork}
RUNS=${BENCH_IMPORT_RUNS:-1}
SIZES=${BENCH_IMPORT_SIZES:-"250000 500000 1000000"}
DIV=${BENCH_DIVISOR:-1}
export LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$B"
[ -x /usr/bin/time ] || { echo "import_bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[ -x "$GW" ] || { echo "import_bench: build the program first (make)" >&2; exit 1; }

# ---- data and the database without tickets, once (shared with run.sh) ----
flags="-std=c11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE"
cc $flags -o "$B/gen" tests/bench/gen.c
stamp=$(cksum <tests/bench/gen.c | cut -d' ' -f1)-$DIV
data=$B/data-$stamp
if [ ! -f "$data/done" ]; then
	rm -rf "$B"/data-* "$B"/base-*.db
	mkdir -p "$data"
	echo "import_bench: generating the county (once) in $data"
	"$B/gen" "$data" "$DIV"
	touch "$data/done"
fi
base=$B/base-$stamp-$(cat db/schema*.c | cksum | cut -d' ' -f1).db
if [ ! -f "$base" ] || ! "$GW" find --db "$base" 张 >/dev/null 2>&1; then
	rm -f "$B"/base-*.db*
	echo "import_bench: importing everything but the tickets (once)"
	"$GW" init --db "$base" >/dev/null
	"$GW" import --db "$base" "$data/grids.csv" "$data/orgs.csv" "$data/instructors.csv" \
		"$data/workers.csv" "$data/stations.csv" >/dev/null 2>"$B/import.err" ||
		{ cat "$B/import.err"; exit 1; }
	"$GW" find --db "$base" 张 >/dev/null
fi
total=$(($(wc -l <"$data/tickets.csv") - 1))

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
# runs COMMAND... under /usr/bin/time; appends "wall cpu rss_kib" to $out.
timed() {
	/usr/bin/time -f "%e %U %S %M" -o "$B/time.out" "$@" >/dev/null 2>"$B/run.err" ||
		{ cat "$B/run.err" >&2; return 1; }
	awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$B/time.out" >>"$out"
}
fresh() {   # DB: a copy of the base
	rm -f "$1" "$1-wal" "$1-shm"
	cp "$base" "$1"
}
report() {   # LABEL ROWS
	local w c m
	w=$(awk '{print $1}' "$out" | median)
	c=$(awk '{print $2}' "$out" | median)
	m=$(awk '{print $3}' "$out" | median)
	printf '  %-28s %8s s wall %8s s CPU %9s rows/s wall %9s rows/s CPU %6s MiB peak\n' "$1" "$w" "$c" \
		"$(awk -v n="$2" -v t="$w" 'BEGIN {printf "%d", n / t}')" \
		"$(awk -v n="$2" -v t="$c" 'BEGIN {printf "%d", n / t}')" \
		"$(awk -v k="$m" 'BEGIN {printf "%.0f", k / 1024}')"
}

echo "Import benchmark - $(date '+%Y-%m-%d %H:%M'), $(nproc) CPUs, SQLite $(sqlite3 --version | cut -d' ' -f1), median of $RUNS"
for n in $SIZES; do
	[ "$n" -le "$total" ] || continue
	csv=$B/tickets-$n.csv
	[ -f "$csv" ] || head -n $((n + 1)) "$data/tickets.csv" >"$csv"
	echo "$n tickets ($(du -m "$csv" | cut -f1) MiB):"
	out=$B/shell.txt
	: >"$out"
	for _ in $(seq "$RUNS"); do
		rm -f "$B/shell.db"
		timed sqlite3 "$B/shell.db" "CREATE TABLE t(number, title, description, category, source,
			grid_code, org_code, reporter, reporter_phone, department, instructor_phone, status,
			created_at, resolved_at)" ".import --csv --skip 1 $csv t"
	done
	report "sqlite3 shell .import" "$n"
	out=$B/gw.txt
	: >"$out"
	for _ in $(seq "$RUNS"); do
		fresh "$B/imp.db"
		timed "$GW" import --db "$B/imp.db" "$csv"
	done
	report "gridwork import" "$n"
	out=$B/gw-noindex.txt
	: >"$out"
	for _ in $(seq "$RUNS"); do
		fresh "$B/imp.db"
		last=$(sqlite3 "$B/imp.db" "SELECT value FROM meta WHERE key = 'search_last'" |
			awk '{$4 = "9000000000000000000:"; print}')
		sqlite3 "$B/imp.db" "UPDATE meta SET value = '$last' WHERE key = 'search_last'"
		timed "$GW" import --db "$B/imp.db" "$csv"
	done
	report "  without the search index" "$n"
done
rm -f "$B/shell.db" "$B/imp.db" "$B/imp.db-wal" "$B/imp.db-shm"
