/* running.c — replay's record of what runs where: per node a list of its running pods, which
 * the post-filter reads (post_filter.h's running_pods).  O(1) per start or stop. */
#include "sim/replay.h"

static void link_running(struct running *on, uint32_t i, uint32_t node)
{
	on->pod_prev[i] = NO_POD;
	on->pod_next[i] = on->node_head[node];
	if (on->node_head[node] != NO_POD)
		on->pod_prev[on->node_head[node]] = i;
	on->node_head[node] = i;
}

static void unlink_running(struct running *on, uint32_t i, uint32_t node)
{
	if (on->pod_prev[i] != NO_POD)
		on->pod_next[on->pod_prev[i]] = on->pod_next[i];
	else
		on->node_head[node] = on->pod_next[i];
	if (on->pod_next[i] != NO_POD)
		on->pod_prev[on->pod_next[i]] = on->pod_prev[i];
}

/* Pod i, just bound, starts running now: for its whole trace duration (a victim restarts from
 * the beginning, or with victimsResume runs what it had left). */
int start_pod(struct replay *rp, size_t i, int64_t now)
{
	struct run *run = rp->run;
	struct pod_outcome *o = &run->r->outcomes[i];
	const struct pod_spec *p = &run->a->pods[i];
	if (o->start == TIME_NONE)
		o->start = now;
	rp->on.started[i] = now;
	rp->on.is_running[i] = 1;
	link_running(&rp->on, (uint32_t)i, (uint32_t)o->node);
	rp->on.count++;
	if (p->deletion == TIME_NONE)
		return 0;
	int64_t begin = pod_start(p) != TIME_NONE ? pod_start(p) : 0;
	int64_t duration = rp->on.left[i] != TIME_NONE ? rp->on.left[i] : p->deletion - begin;
	o->end = now + duration;
	return event_heap_push(&rp->events, o->end * 2 + EV_DEPART, (uint32_t)i);
}

/* Pod i stops running and leaves its node (a departure or an eviction); its outcome keeps the
 * node, which pods.csv reports. */
int stop_pod(struct replay *rp, size_t i)
{
	struct run *run = rp->run;
	int32_t node = run->r->outcomes[i].node;
	unlink_running(&rp->on, (uint32_t)i, (uint32_t)node);
	rp->on.is_running[i] = 0;
	if (leave_node(run, i))
		return -1;
	rp->on.count--;
	if (!rp->w.is_freed[node]) {
		rp->w.is_freed[node] = 1;
		rp->w.freed[rp->w.n_freed++] = (uint32_t)node;
	}
	return 0;
}
