/* order.h — sorting: qsort for any count (sort_items), ascending orders for it, where a
 * nearest-rank percentile sits in a sorted list, and where a value would go in one.  O(1)
 * each, but the sort's O(n log n) and the search's O(log n). */
#ifndef SIMON_ORDER_H
#define SIMON_ORDER_H

#include <stddef.h>
#include <stdint.h>
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

/* The first index of the ascending a[0..n) whose value is not below x, or n. */
static inline size_t lower_bound_u32(const uint32_t *a, size_t n, uint32_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#endif
