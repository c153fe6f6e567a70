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
export LC_ALL=C   # plain ASCII quotes in the messages, as tests/analyze-reviewed.txt has them
rm -f "$out"/*.log
# Warnings as errors would stop at the first file; -fanalyzer's own
# warnings are what we want listed.
flags=$(printf '%s' "$flags" | sed 's/-Werror//g')
ls core/*.c db/*.c | xargs -P 2 -I{} sh -c \
	'f={}; '"$cc"' '"$flags"' -fanalyzer -c -o /dev/null "$f" >"'"$out"'/$(echo "$f" | tr / _).log" 2>&1'
# Each finding as FILE|FUNCTION|OPTION|SUBJECT, from the logs' "In function"
# lines and warnings.
findings=$(cat "$out"/*.log | awk '
	/: In function / { fn = $0; sub(".*In function \047", "", fn); sub("\047.*", "", fn) }
	/^[a-z_\/]+\.[ch]:[0-9]+:[0-9]+: warning: .*\[-Wanalyzer/ {
		split($0, a, ":"); file = a[1]; line = a[2]
		msg = $0; sub(/^[^:]*:[0-9]+:[0-9]+: warning: /, "", msg)
		opt = msg; sub(/.*\[-W/, "-W", opt); sub(/\].*/, "", opt)
		subj = msg; sub(/ \[CWE-[0-9]+\].*/, "", subj); sub(/ \[-W.*/, "", subj)
		print file "|" fn "|" opt "|" subj "|" line
	}' | sort -u)
reviewed=tests/analyze-reviewed.txt
new=""
nrev=0
while IFS= read -r f; do
	[ -n "$f" ] || continue
	key=${f%|*}
	if grep -qF -- "$key|" "$reviewed"; then
		nrev=$((nrev + 1))
	else
		new="$new${f##*|}|$key"$'\n'
	fi
done <<<"$findings"
nfiles=$(ls core/*.c db/*.c | wc -l)
if [ -z "$new" ]; then
	echo "analyze: gcc -fanalyzer over $nfiles files of core/ and db/: no new findings ($nrev reviewed as false positives in $reviewed)"
	exit 0
fi
printf '%s' "$new" | awk -F'|' '{ printf "%s:%s: %s: %s [%s]\n", $2, $1, $3, $5, $4 }'
echo "analyze: $(printf '%s' "$new" | grep -c .) findings not reviewed ($nrev reviewed); details in $out/, and add false positives to $reviewed with the reason"
exit 1
