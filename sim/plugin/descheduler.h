/* descheduler.h — the deschedule point (the reference's descheduleConfig.policy): after
 * inflation's schedule, which pods to evict so that they are placed again.
 *
 * .choose sees the cluster as the schedule left it and each node's pods in the order the
 * reference lists them (namespace, then name), and writes up to `limit` victims in eviction
 * order.  The engine then evicts them all and schedules them again, in that order.
 */
#ifndef SIMON_DESCHEDULER_H
#define SIMON_DESCHEDULER_H

#include "sim/model/outcome.h"
#include "sim/plugin/plugin.h"

struct deschedule_view {
	const struct cluster *c;
	const struct typical_pods *typical;
	const struct pod_spec *pods;    /* the run's arrivals */
	size_t n_pods;
	const struct pod_outcome *outcomes; /* per pod: where it runs, on which GPUs */
	const uint32_t *at, *node_pods; /* node k's pods: node_pods[at[k] .. at[k + 1]) */
	const double *node_frag;        /* per node: its fragmentation F (frag.h) */
};

struct deschedule_ops {
	int (*choose)(void *self, const struct deschedule_view *v, size_t limit, uint32_t *victims, size_t *n,
		      struct error *err);
};

#endif
