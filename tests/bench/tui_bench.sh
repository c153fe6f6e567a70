#!/usr/bin/env bash
# tui_bench.sh - the workbench's speed on the million-ticket county (make
# bench, after tests/bench/run.sh has built build/bench/county.db; results in
# docs/BENCHMARKS.md, "The workbench").
#
# Runs the real program in tmux at 80x24 with $GRIDWORK_TRACE set (one line
# per frame: the first screen's milliseconds since the process started, then
# each key's milliseconds from reading it to its frame drawn, wall clock and
# CPU; see tui/app.c) and reports:
#   - the first full screen: the program's own figure, and the wall clock from
#     asking tmux to start it until the trace line is written (median of
#     TUI_BENCH_STARTS starts); and when the grid tree's counts, which the
#     first screen does not wait for on a county this size, were on it;
#   - a browsing session a clerk would make: F4 tickets, j/k, PgDn x 20, G, g,
#     a grid from the tree (a township, then one of its grids), / typing
#     Chinese, every sort column (s) and back, S, Enter for a ticket's detail,
#     Esc, F3, F5, F6, F8: each key's handle-and-draw time, median / p95 / max
#     (and the CPU time of the same: on a shared machine the difference is
#     time spent waiting for a CPU), and the slowest keys by name;
#   - work that goes on after a key's frame, in the background, giving way
#     to the next key (a sort over a column without an index shows 排序中...
#     until done; the dashboard fills in): how long until the screen settled;
#   - the peak resident set size while browsing (VmHWM from /proc).
# Nothing sleeps then checks: every step waits for the trace to grow or the
# screen to change, polling every 5 ms, and gives up after 60 s.
#
# Environment: BENCH_COUNTY (default build/bench/county.db), GRIDWORK_BIN
# (default ./gridwork), TUI_BENCH_RUNS (browsing sessions, default 2),
# TUI_BENCH_STARTS (first-screen starts, default 9).
set -eu
cd "$(dirname "$0")/../.."
B=build/bench
O=$B/tui
GW=$(realpath "${GRIDWORK_BIN:-./gridwork}")
DB=$(realpath "${BENCH_COUNTY:-$B/county.db}")
RUNS=${TUI_BENCH_RUNS:-2}
STARTS=${TUI_BENCH_STARTS:-9}
[ -f "$DB" ] || { echo "tui_bench: $DB is missing: run tests/bench/run.sh first"; exit 1; }
command -v tmux >/dev/null || { echo "tui_bench: tmux is missing"; exit 1; }
mkdir -p "$O/home"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset TMUX TMUX_PANE
cc -std=c11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -o "$O/peers_tool" tests/bench/peers_tool.c

SOCK=gwtuibench$$
T() { tmux -L "$SOCK" -f tests/tui/tmux.conf "$@"; }
trap 'T kill-server >/dev/null 2>&1 || true' EXIT
TRACE=$PWD/$O/trace
ENVS="env -i PATH=$PATH TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai ESCDELAY=25 HOME=$PWD/$O/home GRIDWORK_TRACE=$TRACE"
calc() { awk "BEGIN {print $1}"; }
median() { sort -n | awk '{v[NR]=$1} END {if (NR == 0) print "-"; else print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
lines() { if [ -f "$TRACE" ]; then wc -l <"$TRACE"; else echo 0; fi; }
screen() { T capture-pane -p -t gw; }

# poll CMD...: true as soon as CMD is, false after 60 s (5 ms steps).
poll() {
	local i=0
	while [ $i -lt 12000 ]; do
		"$@" && return 0
		sleep 0.005
		i=$((i + 1))
	done
	return 1
}
grown() { [ "$(lines)" -ge "$1" ]; }
lacks() { ! screen | grep -qF -- "$1"; }
fail() {
	echo "tui_bench: $1; the screen:" >&2
	screen >&2 || true
	exit 1
}

# Any migration the program has to make before anything is timed, and
# the file in the operating system's cache, as on a clerk's PC after the
# first minutes of work: a cold read from disk is a figure of the disk
# (random reads of a 2.4 GB file), not of the program.
"$GW" find --db "$DB" 张 >/dev/null
cat "$DB" >/dev/null

# ---- the first screen ----------------------------------------------------------------
T new-session -d -s idle -x 80 -y 24 "sleep 100000"   # the server, started once
: >"$O/first_wall.txt"
: >"$O/first_own.txt"
: >"$O/first_counts.txt"
echo "tui_bench: first screen of $(basename "$DB") (x$STARTS, after one start not counted)"
for r in $(seq 0 "$STARTS"); do
	rm -f "$TRACE"
	T kill-session -t gw >/dev/null 2>&1 || true
	t0=$EPOCHREALTIME
	"$O/peers_tool" waitfile "$TRACE" 20000 -- tmux -L "$SOCK" -f tests/tui/tmux.conf \
		new-session -d -s gw -x 80 -y 24 "exec $ENVS $GW --db $DB" >"$O/wall" ||
		fail "no first screen within 20 s"
	poll grown 1 || fail "no first trace line"
	# The grid tree's counts follow the first screen (tui/screen_grids.c).
	poll lacks "网格统计中" || fail "the grid tree's counts did not come"
	if [ "$r" -gt 0 ]; then
		cat "$O/wall" >>"$O/first_wall.txt"
		awk '$4 == "start" {print $6, $10}' "$TRACE" >>"$O/first_own.txt"
		calc "sprintf(\"%.0f\", ($EPOCHREALTIME - $t0) * 1000)" >>"$O/first_counts.txt"
	fi
	T send-keys -t gw F10
	poll grown 1
done
T kill-session -t gw >/dev/null 2>&1 || true

# ---- browsing ----------------------------------------------------------------------------
# The session: tmux key names, one a step; "type:TEXT" types literal text
# (one frame a character); "settle:TEXT" waits, after the step before it,
# until TEXT is gone from the screen and notes how long that took.
SESSION=(
	F4 j j j j j j j j j j k k k k k
	PageDown PageDown PageDown PageDown PageDown PageDown PageDown PageDown PageDown PageDown
	PageDown PageDown PageDown PageDown PageDown PageDown PageDown PageDown PageDown PageDown
	G k k g j
	Tab j l j j j h Tab j j PageDown g Tab g Tab
	/ type:拖欠 Enter j j PageDown Escape
	/ type:张伟 Enter j Escape
	s settle:排序中 j s settle:排序中 s settle:排序中 s settle:排序中 s settle:排序中
	s settle:排序中 s settle:排序中 S settle:排序中 j S settle:排序中
	Enter j Escape
	F3 j PageDown s settle:排序中 s settle:排序中 g
	F5 j PageDown G g s settle:排序中 s settle:排序中
	F6 j PageDown G g s settle:排序中
	F8 settle:计算中 j F2 j j
)
: >"$O/keys.txt"
: >"$O/settle.txt"
: >"$O/rss.txt"
for run in $(seq "$RUNS"); do
	echo "tui_bench: browsing session $run of $RUNS (${#SESSION[@]} steps)"
	rm -f "$TRACE"
	T kill-session -t gw >/dev/null 2>&1 || true
	T new-session -d -s gw -x 80 -y 24 "exec $ENVS $GW --db $DB"
	poll grown 1 || fail "no first screen"
	pid=$(T display-message -p -t gw '#{pane_pid}')
	last=""
	for step in "${SESSION[@]}"; do
		case $step in
		settle:*)
			if ! poll lacks "${step#settle:}"; then fail "still ${step#settle:} after 60 s"; fi
			printf '%s %s\n' "$last" "$(calc "sprintf(\"%.0f\", ($EPOCHREALTIME - $settle_t0) * 1000)")" \
				>>"$O/settle.txt"
			;;
		type:*)
			n=$(lines)
			text=${step#type:}
			settle_t0=$EPOCHREALTIME
			T send-keys -t gw -l -- "$text"
			poll grown $((n + ${#text})) || fail "typing $text"
			last=$text
			;;
		*)
			n=$(lines)
			settle_t0=$EPOCHREALTIME
			T send-keys -t gw "$step"
			poll grown $((n + 1)) || fail "no frame for $step"
			last=$step
			;;
		esac
	done
	grep -E '^Vm(HWM|RSS)' "/proc/$pid/status" | awk '{print $2}' | paste -sd' ' >>"$O/rss.txt"
	awk '$1 == "frame" && $4 != "start" {print $4, $6, $8}' "$TRACE" >>"$O/keys.txt"
	T send-keys -t gw F10
	poll grown 1
done

# ---- report ------------------------------------------------------------------------------
pct() {   # P: the P-th percentile of the numbers on stdin (nearest rank)
	sort -n | awk -v p="$1" '{v[NR]=$1} END {i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; print v[i]}'
}
verdict() { if awk "BEGIN {exit !($1)}"; then echo met; else echo MISSED; fi; }
first_wall=$(median <"$O/first_wall.txt")
first_own=$(awk '{print $1}' "$O/first_own.txt" | median)
first_cpu=$(awk '{print $2}' "$O/first_own.txt" | median)
nkeys=$(wc -l <"$O/keys.txt")
k50=$(awk '{print $2}' "$O/keys.txt" | pct 50)
k95=$(awk '{print $2}' "$O/keys.txt" | pct 95)
kmax=$(awk '{print $2}' "$O/keys.txt" | pct 100)
over=$(awk '$2 > 16' "$O/keys.txt" | wc -l)
c50=$(awk '{print $3}' "$O/keys.txt" | pct 50)
c95=$(awk '{print $3}' "$O/keys.txt" | pct 95)
cmax=$(awk '{print $3}' "$O/keys.txt" | pct 100)
hwm=$(awk '{print $1}' "$O/rss.txt" | sort -n | tail -1)
{
	echo "Workbench benchmark - $(date '+%Y-%m-%d %H:%M'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "database: $DB ($(sqlite3 "$DB" 'SELECT count(*) FROM ticket') tickets), terminal 80x24"
	echo
	printf 'First full screen (median of %s): %s ms from the tmux command, %s ms in the program (%s ms CPU)  %s (< 50 ms)\n' \
		"$STARTS" "$first_wall" "$first_own" "$first_cpu" "$(verdict "$first_wall < 50")"
	printf '  the grid tree'"'"'s counts in by %s ms (seen on the screen, polled every 5 ms)\n' \
		"$(median <"$O/first_counts.txt")"
	printf 'Keys (%s over %s sessions), handle + draw: median %s ms, p95 %s ms, max %s ms; %s over 16 ms  %s\n' \
		"$nkeys" "$RUNS" "$k50" "$k95" "$kmax" "$over" "$(verdict "$kmax <= 16")"
	printf '  the same in CPU time: median %s ms, p95 %s ms, max %s ms (the rest of the wall clock is waiting for a CPU)\n' \
		"$c50" "$c95" "$cmax"
	echo "  slowest keys (key: ms, CPU ms):"
	sort -k2 -n -r "$O/keys.txt" | head -8 | awk '{printf "    %-10s %s  %s\n", $1, $2, $3}'
	echo "Background work until the screen settled (ms; keys answered meanwhile):"
	awk '{s[$1] = s[$1] (s[$1] == "" ? "" : " ") $2} END {for (k in s) printf "    after %-8s %s\n", k, s[k]}' \
		"$O/settle.txt" | sort
	printf 'Peak resident memory while browsing: %s MiB (VmHWM; %s KiB)  %s (< 32 MiB)\n' \
		"$(calc "sprintf(\"%.1f\", $hwm / 1024)")" "$hwm" "$(verdict "$hwm < 32768")"
} | tee "$O/results.txt"
