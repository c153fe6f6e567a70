#!/usr/bin/env bash
# peers.sh - gridwork against what a clerk would otherwise use (make bench,
# after tests/bench/run.sh; results in docs/BENCHMARKS.md).  Side by side,
# on the generated county of run.sh (1,000,000 tickets):
#   1. importing the tickets CSV: `gridwork import` against the sqlite3
#      shell's `.import` of the same file into an empty database;
#   2. look-ups as whole processes: gridwork against the sqlite3 shell
#      answering the same question (ticket number, credit code, phone, a
#      two-character name fragment);
#   3. opening the database and showing the first screen: gridwork (until
#      its first frame is drawn) against VisiData (until its list of
#      tables with their row counts is complete: VisiData 2.11 reads every
#      table whole to list it, the tickets included, so that is also its
#      loading of the tickets);
#   4. 100,000 tickets in gridwork against the same tickets as Taskwarrior
#      tasks (project = grid, tag = category): counting one category,
#      listing one grid.
# Medians of several runs, ratios, peak resident memory (/usr/bin/time
# -v's "Maximum resident set size"), and the machine.  VisiData and
# Taskwarrior are installed here (Debian's visidata, taskwarrior) when
# missing and run as root; otherwise their parts are skipped.
#
# Environment (set by run.sh): BENCH_DATA (the CSV directory), BENCH_BASE
# (everything but the tickets), BENCH_COUNTY (with the tickets),
# GRIDWORK_BIN; PEERS_RUNS (default 5); PEERS_GW_IMPORT=1 also imports
# the million tickets once more, for gridwork's memory at that size
# (about 100 s; run.sh's median time is used for the time).
set -eu
cd "$(dirname "$0")/../.."
B=build/bench
GW=${GRIDWORK_BIN:-./gridwork}
RUNS=${PEERS_RUNS:-5}
P=$B/peers
mkdir -p "$P"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai
data=${BENCH_DATA:-$(ls -td "$B"/data-* 2>/dev/null | head -1)}
base=${BENCH_BASE:-$(ls -t "$B"/base-*.db 2>/dev/null | head -1)}
county=${BENCH_COUNTY:-$B/county.db}
for f in "$data/tickets.csv" "$base" "$county"; do
	[ -e "$f" ] || { echo "peers: $f is missing: run tests/bench/run.sh first"; exit 1; }
done
cc -std=c11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -o "$P/peers_tool" tests/bench/peers_tool.c
[ -x /usr/bin/time ] || { echo "peers: /usr/bin/time is missing (Debian package time)"; exit 1; }

median() { sort -n | awk '{v[NR]=$1} END {if (NR == 0) print "-"; else print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
calc() { awk "BEGIN {print $1}"; }
mib() { calc "sprintf(\"%.1f\", $1 / 1024)"; }   # from KiB
# measure RUNS CMD...: "median_ms peak_rss_kib" of CMD run RUNS times.
measure() {
	local runs=$1
	shift
	"$P/peers_tool" run "$runs" -- "$@" || { echo "peers: failed: $*" >&2; return 1; }
}

# ---- the peers --------------------------------------------------------------------
have_vd=0 have_task=0
if ! command -v vd >/dev/null || ! command -v task >/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		echo "peers: installing visidata and taskwarrior (Debian packages)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq visidata taskwarrior >/dev/null 2>&1 || true
	else
		echo "peers: visidata or taskwarrior missing; run as root to install them (their parts are skipped)"
	fi
fi
command -v vd >/dev/null && have_vd=1
command -v task >/dev/null && have_task=1

# ---- the machine --------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
os=$(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release)
load=$(cut -d' ' -f1-3 /proc/loadavg)
tickets_n=$(($(wc -l <"$data/tickets.csv") - 1))

# ---- 1. import ---------------------------------------------------------------------------
echo "peers: import of $tickets_n tickets: sqlite3 .import (x3)"
: >"$P/sh_import.txt"
for r in 1 2 3; do
	rm -f "$P/shell.db"
	measure 1 sqlite3 "$P/shell.db" ".import --csv $data/tickets.csv ticket" >>"$P/sh_import.txt"
done
rm -f "$P/shell.db"
sh_imp=$(awk '{print $1 / 1000}' "$P/sh_import.txt" | median)
sh_imp_rss=$(awk '{print $2}' "$P/sh_import.txt" | sort -n | tail -1)
gw_imp=-
[ -s "$B/with.txt" ] && gw_imp=$(awk '{print $1}' "$B/with.txt" | median)
gw_imp_rss=-
if [ "${PEERS_GW_IMPORT:-0}" = 1 ]; then
	echo "peers: import of $tickets_n tickets: gridwork import (x1, for its memory)"
	rm -f "$P/gw.db"*
	cp "$base" "$P/gw.db"
	read -r t gw_imp_rss <<<"$(measure 1 "$GW" import --db "$P/gw.db" "$data/tickets.csv")"
	rm -f "$P/gw.db"*
	[ "$gw_imp" = - ] && gw_imp=$(calc "$t / 1000")
fi

# ---- 2. look-ups ----------------------------------------------------------------------------
echo "peers: look-ups as whole processes (median of $((RUNS * 4 + 1)))"
flags="-std=c11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I. -Icore -Idb"
[ -x "$B/bench" ] || cc $flags -o "$B/bench" tests/bench/bench.c build/libgridwork.a \
	$(pkg-config --libs sqlite3 libconfig) -lm
q() { sqlite3 -batch -noheader "$county" "$1"; }
# Records from the middle of each table.
mid() { q "SELECT $1 FROM $2 ORDER BY rowid LIMIT 1 OFFSET (SELECT count(*) / 2 FROM $2)"; }
number=$(mid number ticket)
credit=$(mid credit_code org)
phone=$(mid phone instructor)
frag=精密
lruns=$((RUNS * 4 + 1))
: >"$P/lookups.txt"
race() {   # LABEL -- GW... -- SHELL...
	local label=$1
	shift
	printf '%s\t%s\n' "$label" "$("$B/bench" race "$lruns" "$@")" >>"$P/lookups.txt"
}
race "ticket by number ($number)" -- "$GW" ticket show "$number" --db "$county" -- \
	sqlite3 "$county" "SELECT * FROM ticket WHERE number = '$number'"
race "organisation by credit code" -- "$GW" find --db "$county" "$credit" -- \
	sqlite3 "$county" "SELECT name, credit_code FROM org WHERE credit_code = '$credit'"
race "instructor by phone" -- "$GW" find --db "$county" "$phone" -- \
	sqlite3 "$county" "SELECT name, phone FROM instructor WHERE phone = '$phone'"
race "organisations named *${frag}* (first 10)" -- "$GW" find --db "$county" --kind org --limit 10 "$frag" -- \
	sqlite3 "$county" "SELECT name, credit_code FROM org WHERE name LIKE '%$frag%' LIMIT 10"

# ---- 3. first screen --------------------------------------------------------------------------
SOCK=gwpeers$$
T() { tmux -L "$SOCK" -f tests/tui/tmux.conf "$@"; }
trap 'T kill-server >/dev/null 2>&1 || true' EXIT
envs="env -i PATH=$PATH TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai HOME=$PWD/$P/home"
mkdir -p "$P/home"
T new-session -d -s idle -x 100 -y 30 "sleep 100000"    # the server, started once
total_tickets=$(q "SELECT count(*) FROM ticket")
echo "peers: gridwork first screen on the county of $total_tickets tickets (x$((RUNS * 2 + 1)))"
: >"$P/gw_first.txt"
for r in $(seq $((RUNS * 2 + 1))); do
	rm -f "$P/trace"
	T kill-session -t gw >/dev/null 2>&1 || true
	"$P/peers_tool" waitfile "$P/trace" 20000 -- tmux -L "$SOCK" -f tests/tui/tmux.conf \
		new-session -d -s gw -x 100 -y 30 "$envs GRIDWORK_TRACE=$PWD/$P/trace $GW --db $county" \
		>>"$P/gw_first.txt" || echo "peers: gridwork drew no first screen" >&2
	T send-keys -t gw F10
	sleep 0.3
done
gw_first=$(median <"$P/gw_first.txt")
rm -f "$P/trace" "$P/gw_rss"
T kill-session -t gw >/dev/null 2>&1 || true
T new-session -d -s gw -x 100 -y 30 \
	"$envs GRIDWORK_TRACE=$PWD/$P/trace /usr/bin/time -f %M -o $PWD/$P/gw_rss $GW --db $county"
for i in $(seq 200); do [ -s "$P/trace" ] && break; sleep 0.05; done
T send-keys -t gw F10
for i in $(seq 100); do [ -s "$P/gw_rss" ] && break; sleep 0.05; done
gw_first_rss=$(cat "$P/gw_rss" 2>/dev/null || echo -)

vd_open=- vd_shown=- vd_rss=-
shows() { T capture-pane -p -t vd | grep -qE -- "$1"; }
wait_screen() {   # REGEX TIMEOUT_S: seconds until it shows, from $t0
	local end=$((${EPOCHREALTIME%.*} + $2))
	while ! shows "$1"; do
		[ "${EPOCHREALTIME%.*}" -ge "$end" ] && return 1
		sleep 0.05
	done
	calc "sprintf(\"%.2f\", $EPOCHREALTIME - $t0)"
}
# wait_idle PID: seconds from $t0 to the last moment PID used CPU, once it
# has been idle for a second.
wait_idle() {
	local last cpu t=$EPOCHREALTIME idle=0
	last=$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null) || return 1
	while [ "$idle" -lt 4 ]; do
		sleep 0.25
		cpu=$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null) || return 1
		if [ "$cpu" = "$last" ]; then idle=$((idle + 1)); else idle=0 t=$EPOCHREALTIME last=$cpu; fi
	done
	calc "sprintf(\"%.2f\", $t - $t0)"
}
if [ "$have_vd" = 1 ]; then
	vruns=${PEERS_VD_RUNS:-3}
	echo "peers: VisiData opening the same database (x$vruns)"
	: >"$P/vd_open.txt"
	: >"$P/vd_shown.txt"
	for r in $(seq $vruns); do
		T kill-session -t vd >/dev/null 2>&1 || true
		rm -f "$P/vd_rss"
		t0=$EPOCHREALTIME
		T new-session -d -s vd -x 120 -y 50 \
			"$envs /usr/bin/time -f %M -o $PWD/$P/vd_rss vd $county"
		# The list of tables shows the tickets' row count once they are
		# read; VisiData reads every table whole while it lists them, so
		# the open is over when it stops using the CPU.
		if wait_screen "ticket +║ +$total_tickets " 300 >>"$P/vd_shown.txt"; then
			vpid=$(pgrep -n -f "^[^ ]*python[^ ]* [^ ]*vd $county" || pgrep -n -f "vd $county")
			wait_idle "$vpid" >>"$P/vd_open.txt" || true
		else
			echo "peers: VisiData did not list the tables (screen in $P/vd-fail.txt)" >&2
			T capture-pane -p -t vd >"$P/vd-fail.txt"
		fi
		T send-keys -t vd g q
		for i in $(seq 200); do [ -s "$P/vd_rss" ] && break; sleep 0.1; done
	done
	vd_open=$(median <"$P/vd_open.txt")
	vd_shown=$(median <"$P/vd_shown.txt")
	vd_rss=$(cat "$P/vd_rss" 2>/dev/null || echo -)
fi

# ---- 4. 100,000 tickets: gridwork against Taskwarrior ---------------------------------------
tw_count=- tw_list=- tw_rss=- gw_count=- gw_list=- gw_count_rss=- gw_list_rss=- n100=-
small=$P/tickets-100k.db
stamp=$(cksum <"$base" | cut -d' ' -f1)-$(cksum <"$data/tickets.csv" | cut -d' ' -f1)
[ -f "$P/small-$stamp" ] || rm -rf "$P"/small-* "$P/task"   # Taskwarrior's copy is of other tickets
echo "peers: 100,000 tickets into a copy of the county without tickets: gridwork import and sqlite3 .import"
head -n 100001 "$data/tickets.csv" >"$P/tickets-100k.csv"
rm -f "$small"*
cp "$base" "$small"
read -r gw100_imp gw100_imp_rss <<<"$(measure 1 "$GW" import --db "$small" "$P/tickets-100k.csv")"
rm -f "$P/shell.db"
read -r sh100_imp sh100_imp_rss <<<"$(measure 1 sqlite3 "$P/shell.db" ".import --csv $P/tickets-100k.csv ticket")"
rm -f "$P/shell.db"
touch "$P/small-$stamp"
n100=$(sqlite3 "$small" "SELECT count(*) FROM ticket")
category=$(sqlite3 "$small" "SELECT category FROM ticket GROUP BY category ORDER BY count(*) DESC LIMIT 1")
grid=$(sqlite3 "$small" "SELECT g.code FROM ticket t JOIN grid g ON g.id = t.grid_id GROUP BY g.code ORDER BY count(*) DESC LIMIT 1")
gw_cat_n=$(sqlite3 "$small" "SELECT count(*) FROM ticket WHERE category = '$category' AND deleted = 0")
gw_grid_n=$(sqlite3 "$small" "SELECT count(*) FROM ticket t JOIN grid g ON g.id = t.grid_id WHERE g.code = '$grid' AND t.deleted = 0")
echo "peers: counting '$category' ($gw_cat_n) and listing grid $grid ($gw_grid_n) of $n100 tickets (x$((RUNS * 2 + 1)))"
read -r gw_count gw_count_rss <<<"$(measure $((RUNS * 2 + 1)) "$GW" ticket count --category "$category" --db "$small")"
read -r gw_list gw_list_rss <<<"$(measure $((RUNS * 2 + 1)) "$GW" ticket list --grid "$grid" --limit 0 --db "$small")"
gw_json_n=$("$GW" ticket count --category "$category" --db "$small")
gw_list_n=$("$GW" ticket list --grid "$grid" --limit 0 --db "$small" | grep -c -- "$grid" || true)

if [ "$have_task" = 1 ]; then
	export TASKDATA=$PWD/$P/task TASKRC=$PWD/$P/taskrc
	printf 'data.location=%s\nconfirmation=off\nverbose=nothing\ncolor=off\nhooks=off\nrecurrence=off\ngc=off\n' \
		"$TASKDATA" >"$TASKRC"
	if [ ! -s "$TASKDATA/pending.data" ]; then
		echo "peers: the same $n100 tickets as Taskwarrior tasks (once)"
		mkdir -p "$TASKDATA"
		sqlite3 -batch -noheader "$small" "SELECT json_object('description', t.title, 'project', g.code,
			'tags', json_array(t.category), 'status', 'pending',
			'entry', strftime('%Y%m%dT%H%M%SZ', t.created_at, '-8 hours'))
			FROM ticket t JOIN grid g ON g.id = t.grid_id WHERE t.deleted = 0" >"$P/tasks.json"
		task import "$P/tasks.json" >/dev/null
	fi
	read -r tw_count tw_count_rss <<<"$(measure $((RUNS * 2 + 1)) task "+$category" count)"
	read -r tw_list tw_list_rss <<<"$(measure $((RUNS * 2 + 1)) task "project:$grid" list)"
	tw_rss=$((tw_count_rss > tw_list_rss ? tw_count_rss : tw_list_rss))
	tw_cat_n=$(task "+$category" count)
	tw_list_n=$(task "project:$grid" list | grep -c . || true)
fi

# ---- report -----------------------------------------------------------------------------------
verdict() { if awk "BEGIN {exit !($1)}"; then echo met; else echo MISSED; fi; }
ratio() { if [ "$1" = - ] || [ "$2" = - ]; then echo -; else calc "sprintf(\"%.2f\", $1 / $2)"; fi; }
ms() { if [ "$1" = - ]; then echo -; else calc "sprintf(\"%.0f\", $1 * 1000)"; fi; }
m() { if [ "$1" = - ]; then echo -; else mib "$1"; fi; }
rate() { if [ "$2" = - ]; then echo -; else calc "sprintf(\"%.0f\", $1 / $2)"; fi; }
out=$P/peers.md
{
	echo "### Against the peers - $(date '+%Y-%m-%d %H:%M')"
	echo
	echo "Machine: $cpu, $(nproc) CPUs, $mem RAM; $os, kernel $(uname -r); SQLite $(sqlite3 --version | cut -d' ' -f1)."
	echo "Load average before the peers ran: $load (other work on the machine makes every time worse)."
	[ "$have_vd" = 1 ] && echo "VisiData $(vd --version 2>/dev/null | sed 's/.*v//'), Taskwarrior $(task --version 2>/dev/null)."
	echo
	echo "| What | gridwork | peer | ratio (gridwork/peer) | goal |"
	echo "|---|---|---|---|---|"
	echo "| import $tickets_n tickets (s, median) | $gw_imp | sqlite3 .import $sh_imp | $(ratio "$gw_imp" "$sh_imp") | ≤ 2 (half the shell's rate): $( [ "$gw_imp" = - ] && echo - || verdict "$gw_imp <= 2 * $sh_imp") |"
	echo "| import rate (rows/s) | $(rate "$tickets_n" "$gw_imp") | $(rate "$tickets_n" "$sh_imp") | | |"
	echo "| import peak memory (MiB) | $(m "$gw_imp_rss") | $(m "$sh_imp_rss") | | < 32: $( [ "$gw_imp_rss" = - ] && echo - || verdict "$gw_imp_rss < 32768") |"
	echo "| import 100,000 tickets (s) | $(calc "sprintf(\"%.2f\", $gw100_imp / 1000)") | sqlite3 .import $(calc "sprintf(\"%.2f\", $sh100_imp / 1000)") | $(ratio "$gw100_imp" "$sh100_imp") | ≤ 2: $(verdict "$gw100_imp <= 2 * $sh100_imp") |"
	echo "| ... peak memory (MiB) | $(m "$gw100_imp_rss") | $(m "$sh100_imp_rss") | | < 32: $(verdict "$gw100_imp_rss < 32768") |"
	while IFS=$'\t' read -r label a b; do
		echo "| $label (ms, whole process) | $a | sqlite3 $b | $(ratio "$a" "$b") | |"
	done <"$P/lookups.txt"
	echo "| open + first screen, $total_tickets tickets (ms) | $gw_first | VisiData $(ms "$vd_open") (tickets counted at $(ms "$vd_shown")) | $(ratio "$gw_first" "$(ms "$vd_open")") | < 50: $(verdict "$gw_first < 50") |"
	echo "| ... peak memory (MiB) | $(m "$gw_first_rss") | VisiData $(m "$vd_rss") | | < 32: $( [ "$gw_first_rss" = - ] && echo - || verdict "$gw_first_rss < 32768") |"
	echo "| count one category of $n100 ('$category': gridwork $gw_json_n, Taskwarrior ${tw_cat_n:--}) (ms) | $gw_count | task count $tw_count | $(ratio "$gw_count" "$tw_count") | ≤ 0.02 (50x): $( [ "$tw_count" = - ] && echo - || verdict "$gw_count * 50 <= $tw_count") |"
	echo "| list one grid ($grid: gridwork $gw_list_n lines, Taskwarrior ${tw_list_n:--}) (ms) | $gw_list | task list $tw_list | $(ratio "$gw_list" "$tw_list") | ≤ 0.02 (50x): $( [ "$tw_list" = - ] && echo - || verdict "$gw_list * 50 <= $tw_list") |"
	echo "| ... peak memory (MiB) | $(m "$gw_count_rss") / $(m "$gw_list_rss") | Taskwarrior $(m "$tw_rss") | | < 32 |"
	echo
	echo "Every time is the wall clock of the whole process, the median of several runs (tests/bench/peers_tool.c);"
	echo "memory is the peak resident set size (wait4's rusage; /usr/bin/time for the screens). gridwork's count"
	echo "is \`ticket count --category $category\`; its list is \`ticket list --grid $grid --limit 0\`."
} >"$out"
cat "$out"
