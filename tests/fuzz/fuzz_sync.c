/* fuzz_sync.c - the sync package reader (sync_package_parse and
 * sync_package_next): the input is a package file.  A checksum stops
 * almost every mutation at the door, so each input is also parsed a
 * second time with its body length and checksum made right (the fuzzer
 * then reaches the sections and the changesets in them).  Checked: a
 * refusal says why; an accepted package's sections lie inside the buffer,
 * are as many as the header says, and count the changes the header
 * counts. */
#include "fuzz.h"

#include "sync.h"
#include "sync_int.h"   /* the checksum, to make it right */

static void put64le(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32le(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void parse(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	if (!once++)
		gw_set_lang(GW_LANG_ZH);
	parse(data, size);
	if (size >= SYNC_HEADER_FIXED) {
		uint32_t hlen = get32le(data + 12);
		if (hlen >= SYNC_HEADER_FIXED && hlen <= size) {
			uint8_t *fixed = malloc(size);
			if (!fixed)
				abort();
			memcpy(fixed, data, size);
			put64le(fixed + 88, size - hlen);
			put64le(fixed + 96, sync_package_crc(fixed, hlen,
							     sync_crc64(0, fixed + hlen, size - hlen)));
			parse(fixed, size);
			free(fixed);
		}
	}
	return 0;
}

static void parse(const uint8_t *data, size_t size)
{
	static struct sync_header h;   /* large: the marks */
	struct gw_err e;
	gw_err_clear(&e);
	enum gw_status st = sync_package_parse(data, size, &h, &e);
	if (st != GW_OK) {
		FUZZ_CHECK(st == GW_EREFUSED && e.msg[0]);
		return;
	}
	FUZZ_CHECK(h.header_len <= size);
	FUZZ_CHECK(h.nmarks >= 0 && h.nmarks <= SYNC_MAX_MARKS);
	FUZZ_CHECK(memchr(h.sender, '\0', sizeof h.sender) && memchr(h.receiver, '\0', sizeof h.receiver));
	size_t pos = 0;
	struct sync_section s;
	uint32_t n = 0;
	long changes = 0;
	while (sync_package_next(&h, data, &pos, &s)) {
		const uint8_t *p = s.data;
		FUZZ_CHECK(p >= data && p <= data + size && s.len <= (size_t)(data + size - p));
		FUZZ_CHECK(s.first_seq <= s.last_seq);
		FUZZ_CHECK(s.changes >= 0);
		changes += s.changes;
		FUZZ_CHECK(++n <= h.nsections);
	}
	FUZZ_CHECK(n == h.nsections);
	FUZZ_CHECK(changes == h.changes);
}
