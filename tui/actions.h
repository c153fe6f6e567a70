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
};

/* X(ID, config name, key1, key2, key3, scope,
 *   help zh, help en, hint zh, hint en)
 * Unused keys are 0.  An empty hint keeps the action out of the hint bar.
 * The order is the order of the help overlay and of the hint bar: what a
 * clerk needs first comes first, since a short terminal scrolls the help. */
#define ACTIONS(X)                                                                      \
	X(HELP, "help", KC(KEY_F(1)), '?', 0, SC_GLOBAL,                                \
	  "打开本屏帮助（列出全部按键）", "help for this screen (every key)", "帮助", "help") \
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
	X(BACK, "back", KEY_ESC, 0, 0, SC_GLOBAL,                                       \
	  "返回（关闭详情、帮助）", "back (closes the detail or the help)", "返回", "back") \
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

#endif
