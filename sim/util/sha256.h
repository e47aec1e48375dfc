/* sha256.h — SHA-256 (FIPS 180-4), to tie results to the exact bytes of their inputs.
 * Streaming: init, update any number of times, final.  O(bytes).
 */
#ifndef SIMON_SHA256_H
#define SIMON_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "sim/util/error.h"

struct sha256 {
	uint32_t h[8];
	uint64_t length;        /* bytes so far */
	unsigned char block[64];
	size_t used;            /* bytes in block */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
/* The digest as 64 lowercase hex digits and a NUL. */
void sha256_final(struct sha256 *s, char hex[65]);
/* The digest of a whole file; -1 with err set when it cannot be read. */
int sha256_file(const char *path, char hex[65], struct error *err);

#endif
