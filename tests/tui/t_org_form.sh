#!/bin/bash
# t_org_form.sh - adding an organisation with a Chinese name through its
# form at 80x24: fields in the contract's order, the core's message next to
# the field it names (on leaving it, and on a refused save), pick-lists with
# search, the record in the database afterwards, batch entry keeping the
# grid and the kind; then at 100x30 a new record starting in the grid
# selected in the tree.
. "$(dirname "$0")/lib.sh"

check "org form: fixture database built" make_db || finish
start 80 24 || { notok "org form: program starts"; finish; }
wait_for "- 舒城县" >/dev/null
key F5
check "org form: F5 lists the organisations" wait_for "舒城县华宇电子科技"
check "org form: list lines up at 80x24" panes_ok 80
key n
check "org form: n opens a new form" wait_for "新建单位"
# The screen line a label starts.
line_of() { screen | grep -n -- "│ $1" | head -n 1 | cut -d: -f1; }
order=""
for l in '统一社会信用代码\*' '名称\*' '类型\*' '标签 ' '产业链 ' '网格编码\*' '地址 ' '从业人数 ' \
	'党员人数 ' '党组织\*' '党组织成立日期 ' '联系人 ' '联系电话 '; do
	order="$order $(line_of "$l")"
done
check "org form: fields in the contract's order, required marked" \
	test "$order" = " 3 4 5 6 7 8 9 10 11 12 13 14 15"
check "org form: nothing wider than the terminal" widths_ok 80

# A credit code one character short: the core's message on leaving it.
type_text "91341523ma2n00010"
key Tab
check "org form: credit code typed upper-cased" shows "91341523MA2N00010"
check "org form: the core's message next to the field" wait_for "! 统一社会信用代码应为 18 位（实为 17 位）"
key BTab End
type_text "2"
key Tab
check "org form: fixed, the message goes" wait_gone "应为 18 位"
type_text "舒城县测试科技有限公司"
key Tab
# Pick-lists open on typing and search what is typed.
type_text "企"
check "org form: typing in a choice opens its list" wait_for "查找：企"
key Enter
check "org form: kind chosen" poll shows_re '类型\* +企业' 

# Saved too early: refused with the core's message at the empty grid.
key C-s
check "org form: refused save says so" wait_for "未保存：请按标有 ! 的提示修改"
check "org form: required grid named by the core" shows "! 必填，不能为空"
check "org form: nothing written when refused" \
	test "$(sql "SELECT count(*) FROM org WHERE name = '舒城县测试科技有限公司'")" = 0
type_text "老城"
check "org form: grid picker searches names" wait_for "城关镇老城区网格  SC-CG-G01"
key Enter
check "org form: grid chosen, its name beside the code" wait_for "SC-CG-G01  城关镇老城区网格"
key Tab Tab Tab
type_text "无"
key Enter
check "org form: party organisation chosen" poll shows_re '党组织\* +无' 
key F9
check "org form: F9 saves and a fresh form follows" wait_for "新建单位（本次已录入 1 条）"
check "org form: saved message" shows "已保存「舒城县测试科技有限公司」"
check "org form: saved in the database" \
	test "$(sql "SELECT credit_code || '|' || kind || '|' || party_org || '|' || g.code FROM org o JOIN grid g ON g.id = o.grid_id WHERE o.name = '舒城县测试科技有限公司'")" \
	= "91341523MA2N000102|enterprise|none|SC-CG-G01"
check "org form: audited as an insert" \
	test "$(sql "SELECT count(*) FROM audit WHERE tbl = 'org' AND action = 'insert' AND new LIKE '%测试科技%'")" = 1
check "org form: batch keeps the kind" shows_re '类型\* +企业' 
check "org form: batch keeps the grid" shows "SC-CG-G01  城关镇老城区网格"
check "org form: the name starts empty" sh -c '! echo "$1" | grep -qE "名称\* +舒城"' - "$(screen)"
# An untouched next form closes without asking.
key Escape
check "org form: Esc closes the untouched form" wait_gone "新建单位"
check "org form: the list shows the new organisation" wait_for "舒城县测试科技有限"
check "org form: list still lines up" panes_ok 80
check "org form: no draft left behind" test -z "$(ls "$tmp/.local/state/gridwork/" 2>/dev/null)"

# 100x30: the grid selected in the tree is where a new record starts.
new_server
start 100 30 || { notok "org form: program starts at 100x30"; finish; }
wait_for "- 舒城县" >/dev/null
key F5 Tab
check "org form: Tab moves to the tree" wait_for "Enter 展开/详情"
key Down Down
check "org form: the tree keeps the table to its node" wait_for "第 1/3 行"
check "org form: only that grid's organisations" lacks "舒城县华宇电子"
key Tab n
check "org form: new record in the tree's grid" wait_for "SC-CG-G01  城关镇老城区网格"
check "org form: nothing wider at 100x30" widths_ok 100
key Escape
check "org form: Esc closes it (nothing typed)" wait_gone "新建单位"
check "org form: nothing on stderr" test ! -s "$tmp/err"
finish
