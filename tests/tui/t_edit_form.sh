#!/bin/bash
# t_edit_form.sh - Enter opens the selected record ready to edit; editing
# in the middle of Chinese text (the cursor by character, Backspace and
# Delete removing one whole character) saves exactly the text shown; Esc
# asks before throwing changes away; a record deleted with d (softly,
# since others refer to it) leaves the list.
. "$(dirname "$0")/lib.sh"

check "edit: fixture database built" make_db || finish
start 100 30 || { notok "edit: program starts"; finish; }
wait_for "- 舒城县" >/dev/null
key F5 /
type_text "华宇"
key Enter
check "edit: the filter leaves the one organisation" wait_for "第 1/1 行"
key Enter
check "edit: Enter opens it ready to edit" wait_for "修改单位：舒城县华宇电子科技有限公司"
check "edit: its values filled in" shows "91341523MA2N000014"
check "edit: the grid with its name" shows "SC-KFQ-DZ-G01  舒城经济开发区电子信息产业园园中园智能制造网格"
check "edit: a list of tags in Chinese" shows "规上、专精特新"
key Tab
# 舒城县华宇电子科技有限公司, cursor at the end: four left is before 有.
key Left Left Left Left BSpace BSpace
check "edit: Backspace removes whole characters" wait_for "舒城县华宇电子有限公司"
key Left Left Delete
check "edit: Delete removes the character under the cursor" wait_for "舒城县华宇子有限公司"
type_text "光"
check "edit: typing goes in at the cursor" wait_for "舒城县华宇光子有限公司"
key Home
type_text "安徽"
key End
type_text "二"
check "edit: Home and End" wait_for "安徽舒城县华宇光子有限公司二"
key BSpace C-s
check "edit: saved, the form closes" wait_for "已保存：安徽舒城县华宇光子有限公司"
check "edit: exactly that text in the database" \
	test "$(sql "SELECT name FROM org WHERE credit_code = '91341523MA2N000014'")" = "安徽舒城县华宇光子有限公司"
check "edit: an update, audited, version counted" \
	test "$(sql "SELECT version FROM org WHERE credit_code = '91341523MA2N000014'")/$(sql "SELECT count(*) FROM audit WHERE tbl = 'org' AND action = 'update'")" = "2/1"
check "edit: nothing else changed" \
	test "$(sql "SELECT tags || '|' || party_org || '|' || party_org_since FROM org WHERE credit_code = '91341523MA2N000014'")" = "above_scale;specialized|standalone|2019-07-01"
check "edit: the list shows the new name" wait_for "安徽舒城县华宇光子"
check "edit: columns line up" panes_ok 100

# Esc with changes asks; No keeps the form, Yes throws them away.
key Enter
wait_for "修改单位：安徽舒城县华宇光子有限公司" >/dev/null
key Tab
type_text "改"
key Escape
check "edit: Esc with changes asks first" wait_for "放弃未保存的修改吗？"
key n
check "edit: No keeps the form and what was typed" wait_for "安徽舒城县华宇光子有限公司改"
key Escape y
check "edit: Yes closes it" wait_gone "修改单位"
check "edit: nothing saved" \
	test "$(sql "SELECT name FROM org WHERE credit_code = '91341523MA2N000014'")" = "安徽舒城县华宇光子有限公司"
# Opened and closed without typing: no question.
key Enter Escape
check "edit: unchanged form closes at once" wait_gone "修改单位"
check "edit: no question asked" lacks "放弃"

# Delete: asks, then the record (an instructor refers to none, so it goes
# for good; an instructor is always kept, marked deleted).
key d
check "edit: d asks first" wait_for "删除单位「安徽舒城县华宇光子有限公司」吗？"
key n
check "edit: No keeps it" test "$(sql "SELECT count(*) FROM org WHERE credit_code = '91341523MA2N000014'")" = 1
key Escape
check "edit: Esc clears the filter" wait_for "第 1/7 行"
check "edit: the edited one sorts first" wait_selected "安徽舒城县华宇光"
key d y
check "edit: Yes deletes it" wait_for "第 1/6 行"
check "edit: gone from the database" \
	test "$(sql "SELECT count(*) FROM org WHERE credit_code = '91341523MA2N000014'")" = 0
key F3 d y
check "edit: an instructor deleted is kept, marked" wait_for "第 1/11 行"
check "edit: marked deleted in the database" \
	test "$(sql "SELECT count(*) FROM instructor WHERE deleted = 1")" = 1
check "edit: nothing on stderr" test ! -s "$tmp/err"
finish
