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

/* A pod bound to its node (spec.nodeName) runs there, passing no filter, as the kubelet runs
 * it, once the node has the room: on its first start only, for a victim evicted from there is
 * a new pod of its controller's, which the scheduler places. */
bool goes_to_its_node(const struct run *run, size_t i)
{
	return run->a->pods[i].bound_node >= 0 && run->r->outcomes[i].preemptions == 0;
}

static int place_bound(struct run *run, size_t i, enum schedule_result *result)
{
	const struct pod_spec *p = &run->a->pods[i];
	size_t node = (size_t)p->bound_node;
	struct placement pl = {.node = p->bound_node};
	*result = NO_NODE_FITS;
	if (!node_has_room(run->c, node, p))
		return 0;
	pl.gpus = cluster_pick_gpus(run->c, node, p, GPU_SEL_BEST, &run->rng);
	if (p->gpu_count && !pl.gpus)
		return 0;
	*result = SCHEDULED;
	return bind_pod(run, i, pl);
}

int try_place(struct run *run, size_t i, enum schedule_result *result)
{
	struct placement pl;
	const struct pod_spec *p = &run->a->pods[i];
	if (goes_to_its_node(run, i))
		return place_bound(run, i, result);
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
