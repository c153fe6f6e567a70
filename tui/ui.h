/* ui.h - the interface's string catalogue (Chinese and English, one list)
 * and the few drawing primitives every screen shares.
 *
 * All text reaches the terminal through ui_text(), which crops and pads by
 * display columns with core/width.h: nothing here measures bytes or
 * characters, and nothing draws outside the box it is given.
 */
#ifndef GW_UI_H
#define GW_UI_H

#include <stddef.h>

#include <curses.h>

/* X(ID, zh, en).  Formats take the same arguments in both languages. */
#define UI_STRINGS(X)                                                                   \
	X(S_SCR_GRIDS, "网格", "Grids")                                                 \
	X(S_SCR_INSTRUCTORS, "指导员", "Roster")                                   \
	X(S_SCR_TICKETS, "工单", "Tickets")                                             \
	X(S_SCR_ORGS, "单位", "Orgs")                                                   \
	X(S_SCR_WORKERS, "新就业", "Gig")                                           \
	X(S_SCR_STATIONS, "驿站", "Stations")                                           \
	X(S_SCR_REPORTS, "报表", "Report")                                             \
	X(S_QUIT, "退出", "Quit")                                                       \
	X(S_APP_NAME, "舒城县党建网格工作台", "gridwork")                               \
	X(S_NOT_OPEN, "尚未开放", "not yet available")                                  \
	X(S_NOT_OPEN_LONG, "「%s」屏幕尚未开放。按 F2 回到网格，F10 退出。",            \
	  "The %s screen is not yet available. F2 goes back to the grids, F10 quits.")  \
	X(S_TOO_SMALL, "终端太小：至少需要 %dx%d，当前 %dx%d。请放大窗口；F10 退出。",  \
	  "Terminal too small: need %dx%d, have %dx%d. Please enlarge it; F10 quits.")  \
	X(S_OFFICE, "办公室", "office")                                                 \
	X(S_OPERATOR, "操作员", "operator")                                             \
	X(S_DATABASE, "数据库", "database")                                             \
	X(S_HELP_TITLE, "帮助：%s", "Help: %s")                                         \
	X(S_HELP_FOOT, "Esc 关闭  j/k 滚动", "Esc closes  j/k scroll")                  \
	X(S_COL_NAME, "名称", "Name")                                                   \
	X(S_COL_CODE, "编码", "Code")                                                   \
	X(S_COL_LEVEL, "层级", "Level")                                                 \
	X(S_COL_BASIS, "依据", "Basis")                                                 \
	X(S_COL_ORGS, "单位", "Orgs")                                                   \
	X(S_COL_COVERED, "已建", "Party")                                               \
	X(S_COL_FULL, "专职", "Full")                                                   \
	X(S_COL_PART, "兼职", "Part")                                                   \
	X(S_COL_STD, "1+2", "1+2")                                                      \
	X(S_MET, "达标", "met")                                                         \
	X(S_SHORT, "未达标", "short")                                                   \
	X(S_DETAIL, "详情", "Detail")                                                   \
	X(S_D_CODE, "编码：%s    层级：%s", "Code: %s    Level: %s")                    \
	X(S_D_BASIS, "划分依据：%s", "Basis: %s")                                       \
	X(S_D_PARENT, "上级：%s %s", "Parent: %s %s")                                   \
	X(S_D_ORGS, "单位 %d 家，已建党组织 %d 家，覆盖率 %d%%",                        \
	  "%d organisations, %d with a party organisation, coverage %d%%")              \
	X(S_D_ORGS_NONE, "单位 0 家", "no organisations")                               \
	X(S_D_INSTR, "在岗指导员：专职 %d 名，兼职 %d 名",                              \
	  "active instructors: %d full-time, %d part-time")                             \
	X(S_D_STD_MET, "「1+2」配备：达标", "1+2 staffing: met")                        \
	X(S_D_STD_SHORT, "「1+2」配备：未达标，缺%s", "1+2 staffing: short of %s")      \
	X(S_D_LACK_FULL, "专职 %d 名", "%d full-time")                                  \
	X(S_D_LACK_PART, "兼职 %d 名", "%d part-time")                                  \
	X(S_D_AND, "、", " and ")                                                       \
	X(S_D_GRIDS, "下辖网格 %d 个，「1+2」达标 %d 个", "%d grids below, %d meet 1+2") \
	X(S_D_SUMS, "（数字为下辖各网格合计）", "(figures are totals of the grids below)") \
	X(S_GRIDS_EMPTY, "还没有网格。用 gridwork import 导入 grids.csv，或 gridwork demo 生成演示县。", \
	  "No grids yet. Import grids.csv with gridwork import, or build the demo county with gridwork demo.") \
	X(S_GRIDS_LOADED, "%d 个网格，「1+2」达标 %d 个", "%d grids, %d meet 1+2")      \
	X(S_ROW_OF, "第 %d/%d 行", "row %d/%d")                                       \
	X(S_ROW_OF_MORE, "第 %d 行，共 ≥%d 行", "row %d of at least %d")               \
	X(S_ROW_FROM_END, "倒数第 %d 行", "row %d from the end")                       \
	X(S_NO_ROWS, "没有记录。按 n 新建。", "No records. n adds one.")               \
	X(S_NO_MATCH, "没有符合筛选的记录", "nothing matches the filter")              \
	/* A page still being read in the background (tui/giveway.h). */             \
	X(S_SORTING, "排序中...", "sorting...")                                        \
	X(S_GRIDS_COUNTING, "网格统计中...", "counting the grids...")                  \
	X(S_KIND_GRID, "网格", "grid")                                                  \
	X(S_KIND_ORG, "单位", "organisation")                                           \
	X(S_KIND_INSTRUCTOR, "指导员", "instructor")                                    \
	X(S_KIND_WORKER, "新就业群体人员", "worker")                                    \
	X(S_KIND_STATION, "驿站", "station")                                            \
	X(S_KIND_TICKET, "工单", "ticket")                                              \
	X(S_COL_GRID_TREE, "网格", "Grid")                                              \
	X(S_COL_PERSON, "姓名", "Name")                                                 \
	X(S_COL_MOBILE, "手机", "Mobile")                                               \
	X(S_COL_GENDER, "性别", "Sex")                                                  \
	X(S_COL_ROLE, "类别", "Role")                                                   \
	X(S_COL_STATUS, "状态", "Status")                                               \
	X(S_COL_UNIT, "工作单位", "Employer")                                           \
	X(S_COL_GRIDS, "负责网格", "Grids")                                             \
	X(S_COL_CREDIT, "统一社会信用代码", "Credit code")                              \
	X(S_COL_KIND, "类型", "Kind")                                                   \
	X(S_COL_GRID, "网格", "Grid")                                                   \
	X(S_COL_PARTY_ORG, "党组织", "Party org")                                       \
	X(S_COL_CONTACT, "联系人", "Contact")                                           \
	X(S_COL_PHONE, "联系电话", "Phone")                                             \
	X(S_COL_JOB, "职业", "Job")                                                     \
	X(S_COL_PLATFORM, "平台", "Platform")                                           \
	X(S_COL_PARTY_MEMBER, "党员", "Party")                                          \
	X(S_COL_COMMUNITY, "报到社区", "Community")                                     \
	X(S_COL_ROLES, "角色", "Roles")                                                 \
	X(S_COL_HOST, "依托", "Host")                                                   \
	X(S_COL_SERVICES, "服务", "Services")                                           \
	X(S_COL_HOURS, "开放时间", "Hours")                                             \
	X(S_COL_ADDRESS, "地址", "Address")                                             \
	X(S_COL_NUMBER, "编号", "Number")                                               \
	X(S_COL_TITLE, "标题", "Title")                                                 \
	X(S_COL_CATEGORY, "类别", "Category")                                           \
	X(S_COL_DEPT, "部门", "Dept")                                         \
	X(S_COL_STATE, "状态", "State")                                                 \
	X(S_COL_DUE, "办理期限", "Due")                                                 \
	X(S_OVERDUE, "超期", "late")                                                    \
	X(S_D_NONE, "（无）", "(none)")                                                 \
	X(S_D_INSTR_LINE, "手机 %s  %s  %s  %s", "mobile %s  %s  %s  %s")              \
	X(S_D_UNIT, "工作单位：%s", "Employer: %s")                                     \
	X(S_D_GRIDS_OF, "负责网格及「1+2」配备：", "Grids and their 1+2 staffing:")     \
	X(S_D_GRID_STD, "  %s %s：%s（专职 %d，兼职 %d）", "  %s %s: %s (%d full-time, %d part-time)") \
	X(S_D_ORGS_OF, "联系单位：", "Organisations:")                                  \
	X(S_D_ORG_CODE, "信用代码：%s    类型：%s", "Credit code: %s    Kind: %s")     \
	X(S_D_ORG_TAGS, "标签：%s    产业链：%s", "Tags: %s    Chain: %s")              \
	X(S_D_GRID, "网格：%s %s", "Grid: %s %s")                                       \
	X(S_D_ADDRESS, "地址：%s", "Address: %s")                                       \
	X(S_D_PARTY_NONE, "尚未建立党组织；党员 %lld 名", "no party organisation; %lld party members") \
	X(S_D_PARTY, "党组织：%s（%s 成立），党员 %lld 名", "party organisation: %s (since %s), %lld members") \
	X(S_D_CONTACT, "联系人：%s  %s", "Contact: %s  %s")                             \
	X(S_D_ORG_INSTR, "联系的指导员：", "Its instructors:")                          \
	X(S_D_ORG_GRID_INSTR, "（无直接联系的指导员）所在网格的指导员：",               \
	  "(none of its own) the instructors of its grid:")                            \
	X(S_D_WORKER_LINE, "手机 %s  %s  %s  党员：%s", "mobile %s  %s  %s  party member: %s") \
	X(S_D_COMMUNITY, "报到社区：%s %s", "Community: %s %s")                         \
	X(S_D_ROLES, "角色：%s", "Roles: %s")                                           \
	X(S_D_POINTS, "积分余额：%lld", "Points: %lld")                                 \
	X(S_D_HOST, "依托：%s", "Host: %s")                                             \
	X(S_D_SERVICES, "服务：%s", "Services: %s")                                     \
	X(S_D_HOURS, "开放时间：%s", "Hours: %s")                                       \
	X(S_D_POS, "位置：%.6f, %.6f", "Position: %.6f, %.6f")                          \
	X(S_D_TICKET_LINE, "类别：%s  来源：%s  状态：%s", "Category: %s  Source: %s  State: %s") \
	X(S_D_TICKET_ORG, "关联单位：%s", "Organisation: %s")                           \
	X(S_D_REPORTER, "反映人：%s  %s", "Reported by: %s  %s")                        \
	X(S_D_DEPT, "承办部门：%s", "Department: %s")                                   \
	X(S_D_TIMES, "登记 %s  期限 %s %s", "registered %s  due %s %s")                 \
	X(S_D_LATEST, "最近：%s %s %s", "Latest: %s %s %s") \
	X(S_D_HISTORY, "办理记录（Enter 查看详情与全部记录）：", "History (Enter shows the detail and all of it):") \
	X(S_INPUT_HELP, "填写", "text input") \
	X(S_INPUT_REQUIRED, "必填，不能为空", "required: cannot be empty") \
	X(S_NOTICE_HELP, "提示", "notice") \
	X(S_NOTICE_FOOT, "按任意键继续", "press any key") \
	X(S_DESK_REFUSED, "%s：不能办理", "%s: not done") \
	X(S_DESK_DONE, "%s %s 完成，现为「%s」", "%s %s: now %s") \
	X(S_DESK_BULK_NONE, "%s（未作任何修改）", "%s (nothing was changed)") \
	X(S_DESK_BULK_TITLE, "对 %d 张工单：", "For %d tickets:") \
	X(S_DESK_BULK_TRANSFER, "批量流转", "bulk transfer") \
	X(S_DESK_BULK_INSTRUCTOR, "批量指派指导员", "bulk instructor assignment") \
	X(S_DESK_Q_DEPT, "%s：选择承办部门", "%s: pick the department") \
	X(S_DESK_Q_INSTRUCTOR, "%s：选择指导员", "%s: pick the instructor") \
	X(S_DESK_Q_SAT, "%s：群众满意度（按 1-5）", "%s: satisfaction (press 1-5)") \
	X(S_DESK_SAT_1, "很不满意", "very dissatisfied") \
	X(S_DESK_SAT_2, "不满意", "dissatisfied") \
	X(S_DESK_SAT_3, "基本满意", "fair") \
	X(S_DESK_SAT_4, "满意", "satisfied") \
	X(S_DESK_SAT_5, "非常满意", "very satisfied") \
	X(S_DESK_P_HOLD, "挂起原因：", "Reason: ") \
	X(S_DESK_P_RETURN, "退回原因：", "Reason: ") \
	X(S_DESK_P_REOPEN, "重办原因：", "Reason: ") \
	X(S_DESK_P_RESOLVE, "办结情况：", "Resolution: ") \
	X(S_DESK_P_TRANSFER, "流转原因：", "Reason: ") \
	X(S_DESK_P_CLOSE, "回访情况（可不填）：", "Note (optional): ") \
	X(S_DESK_P_COMMENT, "备注：", "Comment: ") \
	X(S_DESK_P_NOTE, "备注（可不填）：", "Note (optional): ") \
	X(S_DESK_P_INTO, "并入工单：", "Merge into: ") \
	X(S_DESK_INTO_ABOUT, "输入保留的工单的编号或标题的一部分；上下键选择，Enter 确定", "Type the number or part of the title of the ticket that stays; Up/Down choose, Enter takes it") \
	X(S_DESK_INTO_HINT, "输入编号或标题查找", "type a number or a title") \
	X(S_DESK_INTO_NONE, "没有找到其他工单；Enter 按输入的编号合并", "no other ticket found; Enter merges into the number typed") \
	X(S_DESK_TO_DEPT, "流转到：%s", "Transfer to: %s") \
	X(S_V_TITLE, "工单详情：%s", "Ticket %s") \
	X(S_V_HELP, "工单详情", "ticket detail") \
	X(S_V_NOTE, "说明：", "note: ") \
	X(S_V_ORG, "关联单位：%s %s", "Organisation: %s %s") \
	X(S_V_DEPTS, "承办部门：%s    协办部门：%s", "Department: %s    Supporting: %s") \
	X(S_V_INSTRUCTOR, "指导员：%s %s", "Instructor: %s %s") \
	X(S_V_LATE, "（超期 %d 个工作日%s）", " (%d working days late%s)") \
	X(S_V_TIMES, "登记：%s    办理期限：%s%s", "Registered: %s    Due: %s%s") \
	X(S_V_HOLD, "挂起累计 %d 个工作日，本次挂起自 %s", "held %d working days; on hold since %s") \
	X(S_V_DONE, "办结：%s    关闭：%s    满意度：%s", "Resolved: %s    Closed: %s    Satisfaction: %s") \
	X(S_V_DUP, "重复于：%s %s", "Duplicate of: %s %s") \
	X(S_V_DESC, "描述：%s", "Description: %s") \
	X(S_V_HISTORY, "办理记录（%d 条）", "History (%d steps)") \
	X(S_V_LINES, "第 %d-%d 行，共 %d 行", "lines %d-%d of %d") \
	X(S_LK_TITLE, "查找", "Lookup") \
	X(S_LK_HINT, "输入姓名、拼音首字母、电话（或后四位）、编码或工单编号；上下键选择，Enter 跳到该记录，Esc 关闭", "Type a name, pinyin initials, a phone (or its last four digits), a code or a ticket number; Up/Down choose, Enter jumps to it, Esc closes") \
	X(S_LK_COUNT, "共 %d 条", "%d found") \
	X(S_LK_GROUP, "%s（%d）", "%s (%d)") \
	X(S_LK_GROUP_MORE, "%s（前 %d 条，请输入更多）", "%s (first %d; type more)") \
	X(S_LK_PEOPLE, "指导员：", "Instructors: ") \
	X(S_LK_GRID_PEOPLE, "所在网格的指导员：", "Instructors of its grid: ") \
	X(S_LK_GRIDS, "网格：", "grids: ") \
	X(S_LK_GRID, "网格：", "grid: ") \
	X(S_LK_PARTY, "党组织：", "party org: ") \
	X(S_LK_STAFF, "  专职 %d 兼职 %d：%s", "  full-time %d, part-time %d: %s") \
	X(S_LK_DUE, "期限 ", "due ") \
	X(S_LK_GRID_ROSTER, "网格「%s」的指导员（Tab 到网格树，Esc 返回）", "instructors of the grid %s (Tab: the tree)") \
	X(S_LK_FORM_OPEN, "表单有未保存的修改：请先保存或取消", "a form has unsaved changes: save or cancel it first") \
	X(S_DASH_HEAD, "%s（%s）  期间：%s", "%s (%s)  period: %s")                    \
	X(S_DASH_ASOF, "统计日 %s", "as of %s")                                         \
	X(S_DASH_COMPUTING, "计算中...", "computing...")                                \
	X(S_PERIOD_TITLE, "统计期间", "Period")                                         \
	X(S_PERIOD_ALL, "全部", "all")                                                  \
	X(S_PERIOD_MONTH, "本月（%s）", "this month (%s)")                              \
	X(S_PERIOD_YEAR, "本年（%s）", "this year (%s)")                                \
	X(S_PERIOD_SINCE2024, "2024 年以来", "since 2024")                              \
	X(S_PERIOD_CUSTOM, "自定义起止日期", "dates of your own")                       \
	X(S_PERIOD_RANGE, "%s 至 %s", "%s to %s")                                       \
	X(S_PERIOD_FROM, "%s 起", "from %s")                                            \
	X(S_PERIOD_TO, "至 %s", "until %s")                                             \
	X(S_PERIOD_ASK_SINCE, "起始日期：", "From: ")                                   \
	X(S_PERIOD_ASK_UNTIL, "截止日期：", "Until: ")                                  \
	X(S_PERIOD_ABOUT, "格式 YYYY-MM-DD，如 2024-01-01；留空为不限。",               \
	  "as YYYY-MM-DD, e.g. 2024-01-01; blank for no limit.")                       \
	X(S_PERIOD_BAD_ORDER, "起始日期 %s 晚于截止日期 %s", "%s is after %s")          \
	X(S_FIG_GRIDS, "网格 %d（%s %d、%s %d、%s %d）", "grids %d (%s %d, %s %d, %s %d)") \
	X(S_FIG_INSTR, "指导员 %d（专职 %d、兼职 %d）", "instructors %d (%d full-time, %d part-time)") \
	X(S_FIG_STD, "「1专2兼」达标网格 %d/%d", "grids meeting 1+2: %d/%d")           \
	X(S_FIG_COVER, "党组织覆盖 %d/%d（%s）", "party organisations %d/%d (%s)")      \
	X(S_FIG_NEWORGS, "新建党组织 %d", "new party organisations %d")                 \
	X(S_FIG_TICKETS, "工单登记 %ld、办结 %ld、按期 %s、在办 %ld",                   \
	  "tickets: %ld registered, %ld resolved, %s on time, %ld open")               \
	X(S_FIG_OVERDUE, "超期 %ld（黄牌 %ld、红牌 %ld）", "overdue %ld (yellow %ld, red %ld)") \
	X(S_FIG_MEMBERS, "园区党员 %d（党组织管理 %d）", "party members in parks %d (%d managed)") \
	X(S_FIG_WORKERS, "新就业群体 %d（党员 %d）", "gig workers %d (%d party members)") \
	X(S_FIG_STATIONS, "暖心驿站 %d", "stations %d")                                 \
	X(S_FIG_TRAINING, "技能培训 %d 场 %lld 人次", "trainings %d, %lld person-times") \
	X(S_FIG_COOP, "合作项目 %d", "cooperation projects %d")                         \
	X(S_FIG_CREDIT, "红色信贷 %d 家 %s", "red credit: %d enterprises, %s")          \
	X(S_SEC_COVER_AREAS, "党组织覆盖率（按乡镇、园区）", "Party-organisation coverage by township and park") \
	X(S_SEC_COVER_GRIDS, "党组织覆盖率（按网格）", "Party-organisation coverage by grid") \
	X(S_SEC_COVER_KINDS, "党组织覆盖率（按单位类型）", "Party-organisation coverage by kind") \
	X(S_SEC_CATEGORY, "工单按类别（期间内登记）", "Tickets by category (registered in the period)") \
	X(S_SEC_STATE, "工单按状态（期间内登记）", "Tickets by state (registered in the period)") \
	X(S_SEC_OVERDUE, "当前超期工单（按承办部门）", "Overdue now, by department")    \
	X(S_SEC_GAPS, "指导员「1专2兼」缺口（按网格）", "Grids short of 1 full-time + 2 part-time instructors") \
	X(S_NOTE_NO_TICKETS, "期间内没有登记工单", "no tickets registered in the period") \
	X(S_NOTE_NO_OVERDUE, "目前没有超期工单", "no ticket is overdue")                \
	X(S_NOTE_ALL_MET, "全部 %d 个网格达标", "all %d grids meet the standard")       \
	X(S_NOTE_NO_UNITS, "没有单位", "no organisations")                              \
	X(S_DEPT_NONE, "（未交办）", "(not assigned)")                                  \
	X(S_BAR_GAP, "专职 %d、兼职 %d，缺 %d", "%d full, %d part, %d short")          \
	X(S_BAR_OVERDUE, "%ld（黄 %ld、红 %ld）", "%ld (yellow %ld, red %ld)")          \
	X(S_EXPORT_WHICH, "导出哪张报表？范围：%s，期间：%s", "Which report? Scope: %s, period: %s") \
	X(S_EXPORT_ENC, "文件编码", "Encoding")                                         \
	X(S_ENC_UTF8, "UTF-8（带 BOM，Excel、WPS 可直接打开）", "UTF-8 with BOM (opens in Excel and WPS)") \
	X(S_ENC_GB, "GB18030（旧版软件）", "GB18030 (older software)")                  \
	X(S_EXPORT_TITLE, "导出 CSV", "Export CSV")                                     \
	X(S_EXPORT_PATH, "文件：", "File: ")                                            \
	X(S_EXPORT_EXISTS, "文件 %s 已存在。覆盖吗？", "%s exists. Overwrite it?")      \
	X(S_EXPORT_DONE, "已导出「%s」到 %s", "exported '%s' to %s")                    \
	X(S_EXPORT_FAIL, "无法写入 %s：%s", "cannot write %s: %s")                      \
	X(S_RPT_SUMMARY, "概况（全部指标与覆盖率）", "summary (every figure, coverage)") \
	X(S_RPT_COVERAGE, "党组织覆盖（各级各类）", "party-organisation coverage")      \
	X(S_RPT_NEW_ORGS, "新建党组织", "new party organisations")                      \
	X(S_RPT_ROSTER, "指导员配备", "instructor staffing")                            \
	X(S_RPT_TICKETS, "工单", "tickets")                                             \
	X(S_RPT_WORKERS, "新就业群体", "gig workers")                                   \
	X(S_RPT_MEMBERS, "党员", "party members")                                       \
	X(S_RPT_STATIONS, "暖心驿站", "stations")                                       \
	X(S_RPT_ACTIVITIES, "活动、合作项目与信贷", "activities, projects and credit")  \
	X(S_RV_TITLE, "记录", "Records")                                                \
	X(S_RV_FOUND, "找到 %d 条", "%d found")                                         \
	X(S_RV_FOUND_OF, "找到 %d 条（图表为 %ld）", "%d found (the chart says %ld)")    \
	X(S_RV_SEARCHING, "查找中... 已查看 %ld 条", "searching... %ld looked at")       \
	X(S_RV_MORE, "，只列出前 %d 条", "; the first %d listed")                       \
	X(S_RV_NONE, "没有记录", "no records")                                          \
	X(S_RV_ORGS, "%s的单位（已建党组织 %d/%d）", "Organisations of %s (%d/%d with a party organisation)") \
	X(S_RV_ORGS_KIND, "%s的%s", "%s: %s")                                           \
	X(S_RV_CATEGORY, "%s的工单：%s，期间%s", "Tickets of %s: %s, period %s")        \
	X(S_RV_OVERDUE, "%s的超期工单：%s", "Overdue tickets of %s: %s")                \
	X(S_RV_INSTR, "%s的指导员", "Instructors of %s")                                \
	X(S_SYNC_TITLE, "同步", "Exchange")                                             \
	X(S_SYNC_HEAD, "本办公室 %s%s  本地变更 %ld 次提交 %ld 项  待处理冲突 %ld 项", \
	  "This office %s%s  local changes: %ld commits, %ld rows  open conflicts: %ld") \
	X(S_SYNC_IS_COUNTY, "（县级）", " (county)")                                    \
	X(S_SYNC_PEERS, "交换的办公室", "Offices")                                      \
	X(S_SYNC_NO_PEERS, "还没有登记交换的办公室：gridwork sync peer add 编码 名称",   \
	  "No offices registered: gridwork sync peer add CODE NAME")                   \
	X(S_COL_OFFICE, "办公室", "Office")                                             \
	X(S_COL_SENT, "最近发出", "Last sent")                                          \
	X(S_COL_RECV, "最近收到", "Last received")                                      \
	X(S_COL_PENDING, "待发变更", "Pending")                                         \
	X(S_SYNC_SEQ, "第 %lld 号 %s", "#%lld %s")                                      \
	X(S_SYNC_NEVER, "从未", "never")                                                \
	X(S_SYNC_CONFLICTS, "待处理冲突", "Open conflicts")                             \
	X(S_SYNC_CONFLICTS_ALL, "全部冲突", "All conflicts")                            \
	X(S_SYNC_NO_CONFLICTS, "没有待处理的冲突", "No open conflicts")                 \
	X(S_SYNC_NONE_AT_ALL, "没有冲突", "No conflicts")                               \
	X(S_COL_NO, "号", "No.")                                                        \
	X(S_COL_RECORD, "记录", "Record")                                               \
	X(S_COL_FIELDS, "冲突字段", "Fields")                                           \
	X(S_COL_FROM, "来自", "From")                                                   \
	X(S_COL_NOW, "现状", "Now")                                                     \
	X(S_SYNC_NOW_OPEN, "待处理", "open")                                            \
	X(S_SYNC_NOW_RULE, "按规则", "by rule")                                         \
	X(S_SYNC_NOW_DONE, "已处理", "settled")                                         \
	X(S_SYNC_CMP_FIELD, "字段", "Field")                                            \
	X(S_SYNC_CMP_MINE, "本办公室 %s", "Mine (%s)")                                  \
	X(S_SYNC_CMP_THEIRS, "对方 %s", "Theirs (%s)")                                  \
	X(S_SYNC_DELETED, "（已删除）", "(deleted)")                                    \
	X(S_SYNC_NULL, "（空）", "(empty)")                                             \
	X(S_SYNC_RULE, "规则：%s", "rule: %s")                                          \
	X(S_SYNC_EXPORT_TITLE, "写出发给 %s 的同步包", "A package for %s")             \
	X(S_SYNC_EXPORT_ABOUT, "包含 %s 尚未确认收到的全部变更；写到 U 盘后交给对方导入。", \
	  "Every change %s has not confirmed; take it on a USB stick to be applied there.") \
	X(S_SYNC_PATH, "文件：", "File: ")                                              \
	X(S_SYNC_EXPORTED, "已写出 %s：发给 %s 的第 %lld 号同步包，%ld 项变更",          \
	  "wrote %s: package %lld for %s, %ld changes")                                \
	X(S_SYNC_IMPORT_TITLE, "导入同步包", "Apply a package")                         \
	X(S_SYNC_IMPORT_ABOUT, "其他办公室写出的 .gws 文件。损坏、重复或发错的包会被拒绝，数据不变。", \
	  "A .gws file from another office. A damaged, repeated or misaddressed one is refused; nothing changes.") \
	X(S_SYNC_IMPORTED, "已导入 %s 的第 %lld 号同步包：应用 %ld 项，已有 %ld 项，待处理冲突 %ld 项", \
	  "applied package %lld from %s: %ld applied, %ld already held, %ld conflicts open") \
	X(S_SYNC_ASK_MINE, "冲突 %lld：保留本办公室的版本，放弃 %s 的修改吗？其他办公室下次交换时也采用本办公室的版本。", \
	  "Conflict %lld: keep this office's version and drop %s's? The other offices take it at the next exchange.") \
	X(S_SYNC_ASK_THEIRS, "冲突 %lld：采用 %s 的版本，放弃本办公室的修改吗？其他办公室下次交换时也采用它。", \
	  "Conflict %lld: take %s's version and drop this office's? The other offices take it at the next exchange.") \
	X(S_SYNC_RESOLVED, "冲突 %lld 已处理：保留%s", "conflict %lld settled: kept %s") \
	X(S_SYNC_MINE_WORD, "本办公室的版本", "this office's version")                  \
	X(S_SYNC_THEIRS_WORD, "对方的版本", "the other office's version")               \
	X(S_SYNC_NO_CONFLICT_SEL, "没有选中待处理的冲突", "no open conflict selected")   \
	X(S_SYNC_NO_PEER_SEL, "没有选中办公室", "no office selected")                    \
	X(S_SYNC_KEYS, "x 写出同步包  i 导入同步包  m 保留本方  t 保留对方  a 全部冲突  Tab 切换", \
	  "x write a package  i apply one  m keep mine  t keep theirs  a all conflicts  Tab pane") \
	X(S_FILTER_TITLE, "筛选", "Filter")                                             \
	X(S_FILTER_PROMPT, "筛选：", "Filter: ")                                        \
	X(S_FILTER_COUNT, "%d 条", "%d found")                                          \
	X(S_FILTER_MORE, "≥%d 条，请输入更多", "%d+ found; type more")                  \
	X(S_FILTER_SHOWN, "筛选“%s”（Esc 清除）", "filter '%s' (Esc clears)")            \
	X(S_TAGGED, "已标记 %d 行", "%d tagged")                                        \
	X(S_TAGS_FULL, "最多标记 %d 行", "at most %d rows can be tagged")               \
	X(S_BULK_NONE, "本屏没有批量操作", "no bulk actions on this screen")            \
	X(S_BULK_TITLE_TAGS, "对已标记的 %d 行：", "For the %d tagged rows:")           \
	X(S_BULK_TITLE_ONE, "对所选行：", "For the selected row:")                      \
	X(S_BULK_DONE, "%s：已处理 %d 条", "%s: %d done")                               \
	X(S_BULK_ACTIVE, "设为在岗", "set active")                                      \
	X(S_BULK_INACTIVE, "设为离岗", "set inactive")                                  \
	X(S_MENU_TITLE, "选择", "Choose")                                               \
	X(S_CONFIRM_TITLE, "请确认", "Please confirm")                                  \
	X(S_BTN_YES, "[ 是(Y) ]", "[ Yes (y) ]")                                       \
	X(S_BTN_NO, "[ 否(N) ]", "[ No (n) ]")                                         \
	X(S_ASK_QUIT, "表单中有未保存的修改。仍要退出吗？（修改将丢失）",               \
	  "A form has unsaved changes. Quit anyway? (they will be lost)")              \
	X(S_ASK_DISCARD, "放弃未保存的修改吗？", "Throw away the unsaved changes?")     \
	X(S_ASK_DELETE, "删除%s「%s」吗？被其他记录引用时只标记为已删除。",              \
	  "Delete the %s '%s'? A record others refer to is only marked deleted.")      \
	X(S_ASK_RECOVER_NEW, "上次有未保存的新建%s表单「%s」（%s）。恢复吗？选“否”将丢弃。", \
	  "A new %s form ('%s', %s) was not saved last time. Bring it back? No throws it away.") \
	X(S_ASK_RECOVER_EDIT, "上次对%s「%s」的修改未保存（%s）。恢复吗？选“否”将丢弃。", \
	  "Changes to the %s '%s' (%s) were not saved last time. Bring them back? No throws them away.") \
	X(S_RECOVERED, "已恢复上次未保存的表单", "the unsaved form is back")             \
	X(S_DELETED, "已删除：%s", "deleted: %s")                                       \
	X(S_NO_DELETE, "此类记录不能在这里删除", "records of this kind cannot be deleted here") \
	X(S_FORM_NEW, "新建%s", "New %s")                                               \
	X(S_FORM_NEW_BATCH, "新建%s（本次已录入 %d 条）", "New %s (%d saved so far)")   \
	X(S_FORM_EDIT, "修改%s：%s", "Edit %s: %s")                                     \
	X(S_FORM_HELP, "表单", "form")                                                  \
	X(S_FORM_FOOT, "* 为必填。Tab/Shift-Tab 换项，Enter 选择，Ctrl-S 或 F9 保存，Esc 取消", \
	  "* required. Tab/Shift-Tab move, Enter chooses, Ctrl-S or F9 saves, Esc cancels") \
	X(S_FORM_NOT_SAVED, "未保存：请按标有 ! 的提示修改", "Not saved: see the field marked !") \
	X(S_FORM_SAVED, "已保存：%s", "saved: %s")                                      \
	X(S_FORM_SAVED_NEXT, "已保存「%s」。继续录入下一条，Esc 结束。",                 \
	  "Saved '%s'. Type the next one; Esc stops.")                                 \
	X(S_FORM_BAD_CHAR, "此项不接受该字符", "that character does not belong in this field") \
	X(S_FORM_FULL, "此项最多 %d 个字", "this field holds at most %d characters")    \
	X(S_FORM_NONE, "无法打开表单", "cannot open the form")                          \
	X(S_DRAFT_FAILED, "无法保存草稿 %s", "cannot keep the draft %s")                \
	X(S_PICK_HELP, "选择列表", "pick-list")                                         \
	X(S_PICK_QUERY, "查找：", "Find: ")                                             \
	X(S_PICK_CHOSEN, "已选：", "Chosen: ")                                          \
	X(S_PICK_NONE, "（空）", "(none)")                                              \
	X(S_PICK_NOTHING, "没有找到。试试名称的一部分、拼音首字母、编码或电话。",       \
	  "Nothing found. Try part of a name, pinyin initials, a code or a phone.")    \
	X(S_PICK_TYPE_MORE, "只列出前面一部分，请输入更多以缩小范围", "only the first ones are listed; type more")

enum ui_str {
#define UI_X_ENUM(id, zh, en) id,
	UI_STRINGS(UI_X_ENUM)
#undef UI_X_ENUM
	S_COUNT
};

/* The string in the current UI language (static storage). */
const char *ui_s(enum ui_str id);

enum ui_align { UI_LEFT, UI_RIGHT };

/* Draws s at (y, x) in exactly cols display columns with attr: cropped with
 * the '>' marker when too long (never splitting a double-width character),
 * padded with spaces otherwise, controls shown as '?'. */
void ui_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, enum ui_align al);

/* Blanks the rectangle. */
void ui_clear(WINDOW *w, int y, int x, int h, int cols);

/* Draws a box of line-drawing characters with an optional title in the top
 * border, and blanks its inside. */
void ui_box(WINDOW *w, int y, int x, int h, int cols, const char *title);

/* The byte length of the first line of s (n bytes) that fits in cols display
 * columns, breaking after a space when one is near, else at a character
 * boundary; at least one character when n > 0.  *next gets the offset where
 * the following line starts (leading spaces skipped). */
size_t ui_wrap(const char *s, size_t n, int cols, size_t *next);

#endif
