#!/bin/bash
# t_lookup.sh - the quick lookup: Ctrl-F (or ':') from any screen opens it;
# results come as the clerk types, grouped by kind with instructors first;
# an organisation's row shows its instructors with their phones (or, when
# it has none of its own, those of its grid); Enter jumps to the record on
# its screen (kept to that record; Esc there clears it); Esc closes.  At
# 100x30 and 80x24, with Chinese names and pinyin initials.
. "$(dirname "$0")/lib.sh"

check "lookup: fixture database built" make_db || finish
# 吴敏 looks after 华宇电子 herself; 万家福 has nobody of its own.
printf '%s\n' '姓名,手机,性别,工作单位,类别,负责网格,联系单位,状态' \
	'吴敏,13905640110,女,电子信息产业园,专职,SC-KFQ-DZ-G01,91341523MA2N000014,在岗' >"$tmp/link.csv"
gw import "$tmp/link.csv" >/dev/null 2>&1
check "lookup: an organisation given its instructor" test "$(sql "SELECT count(*) FROM instructor_org")" = 1
gw ticket new --title "老城区路灯损坏" --category 其他 --source 电话 --grid SC-CG-G01 >/dev/null 2>&1
num=$(sql "SELECT number FROM ticket WHERE title = '老城区路灯损坏'")
check "lookup: a ticket to find" test -n "$num"

start 100 30 || { notok "lookup: program starts"; finish; }
wait_for "- 舒城县" >/dev/null
check "lookup: the hint bar offers it" shows "^F 查找"
key C-f
check "lookup: Ctrl-F opens it" wait_for "查找：        "
check "lookup: says what to type" shows "输入姓名、拼音首字母、电话（或后四位）"
check "lookup: the box lines up" panes_ok 100

# By Chinese name: results as typed.
type_text "张"
check "lookup: one character finds" wait_for "张伟  13905640101  专职  城关镇党委"
type_text "伟"
check "lookup: grouped, instructors first" wait_for "指导员（1）"
check "lookup: the instructor's grids" shows "网格：城关镇老城区网格"
check "lookup: the selected hit highlighted" wait_selected "张伟  13905640101"
check "lookup: nothing wider than 100" panes_ok 100
key Enter
check "lookup: Enter jumps to the roster" wait_for "筛选“张伟”（Esc 清除）"
check "lookup: the instructor selected" wait_selected "张伟"
check "lookup: only that record" shows "第 1/1 行"
check "lookup: the roster is the screen" shows_re "│ 张伟 +│13905640101"
check "lookup: roster lines up" panes_ok 100
key Escape
check "lookup: Esc clears the jump's filter" wait_gone "筛选“张伟”"

# By pinyin initials, with ':' from the roster.
key :
check "lookup: ':' opens it too" wait_for "查找：        "
type_text "wf"
check "lookup: initials find 王芳" wait_for "王芳  13905640103"
key Enter
check "lookup: jumped to 王芳" wait_for "筛选“王芳”（Esc 清除）"
check "lookup: 王芳 selected" wait_selected "王芳"
check "lookup: 王芳 in the detail" shows "城关镇老城区网格"
key Escape

# An organisation's instructors with phones, without opening it.
key C-f
type_text "华宇"
check "lookup: the organisation found" wait_for "舒城县华宇电子科技有限公司  91341523MA2N000014"
check "lookup: its own instructor with the phone" shows "指导员：吴敏 13905640110"
key BSpace BSpace
type_text "万家福"
check "lookup: an organisation with none of its own" wait_for "舒城县万家福超市有限公司"
check "lookup: its grid's instructors with phones" \
	shows "所在网格的指导员：张伟 13905640101、李娜 13905640102、王芳 13905640103"
key Enter
check "lookup: Enter opens the organisation on F5" wait_for "筛选“舒城县万家福超市有限公司”"
check "lookup: the organisation selected" wait_selected "舒城县万家福超市"
check "lookup: organisations line up" panes_ok 100

# A ticket by number, a grid by name.
key C-f
type_text "$num"
check "lookup: a ticket by its number" wait_for "$num  老城区路灯损坏  待受理"
key Enter
check "lookup: the ticket on F4" wait_for "筛选“$num”"
check "lookup: the ticket selected" wait_selected "$num"
key C-f
type_text "老城区网格"
check "lookup: a grid by name" wait_for "SC-CG-G01  城关镇老城区网格  网格  专职 1 兼职 2：达标"
check "lookup: the grid's instructors" shows "指导员：张伟 13905640101"
key Enter
check "lookup: the grid opens the roster kept to it" wait_for "网格「城关镇老城区网格」的指导员"
check "lookup: its three instructors" wait_for "第 1/3 行"
check "lookup: the tree on that grid" shows_re "城关镇老城区网格"

# Esc closes without moving; nothing found says so.
key C-f
type_text "无此人"
check "lookup: nothing found says so" wait_for "没有找到"
key Escape
check "lookup: Esc closes it" wait_gone "查找："
check "lookup: the screen as it was" wait_for "第 1/3 行"

# 80x24: from the ticket's detail, the lookup closes the detail and jumps.
resize 80 24
key F4 Escape
check "lookup: queue at 80x24" wait_selected "$num"
key Enter
check "lookup: the detail open" wait_for "工单详情：$num"
key C-f
check "lookup: opens over the detail" wait_for "查找：        "
type_text "ln"
check "lookup: 李娜 by initials at 80x24" wait_for "李娜  13905640102"
check "lookup: fits 80 columns" panes_ok 80
key Enter
check "lookup: from the detail to the roster" wait_for "筛选“李娜”（Esc 清除）"
check "lookup: the detail closed" lacks "工单详情："
check "lookup: 李娜 selected" wait_selected "李娜"
check "lookup: roster lines up at 80x24" panes_ok 80
check "lookup: nothing on stderr" test ! -s "$tmp/err"
finish
