/* peers_tool.c - timing help for tests/bench/peers.sh.
 *
 *   peers_tool run RUNS -- CMD...
 *       runs CMD RUNS times, output to /dev/null, and prints the median
 *       wall-clock milliseconds and the largest peak resident set size
 *       (KiB, from wait4's rusage).  Exit 1 if any run failed.
 *   peers_tool waitfile PATH TIMEOUT_MS -- CMD...
 *       runs CMD (which starts the program, e.g. in tmux) and prints the
 *       milliseconds from just before CMD until PATH is a non-empty file
 *       (gridwork writes its trace line once the first screen is drawn);
 *       polls every 0.2 ms.  Exit 1 on timeout. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static pid_t spawn(char **argv, int quiet)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (quiet) {
			int fd = open("/dev/null", O_WRONLY);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static int run(int runs, char **argv)
{
	double *t = calloc((size_t)runs, sizeof *t);
	long rss = 0;
	int bad = 0;
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		pid_t pid = spawn(argv, 1);
		int status;
		struct rusage ru;
		wait4(pid, &status, 0, &ru);
		t[i] = now_ms() - t0;
		if (ru.ru_maxrss > rss)
			rss = ru.ru_maxrss;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			bad = 1;
	}
	qsort(t, (size_t)runs, sizeof *t, dcmp);
	double med = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
	printf("%.1f %ld\n", med, rss);
	free(t);
	return bad;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "run") == 0 && strcmp(argv[3], "--") == 0)
		return run(atoi(argv[2]) > 0 ? atoi(argv[2]) : 1, argv + 4);
	if (argc < 6 || strcmp(argv[1], "waitfile") != 0 || strcmp(argv[4], "--") != 0) {
		fprintf(stderr, "usage: peers_tool run RUNS -- CMD... | waitfile PATH TIMEOUT_MS -- CMD...\n");
		return 2;
	}
	const char *path = argv[2];
	double limit = atof(argv[3]);
	double t0 = now_ms();
	int status;
	waitpid(spawn(argv + 5, 0), &status, 0);
	struct timespec nap = {0, 200000};
	for (;;) {
		struct stat sb;
		double t = now_ms() - t0;
		if (stat(path, &sb) == 0 && sb.st_size > 0) {
			printf("%.1f\n", t);
			return 0;
		}
		if (t > limit)
			return 1;
		nanosleep(&nap, NULL);
	}
}
