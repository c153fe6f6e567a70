/* colcut.c - for screen tests: prints display columns FROM to TO - 1 (from
 * 0) of each captured screen line on stdin, as `cut -c` would if every
 * character were one column: a double-width character is kept when it
 * starts inside the range.  Used to read the text inside a box drawn over
 * the screen (a wrapped message), whatever shows left and right of it.
 *     colcut FROM TO < capture */
#define _XOPEN_SOURCE 700   /* wcwidth */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int main(int argc, char **argv)
{
	if (argc != 3 || !setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "usage: colcut FROM TO (needs C.UTF-8)\n");
		return 2;
	}
	int from = atoi(argv[1]), to = atoi(argv[2]);
	char line[65536];
	while (fgets(line, sizeof line, stdin)) {
		size_t n = strcspn(line, "\n");
		mbstate_t ms;
		memset(&ms, 0, sizeof ms);
		int col = 0;
		for (size_t off = 0; off < n;) {
			wchar_t wc;
			size_t k = mbrtowc(&wc, line + off, n - off, &ms);
			if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
				return 1;
			int w = wcwidth(wc);
			if (col >= from && col < to)
				fwrite(line + off, 1, k, stdout);
			col += w < 0 ? 0 : w;
			off += k;
		}
		putchar('\n');
	}
	return 0;
}
