/* pinyin.c - pinyin initials of hanzi names: abbreviations, indexing
 * variants and initials matching.  Data: build/gen/pinyin_data.c
 * (generated from Unicode's Unihan_Readings.txt, Unicode License v3). */
#include "pinyin.h"

#include <string.h>
#include <uchar.h>

#include "pinyin_data.h"

/* ---- the generated table ------------------------------------------------ */

static char code_of(uint32_t cp)
{
	size_t lo = 0, hi = pinyin_nblocks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pinyin_blocks[mid].first <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return '.';
	const struct pinyin_block *b = &pinyin_blocks[lo - 1];
	if (cp - b->first >= b->count)
		return '.';
	return pinyin_codes[b->offset + (cp - b->first)];
}

static unsigned multi_mask(uint32_t cp)
{
	size_t lo = 0, hi = pinyin_nmulti;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pinyin_multi[mid].cp == cp)
			return pinyin_multi[mid].mask;
		if (pinyin_multi[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The primary initial of cp (0 when none), with its mask in *mask. */
static char lookup(uint32_t cp, unsigned *mask)
{
	char c = code_of(cp);
	if (c >= 'a' && c <= 'z') {
		*mask = 1u << (c - 'a');
		return c;
	}
	if (c >= 'A' && c <= 'Z') {
		*mask = multi_mask(cp);
		return (char)(c - 'A' + 'a');
	}
	*mask = 0;
	return 0;
}

unsigned pinyin_letters(uint32_t cp)
{
	unsigned mask;
	lookup(cp, &mask);
	return mask;
}

char pinyin_primary(uint32_t cp)
{
	unsigned mask;
	return lookup(cp, &mask);
}

/* ---- surnames ------------------------------------------------------------ */

/* Surnames whose reading is not the character's everyday one (plus a few
 * where the two agree, listed so nobody "fixes" them).  Compound surnames
 * come first: 单于 is Chányú although 单 alone is Shàn. */
static const struct surname {
	uint32_t cp[2];
	char ini[3];
} surnames[] = {
	{{U'单', U'于'}, "cy"}, {{U'尉', U'迟'}, "yc"}, {{U'万', U'俟'}, "mq"},
	{{U'长', U'孙'}, "zs"}, {{U'澹', U'台'}, "tt"}, {{U'乐', U'正'}, "yz"},
	{{U'子', U'车'}, "zj"}, {{U'夹', U'谷'}, "jg"}, {{U'令', U'狐'}, "lh"},
	{{U'欧', U'阳'}, "oy"}, {{U'司', U'马'}, "sm"}, {{U'诸', U'葛'}, "zg"},
	{{U'上', U'官'}, "sg"}, {{U'东', U'方'}, "df"}, {{U'皇', U'甫'}, "hf"},
	{{U'公', U'孙'}, "gs"}, {{U'慕', U'容'}, "mr"}, {{U'宇', U'文'}, "yw"},
	{{U'司', U'徒'}, "st"}, {{U'夏', U'侯'}, "xh"}, {{U'鲜', U'于'}, "xy"},
	{{U'淳', U'于'}, "cy"}, {{U'轩', U'辕'}, "xy"}, {{U'端', U'木'}, "dm"},
	{{U'呼', U'延'}, "hy"}, {{U'钟', U'离'}, "zl"}, {{U'申', U'屠'}, "st"},
	{{U'单', 0}, "s"},  /* Shàn, not dān */
	{{U'曾', 0}, "z"},  /* Zēng */
	{{U'解', 0}, "x"},  /* Xiè */
	{{U'仇', 0}, "q"},  /* Qiú */
	{{U'朴', 0}, "p"},  /* Piáo */
	{{U'区', 0}, "o"},  /* Ōu */
	{{U'查', 0}, "z"},  /* Zhā */
	{{U'乐', 0}, "y"},  /* Yuè */
	{{U'盖', 0}, "g"},  /* Gě */
	{{U'缪', 0}, "m"},  /* Miào */
	{{U'翟', 0}, "z"},  /* Zhái */
	{{U'宁', 0}, "n"},  /* Nìng */
	{{U'秘', 0}, "b"},  /* Bì */
	{{U'重', 0}, "c"},  /* Chóng */
	{{U'种', 0}, "c"},  /* Chóng */
	{{U'覃', 0}, "q"},  /* Qín */
	{{U'车', 0}, "c"},  /* Chē */
	{{U'长', 0}, "c"},  /* Cháng */
	{{U'召', 0}, "s"},  /* Shào */
	{{U'华', 0}, "h"},  /* Huà */
	{{U'繁', 0}, "p"},  /* Pó */
	{{U'员', 0}, "y"},  /* Yùn */
	{{U'隗', 0}, "w"},  /* Wěi */
	{{U'沈', 0}, "s"},  /* Shěn */
	{{U'石', 0}, "s"},  /* Shí */
	{{U'柏', 0}, "b"},  /* Bǎi */
	{{U'薄', 0}, "b"},  /* Bó */
	{{U'阚', 0}, "k"},  /* Kàn */
	{{U'洗', 0}, "x"},  /* Xiǎn */
	{{U'冼', 0}, "x"},  /* Xiǎn */
	{{U'都', 0}, "d"},  /* Dū */
	{{U'句', 0}, "g"},  /* Gōu */
	{{U'过', 0}, "g"},  /* Guō */
	{{U'能', 0}, "n"},  /* Nài */
	{{U'祭', 0}, "z"},  /* Zhài */
	{{U'牟', 0}, "m"},  /* Móu */
	{{U'黑', 0}, "h"},  /* Hè */
	{{U'蕃', 0}, "p"},  /* Pí */
	{{U'应', 0}, "y"},  /* Yīng */
	{{U'便', 0}, "p"},  /* Pián */
	{{U'佴', 0}, "n"},  /* Nài */
	{{U'粘', 0}, "n"},  /* Nián */
	{{U'折', 0}, "s"},  /* Shé */
	{{U'蔚', 0}, "y"},  /* Yù */
	{{U'藏', 0}, "z"},  /* Zàng */
};

/* ---- units --------------------------------------------------------------- */

/* Strict UTF-8 (no overlongs, surrogates or values past U+10FFFF): every
 * byte that does not start a valid sequence comes back alone as U+FFFD,
 * which no caller treats as a unit. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *pos)
{
	size_t i = *pos;
	unsigned c = s[i];
	uint32_t cp, min;
	size_t len;

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
		goto bad;
	if (n - i < len)
		goto bad;
	for (size_t k = 1; k < len; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			goto bad;
		cp = cp << 6 | (s[i + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		goto bad;
	*pos = i + len;
	return cp;
bad:
	*pos = i + 1;
	return 0xFFFD;
}

static int is_ideograph(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

struct unit {
	uint32_t cp;    /* folded: ASCII lowercased, fullwidth to ASCII */
	unsigned mask;  /* initials it matches; 0 for digits */
	char letter;    /* what the abbreviation writes; 0 for none */
};

/* Walks the units of a text; with a surname found it overrides the
 * primary initial of the first one or two units. */
struct reader {
	const unsigned char *s;
	size_t n, pos;
	size_t idx;        /* units returned so far */
	const char *sur;   /* surname initials, or NULL */
};

static int raw_next(struct reader *r, struct unit *u)
{
	while (r->pos < r->n) {
		uint32_t cp = utf8_next(r->s, r->n, &r->pos);
		/* Chinese input methods type fullwidth ＡＢＣ１２３. */
		if (cp >= 0xFF10 && cp <= 0xFF5A)
			cp -= 0xFEE0;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (cp >= 'a' && cp <= 'z') {
			*u = (struct unit){cp, 1u << (cp - 'a'), (char)cp};
			return 1;
		}
		if (cp >= '0' && cp <= '9') {
			*u = (struct unit){cp, 0, (char)cp};
			return 1;
		}
		if (is_ideograph(cp)) {
			u->cp = cp;
			u->letter = lookup(cp, &u->mask);
			return 1;
		}
	}
	return 0;
}

static int reader_next(struct reader *r, struct unit *u)
{
	if (!raw_next(r, u))
		return 0;
	if (r->sur && r->idx < strlen(r->sur)) {
		char c = r->sur[r->idx];
		u->letter = c;
		u->mask |= 1u << (c - 'a');
	}
	r->idx++;
	return 1;
}

static void reader_init(struct reader *r, const char *s, size_t n, int person)
{
	*r = (struct reader){(const unsigned char *)s, s ? n : 0, 0, 0, NULL};
	if (!person)
		return;
	struct reader peek = *r;
	struct unit u[3];
	int have = 0;
	while (have < 3 && raw_next(&peek, &u[have]))
		have++;
	if (have == 0)
		return;
	for (size_t i = 0; i < sizeof surnames / sizeof surnames[0]; i++) {
		const struct surname *sn = &surnames[i];
		if (sn->cp[0] != u[0].cp)
			continue;
		/* A compound surname needs a given name after it: 单于 alone is
		 * more likely Shàn Yú than the Xiongnu title. */
		if (sn->cp[1] && (have < 3 || sn->cp[1] != u[1].cp))
			continue;
		r->sur = sn->ini;
		return;
	}
}

/* ---- abbreviations ------------------------------------------------------- */

size_t pinyin_abbrev(const char *utf8, size_t n, int person, char *out,
		     size_t outsz)
{
	if (!out || !outsz)
		return 0;
	struct reader r;
	struct unit u;
	size_t len = 0;
	reader_init(&r, utf8, n, person);
	while (len + 1 < outsz && reader_next(&r, &u))
		if (u.letter)
			out[len++] = u.letter;
	out[len] = '\0';
	return len;
}

#define MAX_POLY 32

struct variants {
	char *out;
	size_t outsz, len;  /* out holds len chars plus NUL */
	size_t plen;        /* the primary string is out[0..plen) */
	int count, max;
	struct { size_t pos; unsigned alt; } poly[MAX_POLY];
	int npoly;
	struct { size_t pos; char letter; } dev[MAX_POLY];
	int ndev;
};

/* Appends the primary string with the current deviations; 0 when full. */
static int emit(struct variants *v)
{
	if (v->count >= v->max || v->len + 1 + v->plen + 1 > v->outsz)
		return 0;
	char *dst = v->out + v->len + 1;
	memcpy(dst, v->out, v->plen);
	for (int i = 0; i < v->ndev; i++)
		dst[v->dev[i].pos] = v->dev[i].letter;
	v->out[v->len] = ' ';
	v->len += 1 + v->plen;
	v->out[v->len] = '\0';
	v->count++;
	return 1;
}

/* Every assignment of exactly k more deviations at poly[from..]; stops
 * (returning 0) once out is full or max reached.  The bound on i skips
 * branches that cannot place all k, so all work ends in an emit. */
static int deviate(struct variants *v, int from, int k)
{
	if (k == 0)
		return emit(v);
	for (int i = from; i <= v->npoly - k; i++) {
		for (unsigned m = v->poly[i].alt; m; m &= m - 1) {
			int bit = __builtin_ctz(m);
			v->dev[v->ndev].pos = v->poly[i].pos;
			v->dev[v->ndev].letter = (char)('a' + bit);
			v->ndev++;
			int more = deviate(v, i + 1, k - 1);
			v->ndev--;
			if (!more)
				return 0;
		}
	}
	return 1;
}

size_t pinyin_variants(const char *utf8, size_t n, int person, char *out,
		       size_t outsz, int max)
{
	if (!out || !outsz)
		return 0;
	struct variants v = {.out = out, .outsz = outsz, .max = max < 1 ? 1 : max};
	struct reader r;
	struct unit u;

	reader_init(&r, utf8, n, person);
	while (v.len + 1 < outsz && reader_next(&r, &u)) {
		if (!u.letter)
			continue;
		unsigned alt = 0;
		if (u.letter >= 'a' && u.letter <= 'z')
			alt = u.mask & ~(1u << (u.letter - 'a'));
		if (alt && v.npoly < MAX_POLY) {
			v.poly[v.npoly].pos = v.len;
			v.poly[v.npoly].alt = alt;
			v.npoly++;
		}
		out[v.len++] = u.letter;
	}
	out[v.len] = '\0';
	v.plen = v.len;
	v.count = 1;
	for (int k = 1; k <= v.npoly; k++)
		if (!deviate(&v, 0, k))
			break;
	return v.len;
}

/* ---- matching ------------------------------------------------------------ */

static int unit_matches(const struct unit *q, const struct unit *name)
{
	if (q->cp >= 'a' && q->cp <= 'z')
		return (name->mask >> (q->cp - 'a')) & 1u;
	return q->cp == name->cp;
}

/* Whether the query's units match the name's from where r stands; *whole
 * says the name had no units left after them. */
static int match_at(const char *query, size_t qn, struct reader r, int *whole)
{
	struct reader q;
	struct unit qu, nu;
	reader_init(&q, query, qn, 0);
	while (reader_next(&q, &qu))
		if (!reader_next(&r, &nu) || !unit_matches(&qu, &nu))
			return 0;
	*whole = !reader_next(&r, &nu);
	return 1;
}

int pinyin_match(const char *query, size_t qn, const char *name, size_t nn,
		 int person)
{
	struct reader q, r;
	struct unit u;
	int whole;

	reader_init(&q, query, qn, 0);
	if (!reader_next(&q, &u))
		return 0;
	reader_init(&r, name, nn, person);
	if (match_at(query, qn, r, &whole))
		return whole ? 3 : 2;
	while (reader_next(&r, &u))
		if (match_at(query, qn, r, &whole))
			return 1;
	return 0;
}
