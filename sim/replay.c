/* replay.c — replay mode (engine.h): events, the waiting pods, preemption and gangs. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/event_heap.h"
#include "sim/gang.h"
#include "sim/mlops.h"
#include "sim/pipelines.h"
#include "sim/preemption.h"
#include "sim/run.h"
#include "sim/util/vec.h"

/* Event keys order by time, then departures before arrivals. */
enum { EV_DEPART = 0, EV_ARRIVE = 1 };

/* Replay-mode state: the event heap and the waiting pods. */
struct replay {
	struct event_heap events;
	uint32_t *queue;
	size_t queued;
	int32_t running;
	/* Exact, cheaper retries: a waiting pod that no node could take can only fit now on a node
	 * something left since the last retry; one a scorer failed is always tried again. */
	uint32_t *freed;           /* nodes with departures since the last retry */
	size_t n_freed;
	unsigned char *is_freed;   /* per node */
	unsigned char *must_retry; /* per pod: its last attempt failed in a scorer, or it has not tried */
	/* What runs where, for preemption: a list of running pods per node. */
	uint32_t *node_head, *pod_next, *pod_prev;
	int64_t *started;             /* per pod: when its current run started */
	int64_t *left;                /* per pod: what a resumed victim has left to run, else TIME_NONE */
	struct preemption pr;
	unsigned char *is_running;    /* per pod */
	uint32_t *evicted;            /* victims to admit once the pass that evicted them is over */
	size_t n_evicted, cap_evicted;
	struct mlops_victims mlops;
	/* Gangs (gang.h): a group tried in this retry pass is not tried again in it. */
	struct gangs gangs;
	uint32_t *gang_pass;          /* per job: the pass it was last tried in */
	uint32_t pass;
	uint32_t *trial;              /* scratch: a group's members placed on trial */
	uint32_t *trial_failed;       /* scratch: and those that found no place */
	size_t n_trial_failed;
	/* Pipelines (pipelines.h): pods held until what they wait for has finished. */
	struct pipelines pipes;
	unsigned char *held;          /* per pod */
	uint32_t *released;           /* scratch: the pods a finish releases */
};

/* Whether waiting pod x goes before y, which joined the queue before it: never under FIFO;
 * under a pipeline order by their pipelines' keys (pipelines.h). */
static bool queued_before(const struct run *run, const struct replay *rp, uint32_t x, uint32_t y)
{
	const struct pod_spec *px = &run->a->pods[x], *py = &run->a->pods[y];
	switch (run->s->profile->queue_sort) {
	case QUEUE_FIFO:
		return false;
	case QUEUE_PRIORITY:
		return px->priority > py->priority;
	case QUEUE_MLOPS:
		return mlops_before(px, py, &run->s->profile->preempt);
	case QUEUE_PIPELINE_FIFO:
	case QUEUE_PIPELINE_RANDOM:
	case QUEUE_CRITICAL_PATH:
		break;
	}
	enum queue_sort order = run->s->profile->queue_sort;
	struct queue_key kx = pipelines_key(&rp->pipes, order, x), ky = pipelines_key(&rp->pipes, order, y);
	return kx.major != ky.major ? kx.major < ky.major : kx.minor < ky.minor;
}

/* Adds pod i to the waiting pods, after every one it does not go before.  O(queued). */
static void enqueue(const struct run *run, struct replay *rp, uint32_t i)
{
	size_t at = rp->queued++;
	for (; at > 0 && queued_before(run, rp, i, rp->queue[at - 1]); at--)
		rp->queue[at] = rp->queue[at - 1];
	rp->queue[at] = i;
}

static void link_running(struct replay *rp, uint32_t i, uint32_t node)
{
	rp->pod_prev[i] = NO_POD;
	rp->pod_next[i] = rp->node_head[node];
	if (rp->node_head[node] != NO_POD)
		rp->pod_prev[rp->node_head[node]] = i;
	rp->node_head[node] = i;
}

static void unlink_running(struct replay *rp, uint32_t i, uint32_t node)
{
	if (rp->pod_prev[i] != NO_POD)
		rp->pod_next[rp->pod_prev[i]] = rp->pod_next[i];
	else
		rp->node_head[node] = rp->pod_next[i];
	if (rp->pod_next[i] != NO_POD)
		rp->pod_prev[rp->pod_next[i]] = rp->pod_prev[i];
}

/* Pod i, just bound, starts running now: for its whole trace duration (a victim restarts from
 * the beginning). */
static int start_pod(struct run *run, struct replay *rp, size_t i, int64_t now)
{
	struct pod_outcome *o = &run->r->outcomes[i];
	const struct pod_spec *p = &run->a->pods[i];
	if (o->start == TIME_NONE)
		o->start = now;
	rp->started[i] = now;
	rp->is_running[i] = 1;
	link_running(rp, (uint32_t)i, (uint32_t)o->node);
	rp->running++;
	if (p->deletion == TIME_NONE)
		return 0;
	int64_t begin = pod_start(p) != TIME_NONE ? pod_start(p) : 0;
	int64_t duration = rp->left[i] != TIME_NONE ? rp->left[i] : p->deletion - begin;
	o->end = now + duration;
	return event_heap_push(&rp->events, o->end * 2 + EV_DEPART, (uint32_t)i);
}

/* Pod i stops running and leaves its node (a departure or an eviction); its outcome keeps the
 * node, which pods.csv reports. */
static int stop_pod(struct run *run, struct replay *rp, size_t i)
{
	int32_t node = run->r->outcomes[i].node;
	unlink_running(rp, (uint32_t)i, (uint32_t)node);
	rp->is_running[i] = 0;
	if (leave_node(run, i))
		return -1;
	rp->running--;
	if (!rp->is_freed[node]) {
		rp->is_freed[node] = 1;
		rp->freed[rp->n_freed++] = (uint32_t)node;
	}
	return 0;
}

/* Victim v leaves at once and waits to run again: from the start, its work lost, or (with
 * victimsResume) for what it had left. */
static int evict(struct run *run, struct replay *rp, uint32_t v, int64_t now)
{
	struct pod_outcome *o = &run->r->outcomes[v];
	struct preemption_stats *st = &run->r->preemption;
	st->victims++;
	o->preemptions++;
	if (run->s->profile->preempt.victims_resume && o->end != TIME_NONE)
		rp->left[v] = o->end - now;
	else if (!run->s->profile->preempt.victims_resume)
		st->lost_gpu_seconds += (double)pod_gpu_total(&run->a->pods[v]) / GPU_MILLI * (double)(now - rp->started[v]);
	if (stop_pod(run, rp, v))
		return -1;
	o->node = -1;
	o->gpus = 0;
	o->end = TIME_NONE;
	if (VEC_RESERVE(rp->evicted, rp->cap_evicted, rp->n_evicted + 1))
		return -1;
	rp->evicted[rp->n_evicted++] = v;
	return 0;
}

/* Kubernetes' DefaultPreemption (preemption.h): pod i evicts lower-priority pods and takes their
 * node, as Kubernetes' next cycle takes the nominated node. */
static int default_preempt(struct run *run, struct replay *rp, size_t i, int64_t now, enum schedule_result *result)
{
	const struct pod_spec *p = &run->a->pods[i];
	struct running_pods view = {run->a->pods, run->r->outcomes, rp->node_head, rp->pod_next, rp->started};
	preemption_choose(&rp->pr, run->s, run->c, &view, p, &run->s->profile->preempt, &run->rng);
	if (rp->pr.node < 0)
		return 0;
	for (size_t k = 0; k < rp->pr.n_victims; k++)
		if (evict(run, rp, rp->pr.victims[k], now))
			return -1;
	size_t node = (size_t)rp->pr.node;
	struct placement pl = {(int32_t)node, scheduler_gpus_on(run->s, run->c, p, node, &run->rng)};
	*result = SCHEDULED;
	return bind_pod(run, i, pl);
}

/* MLOpsQueue's rule (mlops.h): a HIGH pod evicts LOW pods until it fits, then is scheduled. */
static int mlops_preempt(struct run *run, struct replay *rp, size_t i, int64_t now, enum schedule_result *result)
{
	const struct pod_spec *p = &run->a->pods[i];
	struct running_pods view = {run->a->pods, run->r->outcomes, rp->node_head, rp->pod_next, rp->started};
	mlops_choose(&rp->mlops, run->s, run->c, &view, p, &run->s->profile->preempt);
	for (size_t k = 0; k < rp->mlops.n; k++)
		if (evict(run, rp, rp->mlops.pods[k], now))
			return -1;
	return rp->mlops.n ? try_place(run, i, result) : 0;
}

/* Pod i fit no node: it may preempt, by the rule the profile enables. */
static int try_preempt(struct run *run, struct replay *rp, size_t i, int64_t now, enum schedule_result *result)
{
	const struct scheduler_profile *prof = run->s->profile;
	const struct pod_spec *p = &run->a->pods[i];
	bool mlops = prof->queue_sort == QUEUE_MLOPS;
	if (prof->batch || p->never_preempts || (mlops ? !mlops_high(p, &prof->preempt) : !prof->preemption))
		return 0;
	run->r->preemption.attempts++;
	return mlops ? mlops_preempt(run, rp, i, now, result) : default_preempt(run, rp, i, now, result);
}

/* Pods that start all together (gang.h): job's waiting members from queue position `from` on
 * are placed in queue order, and kept only when at least the quorum found a place; otherwise
 * every placement is undone. */
static int try_gang(struct run *run, struct replay *rp, int32_t job, size_t from, int64_t now)
{
	struct gangs *g = &rp->gangs;
	int32_t need = gang_need(g, job);
	rp->gang_pass[job] = rp->pass;
	if (g->arrived[job] < need)
		return 0;
	size_t n = 0;
	for (size_t q = from; q < rp->queued; q++) {
		uint32_t i = rp->queue[q];
		if (run->a->pods[i].job != job || rp->is_running[i])
			continue;
		enum schedule_result result;
		if (try_place(run, i, &result))
			return -1;
		rp->must_retry[i] = result == SCORER_FAILED;
		if (result == SCHEDULED)
			rp->trial[n++] = i;
		else
			rp->trial_failed[rp->n_trial_failed++] = i;
	}
	if ((int32_t)n >= need) {
		g->released[job] = 1;
		for (size_t k = 0; k < n; k++)
			if (start_pod(run, rp, rp->trial[k], now))
				return -1;
		rp->n_trial_failed = 0;
		return 0;
	}
	/* Undone, the cluster is as before, and every member must try again. */
	while (n > 0) {
		uint32_t i = rp->trial[--n];
		rp->must_retry[i] = 1;
		if (unbind_pod(run, i))
			return -1;
	}
	for (; rp->n_trial_failed > 0; rp->n_trial_failed--)
		rp->must_retry[rp->trial_failed[rp->n_trial_failed - 1]] = 1;
	return 0;
}

/* Drops the pods that started from the waiting pods. */
static void drop_started(struct replay *rp)
{
	size_t kept = 0;
	for (size_t q = 0; q < rp->queued; q++)
		if (!rp->is_running[rp->queue[q]])
			rp->queue[kept++] = rp->queue[q];
	rp->queued = kept;
}

/* Pod i, arrived or evicted, is scheduled at once, as Kubernetes schedules a new pod; else it
 * waits.  A member of a group short of its quorum waits, and its group tries to start. */
static int admit(struct run *run, struct replay *rp, uint32_t i, int64_t now)
{
	int32_t job = run->a->pods[i].job;
	if (gang_need(&rp->gangs, job) > 0) {
		rp->must_retry[i] = 1;
		enqueue(run, rp, i);
		if (try_gang(run, rp, job, 0, now))
			return -1;
		drop_started(rp);
		return 0;
	}
	enum schedule_result result;
	if (try_place(run, i, &result))
		return -1;
	/* A pod no node could take even empty fails now, rather than wait for ever (asked only of a
	 * pod that found no node: the check is O(node shapes)). */
	if (result == NO_NODE_FITS && cluster_never_fits(run->c, &run->a->pods[i], NULL, 0))
		return 0;
	if (result == NO_NODE_FITS && try_preempt(run, rp, i, now, &result))
		return -1;
	if (result == SCHEDULED)
		return start_pod(run, rp, i, now);
	rp->must_retry[i] = result == SCORER_FAILED;
	enqueue(run, rp, i);
	return 0;
}

/* The victims of the last pass are scheduled again, as the new pods their controllers would
 * make.  A victim preempts only pods of lower priority (under MLOpsQueue only HIGH pods preempt,
 * and only LOW ones), so this ends. */
static int flush_evicted(struct run *run, struct replay *rp, int64_t now)
{
	for (size_t k = 0; k < rp->n_evicted; k++)
		if (admit(run, rp, rp->evicted[k], now))
			return -1;
	rp->n_evicted = 0;
	return 0;
}

/* Whether a waiting pod fits one of the nodes freed since the last retry (and so might be placed). */
static bool fits_freed(const struct run *run, const struct replay *rp, uint32_t i)
{
	for (size_t k = 0; k < rp->n_freed; k++)
		if (cluster_fits(run->c, rp->freed[k], &run->a->pods[i]))
			return true;
	return false;
}

/* Tries the waiting pods again, in order.  Skipping one that fits no freed node changes
 * nothing: scheduling it would have found no feasible node and drawn no random number. */
/* Places the waiting pods decided in out[0..n) (queue positions at[]), marking them taken. */
static int start_decided(struct run *run, struct replay *rp, int64_t now, const uint32_t *at,
			 const struct placement *out, size_t n, unsigned char *taken)
{
	for (size_t k = 0; k < n; k++) {
		uint32_t i = rp->queue[at[k]];
		if (out[k].node < 0)
			continue;
		if (bind_pod(run, i, out[k]) || start_pod(run, rp, i, now))
			return -1;
		taken[at[k]] = 1;
	}
	return 0;
}

/* A batch placer decides the waiting pods that a freed node could take, in queue order, a
 * window at a time, each window bound before the next is decided. */
static int retry_batch(struct run *run, struct replay *rp, int64_t now)
{
	size_t n = 0, q = rp->queued ? rp->queued : 1;
	const struct pod_spec **pods = malloc(q * sizeof *pods);
	uint32_t *at = malloc(q * sizeof *at);
	struct placement *out = malloc(q * sizeof *out);
	unsigned char *taken = calloc(q, 1);
	int rc = pods && at && out && taken ? 0 : error_set(run->err, "out of memory retrying %zu pods", q);
	for (size_t k = 0; !rc && k < rp->queued; k++)
		if (fits_freed(run, rp, rp->queue[k])) {
			at[n] = (uint32_t)k;
			pods[n++] = &run->a->pods[rp->queue[k]];
		}
	for (size_t done = 0, decided = 0; !rc && done < n; done += decided)
		rc = scheduler_place_batch(run->s, run->c, run->m->frag_total, pods + done, n - done, &run->rng,
					   out + done, &decided, run->err) ||
		     start_decided(run, rp, now, at + done, out + done, decided, taken);
	size_t kept = 0;
	for (size_t k = 0; !rc && k < rp->queued; k++)
		if (!taken[k])
			rp->queue[kept++] = rp->queue[k];
	if (!rc)
		rp->queued = kept;
	free(pods);
	free(at);
	free(out);
	free(taken);
	return rc;
}

/* The waiting pods in order, each scheduled on its own, or with its group (tried once a pass,
 * from its first member in the queue). */
static int retry_each(struct run *run, struct replay *rp, int64_t now)
{
	size_t kept = 0;
	rp->pass++;
	for (size_t q = 0; q < rp->queued; q++) {
		uint32_t i = rp->queue[q];
		int32_t job = run->a->pods[i].job;
		if (rp->is_running[i])
			continue;   /* started with its group earlier in this pass */
		if (gang_need(&rp->gangs, job) > 0) {
			if (rp->gang_pass[job] != rp->pass && try_gang(run, rp, job, q, now))
				return -1;
			if (!rp->is_running[i])
				rp->queue[kept++] = i;
			continue;
		}
		enum schedule_result result = NO_NODE_FITS;
		bool tried = rp->must_retry[i] || fits_freed(run, rp, i);
		if (tried && (try_place(run, i, &result) ||
			      (result == NO_NODE_FITS && try_preempt(run, rp, i, now, &result))))
			return -1;
		if (result == SCHEDULED) {
			if (start_pod(run, rp, i, now))
				return -1;
			continue;
		}
		rp->must_retry[i] = result == SCORER_FAILED;
		rp->queue[kept++] = i;
	}
	rp->queued = kept;
	return 0;
}

/* ShortestCriticalPath's keys shorten as pods finish: the waiting pods are put back in order,
 * stably, before each retry.  Insertion sort: O(queued) when little moved. */
static void resort_queue(const struct run *run, struct replay *rp)
{
	if (run->s->profile->queue_sort != QUEUE_CRITICAL_PATH)
		return;
	for (size_t k = 1; k < rp->queued; k++) {
		uint32_t x = rp->queue[k];
		size_t at = k;
		for (; at > 0 && queued_before(run, rp, x, rp->queue[at - 1]); at--)
			rp->queue[at] = rp->queue[at - 1];
		rp->queue[at] = x;
	}
}

static int retry_queue(struct run *run, struct replay *rp, int64_t now)
{
	resort_queue(run, rp);
	int rc = run->s->profile->batch ? retry_batch(run, rp, now) : retry_each(run, rp, now);
	if (!rc)
		rc = flush_evicted(run, rp, now);
	for (size_t k = 0; k < rp->n_freed; k++)
		rp->is_freed[rp->freed[k]] = 0;
	rp->n_freed = 0;
	return rc;
}

static int add_timeline_point(struct run *run, struct replay *rp, int64_t now)
{
	struct run_result *r = run->r;
	if (VEC_RESERVE(r->timeline, r->cap_timeline, r->n_timeline + 1))
		return -1;
	r->timeline[r->n_timeline++] =
		(struct timeline_point){now, rp->running, (int32_t)rp->queued, metrics_sample(run->m, run->c)};
	return 0;
}

/* A group counts the members that arrived and could ever run: on arrival, or on release by
 * the pipeline predecessor they waited for. */
static void count_gang_arrival(const struct run *run, struct replay *rp, size_t i)
{
	int32_t job = run->a->pods[i].job;
	if (job >= 0 && rp->gangs.n_jobs)
		rp->gangs.arrived[job]++;
}

/* Pod i finished: the held pods it was the last to wait for arrive now.  They join the waiting
 * pods at once, untried, so that the retry this departure brings takes them in queue order
 * with the pods already waiting (one no node could take even empty fails instead). */
static void release_after(const struct run *run, struct replay *rp, uint32_t i, int64_t now)
{
	size_t n = pipelines_finish(&rp->pipes, i, rp->released);
	for (size_t k = 0; k < n; k++) {
		uint32_t s = rp->released[k];
		if (!rp->held[s])
			continue;   /* it has not arrived yet: it will be admitted when it does */
		rp->held[s] = 0;
		run->r->outcomes[s].arrival = now;
		run->r->arrived_gpu_milli += pod_gpu_total(&run->a->pods[s]);
		if (cluster_never_fits(run->c, &run->a->pods[s], NULL, 0))
			continue;
		count_gang_arrival(run, rp, s);
		rp->must_retry[s] = 1;
		enqueue(run, rp, s);
	}
}

static int handle_event(struct run *run, struct replay *rp, const struct event *e, int *departed)
{
	int64_t now = e->key >> 1;
	size_t i = e->payload;
	if ((e->key & 1) == EV_DEPART) {
		struct pod_outcome *o = &run->r->outcomes[i];
		if (!rp->is_running[i] || o->end != now)
			return 0;   /* the run it ended was cut short by a preemption */
		*departed = 1;
		if (stop_pod(run, rp, i))
			return -1;
		release_after(run, rp, (uint32_t)i, now);
		return 0;
	}
	if (rp->pipes.dag.n_pipelines && rp->pipes.waiting_for[i]) {
		rp->held[i] = 1;   /* released when what it waits for has finished */
		return 0;
	}
	if (*departed && retry_queue(run, rp, now))
		return -1;
	*departed = 0;
	const struct pod_spec *p = &run->a->pods[i];
	run->r->outcomes[i].arrival = now;
	run->r->arrived_gpu_milli += pod_gpu_total(p);
	if (p->job >= 0 && rp->gangs.n_jobs) {
		if (cluster_never_fits(run->c, p, NULL, 0))
			return 0;
		count_gang_arrival(run, rp, i);
	}
	return admit(run, rp, (uint32_t)i, now) || flush_evicted(run, rp, now) ? -1 : 0;
}

static int replay_loop(struct run *run, struct replay *rp)
{
	for (size_t i = 0; i < run->a->n; i++) {
		int64_t t = run->a->pods[i].creation;
		if (event_heap_push(&rp->events, (t == TIME_NONE ? 0 : t) * 2 + EV_ARRIVE, (uint32_t)i))
			return -1;
	}
	struct event e;
	int departed = 0;
	while (event_heap_pop(&rp->events, &e)) {
		if (handle_event(run, rp, &e, &departed))
			return -1;
		const struct event *next = event_heap_peek(&rp->events);
		if (next && next->key >> 1 == e.key >> 1)
			continue;
		if (departed && retry_queue(run, rp, e.key >> 1))
			return -1;
		departed = 0;
		if (add_timeline_point(run, rp, e.key >> 1))
			return -1;
	}
	return 0;
}

static void replay_summary(struct run_result *r, const struct arrivals *a)
{
	int64_t first = INT64_MAX, last = INT64_MIN;
	double waits = 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct pod_outcome *o = &r->outcomes[i];
		if (o->arrival != TIME_NONE && o->arrival < first)
			first = o->arrival;   /* a pod held for ever (its predecessor never ended) never arrived */
		if (o->node < 0) {
			r->failed++;
			continue;
		}
		r->scheduled++;
		double wait = (double)(o->start - o->arrival);
		waits += wait;
		if (wait > r->max_wait)
			r->max_wait = wait;
		int64_t done = o->end != TIME_NONE ? o->end : o->start;
		if (done > last)
			last = done;
	}
	r->mean_wait = r->scheduled ? waits / (double)r->scheduled : 0;
	r->makespan = r->scheduled ? last - first : 0;
}

/* Time-weighted mean and peak of GPU allocation, and the longest queue, over the timeline. */
static void replay_utilization(struct run_result *r)
{
	double weighted = 0;
	for (size_t i = 0; i < r->n_timeline; i++) {
		const struct timeline_point *t = &r->timeline[i];
		if (i + 1 < r->n_timeline)
			weighted += t->m.gpu_alloc_pct * (double)(r->timeline[i + 1].time - t->time);
		if (t->m.gpu_alloc_pct > r->peak_gpu_alloc_pct)
			r->peak_gpu_alloc_pct = t->m.gpu_alloc_pct;
		if (t->queued > r->peak_queued)
			r->peak_queued = t->queued;
	}
	int64_t span = r->n_timeline > 1 ? r->timeline[r->n_timeline - 1].time - r->timeline[0].time : 0;
	r->mean_gpu_alloc_pct = span > 0 ? weighted / (double)span : r->peak_gpu_alloc_pct;
}

static void replay_release(struct replay *rp)
{
	free(rp->queue);
	free(rp->must_retry);
	free(rp->freed);
	free(rp->is_freed);
	free(rp->node_head);
	free(rp->pod_next);
	free(rp->pod_prev);
	free(rp->started);
	free(rp->left);
	free(rp->is_running);
	free(rp->evicted);
	free(rp->gang_pass);
	free(rp->held);
	free(rp->released);
	pipelines_release(&rp->pipes);
	free(rp->trial);
	free(rp->trial_failed);
	gangs_release(&rp->gangs);
	mlops_victims_release(&rp->mlops);
	preemption_release(&rp->pr);
	event_heap_release(&rp->events);
}

/* What only some profiles and workloads use, made only for them: preemption's and the MLOps
 * rule's scratch, the gangs, the pipelines. */
static int optional_parts(struct replay *rp, const struct run *run, size_t pods, size_t nodes)
{
	const struct scheduler_profile *prof = run->s->profile;
	if (prof->preemption && preemption_init(&rp->pr, nodes, pods))
		return -1;
	if (prof->queue_sort == QUEUE_MLOPS && mlops_victims_init(&rp->mlops, nodes, pods))
		return -1;
	if (prof->gangs) {
		rp->trial = malloc(pods * sizeof *rp->trial);
		rp->trial_failed = malloc(pods * sizeof *rp->trial_failed);
		if (!rp->trial || !rp->trial_failed || gangs_init(&rp->gangs, run->a))
			return -1;
	}
	rp->gang_pass = calloc(rp->gangs.n_jobs ? rp->gangs.n_jobs : 1, sizeof *rp->gang_pass);
	if (!rp->gang_pass || pipelines_init(&rp->pipes, run->a, run->seed, run->err))
		return -1;
	if (rp->pipes.dag.n_pipelines) {
		rp->held = calloc(pods, 1);
		rp->released = malloc(pods * sizeof *rp->released);
		if (!rp->held || !rp->released)
			return -1;
	}
	return 0;
}

static int replay_init(struct replay *rp, const struct run *run)
{
	memset(rp, 0, sizeof *rp);
	event_heap_init(&rp->events);
	size_t pods = run->a->n ? run->a->n : 1, nodes = run->c->n ? run->c->n : 1;
	rp->queue = malloc(pods * sizeof *rp->queue);
	rp->must_retry = calloc(pods, 1);
	rp->freed = malloc(nodes * sizeof *rp->freed);
	rp->is_freed = calloc(nodes, 1);
	rp->node_head = malloc(nodes * sizeof *rp->node_head);
	rp->pod_next = malloc(pods * sizeof *rp->pod_next);
	rp->pod_prev = malloc(pods * sizeof *rp->pod_prev);
	rp->started = malloc(pods * sizeof *rp->started);
	rp->left = malloc(pods * sizeof *rp->left);
	rp->is_running = calloc(pods, 1);
	int rc = optional_parts(rp, run, pods, nodes);
	if (rc || !rp->queue || !rp->must_retry || !rp->freed || !rp->is_freed || !rp->node_head || !rp->pod_next ||
	    !rp->pod_prev || !rp->started || !rp->left || !rp->is_running)
		return -1;
	for (size_t k = 0; k < nodes; k++)
		rp->node_head[k] = NO_POD;
	for (size_t k = 0; k < pods; k++)
		rp->left[k] = TIME_NONE;
	return 0;
}

int run_replay(struct run *run)
{
	struct replay rp;
	run->r->gangs = run->s->profile->gangs;
	int rc = replay_init(&rp, run) ? -1 : replay_loop(run, &rp);
	if (!rc) {
		replay_summary(run->r, run->a);
		replay_utilization(run->r);
	}
	replay_release(&rp);
	return rc;
}
