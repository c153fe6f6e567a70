#!/usr/bin/env bash
# t_report.sh - `gridwork report` on the demo county (the article's figures
# through --json keys, the plain-text table lined up by display columns,
# CSV with a BOM or in GB18030, scope), a period's last second, bad input
# and its exit statuses; `activity`, `coop` and `credit` add and list, and
# their CSV files through import and export.
. "$(dirname "$0")/lib.sh"

export GRIDWORK_NOW="2026-11-20 09:00:00"

# jx FILE PATH: a value of a JSON file, by the sqlite3 shell's JSON functions.
jx() { sqlite3 -batch -noheader :memory: "SELECT json_extract(CAST(readfile('$1') AS TEXT), '$2')"; }

cc -O -o "$tmp/colwidth" "$ROOT/tests/tui/colwidth.c" || echo "not ok - build colwidth"

demo=$tmp/demo.db
gw demo --db "$demo"
assert_rc 0 "demo county builds"

# ---- the article's figures -------------------------------------------------------
gw report --db "$demo" --json --since 2024-01-01 summary
assert_rc 0 "report summary --json"
cp "$tmp/out" "$tmp/s.json"
check "the JSON is valid" test "$(sqlite3 :memory: "SELECT json_valid(CAST(readfile('$tmp/s.json') AS TEXT))")" = 1
assert_eq "$(jx "$tmp/s.json" '$.report')" summary "report key"
assert_eq "$(jx "$tmp/s.json" '$.grids.total')" 30 "grids.total 30"
assert_eq "$(jx "$tmp/s.json" '$.instructors.total')" 220 "instructors.total 220"
assert_eq "$(jx "$tmp/s.json" '$.instructors.grids_meeting_standard')" 30 "every grid meets 1 + 2"
assert_eq "$(jx "$tmp/s.json" '$.new_party_orgs.enterprise')" 62 "new_party_orgs.enterprise 62"
assert_eq "$(jx "$tmp/s.json" '$.new_party_orgs.social_org')" 18 "new_party_orgs.social_org 18"
assert_eq "$(jx "$tmp/s.json" '$.members.in_parks_managed')" 212 "212 park members all netted"
assert_eq "$(jx "$tmp/s.json" '$.tickets.enterprise_problems')" 87 "87 enterprise problems"
assert_eq "$(jx "$tmp/s.json" '$.workers.total')" 268 "268 workers"
assert_eq "$(jx "$tmp/s.json" '$.workers.food_safety_supervisors')" 10 "10 food-safety supervisors"
assert_eq "$(jx "$tmp/s.json" '$.stations.total')" 25 "25 stations"
assert_eq "$(jx "$tmp/s.json" '$.activities.trainings')" 20 "20 trainings"
assert_eq "$(jx "$tmp/s.json" '$.activities.cooperation_projects')" 35 "35 projects"
assert_eq "$(jx "$tmp/s.json" '$.credit.amount_yuan')" 230000000 "230 million yuan"
assert_eq "$(jx "$tmp/s.json" '$.credit.enterprises')" 15 "15 model enterprises"
park=$(sqlite3 -batch -noheader :memory: "SELECT json_extract(value, '$.covered') || '/' || json_extract(value, '$.total')
	FROM json_each(json_extract(CAST(readfile('$tmp/s.json') AS TEXT), '$.coverage'))
	WHERE json_extract(value, '$.scope') = 'SC-KFQ' AND json_extract(value, '$.kind') = 'enterprise'")
assert_eq "$park" "83/100" "park enterprise coverage 83/100"

# ---- plain text: Chinese, lined up by display columns ------------------------------
gw report --db "$demo" --since 2024-01-01 summary
assert_rc 0 "report summary as text"
assert_out_has "统计范围：舒城县（SC）" "the heading names the scope"
check "the grids line" grep -Eq '^党建网格 +30  地域 15、行业 9、产业链 6$' "$tmp/out"
check "the credit line" grep -q '红色信贷授信（元）  *230000000  15 家企业，2.30亿元' "$tmp/out"
gw report --db "$demo" tickets
assert_rc 0 "report tickets as text"
# The first table's lines (right-aligned numbers) all end at the same column.
awk 'NR > 3 && /^$/ { exit } NR > 3' "$tmp/out" >"$tmp/t1"
widths=$("$tmp/colwidth" <"$tmp/t1" | awk '{ print $1 }' | sort -u | wc -l)
assert_eq "$widths" 1 "a table's rows have one display width"
check "the table has its rows" test "$(wc -l <"$tmp/t1")" -ge 12

# ---- CSV --------------------------------------------------------------------------------
gw report --db "$demo" --csv coverage -o "$tmp/cov.csv"
assert_rc 0 "report --csv -o FILE"
check "CSV starts with a BOM and the Chinese header" \
	test "$(head -1 "$tmp/cov.csv")" = $'\xef\xbb\xbf编码,名称,层级,类型,单位数,已覆盖,覆盖率,单独建,联合建,挂靠建\r'
check "CSV holds the park's row" grep -q '^SC-KFQ,舒城经济开发区,园区,企业,100,83,83.0%,' "$tmp/cov.csv"
gw report --db "$demo" --gb18030 roster -o "$tmp/roster.csv"
assert_rc 0 "report --gb18030"
check "GB18030 decodes" iconv -f GB18030 -t UTF-8 "$tmp/roster.csv" -o "$tmp/roster8.csv"
check "several tables each start with their title" grep -q '^网格指导员配备' "$tmp/roster8.csv"
check_not "GB18030 is not UTF-8" iconv -f UTF-8 -t UTF-8 "$tmp/roster.csv" -o /dev/null 2>/dev/null

# ---- scope ----------------------------------------------------------------------------
gw report --db "$demo" --json --scope SC-KFQ coverage
assert_rc 0 "report --scope"
echo "$out" >"$tmp/k.json"
assert_eq "$(jx "$tmp/k.json" '$.coverage[0].scope')" SC-KFQ "the scope's own row first"
assert_eq "$(jx "$tmp/k.json" '$.coverage[0].total')" 100 "the park's 100 enterprises"
check_not "nothing outside the park" grep -q '"SC-CG' "$tmp/k.json"

# ---- a period's last second -----------------------------------------------------------
new_db p
gw import --db "$db" "$FIX/grids.csv"
cat >"$tmp/tickets.csv" <<'EOF'
标题,类别,来源,网格编码,承办部门,状态,登记时间,办结时间
月末最后一秒办结,劳动权益,电话,SC-CG-G01,县总工会,已办结,2026-03-20 09:00,2026-03-31 23:59:59
次月零点办结,劳动权益,电话,SC-CG-G01,县总工会,已关闭,2026-03-20 09:00,2026-04-01 00:00:00
EOF
gw import --db "$db" "$tmp/tickets.csv"
assert_rc 0 "two tickets import"
gw report --db "$db" --json --since 2026-03-01 --until 2026-03-31 tickets
echo "$out" >"$tmp/p.json"
assert_eq "$(jx "$tmp/p.json" '$.tickets.resolved')" 1 "resolved at 23:59:59 on the last day counts, 00:00 the next does not"
gw report --db "$db" --json --since 2026-04-01 --until 2026-04-01 tickets
echo "$out" >"$tmp/p.json"
assert_eq "$(jx "$tmp/p.json" '$.tickets.resolved')" 1 "...and counts on the next day"

# ---- bad input ------------------------------------------------------------------------
gw report --db "$demo" sumary
assert_rc 2 "unknown report: exit 2"
assert_err_has "未知的报表“sumary”" "unknown report is named"
assert_err_has "coverage, new-orgs, roster" "the reports are listed"
gw report --db "$demo"
assert_rc 2 "no report named: exit 2"
gw report --db "$demo" --since 2026-02-30 summary
assert_rc 2 "bad date: exit 2"
assert_err_has "--since" "bad date names the option"
gw report --db "$demo" --since 2026-05-01 --until 2026-04-01 summary
assert_rc 2 "since after until: exit 2"
gw report --db "$demo" --scope SC-NOPE summary
assert_rc 1 "unknown scope: exit 1"
assert_err_has "SC-NOPE" "unknown scope is named"
gw report --db "$demo" --json --csv summary
assert_rc 2 "--json with --csv: exit 2"
gw report --db "$demo" --scope
assert_rc 2 "--scope without a value: exit 2"
gw report --db "$demo" --frob summary
assert_rc 2 "unknown option: exit 2"
gw report --db "$tmp/none.db" summary
assert_rc 1 "missing database: exit 1"
gw report --help
assert_rc 0 "report --help"
assert_out_has "gridwork report" "report --help shows its usage"

# ---- activities, projects, credit -------------------------------------------------------
new_db a
gw import --db "$db" "$FIX/grids.csv" "$FIX/orgs.csv"
assert_rc 0 "fixtures import"
gw activity add --db "$db" --kind 技能培训 --title "外卖骑手“安全骑行”培训" --date 2026/3/8 --grid SC-CG-G01 \
	--organiser 县总工会 --person-times 96
assert_rc 0 "activity add"
check "activity add prints the new id" grep -Eq '^[0-9a-f]{32}$' "$tmp/out"
gw activity add --db "$db" --kind matchmaking --title 产业链对接会 --date 2026-03-05 --person-times 120
assert_rc 0 "a matchmaking event"
gw activity add --db "$db" --kind 技能培训 --title "外卖骑手“安全骑行”培训" --date 2026-03-08
assert_rc 1 "the same activity again: exit 1"
assert_err_has "已有相同的活动" "...says it exists"
gw activity add --db "$db" --kind 讲座 --title 讲座 --date 2026-03-08
assert_rc 1 "unknown kind: exit 1"
assert_err_has "活动类型" "...names the column"
gw activity add --db "$db" --kind training --title 培训 --date 2026-03-08 --person-times 很多
assert_rc 1 "bad person-times: exit 1"
gw activity add --db "$db" --kind training --title 培训
assert_rc 1 "missing date: exit 1"
assert_err_has "举办日期" "...names the date"
gw activity list --db "$db"
assert_rc 0 "activity list"
assert_out_has "外卖骑手“安全骑行”培训" "the list shows the training"
gw activity list --db "$db" --kind training --json
echo "$out" >"$tmp/al.json"
assert_eq "$(jx "$tmp/al.json" '$[0].person_times')" 96 "list --json"
assert_eq "$(jx "$tmp/al.json" '$[1]')" "" "...only trainings"
gw activity list --db "$db" --kind 讲座
assert_rc 2 "list with an unknown kind: exit 2"
gw activity frob --db "$db"
assert_rc 2 "unknown action: exit 2"

gw coop add --db "$db" --title 茶叶智能分拣合作 --org-a 91341523MA2N000102 --org-b 91341523MA2N000203 \
	--field 智能装备 --activity 产业链对接会 --activity-date 2026-03-05 --signed 2026-03-20
assert_rc 0 "coop add with its event"
gw coop add --db "$db" --title 合作 --org-a 91341523MA2N000102 --org-b 91341523MA2N000102
assert_rc 1 "a project with itself: exit 1"
gw coop list --db "$db" --json
echo "$out" >"$tmp/cl.json"
assert_eq "$(jx "$tmp/cl.json" '$[0].activity')" 产业链对接会 "coop list names the event"

gw credit add --db "$db" --org 91341523MA2N000102 --bank 舒城农商银行 --amount 30,000,000 --date 2026-03-25
assert_rc 0 "credit add with separators"
gw credit add --db "$db" --org 91341523MA2N000102 --bank 舒城农商银行 --amount 0 --date 2026-03-26
assert_rc 1 "zero yuan: exit 1"
assert_err_has "授信金额" "...names the amount"
gw credit list --db "$db"
assert_out_has "30000000" "credit list shows the amount"
gw report --db "$db" --json activities
echo "$out" >"$tmp/ar.json"
assert_eq "$(jx "$tmp/ar.json" '$.credit.amount_yuan')" 30000000 "the activities report sums credit"
assert_eq "$(jx "$tmp/ar.json" '$.activities.cooperation_projects')" 1 "...and counts projects"
assert_eq "$(jx "$tmp/ar.json" '$.activities.by_kind.training.person_times')" 96 "...and person-times"

# ---- their CSV files ---------------------------------------------------------------------
for k in activities coop_projects credit_grants; do
	gw export --db "$db" "$k" -o "$tmp/$k.csv"
	assert_rc 0 "export $k"
done
check "activities.csv header" test "$(head -1 "$tmp/activities.csv")" = $'\xef\xbb\xbf活动类型,标题,举办日期,网格编码,主办单位,参与人次\r'
check "credit_grants.csv names the organisation" grep -q '安徽舒城梅河食品有限公司' "$tmp/credit_grants.csv"
new_db b
gw import --db "$db" "$FIX/grids.csv" "$FIX/orgs.csv" "$tmp/credit_grants.csv" "$tmp/coop_projects.csv" "$tmp/activities.csv"
assert_rc 0 "the three files import into a new database, recognised by header"
gw import --db "$db" "$tmp/activities.csv" "$tmp/coop_projects.csv" "$tmp/credit_grants.csv"
assert_rc 0 "importing again"
assert_out_has "新增 0，更新 0，未变 4" "...changes nothing"
gw export --db "$db" coop_projects -o "$tmp/coop2.csv"
assert_same_file "$tmp/coop_projects.csv" "$tmp/coop2.csv" "the projects export the same after the round trip"

done_testing
