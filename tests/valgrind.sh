#!/usr/bin/env bash
# valgrind.sh - make valgrind: every unit test (build/tests/test_*) under
# Valgrind's memcheck.  Each must end with 0 errors and 0 bytes "definitely
# lost" (memory still reachable at exit is not a leak: SQLite and libconfig
# keep caches, cmocka its test list).  The fault-injection test tries every
# 97th allocation here (GW_FAULT_STEP), its I/O faults all.  GW_VALGRIND=1
# is set for tests that time themselves (20-50 times slower here).  The
# only suppression is glibc's loader (tests/suppressions/valgrind.supp).  Prints
# "ok - " / "not ok - " per test binary and a summary line; logs in
# build/valgrind/.
set -u
cd "$(dirname "$0")/.."
out=build/valgrind
mkdir -p "$out"
command -v valgrind >/dev/null || { echo "not ok - valgrind is not installed (make deps DEBS=valgrind)"; exit 1; }
nfail=0 n=0
for b in build/tests/test_*; do
	[ -x "$b" ] || continue
	name=$(basename "$b")
	log=$out/$name.log
	t0=$SECONDS
	GW_FAULT_STEP=97 GW_VALGRIND=1 valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite \
		--errors-for-leak-kinds=definite --error-exitcode=99 --num-callers=30 \
		--suppressions=tests/suppressions/valgrind.supp \
		--log-file="$log" "$b" >"$out/$name.out" 2>&1
	rc=$?
	n=$((n + 1))
	errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tail -1 | tr -d ,)
	lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1 | tr -d ,)
	lost=${lost:-0}
	if [ "$rc" -eq 0 ] && [ "${errors:-1}" = 0 ] && [ "$lost" = 0 ]; then
		echo "ok - valgrind $name: 0 errors, 0 bytes definitely lost ($((SECONDS - t0)) s)"
	else
		nfail=$((nfail + 1))
		echo "not ok - valgrind $name: exit $rc, ${errors:-?} errors, $lost bytes definitely lost (see $log)"
		grep -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|Source and|.*definitely lost)' "$log" |
			sort | uniq -c | sort -rn | head -8 | sed 's/^/#   /'
		grep -E '^\[  (FAILED|ERROR)' "$out/$name.out" | head -5 | sed 's/^/#   /'
	fi
done
echo "valgrind: $((n - nfail)) of $n unit test programs clean"
[ "$nfail" -eq 0 ]
