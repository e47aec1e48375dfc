/* deschedule.h — the reference's descheduling (descheduleConfig), after inflation mode's
 * schedule: up to ⌈ratio × placed pods⌉ pods are evicted, then scheduled again in the order they
 * were evicted; those that find no node fail.  As its pkg/simulator/deschedule*.go define them:
 *  - cosSim: nodes with under 2000 milli-CPU free first, each group by GPU milli free (most
 *    first), then by name; of those with under 2000 milli-CPU free and a GPU more than 500 milli
 *    free, each in turn loses one pod: the one whose request is least like the node's free
 *    resources with the pod taken off (cosine of [CPU milli, GPU milli] vectors, in [0, 1)).
 *  - fragOnePod: nodes by their fragmentation F (frag.h), most first, each losing at most one pod:
 *    the one whose removal lowers F most, by at least one GPU milli (the reference truncates the
 *    drop to a whole milli).
 *  - fragMultiPod: the same choice from a max-heap of nodes by F; a node that lost a pod goes
 *    back with its new F, one that has nothing worth evicting leaves the heap.  As in the
 *    reference, a node's later victims are weighed against its resources before its first
 *    eviction (only F and its pod list move on).
 * Ties the reference leaves to Go's map order go to the lower node index; a node's pods are
 * weighed in the order the reference lists them (namespace, then name).  A victim comes back as
 * the reference makes it anew: without its alibabacloud.com/gpu-index pin, its GPUs chosen
 * again.  O(nodes log nodes + evictions × log nodes + the candidates weighed
 * × typical pods × GPUs).
 */
#ifndef SIMON_DESCHEDULE_H
#define SIMON_DESCHEDULE_H

#include "sim/engine.h"

struct deschedule_result {
	enum deschedule_policy policy;
	size_t limit;                 /* ⌈ratio × placed pods⌉ */
	size_t evicted, failed;       /* pods evicted, and those of them that found no node again */
	size_t moved;                 /* those placed again on another node */
	struct metric_sample before, after;
	uint32_t *victims;            /* the evicted pods, in eviction order (malloc'd) */
};

void deschedule_result_release(struct deschedule_result *d);

/* Deschedules the cluster as r's run left it; r's outcomes are updated, and the victims' pins
 * in a are cleared. */
int engine_deschedule(struct cluster *c, struct scheduler *s, struct metrics *m, struct arrivals *a,
		      enum deschedule_policy policy, double ratio, uint64_t seed, struct run_result *r,
		      struct deschedule_result *d, struct error *err);

#endif
