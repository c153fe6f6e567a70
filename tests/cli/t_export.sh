#!/usr/bin/env bash
# t_export.sh - export to standard output or a file, UTF-8 with BOM or
# GB18030, and its usage errors.
. "$(dirname "$0")/lib.sh"

new_db e
gw import --db "$db" "$FIX/grids.csv"
assert_rc 0 "fixture imports"

gw export --db "$db" grids
assert_rc 0 "export to standard output"
cp "$tmp/out" "$tmp/stdout.csv"
check "standard output starts with a BOM and the Chinese header" \
	test "$(head -c 80 "$tmp/stdout.csv" | head -1)" = $'\xef\xbb\xbf编码,名称,层级,上级编码,划分依据,中心经度,中心纬度\r'
check "rows end with CRLF" test "$(grep -c $'\r$' "$tmp/stdout.csv")" = "$(wc -l <"$tmp/stdout.csv")"
check "values are Chinese" grep -q $'^SC-TX-G01,桃溪镇区域网格,网格,SC-TX,地域,,\r$' "$tmp/stdout.csv"
check "parents come before children" \
	test "$(grep -n '^SC-KFQ-DZ,' "$tmp/stdout.csv" | cut -d: -f1)" -lt "$(grep -n '^SC-KFQ-DZ-G01,' "$tmp/stdout.csv" | cut -d: -f1)"
assert_eq "$(($(wc -l <"$tmp/stdout.csv") - 1))" "$(($(wc -l <"$FIX/grids.csv") - 1))" "one line per grid"

gw export --db "$db" grids -o -
assert_rc 0 "-o - is standard output"
assert_same_file "$tmp/out" "$tmp/stdout.csv" "-o - writes the same bytes"

gw export --db "$db" grids -o "$tmp/f.csv"
assert_rc 0 "export -o FILE"
assert_same_file "$tmp/f.csv" "$tmp/stdout.csv" "-o FILE writes the same bytes"
assert_eq "$(ls "$tmp" | grep -c 'f.csv.tmp')" "0" "no temporary file left behind"

gw export --db "$db" --gb18030 grids -o "$tmp/gb.csv"
assert_rc 0 "export --gb18030 -o FILE"
check "GB18030 output has no BOM" test "$(head -c 3 "$tmp/gb.csv" | od -An -tx1 | tr -d ' ')" != "efbbbf"
check "GB18030 output decodes with iconv" iconv -f GB18030 -t UTF-8 "$tmp/gb.csv" -o "$tmp/gb-utf8.csv"
tail -c +4 "$tmp/stdout.csv" >"$tmp/nobom.csv"
assert_same_file "$tmp/gb-utf8.csv" "$tmp/nobom.csv" "GB18030 output is the same text"
check_not "GB18030 output is not UTF-8" iconv -f UTF-8 -t UTF-8 "$tmp/gb.csv" -o /dev/null 2>/dev/null
new_db e2
gw import --db "$db" "$tmp/gb.csv"
assert_rc 0 "the GB18030 export imports"
assert_err_has "GB18030" "...as GB18030"
db=$tmp/e.db

gw export --db "$db" orgs
assert_rc 0 "export of an empty kind"
check "an empty kind still has its header" grep -q '统一社会信用代码,名称,类型' "$tmp/out"

gw export --db "$db"
assert_rc 2 "export without a kind: exit 2"
gw export --db "$db" nonsense
assert_rc 2 "export of an unknown kind: exit 2"
gw export --db "$db" grids orgs
assert_rc 2 "export of two kinds: exit 2"
gw export --db "$db" grids --utf16
assert_rc 2 "export with an unknown option: exit 2"
gw export --db "$tmp/none.db" grids
assert_rc 1 "export from a missing database: exit 1"
gw export --db "$db" grids -o "$tmp/no/such/dir/x.csv"
assert_rc 1 "export to an unwritable place: exit 1"
assert_no_file "$tmp/no/such/dir/x.csv" "nothing half-written"

done_testing
