#!/bin/bash
# t_syncscr.sh - the exchange screen (F12, or y on the dashboard) at 80x24
# and 100x30: the county (SC) and a township (HB) register each other and
# exchange packages with the CLI; both rename one organisation, so the
# county holds a conflict.  The screen lists the township with its last
# packages and pending changes, shows the conflict with both versions side
# by side (columns lined up), keeps the township's version when asked (the
# database says so), writes a package the township applies, applies the
# township's next package, and refuses it the second time with core's
# message.
. "$(dirname "$0")/lib.sh"

sc=$tmp/t.db hb=$tmp/hb.db
cli() {
	env -i PATH="$PATH" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai HOME="$tmp" "$GW" "$@" \
		>>"$tmp/cli.out" 2>&1
}
hdr='统一社会信用代码,名称,类型,网格编码,党组织'
org() { printf '%s\n91341523MA2N000102,%s,企业,SC-CG-G01,无\n' "$hdr" "$1" >"$tmp/o.csv"; }
setup() {
	cli init --db "$sc" && cli init --db "$hb" --office HB &&
		cli sync peer add --db "$sc" HB 杭埠镇 && cli sync peer add --db "$hb" SC 舒城县 --county &&
		cli import --db "$sc" "$FIX/grids.csv" &&
		org 安徽舒城梅河食品有限公司 && cli import --db "$sc" "$tmp/o.csv" &&
		cli sync export --db "$sc" --to HB -o "$tmp/p1.gws" && cli sync import --db "$hb" "$tmp/p1.gws" &&
		org 梅河食品（杭埠登记） && cli import --db "$hb" "$tmp/o.csv" &&
		org 梅河食品（县里登记） && cli import --db "$sc" "$tmp/o.csv" &&
		cli sync export --db "$hb" --to SC -o "$tmp/p2.gws" && cli sync import --db "$sc" "$tmp/p2.gws" &&
		printf '%s\n91341523MA2N00019X,杭埠镇新登记的物流公司,企业,SC-HB-G01,无\n' "$hdr" >"$tmp/o2.csv" &&
		cli import --db "$hb" "$tmp/o2.csv" &&
		cli sync export --db "$hb" --to SC -o "$tmp/p3.gws"
}
if ! setup; then
	diag <"$tmp/cli.out"
	notok "sync screen: two offices with a conflict set up"
	finish
fi
check "sync screen: the county holds one open conflict" \
	test "$(sql "SELECT count(*) FROM sync_conflict WHERE resolution IS NULL")" = 1

# The columns of the side-by-side view: every line from its header down has
# its two separators at the same display columns.
compare_aligned() {
	screen | sed -n '/^ 字段 /,$p' | head -n -2 | "$tmp/colwidth" | awk '
		NF != 3 { printf "# line %d has %d separators\n", NR, NF - 1; bad = 1 }
		NF == 3 { s = $2 " " $3; if (ref == "") ref = s; else if (s != ref) { print "# " s " vs " ref; bad = 1 } }
		END { if (NR < 3) { print "# no comparison shown"; bad = 1 }; exit bad }'
}
# The line of the comparison that holds a field, squeezed.
cmp_row() { screen | grep -F -- "$1" | head -n 1 | tr -s ' ' | sed 's/ *│ */|/g'; }

start 80 24 || { notok "sync screen: program starts"; finish; }
key F12
check "sync screen: F12 opens it, naming this office" wait_for "本办公室 SC（县级）"
check "sync screen: one open conflict counted" shows "待处理冲突 1 项"
check "sync screen: the township is listed" shows_re 'HB +│杭埠镇'
check "sync screen: with its last packages each way" shows_re '│第 1 号 [0-9-]+ [0-9:]+ *│第 1 号 '
check "sync screen: the conflict is listed" shows_re '│单位│梅河食品.*│名称 *│HB *│待处理'
check "sync screen: both versions side by side" \
	test "$(cmp_row '*名称')" = " *名称|梅河食品（县里登记）|梅河食品（杭埠登记）"
check "sync screen: the headers name both offices" shows_re '字段 +│本办公室 SC +│对方 HB'
check "sync screen: fields the same on both sides too" \
	test "$(cmp_row '信用代码')" = " 信用代码|91341523MA2N000102|91341523MA2N000102"
check "sync screen: values in words, not stored codes" test "$(cmp_row ' 类型 ')" = " 类型|企业|企业"
check "sync screen: the comparison's columns line up" compare_aligned
check "sync screen: nothing wider than 80 columns" widths_ok 80

# Keep the township's version: asked first, then the database holds it.
key t
check "sync screen: t asks before taking theirs" wait_for "采用 HB 的版本"
key y
check "sync screen: says it is settled" wait_for "冲突 1 已处理：保留对方的版本"
check "sync screen: the database holds the township's name" \
	test "$(sql "SELECT name FROM org WHERE credit_code = '91341523MA2N000102'")" = "梅河食品（杭埠登记）"
check "sync screen: the conflict is settled in the database" \
	test "$(sql "SELECT count(*) FROM sync_conflict WHERE resolution IS NULL")" = 0
check "sync screen: no open conflict is listed" wait_for "没有待处理的冲突"
key a
check "sync screen: a lists settled ones too" wait_for "全部冲突"
check "sync screen: the settled one" shows_re '│梅河食品.*│已处理'
key a

# A package for the township, to the offered file; the township applies it.
key x
check "sync screen: x asks where to write HB's package" wait_for "写出发给 HB 的同步包"
key Enter
check "sync screen: the package is written" wait_for "发给 HB 的第 2 号同步包"
pkg=$(ls "$tmp"/SC-HB-*.gws 2>/dev/null | head -n 1)
check "sync screen: the file is there" test -s "$pkg"
cli sync import --db "$hb" "$pkg"
check "sync screen: the township applies it" test $? -eq 0
check "sync screen: and holds the chosen name" \
	test "$(sqlite3 "$hb" "SELECT name FROM org WHERE credit_code = '91341523MA2N000102'")" = "梅河食品（杭埠登记）"

# The township's next package, typed after the offered directory.
key i
check "sync screen: i asks for a package file" wait_for "导入同步包"
type_text "p3.gws"
key Enter
check "sync screen: the package is applied" wait_for "已导入 HB 的第 2 号同步包"
check "sync screen: its organisation is in the database" \
	test "$(sql "SELECT count(*) FROM org WHERE credit_code = '91341523MA2N00019X'")" = 1
key i
type_text "p3.gws"
key Enter
check "sync screen: the same package again is refused, with core's message" wait_for "不能重复导入"
check "sync screen: still fits" widths_ok 80
key Escape
check "sync screen: Esc goes back to the screen below" wait_gone "本办公室 SC（县级）"
key F12 F5
check "sync screen: a screen's key leaves it for that screen" wait_for "│统一社会信用代码"
check "sync screen: gone" lacks "本办公室 SC（县级）"
check "sync screen: nothing on stderr" test ! -s "$tmp/err"

# 100x30, from the dashboard's y: a conflict made again and seen wider.
new_server
org 梅河食品（杭埠再改） && cli import --db "$hb" "$tmp/o.csv"
org 梅河食品（县里再改） && cli import --db "$sc" "$tmp/o.csv"
cli sync export --db "$hb" --to SC -o "$tmp/p4.gws"
cli sync import --db "$sc" "$tmp/p4.gws"
check "sync screen: a second conflict" \
	test "$(sql "SELECT count(*) FROM sync_conflict WHERE resolution IS NULL")" = 1
start 100 30 || { notok "sync screen: starts at 100x30"; finish; }
key F8
wait_for "统计日" >/dev/null
key y
check "sync screen 100x30: y on the dashboard opens it" wait_for "本办公室 SC（县级）"
check "sync screen 100x30: both versions side by side" \
	test "$(cmp_row '*名称')" = " *名称|梅河食品（县里再改）|梅河食品（杭埠再改）"
check "sync screen 100x30: the comparison's columns line up" compare_aligned
check "sync screen 100x30: nothing wider than 100 columns" widths_ok 100
key m y
check "sync screen 100x30: m keeps this office's version" wait_for "保留本办公室的版本"
check "sync screen 100x30: the database keeps it" \
	test "$(sql "SELECT name FROM org WHERE credit_code = '91341523MA2N000102'")" = "梅河食品（县里再改）"
check "sync screen 100x30: nothing on stderr" test ! -s "$tmp/err"
finish
