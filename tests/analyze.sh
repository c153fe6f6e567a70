#!/usr/bin/env bash
# analyze.sh - make analyze: gcc's static analyzer (-fanalyzer) over every
# file of core/ and db/, two at a time.  Lists each finding as
# "file:line: warning: ... [-Wanalyzer-...]" and exits 1 if there is any.
# Full output in build/analyze/.
#
#   tests/analyze.sh CC "CFLAGS"
set -u
cd "$(dirname "$0")/.."
cc=${1:-gcc}
flags=${2:-}
out=build/analyze
mkdir -p "$out"
rm -f "$out"/*.log
# Warnings as errors would stop at the first file; -fanalyzer's own
# warnings are what we want listed.
flags=$(printf '%s' "$flags" | sed 's/-Werror//g')
ls core/*.c db/*.c | xargs -P 2 -I{} sh -c \
	'f={}; '"$cc"' '"$flags"' -fanalyzer -c -o /dev/null "$f" >"'"$out"'/$(echo "$f" | tr / _).log" 2>&1'
findings=$(cat "$out"/*.log | grep -E '^[a-z_/]+\.[ch]:[0-9]+:[0-9]+: warning: .*\[-Wanalyzer' | sort -u)
if [ -z "$findings" ]; then
	echo "analyze: gcc -fanalyzer over $(ls core/*.c db/*.c | wc -l) files of core/ and db/: no findings"
	exit 0
fi
printf '%s\n' "$findings"
echo "analyze: $(printf '%s\n' "$findings" | wc -l) findings (details in $out/)"
exit 1
