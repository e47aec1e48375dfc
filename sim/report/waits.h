/* waits.h — how long the pods of each priority waited (replay): from arrival to first start,
 * over the pods that ran, per priority value, highest first.  Percentiles are nearest-rank.
 * O(pods log pods). */
#ifndef SIMON_WAITS_H
#define SIMON_WAITS_H

#include "sim/engine.h"
#include "sim/model/gang.h"

struct class_waits {
	int32_t priority;
	size_t pods;
	double mean;
	int64_t p50, p95, max;
};

/* The classes, malloc'd, *n of them; NULL with *n 0 when none ran or out of memory. */
struct class_waits *waits_by_priority(const struct arrivals *a, const struct run_result *r, size_t *n);

/* How long pod groups of two or more (gang.h) waited: from the arrival that let the group reach
 * its quorum (its quorum-th arrival) to the start that reached it (its quorum-th first start).
 * Measured alike whether gangs are on or not, so that the two can be compared; a group that
 * never reached its quorum counts in groups but not in started.  O(pods log pods). */
struct gang_waits {
	size_t groups, started;
	double mean;
	int64_t p50, p95, max;
};

int gang_waits(const struct arrivals *a, const struct run_result *r, struct gang_waits *out);

#endif
