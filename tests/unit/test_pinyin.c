/* test_pinyin.c - pinyin initials: the generated data, abbreviations,
 * indexing variants and initials matching. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <string.h>
#include <uchar.h>

#include "pinyin.h"
#include "pinyin_data.h"

#define L(s) (s), strlen(s)

static unsigned bit(char c)
{
	return 1u << (c - 'a');
}

/* ---- generated data ------------------------------------------------------ */

static void test_data_shape(void **state)
{
	(void)state;
	assert_true(pinyin_nblocks > 0);
	assert_true(pinyin_nmulti > 1000);
	uint32_t next_free = 0, offset = 0;
	for (size_t i = 0; i < pinyin_nblocks; i++) {
		const struct pinyin_block *b = &pinyin_blocks[i];
		assert_true(b->first >= next_free);
		assert_int_equal(b->offset, offset);
		assert_true(b->count > 0);
		/* Blocks start and end on a character with a reading. */
		assert_int_not_equal(pinyin_codes[b->offset], '.');
		assert_int_not_equal(pinyin_codes[b->offset + b->count - 1], '.');
		next_free = b->first + b->count;
		offset += b->count;
	}
	assert_int_equal(strlen(pinyin_codes), offset);
	for (size_t i = 0; i < pinyin_nmulti; i++) {
		const struct pinyin_multi *m = &pinyin_multi[i];
		if (i)
			assert_true(m->cp > pinyin_multi[i - 1].cp);
		assert_true(m->mask & (m->mask - 1));  /* two letters or more */
		assert_true(m->mask < 1u << 26);
		assert_int_equal(pinyin_letters(m->cp), m->mask);
		assert_true(m->mask & bit(pinyin_primary(m->cp)));
	}
}

static void test_letters(void **state)
{
	(void)state;
	assert_int_equal(pinyin_primary(U'张'), 'z');
	assert_int_equal(pinyin_letters(U'张'), bit('z'));
	/* 行: xíng first, háng among the others. */
	assert_int_equal(pinyin_primary(U'行'), 'x');
	assert_true(pinyin_letters(U'行') & bit('h'));
	assert_true(pinyin_letters(U'行') & bit('x'));
	/* zh/ch/sh collapse: 长 zhǎng/cháng is exactly {c, z}. */
	assert_int_equal(pinyin_letters(U'长'), bit('c') | bit('z'));
	/* Tone-marked initials: 爱 ài, 鹅 é, 欧 ōu, 嗯 ń. */
	assert_int_equal(pinyin_primary(U'爱'), 'a');
	assert_int_equal(pinyin_primary(U'鹅'), 'e');
	assert_int_equal(pinyin_primary(U'欧'), 'o');
	assert_int_equal(pinyin_primary(U'嗯'), 'n');
	/* Extension A, extension B, first and last of the table. */
	assert_int_equal(pinyin_primary(0x3400), 'q');
	assert_int_not_equal(pinyin_primary(0x20000), 0);
	/* Not hanzi, or hanzi without a reading. */
	assert_int_equal(pinyin_letters('a'), 0);
	assert_int_equal(pinyin_primary('z'), 0);
	assert_int_equal(pinyin_letters(0x3007), 0);  /* 〇 */
	assert_int_equal(pinyin_letters(0x3401), bit('t'));
	assert_int_equal(pinyin_letters(0x3402), 0);
	assert_int_equal(pinyin_letters(0x10FFFF), 0);
	assert_int_equal(pinyin_letters(0xFFFFFFFFu), 0);
}

/* Every hanzi of GB2312 (the 6763 a clerk's input method offers first)
 * must have an initial; iconv is only the way to list them. */
static void test_gb2312_coverage(void **state)
{
	(void)state;
	iconv_t cd = iconv_open("UTF-32LE", "GB2312");
	if (cd == (iconv_t)-1)
		skip();
	int seen = 0;
	for (int hi = 0xB0; hi <= 0xF7; hi++) {
		for (int lo = 0xA1; lo <= 0xFE; lo++) {
			char in[2] = {(char)hi, (char)lo};
			unsigned char buf[4];
			char *ip = in, *op = (char *)buf;
			size_t il = 2, ol = 4;
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
				iconv(cd, NULL, NULL, NULL, NULL);
				continue;  /* unassigned slot */
			}
			uint32_t cp = buf[0] | buf[1] << 8 | (uint32_t)buf[2] << 16;
			if (pinyin_primary(cp) == 0)
				fail_msg("GB2312 %02X%02X (U+%04X) has no initial", hi, lo,
					 (unsigned)cp);
			seen++;
		}
	}
	iconv_close(cd);
	assert_int_equal(seen, 6763);
}

/* ---- abbreviations ------------------------------------------------------- */

static const struct {
	const char *name;
	int person;
	const char *abbrev;
} names[] = {
	/* people */
	{"张伟", 1, "zw"},      {"王秀英", 1, "wxy"},   {"李娜", 1, "ln"},
	{"刘洋", 1, "ly"},      {"陈静", 1, "cj"},      {"杨帆", 1, "yf"},
	{"单雄信", 1, "sxx"},   {"曾国藩", 1, "zgf"},   {"解缙", 1, "xj"},
	{"仇英", 1, "qy"},      {"朴槿惠", 1, "pjh"},   {"区志强", 1, "ozq"},
	{"查良镛", 1, "zly"},   {"乐嘉", 1, "yj"},      {"欧阳修", 1, "oyx"},
	{"尉迟恭", 1, "ycg"},   {"长孙无忌", 1, "zswj"}, {"覃", 1, "q"},
	{"覃振华", 1, "qzh"},   {"盖聂", 1, "gn"},      {"缪可", 1, "mk"},
	{"翟志刚", 1, "zzg"},   {"宁采臣", 1, "ncc"},   {"秘书", 1, "bs"},
	{"重耳", 1, "ce"},      {"种师道", 1, "csd"},   {"车胤", 1, "cy"},
	{"召忽", 1, "sh"},      {"华佗", 1, "ht"},      {"繁钦", 1, "pq"},
	{"员半千", 1, "ybq"},   {"隗嚣", 1, "wx"},      {"沈从文", 1, "scw"},
	{"阚泽", 1, "kz"},      {"冼星海", 1, "xxh"},   {"句龙", 1, "gl"},
	{"能静", 1, "nj"},      {"祭遵", 1, "zz"},      {"牟其中", 1, "mqz"},
	{"万俟卨", 1, "mqx"},   {"澹台灭明", 1, "ttmm"}, {"令狐冲", 1, "lhc"},
	{"单于丽", 1, "cyl"},   {"单于", 1, "sy"},      {"诸葛亮", 1, "zgl"},
	{"司马光", 1, "smg"},   {"上官婉儿", 1, "sgwe"}, {"长江", 1, "cj"},
	/* places and companies of Shucheng County */
	{"舒城县", 0, "scx"},     {"杭埠镇", 0, "hbz"},   {"千人桥镇", 0, "qrqz"},
	{"城关镇", 0, "cgz"},     {"万佛湖镇", 0, "wfhz"}, {"桃溪镇", 0, "txz"},
	{"晓天镇", 0, "xtz"},     {"汤池镇", 0, "tcz"},   {"山七镇", 0, "sqz"},
	{"南港镇", 0, "ngz"},     {"干汊河镇", 0, "gchz"}, {"五显镇", 0, "wxz"},
	{"高峰乡", 0, "gfx"},     {"庐镇乡", 0, "lzx"},   {"柏林乡", 0, "blx"},
	{"棠树乡", 0, "tsx"},     {"阙店乡", 0, "qdx"},   {"春秋乡", 0, "cqx"},
	{"河棚镇", 0, "hpz"},     {"张母桥镇", 0, "zmqz"}, {"舒城县经开区", 0, "scxjkq"},
	{"长江", 0, "zj"},        {"单雄信", 0, "dxx"},   {"曾国藩", 0, "cgf"},
	/* mixed text */
	{"ABC科技", 0, "abckj"},  {"ＡＢＣ科技", 0, "abckj"},
	{"第3网格", 0, "d3wg"},   {"舒城县（经开区）", 0, "scxjkq"},
	{"  张 伟 ", 1, "zw"},    {"Zhang伟", 1, "zhangw"},
	{"〇号楼", 0, "hl"},      {"", 0, ""},             {"，。！", 0, ""},
};

static void test_abbrev_table(void **state)
{
	(void)state;
	assert_true(sizeof names / sizeof names[0] >= 40);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char out[64];
		size_t len = pinyin_abbrev(L(names[i].name), names[i].person, out,
					   sizeof out);
		if (strcmp(out, names[i].abbrev) != 0)
			fail_msg("%s (person %d): got \"%s\", want \"%s\"",
				 names[i].name, names[i].person, out, names[i].abbrev);
		assert_int_equal(len, strlen(out));
	}
}

static void test_abbrev_small_buffer(void **state)
{
	(void)state;
	char out[8];
	memset(out, 'X', sizeof out);
	assert_int_equal(pinyin_abbrev(L("千人桥镇"), 0, out, 3), 2);
	assert_string_equal(out, "qr");
	assert_int_equal(out[3], 'X');
	assert_int_equal(pinyin_abbrev(L("千人桥镇"), 0, out, 1), 0);
	assert_string_equal(out, "");
	memset(out, 'X', sizeof out);
	assert_int_equal(pinyin_abbrev(L("千人桥镇"), 0, out, 0), 0);
	assert_int_equal(out[0], 'X');
	assert_int_equal(pinyin_abbrev(L("千人桥镇"), 0, NULL, 8), 0);
	/* n + 1 bytes are always enough. */
	const char *s = "ABC科技12";
	char big[32];
	assert_int_equal(pinyin_abbrev(s, strlen(s), 0, big, strlen(s) + 1), 7);
	assert_int_equal(pinyin_abbrev(NULL, 0, 0, big, sizeof big), 0);
	assert_string_equal(big, "");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	char out[32];
	/* stray continuation, 0xFF, overlong '/', a surrogate, a lead byte
	 * cut short by the next hanzi, and a sequence cut by the length. */
	const char bad[] = "\x80张\xff\xc0\xaf\xed\xa0\x80\xe4\xbc伟\xe4\xbc";
	assert_int_equal(pinyin_abbrev(bad, sizeof bad - 1, 0, out, sizeof out), 2);
	assert_string_equal(out, "zw");
	assert_int_equal(pinyin_match(L("zw"), bad, sizeof bad - 1, 0), 3);
	/* The length, not a NUL, ends the text: 张 cut after two bytes. */
	assert_int_equal(pinyin_abbrev("张伟", 2, 0, out, sizeof out), 0);
	assert_int_equal(pinyin_abbrev("张伟", 4, 0, out, sizeof out), 1);
	assert_string_equal(out, "z");
	/* Beyond U+10FFFF. */
	assert_int_equal(pinyin_abbrev(L("\xf4\x90\x80\x80z"), 0, out, sizeof out), 1);
	assert_int_equal(pinyin_variants(L("\xe8\xa1"), 0, out, sizeof out, 8), 0);
	assert_int_equal(pinyin_match(L("\xe8\xa1"), L("行"), 0), 0);
}

/* ---- variants ------------------------------------------------------------ */

/* Whether word is one of the space-separated variants in list. */
static int has_variant(const char *list, const char *word)
{
	size_t wl = strlen(word);
	for (const char *p = list; *p;) {
		size_t l = strcspn(p, " ");
		if (l == wl && memcmp(p, word, wl) == 0)
			return 1;
		p += l;
		if (*p == ' ')
			p++;
	}
	return 0;
}

static int count_variants(const char *list)
{
	int n = *list ? 1 : 0;
	for (const char *p = list; *p; p++)
		n += *p == ' ';
	return n;
}

static void test_variants(void **state)
{
	(void)state;
	char out[256];
	size_t len = pinyin_variants(L("银行"), 0, out, sizeof out, 8);
	assert_int_equal(len, strlen(out));
	assert_string_equal(out, "yx yh");

	/* Primary first, every reading of a surname still indexed. */
	pinyin_variants(L("单雄信"), 1, out, sizeof out, 8);
	assert_memory_equal(out, "sxx ", 4);
	assert_true(has_variant(out, "dxx"));
	assert_true(has_variant(out, "cxx"));

	/* Single deviations come before double ones. */
	pinyin_variants(L("中国农业银行舒城县支行"), 0, out, sizeof out, 8);
	assert_memory_equal(out, "zgnyyxscxzx ", 12);
	assert_true(has_variant(out, "zgnyyhscxzx"));
	assert_true(has_variant(out, "zgnyyxscxzh"));
	assert_int_equal(count_variants(out), 8);

	/* Distinct, and capped by max. */
	pinyin_variants(L("单于"), 1, out, sizeof out, 100);
	int n = count_variants(out);
	assert_int_equal(n, 3 * 3);  /* 单 {s,c,d} x 于 {y,w,x} */
	for (const char *p = out; *p;) {
		size_t l = strcspn(p, " ");
		char word[16];
		memcpy(word, p, l);
		word[l] = '\0';
		p += l + (p[l] == ' ');
		assert_false(has_variant(p, word));
	}
	pinyin_variants(L("单于"), 1, out, sizeof out, 2);
	assert_string_equal(out, "sy cy");
	pinyin_variants(L("单于"), 1, out, sizeof out, 0);
	assert_string_equal(out, "sy");

	/* Monophonic text and ASCII have one variant. */
	pinyin_variants(L("张伟 ABC 12"), 0, out, sizeof out, 8);
	assert_string_equal(out, "zwabc12");
	pinyin_variants(L(""), 0, out, sizeof out, 8);
	assert_string_equal(out, "");
}

static void test_variants_small_buffer(void **state)
{
	(void)state;
	char out[16];
	memset(out, 'X', sizeof out);
	/* "yx yh" needs 6 bytes; with 5 the second is left out whole. */
	assert_int_equal(pinyin_variants(L("银行"), 0, out, 5, 8), 2);
	assert_string_equal(out, "yx");
	assert_int_equal(pinyin_variants(L("银行"), 0, out, 6, 8), 5);
	assert_string_equal(out, "yx yh");
	assert_int_equal(pinyin_variants(L("银行"), 0, out, 2, 8), 1);
	assert_string_equal(out, "y");
	memset(out, 'X', sizeof out);
	assert_int_equal(pinyin_variants(L("银行"), 0, out, 0, 8), 0);
	assert_int_equal(out[0], 'X');
	assert_int_equal(pinyin_variants(L("银行"), 0, NULL, 6, 8), 0);
}

/* ---- matching ------------------------------------------------------------ */

static void test_match(void **state)
{
	(void)state;
	assert_int_equal(pinyin_match(L("zw"), L("张伟"), 1), 3);
	assert_int_equal(pinyin_match(L("ZW"), L("张伟"), 1), 3);
	assert_int_equal(pinyin_match(L("ＺＷ"), L("张伟"), 1), 3);
	assert_int_equal(pinyin_match(L("张w"), L("张伟"), 1), 3);
	assert_int_equal(pinyin_match(L("张伟"), L("张伟"), 1), 3);
	assert_int_equal(pinyin_match(L("z w"), L("张伟"), 1), 3);
	assert_int_equal(pinyin_match(L("z"), L("张伟"), 1), 2);
	assert_int_equal(pinyin_match(L("w"), L("张伟"), 1), 1);
	assert_int_equal(pinyin_match(L("伟"), L("张伟"), 1), 1);
	assert_int_equal(pinyin_match(L("王w"), L("张伟"), 1), 0);
	assert_int_equal(pinyin_match(L("wz"), L("张伟"), 1), 0);
	assert_int_equal(pinyin_match(L("zwx"), L("张伟"), 1), 0);

	const char *zone = "舒城县经开区";
	assert_int_equal(pinyin_match(L("sc"), L(zone), 0), 2);
	assert_int_equal(pinyin_match(L("jk"), L(zone), 0), 1);
	assert_int_equal(pinyin_match(L("jkq"), L(zone), 0), 1);
	assert_int_equal(pinyin_match(L("scxjkq"), L(zone), 0), 3);
	assert_int_equal(pinyin_match(L("舒cx"), L(zone), 0), 2);
	assert_int_equal(pinyin_match(L("开q"), L(zone), 0), 1);
	assert_int_equal(pinyin_match(L("kj"), L(zone), 0), 0);
	assert_int_equal(pinyin_match(L("jk"), L("舒城县（经开区）"), 0), 1);

	/* Any reading matches: 银行 by yh and yx, 单雄信 by s, d and c. */
	assert_int_equal(pinyin_match(L("yh"), L("农业银行"), 0), 1);
	assert_int_equal(pinyin_match(L("yx"), L("农业银行"), 0), 1);
	assert_int_equal(pinyin_match(L("nyyh"), L("农业银行"), 0), 3);
	assert_int_equal(pinyin_match(L("sxx"), L("单雄信"), 1), 3);
	assert_int_equal(pinyin_match(L("dxx"), L("单雄信"), 1), 3);
	assert_int_equal(pinyin_match(L("sxx"), L("单雄信"), 0), 3);
	assert_int_equal(pinyin_match(L("yc"), L("尉迟恭"), 1), 2);

	/* ASCII in names compares as itself; digits as digits. */
	assert_int_equal(pinyin_match(L("abc"), L("ABC科技"), 0), 2);
	assert_int_equal(pinyin_match(L("ckj"), L("ABC科技"), 0), 1);
	assert_int_equal(pinyin_match(L("k"), L("ABC"), 0), 0);
	assert_int_equal(pinyin_match(L("d3"), L("第3网格"), 0), 2);
	assert_int_equal(pinyin_match(L("d4"), L("第3网格"), 0), 0);
	assert_int_equal(pinyin_match(L("3w"), L("第３网格"), 0), 1);
}

static void test_match_empty(void **state)
{
	(void)state;
	assert_int_equal(pinyin_match(L(""), L("张伟"), 1), 0);
	assert_int_equal(pinyin_match(L(" ，"), L("张伟"), 1), 0);
	assert_int_equal(pinyin_match(L("z"), L(""), 1), 0);
	assert_int_equal(pinyin_match(L(""), L(""), 0), 0);
	assert_int_equal(pinyin_match(NULL, 0, NULL, 0, 0), 0);
	assert_int_equal(pinyin_match(L("z"), NULL, 0, 1), 0);
	/* A name made of ignored characters only has no units. */
	assert_int_equal(pinyin_match(L("a"), L("，。"), 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_data_shape),
		cmocka_unit_test(test_letters),
		cmocka_unit_test(test_gb2312_coverage),
		cmocka_unit_test(test_abbrev_table),
		cmocka_unit_test(test_abbrev_small_buffer),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_variants_small_buffer),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_match_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
