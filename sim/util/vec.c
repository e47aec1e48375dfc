#include "sim/util/vec.h"

#include <stdint.h>
#include <stdlib.h>

int vec_reserve(void **items, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	if (n > SIZE_MAX / size)
		return -1;
	void *bigger = realloc(*items, n * size);
	if (!bigger)
		return -1;
	*items = bigger;
	*cap = n;
	return 0;
}
