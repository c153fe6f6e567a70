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
