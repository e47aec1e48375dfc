/* binding.c — a pod bound where the scheduler says, or taken off its node: the cluster, the
 * metrics, the plugins that keep state and the pod's outcome change together.  O(1) plus the
 * plugins' .bound and .unbound. */
#include "sim/run.h"
#include "sim/trial.h"

/* Binds pod i where pl says. */
int bind_pod(struct run *run, size_t i, struct placement pl)
{
	const struct pod_spec *p = &run->a->pods[i];
	if (cluster_bind(run->c, (size_t)pl.node, p, pl.gpus))
		return -1;
	metrics_node_changed(run->m, run->c, (size_t)pl.node);
	scheduler_bound(run->s, run->c, p, (size_t)pl.node);
	run->r->outcomes[i].node = pl.node;
	run->r->outcomes[i].gpus = pl.gpus;
	return 0;
}

int leave_node(struct run *run, size_t i)
{
	const struct pod_outcome *o = &run->r->outcomes[i];
	const struct pod_spec *p = &run->a->pods[i];
	size_t node = (size_t)o->node;
	if (cluster_unbind(run->c, node, p, o->gpus))
		return -1;
	metrics_node_changed(run->m, run->c, node);
	scheduler_unbound(run->s, run->c, p, node);
	return 0;
}

int unbind_pod(struct run *run, size_t i)
{
	if (leave_node(run, i))
		return -1;
	run->r->outcomes[i].node = -1;
	run->r->outcomes[i].gpus = 0;
	return 0;
}

int try_place(struct run *run, size_t i, enum schedule_result *result)
{
	struct placement pl;
	const struct pod_spec *p = &run->a->pods[i];
	if (run->s->profile->batch) {
		size_t decided;
		if (batch_place(run->s, run->c, run->m->frag_total, &p, 1, &run->rng, &pl, &decided, run->err))
			return -1;
		*result = pl.node >= 0 ? SCHEDULED : NO_NODE_FITS;
	} else {
		*result = scheduler_schedule(run->s, run->c, p, &run->rng, &pl);
	}
	return *result == SCHEDULED ? bind_pod(run, i, pl) : 0;
}
