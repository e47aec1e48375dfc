/* queue_sort.h — the queueSort point: the order replay retries waiting pods in.
 *
 * .before says whether waiting pod x goes before y, which joined the queue before it; false on
 * ties keeps arrival order (no queue sort at all is FIFO).  The engine inserts a pod after
 * every pod it does not go before, O(waiting) per pod.  An order that changes as pods finish
 * (ShortestCriticalPath's) fills .finished: the engine tells it of each finish (not an
 * eviction) and sorts the waiting pods again, stably, before the next retry.
 */
#ifndef SIMON_QUEUE_SORT_H
#define SIMON_QUEUE_SORT_H

#include "sim/plugin/plugin.h"

struct queue_sort_ops {
	/* pods[] are the run's arrivals; x and y index them. */
	bool (*before)(const void *self, const struct pod_spec *pods, uint32_t x, uint32_t y);
	void (*finished)(void *self, uint32_t pod);
};

#endif
