/* mlops_eviction.c — MLOpsQueue, the MLOps job scheduler's queue rule: a queue sort and an
 * eviction rule (its post-filter), one plugin, enabled at queueSort.
 *
 * As that system describes it, with its faults mended:
 *  - A pod is HIGH when its priority is at least the plugin's highPriority (1), else LOW.
 *  - Waiting pods go HIGH first, then by resource score, larger first: GPUs × 100 + CPU cores ×
 *    10 + memory GiB (GPUs as whole-GPU units, count × share / 1000); then by arrival.
 *  - A job larger than the whole cluster is rejected when it arrives: simon fails any pod that
 *    no node could take even empty, which includes it.
 *  - A HIGH pod that fits no node evicts running LOW pods, larger score first, until it fits
 *    some node; then it is scheduled as any pod.  LOW pods never preempt.
 * Mended: victims wait again (they are not lost); equal scores go to the latest started, then
 * the latest arrival, so the choice is deterministic; only pods on nodes the pod could fit were
 * they empty are candidates, and none is evicted when evicting them all would not make room;
 * room means the pod fits and the profile's filters (PipelineExclusive) let it in.
 * Args: highPriority (1), and victimsResume (false) as DefaultPreemption's.
 * Cost: O(1) per comparison; per attempt, O(nodes + running log running).
 */
#include <stdlib.h>
#include <string.h>

#include "policies/kit/args.h"
#include "sim/plugin/post_filter.h"
#include "sim/plugin/queue_sort.h"
#include "sim/util/order.h"

static double mlops_score(const struct pod_spec *p)
{
	double gpus = (double)p->gpu_count * p->gpu_milli / GPU_MILLI;
	return gpus * 100 + (double)p->cpu_milli / 1000 * 10 + (double)p->mem_bytes / (1024.0 * 1024 * 1024);
}

struct mlops {
	int32_t high_priority;     /* pods of this priority or more are HIGH */
	bool victims_resume;
	uint32_t *pods;            /* the victims: pods[0..n) */
	size_t n;
	/* Scratch, kept between attempts. */
	struct mlops_candidate *cands;
	struct node_state *state;  /* per node: its state with the pods taken off so far */
	unsigned char *touched;
	unsigned char *what_if;    /* per node: the profile's filters with those pods taken off */
	size_t what_if_size;
};

static bool is_high(const struct mlops *v, const struct pod_spec *p)
{
	return p->priority >= v->high_priority;
}

/* Waiting pod x goes before y: HIGH first, then the larger score. */
static bool before(const void *self, const struct pod_spec *pods, uint32_t x, uint32_t y)
{
	const struct mlops *v = self;
	bool hx = is_high(v, &pods[x]), hy = is_high(v, &pods[y]);
	if (hx != hy)
		return hx;
	return mlops_score(&pods[x]) > mlops_score(&pods[y]);
}

struct mlops_candidate {
	double score;
	int64_t started;
	uint32_t pod;
};

/* Eviction order: the larger score, then the later start, then the later arrival. */
static int by_eviction(const void *x, const void *y)
{
	const struct mlops_candidate *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->started != b->started)
		return a->started > b->started ? -1 : 1;
	return a->pod > b->pod ? -1 : 1;
}

/* Takes running pod i off its node's scratch state, as p would have it; its node. */
static uint32_t take_off(struct mlops *v, const struct post_filter_view *view, uint32_t i, const struct pod_spec *p)
{
	const struct running_pods *rp = view->running;
	uint32_t node = (uint32_t)rp->outcomes[i].node;
	void *w = v->what_if + (size_t)node * v->what_if_size;
	if (!v->touched[node]) {
		v->touched[node] = 1;
		v->state[node] = view->c->state[node];
		what_if_begin(view->filters, node, p, w);
	}
	node_state_account(&v->state[node], &rp->pods[i], rp->outcomes[i].gpus, -1);
	what_if_account(view->filters, w, &rp->pods[i], -1);
	return node;
}

static void untouch(struct mlops *v, const struct running_pods *rp, size_t n)
{
	for (size_t k = 0; k < n; k++)
		v->touched[rp->outcomes[v->cands[k].pod].node] = 0;
}

/* Whether p fits node as the victims so far leave it, filters included. */
static bool room_on(const struct mlops *v, const struct post_filter_view *view, uint32_t node,
		    const struct pod_spec *p)
{
	return node_state_fits(&view->c->spec[node], &v->state[node], p) &&
	       what_if_admits(view->filters, v->what_if + (size_t)node * v->what_if_size, p);
}

/* The LOW pods HIGH pod p (which fits no node) evicts, in eviction order; none when evicting
 * every candidate would not make room. */
static bool propose(void *self, const struct post_filter_view *view, const struct pod_spec *p, struct pcg32 *rng,
		    struct nomination *out)
{
	(void)rng;
	struct mlops *v = self;
	const struct cluster *c = view->c;
	const struct running_pods *rp = view->running;
	*out = (struct nomination){-1, v->pods, 0, v->victims_resume};
	if (p->never_preempts || !is_high(v, p))
		return false;
	size_t n = 0;
	bool room = false;
	for (size_t node = 0; node < c->n; node++) {
		if (rp->head[node] == NO_POD || !node_could_fit(&c->spec[node], p))
			continue;
		size_t first = n;
		for (uint32_t i = rp->head[node]; i != NO_POD; i = rp->next[i])
			if (!is_high(v, &rp->pods[i])) {
				v->cands[n++] = (struct mlops_candidate){mlops_score(&rp->pods[i]), rp->started[i], i};
				take_off(v, view, i, p);
			}
		room = room || (n > first && room_on(v, view, (uint32_t)node, p));
	}
	untouch(v, rp, n);
	v->n = 0;
	if (!room)
		return true;
	sort_items(v->cands, n, sizeof *v->cands, by_eviction);
	for (size_t k = 0; k < n && !v->n; k++) {
		v->pods[k] = v->cands[k].pod;
		uint32_t node = take_off(v, view, v->pods[k], p);
		if (room_on(v, view, node, p))
			v->n = k + 1;
	}
	untouch(v, rp, n);
	out->n_victims = v->n;
	return true;
}

static void release(void *self)
{
	struct mlops *v = self;
	if (!v)
		return;
	free(v->pods);
	free(v->cands);
	free(v->state);
	free(v->touched);
	free(v->what_if);
	free(v);
}

/* env->filters: the what-if room a node needs (filter.h), which the run's post-filter view
 * will ask with. */
static int init(void **self, const struct plugin_env *env, struct error *err)
{
	static const char name[] = "MLOpsQueue";
	*self = NULL;
	int64_t high = 1;
	bool resume = false;
	if (arg_integer(env, name, "highPriority", INT32_MIN, INT32_MAX, &high, err) ||
	    arg_bool(env, name, "victimsResume", &resume, err))
		return -1;
	struct mlops *v = calloc(1, sizeof *v);
	if (!v)
		return error_set(err, "out of memory for %s", name);
	v->high_priority = (int32_t)high;
	v->victims_resume = resume;
	*self = v;
	if (!env->arrivals)
		return 0;   /* the order alone: the profile checks the args */
	size_t nodes = env->cluster->n ? env->cluster->n : 1, pods = env->arrivals->n ? env->arrivals->n : 1;
	v->what_if_size = env->what_if_size;
	v->pods = malloc(pods * sizeof *v->pods);
	v->cands = malloc(pods * sizeof *v->cands);
	v->state = malloc(nodes * sizeof *v->state);
	v->touched = calloc(nodes, 1);
	v->what_if = malloc(nodes * (v->what_if_size ? v->what_if_size : 1));
	if (v->pods && v->cands && v->state && v->touched && v->what_if)
		return 0;
	release(v);
	*self = NULL;
	return error_set(err, "out of memory for %s", name);
}

const struct plugin mlops_queue_plugin = {
	.name = "MLOpsQueue",
	.summary = "HIGH pods first, then larger ones; a HIGH pod that fits nowhere evicts LOW ones",
	.args = (const char *const[]){"highPriority", "victimsResume", NULL},
	.init = init,
	.free = release,
	.queue_sort = &(const struct queue_sort_ops){.before = before},
	.post_filter = &(const struct post_filter_ops){.propose = propose},
	.with_queue_sort = POINT_BIT(POINT_POST_FILTER),
};
