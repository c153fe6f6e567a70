#!/usr/bin/env bash
# t_replay.sh - make test's fuzz check: every fuzz target, built without
# libFuzzer under ASan/UBSan (build/asan/replay/), replays its seed corpus
# and every input a fuzzing run ever found wrong (tests/fuzz/regress/).
# One "ok - " / "not ok - " line per target.
set -u
cd "$(dirname "$0")/../.."
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan-fuzz.supp:print_suppressions=0
bin=${FUZZ_REPLAY_BIN:-build/asan/replay}
nfail=0
for t in csv config search sync width; do
	dirs="tests/fuzz/corpus/$t"
	[ -d "tests/fuzz/regress/$t" ] && dirs="$dirs tests/fuzz/regress/$t"
	n=$(find $dirs -type f | wc -l)
	if [ ! -x "$bin/fuzz_$t" ]; then
		echo "not ok - fuzz replay $t: $bin/fuzz_$t is not built (make fuzz-replay)"
		nfail=$((nfail + 1))
	elif out=$("$bin/fuzz_$t" $dirs 2>&1); then
		echo "ok - fuzz replay $t: $n inputs"
	else
		echo "not ok - fuzz replay $t: $n inputs"
		printf '%s\n' "$out" | grep -v '^replayed' | head -30 | sed 's/^/#   /'
		nfail=$((nfail + 1))
	fi
done
[ "$nfail" -eq 0 ]
