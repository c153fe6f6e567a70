#!/bin/bash
# t_english.sh - ui.language = "en": every string from the catalogue in
# English, the longer names still fitting 80x24 with aligned columns.
. "$(dirname "$0")/lib.sh"

check "english: fixture database built" make_db || finish
sed 's/language = "zh"/language = "en"/' "$ROOT/config/gridwork.cfg" >"$tmp/en.cfg"
start 80 24 GRIDWORK_CONFIG="$tmp/en.cfg" || { notok "english: program starts"; finish; }
check "english: tree in English around Chinese names" wait_for "- 舒城县"
check "english: menu bar whole at 80 columns" shows "F8 Report F10 Quit"
check "english: level names not cut" shows "│township│"
check "english: standard in words" shows "│short"
check "english: status line" shows "11 grids, 3 meet 1+2"
check "english: columns line up at 80x24" layout_ok 80
key Down Down Enter
check "english: detail in English" wait_for "Parent: SC-CG 城关镇"
key F1
check "english: help in English" wait_for "Help: Grids"
check "english: help lists keys" shows "move down one row"
key Escape F8
check "english: F8 opens the dashboard" wait_for "period: all"
check "english: nothing on stderr" test ! -s "$tmp/err"
finish
