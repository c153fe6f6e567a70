#!/usr/bin/env bash
# t_ticket.sh - `gridwork ticket`: registration printing the number alone,
# the whole workflow with its exit statuses (0 done, 1 refused or bad
# input, 2 usage), show and list in text and JSON with English enumerated
# values, overdue lists by department and grid, merge with points paid
# once, imported tickets going on, and two processes registering at once.
. "$(dirname "$0")/lib.sh"

# jx FILE PATH: one value of a JSON file, through SQLite's JSON functions.
jx() { sqlite3 -batch -noheader :memory: "SELECT json_extract(readfile('$1'), '$2')"; }

TRAFFIC=县公安局交通管理大队
MARKET=县市场监督管理局

new_db flow
gw import --db "$db" "$FIX/grids.csv"
cat >"$tmp/instructors.csv" <<'EOF'
姓名,手机,类别,负责网格
钱兼职,13700000002,兼职,SC-HB-G01
王专职,13700000001,专职,SC-HB-G01
EOF
cat >"$tmp/workers.csv" <<'EOF'
姓名,手机,职业,平台
李骑手,13900000002,外卖骑手,美团
EOF
gw import --db "$db" "$tmp/instructors.csv" "$tmp/workers.csv"
assert_rc 0 "fixtures import"

# ---- registration ------------------------------------------------------------
gw ticket new --db "$db" --title "骑手反映：十字路口红绿灯故障" --category 交通警情 --source 骑手上报 \
	--grid SC-HB-G01 --reporter 李骑手 --phone 13900000002 --department "$TRAFFIC" --description "早晚高峰多次险情"
assert_rc 0 "ticket new exits 0"
assert_eq "$(cat "$tmp/out")" "SC-2026-000001" "ticket new prints the number alone"
assert_eq "$(wc -l <"$tmp/out" | tr -d ' ')" "1" "one line on stdout"
n1=$out
assert_eq "$(sql "$db" "SELECT status||'|'||due_on||'|'||category FROM ticket WHERE number='$n1'")" \
	"new|2026-03-05|traffic" "stored in English with its due date (3 working days)"
assert_eq "$(sql "$db" "SELECT i.phone FROM ticket t JOIN instructor i ON i.id=t.instructor_id WHERE number='$n1'")" \
	"13700000001" "the grid's full-time instructor is attached"

gw ticket new --db "$db" --title "Broken railing" --category safety_hazard --source PHONE --grid sc-hb-g01
assert_rc 0 "English values accepted"
assert_eq "$out" "SC-2026-000002" "numbers follow on"
n2=$out

before=$(sql "$db" "SELECT count(*) FROM ticket")
gw ticket new --db "$db" --title "x" --category 飞碟 --source phone --grid SC-HB-G01
assert_rc 1 "a bad category is refused with status 1"
assert_err_has "飞碟" "the message names the bad value"
assert_eq "$out" "" "nothing on stdout when refused"
gw ticket new --db "$db" --title "x" --category traffic --source phone --grid SC-NONE
assert_rc 1 "an unknown grid is refused"
assert_err_has "SC-NONE" "the message names the grid"
gw ticket new --db "$db" --title "x" --category traffic --source phone --grid SC-HB-G01 --department 县外星局
assert_rc 1 "an unknown department is refused"
assert_err_has "县外星局" "the message names the department"
assert_eq "$(sql "$db" "SELECT count(*) FROM ticket")" "$before" "refused registrations write nothing"

# ---- usage -------------------------------------------------------------------
gw ticket new --db "$db" --category traffic --source phone --grid SC-HB-G01
assert_rc 2 "a missing --title is a usage error"
assert_err_has "--title" "the usage error names the option"
gw ticket
assert_rc 2 "ticket alone is a usage error"
gw ticket frobnicate SC-2026-000001
assert_rc 2 "an unknown ticket command is a usage error"
gw ticket accept --db "$db"
assert_rc 2 "a move without a number is a usage error"
gw ticket hold --db "$db" "$n1"
assert_rc 2 "hold without --reason is a usage error"
gw ticket accept --db "$db" "$n1" --bogus
assert_rc 2 "an unknown option is a usage error"
gw ticket show --db "$db" SC-2026-999999
assert_rc 1 "an unknown ticket is refused"
assert_err_has "SC-2026-999999" "the unknown number is named"

# ---- the workflow ---------------------------------------------------------------
gw ticket start --db "$db" "$n1"
assert_rc 1 "start before accept is refused"
assert_err_has "当前可以：受理 accept" "the refusal lists the moves allowed"
gw ticket accept --db "$db" "$n1"
assert_rc 0 "accept"
gw ticket resolve --db "$db" "$n1" --note "x"
assert_rc 1 "resolve before start is refused"
gw ticket start --db "$db" "$n1"
assert_rc 0 "start"
gw ticket hold --db "$db" "$n1" --reason "等待反映人补充照片"
assert_rc 0 "hold"
export GRIDWORK_NOW="2026-03-04 10:00:00"
gw ticket resume --db "$db" "$n1"
assert_rc 0 "resume two working days later"
assert_eq "$(sql "$db" "SELECT status||'|'||held_days||'|'||due_on FROM ticket WHERE number='$n1'")" \
	"in_progress|2|2026-03-09" "the held days push the due date back"
gw ticket comment --db "$db" "$n1" --text "已电话联系交警中队"
assert_rc 0 "comment"
gw ticket transfer --db "$db" "$n1" --department "$MARKET" --reason "涉及占道经营"
assert_rc 0 "transfer"
gw ticket accept --db "$db" "$n1"
gw ticket start --db "$db" "$n1"
gw ticket resolve --db "$db" "$n1" --note "已修复信号灯"
assert_rc 0 "resolve"
gw ticket close --db "$db" "$n1" --satisfaction 9
assert_rc 1 "satisfaction out of range is refused"
gw ticket close --db "$db" "$n1" --satisfaction 5 --note "回访满意"
assert_rc 0 "close after the follow-up call"
assert_eq "$(sql "$db" "SELECT sum(points) FROM points_ledger")" "5" "the reporting rider earns the traffic points"
gw ticket reopen --db "$db" "$n1" --reason "信号灯再次故障"
assert_rc 0 "reopen a closed ticket"
gw ticket resolve --db "$db" "$n1" --note "更换控制器"
gw ticket close --db "$db" "$n1" --satisfaction 4
assert_eq "$(sql "$db" "SELECT count(*)||'|'||sum(points) FROM points_ledger")" "1|5" "closing again pays nothing more"

gw ticket show --db "$db" "$n1" --json
assert_rc 0 "show --json"
cp "$tmp/out" "$tmp/show.json"
assert_eq "$(jx "$tmp/show.json" '$.number')" "$n1" "json: number"
assert_eq "$(jx "$tmp/show.json" '$.status')" "closed" "json: status in English"
assert_eq "$(jx "$tmp/show.json" '$.category')" "traffic" "json: category in English"
assert_eq "$(jx "$tmp/show.json" '$.grid')" "SC-HB-G01" "json: grid"
assert_eq "$(jx "$tmp/show.json" '$.department')" "$MARKET" "json: department"
assert_eq "$(jx "$tmp/show.json" '$.due')" "2026-03-09" "json: due"
assert_eq "$(jx "$tmp/show.json" '$.overdue_grade')" "none" "json: overdue_grade"
assert_eq "$(jx "$tmp/show.json" '$.satisfaction')" "4" "json: satisfaction"
assert_eq "$(sqlite3 -batch -noheader :memory: "SELECT json_array_length(readfile('$tmp/show.json'), '\$.events')")" \
	"14" "json: every step is in the history"
assert_eq "$(sqlite3 -batch -noheader :memory: "SELECT group_concat(json_extract(value,'\$.action'),',') FROM json_each(readfile('$tmp/show.json'),'\$.events')")" \
	"register,accept,start,hold,resume,comment,transfer,accept,start,resolve,close,reopen,resolve,close" \
	"json: events in order"
assert_eq "$(jx "$tmp/show.json" '$.events[3].from')|$(jx "$tmp/show.json" '$.events[3].to')|$(jx "$tmp/show.json" '$.events[3].note')" \
	"in_progress|on_hold|等待反映人补充照片" "json: an event has from, to and note"
assert_eq "$(jx "$tmp/show.json" '$.events[0].at')" "2026-03-02 09:30:00" "json: events have their time"
check "json: events have who" test -n "$(jx "$tmp/show.json" '$.events[0].by')"

gw ticket show --db "$db" "$n1"
assert_rc 0 "show as text"
assert_out_has "办理记录" "the text shows the history"
assert_out_has "等待反映人补充照片" "with the reasons"
assert_out_has "已关闭" "and the state in Chinese"

# ---- return and reassignment; supporting departments; instructor ----------------------
gw ticket return --db "$db" "$n2" --reason "x"
assert_rc 1 "nothing to return before a department holds it"
gw ticket accept --db "$db" "$n2"
assert_rc 1 "accept needs a department"
gw ticket accept --db "$db" "$n2" --department "$TRAFFIC"
assert_rc 0 "accept with a department"
gw ticket return --db "$db" "$n2" --reason "非交通问题"
assert_rc 0 "return"
assert_eq "$(sql "$db" "SELECT status||'|'||ifnull(department,'') FROM ticket WHERE number='$n2'")" "returned|" \
	"returned: with the office again"
gw ticket accept --db "$db" "$n2" --department 县应急管理局
assert_rc 0 "reassigned by accept with a department"
gw ticket support --db "$db" "$n2" --department 县住房和城乡建设局
assert_rc 0 "a supporting department"
gw ticket support --db "$db" "$n2" --department 县住房和城乡建设局
assert_rc 1 "not twice"
gw ticket instructor --db "$db" "$n2" --phone 13700000002
assert_rc 0 "the instructor is changeable"
gw ticket show --db "$db" "$n2" --json
cp "$tmp/out" "$tmp/n2.json"
assert_eq "$(jx "$tmp/n2.json" '$.supporting[0]')" "县住房和城乡建设局" "json: supporting departments"
assert_eq "$(jx "$tmp/n2.json" '$.instructor_phone')" "13700000002" "json: the new instructor"

# ---- merge ---------------------------------------------------------------------------
gw ticket new --db "$db" --title "桥下积水深坑" --category 安全隐患 --source 骑手上报 --grid SC-HB-G01 --phone 13900000002
keep=$out
gw ticket new --db "$db" --title "桥下有坑" --category 安全隐患 --source 骑手上报 --grid SC-HB-G01 --phone 13900000002
dup=$out
gw ticket merge --db "$db" "$dup" --into "$dup"
assert_rc 1 "not into itself"
gw ticket merge --db "$db" "$dup" --into "$keep"
assert_rc 0 "merge"
gw ticket show --db "$db" "$dup" --json
cp "$tmp/out" "$tmp/dup.json"
assert_eq "$(jx "$tmp/dup.json" '$.status')|$(jx "$tmp/dup.json" '$.duplicate_of')" "closed|$keep" \
	"the duplicate is closed with a link"
gw ticket reopen --db "$db" "$dup" --reason "x"
assert_rc 1 "a duplicate is not reopened"
for step in "accept $keep --department $TRAFFIC" "start $keep" "resolve $keep --note 已填平" "close $keep --satisfaction 5"; do
	# shellcheck disable=SC2086
	gw ticket $step --db "$db"
done
assert_rc 0 "the kept ticket closes"
assert_eq "$(sql "$db" "SELECT sum(points) FROM points_ledger")" "10" "points paid once for the merged report"

# ---- lists and overdue --------------------------------------------------------------
gw ticket new --db "$db" --title "城关纠纷" --category dispute --source visit --grid SC-CG-G01 --department "$MARKET"
cg=$out
gw ticket list --db "$db"
assert_rc 0 "list"
assert_out_has "编号" "a header row"
assert_out_has "$cg" "the tickets"
gw ticket list --db "$db" --overdue
assert_rc 0 "nothing overdue yet"
assert_eq "$out" "" "an empty overdue list"
export GRIDWORK_NOW="2026-03-13 09:00:00"   # due 5th and 11th: 6 and 2 working days past
gw ticket list --db "$db" --overdue --json
assert_rc 0 "list --overdue --json"
cp "$tmp/out" "$tmp/over.json"
assert_eq "$(sqlite3 -batch -noheader :memory: "SELECT group_concat(json_extract(value,'\$.number')||':'||json_extract(value,'\$.overdue_grade'),',') FROM json_each(readfile('$tmp/over.json'))")" \
	"$n2:red,$cg:yellow" "overdue: the running tickets past due, graded"
assert_eq "$(sqlite3 -batch -noheader :memory: "SELECT count(*) FROM json_each(readfile('$tmp/over.json')) WHERE json_extract(value,'\$.events') IS NOT NULL")" \
	"0" "list objects carry no events"
gw ticket list --db "$db" --overdue --department "$MARKET" --json
cp "$tmp/out" "$tmp/dept.json"
assert_eq "$(jx "$tmp/dept.json" '$[0].number')" "$cg" "by department"
assert_eq "$(sqlite3 -batch -noheader :memory: "SELECT json_array_length(readfile('$tmp/dept.json'))")" "1" \
	"by department: only that department's"
gw ticket list --db "$db" --overdue --grid SC-CG
assert_rc 0 "by grid (a township and what is under it)"
assert_out_has "$cg" "the township's ticket"
check_not "not the other township's" grep -q "$n2" "$tmp/out"
assert_out_has "黄牌（超期 2 个工作日）" "the grade shown in Chinese"
gw ticket list --db "$db" --status 已关闭 --limit 1
assert_rc 0 "list by Chinese status with a limit"
assert_eq "$(grep -c 'SC-2026' "$tmp/out")" "1" "the limit holds"
assert_err_has "--after" "and says how to go on"
gw ticket list --db "$db" --status nonsense
assert_rc 1 "an unknown status is refused"
export GRIDWORK_NOW="2026-03-13 10:00:00"

# ---- imported tickets go on through the workflow -------------------------------------
cat >"$tmp/tickets.csv" <<'EOF'
编号,标题,类别,来源,网格编码,承办部门,状态,登记时间,办结时间
HB-2026-000007,职工宿舍漏水,职工住房,车间恳谈会,SC-HB-G01,县住房和城乡建设局,已办结,2026-02-25 09:00,2026-02-27 16:00
HB-2026-000008,子女入学,子女入学,书记帮办日,SC-HB-G01,县教育体育局,已关闭,2026-01-05 09:00,2026-01-20 10:00
EOF
gw import --db "$db" "$tmp/tickets.csv"
assert_rc 0 "import tickets"
gw ticket close --db "$db" HB-2026-000007 --satisfaction 5
assert_rc 0 "an imported resolved ticket can be closed"
gw ticket reopen --db "$db" HB-2026-000008 --reason "家长再次反映"
assert_rc 0 "an imported closed ticket can be reopened"
gw ticket show --db "$db" HB-2026-000008 --json
cp "$tmp/out" "$tmp/imp.json"
assert_eq "$(jx "$tmp/imp.json" '$.events[0].action')|$(jx "$tmp/imp.json" '$.events[1].action')|$(jx "$tmp/imp.json" '$.status')" \
	"import|reopen|in_progress" "its history: the import, then the workflow"

# ---- the workflow's records keep the database's rules and round-trip ---------------
gw check --db "$db"
assert_rc 0 "check finds nothing wrong after the workflow"
gw export --db "$db" tickets -o "$tmp/out-tickets.csv"
assert_rc 0 "export tickets"
flowdb=$db
new_db trip
gw import --db "$db" "$FIX/grids.csv" "$tmp/instructors.csv" "$tmp/workers.csv" "$tmp/out-tickets.csv"
assert_rc 0 "the exported tickets (merged, reopened, returned) import into a fresh database"
assert_eq "$(sql "$db" "SELECT group_concat(number||':'||status, ',') FROM (SELECT * FROM ticket ORDER BY number)")" \
	"$(sql "$flowdb" "SELECT group_concat(number||':'||status, ',') FROM (SELECT * FROM ticket ORDER BY number)")" \
	"with the same numbers and states"

# ---- two processes at once --------------------------------------------------------
new_db race
gw import --db "$db" "$FIX/grids.csv"
for p in a b; do
	(
		for i in $(seq 1 15); do
			"$GW" ticket new --db "$db" --title "并发登记$p$i" --category other --source phone --grid SC-TX-G01 \
				>>"$tmp/race.$p" 2>>"$tmp/race.err" || echo FAIL >>"$tmp/race.err"
		done
	) &
done
wait
check "no registration failed" test ! -s "$tmp/race.err"
assert_eq "$(cat "$tmp/race.a" "$tmp/race.b" | sort -u | wc -l | tr -d ' ')" "30" "30 distinct numbers printed"
assert_eq "$(sql "$db" "SELECT count(DISTINCT number)||'|'||min(number)||'|'||max(number) FROM ticket")" \
	"30|SC-2026-000001|SC-2026-000030" "numbers unique and without gaps"

# ---- count and the category filter --------------------------------------------------
db=$tmp/count.db
gw demo --db "$db"
assert_rc 0 "the demo county for counting"
check "the demo county has housing tickets" test "$(sql "$db" "SELECT count(*) FROM ticket WHERE category = 'housing'")" -gt 10
for cat in 职工住房 labor_rights 其他; do
	gw ticket count --db "$db" --category "$cat"
	assert_rc 0 "count --category $cat exits 0"
	en=$(sql "$db" "SELECT DISTINCT category FROM ticket WHERE category IN ('housing','labor_rights','other') AND
		('$cat' = category OR '$cat' = CASE category WHEN 'housing' THEN '职工住房' WHEN 'other' THEN '其他' END)")
	assert_eq "$out" "$(sql "$db" "SELECT count(*) FROM ticket WHERE deleted = 0 AND category = '$en'")" \
		"count --category $cat equals the database's count"
done
gw ticket count --db "$db"
assert_eq "$out" "$(sql "$db" "SELECT count(*) FROM ticket WHERE deleted = 0")" "count without a filter: every ticket"
gw ticket count --db "$db" --category 劳动权益 --status 已关闭 --grid SC-HB
want=$(sql "$db" "WITH RECURSIVE s(id) AS (SELECT id FROM grid WHERE code = 'SC-HB' UNION ALL
	SELECT g.id FROM grid g JOIN s ON g.parent_id = s.id)
	SELECT count(*) FROM ticket WHERE deleted = 0 AND category = 'labor_rights' AND status = 'closed'
	AND grid_id IN (SELECT id FROM s)")
assert_eq "$out" "$want" "count with category, status and a township's grids"
gw ticket list --db "$db" --category 劳动权益 --status 已关闭 --grid SC-HB --limit 0 --json
assert_eq "$(sqlite3 -batch -noheader :memory: "SELECT json_array_length(readfile('$tmp/out'))")" "$want" \
	"list --category gives the tickets count counted"
check_not "list --category: no other category" grep -q '"category":"housing"' "$tmp/out"
gw ticket count --db "$db" --category 劳动权益 --overdue
n_over=$out
gw ticket list --db "$db" --category 劳动权益 --overdue --limit 0 --json
assert_eq "$(sqlite3 -batch -noheader :memory: "SELECT json_array_length(readfile('$tmp/out'))")" "$n_over" \
	"count --overdue equals the overdue list"
gw ticket count --db "$db" --category 住房
assert_rc 1 "an unknown category is refused"
assert_err_has "“住房”不是有效的类别" "the message names the bad category"
assert_err_has "职工住房 housing" "and lists the categories"

done_testing
