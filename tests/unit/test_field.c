/* test_field.c - unit tests for the text field's editing model (tui/field.c):
 * Chinese text, cursor by character, whole-character deletion, limits in
 * characters, and horizontal scrolling by display columns that never shows
 * half of a double-width character.
 *
 * Unit tests link build/libgridwork.a only, so the field's source is
 * compiled into the test directly. */
#include "../../tui/field.c"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#define S(lit) (lit), (sizeof(lit) - 1)

static int setup(void **state)
{
	static struct field f;
	assert_int_equal(field_init(&f, 0), 0);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	field_free(*state);
	return 0;
}

/* What a field of cols columns shows, checked to be exactly cols wide. */
static const char *view(struct field *f, int cols, int *cx)
{
	static char out[1024];
	field_view(f, cols, out, sizeof out, cx);
	assert_int_equal(width_str(out, strlen(out)), cols);
	assert_true(*cx >= 0 && *cx < cols);
	return out;
}

static void test_insert_chinese(void **state)
{
	struct field *f = *state;
	assert_int_equal(field_insert(f, S("张伟")), 2);
	assert_string_equal(field_text(f), "张伟");
	assert_int_equal(field_chars(f), 2);
	assert_int_equal(field_width(f), 4);
	assert_int_equal(field_cursor_col(f), 4);
	/* Typed one key at a time, as get_wch delivers them. */
	assert_int_equal(field_insert_wc(f, L'同'), 1);
	assert_int_equal(field_insert_wc(f, L'志'), 1);
	assert_int_equal(field_insert_wc(f, L'a'), 1);
	assert_string_equal(field_text(f), "张伟同志a");
	assert_int_equal(field_cursor_col(f), 9);
}

static void test_cursor_moves_by_character(void **state)
{
	struct field *f = *state;
	assert_int_equal(field_set(f, S("舒城A县")), 0);
	assert_int_equal(field_cursor_col(f), 7);
	assert_int_equal(field_left(f), 1);      /* before 县 */
	assert_int_equal(field_cursor_col(f), 5);
	assert_int_equal(field_left(f), 1);      /* before A */
	assert_int_equal(field_cursor_col(f), 4);
	assert_int_equal(field_left(f), 1);      /* before 城 */
	assert_int_equal(field_cursor_col(f), 2);
	assert_int_equal(field_home(f), 1);
	assert_int_equal(field_cursor_col(f), 0);
	assert_int_equal(field_left(f), 0);
	assert_int_equal(field_home(f), 0);
	assert_int_equal(field_right(f), 1);
	assert_int_equal(field_cursor_col(f), 2);
	assert_int_equal(field_end(f), 1);
	assert_int_equal(field_cursor_col(f), 7);
	assert_int_equal(field_right(f), 0);
	assert_int_equal(field_end(f), 0);
}

static void test_insert_in_middle(void **state)
{
	struct field *f = *state;
	field_set(f, S("舒城县"));
	field_home(f);
	field_right(f);
	assert_int_equal(field_insert(f, S("杭埠")), 2);
	assert_string_equal(field_text(f), "舒杭埠城县");
	assert_int_equal(field_cursor_col(f), 6);   /* after 埠 */
}

static void test_backspace_and_delete_whole_characters(void **state)
{
	struct field *f = *state;
	field_set(f, S("千人桥镇"));
	field_left(f);
	field_left(f);                 /* before 桥 */
	assert_int_equal(field_backspace(f), 1);
	assert_string_equal(field_text(f), "千桥镇");
	assert_int_equal(field_cursor_col(f), 2);
	assert_int_equal(field_delete(f), 1);
	assert_string_equal(field_text(f), "千镇");
	assert_int_equal(field_cursor_col(f), 2);
	assert_int_equal(field_chars(f), 2);
	field_end(f);
	assert_int_equal(field_delete(f), 0);
	assert_int_equal(field_backspace(f), 1);
	assert_int_equal(field_backspace(f), 1);
	assert_int_equal(field_backspace(f), 0);
	assert_string_equal(field_text(f), "");
	assert_int_equal(field_width(f), 0);
}

static void test_combining_mark_is_part_of_its_character(void **state)
{
	struct field *f = *state;
	field_set(f, S("e\xcc\x81x"));      /* e + COMBINING ACUTE, x */
	assert_int_equal(field_chars(f), 2);
	assert_int_equal(field_width(f), 2);
	field_left(f);
	assert_int_equal(field_backspace(f), 1);
	assert_string_equal(field_text(f), "x");
	/* A mark typed after a character joins it; at the start it is refused. */
	field_home(f);
	assert_int_equal(field_insert(f, S("\xcc\x81")), 0);
	assert_string_equal(field_text(f), "x");
	field_end(f);
	field_insert(f, S("\xcc\x81"));
	assert_string_equal(field_text(f), "x\xcc\x81");
	assert_int_equal(field_chars(f), 1);
	assert_int_equal(field_backspace(f), 1);
	assert_string_equal(field_text(f), "");
}

static void test_controls_and_invalid_bytes_refused(void **state)
{
	struct field *f = *state;
	assert_int_equal(field_insert(f, S("网\x1b[2J格\x07\n")), 5);
	assert_string_equal(field_text(f), "网[2J格");
	assert_int_equal(field_insert(f, S("\xff\xfe")), 0);
	assert_int_equal(field_insert_wc(f, (wchar_t)0xD800), 0);
	assert_int_equal(field_insert_wc(f, (wchar_t)0x7f), 0);
	assert_string_equal(field_text(f), "网[2J格");
}

static void test_invalid_bytes_from_data_shown_inert(void **state)
{
	struct field *f = *state;
	int cx;
	field_set(f, S("张\xff\x1b三"));
	assert_int_equal(field_chars(f), 4);
	assert_int_equal(field_width(f), 6);
	assert_string_equal(view(f, 8, &cx), "张??三  ");
	assert_int_equal(cx, 6);
	field_left(f);
	field_backspace(f);             /* the ESC goes as one character */
	assert_string_equal(field_text(f), "张\xff三");
}

static void test_limit_in_characters(void **state)
{
	struct field *f = *state;
	f->max_chars = 3;
	assert_int_equal(field_insert(f, S("舒城县城关镇")), 3);
	assert_string_equal(field_text(f), "舒城县");
	assert_int_equal(field_insert_wc(f, L'x'), 0);
	field_backspace(f);
	assert_int_equal(field_insert_wc(f, L'x'), 1);
	assert_string_equal(field_text(f), "舒城x");
	assert_int_equal(field_set(f, S("一二三四五")), 1);
	assert_string_equal(field_text(f), "一二三");
	assert_int_equal(field_cursor_col(f), 6);
}

static void test_view_scrolls_and_never_splits(void **state)
{
	struct field *f = *state;
	int cx;
	field_set(f, S("舒城经济开发区"));   /* 14 columns */
	/* Cursor at the end needs a free cell: 6 columns show 2 hanzi + cell. */
	const char *v = view(f, 6, &cx);
	assert_string_equal(v, "发区  ");
	assert_int_equal(cx, 4);
	field_home(f);
	v = view(f, 6, &cx);
	assert_string_equal(v, "舒城经");
	assert_int_equal(cx, 0);
	/* Odd width: a hanzi that would straddle the right edge is not drawn. */
	v = view(f, 5, &cx);
	assert_string_equal(v, "舒城 ");
	/* Moving right scrolls by whole characters. */
	for (int i = 0; i < 3; i++)
		field_right(f);
	v = view(f, 5, &cx);
	assert_int_equal(cx, 2);
	assert_string_equal(v, "经济 ");
	field_home(f);
	v = view(f, 5, &cx);
	assert_int_equal(cx, 0);
	assert_string_equal(v, "舒城 ");
	/* Mixed widths: the scroll lands on a character boundary. */
	field_set(f, S("a舒b城c"));
	v = view(f, 4, &cx);
	assert_int_equal(cx, 3);
	assert_string_equal(v, "城c ");
	/* A field narrower than one hanzi still keeps the cursor inside. */
	field_home(f);
	field_right(f);
	v = view(f, 1, &cx);
	assert_int_equal(cx, 0);
	assert_string_equal(v, " ");
	/* Text that shrinks scrolls back. */
	field_set(f, S("舒城经济开发区"));
	view(f, 6, &cx);
	for (int i = 0; i < 5; i++)
		field_backspace(f);
	v = view(f, 6, &cx);
	assert_string_equal(v, "舒城  ");
	assert_int_equal(cx, 4);
}

static void test_long_text_many_edits(void **state)
{
	struct field *f = *state;
	char want[4096] = "";
	for (int i = 0; i < 300; i++) {
		assert_int_equal(field_insert_wc(f, L'网'), 1);
		strcat(want, "网");
	}
	assert_string_equal(field_text(f), want);
	assert_int_equal(field_width(f), 600);
	int cx;
	view(f, 20, &cx);
	assert_int_equal(cx, 18);
	for (int i = 0; i < 150; i++)
		field_left(f);
	view(f, 20, &cx);
	assert_true(cx % 2 == 0);
	for (int i = 0; i < 300; i++)
		field_backspace(f);
	assert_int_equal(field_chars(f), 150);
	assert_int_equal(field_cursor_col(f), 0);
}

/* A long text takes line feeds typed in; an ordinary field never does. */
static void test_multiline_takes_line_feeds(void **state)
{
	struct field *f = *state;
	assert_int_equal(field_insert(f, S("第一行\n第二行")), 6);
	assert_string_equal(field_text(f), "第一行第二行");
	field_set(f, "", 0);
	f->multiline = 1;
	assert_int_equal(field_insert(f, S("第一行\n第二行\t")), 7);
	assert_string_equal(field_text(f), "第一行\n第二行");
	/* The line feed is one character: Backspace after it joins the lines. */
	for (int i = 0; i < 3; i++)
		field_left(f);
	assert_int_equal(field_backspace(f), 1);
	assert_string_equal(field_text(f), "第一行第二行");
	assert_int_equal(field_chars(f), 6);
}

/* A long text's lines: at line feeds, and before a character that would
 * pass the width, never splitting a double-width one. */
static void test_wrap_lines(void **state)
{
	struct field *f = *state;
	size_t st[8];
	f->multiline = 1;
	assert_int_equal(field_wrap(f, 10, st, 8), 1);   /* empty: one line */
	assert_int_equal(field_insert(f, S("第一行\n舒城县杭埠镇集镇网格")), 14);
	/* 第一行 | 舒城县杭埠 (10 columns) | 镇集镇网格 */
	assert_int_equal(field_wrap(f, 10, st, 8), 3);
	assert_int_equal(st[0], 0);
	assert_int_equal(st[1], 4);
	assert_int_equal(st[2], 9);
	/* Nine columns hold four hanzi, never half of the fifth. */
	assert_int_equal(field_wrap(f, 9, st, 8), 4);
	assert_int_equal(st[2], 8);
	/* A trailing line feed opens an empty last line. */
	field_end(f);
	field_insert(f, S("\n"));
	assert_int_equal(field_wrap(f, 10, st, 8), 4);
	assert_int_equal(st[3], field_chars(f));
	/* At most max lines. */
	assert_int_equal(field_wrap(f, 2, st, 3), 3);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_insert_chinese, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cursor_moves_by_character, setup, teardown),
		cmocka_unit_test_setup_teardown(test_insert_in_middle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backspace_and_delete_whole_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_combining_mark_is_part_of_its_character, setup, teardown),
		cmocka_unit_test_setup_teardown(test_controls_and_invalid_bytes_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_bytes_from_data_shown_inert, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limit_in_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_scrolls_and_never_splits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_text_many_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multiline_takes_line_feeds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrap_lines, setup, teardown),
	};
	return cmocka_run_group_tests_name("field", tests, NULL, NULL);
}
