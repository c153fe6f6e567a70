#!/bin/bash
# t_lists.sh - the list screens at 100x30 and 80x24: sorting by any column
# (s cycles the column, S reverses), filtering as one types (a name, pinyin
# initials, the last digits of a phone) and Esc clearing it, the grid tree
# keeping the table to a node, the ticket queue marking overdue tickets in
# words, columns lined up in display columns everywhere.
. "$(dirname "$0")/lib.sh"

check "lists: fixture database built" make_db || finish
# Tickets: two long overdue (registered in 2025), one resolved in time.
cat >"$tmp/tickets.csv" <<'EOF'
编号,标题,描述,类别,来源,网格编码,关联单位,反映人,反映人电话,承办部门,指导员手机,状态,登记时间,办结时间
SC-2025-000001,厂区门口道路积水影响通行,,安全隐患,电话,SC-CG-G01,,王五,13812345678,县应急管理局,,办理中,2025-03-02 09:30,
SC-2025-000002,骑手反映午间无处就餐,,其他,骑手上报,SC-HB-G01,,刘洋,13812345679,,,待受理,2025-04-01 10:00,
SC-2025-000003,招工困难求助,,招工,书记帮办日,SC-KFQ-G01,,,,县人力资源和社会保障局,,已办结,2025-05-06 08:00,2025-05-08 17:00
EOF
gw import "$tmp/tickets.csv" >"$tmp/import2.out" 2>&1 || { cat "$tmp/import2.out" | diag; notok "lists: tickets imported"; }
start 100 30 || { notok "lists: program starts"; finish; }
wait_for "- 舒城县" >/dev/null

key F3
first=$(sql "SELECT name FROM instructor WHERE deleted = 0 ORDER BY name, rowid LIMIT 1")
check "lists: roster sorted by name" wait_selected "$first"
check "lists: the sort column marked" shows "│姓名^"
check "lists: row count" shows "第 1/12 行"
check "lists: roster lines up at 100x30" panes_ok 100
check "lists: detail shows the 1+2 standard of the grids" shows "「1+2」配备"
key s
check "lists: s sorts by the next column" wait_for "│手机^"
check "lists: lowest phone first" wait_selected "13905640101"
key S
check "lists: S reverses" wait_for "│手机v"
check "lists: highest phone first" wait_selected "13905640112"
key s s s s s s
check "lists: s goes round to the first column" wait_for "│姓名^"

# Filtering as one types: initials, then a phone's last digits.
key /
check "lists: / opens the filter line" wait_for "筛选："
type_text "zw"
check "lists: initials find 张伟 as one types" wait_for " 1 条"
check "lists: the one left is 张伟" wait_selected "张伟"
check "lists: and no one else" lacks "李娜"
key Enter
check "lists: Enter keeps the filter" wait_for "筛选“zw”（Esc 清除）"
key Escape
check "lists: Esc clears it" wait_for "第 1/12 行"
key /
type_text "0103"
check "lists: a phone's last four digits" wait_selected "王芳"
key Escape
check "lists: Esc while typing clears too" wait_for "第 1/12 行"
key /
type_text "王"
check "lists: one character of a name" wait_selected "王芳"
key BSpace
check "lists: Backspace widens it again" wait_for "黄丽"
key Escape

# The tree: Tab into it, down to 杭埠镇; the table keeps to it.
key Tab
for i in 1 2 3 4 5; do key Down; done
check "lists: tree on 杭埠镇" wait_selected "杭埠镇"
want=$(sql "SELECT count(DISTINCT i.id) FROM instructor i JOIN instructor_grid ig ON ig.instructor_id = i.id JOIN grid g ON g.id = ig.grid_id WHERE g.code LIKE 'SC-HB%' AND i.deleted = 0")
check "lists: only 杭埠镇's instructors" wait_for "第 1/$want 行"
key Tab
check "lists: back in the table" wait_for "Enter 编辑"

# The ticket queue at 80x24: overdue in words.
resize 80 24
key F4
check "lists: ticket queue" wait_for "SC-2025-000001"
row() { screen | grep -F -- "$1" | head -n 1; }
check "lists: overdue ticket says so" sh -c 'echo "$1" | grep -qF "超期 "' - "$(row SC-2025-000001)"
check "lists: not-yet-accepted overdue too" sh -c 'echo "$1" | grep -qF "超期 "' - "$(row SC-2025-000002)"
check "lists: resolved ticket is not overdue" sh -c '! echo "$1" | grep -qF "超期"' - "$(row SC-2025-000003)"
check "lists: state in words" sh -c 'echo "$1" | grep -qF "已办结"' - "$(row SC-2025-000003)"
check "lists: every column shown at 80 columns" shows "│办理期限"
check "lists: queue lines up at 80x24" panes_ok 80
key S
check "lists: newest number first" wait_selected "SC-2025-000003"
key s s s s s s
check "lists: sorted by due date" wait_for "│办理期限^"
check "lists: earliest due first" wait_selected "SC-2025-000001"
key F5
check "lists: organisations line up at 80x24" panes_ok 80
key F6
check "lists: gig workers screen" wait_for "│职业"
check "lists: empty list says how to add" shows "没有记录。按 n 新建。"
check "lists: workers line up at 80x24" panes_ok 80
key F7
check "lists: stations line up at 80x24" panes_ok 80
check "lists: nothing on stderr" test ! -s "$tmp/err"
finish
