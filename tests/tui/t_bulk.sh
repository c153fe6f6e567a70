#!/bin/bash
# t_bulk.sh - Space tags rows (the mark in the first column, the count on
# the line below the table); b offers the screen's bulk actions and applies
# the one chosen to every tagged row in one go; without tags, to the
# selected row.
. "$(dirname "$0")/lib.sh"

check "bulk: fixture database built" make_db || finish
start 100 30 || { notok "bulk: program starts"; finish; }
wait_for "- 舒城县" >/dev/null
key F3
first=$(sql "SELECT name FROM instructor ORDER BY name, rowid LIMIT 1")
second=$(sql "SELECT name FROM instructor ORDER BY name, rowid LIMIT 1 OFFSET 1")
third=$(sql "SELECT name FROM instructor ORDER BY name, rowid LIMIT 1 OFFSET 2")
check "bulk: roster open" wait_selected "$first"
key Space
check "bulk: Space tags and moves on" wait_selected "$second"
key Space
check "bulk: two tagged" wait_for "已标记 2 行"
check "bulk: tagged rows marked" shows "│*$first"
check "bulk: second marked" shows "│*$second"
check "bulk: untagged row unmarked" shows "│ $third"
check "bulk: marks keep the columns lined up" panes_ok 100
key Up Space
check "bulk: Space again untags" wait_for "已标记 1 行"
key Up Space
check "bulk: and tags again" wait_for "已标记 2 行"
key b
check "bulk: b offers the actions" wait_for "对已标记的 2 行："
check "bulk: instructors can be set inactive" shows "2  设为离岗"
key 2
check "bulk: done for both" wait_for "设为离岗：已处理 2 条"
check "bulk: both inactive in the database" \
	test "$(sql "SELECT group_concat(status, ',') FROM (SELECT status FROM instructor ORDER BY name, rowid LIMIT 2)")" = "inactive,inactive"
check "bulk: the others untouched" \
	test "$(sql "SELECT count(*) FROM instructor WHERE status = 'inactive'")" = 3
check "bulk: each audited" \
	test "$(sql "SELECT count(*) FROM audit WHERE tbl = 'instructor' AND action = 'update'")" = 2
check "bulk: tags cleared after" wait_gone "已标记"
check "bulk: the table shows it" shows_re "│ $first +│[0-9]+│.+│离岗│"
# No tags: the selected row.
key g b
check "bulk: without tags, the selected row" wait_for "对所选行："
key Enter
check "bulk: Enter picks the first action" wait_for "设为在岗：已处理 1 条"
check "bulk: that one active again" \
	test "$(sql "SELECT status FROM instructor ORDER BY name, rowid LIMIT 1")" = active
# Screens without bulk actions say so.
key F5 b
check "bulk: none on the organisations" wait_for "本屏没有批量操作"
check "bulk: nothing on stderr" test ! -s "$tmp/err"
finish
