/* make_room.c — the post-filter's proposal carried out (post_filter.h): its victims leave at
 * once and wait to run again, and the pod takes the node it was given, or is scheduled
 * afresh.  A batch placer's profile has no post-filter.  O(victims) beyond the plugin's cost.
 */
#include "sim/replay.h"
#include "sim/util/vec.h"

/* Victim v leaves at once and waits to run again: from the start, its work lost, or (resume)
 * for what it had left. */
static int evict(struct replay *rp, uint32_t v, int64_t now, bool resume)
{
	struct run *run = rp->run;
	struct pod_outcome *o = &run->r->outcomes[v];
	struct preemption_stats *st = &run->r->preemption;
	st->victims++;
	o->preemptions++;
	if (resume && o->end != TIME_NONE)
		rp->on.left[v] = o->end - now;
	else if (!resume)
		st->lost_gpu_seconds += (double)pod_gpu_total(&run->a->pods[v]) / GPU_MILLI * (double)(now - rp->on.started[v]);
	if (stop_pod(rp, v))
		return -1;
	o->node = -1;
	o->gpus = 0;
	o->end = TIME_NONE;
	if (VEC_RESERVE(rp->ev.pods, rp->ev.cap, rp->ev.n + 1))
		return -1;
	rp->ev.pods[rp->ev.n++] = v;
	return 0;
}

int try_preempt(struct replay *rp, size_t i, int64_t now, enum schedule_result *result)
{
	struct run *run = rp->run;
	const struct run_plugins *pl = &rp->plugins;
	if (!pl->post_filter)
		return 0;
	const struct pod_spec *p = &run->a->pods[i];
	struct running_pods view = {run->a->pods, run->r->outcomes, rp->on.node_head, rp->on.pod_next, rp->on.started};
	struct post_filter_view v = {run->c, &view, &run->s->filters};
	struct nomination nom;
	if (!pl->post_filter->propose(pl->post_filter_self, &v, p, &run->rng, &nom))
		return 0;
	run->r->preemption.attempts++;
	for (size_t k = 0; k < nom.n_victims; k++)
		if (evict(rp, nom.victims[k], now, nom.victims_resume))
			return -1;
	if (nom.node < 0)
		return nom.n_victims ? try_place(run, i, result) : 0;
	/* As Kubernetes' next cycle takes the nominated node. */
	size_t node = (size_t)nom.node;
	struct placement at = {nom.node, scheduler_gpus_on(run->s, run->c, p, node, &run->rng)};
	*result = SCHEDULED;
	return bind_pod(run, i, at);
}
