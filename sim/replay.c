/* replay.c — replay mode (engine.h): the events in time order, pipelines' held pods, and the
 * run's summary.  The waiting pods, what runs where, making room and groups are the parts
 * replay.h names. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/replay.h"
#include "sim/util/vec.h"

static int add_timeline_point(struct replay *rp, int64_t now)
{
	struct run *run = rp->run;
	struct run_result *r = run->r;
	if (VEC_RESERVE(r->timeline, r->cap_timeline, r->n_timeline + 1))
		return -1;
	r->timeline[r->n_timeline++] =
		(struct timeline_point){now, rp->on.count, (int32_t)rp->w.queued, metrics_sample(run->m, run->c)};
	return 0;
}

/* A group counts the members that arrived and could ever run: on arrival, or on release by
 * the pipeline predecessor they waited for. */
static void count_arrival(struct replay *rp, size_t i)
{
	if (rp->plugins.permit)
		rp->plugins.permit->arrived(rp->plugins.permit_self, &rp->run->a->pods[i]);
}

/* Pod i finished: an order that changes as pods finish learns of it, and the held pods it was
 * the last to wait for arrive now.  They join the waiting pods at once, untried, so that the
 * retry this departure brings takes them in queue order with the pods already waiting (one no
 * node could take even empty fails instead). */
static void release_after(struct replay *rp, uint32_t i, int64_t now)
{
	struct run *run = rp->run;
	if (rp->plugins.sort && rp->plugins.sort->finished)
		rp->plugins.sort->finished(rp->plugins.sort_self, i);
	size_t n = pipelines_finish(&rp->h.pipes, i, rp->h.released);
	for (size_t k = 0; k < n; k++) {
		uint32_t s = rp->h.released[k];
		if (!rp->h.held[s])
			continue;   /* it has not arrived yet: it will be admitted when it does */
		rp->h.held[s] = 0;
		run->r->outcomes[s].arrival = now;
		run->r->arrived_gpu_milli += pod_gpu_total(&run->a->pods[s]);
		if (filter_chain_never_fits(&run->s->filters, run->c, &run->a->pods[s], NULL, 0))
			continue;
		count_arrival(rp, s);
		rp->w.must_retry[s] = 1;
		enqueue(rp, s);
	}
}

static int handle_event(struct replay *rp, const struct event *e, int *departed)
{
	struct run *run = rp->run;
	int64_t now = e->key >> 1;
	size_t i = e->payload;
	if ((e->key & 1) == EV_DEPART) {
		struct pod_outcome *o = &run->r->outcomes[i];
		if (!rp->on.is_running[i] || o->end != now)
			return 0;   /* the run it ended was cut short by a preemption */
		*departed = 1;
		if (stop_pod(rp, i))
			return -1;
		release_after(rp, (uint32_t)i, now);
		return 0;
	}
	if (rp->h.pipes.dag.n_pipelines && rp->h.pipes.waiting_for[i]) {
		rp->h.held[i] = 1;   /* released when what it waits for has finished */
		return 0;
	}
	if (*departed && retry_queue(rp, now))
		return -1;
	*departed = 0;
	const struct pod_spec *p = &run->a->pods[i];
	run->r->outcomes[i].arrival = now;
	run->r->arrived_gpu_milli += pod_gpu_total(p);
	if (rp->plugins.permit) {
		if (filter_chain_never_fits(&run->s->filters, run->c, p, NULL, 0))
			return 0;
		count_arrival(rp, i);
	}
	return admit(rp, (uint32_t)i, now) || flush_evicted(rp, now) ? -1 : 0;
}

static int replay_loop(struct replay *rp)
{
	const struct arrivals *a = rp->run->a;
	for (size_t i = 0; i < a->n; i++) {
		/* A bound pod arrives where it started running (status.startTime). */
		const struct pod_spec *p = &a->pods[i];
		int64_t t = p->bound_node >= 0 && pod_start(p) != TIME_NONE ? pod_start(p) : p->creation;
		if (event_heap_push(&rp->events, (t == TIME_NONE ? 0 : t) * 2 + EV_ARRIVE, (uint32_t)i))
			return -1;
	}
	struct event e;
	int departed = 0;
	while (event_heap_pop(&rp->events, &e)) {
		if (handle_event(rp, &e, &departed))
			return -1;
		const struct event *next = event_heap_peek(&rp->events);
		if (next && next->key >> 1 == e.key >> 1)
			continue;
		if (departed && retry_queue(rp, e.key >> 1))
			return -1;
		departed = 0;
		if (add_timeline_point(rp, e.key >> 1))
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
	run_plugins_release(&rp->plugins);
	free(rp->w.queue);
	free(rp->w.must_retry);
	free(rp->w.freed);
	free(rp->w.is_freed);
	free(rp->on.node_head);
	free(rp->on.pod_next);
	free(rp->on.pod_prev);
	free(rp->on.started);
	free(rp->on.left);
	free(rp->on.is_running);
	free(rp->ev.pods);
	free(rp->g.pass_of);
	free(rp->g.placed);
	free(rp->g.failed);
	free(rp->h.held);
	free(rp->h.released);
	pipelines_release(&rp->h.pipes);
	event_heap_release(&rp->events);
}

/* What only some profiles and workloads use, made only for them: the run's plugins, the
 * groups' scratch, the pipelines. */
static int optional_parts(struct replay *rp, size_t pods)
{
	struct run *run = rp->run;
	if (pipelines_init(&rp->h.pipes, run->a, run->err))
		return -1;
	if (rp->h.pipes.dag.n_pipelines) {
		rp->h.held = calloc(pods, 1);
		rp->h.released = malloc(pods * sizeof *rp->h.released);
		if (!rp->h.held || !rp->h.released)
			return -1;
	}
	struct plugin_env env = {
		.cluster = run->c,
		.typical = run->s->typical,
		.arrivals = run->a,
		.seed = run->seed,
		.pipelines = &rp->h.pipes.dag,
		.what_if_size = what_if_bytes(&run->s->filters),
		.config_path = run->s->profile->config_path,
	};
	if (run_plugins_init(&rp->plugins, run->s->profile, &env, run->err))
		return -1;
	const struct run_plugins *pl = &rp->plugins;
	size_t groups = pl->permit ? pl->permit->groups(pl->permit_self) : 0;
	rp->g.pass_of = calloc(groups ? groups : 1, sizeof *rp->g.pass_of);
	if (!rp->g.pass_of)
		return -1;
	if (pl->permit) {
		rp->g.placed = malloc(pods * sizeof *rp->g.placed);
		rp->g.failed = malloc(pods * sizeof *rp->g.failed);
		if (!rp->g.placed || !rp->g.failed)
			return -1;
	}
	return 0;
}

static int replay_init(struct replay *rp, struct run *run)
{
	memset(rp, 0, sizeof *rp);
	rp->run = run;
	event_heap_init(&rp->events);
	size_t pods = run->a->n ? run->a->n : 1, nodes = run->c->n ? run->c->n : 1;
	rp->w.queue = malloc(pods * sizeof *rp->w.queue);
	rp->w.must_retry = calloc(pods, 1);
	rp->w.freed = malloc(nodes * sizeof *rp->w.freed);
	rp->w.is_freed = calloc(nodes, 1);
	rp->on.node_head = malloc(nodes * sizeof *rp->on.node_head);
	rp->on.pod_next = malloc(pods * sizeof *rp->on.pod_next);
	rp->on.pod_prev = malloc(pods * sizeof *rp->on.pod_prev);
	rp->on.started = malloc(pods * sizeof *rp->on.started);
	rp->on.left = malloc(pods * sizeof *rp->on.left);
	rp->on.is_running = calloc(pods, 1);
	int rc = optional_parts(rp, pods);
	if (rc || !rp->w.queue || !rp->w.must_retry || !rp->w.freed || !rp->w.is_freed || !rp->on.node_head ||
	    !rp->on.pod_next || !rp->on.pod_prev || !rp->on.started || !rp->on.left || !rp->on.is_running)
		return -1;
	for (size_t k = 0; k < nodes; k++)
		rp->on.node_head[k] = NO_POD;
	for (size_t k = 0; k < pods; k++)
		rp->on.left[k] = TIME_NONE;
	return 0;
}

int run_replay(struct run *run)
{
	struct replay rp;
	run->r->gangs = run->s->profile->permit.plugin != NULL;
	int rc = replay_init(&rp, run) ? -1 : replay_loop(&rp);
	if (!rc) {
		replay_summary(run->r, run->a);
		replay_utilization(run->r);
	}
	replay_release(&rp);
	return rc;
}
