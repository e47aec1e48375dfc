/* group_start.c — pods that start together (permit.h): once the permit plugin says a group is
 * ready, its waiting members are placed in queue order and kept only when the plugin admits
 * them with as many as found a place; otherwise every placement is undone, so that a waiting
 * group holds no part of the cluster.  O(waiting) per try.
 */
#include "sim/replay.h"

int32_t group_of(const struct replay *rp, uint32_t i)
{
	const struct run_plugins *pl = &rp->plugins;
	return pl->permit ? pl->permit->group(pl->permit_self, &rp->run->a->pods[i]) : -1;
}

/* Undone, the cluster is as before, and every member must try again. */
static int undo(struct replay *rp, size_t n)
{
	while (n > 0) {
		uint32_t i = rp->g.placed[--n];
		rp->w.must_retry[i] = 1;
		if (unbind_pod(rp->run, i))
			return -1;
	}
	for (; rp->g.n_failed > 0; rp->g.n_failed--)
		rp->w.must_retry[rp->g.failed[rp->g.n_failed - 1]] = 1;
	return 0;
}

int try_group(struct replay *rp, int32_t group, size_t from, int64_t now)
{
	const struct run_plugins *pl = &rp->plugins;
	rp->g.pass_of[group] = rp->g.pass;
	if (!pl->permit->ready(pl->permit_self, group))
		return 0;
	size_t n = 0;
	for (size_t q = from; q < rp->w.queued; q++) {
		uint32_t i = rp->w.queue[q];
		if (rp->on.is_running[i] || group_of(rp, i) != group)
			continue;
		enum schedule_result result;
		if (try_place(rp->run, i, &result))
			return -1;
		rp->w.must_retry[i] = result == SCORER_FAILED;
		if (result == SCHEDULED)
			rp->g.placed[n++] = i;
		else
			rp->g.failed[rp->g.n_failed++] = i;
	}
	if (!pl->permit->admits(pl->permit_self, group, n))
		return undo(rp, n);
	for (size_t k = 0; k < n; k++)
		if (start_pod(rp, rp->g.placed[k], now))
			return -1;
	rp->g.n_failed = 0;
	return 0;
}
