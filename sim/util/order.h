/* order.h — sorting: qsort for any count (sort_items), ascending orders for it, and where a
 * nearest-rank percentile sits in a sorted list.  O(1) each, but the sort's O(n log n). */
#ifndef SIMON_ORDER_H
#define SIMON_ORDER_H

#include <stddef.h>
#include <stdlib.h>

/* qsort, which must not be given NULL even for nothing to sort (an empty folder's list). */
static inline void sort_items(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

int order_int64(const void *x, const void *y);
int order_double(const void *x, const void *y);

/* The index of the nearest-rank q-th percentile (0 < q <= 100) in a sorted list of n >= 1. */
static inline size_t nearest_rank(size_t n, int q)
{
	size_t rank = (n * (size_t)q + 99) / 100;
	return rank ? rank - 1 : 0;
}

#endif
