/* waiting.c — replay's waiting pods: admitted at once when they fit, else queued in the order
 * of the profile's queue sort (FIFO without one), and retried after departures (engine.h).
 * Skipping a waiting pod that fits no freed node changes nothing: scheduling it would have
 * found no feasible node and drawn no random number.  O(waiting) per insertion; a retry is
 * O(waiting × freed nodes) fit checks plus the cycles of the pods that might fit.
 */
#include <stdlib.h>

#include "sim/replay.h"
#include "sim/trial.h"

/* Whether waiting pod x goes before y, which joined the queue before it. */
static bool queued_before(const struct replay *rp, uint32_t x, uint32_t y)
{
	const struct run_plugins *pl = &rp->plugins;
	return pl->sort && pl->sort->before(pl->sort_self, rp->run->a->pods, x, y);
}

/* Adds pod i to the waiting pods, after every one it does not go before.  O(queued). */
void enqueue(struct replay *rp, uint32_t i)
{
	size_t at = rp->w.queued++;
	for (; at > 0 && queued_before(rp, i, rp->w.queue[at - 1]); at--)
		rp->w.queue[at] = rp->w.queue[at - 1];
	rp->w.queue[at] = i;
}

/* Drops the pods that started from the waiting pods. */
static void drop_started(struct replay *rp)
{
	size_t kept = 0;
	for (size_t q = 0; q < rp->w.queued; q++)
		if (!rp->on.is_running[rp->w.queue[q]])
			rp->w.queue[kept++] = rp->w.queue[q];
	rp->w.queued = kept;
}

/* Pod i, arrived or evicted, is scheduled at once, as Kubernetes schedules a new pod; else it
 * waits.  A member of a group short of its quorum waits, and its group tries to start. */
int admit(struct replay *rp, uint32_t i, int64_t now)
{
	struct run *run = rp->run;
	bool bound = goes_to_its_node(run, i);
	int32_t group = bound ? -1 : group_of(rp, i);
	if (group >= 0) {
		rp->w.must_retry[i] = 1;
		enqueue(rp, i);
		if (try_group(rp, group, 0, now))
			return -1;
		drop_started(rp);
		return 0;
	}
	enum schedule_result result;
	if (try_place(run, i, &result))
		return -1;
	/* A pod no node could take even empty fails now, rather than wait for ever (asked only of a
	 * pod that found no node: the check is O(node shapes)). */
	if (result == NO_NODE_FITS && !bound && filter_chain_never_fits(&run->s->filters, run->c, &run->a->pods[i], NULL, 0))
		return 0;
	/* A bound pod waits for room on its node; it preempts nothing, as the kubelet does not. */
	if (result == NO_NODE_FITS && !bound && try_preempt(rp, i, now, &result))
		return -1;
	if (result == SCHEDULED)
		return start_pod(rp, i, now);
	rp->w.must_retry[i] = result == SCORER_FAILED;
	enqueue(rp, i);
	return 0;
}

/* The victims of the last pass are scheduled again, as the new pods their controllers would
 * make.  A victim preempts only pods it outranks (DefaultPreemption's lower priority,
 * MLOpsQueue's LOW), so this ends. */
int flush_evicted(struct replay *rp, int64_t now)
{
	for (size_t k = 0; k < rp->ev.n; k++)
		if (admit(rp, rp->ev.pods[k], now))
			return -1;
	rp->ev.n = 0;
	return 0;
}

/* Whether a waiting pod fits one of the nodes freed since the last retry (and so might be placed).
 * A pod with pod (anti-)affinity or spread constraints may fit a node that freed nothing, as a
 * departure elsewhere changes its domains' counts: it is retried after any departure. */
static bool fits_freed(const struct replay *rp, uint32_t i)
{
	const struct pod_rules *r = rp->run->a->pods[i].rules;
	if (rp->w.n_freed && r && (r->affinity.n || r->anti_affinity.n || r->n_spread))
		return true;
	for (size_t k = 0; k < rp->w.n_freed; k++)
		if (cluster_fits(rp->run->c, rp->w.freed[k], &rp->run->a->pods[i]))
			return true;
	return false;
}

/* Places the waiting pods decided in out[0..n) (queue positions at[]), marking them taken. */
static int start_decided(struct replay *rp, int64_t now, const uint32_t *at, const struct placement *out, size_t n,
			 unsigned char *taken)
{
	for (size_t k = 0; k < n; k++) {
		uint32_t i = rp->w.queue[at[k]];
		if (out[k].node < 0)
			continue;
		if (bind_pod(rp->run, i, out[k]) || start_pod(rp, i, now))
			return -1;
		taken[at[k]] = 1;
	}
	return 0;
}

/* A batch placer decides the waiting pods that a freed node could take, in queue order, a
 * window at a time, each window bound before the next is decided. */
static int retry_batch(struct replay *rp, int64_t now)
{
	struct run *run = rp->run;
	size_t n = 0, q = rp->w.queued ? rp->w.queued : 1;
	const struct pod_spec **pods = malloc(q * sizeof *pods);
	uint32_t *at = malloc(q * sizeof *at);
	struct placement *out = malloc(q * sizeof *out);
	unsigned char *taken = calloc(q, 1);
	int rc = pods && at && out && taken ? 0 : error_set(run->err, "out of memory retrying %zu pods", q);
	for (size_t k = 0; !rc && k < rp->w.queued; k++)
		if (fits_freed(rp, rp->w.queue[k])) {
			at[n] = (uint32_t)k;
			pods[n++] = &run->a->pods[rp->w.queue[k]];
		}
	for (size_t done = 0, decided = 0; !rc && done < n; done += decided)
		rc = batch_place(run->s, run->c, run->m->frag_total, pods + done, n - done, &run->rng, out + done,
				 &decided, run->err) ||
		     start_decided(rp, now, at + done, out + done, decided, taken);
	size_t kept = 0;
	for (size_t k = 0; !rc && k < rp->w.queued; k++)
		if (!taken[k])
			rp->w.queue[kept++] = rp->w.queue[k];
	if (!rc)
		rp->w.queued = kept;
	free(pods);
	free(at);
	free(out);
	free(taken);
	return rc;
}

/* The waiting pods in order, each scheduled on its own, or with its group (tried once a pass,
 * from its first member in the queue). */
static int retry_each(struct replay *rp, int64_t now)
{
	size_t kept = 0;
	rp->g.pass++;
	for (size_t q = 0; q < rp->w.queued; q++) {
		uint32_t i = rp->w.queue[q];
		if (rp->on.is_running[i])
			continue;   /* started with its group earlier in this pass */
		int32_t group = group_of(rp, i);
		if (group >= 0) {
			if (rp->g.pass_of[group] != rp->g.pass && try_group(rp, group, q, now))
				return -1;
			if (!rp->on.is_running[i])
				rp->w.queue[kept++] = i;
			continue;
		}
		enum schedule_result result = NO_NODE_FITS;
		bool tried = rp->w.must_retry[i] || fits_freed(rp, i);
		if (tried && (try_place(rp->run, i, &result) ||
			      (result == NO_NODE_FITS && try_preempt(rp, i, now, &result))))
			return -1;
		if (result == SCHEDULED) {
			if (start_pod(rp, i, now))
				return -1;
			continue;
		}
		rp->w.must_retry[i] = result == SCORER_FAILED;
		rp->w.queue[kept++] = i;
	}
	rp->w.queued = kept;
	return 0;
}

/* An order that changes as pods finish (queue_sort.h's .finished): the waiting pods are put
 * back in order, stably, before each retry.  Insertion sort: O(queued) when little moved. */
static void resort_queue(struct replay *rp)
{
	if (!rp->plugins.sort || !rp->plugins.sort->finished)
		return;
	for (size_t k = 1; k < rp->w.queued; k++) {
		uint32_t x = rp->w.queue[k];
		size_t at = k;
		for (; at > 0 && queued_before(rp, x, rp->w.queue[at - 1]); at--)
			rp->w.queue[at] = rp->w.queue[at - 1];
		rp->w.queue[at] = x;
	}
}

int retry_queue(struct replay *rp, int64_t now)
{
	resort_queue(rp);
	int rc = rp->run->s->profile->batch ? retry_batch(rp, now) : retry_each(rp, now);
	if (!rc)
		rc = flush_evicted(rp, now);
	for (size_t k = 0; k < rp->w.n_freed; k++)
		rp->w.is_freed[rp->w.freed[k]] = 0;
	rp->w.n_freed = 0;
	return rc;
}
