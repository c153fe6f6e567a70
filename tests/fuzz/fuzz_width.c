/* fuzz_width.c - display-width cropping (core/width.h) on any bytes.  The
 * input is the text; its length picks the column budget and a too-small
 * output buffer now and then.  Checked against width.h's promises: the
 * result is never wider than the budget, exactly the budget when cropped
 * or right-aligned, valid UTF-8 without controls, never overruns its
 * buffer (ASan), and character stepping forward and back agree. */
#include "fuzz.h"

#include "width.h"

/* Valid UTF-8 with no control characters (what a terminal may be sent). */
static int inert(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		wchar_t wc;
		size_t k = width_decode(s + i, n - i, &wc);
		if (wc == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return 0;
		if (wc < 0x20 || wc == 0x7F || (wc >= 0x80 && wc < 0xA0) || wc == 0x1B)
			return 0;
		i += k;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	static const int budgets[] = {0, 1, 2, 3, 4, 5, 8, 13, 40};
	int cols = budgets[size % (sizeof budgets / sizeof budgets[0])];
	size_t full = WIDTH_CROP_BUFSZ(cols);
	size_t outsz = size % 7 == 0 ? size % 11 : full;   /* sometimes too small */
	char *out = malloc(outsz ? outsz : 1);
	if (!out)
		abort();
	int w = width_str(s, size);
	FUZZ_CHECK(w >= 0);

	for (int pad = 0; pad < 2; pad++) {
		int got = width_crop(s, size, cols, pad, out, outsz);
		FUZZ_CHECK(got >= 0 && got <= (cols > 0 ? cols : 0));
		if (outsz) {
			size_t len = strlen(out);
			FUZZ_CHECK(len < outsz);
			FUZZ_CHECK(width_str(out, len) == got);
			FUZZ_CHECK(inert(out, len));
			if (outsz == full && cols > 0 && (w > cols || pad))
				FUZZ_CHECK(got == cols);
			if (outsz == full && w <= cols && !pad)
				FUZZ_CHECK(got == w);
		}
	}
	int got = width_crop_right(s, size, cols, out, outsz);
	FUZZ_CHECK(got >= 0 && got <= (cols > 0 ? cols : 0));
	if (outsz == full && cols > 0)
		FUZZ_CHECK(got == cols && width_str(out, strlen(out)) == cols);

	char *san = malloc(size + 1);
	if (!san)
		abort();
	size_t n = width_sanitize(s, size, san, size + 1);
	FUZZ_CHECK(n <= size && san[n] == '\0' && strlen(san) == n && inert(san, n));

	/* Stepping by characters, forward then back, meets the same places. */
	size_t chars = width_chars(s, size), steps = 0, off = 0;
	while (off < size) {
		size_t next = width_next(s, size, off);
		FUZZ_CHECK(next > off && next <= size);
		FUZZ_CHECK(width_prev(s, size, next) == off);
		off = next;
		steps++;
	}
	FUZZ_CHECK(steps == chars);
	FUZZ_CHECK(width_prev(s, size, 0) == 0 && width_next(s, size, size) == size);
	free(san);
	free(out);
	return 0;
}
