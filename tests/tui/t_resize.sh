#!/bin/bash
# t_resize.sh - resizing redraws at once; a terminal smaller than 80x24
# shows a message and the screen comes back when it is enlarged; 80x24 and
# wider work with aligned columns.
. "$(dirname "$0")/lib.sh"

check "resize: fixture database built" make_db || finish
start 100 30 || { notok "resize: program starts"; finish; }
check "resize: tree at 100x30" wait_for "- 舒城县"

resize 60 20
check "resize: 60x20 says the terminal is too small" wait_for "终端太小：至少需要 80x24，当前 60x20"
check "resize: the message fits in 60 columns" layout_ok 60
check "resize: no table drawn when too small" lacks "│"
key j
check "resize: keys while too small do no harm" shows "终端太小"

resize 100 30
check "resize: back at 100x30 the tree is redrawn" wait_for "- 舒城县"
check "resize: message gone" lacks "终端太小"
check "resize: columns line up after the resize" layout_ok 100
check "resize: the key pressed while small was not acted on" wait_selected "舒城县"

resize 80 24
check "resize: 80x24 shows the tree" wait_for "城关镇老城区网格"
check "resize: 80x24 is not too small" lacks "终端太小"
check "resize: menu bar whole at 80x24" shows "F8 报表  F10 退出"
check "resize: hint bar at 80x24" shows "F1 帮助"
check "resize: all 9 columns at 80x24" test "$(separators)" = 8
check "resize: columns line up at 80x24" layout_ok 80
key G
check "resize: the last row reachable at 80x24" wait_selected "SC-TX-G01"
key Enter
check "resize: detail at 80x24" wait_for "编码：SC-TX-G01"
check "resize: detail layout at 80x24" layout_ok 80
# With the detail below, 11 rows show: the table scrolls by pages.
key g
check "resize: back at the top" wait_selected "舒城县"
key PgDn
check "resize: PgDn moves a page less one row" wait_selected "SC-KFQ-DZ-G01"
check "resize: the top row still in view" shows "- 舒城县"
key PgDn
check "resize: PgDn again reaches the end" wait_selected "SC-TX-G01"
check "resize: the table scrolled" lacks "- 舒城县"
check "resize: the detail follows" wait_for "编码：SC-TX-G01"
key PgUp
check "resize: PgUp moves back a page" wait_selected "SC-HB-G02"
check "resize: scrolled table still lines up" layout_ok 80

resize 79 24
check "resize: 79 columns is too small" wait_for "当前 79x24"
resize 130 40
check "resize: wide terminal puts the detail on the right" wait_for "│ 编码：SC-HB-G02"
check "resize: columns line up at 130x40" layout_ok 130
check "resize: nothing on stderr" test ! -s "$tmp/err"
finish
