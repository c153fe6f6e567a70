/* actions.c - the tables generated from the ACTIONS list. */
#include "actions.h"

#include <stdio.h>
#include <string.h>

#include "status.h"

struct action_def {
	const char *name;
	int keys[ACTION_MAX_KEYS];
	unsigned scope;
	const char *help_zh, *help_en, *hint_zh, *hint_en;
};

static const struct action_def defs[ACT_COUNT] = {
#define ACT_X_DEF(id, nm, k1, k2, k3, sc, hz, he, tz, te) \
	[ACT_##id] = {nm, {k1, k2, k3}, sc, hz, he, tz, te},
	ACTIONS(ACT_X_DEF)
#undef ACT_X_DEF
};

enum action action_for_key(int key)
{
	if (key == 0)
		return ACT_NONE;
	for (int a = 1; a < ACT_COUNT; a++)
		for (int i = 0; i < ACTION_MAX_KEYS; i++)
			if (defs[a].keys[i] == key)
				return (enum action)a;
	return ACT_NONE;
}

enum action action_for_key_in(int key, unsigned scope)
{
	if (key == 0)
		return ACT_NONE;
	for (int a = 1; a < ACT_COUNT; a++)
		if (defs[a].scope & scope)
			for (int i = 0; i < ACTION_MAX_KEYS; i++)
				if (defs[a].keys[i] == key)
					return (enum action)a;
	return ACT_NONE;
}

const int *action_keys(enum action a)
{
	static const int none[ACTION_MAX_KEYS];
	return a > 0 && a < ACT_COUNT ? defs[a].keys : none;
}

unsigned action_scope(enum action a)
{
	return a > 0 && a < ACT_COUNT ? defs[a].scope : 0;
}

const char *action_name(enum action a)
{
	return a > 0 && a < ACT_COUNT ? defs[a].name : "";
}

const char *action_help(enum action a)
{
	return a > 0 && a < ACT_COUNT ? gw_tr(defs[a].help_zh, defs[a].help_en) : "";
}

const char *action_hint(enum action a)
{
	return a > 0 && a < ACT_COUNT ? gw_tr(defs[a].hint_zh, defs[a].hint_en) : "";
}

static const struct {
	int code;
	const char *name;
} code_names[] = {
	{KEY_UP, "Up"},       {KEY_DOWN, "Down"},   {KEY_LEFT, "Left"},
	{KEY_RIGHT, "Right"}, {KEY_PPAGE, "PgUp"},  {KEY_NPAGE, "PgDn"},
	{KEY_HOME, "Home"},   {KEY_END, "End"},     {KEY_ENTER, "Enter"},
	{KEY_BACKSPACE, "Backspace"}, {KEY_DC, "Delete"}, {KEY_IC, "Insert"},
	{KEY_BTAB, "Shift-Tab"}, {KEY_RESIZE, "Resize"},
};

const char *key_label(int key, char *buf, size_t sz)
{
	if (KEY_IS_CODE(key)) {
		int code = key & 0xffffff;
		if (code >= KEY_F(1) && code <= KEY_F(24)) {
			snprintf(buf, sz, "F%d", code - KEY_F0);
			return buf;
		}
		for (size_t i = 0; i < sizeof code_names / sizeof code_names[0]; i++)
			if (code_names[i].code == code) {
				snprintf(buf, sz, "%s", code_names[i].name);
				return buf;
			}
		snprintf(buf, sz, "key%o", code);
		return buf;
	}
	if (key == '\r' || key == '\n')
		snprintf(buf, sz, "Enter");
	else if (key == KEY_ESC)
		snprintf(buf, sz, "Esc");
	else if (key == '\t')
		snprintf(buf, sz, "Tab");
	else if (key == ' ')
		snprintf(buf, sz, "Space");
	else if (key == 127)
		snprintf(buf, sz, "Backspace");
	else if (key > 0 && key < 32)
		snprintf(buf, sz, "^%c", key + '@');
	else if (key > 32 && key < 127)
		snprintf(buf, sz, "%c", key);
	else
		snprintf(buf, sz, "U+%04X", (unsigned)key);
	return buf;
}

/* Whether the '/'-joined list holds tok as a whole item. */
static int has_token(const char *list, const char *tok)
{
	size_t n = strlen(tok);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, '/');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && memcmp(p, tok, n) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

int action_key_in(enum action a, unsigned scope)
{
	const int *k = action_keys(a);
	for (int i = 0; i < ACTION_MAX_KEYS && k[i]; i++)
		if (action_for_key_in(k[i], scope) == a)
			return k[i];
	return 0;
}

static const char *keys_text(enum action a, unsigned scope, char *buf, size_t sz)
{
	const int *k = action_keys(a);
	size_t len = 0;
	if (sz)
		buf[0] = 0;
	for (int i = 0; i < ACTION_MAX_KEYS && k[i]; i++) {
		if (scope && action_for_key_in(k[i], scope) != a)
			continue;
		char one[24];
		key_label(k[i], one, sizeof one);
		if (has_token(buf, one))   /* Enter is bound as \r, \n and KEY_ENTER */
			continue;
		int w = snprintf(buf + len, sz - len, "%s%s", len ? "/" : "", one);
		if (w < 0 || (size_t)w >= sz - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

const char *action_keys_text(enum action a, char *buf, size_t sz)
{
	return keys_text(a, 0, buf, sz);
}

const char *action_keys_text_in(enum action a, unsigned scope, char *buf, size_t sz)
{
	return keys_text(a, scope, buf, sz);
}
