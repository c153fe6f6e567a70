#!/usr/bin/env bash
# t_import.sh - importing Chinese grids in UTF-8, UTF-8 with BOM and GB18030;
# export -> import into a fresh database -> the same export; bad rows
# (file:row: column: reason, nothing written); --skip-bad and its rejects
# file; several files in dependency order; re-import changes nothing.
. "$(dirname "$0")/lib.sh"

cp "$FIX/grids.csv" "$tmp/grids.csv"
{ printf '\357\273\277'; cat "$FIX/grids.csv"; } >"$tmp/grids-bom.csv"
iconv -f UTF-8 -t GB18030 "$FIX/grids.csv" >"$tmp/grids-gb.csv"
check_not "the GB18030 fixture really differs from UTF-8" cmp -s "$tmp/grids.csv" "$tmp/grids-gb.csv"
rows=$(($(wc -l <"$FIX/grids.csv") - 1))

# ---- UTF-8 -----------------------------------------------------------------
new_db utf8
gw import --db "$db" "$tmp/grids.csv"
assert_rc 0 "import of Chinese grids (UTF-8) exits 0"
assert_err_has "$tmp/grids.csv: 编码 UTF-8" "the encoding used is reported"
assert_out_has "新增 $rows，更新 0，未变 0，拒绝 0" "the closing summary counts every row"
assert_eq "$(sql "$db" 'SELECT count(*) FROM grid')" "$rows" "every grid is in"
assert_eq "$(sql "$db" "SELECT name FROM grid WHERE code='SC-HB-G01'")" "杭埠镇“三河”片区网格" "Chinese names intact"
assert_eq "$(sql "$db" "SELECT name FROM grid WHERE code='SC-KFQ-SP'")" "绿色食品产业园（含预制菜, 一期）" "quoted comma intact"
assert_eq "$(sql "$db" "SELECT p.code FROM grid g JOIN grid p ON p.id=g.parent_id WHERE g.code='SC-CG-G01'")" \
	"SC-CG" "a parent given later in the file is found"
assert_eq "$(sql "$db" "SELECT level||'/'||basis FROM grid WHERE code='SC-TX-G01'")" "grid/region" \
	"values stored in English"
gw export --db "$db" grids -o "$tmp/utf8.csv"
assert_rc 0 "export grids"

# ---- UTF-8 with BOM, GB18030 ------------------------------------------------
for enc in bom gb; do
	new_db "$enc"
	gw import --db "$db" "$tmp/grids-$enc.csv"
	assert_rc 0 "import ($enc) exits 0"
	assert_out_has "新增 $rows，" "import ($enc) inserts every row"
	gw export --db "$db" grids -o "$tmp/$enc.csv"
	assert_same_file "$tmp/utf8.csv" "$tmp/$enc.csv" "import ($enc) gives the same records as UTF-8"
done
new_db gb2
gw import --db "$db" "$tmp/grids-gb.csv"
assert_err_has "编码 GB18030" "GB18030 is detected and reported"
new_db bom2
gw import --db "$db" "$tmp/grids-bom.csv"
assert_err_has "编码 UTF-8 (BOM)" "the BOM is detected and reported"
assert_err_lacks "未知列" "the BOM is not part of the first header"

# ---- round trip --------------------------------------------------------------
new_db trip
gw import --db "$db" "$tmp/utf8.csv"
assert_rc 0 "the export imports into a fresh database"
gw export --db "$db" grids -o "$tmp/trip.csv"
assert_same_file "$tmp/utf8.csv" "$tmp/trip.csv" "export -> import -> export gives identical bytes"

# ---- re-import -------------------------------------------------------------
db=$tmp/utf8.db
before=$(counts "$db")
GRIDWORK_NOW="2026-05-01 10:00:00" gw import --db "$db" "$tmp/grids.csv"
assert_rc 0 "re-import exits 0"
assert_out_has "新增 0，更新 0，未变 $rows，拒绝 0" "re-import: every row unchanged"
after=$(counts "$db")
# The audit log gains only the import's own summary row.
assert_eq "${after%%,*}" "${before%%,*}" "re-import adds no grid"
assert_eq "$(sql "$db" "SELECT count(*) FROM audit WHERE action <> 'import'")" "$rows" "re-import audits no change"
assert_eq "$(sql "$db" "SELECT max(version)||' '||max(updated_at) FROM grid")" "1 2026-03-02 09:30:00" \
	"re-import touches no record"
sed 's/^SC-TX,桃溪镇,乡镇/SC-TX,桃溪镇人民政府,乡镇/' "$tmp/grids.csv" >"$tmp/grids2.csv"
gw import --db "$db" "$tmp/grids2.csv"
assert_out_has "新增 0，更新 1，未变 $((rows - 1))，拒绝 0" "one changed row is one update"
assert_eq "$(sql "$db" "SELECT name||' v'||version FROM grid WHERE code='SC-TX'")" "桃溪镇人民政府 v2" "the update is stored"
check "the update is audited with old and new values" \
	test "$(sql "$db" "SELECT count(*) FROM audit WHERE action='update' AND old LIKE '%\"桃溪镇\"%' AND new LIKE '%桃溪镇人民政府%'")" = 1

# ---- bad rows: all or nothing ---------------------------------------------------
new_db bad
cp "$FIX/grids_bad.csv" "$tmp/grids_bad.csv"
before=$(counts "$db")
gw import --db "$db" "$tmp/grids_bad.csv"
assert_rc 1 "bad rows: exit 1"
f=$tmp/grids_bad.csv
assert_err_has "$f:4: 层级: “镇”不是有效层级" "row 4: file:row: column: reason (level)"
assert_err_has "$f:5: 划分依据: 必填" "row 5: file:row: column: reason (basis)"
assert_err_has "$f:6: 中心纬度: " "row 6: file:row: column: reason (lat without lon)"
assert_err_line "^$f:7: 上级编码: .*SC-ZMQ" "row 7: file:row: column: reason (unknown parent)"
assert_eq "$(grep -c "^$f:[0-9]*: " "$tmp/err")" "4" "exactly the four bad rows are reported"
assert_err_has "未导入任何数据" "says nothing was imported"
assert_eq "$(counts "$db")" "$before" "the database is unchanged"
assert_no_file "$f.rejects.csv" "no rejects file without --skip-bad"

# ---- --skip-bad ---------------------------------------------------------------
gw import --db "$db" --skip-bad "$tmp/grids_bad.csv"
assert_rc 1 "--skip-bad with rejected rows exits 1"
assert_out_has "新增 3，更新 0，未变 0，拒绝 4" "--skip-bad summary"
assert_eq "$(sql "$db" 'SELECT group_concat(code) FROM (SELECT code FROM grid ORDER BY code)')" \
	"SC,SC-CG,SC-CG-G03" "the good rows are in"
assert_file "$f.rejects.csv" "the rejects file is written beside the input"
assert_err_has "$f.rejects.csv" "the rejects file is named"
check "the rejects file has a 原因 column" grep -q '^.*编码,名称,层级,上级编码,划分依据,中心经度,中心纬度,原因' "$f.rejects.csv"
assert_eq "$(tail -n +2 "$f.rejects.csv" | wc -l)" "4" "the rejects file holds the four bad rows"
check "each reject carries its reason" grep -q 'SC-WFH,万佛湖镇,镇,SC,,,,层级: “镇”不是有效层级' "$f.rejects.csv"
# Corrected, the rejects import (the reason column is ignored).
sed -e 's/万佛湖镇,镇/万佛湖镇,乡镇/' -e 's/城关镇梅河社区网格,网格,SC-CG,,/城关镇梅河社区网格,网格,SC-CG,地域,/' \
	-e 's/116.95,,/116.95,31.46,/' -e '/SC-ZMQ/d' "$f.rejects.csv" >"$tmp/fixed.csv"
gw import --db "$db" "$tmp/fixed.csv"
assert_rc 0 "the corrected rejects import"
assert_err_has "未知列“原因”" "the reason column is reported as unknown and ignored"
assert_eq "$(sql "$db" 'SELECT count(*) FROM grid')" "6" "all corrected rows are in"

# ---- a UTF-8 file with a bad byte is UTF-8 with a bad row --------------------------
new_db badbyte
sed 's/^SC-TX,桃溪镇/SC-TX,桃\xff溪镇/' "$tmp/grids.csv" >"$tmp/badbyte.csv"
gw import --db "$db" "$tmp/badbyte.csv"
assert_rc 1 "a bad byte: exit 1"
assert_err_has "$tmp/badbyte.csv: 编码 UTF-8" "still read as UTF-8"
assert_err_lacks "GB18030" "not taken for GB18030"
assert_err_line "^$tmp/badbyte.csv:8: .*UTF-8" "the row with the bad byte is named"
assert_eq "$(sql "$db" 'SELECT count(*) FROM grid')" "0" "nothing written"

# ---- headers ----------------------------------------------------------------
new_db hdr
printf 'Code,Name,Level,Parent_Code,Basis,备注\nSC,舒城县,county,,,县城\nSC-CG,城关镇,township,SC,,\n' >"$tmp/en.csv"
gw import --db "$db" "$tmp/en.csv"
assert_rc 0 "English headers import"
assert_err_has "未知列“备注”" "an unknown column is reported"
assert_eq "$(sql "$db" 'SELECT count(*) FROM grid')" "2" "rows with English headers are in"
printf '编码,名称,上级编码\nSC-HB,杭埠镇,SC\n' >"$tmp/nolevel.csv"
gw import --db "$db" --kind grids "$tmp/nolevel.csv"
assert_rc 1 "a missing required column: exit 1"
assert_err_has "缺少必需的列“层级”" "the missing column is named"
printf '编码,名称,层级,编码\nSC-HB,杭埠镇,乡镇,SC-HB\n' >"$tmp/dup.csv"
gw import --db "$db" "$tmp/dup.csv"
assert_rc 1 "a duplicate column: exit 1"
assert_err_has "出现了两次" "the duplicate column is reported"
printf '序号,备注\n1,舒城\n' >"$tmp/what.csv"
gw import --db "$db" "$tmp/what.csv"
assert_rc 2 "an unrecognisable header: exit 2"
assert_err_has "--kind" "asks for --kind"
assert_eq "$(sql "$db" 'SELECT count(*) FROM grid')" "2" "nothing written by refused files"
gw import --db "$db" --kind nonsense "$tmp/en.csv"
assert_rc 2 "an unknown --kind: exit 2"
gw import --db "$db"
assert_rc 2 "import without files: exit 2"
gw import --db "$db" "$tmp/nofile.csv"
assert_rc 1 "a missing file: exit 1"
assert_err_has "$tmp/nofile.csv" "the missing file is named"
gw import --db "$tmp/nodb.db" "$tmp/grids.csv"
assert_rc 1 "import into a missing database: exit 1"
assert_no_file "$tmp/nodb.db" "import does not create a database"

# ---- standard input -----------------------------------------------------------
new_db stdin
run bash -c '"$0" import --db "$1" - <"$2"' "$GW" "$db" "$tmp/grids-gb.csv"
assert_rc 0 "import - reads standard input"
assert_err_has "GB18030" "standard input gets encoding detection too"
assert_eq "$(sql "$db" 'SELECT count(*) FROM grid')" "$rows" "every grid from standard input is in"

# ---- several files, dependency order -----------------------------------------
new_db multi
cp "$FIX/orgs.csv" "$tmp/orgs.csv"
gw import --db "$db" "$tmp/orgs.csv" "$tmp/grids.csv"
assert_rc 0 "orgs named before grids import in dependency order"
assert_eq "$(sql "$db" 'SELECT count(*) FROM org')" "3" "every organisation is in"
assert_eq "$(sql "$db" "SELECT g.code FROM org o JOIN grid g ON g.id=o.grid_id WHERE o.name='舒城县华讯电子科技有限公司'")" \
	"SC-KFQ-DZ-G01" "organisations point at grids from the same command"
gi=$(grep -n "网格 新增" "$tmp/err" | head -1 | cut -d: -f1)
oi=$(grep -n "orgs.csv: .*新增 3" "$tmp/err" | head -1 | cut -d: -f1)
check "grids are summarised before organisations" test "${gi:-99}" -lt "${oi:-0}"
new_db multi2
sed 's/^91341523MA2N000203/91341523MA2N000204/' "$tmp/orgs.csv" >"$tmp/orgs_bad.csv"
gw import --db "$db" "$tmp/orgs_bad.csv" "$tmp/grids.csv"
assert_rc 1 "a bad organisation: exit 1"
assert_err_has "$tmp/orgs_bad.csv:3: 统一社会信用代码: " "the bad credit code is reported as file:row: column"
assert_eq "$(sql "$db" 'SELECT count(*) FROM grid')|$(sql "$db" 'SELECT count(*) FROM org')" "0|0" \
	"one transaction: the grids are not written either"

# ---- a key twice in one file --------------------------------------------------------
new_db twice
cat >"$tmp/riders.csv" <<'EOF2'
姓名,手机,职业,平台
李骑手,13900000002,外卖骑手,美团
王骑手,13900000002,外卖骑手,饿了么
李骑手,13900000002,外卖骑手,美团
张骑手,13900000003,快递员,顺丰
EOF2
gw import --db "$db" "$tmp/riders.csv"
assert_rc 1 "two riders typed with one phone: refused"
assert_err_has "$tmp/riders.csv:3: 与第 2 行重复：同一登记人员（李骑手）在一个文件中只能出现一次" \
	"the later row is named with the earlier one"
assert_err_lacks "riders.csv:4:" "an exact repeat of a row is no error"
assert_eq "$(sql "$db" 'SELECT count(*) FROM worker')" "0" "nothing written"
gw import --db "$db" --skip-bad "$tmp/riders.csv"
assert_eq "$(sql "$db" "SELECT group_concat(name || ':' || platform, ' ') FROM (SELECT * FROM worker ORDER BY phone)")" \
	"李骑手:美团 张骑手:顺丰" "--skip-bad keeps the first rider, not the overwriting row"
check "the rejects file gives the reason" grep -q "与第 2 行重复" "$tmp/riders.csv.rejects.csv"

done_testing
