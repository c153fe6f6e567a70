# lib.sh - the screen-test harness (TESTING.md), sourced by tests/tui/t_*.sh.
#
# Each test gets its own tmux server (-L gw<pid>_<n>, our tmux.conf only),
# killed in an EXIT trap, and runs the real ./gridwork in it with a clean
# environment.  Nothing sleeps then asserts: we wait for the program's trace
# file (one line per key handled and drawn) or for text on the screen,
# polling every 50 ms for up to 10 s, and on a timeout print the screen and
# the program's stderr.  Each check prints "ok - name" or "not ok - name";
# diagnostics start with "# ".

set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
GW=${GRIDWORK_BIN:-$ROOT/gridwork}
FIX=$ROOT/tests/tui/fixtures
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gwtui.XXXXXX")
SOCK_N=1
SOCK=gw$$_1
fails=0
unset TMUX TMUX_PANE
# The servers' sockets live (and die) with the test's directory.
export TMUX_TMPDIR=$tmp

T() { tmux -L "$SOCK" -f "$ROOT/tests/tui/tmux.conf" "$@"; }

cleanup() {
	local n
	for n in $(seq 1 "$SOCK_N"); do
		tmux -L "gw$$_$n" kill-server >/dev/null 2>&1
	done
	rm -rf "$tmp"
}

# new_server: ends this test's tmux server and moves to a fresh one (a
# server that is shutting down may still answer on the old socket).
new_server() {
	T kill-server >/dev/null 2>&1
	SOCK_N=$((SOCK_N + 1))
	SOCK=gw$$_$SOCK_N
}
trap cleanup EXIT

ok() { echo "ok - $1"; }
notok() { echo "not ok - $1"; fails=$((fails + 1)); }
diag() { sed 's/^/# /'; }

# check NAME COMMAND...: one line of the report from the command's status.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else notok "$name"; fi
}

# The test's end: exit status 1 if any check failed.
finish() {
	[ "$fails" -eq 0 ]
	exit $?
}

if [ ! -x "$GW" ]; then
	notok "gridwork binary at $GW (run make gridwork)"
	exit 1
fi
cc -O -o "$tmp/colwidth" "$ROOT/tests/tui/colwidth.c" || {
	notok "build tests/tui/colwidth.c"
	exit 1
}

# gw CMD...: the CLI on the test's database, with the same clean environment.
gw() {
	env -i PATH="$PATH" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai HOME="$tmp" \
		"$GW" --db "$tmp/t.db" "$@"
}

# The demo-like county of tests/tui/fixtures: grids, organisations and
# instructors (named in any order: import sorts them by dependency).
make_db() {
	gw init >"$tmp/init.out" 2>&1 &&
		gw import "$FIX/instructors.csv" "$FIX/orgs.csv" "$FIX/grids.csv" \
			>"$tmp/import.out" 2>&1 && return 0
	cat "$tmp/init.out" "$tmp/import.out" 2>/dev/null | diag
	return 1
}

frames() {
	if [ -f "$tmp/trace" ]; then wc -l <"$tmp/trace"; else echo 0; fi
}

screen() { T capture-pane -p -t gw; }

dump() {
	echo "# --- screen ---"
	screen | diag
	echo "# --- stderr ---"
	diag <"$tmp/err"
	echo "# --- trace (last lines) ---"
	tail -n 5 "$tmp/trace" 2>/dev/null | diag
}

# poll COMMAND...: true as soon as the command is, false after 10 s.
poll() {
	local i=0
	while [ $i -lt 200 ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

has_frames() { [ "$(frames)" -ge "$1" ]; }
shows() { screen | grep -qF -- "$1"; }
shows_re() { screen | grep -qE -- "$1"; }
lacks() { ! screen | grep -qF -- "$1"; }
# Dead, and tmux has recorded how.  pane_dead can be 1 before the exit
# status is in (tmux PR 4841), and Debian's tmux, built with libutempter,
# can miss the SIGCHLD altogether and leave the program a zombie with no
# status (tmux issue 311, seen here about 1 run in 20): then we nudge our
# own server with the SIGCHLD it missed.
pane_dead() {
	local st
	st=$(T display-message -p -t gw '#{pane_dead}:#{pane_dead_status}#{pane_dead_signal}')
	case $st in
	1:?*) return 0 ;;
	1:) kill -CHLD "$(T display-message -p '#{pid}')" 2>/dev/null ;;
	esac
	return 1
}

wait_frames() {
	poll has_frames "$1" && return 0
	echo "# timed out waiting for frame $1 (have $(frames))"
	dump
	return 1
}
wait_for() {
	poll shows "$1" && return 0
	echo "# timed out waiting for: $1"
	dump
	return 1
}
wait_gone() {
	poll lacks "$1" && return 0
	echo "# timed out waiting for this to go: $1"
	dump
	return 1
}

# start COLS ROWS [VAR=value...]: the program in a fresh pane, with extra
# environment if given; returns once it has drawn.
start() {
	local cols=$1 rows=$2
	shift 2
	: >"$tmp/trace"
	: >"$tmp/err"
	T new-session -d -s gw -x "$cols" -y "$rows" \
		"exec env -i PATH='$PATH' TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
TZ=Asia/Shanghai ESCDELAY=25 HOME='$tmp' GRIDWORK_TRACE='$tmp/trace' $* \
'$GW' --db '$tmp/t.db' 2>'$tmp/err'"
	wait_frames 1
}

# key NAME...: sends tmux key names one at a time, each waited for.
key() {
	local k n
	for k in "$@"; do
		n=$(frames)
		T send-keys -t gw "$k"
		wait_frames $((n + 1)) || return 1
	done
}

# type TEXT: literal UTF-8, one frame per character.
type_text() {
	local n c
	n=$(frames)
	c=$(printf %s "$1" | LC_ALL=C.UTF-8 wc -m)
	T send-keys -t gw -l -- "$1"
	wait_frames $((n + c))
}

# resize COLS ROWS: the window changes size; waits for the redraw.
resize() {
	local n
	n=$(frames)
	T resize-window -t gw -x "$1" -y "$2"
	wait_frames $((n + 1))
}

# The exit status once the program has ended.
exit_status() {
	poll pane_dead || {
		{
			echo "# program did not exit"
			dump
		} >&2
		echo none
		return 1
	}
	local st sig
	st=$(T display-message -p -t gw '#{pane_dead_status}')
	sig=$(T display-message -p -t gw '#{pane_dead_signal}')
	if [ -n "$sig" ]; then echo "signal $sig"; else echo "$st"; fi
}

# layout_ok COLS: the captured screen is valid UTF-8, no line is wider than
# COLS display columns, and every line holding column separators has them
# at the same display columns.
layout_ok() {
	local out msg
	screen >"$tmp/cap"
	if ! out=$("$tmp/colwidth" <"$tmp/cap"); then
		echo "$out" | grep -v '^[0-9]' | diag
		dump
		return 1
	fi
	msg=$(echo "$out" | awk -v max="$1" '
		$1 > max { printf "line %d is %d columns wide (pane %d)\n", NR, $1, max }
		NF > 1 { s = $0; sub(/^[0-9]+ /, "", s)
			 if (ref == "") { ref = s; refl = NR }
			 else if (s != ref) printf "line %d: separators at %s, line %d: at %s\n", NR, s, refl, ref }')
	[ -z "$msg" ] && return 0
	echo "$msg" | diag
	dump
	return 1
}

# widths_ok COLS: valid UTF-8 and no line wider than COLS (for screens with
# an overlay, whose borders are not table separators).
widths_ok() {
	local out msg
	screen >"$tmp/cap"
	if ! out=$("$tmp/colwidth" <"$tmp/cap"); then
		echo "$out" | grep -v '^[0-9]' | diag
		dump
		return 1
	fi
	msg=$(echo "$out" | awk -v max="$1" '$1 > max { printf "line %d is %d columns wide (pane %d)\n", NR, $1, max }')
	[ -z "$msg" ] && return 0
	echo "$msg" | diag
	dump
	return 1
}

# separators: how many column separators the table lines have (first one).
separators() {
	screen | "$tmp/colwidth" | awk 'NF > 1 { print NF - 1; exit }'
}

# The selected (reversed) row of the body (not the menu bar or the bottom
# bars, which are reversed too), escapes removed.
selected_line() {
	T capture-pane -p -e -t gw | sed '1d' | head -n -2 |
		grep -aE "$(printf '\033')\\[([0-9]+;)*7(;[0-9]+)*m" |
		sed "s/$(printf '\033')\\[[0-9;]*m//g" | head -n 1
}
selected_has() { selected_line | grep -qF -- "$1"; }
wait_selected() {
	poll selected_has "$1" && return 0
	echo "# timed out waiting for the selected row to show: $1"
	echo "# selected: $(selected_line)"
	dump
	return 1
}

# panes_ok COLS: for the list screens (a tree pane, a table, a detail):
# valid UTF-8, no line wider than COLS, the pane border at the same
# display column on every line that has separators, and every table line
# (more than one separator) with its separators at the same columns.
panes_ok() {
	local out msg
	screen >"$tmp/cap"
	if ! out=$("$tmp/colwidth" <"$tmp/cap"); then
		echo "$out" | grep -v '^[0-9]' | diag
		dump
		return 1
	fi
	msg=$(echo "$out" | awk -v max="$1" '
		$1 > max { printf "line %d is %d columns wide (pane %d)\n", NR, $1, max }
		NF > 1 { if (border == "") { border = $2; bl = NR }
			 else if ($2 != border) printf "line %d: border at %s, line %d: at %s\n", NR, $2, bl, border }
		NF > 2 { s = $0; sub(/^[0-9]+ /, "", s)
			 if (ref == "") { ref = s; refl = NR }
			 else if (s != ref) printf "line %d: separators at %s, line %d: at %s\n", NR, s, refl, ref }')
	[ -z "$msg" ] && return 0
	echo "$msg" | diag
	dump
	return 1
}

# sql QUERY: one value from the test's database.
sql() { sqlite3 "$tmp/t.db" "$1"; }
