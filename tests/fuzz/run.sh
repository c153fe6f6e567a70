#!/usr/bin/env bash
# run.sh - make fuzz: each libFuzzer target for FUZZ_SECONDS (default 60)
# on its seed corpus (tests/fuzz/corpus/TARGET, read only) and its working
# corpus (build/fuzz/corpus/TARGET, where new inputs go).  An input that
# crashes, leaks, hangs or breaks a checked promise is copied to
# tests/fuzz/open/TARGET/ (say what is wrong in tests/fuzz/open/README.md);
# with its fix it moves to tests/fuzz/regress/TARGET/, which make test
# replays: every finding becomes a regression test.  FUZZ_MERGE=1 also merges the inputs
# that add coverage into the seed corpus.  Prints one line per target and
# writes them to build/fuzz/results.txt; exits 1 if any target failed.
#
#   tests/fuzz/run.sh [TARGET...]     (targets: csv config search sync width)
set -u
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-60}
bin=build/fuzz/fuzzer
out=build/fuzz
targets=${*:-csv config search sync width}
mkdir -p "$out"
: >"$out/results.txt"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan-fuzz.supp:print_suppressions=0
failed=0
for t in $targets; do
	[ -x "$bin/fuzz_$t" ] || { echo "fuzz: $bin/fuzz_$t is not built (make fuzz)"; exit 2; }
	mkdir -p "$out/corpus/$t" "$out/crashes/$t" "tests/fuzz/open/$t"
	log=$out/$t.log
	"$bin/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$out/crashes/$t/" \
		"$out/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	ncorp=$(find "$out/corpus/$t" "tests/fuzz/corpus/$t" -type f | wc -l)
	found=$(find "$out/crashes/$t" -type f -newer "$bin/fuzz_$t" 2>/dev/null)
	if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
		result="FAILED (exit $rc)"
		failed=1
		for f in $found; do
			cp "$f" "tests/fuzz/open/$t/"
			result="$result, kept tests/fuzz/open/$t/$(basename "$f")"
		done
		grep -m1 -E 'ERROR|check failed|runtime error' "$log" | sed 's/^/    /'
	else
		result="ok"
	fi
	line=$(printf '%-7s %5ss  %10s runs  %6s/s  cov %5s  corpus %5s  %s' "$t" "$secs" "${runs:-?}" \
		"${speed:-?}" "${cov:-?}" "$ncorp" "$result")
	echo "$line" | tee -a "$out/results.txt"
	if [ "${FUZZ_MERGE:-0}" = 1 ] && [ "$rc" -eq 0 ]; then
		"$bin/fuzz_$t" -merge=1 "tests/fuzz/corpus/$t" "$out/corpus/$t" >"$out/$t.merge.log" 2>&1
	fi
done
echo "fuzz: logs in $out/*.log; $(date '+%Y-%m-%d %H:%M'), clang $(clang-14 --version | sed -n 's/.*version \([0-9.]*\).*/\1/p')"
exit $failed
