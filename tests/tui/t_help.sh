#!/bin/bash
# t_help.sh - the help overlay lists the keys of the current screen from the
# actions list; F1 and ? open it, Esc and F1 close it; it scrolls on a short
# terminal and the screen underneath comes back whole.
. "$(dirname "$0")/lib.sh"

check "help: fixture database built" make_db || finish
start 100 30 || { notok "help: program starts"; finish; }
wait_for "- 舒城县" >/dev/null

key F1
check "help: F1 opens the help of the grids screen" wait_for "帮助：网格"
check "help: lists movement keys" shows "Down/j    下移一行"
check "help: lists the tree's own keys" shows "Enter     展开或收起；网格显示详情"
check "help: lists quitting" shows "F10/q/^C  退出"
check "help: lists the screens" shows "F5        单位（企业、社会组织、协会商会）"
check "help: no line wider than the pane" widths_ok 100
key j
check "help: keys other than close stay in the overlay" shows "帮助：网格"
key Escape
check "help: Esc closes it" wait_gone "帮助：网格"
check "help: the tree is back whole" layout_ok 100
check "help: the tree kept its rows" shows "城关镇老城区网格"

key '?'
check "help: ? opens it too" wait_for "帮助：网格"
key F1
check "help: F1 closes it again" wait_gone "帮助：网格"

# On another screen the help lists only the global keys.
key F8
check "help: F8 shows the dashboard" wait_for "期间：全部"
key F1
check "help: help of that screen" wait_for "帮助：报表"
check "help: without the tree's keys" lacks "展开或收起"
key Escape F2
check "help: Esc closes, Esc again goes back to the grids" wait_for "- 舒城县"

# At 80x24 the list is longer than the box: it scrolls.
resize 80 24
key F1
check "help: fits at 80x24" wait_for "帮助：网格"
check "help: first key shown at 80x24" shows "F1/?      打开本屏帮助"
check "help: nothing wider than 80 columns" widths_ok 80
check "help: 80x24 needs scrolling for the last key" lacks "重绘屏幕"
key G
check "help: G scrolls to the end" wait_for "重绘屏幕"
check "help: and the first line scrolled away" lacks "F1/?      打开本屏帮助"
key Escape
check "help: closes at 80x24" wait_gone "帮助：网格"
check "help: columns line up at 80x24 afterwards" layout_ok 80
check "help: nothing on stderr" test ! -s "$tmp/err"
finish
