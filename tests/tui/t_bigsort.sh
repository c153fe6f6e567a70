#!/bin/bash
# t_bigsort.sh - a sort the key's frame cannot hold (tui/listscr_read.c):
# on more tickets than a frame's worth (LIST_SYNC_MAX, 10,000), sorting by
# a column without an index is done between keys - the key is answered at
# once, "排序中..." stands in for the rows, then the sorted rows come - and
# keys pressed meanwhile are answered, the last sort asked for winning.
# The same on the grid screen's counts is make bench's (a county this size
# counts within the frame).  At 80x24, Chinese titles.
. "$(dirname "$0")/lib.sh"

check "bigsort: fixture database built" make_db || finish
# 10,001 tickets; titles in an order of their own: ticket i is titled by
# (i * 7919) mod 10001, so the first by title is neither the first nor the
# last registered.
awk 'BEGIN { print "标题,类别,来源,网格编码"
	for (i = 0; i < 10001; i++)
		printf "工单%05d号反映噪音,其他,骑手上报,%s\n", (i * 7919) % 10001, (i % 2 ? "SC-CG-G01" : "SC-CG-G02") }' \
	>"$tmp/tickets.csv"
check "bigsort: 10,001 tickets imported" gw import "$tmp/tickets.csv" >/dev/null 2>&1
check "bigsort: all in" test "$(sql 'SELECT count(*) FROM ticket')" -eq 10001
first=$(sql "SELECT number FROM ticket ORDER BY title, rowid LIMIT 1")
last=$(sql "SELECT number FROM ticket ORDER BY title DESC, rowid DESC LIMIT 1")

start 80 24 || { notok "bigsort: program starts"; finish; }
key F4
check "bigsort: the queue by number" wait_for "第 1 行"
key s
check "bigsort: s is answered, and the rows by title come" wait_for "工单00000号"
check "bigsort: nothing still sorting" wait_gone "排序中"
check "bigsort: the first by title is selected" wait_selected "$first"
check "bigsort: the detail is that ticket's" shows "$first 工单00000号反映噪音"
key S
check "bigsort: S reverses it" wait_for "工单10000号"
check "bigsort: the last by title first" wait_selected "$last"
second=$(sql "SELECT number FROM ticket ORDER BY title DESC, rowid DESC LIMIT 1 OFFSET 1")
key j
check "bigsort: j moves in the sorted rows" wait_selected "$second"
check "bigsort: the queue lines up" panes_ok 80

# Two sorts asked for at once (category, then grid): both keys answered,
# the second one shown - by the grid's name, ties in registration order.
n=$(frames)
T send-keys -t gw s s
check "bigsort: both keys answered" wait_frames $((n + 2))
check "bigsort: the rows come for the last one" wait_gone "排序中"
one=$(sql "SELECT t.number FROM ticket t JOIN grid g ON g.id = t.grid_id ORDER BY g.name, t.rowid LIMIT 1")
check "bigsort: by grid, ties in registration order" wait_selected "$one"
check "bigsort: sorted by the grid column" shows "网格^"
check "bigsort: nothing on stderr" test ! -s "$tmp/err"
T send-keys -t gw F10
check "bigsort: quits with status 0" test "$(exit_status)" = 0
finish
