#!/usr/bin/env bash
# t_sync.sh - gridwork sync from the command line: the county (SC) and two
# townships (HB, CG) register each other, exchange packages and converge;
# repeated, older, damaged, truncated, misaddressed and unregistered
# packages are refused (exit 1) without a change; a concurrent edit of one
# ticket is settled by the owner rule; a tie is listed and resolved;
# status and usage errors.
. "$(dirname "$0")/lib.sh"

sc=$tmp/sc.db hb=$tmp/hb.db cg=$tmp/cg.db
gw init --db "$sc"
gw init --db "$hb" --office HB
gw init --db "$cg" --office CG
assert_rc 0 "three offices initialised"

gw sync peer add --db "$sc" HB 杭埠镇
assert_rc 0 "the county registers HB"
assert_out_has "已登记办公室 HB 杭埠镇" "peer add says what it registered"
gw sync peer add --db "$sc" CG 城关镇
gw sync peer add --db "$hb" SC 舒城县 --county
assert_out_has "（县级）" "the county is marked"
gw sync peer add --db "$cg" SC 舒城县 --county
gw sync peer add --db "$cg" SC 舒城县
assert_rc 1 "registering twice is refused"
assert_err_has "已登记" "and says so"
gw sync peer add --db "$cg" cg 城关
assert_rc 1 "a bad office code is refused"
gw sync peer add --db "$cg" CG 城关
assert_rc 1 "an office cannot register itself"

# ---- the county's grids reach both townships ---------------------------------
gw import --db "$sc" "$FIX/grids.csv"
assert_rc 0 "grids imported at the county"
gw sync export --db "$sc" --to HB -o "$tmp/sc-hb-1.gws"
assert_rc 0 "export to HB"
assert_out_has "发给 HB 的第 1 号" "the package is numbered per receiver"
assert_file "$tmp/sc-hb-1.gws" "the package file exists"
assert_no_file "$tmp/sc-hb-1.gws.tmp" "no temporary file is left"
gw sync import --db "$hb" "$tmp/sc-hb-1.gws"
assert_rc 0 "HB applies it"
assert_out_has "已导入 SC 的第 1 号同步包" "import names sender and number"
gw export --db "$sc" grids -o "$tmp/sc-grids.csv"
gw export --db "$hb" grids -o "$tmp/hb-grids.csv"
assert_same_file "$tmp/sc-grids.csv" "$tmp/hb-grids.csv" "HB holds the county's grids"

# ---- refusals change nothing -------------------------------------------------
before=$(counts "$hb")
gw sync import --db "$hb" "$tmp/sc-hb-1.gws"
assert_rc 1 "a package applied twice is refused"
assert_err_has "不能重复导入" "the message says it was applied"
assert_eq "$(counts "$hb")" "$before" "nothing changed"

gw sync import --db "$cg" "$tmp/sc-hb-1.gws"
assert_rc 1 "a package for HB is refused at CG"
assert_err_has "是发给办公室 HB 的" "the message names the addressee"

size=$(stat -c %s "$tmp/sc-hb-1.gws")
cp "$tmp/sc-hb-1.gws" "$tmp/flip.gws"
printf '\x7f' | dd of="$tmp/flip.gws" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
gw sync import --db "$hb" "$tmp/flip.gws"
assert_rc 1 "a flipped byte is refused"
assert_err_has "已损坏" "the package is called damaged"
head -c $((size - 10)) "$tmp/sc-hb-1.gws" >"$tmp/short.gws"
gw sync import --db "$hb" "$tmp/short.gws"
assert_rc 1 "a truncated package is refused"
assert_err_has "截断" "the message says truncated"
cp "$tmp/sc-hb-1.gws" "$tmp/v9.gws"
printf '\x09' | dd of="$tmp/v9.gws" bs=1 seek=8 conv=notrunc 2>/dev/null
gw sync import --db "$hb" "$tmp/v9.gws"
assert_rc 1 "another format version is refused"
assert_err_has "格式版本为 9" "the message names the version"
gw sync import --db "$hb" "$FIX/grids.csv"
assert_rc 1 "a CSV file is not a package"
assert_err_has "不是 gridwork 同步包" "and is called so"
assert_eq "$(counts "$hb")" "$before" "still nothing changed"

gw sync peer add --db "$hb" CG 城关镇
gw sync export --db "$hb" --to CG -o "$tmp/hb-cg.gws"
gw sync import --db "$cg" "$tmp/hb-cg.gws"
assert_rc 1 "a package from an unregistered office is refused"
assert_err_has "未登记的办公室 HB" "the message names the sender"

# ---- tickets: created at each office, edited concurrently ---------------------
gw sync export --db "$sc" --to CG -o "$tmp/sc-cg-1.gws"
gw sync import --db "$cg" "$tmp/sc-cg-1.gws"
assert_rc 0 "CG applies the county's package"
hdr='编号,标题,描述,类别,来源,网格编码,关联单位,反映人,反映人电话,承办部门,指导员手机,状态,登记时间,办结时间'
printf '%s\n,外卖骑手反映小区门禁难进,,其他,来访,SC-CG-G01,,张伟,,,,,2026-03-01 10:00:00,\n' "$hdr" >"$tmp/t-hb.csv"
printf '%s\n,网约车司机反映停车难,,其他,来访,SC-CG-G02,,杨帆,,,,,2026-03-01 11:00:00,\n' "$hdr" >"$tmp/t-cg.csv"
gw import --db "$hb" "$tmp/t-hb.csv"
assert_rc 0 "a ticket registered at HB"
gw import --db "$cg" "$tmp/t-cg.csv"
gw sync status --db "$hb"
assert_out_has "SC 舒城县（县级）" "status lists the county"
assert_out_has "待发：" "status shows what is pending"
check "HB has changes pending for SC" grep -q '待发：[1-9]' "$tmp/out"

n=0
round() {   # the townships send, the county answers both
	n=$((n + 1))
	gw sync export --db "$hb" --to SC -o "$tmp/r$n-hb.gws" && gw sync import --db "$sc" "$tmp/r$n-hb.gws"
	gw sync export --db "$cg" --to SC -o "$tmp/r$n-cg.gws" && gw sync import --db "$sc" "$tmp/r$n-cg.gws"
	gw sync export --db "$sc" --to HB -o "$tmp/r$n-sc-hb.gws" && gw sync import --db "$hb" "$tmp/r$n-sc-hb.gws"
	gw sync export --db "$sc" --to CG -o "$tmp/r$n-sc-cg.gws" && gw sync import --db "$cg" "$tmp/r$n-sc-cg.gws"
}
round
assert_rc 0 "a round of exchanges"
tickets() { sql "$1" "SELECT number || ' ' || title || ' ' || reporter FROM ticket ORDER BY number"; }
assert_eq "$(tickets "$hb")" "$(tickets "$sc")" "HB and the county hold the same tickets"
assert_eq "$(tickets "$cg")" "$(tickets "$sc")" "CG and the county hold the same tickets"
assert_eq "$(sql "$sc" 'SELECT count(*) FROM ticket')" "2" "both tickets, once each"

# The owner (HB) and the county edit HB's ticket: HB's title stands.
printf '%s\nHB-2026-000001,外卖骑手反映门禁问题（已联系物业）,,其他,来访,SC-CG-G01,,张伟,,,,,2026-03-01 10:00:00,\n' "$hdr" >"$tmp/e-hb.csv"
printf '%s\nHB-2026-000001,外卖骑手反映门禁问题（县里改）,,其他,来访,SC-CG-G01,,张伟,,,,,2026-03-01 10:00:00,\n' "$hdr" >"$tmp/e-sc.csv"
# CG edits its own ticket at the same time.
printf '%s\nCG-2026-000001,网约车司机反映停车难（城关）,,其他,来访,SC-CG-G02,,杨帆,,,,,2026-03-01 11:00:00,\n' "$hdr" >"$tmp/e-cg.csv"
gw import --db "$hb" "$tmp/e-hb.csv"
gw import --db "$sc" "$tmp/e-sc.csv"
gw import --db "$cg" "$tmp/e-cg.csv"
round
round
assert_eq "$(sql "$sc" "SELECT title FROM ticket WHERE number = 'HB-2026-000001'")" \
	"外卖骑手反映门禁问题（已联系物业）" "the registering office's edit wins at the county"
assert_eq "$(tickets "$hb")" "$(tickets "$sc")" "HB and the county agree"
assert_eq "$(tickets "$cg")" "$(tickets "$sc")" "CG and the county agree"
gw sync conflicts --db "$sc" --all
assert_rc 0 "conflicts --all"
assert_out_has "按规则处理：归属办公室 HB 的修改优先" "the rule that decided is shown"
assert_out_has "县里改" "the losing version is kept for the record"
gw sync conflicts --db "$sc"
assert_out_has "没有待处理的冲突" "nothing is left open"

# A tie: an organisation (nobody owns it) renamed at both townships from
# the same version.  Each keeps its own and lists it; a clerk's choice at
# one office settles it everywhere (and closes the others' listings).
printf '统一社会信用代码,名称,类型,网格编码,党组织\n91341523MA2N000102,安徽舒城梅河食品有限公司,企业,SC-CG-G01,无\n' >"$tmp/o.csv"
gw import --db "$sc" "$tmp/o.csv"
assert_rc 0 "an organisation at the county"
round
printf '统一社会信用代码,名称,类型,网格编码,党组织\n91341523MA2N000102,梅河食品（杭埠登记）,企业,SC-CG-G01,无\n' >"$tmp/o-hb.csv"
printf '统一社会信用代码,名称,类型,网格编码,党组织\n91341523MA2N000102,梅河食品（城关登记）,企业,SC-CG-G01,无\n' >"$tmp/o-cg.csv"
gw import --db "$hb" "$tmp/o-hb.csv"
gw import --db "$cg" "$tmp/o-cg.csv"
round
open_at() { sql "$1" "SELECT count(*) FROM sync_conflict WHERE resolution IS NULL"; }
total=$(($(open_at "$sc") + $(open_at "$hb") + $(open_at "$cg")))
check "the tie is listed for a clerk" test "$total" -ge 1
where=$hb
[ "$(open_at "$hb")" -ge 1 ] || where=$cg
[ "$(open_at "$where")" -ge 1 ] || where=$sc
gw sync conflicts --db "$where" --json
assert_rc 0 "conflicts --json"
check "one JSON object per line, with both versions" grep -q '"kind":"edit".*"mine":{.*"theirs":{' "$tmp/out"
id=$(sql "$where" "SELECT id FROM sync_conflict WHERE resolution IS NULL ORDER BY id LIMIT 1")
gw sync resolve --db "$where" "$id" --keep sideways
assert_rc 2 "--keep needs mine or theirs"
gw sync resolve --db "$where" "$id" --keep theirs
assert_rc 0 "resolve --keep theirs"
assert_out_has "已处理" "resolve confirms"
gw sync resolve --db "$where" "$id" --keep mine
assert_rc 1 "a settled conflict cannot be settled again"
round
round
orgs() { sql "$1" "SELECT credit_code || ' ' || name FROM org"; }
assert_eq "$(orgs "$hb")" "$(orgs "$sc")" "after the clerk's choice HB and the county agree"
assert_eq "$(orgs "$cg")" "$(orgs "$sc")" "and CG too"
assert_eq "$(($(open_at "$sc") + $(open_at "$hb") + $(open_at "$cg")))" "0" "no conflict is left open anywhere"
gw export --db "$sc" tickets -o "$tmp/sc-t.csv"
gw export --db "$cg" tickets -o "$tmp/cg-t.csv"
assert_same_file "$tmp/sc-t.csv" "$tmp/cg-t.csv" "the ticket exports are identical"
gw export --db "$hb" grids -o "$tmp/hb-g.csv"
gw export --db "$sc" grids -o "$tmp/sc-g.csv"
assert_same_file "$tmp/sc-g.csv" "$tmp/hb-g.csv" "the grid exports are identical"
gw sync status --db "$sc"
assert_out_has "HB 杭埠镇" "the county's status lists HB"
assert_out_has "本办公室是县级办公室" "and knows it is the county"

# ---- usage -------------------------------------------------------------------
gw sync
assert_rc 2 "sync without a subcommand exits 2"
gw sync export --db "$sc" --to HB
assert_rc 2 "export without -o exits 2"
gw sync export --db "$sc" --to XX -o "$tmp/x.gws"
assert_rc 1 "export to an unknown office is refused"
assert_err_has "尚未登记" "and says it is not registered"
assert_no_file "$tmp/x.gws" "no package is written"
gw sync import --db "$sc" "$tmp/missing.gws"
assert_rc 1 "a missing package file"
gw sync frobnicate
assert_rc 2 "an unknown sync subcommand exits 2"
gw sync help
assert_rc 0 "sync help"
assert_out_has "gridwork sync resolve" "help lists resolve"

done_testing
