#!/bin/bash
# t_more_forms.sh - the other kinds' forms at 100x30: a grid added under
# the selected node on the grid screen (n), edited (e) and deleted (d); an
# instructor with two grids ticked in the grid picker (Space); a station
# with its services; a ticket registered in one screen, its grid taken
# from the organisation picked; the help of a form.
. "$(dirname "$0")/lib.sh"

check "forms: fixture database built" make_db || finish
start 100 30 || { notok "forms: program starts"; finish; }
wait_for "- 舒城县" >/dev/null

# A grid under 城关镇.
key Down n
check "forms: new grid under the selected node" wait_for "新建网格"
check "forms: its parent filled in" shows "SC-CG  城关镇"
type_text "sc-cg-g04"
key Tab
type_text "城关镇新区网格"
key Tab
type_text "网格"
key Enter
key Down
type_text "地域"
key Enter
key F1
check "forms: F1 in a form is the form's help" wait_for "帮助：表单"
check "forms: the help lists saving" shows "保存（必填项标有 *）"
key Escape C-s
check "forms: grid saved" wait_for "新建网格（本次已录入 1 条）"
check "forms: grid in the database" \
	test "$(sql "SELECT g.name || '|' || g.level || '|' || g.basis || '|' || p.code FROM grid g JOIN grid p ON p.id = g.parent_id WHERE g.code = 'SC-CG-G04'")" = "城关镇新区网格|grid|region|SC-CG"
key Escape
check "forms: the tree shows it" wait_for "城关镇新区网格"
check "forms: the tree lines up" layout_ok 100
key Down Down Down Down e
check "forms: e edits a grid" wait_for "修改网格：城关镇新区网格"
key Escape d
check "forms: d asks to delete the grid" wait_for "删除网格「城关镇新区网格」吗？"
key y
check "forms: grid deleted" wait_gone "SC-CG-G04"
check "forms: gone from the database" test "$(sql "SELECT count(*) FROM grid WHERE code = 'SC-CG-G04'")" = 0

# An instructor responsible for two grids.
key F3 n
check "forms: new instructor" wait_for "新建指导员"
type_text "欧阳明月"
key Tab
type_text "13905640199"
key Tab
type_text "女"
key Enter
type_text "城关镇党委"
key Tab
type_text "兼"
key Enter
type_text "城关"
check "forms: grid picker lists 城关镇's grids" wait_for "城关镇商贸物流网格  SC-CG-G02"
key Down Space Space
check "forms: Space ticks two" wait_for "已选：SC-CG-G01、SC-CG-G02"
key Enter
check "forms: both in the field" wait_for "SC-CG-G01;SC-CG-G02"
key F9
check "forms: instructor saved" wait_for "已保存「欧阳明月」"
check "forms: with both grids" \
	test "$(sql "SELECT group_concat(g.code, ';') FROM (SELECT g.code FROM instructor i JOIN instructor_grid ig ON ig.instructor_id = i.id JOIN grid g ON g.id = ig.grid_id WHERE i.name = '欧阳明月' ORDER BY g.code) g")" = "SC-CG-G01;SC-CG-G02"
check "forms: as a part-timer, active by default" \
	test "$(sql "SELECT role || '|' || status || '|' || gender FROM instructor WHERE name = '欧阳明月'")" = "part_time|active|female"
key Escape

# A station with its services.
key F7 n
type_text "城关镇暖心驿站"
key Tab
type_text "城关镇老城"
key Enter
type_text "人民路1号"
key Tab Tab
type_text "饮水"
key Space
check "forms: services ticked" wait_for "已选：饮水"
key BSpace BSpace
type_text "充电"
key Space Enter
check "forms: services in the field" wait_for "饮水、充电"
type_text "08:00-20:00"
key C-s
check "forms: station saved" wait_for "已保存「城关镇暖心驿站」"
check "forms: station in the database" \
	test "$(sql "SELECT services || '|' || hours || '|' || address FROM station WHERE name = '城关镇暖心驿站'")" = "water;charging|08:00-20:00|人民路1号"
key Escape

# A rider: job, party member and roles from their lists.
key F6 n
type_text "骑手赵六"
key Tab
type_text "13612345678"
key Tab
type_text "外卖"
key Enter
type_text "美团"
key Tab
type_text "是"
key Enter
type_text "老城"
key Enter
key Space
check "forms: roles offered" wait_for "平安骑手"
key Down Down Space Enter
check "forms: a role ticked" wait_for "平安骑手"
key C-s
check "forms: worker saved" wait_for "已保存「骑手赵六」"
check "forms: worker in the database" \
	test "$(sql "SELECT w.job || '|' || w.party_member || '|' || g.code || '|' || w.roles FROM worker w JOIN grid g ON g.id = w.community_id WHERE w.phone = '13612345678'")" = "delivery_rider|1|SC-CG-G01|safe_rider"
key Escape
check "forms: the workers list shows the rider" wait_for "骑手赵六"

# A ticket, its grid from the organisation.
key F4 n
type_text "骑手反映午间无处就餐"
key Tab Tab
type_text "其他"
key Enter
type_text "骑手"
key Enter Tab
type_text "万家福"
key Enter
check "forms: grid taken from the organisation" wait_for "SC-CG-G01  城关镇老城区网格"
type_text "李四"
key Tab
type_text "13812345678"
key C-s
check "forms: ticket registered" wait_for "已保存「骑手反映午间无处就餐」"
check "forms: ticket in the database, numbered" \
	test "$(sql "SELECT t.status || '|' || t.source || '|' || g.code || '|' || (t.number LIKE 'SC-%') FROM ticket t JOIN grid g ON g.id = t.grid_id")" = "new|rider_report|SC-CG-G01|1"
key Escape
check "forms: the queue shows it" wait_for "骑手反映午间无处就餐"
check "forms: the queue lines up" panes_ok 100
check "forms: nothing on stderr" test ! -s "$tmp/err"
finish
