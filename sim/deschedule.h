/* deschedule.h — the reference's descheduling (descheduleConfig), after inflation mode's
 * schedule: up to ⌈ratio × placed pods⌉ pods are evicted, then scheduled again in the order they
 * were evicted; those that find no node fail.  Which pods is the deschedule plugin's choice
 * (sim/plugin/descheduler.h: cosSim, fragOnePod, fragMultiPod), made on the cluster as the
 * schedule left it, each node's pods in the order the reference lists them (namespace, then
 * name).  A victim comes back as the reference makes it anew: without its
 * alibabacloud.com/gpu-index pin, its GPUs chosen again.  O(pods log pods) beyond the plugin's
 * choice and the victims' cycles.
 */
#ifndef SIMON_DESCHEDULE_H
#define SIMON_DESCHEDULE_H

#include "sim/engine.h"
#include "sim/plugin/plugin.h"

struct deschedule_result {
	const char *policy;           /* the plugin's name */
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
		      const struct plugin *policy, double ratio, uint64_t seed, struct run_result *r,
		      struct deschedule_result *d, struct error *err);

#endif
