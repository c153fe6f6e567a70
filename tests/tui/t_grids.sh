#!/bin/bash
# t_grids.sh - the grid tree on a Chinese county at 100x30: rows and counts,
# columns aligned in display columns, moving with j and arrows, folding,
# and the detail of a grid.
. "$(dirname "$0")/lib.sh"

check "grids: fixture database built" make_db || finish
start 100 30 || { notok "grids: program starts"; finish; }

check "grids: tree opens on the county" wait_for "- 舒城县"
check "grids: menu bar names the screens" shows "F2 网格  F3 指导员  F4 工单"
check "grids: status line shows office and database" shows "办公室 SC"
check "grids: status line counts grids meeting 1+2" shows "11 个网格，「1+2」达标 3 个"

# A row carries its counts: SC-CG-G01 has 2 units (1 with a party
# organisation), 1 full-time and 2 part-time instructors: the standard is met.
row() { screen | grep -F -- "$1" | head -n 1 | tr -s ' ' | sed 's/ *│ */|/g'; }
check "grids: grid row with code, level, basis and counts" \
	test "$(row SC-CG-G01)" = " 城关镇老城区网格|SC-CG-G01|网格|地域|2|1|1|2|达标"
check "grids: short grid says so in text" \
	test "$(row SC-KFQ-G01)" = " 开发区规上企业网格|SC-KFQ-G01|网格|行业|1|1|1|0|未达标"
check "grids: township sums its grids" \
	test "$(row "SC-CG ")" = " - 城关镇|SC-CG|乡镇||3|2|2|3|1/3"
check "grids: county sums everything" \
	test "$(row "SC ")" = "- 舒城县|SC|县||7|5|5|7|3/11"
check "grids: table has its 8 column separators" test "$(separators)" = 8
check "grids: columns line up in display columns at 100x30" layout_ok 100
# 舒城经济开发区电子信息产业园园中园智能制造网格 is wider than its column.
check "grids: long name cut with the marker" shows_re '舒城经济开发区电子信息产业园.*>│SC-KFQ-DZ-G01 '

check "grids: the county is selected first" wait_selected "舒城县"
key j
check "grids: j moves down" wait_selected "城关镇"
key Down
check "grids: Down moves down" wait_selected "城关镇老城区网格"
key k
check "grids: k moves up" wait_selected "- 城关镇"
key G
check "grids: G goes to the last row" wait_selected "桃溪镇工业集中区网格"
key g
check "grids: g goes to the first row" wait_selected "舒城县"
key End
check "grids: End goes to the last row" wait_selected "SC-TX-G01"
key Home
check "grids: Home goes to the first row" wait_selected "舒城县"
key PgDn
check "grids: PgDn stops at the last row" wait_selected "SC-TX-G01"
key PgUp
check "grids: PgUp goes back to the top" wait_selected "舒城县"
key C-l
check "grids: Ctrl-L redraws the same screen" layout_ok 100

# Enter on a township folds it; again unfolds.
key j Enter
check "grids: Enter folds a township" wait_gone "城关镇老城区网格"
check "grids: folded township is marked +" shows "+ 城关镇"
key Enter
check "grids: Enter unfolds it" wait_for "城关镇老城区网格"
key Left
check "grids: Left folds" wait_for "+ 城关镇"
key Right
check "grids: Right unfolds" wait_for "- 城关镇"

# Enter on a grid opens its detail below (100 columns is narrow for a
# right pane); Esc closes it.
key Down Down Enter
check "grids: detail of the selected grid" wait_for "编码：SC-CG-G02    层级：网格"
check "grids: detail names the parent" shows "上级：SC-CG 城关镇"
check "grids: detail says what is short" shows "「1+2」配备：未达标，缺兼职 1 名"
check "grids: columns still line up with the detail open" layout_ok 100
key Down
check "grids: detail follows the selection" wait_for "编码：SC-CG-G03"
check "grids: detail shows coverage" shows "单位 1 家，已建党组织 1 家，覆盖率 100%"
key Escape
check "grids: Esc closes the detail" wait_gone "编码：SC-CG-G03"
check "grids: nothing on stderr" test ! -s "$tmp/err"
finish
