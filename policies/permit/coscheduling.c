/* coscheduling.c — Coscheduling, the scheduler-plugins gang rule: a pod group starts all
 * together (the groups and quorums of gang.h), or not at all.
 *
 * Until a group is released no member starts alone: once its quorum has arrived, its waiting
 * members are placed together and admitted when at least the quorum found a place.  Once they
 * start the group is released: its later members, and any evicted one, start alone as
 * ordinary pods (the group has run; the coscheduling plugin, which counts running pods, would
 * hold a late member for ever).  Members of a waiting group do not preempt (the engine's rule
 * for pods that wait with a group).  Enabled at queueSort it sorts as PrioritySort and acts at
 * permit too; enabled at permit alone it leaves the queue as it is.  O(1) per question.
 */
#include <stdlib.h>

#include "policies/queue/priority_order.h"
#include "sim/model/gang.h"
#include "sim/plugin/permit.h"

static size_t groups(const void *self)
{
	return ((const struct gangs *)self)->n_jobs;
}

static int32_t group(const void *self, const struct pod_spec *p)
{
	return gang_need(self, p->job) > 0 ? p->job : -1;
}

/* A group counts the members that arrived and could ever run. */
static void arrived(void *self, const struct pod_spec *p)
{
	struct gangs *g = self;
	if (p->job >= 0 && (size_t)p->job < g->n_jobs)
		g->arrived[p->job]++;
}

static bool ready(const void *self, int32_t job)
{
	const struct gangs *g = self;
	return g->arrived[job] >= gang_need(g, job);
}

static bool admits(void *self, int32_t job, size_t placed)
{
	struct gangs *g = self;
	if ((int32_t)placed < gang_need(g, job))
		return false;
	g->released[job] = 1;
	return true;
}

static void release(void *self)
{
	if (self)
		gangs_release(self);
	free(self);
}

static int init(void **self, const struct plugin_env *env, struct error *err)
{
	*self = NULL;
	if (!env->arrivals)
		return 0;
	struct gangs *g = malloc(sizeof *g);
	if (!g || gangs_init(g, env->arrivals)) {
		free(g);
		return error_set(err, "out of memory for Coscheduling's groups");
	}
	*self = g;
	return 0;
}

const struct plugin coscheduling_plugin = {
	.name = "Coscheduling",
	.summary = "a pod group (pod-group.scheduling.sigs.k8s.io) starts all together or waits",
	.init = init,
	.free = release,
	.queue_sort = &priority_order,
	.permit = &(const struct permit_ops){
		.groups = groups, .group = group, .arrived = arrived, .ready = ready, .admits = admits},
	.with_queue_sort = POINT_BIT(POINT_PERMIT),
};
