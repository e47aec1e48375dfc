/* fnv.h — FNV-1a, 32 bits: a small, stable hash of bytes, for names that must come out alike
 * on every run (a controller's pods).  O(bytes). */
#ifndef SIMON_FNV_H
#define SIMON_FNV_H

#include <stddef.h>
#include <stdint.h>

#define FNV32_START 2166136261u

/* h with the n bytes at s folded in. */
static inline uint32_t fnv32a(uint32_t h, const void *s, size_t n)
{
	const unsigned char *b = s;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

#endif
