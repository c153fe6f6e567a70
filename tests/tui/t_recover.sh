#!/bin/bash
# t_recover.sh - a form's input survives the program being killed (SIGKILL,
# as when an SSH session drops): it is kept in a private draft file on
# every change and offered back on the next start; Yes brings the form
# back to finish and save, No throws the draft away.
. "$(dirname "$0")/lib.sh"

check "recover: fixture database built" make_db || finish
drafts=$tmp/.local/state/gridwork
draft_has() { grep -qF -- "$1" "$drafts"/draft-*.txt 2>/dev/null; }

start 100 30 || { notok "recover: program starts"; finish; }
wait_for "- 舒城县" >/dev/null
key F5 n
type_text "91341523MA2N000102"
key Tab
type_text "舒城县恢复测试有限公司"
check "recover: the draft follows the typing" poll draft_has "舒城县恢复测试有限公司"
check "recover: the draft is private (0600)" \
	test "$(stat -c %a "$drafts"/draft-*.txt)" = 600
check "recover: its directory too (0700)" test "$(stat -c %a "$drafts")" = 700
kill -KILL "$(T display-message -p -t gw '#{pane_pid}')"
check "recover: killed" test "$(exit_status)" = "signal 9"
check "recover: the draft outlives it" draft_has "舒城县恢复测试有限公司"

new_server
start 100 30 || { notok "recover: program starts again"; finish; }
check "recover: offered back on start" wait_for "上次有未保存的新建单位表单「舒城县恢复测试有限公司」"
check "recover: the question fits" widths_ok 100
key y
check "recover: Yes brings the form back" wait_for "新建单位"
check "recover: with what was typed" shows "舒城县恢复测试有限公司"
check "recover: all of it" shows "91341523MA2N000102"
check "recover: on the organisations' screen" shows "F5 单位"
key Tab Tab
type_text "社"
key Enter
check "recover: then finished as usual" poll shows_re '类型\* +社会组织'
key Tab Tab
type_text "杭埠"
key Enter
key Tab Tab Tab
type_text "无"
key Enter C-s
check "recover: saved" wait_for "已保存「舒城县恢复测试有限公司」"
check "recover: in the database" \
	test "$(sql "SELECT kind || '|' || g.code FROM org o JOIN grid g ON g.id = o.grid_id WHERE o.name = '舒城县恢复测试有限公司'")" = "social_org|SC-HB"
check "recover: the draft gone once saved" test -z "$(ls "$drafts" 2>/dev/null)"
key Escape
T send-keys -t gw F10
check "recover: quits" test "$(exit_status)" = 0

# Killed while editing a record; No on the next start throws it away.
new_server
start 100 30 || { notok "recover: program starts a third time"; finish; }
wait_for "- 舒城县" >/dev/null
key F3 Enter
wait_for "修改指导员" >/dev/null
type_text "改"
check "recover: an edit is kept too" poll draft_has "刘洋改"
kill -KILL "$(T display-message -p -t gw '#{pane_pid}')"
exit_status >/dev/null
new_server
start 100 30 || { notok "recover: program starts a fourth time"; finish; }
check "recover: an edit offered back" wait_for "上次对指导员「刘洋改」的修改未保存"
key n
check "recover: No closes the question" wait_gone "上次对指导员"
check "recover: and no form" lacks "修改指导员"
check "recover: the draft thrown away" test -z "$(ls "$drafts" 2>/dev/null)"
check "recover: the record untouched" test "$(sql "SELECT name FROM instructor WHERE phone = '13905640104'")" = "刘洋"
check "recover: nothing on stderr" test ! -s "$tmp/err"
finish
