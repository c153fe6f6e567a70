/* test_width.c - unit tests for core/width.c: widths, cropping, sanitizing
 * and cursor movement over Chinese, broken and hostile text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "width.h"

#define S(lit) (lit), (sizeof(lit) - 1)	/* a literal and its length */

static int wstr(const char *s) { return width_str(s, strlen(s)); }

/* Crops s and checks the text, the returned width, and that the returned
 * width is what the text really takes. */
static void check_crop(const char *s, int cols, int pad, const char *want,
		       int want_w)
{
	char buf[256];
	memset(buf, 'X', sizeof buf);
	int w = width_crop(s, strlen(s), cols, pad, buf, sizeof buf);
	assert_string_equal(buf, want);
	assert_int_equal(w, want_w);
	assert_int_equal(wstr(buf), w);
}

static void check_right(const char *s, int cols, const char *want, int want_w)
{
	char buf[256];
	int w = width_crop_right(s, strlen(s), cols, buf, sizeof buf);
	assert_string_equal(buf, want);
	assert_int_equal(w, want_w);
	assert_int_equal(wstr(buf), w);
}

static void check_sanitize(const char *s, size_t n, const char *want)
{
	char buf[256];
	size_t len = width_sanitize(s, n, buf, sizeof buf);
	assert_string_equal(buf, want);
	assert_int_equal(len, strlen(want));
}

static void test_ascii(void **state)
{
	(void)state;
	assert_int_equal(wstr(""), 0);
	assert_int_equal(wstr("hello"), 5);
	assert_int_equal(width_chars(S("hello")), 5);
		assert_int_equal(width_char(L'a'), 1);
	assert_int_equal(width_char(L' '), 1);
	assert_int_equal(width_char(L'~'), 1);
}

static void test_chinese(void **state)
{
	(void)state;
	assert_int_equal(wstr("网格管理"), 8);
	assert_int_equal(strlen("网格管理"), 12);
	assert_int_equal(width_chars(S("网格管理")), 4);
	assert_int_equal(width_char(0x7F51), 2);	/* 网 */
	assert_int_equal(width_char(0x4E00), 2);
	assert_int_equal(width_char(0x9FFF), 2);
	assert_int_equal(width_char(0x3400), 2);	/* Ext A */
	assert_int_equal(width_char(0x4DBF), 2);
	assert_int_equal(width_char(0x20000), 2);	/* Ext B */
	assert_int_equal(width_char(0x2A700), 2);	/* Ext C */
	assert_int_equal(width_char(0x2B740), 2);	/* Ext D */
	assert_int_equal(width_char(0x2B820), 2);	/* Ext E */
	assert_int_equal(width_char(0x2CEB0), 2);	/* Ext F */
	assert_int_equal(width_char(0x30000), 2);	/* Ext G */
	assert_int_equal(width_char(0x31350), 2);	/* Ext H */
	assert_int_equal(width_char(0xF900), 2);	/* compatibility */
	assert_int_equal(width_char(0x2F800), 2);	/* compat. supplement */
	assert_int_equal(width_char(0x3042), 2);	/* あ */
	assert_int_equal(width_char(0x30A2), 2);	/* ア */
	assert_int_equal(width_char(0xAC00), 2);	/* 가 */
	assert_int_equal(width_char(0xD7A3), 2);
	assert_int_equal(width_char(0x3131), 2);	/* compat. jamo */
	assert_int_equal(width_char(0x3300), 2);	/* CJK compatibility */
	assert_int_equal(width_char(0x2E80), 2);	/* radicals */
	/* Outside the wide blocks, just past their edges. */
	assert_int_equal(width_char(0xA4D0), 1);	/* Lisu */
	assert_int_equal(width_char(0x4DC0), 2);	/* hexagram, as glibc */
	assert_int_equal(width_char(0x3248), 2);	/* as glibc, though A */
	assert_int_equal(width_char(0xD7B0), 0);	/* Hangul jungseong */
	assert_int_equal(width_char(0x1100), 2);	/* leading jamo */
	assert_int_equal(width_char(0x1160), 0);	/* medial jamo */
}

static void test_fullwidth_punct(void **state)
{
	(void)state;
	assert_int_equal(wstr("，。"), 4);
	assert_int_equal(wstr("、；：？！（）《》“”"), 9 * 2 + 2);	/* “” are A */
	assert_int_equal(width_char(0x3000), 2);	/* ideographic space */
	assert_int_equal(width_char(0x303F), 1);	/* half fill space: N */
	assert_int_equal(width_char(0xFF01), 2);
	assert_int_equal(width_char(0xFF10), 2);	/* fullwidth 0 */
	assert_int_equal(width_char(0xFF60), 2);
	assert_int_equal(width_char(0xFF61), 1);	/* halfwidth 。 */
	assert_int_equal(width_char(0xFF9F), 1);	/* halfwidth katakana */
	assert_int_equal(width_char(0xFFE0), 2);	/* ￠ */
	assert_int_equal(width_char(0xFFE6), 2);	/* ￦ */
	assert_int_equal(width_char(0xFFE8), 1);
	check_crop("，。，", 5, 0, "，。>", 5);
}

static void test_mixed(void **state)
{
	(void)state;
	assert_int_equal(wstr("舒城县a1"), 8);
	assert_int_equal(wstr("第3网格-张三"), 12);
	assert_int_equal(width_chars(S("第3网格-张三")), 7);
	check_crop("第3网格-张三", 12, 0, "第3网格-张三", 12);
	check_crop("第3网格-张三", 11, 0, "第3网格-张>", 11);
	check_crop("第3网格-张三", 10, 0, "第3网格- >", 10);
}

static void test_ambiguous_is_one(void **state)
{
	(void)state;
	assert_int_equal(width_char(0x25CF), 1);	/* ● */
	assert_int_equal(width_char(0x25CB), 1);	/* ○ */
	assert_int_equal(width_char(0x2026), 1);	/* … */
	assert_int_equal(width_char(0x2014), 1);	/* — */
	assert_int_equal(width_char(0x2605), 1);	/* ★ */
	assert_int_equal(width_char(0x00B7), 1);	/* · */
	assert_int_equal(width_char(0xE000), 1);	/* private use */
	assert_int_equal(width_char(0x00AD), 1);	/* soft hyphen is drawn */
}

static void test_locale_independent(void **state)
{
	(void)state;
	const char *locales[] = { "C", "C.UTF-8", "POSIX" };
	for (size_t i = 0; i < sizeof locales / sizeof *locales; i++) {
		setlocale(LC_ALL, locales[i]);	/* may fail; widths must not care */
		assert_int_equal(wstr("网格管理"), 8);
		assert_int_equal(width_char(0x1F600), 2);
		check_crop("舒城县", 5, 0, "舒城>", 5);
	}
	setlocale(LC_ALL, "C");
}

static void test_decode(void **state)
{
	(void)state;
	wchar_t wc = 1;
	assert_int_equal(width_decode("", 0, &wc), 0);
	assert_int_equal(wc, 0);
	assert_int_equal(width_decode(S("A"), &wc), 1);
	assert_int_equal(wc, L'A');
	assert_int_equal(width_decode(S("\xc3\xa9"), &wc), 2);	/* é */
	assert_int_equal(wc, 0xE9);
	assert_int_equal(width_decode(S("网"), &wc), 3);
	assert_int_equal(wc, 0x7F51);
	assert_int_equal(width_decode(S("😀"), &wc), 4);
	assert_int_equal(wc, 0x1F600);
	assert_int_equal(width_decode(S("\xf4\x8f\xbf\xbf"), &wc), 4);
	assert_int_equal(wc, 0x10FFFF);
	assert_int_equal(width_decode(S("\xef\xbf\xbd"), &wc), 3);	/* real U+FFFD */
	assert_int_equal(wc, 0xFFFD);
	/* Only the n bytes given are read: a cut-off character is invalid. */
	assert_int_equal(width_decode("网", 2, &wc), 1);
	assert_int_equal(wc, 0xFFFD);
	assert_int_equal(width_decode(S("a"), NULL), 1);
}

static void test_invalid_bytes(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\x80", "\xbf", "\xfe", "\xff", "\xf5\x80\x80\x80",
		"\xc3", "\xc3\x41", "\xe7\xbd", "\xf0\x9f\x98",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		wchar_t wc = 0;
		assert_int_equal(width_decode(bad[i], strlen(bad[i]), &wc), 1);
		assert_int_equal(wc, 0xFFFD);
	}
	/* Every bad byte is one column, one character, one '?'. */
	assert_int_equal(width_str(S("a\xff" "b")), 3);
	assert_int_equal(width_chars(S("a\xff" "b")), 3);
	check_crop("a\xff" "b", 10, 0, "a?b", 3);
	check_crop("\x80\x80\x80\x80", 3, 0, "?" "?>", 3);	/* ??> is a trigraph */
	check_sanitize(S("\xfe\xff" "ok"), "??ok");
	/* A real U+FFFD in the text is valid and kept as itself. */
	check_sanitize(S("\xef\xbf\xbd"), "\xef\xbf\xbd");
	/* Raw 0x9B is a C1 CSI to some terminals: must not get through. */
	check_sanitize(S("\x9b" "2J"), "?2J");
}

static void test_overlong(void **state)
{
	(void)state;
	wchar_t wc = 0;
	/* '/' as 2, 3 and 4 bytes; NUL as 2 bytes. */
	assert_int_equal(width_decode(S("\xc0\xaf"), &wc), 1);
	assert_int_equal(wc, 0xFFFD);
	assert_int_equal(width_decode(S("\xc1\xbf"), &wc), 1);
	assert_int_equal(width_decode(S("\xe0\x80\xaf"), &wc), 1);
	assert_int_equal(width_decode(S("\xe0\x9f\xbf"), &wc), 1);
	assert_int_equal(width_decode(S("\xf0\x80\x80\xaf"), &wc), 1);
	assert_int_equal(width_decode(S("\xf0\x8f\xbf\xbf"), &wc), 1);
	assert_int_equal(wc, 0xFFFD);
	check_sanitize(S("\xc0\x80"), "??");
	check_sanitize(S("\xe0\x80\xaf"), "???");
	assert_int_equal(width_str(S("\xf0\x80\x80\xaf")), 4);
	/* The shortest forms just above each limit are fine. */
	assert_int_equal(width_decode(S("\xc2\x80"), &wc), 2);
	assert_int_equal(wc, 0x80);
	assert_int_equal(width_decode(S("\xe0\xa0\x80"), &wc), 3);
	assert_int_equal(wc, 0x800);
	assert_int_equal(width_decode(S("\xf0\x90\x80\x80"), &wc), 4);
	assert_int_equal(wc, 0x10000);
}

static void test_surrogates_and_range(void **state)
{
	(void)state;
	wchar_t wc = 0;
	assert_int_equal(width_decode(S("\xed\xa0\x80"), &wc), 1);	/* D800 */
	assert_int_equal(wc, 0xFFFD);
	assert_int_equal(width_decode(S("\xed\xbf\xbf"), &wc), 1);	/* DFFF */
	assert_int_equal(width_decode(S("\xed\x9f\xbf"), &wc), 3);	/* D7FF ok */
	assert_int_equal(wc, 0xD7FF);
	assert_int_equal(width_decode(S("\xf4\x90\x80\x80"), &wc), 1);	/* 110000 */
	assert_int_equal(wc, 0xFFFD);
	assert_int_equal(width_decode(S("\xf7\xbf\xbf\xbf"), &wc), 1);
	check_sanitize(S("\xed\xa0\x80"), "???");
	assert_int_equal(width_char(0xD800), 1);
	assert_int_equal(width_char(0x110000), 1);
	assert_int_equal(width_char(-1), 1);
}

static void test_truncated_at_end(void **state)
{
	(void)state;
	/* "网格" with the last byte lost, as a cut-short database field. */
	const char s[] = "网\xe6\xa0";
	assert_int_equal(width_str(S(s)), 4);
	assert_int_equal(width_chars(S(s)), 3);
	check_crop(s, 10, 0, "网??", 4);
	check_crop(s, 3, 0, "网>", 3);
	check_sanitize(S(s), "网??");
	assert_int_equal(width_prev(S(s), 5), 4);
	assert_int_equal(width_prev(S(s), 4), 3);
	assert_int_equal(width_prev(S(s), 3), 0);
}

static void test_controls_inert(void **state)
{
	(void)state;
	check_crop("\x1b[2J", 10, 0, "?[2J", 4);
	check_crop("ding\a", 10, 0, "ding?", 5);
	check_crop("a\tb\r\nc", 10, 0, "a?b??c", 6);
	check_crop("\x7f", 10, 0, "?", 1);
	check_crop("\xc2\x9b" "31m", 10, 0, "?31m", 4);	/* C1 CSI */
	check_crop("\xc2\x85", 10, 0, "?", 1);		/* NEL */
	check_crop("\xe2\x80\xae" "evil", 10, 0, "?evil", 5);	/* RLO */
	check_crop("\xe2\x81\xa6" "x", 10, 0, "?x", 2);	/* LRI */
	check_crop("a\xe2\x80\xa8" "b", 10, 0, "a?b", 3);	/* LINE SEP */
	check_sanitize(S("\x1b]0;title\a"), "?]0;title?");
	/* An embedded NUL is a control too, not the end of the text. */
	char buf[16];
	assert_int_equal(width_crop("a\0b", 3, 10, 0, buf, sizeof buf), 3);
	assert_string_equal(buf, "a?b");
	assert_int_equal(width_sanitize("a\0b", 3, buf, sizeof buf), 3);
	assert_string_equal(buf, "a?b");
	assert_int_equal(width_char(0x1B), 1);
	assert_int_equal(width_char(0x9B), 1);
	assert_int_equal(wstr("\x1b[2J"), 4);	/* as displayed: "?[2J" */
}

static void test_combining(void **state)
{
	(void)state;
	const char e_acute[] = "e\xcc\x81";	/* e + U+0301 */
	assert_int_equal(width_char(0x0300), 0);
	assert_int_equal(width_char(0x0301), 0);
	assert_int_equal(width_char(0x036F), 0);
	assert_int_equal(width_char(0x20DD), 0);	/* Me: enclosing circle */
	assert_int_equal(width_char(0x200B), 0);
	assert_int_equal(width_char(0x200D), 0);	/* ZWJ */
	assert_int_equal(width_char(0x200F), 0);
	assert_int_equal(width_char(0xFEFF), 0);	/* BOM */
	assert_int_equal(width_char(0xFE0F), 0);
	assert_int_equal(width_char(0xFE00), 0);
	assert_int_equal(width_char(0xE0100), 0);	/* VS supplement */
	assert_int_equal(width_char(0x302A), 0);	/* ideographic tone mark */
	assert_int_equal(width_char(0x3099), 0);	/* kana voicing mark */
	assert_int_equal(width_str(S(e_acute)), 1);
	assert_int_equal(width_chars(S(e_acute)), 2);
	check_crop("e\xcc\x81" "xyz", 4, 0, "e\xcc\x81" "xyz", 4);
	/* The mark stays with its base when the crop falls right after it. */
	check_crop("e\xcc\x81" "xyz", 3, 0, "e\xcc\x81" "x>", 3);
	check_crop("ab\xcc\x81" "c", 2, 0, "a>", 2);
	/* A mark with no base in the cell would land on the border: dropped. */
	check_crop("\xcc\x81" "a", 5, 0, "a", 1);
	check_crop("\xe2\x80\x8b" "x", 5, 0, "x", 1);	/* leading ZWSP */
	check_right("\xcc\x81" "a", 3, "  a", 3);
	check_sanitize(S("\xcc\x81" "a"), "\xcc\x81" "a");	/* kept here */
	/* Zalgo: only WIDTH_MAX_MARKS marks survive per character. */
	char z[64] = "a", want[64] = "a";
	for (int i = 0; i < 10; i++)
		strcat(z, "\xcc\x81");
	for (int i = 0; i < WIDTH_MAX_MARKS; i++)
		strcat(want, "\xcc\x81");
	strcat(z, "b");
	strcat(want, "b");
	check_crop(z, 5, 0, want, 2);
	assert_int_equal(wstr(z), 2);
}

static void test_emoji(void **state)
{
	(void)state;
	assert_int_equal(width_char(0x1F600), 2);	/* 😀 */
	assert_int_equal(width_char(0x1F64F), 2);
	assert_int_equal(width_char(0x1F300), 2);
	assert_int_equal(width_char(0x1F30D), 2);	/* 🌍 */
	assert_int_equal(width_char(0x1F44D), 2);	/* 👍 */
	assert_int_equal(width_char(0x1F9D0), 2);
	assert_int_equal(width_char(0x1F9FF), 2);
	assert_int_equal(width_char(0x2705), 2);	/* ✅ */
	/* Text-presentation symbols in the same blocks stay narrow. */
	assert_int_equal(width_char(0x1F321), 1);	/* thermometer */
	assert_int_equal(width_char(0x2764), 1);	/* ❤ */
	assert_int_equal(wstr("a😀b"), 4);
	check_crop("😀😀", 3, 0, "😀>", 3);
	check_crop("😀😀", 4, 0, "😀😀", 4);
	check_crop("😀😀😀", 4, 0, "😀 >", 4);
}

static void test_crop_exact_fit(void **state)
{
	(void)state;
	check_crop("网格管理", 8, 0, "网格管理", 8);
	check_crop("网格管理", 8, 1, "网格管理", 8);
	check_crop("hello", 5, 0, "hello", 5);
	check_crop("", 5, 0, "", 0);
	check_crop("a", 1, 0, "a", 1);
	check_crop("网", 2, 0, "网", 2);
}

static void test_crop_marker(void **state)
{
	(void)state;
	check_crop("hello world", 5, 0, "hell>", 5);
	check_crop("hello", 4, 0, "hel>", 4);
	check_crop("网格管理", 7, 0, "网格管>", 7);
	check_crop("ab", 1, 0, ">", 1);
	check_crop("网", 1, 0, ">", 1);
	/* Cropped text is exactly cols wide whether or not pad is set. */
	check_crop("hello world", 5, 1, "hell>", 5);
}

static void test_crop_straddle(void **state)
{
	(void)state;
	check_crop("舒城县", 6, 0, "舒城县", 6);
	check_crop("舒城县", 5, 0, "舒城>", 5);
	/* 城 would need columns 3-4 and the marker column 4: it goes, and its
	 * first column is filled so the marker still sits in the last one. */
	check_crop("舒城县", 4, 0, "舒 >", 4);
	check_crop("舒城县", 4, 1, "舒 >", 4);
	check_crop("舒城县", 3, 0, "舒>", 3);
	check_crop("舒城县", 2, 0, " >", 2);
	check_crop("a舒城", 4, 0, "a舒>", 4);
	check_crop("a舒城", 3, 0, "a >", 3);
}

static void test_crop_nonpositive(void **state)
{
	(void)state;
	check_crop("舒城县", 0, 0, "", 0);
	check_crop("舒城县", 0, 1, "", 0);
	check_crop("舒城县", -5, 1, "", 0);
	check_right("舒城县", 0, "", 0);
	check_right("abc", -1, "", 0);
}

static void test_crop_pad(void **state)
{
	(void)state;
	check_crop("ab", 5, 1, "ab   ", 5);
	check_crop("ab", 5, 0, "ab", 2);
	check_crop("网", 3, 1, "网 ", 3);
	check_crop("", 3, 1, "   ", 3);
	check_crop("网格", 5, 1, "网格 ", 5);
}

static void test_crop_right(void **state)
{
	(void)state;
	check_right("ab", 5, "   ab", 5);
	check_right("网", 5, "   网", 5);
	check_right("网格管理", 8, "网格管理", 8);
	check_right("网格管理", 9, " 网格管理", 9);
	check_right("网格管理", 7, "网格管>", 7);
	check_right("舒城县", 4, "舒 >", 4);
	check_right("", 2, "  ", 2);
	check_right("12.5", 6, "  12.5", 6);
	check_right("\x1b[2J", 6, "  ?[2J", 6);
}

static void test_sanitize(void **state)
{
	(void)state;
	check_sanitize(S("网格 ok"), "网格 ok");
	check_sanitize(S("a\nb"), "a?b");
	check_sanitize(S(""), "");
	/* Never longer than the input, so n + 1 bytes always suffice. */
	char buf[8];
	const char s[] = "\xc2\x9b\xe2\x80\xae!";
	assert_int_equal(width_sanitize(S(s), buf, sizeof s), 3);
	assert_string_equal(buf, "?" "?!");
}

static void test_prev_next_chinese(void **state)
{
	(void)state;
	const char s[] = "网格a管";	/* boundaries 0 3 6 7 10 */
	size_t n = sizeof s - 1;
	assert_int_equal(width_next(s, n, 0), 3);
	assert_int_equal(width_next(s, n, 3), 6);
	assert_int_equal(width_next(s, n, 6), 7);
	assert_int_equal(width_next(s, n, 7), 10);
	assert_int_equal(width_next(s, n, 10), 10);
	assert_int_equal(width_next(s, n, 99), 10);
	assert_int_equal(width_prev(s, n, 10), 7);
	assert_int_equal(width_prev(s, n, 7), 6);
	assert_int_equal(width_prev(s, n, 6), 3);
	assert_int_equal(width_prev(s, n, 3), 0);
	assert_int_equal(width_prev(s, n, 0), 0);
	assert_int_equal(width_prev(s, n, 99), 7);
	/* Four-byte characters (Ext B, emoji) too. */
	const char t[] = "\xf0\xa0\x80\x80😀";
	assert_int_equal(width_next(S(t), 0), 4);
	assert_int_equal(width_prev(S(t), 8), 4);
	assert_int_equal(width_prev(S(t), 4), 0);
	/* Backspace as a text field does it: one press, one 汉字. */
	char field[32] = "舒城县";
	size_t len = strlen(field);
	size_t cut = width_prev(field, len, len);
	field[cut] = '\0';
	assert_string_equal(field, "舒城");
}

static void test_prev_next_invalid(void **state)
{
	(void)state;
	/* x, E7 (lead cut short), BD (stray), y */
	const char s[] = "x\xe7\xbdy";
	size_t n = sizeof s - 1;
	assert_int_equal(width_chars(s, n), 4);
	assert_int_equal(width_next(s, n, 0), 1);
	assert_int_equal(width_next(s, n, 1), 2);
	assert_int_equal(width_next(s, n, 2), 3);
	assert_int_equal(width_prev(s, n, 4), 3);
	assert_int_equal(width_prev(s, n, 3), 2);
	assert_int_equal(width_prev(s, n, 2), 1);
	/* A run of stray continuation bytes: one at a time. */
	const char c[] = "\x80\x80\x80\x80\x80";
	assert_int_equal(width_prev(S(c), 5), 4);
	assert_int_equal(width_next(S(c), 0), 1);
	/* A whole character followed by a stray continuation byte. */
	const char d[] = "网\x91";
	assert_int_equal(width_prev(S(d), 4), 3);
	assert_int_equal(width_prev(S(d), 3), 0);
	/* Overlong and surrogate forms are one character per byte. */
	const char o[] = "\xc0\xaf";
	assert_int_equal(width_prev(S(o), 2), 1);
	const char g[] = "\xed\xa0\x80";
	assert_int_equal(width_prev(S(g), 3), 2);
	assert_int_equal(width_next(S(g), 0), 1);
}

static void test_chars(void **state)
{
	(void)state;
	assert_int_equal(width_chars("", 0), 0);
	assert_int_equal(width_chars(S("abc")), 3);
	assert_int_equal(width_chars(S("网格管理")), 4);
	assert_int_equal(width_chars(S("a网😀")), 3);
	assert_int_equal(width_chars(S("\xff\xfe")), 2);
	assert_int_equal(width_chars(S("e\xcc\x81")), 2);	/* marks count */
}

/* A heap buffer of exactly size bytes, so ASan sees any overrun. */
static int crop_into(const char *s, int cols, int pad, size_t size, char *got)
{
	char *buf = size ? malloc(size) : NULL;
	if (size)
		memset(buf, 'X', size);
	int w = width_crop(s, strlen(s), cols, pad, buf, size);
	if (size) {
		assert_non_null(memchr(buf, '\0', size));
		strcpy(got, buf);
	}
	free(buf);
	return w;
}

static void test_tiny_outsz(void **state)
{
	(void)state;
	char got[64];
	/* Stops before the character that does not fit whole. */
	assert_int_equal(crop_into("网格", 8, 0, 4, got), 2);
	assert_string_equal(got, "网");
	assert_int_equal(crop_into("网格", 8, 0, 6, got), 2);
	assert_string_equal(got, "网");
	assert_int_equal(crop_into("网格", 8, 0, 3, got), 0);
	assert_string_equal(got, "");
	assert_int_equal(crop_into("网格", 8, 0, 1, got), 0);
	assert_string_equal(got, "");
	assert_int_equal(crop_into("abc", 8, 1, 3, got), 2);
	assert_string_equal(got, "ab");
	assert_int_equal(crop_into("abcdef", 4, 1, 5, got), 4);
	assert_string_equal(got, "abc>");
	assert_int_equal(crop_into("abcdef", 4, 1, 4, got), 3);
	assert_string_equal(got, "abc");
	assert_int_equal(crop_into("abc", 8, 1, 0, got), 0);

	char buf[4] = "zzz";
	assert_int_equal(width_crop("abc", 3, 5, 1, buf, 0), 0);
	assert_string_equal(buf, "zzz");	/* outsz 0: untouched */
	assert_int_equal(width_crop_right("abc", 3, 5, buf, 0), 0);
	assert_int_equal(width_sanitize("abc", 3, buf, 0), 0);
	assert_string_equal(buf, "zzz");

	assert_int_equal(width_crop_right("ab", 2, 6, buf, sizeof buf), 3);
	assert_string_equal(buf, "   ");
	assert_int_equal(width_sanitize(S("网格"), buf, sizeof buf), 3);
	assert_string_equal(buf, "网");
	assert_int_equal(width_sanitize(S("网格"), buf, 3), 0);
	assert_string_equal(buf, "");
}

static void test_bufsz_is_enough(void **state)
{
	(void)state;
	/* Worst case per column: a narrow 4-byte character and four 4-byte
	 * marks (U+1D400 with U+E0100). */
	char s[512] = "";
	for (int i = 0; i < 10; i++) {
		strcat(s, "\xf0\x9d\x90\x80");
		for (int j = 0; j < 6; j++)
			strcat(s, "\xf3\xa0\x84\x80");
	}
	for (int cols = 1; cols <= 12; cols++) {
		char got[512];
		int w = crop_into(s, cols, 1, WIDTH_CROP_BUFSZ(cols), got);
		assert_int_equal(w, cols);
		assert_int_equal(wstr(got), cols);
	}
}

/* Random text from hostile pieces; checks the invariants every caller
 * relies on rather than exact output. */
static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void test_random_invariants(void **state)
{
	(void)state;
	static const char *const piece[] = {
		"a", " ", "Z", "网", "格", "，", "😀", "\xcc\x81", "\xe2\x80\x8b",
		"\x1b", "\a", "\n", "\x7f", "\xc2\x9b", "\xe2\x80\xae", "\xff",
		"\x80", "\xe7\xbd", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xf0\xa0\x80\x80", "\xef\xbf\xbd", "\xef\xbc\x8c", "\xc3\xa9",
	};
	const size_t npiece = sizeof piece / sizeof *piece;
	for (int iter = 0; iter < 5000; iter++) {
		char s[128] = "";
		int parts = (int)(rng() % 12);
		for (int i = 0; i < parts; i++)
			strcat(s, piece[rng() % npiece]);
		size_t n = strlen(s);
		int cols = (int)(rng() % 16) - 2;
		int pad = (int)(rng() % 2);
		char out[WIDTH_CROP_BUFSZ(16)];
		int w = width_crop(s, n, cols, pad, out, sizeof out);
		size_t olen = strlen(out);
		int full = width_str(s, n);

		assert_int_equal(width_str(out, olen), w);
		assert_true(w <= (cols > 0 ? cols : 0));
		if (cols > 0 && (pad || full > cols))
			assert_int_equal(w, cols);
		if (cols > 0 && full > cols)
			assert_int_equal(out[olen - 1], '>');
		if (cols > 0 && full <= cols && !pad)
			assert_int_equal(w, full);
		/* Output is clean: sanitizing changes nothing. */
		char clean[sizeof out];
		assert_int_equal(width_sanitize(out, olen, clean, sizeof clean), olen);
		assert_memory_equal(clean, out, olen);

		char right[sizeof out];
		int rw = width_crop_right(s, n, cols, right, sizeof right);
		assert_int_equal(rw, cols > 0 ? cols : 0);
		assert_int_equal(width_str(right, strlen(right)), rw);

		/* prev undoes next, and both agree with width_chars. */
		size_t off = 0, count = 0;
		while (off < n) {
			size_t nx = width_next(s, n, off);
			assert_true(nx > off && nx <= n);
			assert_int_equal(width_prev(s, n, nx), off);
			off = nx;
			count++;
		}
		assert_int_equal(count, width_chars(s, n));
		size_t sl = width_sanitize(s, n, clean, sizeof clean);
		assert_true(sl <= n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_fullwidth_punct),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_ambiguous_is_one),
		cmocka_unit_test(test_locale_independent),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_invalid_bytes),
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_surrogates_and_range),
		cmocka_unit_test(test_truncated_at_end),
		cmocka_unit_test(test_controls_inert),
		cmocka_unit_test(test_combining),
		cmocka_unit_test(test_emoji),
		cmocka_unit_test(test_crop_exact_fit),
		cmocka_unit_test(test_crop_marker),
		cmocka_unit_test(test_crop_straddle),
		cmocka_unit_test(test_crop_nonpositive),
		cmocka_unit_test(test_crop_pad),
		cmocka_unit_test(test_crop_right),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_prev_next_chinese),
		cmocka_unit_test(test_prev_next_invalid),
		cmocka_unit_test(test_chars),
		cmocka_unit_test(test_tiny_outsz),
		cmocka_unit_test(test_bufsz_is_enough),
		cmocka_unit_test(test_random_invariants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
