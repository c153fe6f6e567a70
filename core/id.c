/* id.c - record ids and the clock. */
#include "id.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "validate.h"

/* Bytes from getrandom, refilled in blocks: a million-row import makes a
 * million ids, and one syscall per id would show up in the profile. */
static unsigned char pool[4096];
static size_t pool_left;

static void random_bytes(unsigned char *out, size_t n)
{
	if (pool_left < n) {
		size_t got = 0;
		while (got < sizeof pool) {
			ssize_t k = getrandom(pool + got, sizeof pool - got, 0);
			if (k <= 0)
				break;
			got += (size_t)k;
		}
		if (got < sizeof pool) {
			/* getrandom cannot fail on Linux >= 3.17 once seeded; fall back
			 * to the clock rather than leave zeros. */
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			srand((unsigned)(ts.tv_nsec ^ ts.tv_sec));
			for (size_t i = got; i < sizeof pool; i++)
				pool[i] = (unsigned char)rand();
		}
		pool_left = sizeof pool;
	}
	memcpy(out, pool + sizeof pool - pool_left, n);
	pool_left -= n;
}

void id_new(char out[GW_ID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t ms = (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
	unsigned char b[16];
	for (int i = 5; i >= 0; i--, ms >>= 8)
		b[i] = (unsigned char)(ms & 0xff);
	random_bytes(b + 6, 10);
	for (int i = 0; i < 16; i++) {
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 15];
	}
	out[GW_ID_LEN] = '\0';
}

void clock_now(char out[20])
{
	const char *fixed = getenv("GRIDWORK_NOW");
	if (fixed && *fixed && valid_datetime(fixed, out, NULL) == GW_OK)
		return;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

void clock_today(char out[11])
{
	char now[20];
	clock_now(now);
	memcpy(out, now, 10);
	out[10] = '\0';
}
