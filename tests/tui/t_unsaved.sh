#!/bin/bash
# t_unsaved.sh - F10 quits at once when nothing is unsaved, and asks when
# a form holds input; keys typed in a form are text (q does not quit).
. "$(dirname "$0")/lib.sh"

check "unsaved: fixture database built" make_db || finish
start 80 24 || { notok "unsaved: program starts"; finish; }
wait_for "- 舒城县" >/dev/null
key F5 n
check "unsaved: a new form" wait_for "新建单位"
key Tab
type_text "q舒城"
check "unsaved: q is text in a form" wait_for "q舒城"
key F10
check "unsaved: F10 asks" wait_for "表单中有未保存的修改。仍要退出吗？"
check "unsaved: the question fits" widths_ok 80
key n
check "unsaved: No goes back to the form" wait_gone "仍要退出吗"
check "unsaved: with what was typed" shows "q舒城"
key F10
wait_for "仍要退出吗" >/dev/null
key Escape
check "unsaved: Esc is No too" wait_gone "仍要退出吗"
key F10
wait_for "仍要退出吗" >/dev/null
T send-keys -t gw y
check "unsaved: Yes quits with status 0" test "$(exit_status)" = 0
check "unsaved: the draft is thrown away" test -z "$(ls "$tmp/.local/state/gridwork/" 2>/dev/null)"
check "unsaved: nothing written" test "$(sql "SELECT count(*) FROM org WHERE name LIKE 'q%'")" = 0

# A form opened and left as it was: no question.
new_server
start 80 24 || { notok "unsaved: program starts again"; finish; }
wait_for "- 舒城县" >/dev/null
key F5 Enter
check "unsaved: an organisation opened" wait_for "修改单位"
T send-keys -t gw F10
check "unsaved: F10 quits without asking" test "$(exit_status)" = 0
check "unsaved: nothing on stderr" test ! -s "$tmp/err"
finish
