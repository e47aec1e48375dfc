#include "sim/engine.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/event_heap.h"
#include "sim/preemption.h"
#include "sim/util/vec.h"

/* Event keys order by time, then departures before arrivals. */
enum { EV_DEPART = 0, EV_ARRIVE = 1 };

struct run {
	struct cluster *c;
	struct scheduler *s;
	struct metrics *m;
	const struct arrivals *a;
	struct run_result *r;
	struct pcg32 rng;
	struct error *err;
};

/* Binds pod i where pl says. */
static int bind_pod(struct run *run, size_t i, struct placement pl)
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

/* Schedules pod i and binds it where the scheduler says: *result is SCHEDULED, or why not;
 * -1 on failure (run->err says why).  A batch placer decides it alone. */
static int try_place(struct run *run, size_t i, enum schedule_result *result)
{
	struct placement pl;
	const struct pod_spec *p = &run->a->pods[i];
	if (run->s->profile->batch) {
		size_t decided;
		if (scheduler_place_batch(run->s, run->c, run->m->frag_total, &p, 1, &run->rng, &pl, &decided, run->err))
			return -1;
		*result = pl.node >= 0 ? SCHEDULED : NO_NODE_FITS;
	} else {
		*result = scheduler_schedule(run->s, run->c, p, &run->rng, &pl);
	}
	return *result == SCHEDULED ? bind_pod(run, i, pl) : 0;
}

/* Counts pod i's outcome and samples the curve after it. */
static int arrived(struct run *run, struct curve_builder *curve, size_t i, bool placed)
{
	struct run_result *r = run->r;
	r->arrived_gpu_milli += pod_gpu_total(&run->a->pods[i]);
	if (placed)
		r->scheduled++;
	else
		r->failed++;
	struct metric_sample m = metrics_sample(run->m, run->c);
	return curve_add(curve, arrived_pct(r->arrived_gpu_milli, run->c->total_gpus), &m);
}

/* A batch placer decides the arrivals a window at a time; each window is bound, and the curve
 * sampled, pod by pod in arrival order. */
static int place_windows(struct run *run, struct curve_builder *curve)
{
	size_t n = run->a->n;
	const struct pod_spec **pods = malloc((n ? n : 1) * sizeof *pods);
	struct placement *out = malloc((n ? n : 1) * sizeof *out);
	int rc = pods && out ? 0 : error_set(run->err, "out of memory for %zu arrivals", n);
	for (size_t k = 0; !rc && k < n; k++)
		pods[k] = &run->a->pods[k];
	for (size_t first = 0, decided = 0; !rc && first < n; first += decided) {
		rc = scheduler_place_batch(run->s, run->c, run->m->frag_total, pods + first, n - first, &run->rng,
					   out + first, &decided, run->err);
		for (size_t k = first; !rc && k < first + decided; k++) {
			bool placed = out[k].node >= 0;
			rc = placed && bind_pod(run, k, out[k]) ? -1 : arrived(run, curve, k, placed);
		}
	}
	free(pods);
	free(out);
	return rc;
}

/* The arrivals one by one, each scheduled on its own. */
static int place_each(struct run *run, struct curve_builder *curve)
{
	int rc = 0;
	for (size_t i = 0; i < run->a->n && !rc; i++) {
		enum schedule_result result;
		rc = try_place(run, i, &result) ? -1 : arrived(run, curve, i, result == SCHEDULED);
	}
	return rc;
}

static int run_inflation(struct run *run)
{
	struct run_result *r = run->r;
	const struct cluster *c = run->c;
	struct curve_builder curve;
	curve_builder_init(&curve);
	struct metric_sample m = metrics_sample(run->m, c);
	int rc = curve_add(&curve, 0, &m);
	if (!rc)
		rc = run->s->profile->batch ? place_windows(run, &curve) : place_each(run, &curve);
	if (!rc)
		rc = curve_finish(&curve, &r->curve, &r->n_curve);
	curve_builder_release(&curve);
	return rc;
}

/* Replay-mode state: the event heap and the FIFO of waiting pods. */
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
	unsigned char *scorer_failed; /* per pod: its last attempt failed in a scorer */
	/* What runs where, for preemption: a list of running pods per node. */
	uint32_t *node_head, *pod_next, *pod_prev;
	int64_t *started;             /* per pod: when its current run started */
	int64_t *left;                /* per pod: what a resumed victim has left to run, else TIME_NONE */
	struct preemption pr;
	unsigned char *is_running;    /* per pod */
	uint32_t *evicted;            /* victims to queue once the pass that evicted them is over */
	size_t n_evicted;
};

/* Adds pod i to the waiting pods: last (FIFO), or with PrioritySort after every waiting pod of
 * its priority or higher, all of which arrived before it.  O(queued). */
static void enqueue(const struct run *run, struct replay *rp, uint32_t i)
{
	size_t at = rp->queued++;
	if (run->s->profile->queue_sort == QUEUE_PRIORITY)
		for (int32_t prio = run->a->pods[i].priority; at > 0 && run->a->pods[rp->queue[at - 1]].priority < prio;
		     at--)
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

/* Pod i stops running and leaves its node (a departure or an eviction). */
static int stop_pod(struct run *run, struct replay *rp, size_t i)
{
	const struct pod_outcome *o = &run->r->outcomes[i];
	unlink_running(rp, (uint32_t)i, (uint32_t)o->node);
	rp->is_running[i] = 0;
	if (cluster_unbind(run->c, (size_t)o->node, &run->a->pods[i], o->gpus))
		return -1;
	metrics_node_changed(run->m, run->c, (size_t)o->node);
	scheduler_unbound(run->s, run->c, &run->a->pods[i], (size_t)o->node);
	rp->running--;
	if (!rp->is_freed[o->node]) {
		rp->is_freed[o->node] = 1;
		rp->freed[rp->n_freed++] = (uint32_t)o->node;
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
	rp->evicted[rp->n_evicted++] = v;
	return 0;
}

/* Pod i fit no node: with DefaultPreemption it may evict lower-priority pods (preemption.h) and
 * take their node, as Kubernetes' next cycle takes the nominated node. */
static int try_preempt(struct run *run, struct replay *rp, size_t i, int64_t now, enum schedule_result *result)
{
	const struct pod_spec *p = &run->a->pods[i];
	if (!run->s->profile->preemption || run->s->profile->batch || p->never_preempts)
		return 0;
	run->r->preemption.attempts++;
	struct running_pods view = {run->a->pods, run->r->outcomes, rp->node_head, rp->pod_next, rp->started};
	preemption_choose(&rp->pr, run->c, &view, p, &run->s->profile->preempt, &run->rng);
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

/* The victims of the last pass join the waiting pods, as new pods would. */
static void flush_evicted(struct run *run, struct replay *rp)
{
	for (size_t k = 0; k < rp->n_evicted; k++) {
		rp->scorer_failed[rp->evicted[k]] = 0;
		enqueue(run, rp, rp->evicted[k]);
	}
	rp->n_evicted = 0;
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

/* The waiting pods in order, each scheduled on its own. */
static int retry_each(struct run *run, struct replay *rp, int64_t now)
{
	size_t kept = 0;
	for (size_t q = 0; q < rp->queued; q++) {
		uint32_t i = rp->queue[q];
		enum schedule_result result = NO_NODE_FITS;
		bool tried = rp->scorer_failed[i] || fits_freed(run, rp, i);
		if (tried && (try_place(run, i, &result) ||
			      (result == NO_NODE_FITS && try_preempt(run, rp, i, now, &result))))
			return -1;
		if (result == SCHEDULED) {
			if (start_pod(run, rp, i, now))
				return -1;
			continue;
		}
		rp->scorer_failed[i] = result == SCORER_FAILED;
		rp->queue[kept++] = i;
	}
	rp->queued = kept;
	return 0;
}

static int retry_queue(struct run *run, struct replay *rp, int64_t now)
{
	int rc = run->s->profile->batch ? retry_batch(run, rp, now) : retry_each(run, rp, now);
	flush_evicted(run, rp);
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

static int handle_event(struct run *run, struct replay *rp, const struct event *e, int *departed)
{
	int64_t now = e->key >> 1;
	size_t i = e->payload;
	if ((e->key & 1) == EV_DEPART) {
		struct pod_outcome *o = &run->r->outcomes[i];
		if (!rp->is_running[i] || o->end != now)
			return 0;   /* the run it ended was cut short by a preemption */
		*departed = 1;
		return stop_pod(run, rp, i);
	}
	if (*departed && retry_queue(run, rp, now))
		return -1;
	*departed = 0;
	run->r->outcomes[i].arrival = now;
	run->r->arrived_gpu_milli += pod_gpu_total(&run->a->pods[i]);
	enum schedule_result result;
	if (try_place(run, i, &result) || (result == NO_NODE_FITS && try_preempt(run, rp, i, now, &result)))
		return -1;
	flush_evicted(run, rp);
	if (result == SCHEDULED)
		return start_pod(run, rp, i, now);
	/* A pod no node could take even empty fails now, rather than wait for ever. */
	if (result == NO_NODE_FITS && cluster_never_fits(run->c, &run->a->pods[i], NULL, 0))
		return 0;
	rp->scorer_failed[i] = result == SCORER_FAILED;
	enqueue(run, rp, (uint32_t)i);
	return 0;
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
		if (o->arrival < first)
			first = o->arrival;
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
	free(rp->scorer_failed);
	free(rp->freed);
	free(rp->is_freed);
	free(rp->node_head);
	free(rp->pod_next);
	free(rp->pod_prev);
	free(rp->started);
	free(rp->left);
	free(rp->is_running);
	free(rp->evicted);
	preemption_release(&rp->pr);
	event_heap_release(&rp->events);
}

static int replay_init(struct replay *rp, size_t pods, size_t nodes)
{
	memset(rp, 0, sizeof *rp);
	event_heap_init(&rp->events);
	pods = pods ? pods : 1;
	nodes = nodes ? nodes : 1;
	rp->queue = malloc(pods * sizeof *rp->queue);
	rp->scorer_failed = calloc(pods, 1);
	rp->freed = malloc(nodes * sizeof *rp->freed);
	rp->is_freed = calloc(nodes, 1);
	rp->node_head = malloc(nodes * sizeof *rp->node_head);
	rp->pod_next = malloc(pods * sizeof *rp->pod_next);
	rp->pod_prev = malloc(pods * sizeof *rp->pod_prev);
	rp->started = malloc(pods * sizeof *rp->started);
	rp->left = malloc(pods * sizeof *rp->left);
	rp->is_running = calloc(pods, 1);
	rp->evicted = malloc(pods * sizeof *rp->evicted);
	int rc = preemption_init(&rp->pr, nodes, pods);
	if (rc || !rp->queue || !rp->scorer_failed || !rp->freed || !rp->is_freed || !rp->node_head || !rp->pod_next ||
	    !rp->pod_prev || !rp->started || !rp->left || !rp->is_running || !rp->evicted)
		return -1;
	for (size_t k = 0; k < nodes; k++)
		rp->node_head[k] = NO_POD;
	for (size_t k = 0; k < pods; k++)
		rp->left[k] = TIME_NONE;
	return 0;
}

static int run_replay(struct run *run)
{
	struct replay rp;
	int rc = replay_init(&rp, run->a->n, run->c->n) ? -1 : replay_loop(run, &rp);
	if (!rc) {
		replay_summary(run->r, run->a);
		replay_utilization(run->r);
	}
	replay_release(&rp);
	return rc;
}

int engine_run(struct cluster *c, struct scheduler *s, struct metrics *m, const struct arrivals *a,
	       enum run_mode mode, uint64_t seed, struct run_result *r, struct error *err)
{
	memset(r, 0, sizeof *r);
	r->mode = mode;
	r->n_outcomes = a->n;
	/* Zeroed, padding too, so that two runs' outcomes compare byte for byte. */
	r->outcomes = calloc(a->n ? a->n : 1, sizeof *r->outcomes);
	if (!r->outcomes)
		return error_set(err, "out of memory for %zu pods", a->n);
	for (size_t i = 0; i < a->n; i++) {
		struct pod_outcome *o = &r->outcomes[i];
		o->node = -1;
		o->arrival = o->start = o->end = TIME_NONE;
	}
	struct error run_err = {{0}};
	struct run run = {c, s, m, a, r, {0, 0}, &run_err};
	pcg32_seed(&run.rng, seed, RNG_POLICY);
	int rc = mode == MODE_INFLATION ? run_inflation(&run) : run_replay(&run);
	if (rc) {
		run_result_release(r);
		if (run_err.msg[0])
			*err = run_err;
		else
			error_set(err, "out of memory during the run");
		return -1;
	}
	r->final = metrics_sample(m, c);
	return 0;
}

void run_result_release(struct run_result *r)
{
	free(r->outcomes);
	free(r->curve);
	free(r->timeline);
	memset(r, 0, sizeof *r);
}
