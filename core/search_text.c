/* search_text.c - what the quick-lookup index is made of: the kinds and
 * their fields, the units of a text (as in pinyin.h), and the grams of a
 * record's text.
 *
 * Grams of a field: each bigram, its last character alone (so that every
 * character starts some gram: one character is a range of grams), and the
 * first and last bigram (or the character of a one-character field) once
 * more as such, for exact and prefix matches; the same over the pinyin
 * initials of names, one gram per combination of readings, so polyphonic
 * characters and surnames are found by every reading. */
#include "search_index.h"

#include <stdlib.h>
#include <string.h>

#include "pinyin.h"

#define KIND(name, plural, zh, zh2, q, py0, py1)                                             \
	{name, plural, zh, zh2, Q_SEARCH_NEW_##q, Q_SEARCH_DIRTY_##q, Q_SEARCH_GONE_##q,      \
	 Q_SEARCH_TEXT_##q, {py0, py1}}

const struct search_kind_info search_kinds[SK_COUNT] = {
	KIND("instructor", "instructors", "指导员", "党建工作指导员", INSTRUCTOR, SEARCH_PY_PERSON,
	     SEARCH_PY_NONE),
	KIND("org", "orgs", "单位", "组织", ORG, SEARCH_PY_NAME, SEARCH_PY_NONE),
	KIND("grid", "grids", "网格", "网格", GRID, SEARCH_PY_NAME, SEARCH_PY_NONE),
	/* Titles are long: their pinyin would cost more than it finds. */
	KIND("ticket", "tickets", "工单", "问题工单", TICKET, SEARCH_PY_NONE, SEARCH_PY_PERSON),
	KIND("worker", "workers", "新就业人员", "骑手", WORKER, SEARCH_PY_PERSON, SEARCH_PY_NONE),
	KIND("station", "stations", "驿站", "暖心驿站", STATION, SEARCH_PY_NAME, SEARCH_PY_NONE),
};

/* ---- units ---------------------------------------------------------------- */

/* What counts in a name, as in pinyin.h: ASCII letters (lowercased) and
 * digits, fullwidth ones folded, and CJK ideographs.  Everything else -
 * spaces, punctuation, emoji - is skipped, in names and queries alike. */
static int is_ideograph(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Strict UTF-8; a byte that starts no valid sequence comes back alone as
 * U+FFFD (*bad set when bad is not NULL). */
uint32_t search_utf8_next(const unsigned char *s, size_t n, size_t *pos, int *bad)
{
	size_t i = *pos, len;
	unsigned c = s[i];
	uint32_t cp, min;
	if (c < 0x80) {
		*pos = i + 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, cp = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, cp = c & 0x07, min = 0x10000;
	else
		goto fail;
	if (n - i < len)
		goto fail;
	for (size_t k = 1; k < len; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			goto fail;
		cp = cp << 6 | (s[i + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		goto fail;
	*pos = i + len;
	return cp;
fail:
	if (bad)
		*bad = 1;
	*pos = i + 1;
	return 0xFFFD;
}

static uint32_t fold(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF5A)  /* fullwidth ０-ｚ */
		cp -= 0xFEE0;
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

static int is_unit(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || is_ideograph(cp);
}

/* The units of s[0..n), at most SEARCH_UNITS_MAX. */
void search_units_of(const char *s, size_t n, struct search_units *u)
{
	size_t pos = 0;
	u->n = 0;
	while (pos < n && u->n < SEARCH_UNITS_MAX) {
		uint32_t cp = fold(search_utf8_next((const unsigned char *)s, n, &pos, NULL));
		if (is_unit(cp))
			u->cp[u->n++] = cp;
	}
}

size_t search_put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The units as one UTF-8 string (what ranks compare); out needs
 * 4 * SEARCH_UNITS_MAX + 1 bytes.  Returns its length. */
size_t search_units_str(const struct search_units *u, char *out)
{
	size_t len = 0;
	for (int i = 0; i < u->n; i++)
		len += search_put_utf8(out + len, u->cp[i]);
	out[len] = '\0';
	return len;
}

/* ---- grams ---------------------------------------------------------------- */

static void gram_add(struct search_grams *g, uint64_t x)
{
	if (g->oom)
		return;
	if (g->n == g->cap) {
		int cap = g->cap ? g->cap * 2 : 64;
		uint64_t *v = realloc(g->v, (size_t)cap * sizeof *v);
		if (!v) {
			g->oom = 1;
			return;
		}
		g->v = v;
		g->cap = cap;
	}
	g->v[g->n++] = x;
}

static void text_grams(struct search_grams *g, int k, const struct search_units *u)
{
	int n = u->n;
	const uint32_t *c = u->cp;
	if (n == 0)
		return;
	for (int i = 0; i + 1 < n; i++)
		gram_add(g, search_gram(k, GC_ANY, c[i], c[i + 1]));
	gram_add(g, search_gram(k, GC_ANY, c[n - 1], 0));
	gram_add(g, search_gram(k, GC_BEGIN, c[0], n >= 2 ? c[1] : 0));
	gram_add(g, search_gram(k, GC_END, c[n >= 2 ? n - 2 : 0], n >= 2 ? c[n - 1] : 0));
}

search_lset search_lset_of_char(char c)
{
	if (c >= 'a' && c <= 'z')
		return (search_lset)1 << (c - 'a');
	if (c >= '0' && c <= '9')
		return (search_lset)1 << (26 + c - '0');
	return 0;
}

uint32_t search_lset_unit(int bit)
{
	return bit < 26 ? (uint32_t)('a' + bit) : (uint32_t)('0' + bit - 26);
}

/* Grams of class cls for every combination of the letter sets a (and b
 * when given), at most SEARCH_COMBOS_MAX. */
static void set_grams(struct search_grams *g, int k, int cls, search_lset a, search_lset b)
{
	int count = 0;
	for (search_lset x = a; x && count < SEARCH_COMBOS_MAX; x &= x - 1) {
		uint32_t ux = search_lset_unit(__builtin_ctzll(x));
		if (!b) {
			gram_add(g, search_gram(k, cls, ux, 0));
			count++;
			continue;
		}
		for (search_lset y = b; y && count < SEARCH_COMBOS_MAX; y &= y - 1, count++)
			gram_add(g, search_gram(k, cls, ux, search_lset_unit(__builtin_ctzll(y))));
	}
}

/* The initials of a name as a letter set per position: the union of all
 * its readings (pinyin_variants, with surname readings for persons). */
static int initials_of(const char *s, size_t n, int person, search_lset *sets)
{
	char buf[4096];
	size_t len = pinyin_variants(s, n, person, buf, sizeof buf, 64);
	size_t m = strcspn(buf, " ");
	if (m > SEARCH_UNITS_MAX)
		m = SEARCH_UNITS_MAX;
	memset(sets, 0, m * sizeof *sets);
	for (size_t v = 0; v < len;) {
		size_t vl = strcspn(buf + v, " ");
		for (size_t i = 0; i < vl && i < m; i++)
			sets[i] |= search_lset_of_char(buf[v + i]);
		v += vl + 1;
	}
	return (int)m;
}

static void pinyin_grams(struct search_grams *g, int k, const char *s, size_t n, int person)
{
	search_lset sets[SEARCH_UNITS_MAX];
	int m = initials_of(s, n, person, sets);
	if (m == 0)
		return;
	for (int i = 0; i + 1 < m; i++)
		set_grams(g, k, GC_PY_ANY, sets[i], sets[i + 1]);
	set_grams(g, k, GC_PY_ANY, sets[m - 1], 0);
	set_grams(g, k, GC_PY_BEGIN, sets[0], m >= 2 ? sets[1] : 0);
	set_grams(g, k, GC_PY_END, sets[m >= 2 ? m - 2 : 0], m >= 2 ? sets[m - 1] : 0);
}

void search_grams_of(enum search_kind k, const char *body, struct search_grams *g)
{
	const char *f = body;
	for (int i = 0; i < SEARCH_NFIELDS && f; i++) {
		const char *end = strchr(f, SEARCH_FIELD_SEP);
		size_t n = end ? (size_t)(end - f) : strlen(f);
		struct search_units u;
		search_units_of(f, n, &u);
		text_grams(g, k, &u);
		if (search_kinds[k].py[i] != SEARCH_PY_NONE && u.n)
			pinyin_grams(g, k, f, n, search_kinds[k].py[i] == SEARCH_PY_PERSON);
		f = end ? end + 1 : NULL;
	}
}

int search_tokens(enum search_kind k, const char *body, struct strbuf *b)
{
	static const char kind_letter[] = "iogtws", cls_letter[] = "nbepqz";
	struct search_grams g = {0};
	search_grams_of(k, body, &g);
	for (int i = 0; i < g.n; i++) {
		char t[16];
		size_t len = 0;
		uint64_t x = g.v[i];
		int kc = (int)(x >> 42);
		t[len++] = ' ';
		t[len++] = kind_letter[kc / 8 % 6];
		t[len++] = cls_letter[kc % 8 % 6];
		len += search_put_utf8(t + len, (uint32_t)(x >> 21 & 0x1FFFFF));
		if (x & 0x1FFFFF)
			len += search_put_utf8(t + len, (uint32_t)(x & 0x1FFFFF));
		sb_add(b, t, len);
	}
	int n = g.n;
	free(g.v);
	return n;
}
