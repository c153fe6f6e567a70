#!/bin/bash
# t_desk.sh - the ticket desk at 100x30: a ticket registered in its form
# taken through accept -> transfer -> (resolve refused) -> accept -> start
# -> resolve -> close from its detail, each move asking what it needs (the
# department picked, the reason typed in Chinese, the satisfaction 1-5),
# the database checked after every step (state, department, the event);
# the core's refusal shown with the moves allowed; the detail's full
# history; the hint bar offering only the moves the state allows.  Then at
# 80x24 from the queue: a refused move, a comment, and a bulk transfer of
# tagged tickets.
. "$(dirname "$0")/lib.sh"

cc -O -o "$tmp/colcut" "$ROOT/tests/tui/colcut.c" || { notok "desk: build tests/tui/colcut.c"; finish; }
# notice_has COLS TEXT: the notice box (as input.c draws it, centred,
# min(COLS - 8, 64) wide) holds TEXT, its lines joined; spaces are not
# compared, since wrapping may end a line at one.
notice_has() {
	local w=$(($1 - 8 < 64 ? $1 - 8 : 64)) x
	x=$((($1 - w) / 2))
	screen | "$tmp/colcut" $((x + 2)) $((x + w - 2)) | tr -d ' \n' | grep -qF -- "$(printf %s "$2" | tr -d ' ')"
}

check "desk: fixture database built" make_db || finish
start 100 30 || { notok "desk: program starts"; finish; }
wait_for "- 舒城县" >/dev/null

# Register a ticket through its form.
key F4 n
type_text "骑手反映午间无处就餐"
key Tab Tab
type_text "其他"
key Enter
type_text "骑手"
key Enter Tab
type_text "万家福"
key Enter
type_text "李四"
key Tab
type_text "13812345678"
key C-s
check "desk: ticket registered" wait_for "已保存「骑手反映午间无处就餐」"
key Escape
check "desk: the queue shows it" wait_for "骑手反映午间无处就餐"
num=$(sql "SELECT number FROM ticket WHERE title = '骑手反映午间无处就餐'")
tid=$(sql "SELECT id FROM ticket WHERE number = '$num'")
# state|department|events|last event's action|its to_status|its department|its note
state() {
	sql "SELECT t.status || '|' || ifnull(t.department, '') || '|' ||
		(SELECT count(*) FROM ticket_event WHERE ticket_id = t.id) || '|' ||
		(SELECT action || '|' || ifnull(to_status, '') || '|' || ifnull(department, '') || '|' || note
		 FROM ticket_event WHERE ticket_id = t.id ORDER BY at DESC, rowid DESC LIMIT 1)
		FROM ticket t WHERE t.id = '$tid'"
}
state_is() {
	local got
	got=$(state)
	[ "$got" = "$1" ] && return 0
	echo "# state: $got"
	echo "# want:  $1"
	return 1
}
check "desk: registered as new, one event" test "$(sql "SELECT status || '|' || (SELECT count(*) FROM ticket_event WHERE ticket_id = '$tid') FROM ticket WHERE id = '$tid'")" = "new|1"
check "desk: the queue lines up" panes_ok 100
hint() { screen | tail -n 2 | head -n 1; }
hint_has() { hint | grep -qF -- "$1"; }
hint_lacks() { ! hint | grep -qF -- "$1"; }
check "desk: hint bar offers accept on a new ticket" hint_has "a 受理"
check "desk: and transfer" hint_has "t 流转"
check "desk: but not resolve" hint_lacks "r 办结"
check "desk: nor close" hint_lacks "c 关闭"

# The detail with its history.
key Enter
check "desk: Enter opens the detail" wait_for "工单详情：$num"
check "desk: the detail shows the history" shows "办理记录（1 条）"
check "desk: the detail lines up" panes_ok 100

# Accept: no department yet, so the picker asks for one (typed to narrow).
key a
check "desk: accept asks for the department" wait_for "受理 $num：选择承办部门"
type_text "社会工作"
check "desk: the picker narrows" wait_for "县委社会工作部"
key Enter
check "desk: accepted" wait_for "受理 $num 完成，现为「已受理」"
check "desk: accepted in the database, with the department and its event" \
	state_is "accepted|县委社会工作部|2|accept|accepted|县委社会工作部|"
check "desk: the detail shows the step" wait_for "办理记录（2 条）"
check "desk: history line of the accept" shows_re "root +受理 +待受理 -> 已受理  县委社会工作部"
check "desk: hint bar now offers start" hint_has "w 办理"
check "desk: and no longer accept" hint_lacks "a 受理"

# Transfer: the department, then the reason typed in Chinese.
key t
check "desk: transfer asks for the department" wait_for "流转 $num：选择承办部门"
type_text "人力"
key Enter
check "desk: then the reason" wait_for "流转原因："
check "desk: naming where it goes" shows "流转到：县人力资源和社会保障局"
key Enter
check "desk: the reason is required" wait_for "必填，不能为空"
type_text "涉及社保待遇，转人社局"
check "desk: the reason box lines up" widths_ok 100
key Enter
check "desk: transferred" wait_for "流转 $num 完成，现为「待受理」"
check "desk: transferred in the database, the reason kept" \
	state_is "new|县人力资源和社会保障局|3|transfer|new|县人力资源和社会保障局|涉及社保待遇，转人社局"
check "desk: the reason in the history" wait_for "说明：涉及社保待遇，转人社局"

# Resolve is not allowed on a new ticket: the core's message, nothing asked.
key r
check "desk: a refused move says why" wait_for "不能办结"
check "desk: and lists the moves allowed" notice_has 100 "当前可以：受理 accept、退回 return、流转 transfer"
check "desk: refusal in a box that fits" widths_ok 100
check "desk: nothing written when refused" \
	state_is "new|县人力资源和社会保障局|3|transfer|new|县人力资源和社会保障局|涉及社保待遇，转人社局"
key Escape
check "desk: any key closes the notice" wait_gone "当前可以："

# The new department signs for it (it has one: nothing to ask), starts.
key a
check "desk: accepted again at once" wait_for "受理 $num 完成，现为「已受理」"
check "desk: by the new department" \
	state_is "accepted|县人力资源和社会保障局|4|accept|accepted|县人力资源和社会保障局|"
key w
check "desk: started" wait_for "开始办理 $num 完成，现为「办理中」"
check "desk: in progress in the database" \
	state_is "in_progress|县人力资源和社会保障局|5|start|in_progress|县人力资源和社会保障局|"

# Resolve with a note, corrected in the middle before Enter.
key r
check "desk: resolve asks how" wait_for "办结情况："
type_text "已协调附近食堂中间开放"
key Left Left Left Left DC
type_text "午"
key Enter
check "desk: resolved" wait_for "办结 $num 完成，现为「已办结」"
check "desk: resolved in the database with the edited note" \
	state_is "resolved|县人力资源和社会保障局|6|resolve|resolved|县人力资源和社会保障局|已协调附近食堂午间开放"
check "desk: resolved_at set" test -n "$(sql "SELECT resolved_at FROM ticket WHERE id = '$tid'")"

# Close: the satisfaction 1-5, then an optional note.
key c
check "desk: close asks the satisfaction" wait_for "核实关闭 $num：群众满意度（按 1-5）"
check "desk: five levels" shows "5  非常满意"
key 5
check "desk: then an optional note" wait_for "回访情况（可不填）："
key Enter
check "desk: closed" wait_for "核实关闭 $num 完成，现为「已关闭」"
check "desk: closed in the database with satisfaction 5" \
	test "$(sql "SELECT status || '|' || satisfaction || '|' || (closed_at <> '') FROM ticket WHERE id = '$tid'")" = "closed|5|1"
check "desk: the close is an event" \
	state_is "closed|县人力资源和社会保障局|7|close|closed|县人力资源和社会保障局|"
check "desk: the full history in the detail" wait_for "办理记录（7 条）"
check "desk: every step listed" test "$(screen | grep -cE 'root +(导入|登记|受理|流转|开始办理|办结|核实关闭) ')" = 7
check "desk: hint bar offers reopen on a closed ticket" hint_has "o 重办"
check "desk: and no other move but comment" sh -c '! echo "$1" | grep -qE " (a|w|h|u|t|r|c|x|M) "' - "$(hint)"

# Accept on a closed ticket: refused, the message naming what is allowed.
key a
check "desk: accept on a closed ticket refused" wait_for "不能受理"
check "desk: the allowed moves are reopen and comment" notice_has 100 "当前可以：重新办理 reopen、备注 comment"
check "desk: the message is the core's" notice_has 100 "工单 $num 当前为“已关闭”，不能受理（accept）"
check "desk: nothing written" test "$(sql "SELECT count(*) FROM ticket_event WHERE ticket_id = '$tid'")" = 7
key Escape Escape
check "desk: Esc leaves the detail" wait_gone "工单详情："
check "desk: the queue shows the state" poll shows_re "│ ?$num│.*│已关闭│"
check "desk: queue lines up after" panes_ok 100
key F1
check "desk: help of the queue lists accept" wait_for "受理（尚无或退回后须指定承办部门）"
check "desk: and merge" shows "作为重复工单并入另一工单"
check "desk: Enter is the detail" shows_re "Enter +工单详情与全部办理记录"
check "desk: e edits" shows_re "│ e +在表单中打开所选记录以修改"
key Escape

# 80x24, from the queue: two more tickets by the CLI, refused and commented.
new_server
gw ticket new --title "商贸物流网格路灯损坏" --category 其他 --source 电话 --grid SC-CG-G02 >/dev/null 2>&1
gw ticket new --title "快递网点占道经营" --category 其他 --source 电话 --grid SC-CG-G02 >/dev/null 2>&1
check "desk: two more tickets" test "$(sql "SELECT count(*) FROM ticket")" = 3
start 80 24 || { notok "desk: program starts at 80x24"; finish; }
wait_for "- 舒城县" >/dev/null
key F4
check "desk: queue at 80x24" wait_selected "$num"
check "desk: queue lines up at 80x24" panes_ok 80
key a
check "desk: refused from the queue too" wait_for "不能受理"
check "desk: the whole message at 80 columns" notice_has 80 "当前可以：重新办理 reopen、备注 comment"
check "desk: the notice fits 80 columns" widths_ok 80
key Escape
key Down
n2=$(sql "SELECT number FROM ticket WHERE title = '商贸物流网格路灯损坏'")
check "desk: second ticket selected" wait_selected "$n2"
key m
check "desk: comment asks the note" wait_for "备注："
type_text "已电话联系反映人"
key Enter
check "desk: commented" wait_for "备注 $n2 完成"
check "desk: comment is an event, the state unchanged" \
	test "$(sql "SELECT t.status || '|' || e.action || '|' || e.note FROM ticket t JOIN ticket_event e ON e.ticket_id = t.id WHERE t.number = '$n2' AND e.action = 'comment'")" = "new|comment|已电话联系反映人"

# Bulk: tag both open tickets, transfer them in one go.
key Space Space
check "desk: two tagged" wait_for "已标记 2 行"
key b
check "desk: b offers the desk's bulk actions" wait_for "对 2 张工单："
check "desk: bulk instructor assignment offered" shows "2  批量指派指导员"
key 1
check "desk: bulk transfer asks the department" wait_for "批量流转：选择承办部门"
type_text "住房"
key Enter
check "desk: then the reason" wait_for "流转原因："
type_text "属城市管理事项"
key Enter
check "desk: both transferred" wait_for "批量流转：已处理 2 条"
check "desk: both in the database" \
	test "$(sql "SELECT count(*) FROM ticket WHERE department = '县住房和城乡建设局' AND status = 'new'")" = 2
check "desk: each with its event" \
	test "$(sql "SELECT count(*) FROM ticket_event WHERE action = 'transfer' AND note = '属城市管理事项'")" = 2
check "desk: tags cleared" wait_gone "已标记"
# Bulk instructor assignment on the selected ticket (no tags): the last.
n3=$(sql "SELECT number FROM ticket WHERE title = '快递网点占道经营'")
check "desk: Space moved on to the third" wait_selected "$n3"
key b 2
check "desk: instructor picker" wait_for "批量指派指导员：选择指导员"
type_text "zw"
check "desk: found by initials" wait_for "张伟  13905640101"
key Enter
check "desk: assigned" wait_for "批量指派指导员：已处理 1 条"
check "desk: the instructor in the database" \
	test "$(sql "SELECT count(*) FROM ticket t JOIN instructor i ON i.id = t.instructor_id WHERE i.phone = '13905640101' AND t.number = '$n3'")" = 1
check "desk: its event" \
	test "$(sql "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id WHERE t.number = '$n3' AND e.action = 'instructor'")" = 1
# Bulk refused for one: nothing changes for any.  (The closed ticket got
# its grid's instructor when it was registered; it must keep exactly that.)
before=$(sql "SELECT coalesce(instructor_id, '') FROM ticket WHERE id = '$tid'")
key g Space Space
check "desk: closed and open tagged" wait_for "已标记 2 行"
key b 2
type_text "zw"
key Enter
check "desk: bulk refused, nothing changed" wait_for "（未作任何修改）"
check "desk: bulk refusal names the ticket" notice_has 80 "工单 $num 当前为“已关闭”，不能更换指导员"
check "desk: nothing assigned to the closed one" \
	test "$(sql "SELECT coalesce(instructor_id, '') FROM ticket WHERE id = '$tid'")" = "$before"
check "desk: no instructor event on the closed one" \
	test "$(sql "SELECT count(*) FROM ticket_event WHERE ticket_id = '$tid' AND action = 'instructor'")" = 0
key Escape
check "desk: queue lines up with the notice gone" panes_ok 80
key Escape
check "desk: Esc clears the tags" wait_gone "已标记"

# Return, reassign by accepting anew, hold and resume.
key Up
check "desk: back on the second ticket" wait_selected "$n2"
key x
check "desk: return asks the reason" wait_for "退回原因："
type_text "非本部门职责"
key Enter
check "desk: returned" wait_for "退回 $n2 完成"
check "desk: returned in the database, the department cleared" \
	test "$(sql "SELECT status || '|' || ifnull(department, '') FROM ticket WHERE number = '$n2'")" = "returned|"
key a
check "desk: accepting a returned ticket asks the department" wait_for "受理 $n2：选择承办部门"
check "desk: with no empty choice" lacks "（空）"
type_text "应急"
key Enter
check "desk: reassigned" wait_for "受理 $n2 完成"
check "desk: to the department picked" \
	test "$(sql "SELECT status || '|' || department FROM ticket WHERE number = '$n2'")" = "accepted|县应急管理局"
key h
check "desk: hold asks the reason" wait_for "挂起原因："
type_text "等待施工队排期"
key Enter
check "desk: on hold" wait_for "挂起 $n2 完成"
check "desk: on hold in the database" \
	test "$(sql "SELECT status || '|' || (hold_since <> '') FROM ticket WHERE number = '$n2'")" = "on_hold|1"
key u
check "desk: resumed" wait_for "恢复办理 $n2 完成"
check "desk: running again" test "$(sql "SELECT status FROM ticket WHERE number = '$n2'")" = accepted

# Merge the third into the second, found by part of its title.
key Down
check "desk: on the third ticket" wait_selected "$n3"
key M
check "desk: merge asks which ticket stays" wait_for "并入工单："
type_text "路灯"
check "desk: found by title" wait_for "$n2  商贸物流网格路灯损坏  已受理"
check "desk: the merge box fits" widths_ok 80
key Enter
check "desk: then an optional note" wait_for "备注（可不填）："
key Enter
check "desk: merged" wait_for "合并为重复 $n3 完成"
check "desk: closed as a duplicate in the database" \
	test "$(sql "SELECT t.status || '|' || k.number FROM ticket t JOIN ticket k ON k.id = t.duplicate_of WHERE t.number = '$n3'")" = "closed|$n2"
check "desk: the ticket that stays records it" \
	test "$(sql "SELECT e.note FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id WHERE t.number = '$n2' AND e.action = 'absorb'")" = "$n3"
# Reopening a merged duplicate: the state allows it, the core does not.
key o
check "desk: reopen asks the reason" wait_for "重办原因："
type_text "误并"
key Enter
check "desk: the core's refusal after asking" wait_for "重新办理 $n3：不能办理"
check "desk: it names the ticket to reopen" notice_has 80 "工单 $n3 已作为重复工单并入 $n2，请重新办理 $n2"
check "desk: still closed" test "$(sql "SELECT status FROM ticket WHERE number = '$n3'")" = closed
key Escape

# Someone else moves the ticket meanwhile: the version check refuses.
key Up
check "desk: on the second ticket again" wait_selected "$n2"
gw ticket start "$n2" >/dev/null 2>&1
check "desk: started elsewhere" test "$(sql "SELECT status FROM ticket WHERE number = '$n2'")" = in_progress
key h
type_text "等待材料"
key Enter
check "desk: a stale version is refused" wait_for "已被他人修改"
check "desk: nothing held" test "$(sql "SELECT status || '|' || (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.id AND e.action = 'hold') FROM ticket t WHERE number = '$n2'")" = "in_progress|1"
key Escape
check "desk: the queue shows the state now" poll shows_re "│ ?$n2│.*│办理中│"
check "desk: queue lines up at the end" panes_ok 80
check "desk: nothing on stderr" test ! -s "$tmp/err"
finish
