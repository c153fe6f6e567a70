/* replay.c - main() for the fuzz targets when built without libFuzzer
 * (make test, make fuzz-replay): runs the target once on each file named,
 * or on every file in each directory named, in name order.  A crash or a
 * failed check aborts, and the sanitizers of the build report it; an input
 * that takes longer than REPLAY_TIMEOUT seconds (a hang libFuzzer found)
 * stops the replay with status 70, naming it. */
#include <dirent.h>
#include <signal.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_TIMEOUT 10
#define STR_(x) #x
#define STR(x) STR_(x)

static long replayed;
static const char *current;

static void too_slow(int sig)
{
	static const char msg[] = "replay: timeout after " STR(REPLAY_TIMEOUT) " s: ";
	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0 || write(2, current, strlen(current)) < 0 ||
	    write(2, "\n", 1) < 0)
		_exit(70);
	_exit(70);
}

static void one(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0, got;
	do {
		if (n == cap && !(buf = realloc(buf, cap = cap ? cap * 2 : 65536)))
			abort();
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	/* An exact-size copy, so reading past the input is caught. */
	uint8_t *in = malloc(n ? n : 1);
	if (!in)
		abort();
	memcpy(in, buf, n);
	free(buf);
	current = path;
	alarm(REPLAY_TIMEOUT);
	LLVMFuzzerTestOneInput(in, n);
	alarm(0);
	free(in);
	replayed++;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	signal(SIGALRM, too_slow);
	for (int i = 1; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) != 0) {
			perror(argv[i]);
			return 2;
		}
		if (!S_ISDIR(sb.st_mode)) {
			one(argv[i]);
			continue;
		}
		DIR *d = opendir(argv[i]);
		if (!d)
			return 2;
		char **names = NULL;
		size_t n = 0;
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			if (!(names = realloc(names, (n + 1) * sizeof *names)))
				abort();
			size_t len = strlen(argv[i]) + strlen(e->d_name) + 2;
			if (!(names[n] = malloc(len)))
				abort();
			snprintf(names[n++], len, "%s/%s", argv[i], e->d_name);
		}
		closedir(d);
		if (n)
			qsort(names, n, sizeof *names, by_name);
		for (size_t j = 0; j < n; j++) {
			one(names[j]);
			free(names[j]);
		}
		free(names);
	}
	printf("replayed %ld inputs\n", replayed);
	return 0;
}
