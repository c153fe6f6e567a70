#!/usr/bin/env bash
# Runs every test: unit (cmocka), the same unit tests under ASan/UBSan, CLI
# scripts and tmux screen journeys.  Ends with one line "N passed, N failed"
# and exits non-zero when anything failed.
set -u
cd "$(dirname "$0")/.."
passed=0 failed=0
log=$(mktemp -d /tmp/gw-test.XXXXXX)
trap 'rm -rf "$log"' EXIT

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s), listed below:".
run_unit() {
	local bin=$1 label=$2 out="$log/out" p f
	"$bin" >"$out" 2>&1
	local rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
	p=${p:-0} f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed or sanitizer report
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $label $(basename "$bin"): $p passed, $f failed"
		grep -E '^\[  (FAILED|ERROR)|error|ERROR|Sanitizer|runtime error' "$out" | head -20
	else
		echo "ok   $label $(basename "$bin"): $p passed"
	fi
}

# Script tests print "ok - name" / "not ok - name" per check.
run_script() {
	local t=$1 out="$log/out" p f
	bash "$t" >"$out" 2>&1
	local rc=$?
	p=$(grep -c '^ok - ' "$out")
	f=$(grep -c '^not ok - ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $t: $p passed, $f failed"
		grep -v '^ok - ' "$out" | head -40
	else
		echo "ok   $t: $p passed"
	fi
}

for b in build/tests/test_*; do [ -x "$b" ] && run_unit "$b" unit; done
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for b in build/asan/tests/test_*; do [ -x "$b" ] && run_unit "$b" asan; done
unset ASAN_OPTIONS UBSAN_OPTIONS
for t in tests/cli/t_*.sh; do [ -f "$t" ] && run_script "$t"; done
for t in tests/tui/t_*.sh; do [ -f "$t" ] && run_script "$t"; done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
