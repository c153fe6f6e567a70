/* strbuf.c - growable buffer and JSON escaping. */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(struct strbuf *b, size_t need)
{
	if (b->oom)
		return 0;
	if (b->len + need + 1 <= b->cap)
		return 1;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		b->oom = 1;
		return 0;
	}
	b->s = s;
	b->cap = cap;
	return 1;
}

void sb_add(struct strbuf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_puts(struct strbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char small[256];
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		sb_add(b, small, (size_t)n);
		return;
	}
	if (!grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Length of a valid UTF-8 sequence at p (at most n bytes), 0 if invalid. */
static size_t seq_len(const unsigned char *p, size_t n)
{
	size_t k = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
	if (!k || k > n || p[0] > 0xF4)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
	    (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
		return 0;
	return k;
}

void sb_json_str(struct strbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);
	sb_add(b, "\"", 1);
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		if (c == '"' || c == '\\') {
			char e[2] = {'\\', (char)c};
			sb_add(b, e, 2);
			i++;
		} else if (c == '\n') {
			sb_add(b, "\\n", 2), i++;
		} else if (c == '\t') {
			sb_add(b, "\\t", 2), i++;
		} else if (c < 0x20 || c == 0x7F) {
			sb_printf(b, "\\u%04x", c), i++;
		} else if (c < 0x80) {
			size_t j = i;
			while (j < n && p[j] >= 0x20 && p[j] < 0x7F && p[j] != '"' && p[j] != '\\')
				j++;
			sb_add(b, (const char *)p + i, j - i);
			i = j;
		} else {
			size_t k = seq_len(p + i, n - i);
			if (k) {
				sb_add(b, (const char *)p + i, k);
				i += k;
			} else {
				sb_puts(b, "\\ufffd");
				i++;
			}
		}
	}
	sb_add(b, "\"", 1);
}

void sb_json_kv_str(struct strbuf *b, int *first, const char *key, const char *val)
{
	if (!*first)
		sb_add(b, ",", 1);
	*first = 0;
	sb_json_str(b, key);
	sb_add(b, ":", 1);
	if (val)
		sb_json_str(b, val);
	else
		sb_puts(b, "null");
}

void sb_json_kv_int(struct strbuf *b, int *first, const char *key, long long val)
{
	if (!*first)
		sb_add(b, ",", 1);
	*first = 0;
	sb_json_str(b, key);
	sb_printf(b, ":%lld", val);
}

const char *sb_str(const struct strbuf *b) { return b->s ? b->s : ""; }

void sb_reset(struct strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}
