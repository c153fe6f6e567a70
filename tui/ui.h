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
	X(S_ROW_OF, "第 %d/%d 行", "row %d/%d")

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
