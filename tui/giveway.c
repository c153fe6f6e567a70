/* giveway.c - see giveway.h. */
#include "giveway.h"

#include <poll.h>
#include <unistd.h>

#include "interrupt.h"

/* Beyond this many checks (40,000 steps: more than any screen of a county
 * office's own size needs), the frame's time counts too. */
#define TIMED_AFTER 2
#define FRAME_MS 8

static double ms_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) * 1e3 + (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
}

static int key_waiting(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

static int check(void *ctx)
{
	struct giveway *g = ctx;
	g->checks++;
	if (g->keys && key_waiting()) {
		g->stopped = GIVEWAY_KEY;
		return 1;
	}
	if (g->budget && (g->checks >= g->budget ||
			  (g->checks >= TIMED_AFTER && ms_since(&g->t0) >= FRAME_MS))) {
		g->stopped = GIVEWAY_BUDGET;
		return 1;
	}
	return 0;
}

void giveway_begin(struct gw *gw, struct giveway *g, int budget, int keys)
{
	g->budget = budget;
	g->keys = keys;
	g->checks = 0;
	g->stopped = GIVEWAY_DONE;
	clock_gettime(CLOCK_MONOTONIC, &g->t0);
	gw_interrupt_when(gw, check, g);
}

int giveway_end(struct gw *gw, struct giveway *g)
{
	gw_interrupt_when(gw, NULL, NULL);
	return g->stopped;
}
