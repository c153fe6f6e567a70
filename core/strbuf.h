/* strbuf.h - a growable byte buffer, and JSON string writing on top of it. */
#ifndef GW_STRBUF_H
#define GW_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *s;        /* always NUL-terminated once anything was added */
	size_t len, cap;
	int oom;        /* set when an allocation failed; further adds are ignored */
};

#define STRBUF_INIT {NULL, 0, 0, 0}

void sb_add(struct strbuf *b, const char *s, size_t n);
void sb_puts(struct strbuf *b, const char *s);
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal with quotes; control characters and
 * invalid UTF-8 are escaped (\u00XX / U+FFFD) so output is always valid JSON. */
void sb_json_str(struct strbuf *b, const char *s);
/* Appends "key":value pieces: a string (NULL gives null), an integer. */
void sb_json_kv_str(struct strbuf *b, int *first, const char *key, const char *val);
void sb_json_kv_int(struct strbuf *b, int *first, const char *key, long long val);
/* The text ("" when empty); owned by the buffer. */
const char *sb_str(const struct strbuf *b);
void sb_reset(struct strbuf *b);
void sb_free(struct strbuf *b);

#endif
