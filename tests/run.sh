#!/usr/bin/env bash
# Runs every test: unit (cmocka), the same unit tests under ASan/UBSan, CLI
# scripts and tmux screen journeys, the quality checks (fuzz corpora
# replayed, SIGKILL during import, concurrent writers), and the CLI scripts
# again on the ASan/UBSan program.  GW_SUITE=asan (make asan) runs the whole
# suite - unit, CLI and screen journeys - on the ASan/UBSan build instead.
# Ends with one line "N passed, N failed" and exits non-zero when anything
# failed.  docs/QUALITY.md says what runs where.
set -u
cd "$(dirname "$0")/.."
passed=0 failed=0
log=$(mktemp -d /tmp/gw-test.XXXXXX)
trap 'rm -rf "$log"' EXIT

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s), listed below:".
run_unit() {
	local bin=$1 label=$2 out="$log/out" p f t0=$SECONDS
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
		echo "ok   $label $(basename "$bin"): $p passed ($((SECONDS - t0)) s)"
	fi
}

# Script tests print "ok - name" / "not ok - name" per check.
run_script() {
	local t=$1 label=${2:-} out="$log/out" p f t0=$SECONDS
	bash "$t" >"$out" 2>&1
	local rc=$?
	p=$(grep -c '^ok - ' "$out")
	f=$(grep -c '^not ok - ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $label$t: $p passed, $f failed"
		grep -v '^ok - ' "$out" | head -40
	else
		echo "ok   $label$t: $p passed ($((SECONDS - t0)) s)"
	fi
}

# The ASan/UBSan program writes its reports to build/asan/san/report.<pid>
# (tests/suppressions/san_defaults.c): any report is a failure.
san_reports() {
	local r n=0
	for r in build/asan/san/report.*; do
		[ -f "$r" ] || continue
		n=$((n + 1))
		echo "FAIL sanitizer report $r:"
		grep -E 'ERROR|SUMMARY|runtime error|^    #[0-9] ' "$r" | head -12
	done
	if [ "$n" -eq 0 ]; then
		echo "ok   asan: no sanitizer report from the program"
		passed=$((passed + 1))
	fi
	failed=$((failed + n))
}
rm -f build/asan/san/report.*

asan_env() {
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
}
if [ "${GW_SUITE:-test}" = asan ]; then
	asan_env
	for b in build/asan/tests/test_*; do [ -x "$b" ] && GW_FAULT_STEP=11 run_unit "$b" asan; done
	export GRIDWORK_BIN=$PWD/build/asan/gridwork
	for t in tests/cli/t_*.sh tests/tui/t_*.sh; do [ -f "$t" ] && run_script "$t" "asan "; done
	run_script tests/fuzz/t_replay.sh
	CONC_SECONDS=5 run_script tests/concurrency/t_writers.sh "asan "
	san_reports
else
	for b in build/tests/test_*; do [ -x "$b" ] && GW_FAULT_STEP=5 run_unit "$b" unit; done
	asan_env
	for b in build/asan/tests/test_*; do [ -x "$b" ] && GW_FAULT_STEP=29 run_unit "$b" asan; done
	unset ASAN_OPTIONS UBSAN_OPTIONS
	for t in tests/cli/t_*.sh; do [ -f "$t" ] && run_script "$t"; done
	for t in tests/tui/t_*.sh; do [ -f "$t" ] && run_script "$t"; done
	run_script tests/fuzz/t_replay.sh
	CRASH_POINTS=${CRASH_POINTS:-20} run_script tests/crash/t_kill.sh
	CONC_SECONDS=${CONC_SECONDS:-5} run_script tests/concurrency/t_writers.sh
	# The CLI journeys again on the ASan/UBSan program (a few seconds).
	for t in tests/cli/t_*.sh; do
		[ -f "$t" ] && GRIDWORK_BIN=$PWD/build/asan/gridwork run_script "$t" "asan "
	done
	san_reports
fi

echo "# $SECONDS s in all"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
