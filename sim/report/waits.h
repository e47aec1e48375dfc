/* waits.h — how long the pods of each priority waited (replay): from arrival to first start,
 * over the pods that ran, per priority value, highest first.  Percentiles are nearest-rank.
 * O(pods log pods). */
#ifndef SIMON_WAITS_H
#define SIMON_WAITS_H

#include "sim/engine.h"

struct class_waits {
	int32_t priority;
	size_t pods;
	double mean;
	int64_t p50, p95, max;
};

/* The classes, malloc'd, *n of them; NULL with *n 0 when none ran or out of memory. */
struct class_waits *waits_by_priority(const struct arrivals *a, const struct run_result *r, size_t *n);

#endif
