/* changeset.c - the strict changeset reader (changeset.h).  The layout is
 * sqlite3session.c's ("CHANGESET FORMAT", "RECORD FORMAT"), checked against
 * what SQLite 3.40.1 writes: a composite key's key bytes hold each column's
 * place in the key (2, 1 for PRIMARY KEY(b, a)), not only 1. */
#include "changeset.h"

#include <stdint.h>
#include <string.h>

enum { OP_INSERT = 18, OP_DELETE = 9, OP_UPDATE = 23 };
enum { V_UNDEFINED, V_INTEGER, V_REAL, V_TEXT, V_BLOB, V_NULL };

struct reader {
	const unsigned char *p, *end;
};

/* SQLite's varint (sqlite3GetVarint): big-endian groups of 7 bits while the
 * top bit is set, the ninth byte all 8 bits.  0 when it runs past the end. */
static int varint(struct reader *r, uint64_t *out)
{
	uint64_t v = 0;
	for (int i = 0; i < 9; i++) {
		if (r->p == r->end)
			return 0;
		unsigned b = *r->p++;
		if (i == 8) {
			*out = v << 8 | b;
			return 1;
		}
		v = v << 7 | (b & 0x7f);
		if (!(b & 0x80)) {
			*out = v;
			return 1;
		}
	}
	return 0;
}

/* One record of ncol values.  Undefined values are allowed when undef_ok,
 * except in columns whose pk byte is set (when pk is given). */
static int record(struct reader *r, int ncol, int undef_ok, const unsigned char *pk)
{
	for (int i = 0; i < ncol; i++) {
		if (r->p == r->end)
			return 0;
		uint64_t len;
		switch (*r->p++) {
		case V_UNDEFINED:
			if (!undef_ok || (pk && pk[i]))
				return 0;
			break;
		case V_INTEGER:
		case V_REAL:
			if (r->end - r->p < 8)
				return 0;
			r->p += 8;
			break;
		case V_TEXT:
		case V_BLOB:
			if (!varint(r, &len) || len > (uint64_t)(r->end - r->p))
				return 0;
			r->p += len;
			break;
		case V_NULL:
			break;
		default:
			return 0;
		}
	}
	return 1;
}

/* A table header after its 'T'; the key bytes to *pk, the count to *ncol. */
static int table_header(struct reader *r, int *ncol, const unsigned char **pk)
{
	uint64_t n;
	if (!varint(r, &n) || n < 1 || n > CHANGESET_MAX_COLS || n > (uint64_t)(r->end - r->p))
		return 0;
	/* Key places 1..k, each once: a bit per place seen. */
	uint64_t seen = 0;
	unsigned k = 0;
	for (uint64_t i = 0; i < n; i++) {
		unsigned b = r->p[i];
		if (b == 0)
			continue;
		if (b > n || (seen & (1ULL << (b - 1))))
			return 0;
		seen |= 1ULL << (b - 1);
		k++;
	}
	if (k == 0 || seen != (k == 64 ? ~0ULL : (1ULL << k) - 1))
		return 0;
	*pk = r->p;
	*ncol = (int)n;
	r->p += n;
	const unsigned char *nul = memchr(r->p, 0, (size_t)(r->end - r->p));
	if (!nul || nul == r->p)
		return 0;
	r->p = nul + 1;
	return 1;
}

int changeset_valid(const void *p, size_t n, long *changes)
{
	long count = 0;
	if (changes)
		*changes = 0;
	if (n == 0)
		return 1;
	if (!p)
		return 0;
	struct reader r = {p, (const unsigned char *)p + n};
	while (r.p < r.end) {
		int ncol;
		const unsigned char *pk;
		if (*r.p++ != 'T' || !table_header(&r, &ncol, &pk))
			return 0;
		/* One change at least; a change's op byte is never 'T' (84). */
		long here = 0;
		while (r.p < r.end && *r.p != 'T') {
			unsigned op = *r.p++;
			if (r.p == r.end || *r.p > 1)
				return 0;
			r.p++;
			int ok = op == OP_INSERT || op == OP_DELETE ? record(&r, ncol, 0, NULL)
				 : op == OP_UPDATE ? record(&r, ncol, 1, pk) && record(&r, ncol, 1, NULL)
						   : 0;
			if (!ok)
				return 0;
			here++;
		}
		if (here == 0)
			return 0;
		count += here;
	}
	if (changes)
		*changes = count;
	return 1;
}
