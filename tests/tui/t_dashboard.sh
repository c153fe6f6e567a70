#!/bin/bash
# t_dashboard.sh - the dashboard (F8) on the demo county at 100x30 and
# 80x24: the article's figures for the county (30 grids, 220 instructors,
# the development zone's coverage above 80%), the same figures as
# `gridwork report summary` for another node of the tree and for other
# periods, bar charts lined up in display columns, Enter on a bar listing
# the records behind it (as many as the bar says) and opening one in its
# list, and CSV export with a BOM (and GB18030).
. "$(dirname "$0")/lib.sh"

NOW='2026-11-25 10:00:00'   # the demo's overdue tickets are overdue on this day
cli() {
	env -i PATH="$PATH" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai HOME="$tmp" \
		GRIDWORK_NOW="$NOW" "$GW" "$@"
}
# json FIGURE ARGS...: a number from `report --json ARGS summary`, by the
# text before it ("tickets":{"total").
json() {
	local what=$1
	shift
	cli report --db "$tmp/t.db" --json "$@" summary | grep -o "$what\":[0-9]*" | head -n 1 |
		grep -o '[0-9]*$'
}

# erase N: Backspace N times, each waited for.
erase() {
	local n
	n=$(frames)
	T send-keys -t gw -N "$1" BSpace
	wait_frames $((n + $1))
}

cli demo --db "$tmp/t.db" >"$tmp/demo.out" 2>&1
check "dashboard: demo county built" test -s "$tmp/t.db" || finish
start 100 30 "GRIDWORK_NOW='$NOW'" || { notok "dashboard: program starts"; finish; }
key F8
check "dashboard: F8 opens on the county, all dates" wait_for "舒城县（SC）  期间：全部"
check "dashboard: the figures are computed" wait_for "统计日 2026-11-25"
check "dashboard: 30 grids by basis (article)" shows "网格 30（地域 15、行业 9、产业链 6）"
check "dashboard: 220 instructors (article)" shows "指导员 220（专职 34、兼职 186）"
check "dashboard: every grid meets 1+2" shows "「1专2兼」达标网格 30/30"
total=$(json '"tickets":{"total')
check "dashboard: tickets registered as the report counts ($total)" shows "工单登记 $total、"
check "dashboard: overdue tickets" shows "超期 14（黄牌 1、红牌 13）"
check "dashboard: coverage chart heading" shows "党组织覆盖率（按乡镇、园区）"
park=$(screen | grep -F "舒城经济开发区  " | grep -F '#' | head -n 1)
check "dashboard: the zone's bar reads 83/100 83.0%" grep -qE '83/100 +83\.0%$' <<<"$park"
rate=$(grep -oE '[0-9.]+%$' <<<"$park" | tr -d %)
check "dashboard: the zone's coverage is above 80% ($rate)" awk -v r="$rate" 'BEGIN { exit !(r > 80) }'
check "dashboard: tree, figures and charts fit 100 columns" panes_ok 100

# Every bar starts at one display column, and its figure ends at the edge.
bars_aligned() {
	local starts ends
	screen | grep -F '#' | sed 's/#.*//' | "$tmp/colwidth" | cut -d' ' -f1 | sort -u >"$tmp/starts"
	starts=$(wc -l <"$tmp/starts")
	ends=$(screen | grep -F '#' | "$tmp/colwidth" | cut -d' ' -f1 | sort -u | wc -l)
	[ "$starts" -eq 1 ] && [ "$ends" -eq 1 ] && return 0
	echo "# bars start at: $(tr '\n' ' ' <"$tmp/starts")"
	screen | grep -F '#' | diag
	return 1
}
check "dashboard: bars line up in display columns" bars_aligned

# Another node of the tree: 百神庙镇 (Tab into the tree, down two).
key Tab j j
check "dashboard: the header names the node" wait_for "百神庙镇（SC-BSM）  期间：全部"
check "dashboard: recomputed for it" wait_for "统计日"
n=$(json '"instructors":{"total' --scope SC-BSM)
check "dashboard: its instructors as the report counts ($n)" shows "指导员 $n（"
check "dashboard: its one grid" shows "网格 1（"
check "dashboard: coverage by grid below a township" shows "党组织覆盖率（按网格）"
check "dashboard: the county's figures are gone" lacks "指导员 220"
key g
check "dashboard: back on the county, from the cache" wait_for "指导员 220（专职 34、兼职 186）"

# The period: this year, then dates of one's own.
key Tab p
check "dashboard: p offers the periods" wait_for "2024 年以来"
key 2
check "dashboard: this year" wait_for "期间：本年（2026）"
year=$(json '"tickets":{"total' --since 2026-01-01 --until 2026-12-31)
check "dashboard: a period change recomputes ($year this year)" wait_for "工单登记 $year、"
key p 5
check "dashboard: custom period asks for the first day" wait_for "起始日期："
erase 12
type_text "2025-01-01"
key Enter
check "dashboard: then the last day" wait_for "截止日期："
erase 12
type_text "2025-13-01"
key Enter
check "dashboard: a bad date is asked again, saying why" wait_for "截止日期："
check "dashboard: the message names the date" shows "“2025-13-01”"
erase 12
type_text "2025-06-30"
key Enter
check "dashboard: the custom period shows" wait_for "期间：2025-01-01 至 2025-06-30"
half=$(json '"tickets":{"total' --since 2025-01-01 --until 2025-06-30)
check "dashboard: and its figures ($half)" wait_for "工单登记 $half、"
key p 4
check "dashboard: all dates again" wait_for "期间：全部"
check "dashboard: figures back from the cache" wait_for "工单登记 $total、"

# Enter on a bar: the last one is the last department with overdue tickets.
key G
sel=$(selected_line)
figure=$(grep -oE '[0-9]+（黄' <<<"$sel" | grep -oE '^[0-9]+')
key Enter
check "dashboard: Enter lists the overdue tickets behind the bar" wait_for "的超期工单："
check "dashboard: as many as the bar says ($figure)" wait_for "找到 $figure 条"
check "dashboard: the list fits the screen" widths_ok 100
number=$(screen | grep -oE 'SC-[0-9]{4}-[0-9]{6}' | head -n 1)
key Enter
check "dashboard: Enter opens the ticket in the queue" wait_for "筛选“$number”"
key F8
check "dashboard: F8 goes back to the charts" wait_for "当前超期工单（按承办部门）"

# The category bars: the first one's records.
key g
for _ in $(seq 1 80); do
	selected_line | grep -qE '#.* [0-9]+$' && ! selected_line | grep -qF '/' && break
	key j
done
cat_figure=$(selected_line | grep -oE '[0-9]+$')
key Enter
check "dashboard: a category bar lists its tickets" wait_for "的工单："
check "dashboard: all of them ($cat_figure)" wait_for "找到 $cat_figure 条"
key Escape
check "dashboard: Esc closes the list" wait_gone "找到 $cat_figure 条"

# CSV export: the summary, UTF-8 with BOM, to the offered file in HOME.
key x
check "dashboard: x asks which report" wait_for "导出哪张报表"
key 1
check "dashboard: then the encoding" wait_for "GB18030"
key 1
check "dashboard: then the file" wait_for "SC-summary-2026-11-25.csv"
key Enter
f=$tmp/SC-summary-2026-11-25.csv
check "dashboard: export says where" wait_for "已导出「概况"
check "dashboard: the file is written" test -s "$f"
check "dashboard: it starts with a BOM" test "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf
check "dashboard: it holds the article's figures" grep -q '^党建网格,30,' "$f"
check "dashboard: and the county's coverage" grep -q '舒城经济开发区' "$f"
key x 1 1 Enter
check "dashboard: an existing file is not overwritten unasked" wait_for "已存在。覆盖吗？"
key y
check "dashboard: overwritten when asked" wait_for "已导出「概况"
key x 2 2 Enter
g=$tmp/SC-coverage-2026-11-25.csv
check "dashboard: coverage in GB18030" wait_for "已导出「党组织覆盖"
check "dashboard: no BOM in GB18030" test "$(head -c 3 "$g" | od -An -tx1 | tr -d ' ')" != efbbbf
check "dashboard: GB18030 reads back as Chinese" \
	sh -c "iconv -f GB18030 -t UTF-8 '$g' | grep -q '舒城经济开发区电子信息产业园'"
check "dashboard: nothing on stderr" test ! -s "$tmp/err"

# 80x24: the same figures, nothing wider than the terminal.
new_server
start 80 24 "GRIDWORK_NOW='$NOW'" || { notok "dashboard: starts at 80x24"; finish; }
key F8
check "dashboard 80x24: computed" wait_for "统计日 2026-11-25"
check "dashboard 80x24: 30 grids" shows "网格 30（地域 15、行业 9、产业链 6）"
check "dashboard 80x24: 220 instructors" shows "指导员 220（专职 34、兼职 186）"
check "dashboard 80x24: the zone's coverage" shows_re '舒城经济开发区 +#+ +83/100 +83\.0%'
check "dashboard 80x24: lines up and fits" panes_ok 80
check "dashboard 80x24: bars line up" bars_aligned
key PgDn PgDn PgDn PgDn
check "dashboard 80x24: the charts scroll" wait_for "当前超期工单"
check "dashboard 80x24: still fits" panes_ok 80
key Escape
check "dashboard 80x24: nothing on stderr" test ! -s "$tmp/err"
finish
