# lib.sh - sourced by every tests/cli/t_*.sh.
#
# Gives each script its own temporary directory (also $HOME and the XDG
# directories, so no configuration or database of the host leaks in),
# `run CMD...` that captures standard output, standard error and the exit
# status, assertions that print "ok - NAME" or "not ok - NAME" (with the
# command, its status and its stderr on failure), and `sql DB QUERY` through
# the sqlite3 shell.  A script ends with `done_testing`, which exits non-zero
# when anything failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
GW=${GRIDWORK_BIN:-$ROOT/gridwork}
FIX=$ROOT/tests/cli/fixtures

tmp=$(mktemp -d /tmp/gw-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

export HOME=$tmp XDG_CONFIG_HOME=$tmp/.config XDG_DATA_HOME=$tmp/.local/share
unset GRIDWORK_CONFIG
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai
export GRIDWORK_NOW="2026-03-02 09:30:00"

if [ ! -x "$GW" ]; then
	echo "not ok - $GW is not built (make gridwork)"
	exit 1
fi

nfail=0
rc=0 out="" err="" last_cmd=""

# run CMD...: runs it; $rc, $out and $err hold the results, and the exact
# bytes stay in $tmp/out and $tmp/err until the next run.
run() {
	last_cmd="$*"
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# gw ARGS...: runs the program under test.
gw() { run "$GW" "$@"; }

pass() { echo "ok - $1"; }

# fail NAME WHY: reports a failure with what the last command did.
fail() {
	nfail=$((nfail + 1))
	echo "not ok - $1"
	echo "#   $2"
	echo "#   command: $last_cmd"
	echo "#   exit status: $rc"
	if [ -n "$err" ]; then
		echo "#   stderr:"
		printf '%s\n' "$err" | head -20 | sed 's/^/#     /'
	fi
	if [ -n "$out" ]; then
		echo "#   stdout:"
		printf '%s\n' "$out" | head -10 | sed 's/^/#     /'
	fi
}

# check NAME CONDITION...: passes when the command CONDITION succeeds.
check() {
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "condition failed: $*"; fi
}

# check_not NAME CONDITION...: passes when CONDITION fails.
check_not() {
	local name=$1
	shift
	if ! "$@"; then pass "$name"; else fail "$name" "condition held: $*"; fi
}

assert_rc() {   # EXPECTED NAME
	if [ "$rc" -eq "$1" ]; then pass "$2"; else fail "$2" "exit status $rc, expected $1"; fi
}

assert_eq() {   # ACTUAL EXPECTED NAME
	if [ "$1" == "$2" ]; then pass "$3"; else fail "$3" "got '$1', expected '$2'"; fi
}

assert_out_has() {   # FRAGMENT NAME
	if [[ "$out" == *"$1"* ]]; then pass "$2"; else fail "$2" "stdout lacks '$1'"; fi
}

assert_err_has() {   # FRAGMENT NAME
	if [[ "$err" == *"$1"* ]]; then pass "$2"; else fail "$2" "stderr lacks '$1'"; fi
}

assert_err_lacks() {   # FRAGMENT NAME
	if [[ "$err" != *"$1"* ]]; then pass "$2"; else fail "$2" "stderr has '$1'"; fi
}

# assert_err_line PATTERN NAME: some stderr line matches the extended regex.
assert_err_line() {
	if printf '%s\n' "$err" | grep -Eq -- "$1"; then pass "$2"; else fail "$2" "no stderr line matches /$1/"; fi
}

assert_file() {   # PATH NAME
	if [ -f "$1" ]; then pass "$2"; else fail "$2" "$1 does not exist"; fi
}

assert_no_file() {   # PATH NAME
	if [ ! -e "$1" ]; then pass "$2"; else fail "$2" "$1 exists"; fi
}

assert_same_file() {   # A B NAME
	if cmp -s "$1" "$2"; then pass "$3"; else fail "$3" "$1 and $2 differ: $(cmp "$1" "$2" 2>&1 | head -1)"; fi
}

# sql DB QUERY: one value per line, columns separated by '|'.
sql() { sqlite3 -batch -noheader "$1" "$2"; }

# counts DB: the number of rows of every domain table, for "unchanged" checks.
counts() {
	sql "$1" "SELECT (SELECT count(*) FROM grid)||','||(SELECT count(*) FROM org)||','||
		(SELECT count(*) FROM audit)||','||(SELECT total(version) FROM grid)||','||
		(SELECT ifnull(max(updated_at),'') FROM grid)"
}

# new_db NAME: initialises $tmp/NAME.db and sets $db to its path.
new_db() {
	db=$tmp/$1.db
	if ! "$GW" init --db "$db" >/dev/null 2>"$tmp/init.err"; then
		nfail=$((nfail + 1))
		echo "not ok - init $db"
		sed 's/^/#   /' "$tmp/init.err"
	fi
}

done_testing() {
	[ "$nfail" -eq 0 ]
	exit $?
}
