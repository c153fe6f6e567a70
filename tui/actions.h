/* actions.h - every action of the interface, declared once (STYLE.md point 4).
 *
 * One X-macro list gives the enum, the default keys, the help overlay text,
 * the hint bar text and the names a configuration may later bind keys by.
 * A key is an int: a character is its code point, a curses key code (arrows,
 * function keys) is KC(code), so that the two ranges never meet.
 */
#ifndef GW_ACTIONS_H
#define GW_ACTIONS_H

#include <stddef.h>

#include <curses.h>   /* KEY_* codes in the default bindings */

/* A curses key code (KEY_DOWN, KEY_F(1), ...) as a key. */
#define KC(code) (0x1000000 | (code))
#define KEY_IS_CODE(k) (((k) & 0x1000000) != 0)
#define KEY_CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

/* Where an action applies; a screen lists the scopes it answers to, and the
 * help overlay and hint bar show only the actions of those scopes. */
enum {
	SC_GLOBAL = 1,  /* anywhere */
	SC_LIST = 2,    /* moving through a table */
	SC_TREE = 4,    /* the grid tree */
	SC_RECORDS = 8, /* a table of records: filter, sort, tags, panes */
	SC_FORM = 16,   /* a form */
	SC_PICK = 32,   /* a pick-list */
	SC_CONFIRM = 64,/* a question */
	SC_FILTER = 128,/* typing a filter */
	SC_EDIT = 256,  /* records opened in forms: new, edit, delete */
	SC_DESK = 1 << 12,       /* the ticket desk's moves: the queue and a ticket's detail */
	SC_DESK_QUEUE = 1 << 13, /* the ticket queue: Enter opens a ticket's detail */
	/* High bits, so that other screens' scopes can take the next ones. */
	SC_DASH = 0x10000,    /* the dashboard's charts (F8) */
	SC_SYNC = 0x20000,    /* the exchange of packages between offices */
	SC_RECVIEW = 0x40000, /* the records behind a bar of a chart */
};

/* X(ID, config name, key1, key2, key3, scope,
 *   help zh, help en, hint zh, hint en)
 * Unused keys are 0.  An empty hint keeps the action out of the hint bar.
 * The order is the order of the help overlay and of the hint bar: what a
 * clerk needs first comes first, since a short terminal scrolls the help. */
#define ACTIONS(X)                                                                      \
	X(HELP, "help", KC(KEY_F(1)), '?', 0, SC_GLOBAL,                                \
	  "打开本屏帮助（列出全部按键）", "help for this screen (every key)", "帮助", "help") \
	X(LOOKUP, "lookup", KEY_CTRL('f'), ':', 0, SC_GLOBAL,                             \
	  "查找：按姓名、拼音首字母、电话、编码或工单编号查找各类记录，Enter 跳到该记录", \
	  "look up any record by name, pinyin initials, phone, code or number; Enter jumps to it", \
	  "查找", "find")                                                               \
	X(TICKET_VIEW, "ticket_view", '\r', '\n', KC(KEY_ENTER), SC_DESK_QUEUE,           \
	  "工单详情与全部办理记录（详情中同样可以办理）",                               \
	  "the ticket's detail and full history (the moves work there too)", "详情", "detail") \
	X(T_ACCEPT, "ticket_accept", 'a', 0, 0, SC_DESK,                                  \
	  "受理（尚无或退回后须指定承办部门）", "accept (names the department when it has none)", \
	  "受理", "accept")                                                             \
	X(T_START, "ticket_start", 'w', 0, 0, SC_DESK,                                    \
	  "开始办理", "start work", "办理", "start")                                    \
	X(T_HOLD, "ticket_hold", 'h', 0, 0, SC_DESK,                                      \
	  "挂起（说明原因；挂起期间不计办理期限）", "hold (give the reason; the clock stops)", \
	  "挂起", "hold")                                                               \
	X(T_RESUME, "ticket_resume", 'u', 0, 0, SC_DESK,                                  \
	  "恢复办理", "resume", "恢复", "resume")                                       \
	X(T_TRANSFER, "ticket_transfer", 't', 0, 0, SC_DESK,                              \
	  "流转到其他承办部门（选择部门并说明原因）",                                   \
	  "transfer to another department (pick it, give the reason)", "流转", "transfer") \
	X(T_RESOLVE, "ticket_resolve", 'r', 0, 0, SC_DESK,                                \
	  "办结（填写办结情况）", "resolve (say how)", "办结", "resolve")               \
	X(T_CLOSE, "ticket_close", 'c', 0, 0, SC_DESK,                                    \
	  "核实关闭（选择满意度 1-5）", "close once checked (satisfaction 1-5)", "关闭", "close") \
	X(T_RETURN, "ticket_return", 'x', 0, 0, SC_DESK,                                  \
	  "退回（承办部门退回，说明原因）", "return (the department sends it back, with the reason)", \
	  "退回", "return")                                                             \
	X(T_REOPEN, "ticket_reopen", 'o', 0, 0, SC_DESK,                                  \
	  "重新办理已办结或已关闭的工单（说明原因）",                                   \
	  "reopen a resolved or closed ticket (with the reason)", "重办", "reopen")     \
	X(T_COMMENT, "ticket_comment", 'm', 0, 0, SC_DESK,                                \
	  "添加备注", "add a comment", "备注", "comment")                               \
	X(T_MERGE, "ticket_merge", 'M', 0, 0, SC_DESK,                                    \
	  "作为重复工单并入另一工单（按编号或标题查找）",                               \
	  "merge into another ticket as a duplicate (find it by number or title)", "合并", "merge") \
	X(UP, "move_up", KC(KEY_UP), 'k', 0, SC_LIST,                                   \
	  "上移一行", "move up one row", "", "")                                        \
	X(DOWN, "move_down", KC(KEY_DOWN), 'j', 0, SC_LIST,                             \
	  "下移一行", "move down one row", "移动", "move")                              \
	X(PAGE_UP, "page_up", KC(KEY_PPAGE), 0, 0, SC_LIST,                             \
	  "上翻一页", "page up", "", "")                                                \
	X(PAGE_DOWN, "page_down", KC(KEY_NPAGE), 0, 0, SC_LIST,                         \
	  "下翻一页", "page down", "", "")                                              \
	X(TOP, "top", 'g', KC(KEY_HOME), 0, SC_LIST,                                    \
	  "到第一行", "go to the first row", "", "")                                    \
	X(BOTTOM, "bottom", 'G', KC(KEY_END), 0, SC_LIST,                               \
	  "到最后一行", "go to the last row", "", "")                                   \
	X(OPEN, "open", '\r', '\n', KC(KEY_ENTER), SC_TREE,                             \
	  "展开或收起；网格显示详情", "expand or collapse; a grid shows its detail",    \
	  "展开/详情", "open")                                                          \
	X(EXPAND, "expand", KC(KEY_RIGHT), 'l', 0, SC_TREE,                             \
	  "展开；已展开则显示详情", "expand; when expanded, show the detail", "", "")   \
	X(COLLAPSE, "collapse", KC(KEY_LEFT), 'h', 0, SC_TREE,                          \
	  "收起；已收起则到上级", "collapse; when collapsed, go to the parent", "", "") \
	X(EDIT, "edit", '\r', '\n', 'e', SC_EDIT,                                    \
	  "在表单中打开所选记录以修改", "open the selected record in its form", "编辑", "edit") \
	X(NEW, "new", 'n', 0, 0, SC_EDIT,                                            \
	  "新建记录（保存后接着录入下一条，Esc 结束）",                                 \
	  "new record (after saving, the next one; Esc stops)", "新建", "new")         \
	X(DELETE, "delete", 'd', 0, 0, SC_EDIT,                                      \
	  "删除所选记录（先确认；被引用的记录只标记删除）",                             \
	  "delete the selected record (asks first; referenced records are kept, marked deleted)", \
	  "删除", "delete")                                                             \
	X(FILTER, "filter", '/', 0, 0, SC_RECORDS,                                      \
	  "筛选：输入姓名片段、拼音首字母、电话或编码，边输边筛；Esc 清除",             \
	  "filter as you type: part of a name, pinyin initials, a phone or a code; Esc clears", \
	  "筛选", "filter")                                                             \
	X(SORT, "sort", 's', 0, 0, SC_RECORDS,                                          \
	  "按下一列排序", "sort by the next column", "排序", "sort")                    \
	X(SORT_REVERSE, "sort_reverse", 'S', 0, 0, SC_RECORDS,                          \
	  "反转排序方向", "reverse the sort order", "", "")                             \
	X(TAG, "tag", ' ', 0, 0, SC_RECORDS,                                            \
	  "标记或取消标记所选行", "tag or untag the selected row", "标记", "tag")        \
	X(BULK, "bulk", 'b', 0, 0, SC_RECORDS,                                          \
	  "对已标记的行（无标记时对所选行）批量操作",                                   \
	  "act on every tagged row (the selected one when none is tagged)", "批量", "bulk") \
	X(FOCUS, "focus", '\t', 0, 0, SC_RECORDS,                                       \
	  "在网格树与列表之间切换", "switch between the grid tree and the table", "切换", "pane") \
	X(NEXT_FIELD, "next_field", '\t', KC(KEY_DOWN), 0, SC_FORM,                     \
	  "下一项", "next field", "下一项", "next")                                     \
	X(PREV_FIELD, "prev_field", KC(KEY_BTAB), KC(KEY_UP), 0, SC_FORM,               \
	  "上一项", "previous field", "", "")                                           \
	X(PICK, "pick", '\r', '\n', 0, SC_FORM,                                         \
	  "选择项打开列表；文本框到下一项（多行文本中换行）",                           \
	  "a choice opens its list; in text, the next field (a new line in long text)", \
	  "选择", "choose")                                                             \
	X(SAVE, "save", KEY_CTRL('s'), KC(KEY_F(9)), 0, SC_FORM,                        \
	  "保存（必填项标有 *）", "save (required fields are marked *)", "保存", "save") \
	X(CHOOSE, "choose", '\r', '\n', 0, SC_PICK | SC_CONFIRM | SC_FILTER,             \
	  "确定", "confirm", "确定", "ok")                                              \
	X(TOGGLE, "toggle", ' ', 0, 0, SC_PICK,                                         \
	  "勾选或取消（可多选的列表）", "tick or untick (lists that take several)", "勾选", "tick") \
	X(YES, "yes", 'y', 'Y', 0, SC_CONFIRM, "是", "yes", "是", "yes")                 \
	X(NO, "no", 'n', 'N', 0, SC_CONFIRM, "否", "no", "否", "no")                     \
	X(BACK, "back", KEY_ESC, 0, 0, SC_GLOBAL,                                       \
	  "返回：关闭帮助、详情或表单；清除筛选或标记",                                 \
	  "back: closes the help, the detail or a form; clears a filter or the tags",  \
	  "返回", "back")                                                               \
	X(QUIT, "quit", KC(KEY_F(10)), 'q', KEY_CTRL('c'), SC_GLOBAL,                   \
	  "退出", "quit", "退出", "quit")                                               \
	X(SCREEN_GRIDS, "screen_grids", KC(KEY_F(2)), 0, 0, SC_GLOBAL,                  \
	  "网格：网格树与指导员配备", "grids: the grid tree and instructor staffing", "", "") \
	X(SCREEN_INSTRUCTORS, "screen_instructors", KC(KEY_F(3)), 0, 0, SC_GLOBAL,      \
	  "指导员名册", "instructor roster", "", "")                                    \
	X(SCREEN_TICKETS, "screen_tickets", KC(KEY_F(4)), 0, 0, SC_GLOBAL,              \
	  "问题工单", "issue tickets", "", "")                                          \
	X(SCREEN_ORGS, "screen_orgs", KC(KEY_F(5)), 0, 0, SC_GLOBAL,                    \
	  "单位（企业、社会组织、协会商会）", "organisations", "", "")                  \
	X(SCREEN_WORKERS, "screen_workers", KC(KEY_F(6)), 0, 0, SC_GLOBAL,              \
	  "新就业群体", "new-employment groups", "", "")                                \
	X(SCREEN_STATIONS, "screen_stations", KC(KEY_F(7)), 0, 0, SC_GLOBAL,            \
	  "暖心驿站", "warm-heart stations", "", "")                                    \
	X(SCREEN_REPORTS, "screen_reports", KC(KEY_F(8)), 0, 0, SC_GLOBAL,              \
	  "报表", "reports", "", "")                                                    \
	X(DASH_FOCUS, "dash_focus", '\t', 0, 0, SC_DASH,                                \
	  "在网格树与图表之间切换", "switch between the grid tree and the charts", "切换", "pane") \
	X(DASH_OPEN, "dash_open", '\r', '\n', KC(KEY_ENTER), SC_DASH,                   \
	  "打开所选条形背后的记录", "open the records behind the selected bar", "记录", "records") \
	X(DASH_PERIOD, "dash_period", 'p', 0, 0, SC_DASH,                               \
	  "统计期间：本月、本年、2024 年以来、全部或自定义起止日期",                    \
	  "period: this month, this year, since 2024, all, or dates of your own", "期间", "period") \
	X(DASH_EXPORT, "dash_export", 'x', 0, 0, SC_DASH,                               \
	  "把报表导出为 CSV 文件（UTF-8 带 BOM 或 GB18030），用于月度台账",             \
	  "export a report to a CSV file (UTF-8 with BOM, or GB18030) for the ledger", "导出", "export") \
	X(DASH_SYNC, "dash_sync", 'y', 0, 0, SC_DASH,                                   \
	  "同步（同 F12）", "exchange (as F12)", "同步", "sync")                        \
	X(SYNC, "sync", KC(KEY_F(12)), 0, 0, SC_GLOBAL,                                 \
	  "同步：与各办公室交换数据包，处理冲突", "exchange packages with other offices; conflicts", "", "") \
	X(SYNC_MINE, "sync_keep_mine", 'm', 0, 0, SC_SYNC,                              \
	  "冲突：保留本办公室的版本", "conflict: keep this office's version", "保留本方", "keep mine") \
	X(SYNC_THEIRS, "sync_keep_theirs", 't', 0, 0, SC_SYNC,                          \
	  "冲突：保留对方的版本", "conflict: keep the other office's version", "保留对方", "keep theirs") \
	X(SYNC_EXPORT, "sync_export", 'x', 0, 0, SC_SYNC,                               \
	  "为所选办公室写出同步包（对方尚未确认收到的全部变更）",                       \
	  "write a package for the selected office (every change it has not confirmed)", "写出包", "export") \
	X(SYNC_IMPORT, "sync_import", 'i', 0, 0, SC_SYNC,                               \
	  "导入同步包", "apply a package", "导入包", "import")                          \
	X(SYNC_FOCUS, "sync_focus", '\t', 0, 0, SC_SYNC,                                \
	  "在办公室列表与冲突列表之间切换", "switch between the offices and the conflicts", "切换", "pane") \
	X(SYNC_ALL, "sync_all", 'a', 0, 0, SC_SYNC,                                     \
	  "冲突列表：只看待处理的，或全部（含已处理的）",                               \
	  "conflicts: open ones only, or all (settled ones too)", "全部", "all")        \
	X(REC_GOTO, "records_goto", '\r', '\n', KC(KEY_ENTER), SC_RECVIEW,              \
	  "在列表中打开所选记录", "open the selected record in its list", "打开", "open") \
	X(REDRAW, "redraw", KEY_CTRL('l'), 0, 0, SC_GLOBAL,                             \
	  "重绘屏幕", "redraw the screen", "", "")

enum action {
	ACT_NONE = 0,
#define ACT_X_ENUM(id, name, k1, k2, k3, scope, hz, he, tz, te) ACT_##id,
	ACTIONS(ACT_X_ENUM)
#undef ACT_X_ENUM
	ACT_COUNT
};

#define ACTION_MAX_KEYS 3

/* The action bound to key, or ACT_NONE. */
enum action action_for_key(int key);

/* The first action of the scopes in `scope` bound to key, or ACT_NONE: the
 * same key may mean different things in a form and in a table. */
enum action action_for_key_in(int key, unsigned scope);

/* Keys bound to a (0 ends the list early); ACTION_MAX_KEYS entries. */
const int *action_keys(enum action a);

/* Scope bits of a; its configuration name ("move_down"). Static strings. */
unsigned action_scope(enum action a);
const char *action_name(enum action a);

/* Help and hint text in the current UI language; the hint may be "". */
const char *action_help(enum action a);
const char *action_hint(enum action a);

/* The display name of a key ("F1", "Down", "PgUp", "^L", "j", "Enter").
 * Pure ASCII for special keys, so the chrome never holds an
 * ambiguous-width arrow.  Written to buf (size sz); returns buf. */
const char *key_label(int key, char *buf, size_t sz);

/* All keys of a joined by '/' ("Down/j"), distinct display names only. */
const char *action_keys_text(enum action a, char *buf, size_t sz);

/* The same for the keys that mean a in `scope` (another action of the
 * scope may take one of its keys: Enter folds the tree where it would
 * otherwise open a form); the first such key, 0 when none. */
const char *action_keys_text_in(enum action a, unsigned scope, char *buf, size_t sz);
int action_key_in(enum action a, unsigned scope);

#endif
