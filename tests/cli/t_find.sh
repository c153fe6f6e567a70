#!/usr/bin/env bash
# t_find.sh - gridwork find on the demo county: name fragments of one and two
# characters, pinyin initials, phones whole and by their last four digits,
# credit and grid codes, ticket numbers; --json (valid, documented keys),
# --kind, --limit; every bad query answered plainly (never an SQLite
# error); the index following imports and edits made with the sqlite3 shell.
. "$(dirname "$0")/lib.sh"

db=$tmp/demo.db
"$GW" demo --db "$db" >/dev/null 2>"$tmp/demo.err" || { echo "not ok - demo database"; cat "$tmp/demo.err"; exit 1; }

# An instructor with grids and a phone, taken from the file itself.
IFS='|' read -r iname iphone <<<"$(sql "$db" "SELECT i.name, i.phone FROM instructor i
	WHERE i.deleted = 0 AND length(i.name) = 2 AND EXISTS (SELECT 1 FROM instructor_grid g
	WHERE g.instructor_id = i.id) ORDER BY i.phone LIMIT 1")"
check "the demo has an instructor of two characters" test -n "$iname"

# ---- names ------------------------------------------------------------------
gw find --db "$db" "$iname"
assert_rc 0 "a two-character name exits 0"
assert_out_has "指导员（" "results are grouped, instructors under their heading"
assert_out_has "$iname  $iphone" "the instructor is shown with the phone"
assert_out_has "[完全匹配]" "the exact match is labelled"
assert_out_has "负责网格：SC-" "the instructor's grids are shown"
check "the exact match comes first" test "$(printf '%s\n' "$out" | sed -n 2p | cut -d' ' -f3)" = "$iname"

one=${iname:1:1}
gw find --db "$db" --kind instructor --limit 1000 "$one"
assert_rc 0 "one character exits 0"
want=$(sql "$db" "SELECT count(*) FROM instructor WHERE deleted = 0 AND name LIKE '%$one%'")
assert_eq "$(printf '%s\n' "$out" | sed -n 1p)" "指导员（$want）" "one character finds every instructor a LIKE scan finds"

gw find --db "$db" 精密
assert_rc 0 "精密 exits 0"
assert_out_has "单位（" "精密 finds organisations"
assert_out_has "指导员：" "an organisation shows its instructors"

# ---- pinyin initials -----------------------------------------------------------
gw find --db "$db" --kind grid scx
assert_out_has "SC 舒城县" "scx finds 舒城县"
assert_out_has "[拼音首字母]" "labelled as an initials match"

# ---- phones and codes -----------------------------------------------------------
gw find --db "$db" "$iphone"
assert_rc 0 "a whole phone exits 0"
assert_eq "$(printf '%s\n' "$out" | sed -n 1p)" "指导员（1）" "a whole phone finds one instructor"
assert_out_has "$iname  $iphone" "the phone's owner"
gw find --db "$db" --kind instructor "${iphone:7:4}"
assert_out_has "$iname  $iphone" "the last four digits find the owner"
assert_out_has "[包含]" "the last four digits are a substring match"

code=$(sql "$db" "SELECT credit_code FROM org WHERE deleted = 0 ORDER BY credit_code LIMIT 1")
oname=$(sql "$db" "SELECT name FROM org WHERE credit_code = '$code'")
gw find --db "$db" "$code"
assert_out_has "$oname  $code" "a credit code finds its organisation"
gw find --db "$db" --kind org "${code:0:10}"
assert_out_has "[开头匹配]" "the start of a credit code is a prefix match"

gw find --db "$db" --kind grid sc-hb
assert_out_has "SC-HB " "grid codes in any case"
assert_out_has "舒城县" "a grid shows its parent chain"
gw find --db "$db" --kind grid SC-HB-G01
assert_out_has "1 专 2 兼" "a grid says whether it meets the 1 + 2 standard"

number=$(sql "$db" "SELECT number FROM ticket WHERE deleted = 0 ORDER BY number LIMIT 1")
gw find --db "$db" "$number"
assert_out_has "工单（1）" "a ticket number finds its ticket"
assert_out_has "$number  " "the ticket's number starts its line"

# ---- JSON --------------------------------------------------------------------------
gw find --db "$db" --json "$iname"
assert_rc 0 "--json exits 0"
printf '%s' "$out" >"$tmp/find.json"
assert_eq "$(sql "$db" "SELECT json_valid(readfile('$tmp/find.json'))")" 1 "--json writes valid JSON"
assert_eq "$(sql "$db" "SELECT json_extract(readfile('$tmp/find.json'), '\$.results[0].kind')")" \
	instructor "results[0].kind"
assert_eq "$(sql "$db" "SELECT json_extract(readfile('$tmp/find.json'), '\$.results[0].match')")" \
	exact "results[0].match"
assert_eq "$(sql "$db" "SELECT json_extract(readfile('$tmp/find.json'), '\$.results[0].phone')")" \
	"$iphone" "results[0].phone"
assert_eq "$(sql "$db" "SELECT json_type(readfile('$tmp/find.json'), '\$.results[0].grids')")" \
	array "results[0].grids is an array"
assert_eq "$(sql "$db" "SELECT json_type(readfile('$tmp/find.json'), '\$.more.instructor')")" \
	false "more.instructor"
gw find --db "$db" --json --kind org "$code"
printf '%s' "$out" >"$tmp/org.json"
assert_eq "$(sql "$db" "SELECT json_extract(readfile('$tmp/org.json'), '\$.results[0].credit_code')")" \
	"$code" "an organisation's credit_code"
assert_eq "$(sql "$db" "SELECT json_type(readfile('$tmp/org.json'), '\$.results[0].instructors')")" \
	array "an organisation's instructors"
gw find --db "$db" --json 没有这样的名字
assert_rc 0 "nothing found is not an error"
printf '%s' "$out" >"$tmp/none.json"
assert_eq "$(sql "$db" "SELECT json_array_length(readfile('$tmp/none.json'), '\$.results')")" 0 \
	"nothing found: an empty results array"

# ---- --limit and --kind ------------------------------------------------------------
gw find --db "$db" --kind instructor --limit 2 "$one"
assert_eq "$(printf '%s\n' "$out" | grep -c '^  [^ ]')" 2 "--limit 2 shows two"
assert_out_has "还有更多结果未显示" "and says there is more"
gw find --db "$db" --kind 网格 舒城
check_not "--kind keeps to one kind" grep -q "指导员（" "$tmp/out"

# ---- bad input ---------------------------------------------------------------------
gw find --db "$db" ""
assert_rc 1 "an empty query is refused"
assert_err_has "请输入要查找的内容" "and told what to type"
gw find --db "$db" "   "
assert_rc 1 "a query of spaces is refused"
assert_err_has "请输入要查找的内容" "spaces: told what to type"
gw find --db "$db" "$(printf '伟%.0s' $(seq 500))"
assert_rc 1 "500 characters are refused"
assert_err_has "查找内容太长（500 个字符，最多 64 个）" "too long: says how long"
gw find --db "$db" "$(printf '\xff\xfe')"
assert_rc 1 "invalid UTF-8 is refused"
assert_err_has "不是有效的 UTF-8" "invalid UTF-8: said so"
for q in '"' '*' "'" '%' '_' '😀'; do
	gw find --db "$db" "$q"
	assert_rc 1 "query $q is refused"
	assert_err_has "没有可查找的汉字、字母或数字" "query $q: said why"
	assert_err_lacks "SQL" "query $q: no SQLite error"
done
gw find --db "$db" NEAR
assert_rc 0 "NEAR is an ordinary query"
assert_out_has "未找到" "NEAR: nothing found, said so"
gw find --db "$db" "$iname%"
assert_out_has "$iname  $iphone" "syntax characters around a name are skipped"
gw find --db "$db"
assert_rc 2 "no query is a usage error"
gw find --db "$db" --limit 0 张
assert_rc 2 "--limit 0 is a usage error"
gw find --db "$db" --kind nope 张
assert_rc 2 "an unknown kind is a usage error"
gw find --db "$db" --frobnicate 张
assert_rc 2 "an unknown option is a usage error"
gw find --db "$tmp/missing.db" 张
assert_rc 1 "a missing database is refused"

# ---- the index in step ---------------------------------------------------------------
printf '%s\n' "code,name,level,parent_code,basis" "SC-HB-G99,杭埠镇鹊桥试点网格,grid,SC-HB,region" >"$tmp/g.csv"
gw import --db "$db" "$tmp/g.csv"
assert_rc 0 "import a new grid"
gw find --db "$db" 鹊桥
assert_out_has "SC-HB-G99 杭埠镇鹊桥试点网格" "an imported grid is found at once"
printf '%s\n' "code,name,level,parent_code,basis" "SC-HB-G99,杭埠镇银河试点网格,grid,SC-HB,region" >"$tmp/g.csv"
gw import --db "$db" "$tmp/g.csv"
gw find --db "$db" 鹊桥
assert_out_has "未找到" "a re-import's old name is gone"
gw find --db "$db" 银河试点
assert_out_has "SC-HB-G99 杭埠镇银河试点网格" "and its new name is found"
sql "$db" "UPDATE instructor SET name = '诸葛亮' WHERE phone = '$iphone'"
gw find --db "$db" 诸葛
assert_out_has "诸葛亮  $iphone" "an edit made with the sqlite3 shell is found"
gw find --db "$db" zgl
assert_out_has "诸葛亮  $iphone" "with its initials"
assert_eq "$(sql "$db" "SELECT count(*) FROM search_dirty")" 0 "and nothing is left to index"

done_testing
