/* post_filter.h — the postFilter point: a pod that found no node may make room.
 *
 * .propose sees what runs where and the profile's filters (their what-if, filter.h) and
 * proposes victims to evict and, when it knows, the node the pod then takes (Kubernetes'
 * nominated node); with no node, the engine schedules the pod afresh once the victims are
 * gone.  It returns false when the pod may not preempt at all (then no attempt is counted),
 * true when it tried, victims or not.  The victims stay the plugin's until its next call.
 * The engine evicts them (they wait to run again) and binds the pod.
 */
#ifndef SIMON_POST_FILTER_H
#define SIMON_POST_FILTER_H

#include "sim/model/outcome.h"
#include "sim/plugin/filter.h"

#define NO_POD UINT32_MAX

/* What runs where, as the engine keeps it: pods[] are the run's arrivals, outcomes[] say where
 * each runs and on which GPUs. */
struct running_pods {
	const struct pod_spec *pods;
	const struct pod_outcome *outcomes;
	const uint32_t *head;     /* per node: its first running pod, NO_POD when none */
	const uint32_t *next;     /* per pod: the next running pod on its node */
	const int64_t *started;   /* per pod: when its current run started */
};

struct post_filter_view {
	const struct cluster *c;
	const struct running_pods *running;
	const struct filter_chain *filters;
};

struct nomination {
	int32_t node;             /* the node the pod takes, −1: schedule it afresh */
	const uint32_t *victims;  /* in eviction order */
	size_t n_victims;
	bool victims_resume;      /* a victim runs only what it had left, else again from the start */
};

struct post_filter_ops {
	bool (*propose)(void *self, const struct post_filter_view *v, const struct pod_spec *p, struct pcg32 *rng,
			struct nomination *out);
};

#endif
