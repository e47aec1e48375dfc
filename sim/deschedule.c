#include "sim/deschedule.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/run.h"
#include "sim/util/order.h"

#define COS_SIM_CPU_BAR 2000   /* the reference's hard-coded bars */
#define COS_SIM_GPU_BAR 500

struct desched {
	struct run *run;
	const struct typical_pods *t;
	uint32_t *at, *pods;          /* node k's pods: pods[at[k] .. at[k + 1]), by namespace and name */
	unsigned char *gone;          /* per pod: evicted */
	struct node_state *orig;      /* per node: as the schedule left it (the reference's nodeResMap) */
	uint32_t *victims;
	size_t n_victims, limit;
};

/* The state s with pod i taken off: the node's free resources were the pod gone. */
static struct node_state without(const struct desched *d, const struct node_state *s, uint32_t i)
{
	struct node_state out = *s;
	node_state_account(&out, &d->run->a->pods[i], d->run->r->outcomes[i].gpus, -1);
	return out;
}

static double frag_of(const struct desched *d, size_t node, const struct node_state *s)
{
	const struct node_spec *n = &d->run->c->spec[node];
	return node_frag(d->t, n, n->cpu_milli - s->cpu_used, s->gpu_left);
}

static int evict(struct desched *d, uint32_t i)
{
	d->gone[i] = 1;
	d->victims[d->n_victims++] = i;
	return unbind_pod(d->run, i);
}

/* fragOnePod's and fragMultiPod's choice on node: the pod whose removal from state `base` lowers
 * F from `before` by the most whole milli (at least one); its F after, in *after. */
static int64_t frag_victim(const struct desched *d, size_t node, const struct node_state *base, double before,
			   double *after)
{
	int64_t victim = -1, best = 0;
	for (uint32_t k = d->at[node]; k < d->at[node + 1]; k++) {
		uint32_t i = d->pods[k];
		if (d->gone[i])
			continue;
		struct node_state s = without(d, base, i);
		double f = frag_of(d, node, &s);
		int64_t score = (int64_t)(before - f);   /* truncated, as the reference's int64() */
		if (score > best) {
			best = score;
			victim = i;
			*after = f;
		}
	}
	return victim;
}

/* A node as the policies order them: by a key (F, or cosSim's), then its name, then its index. */
struct node_key {
	int under_bar;          /* cosSim: under the CPU bar first */
	double key;             /* larger first */
	const char *name;       /* cosSim only; NULL otherwise */
	uint32_t node;
};

static int by_key(const void *x, const void *y)
{
	const struct node_key *a = x, *b = y;
	if (a->under_bar != b->under_bar)
		return b->under_bar - a->under_bar;
	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	int c = a->name && b->name ? strcmp(a->name, b->name) : 0;
	return c ? c : (a->node > b->node) - (a->node < b->node);
}

static int frag_one_pod(struct desched *d)
{
	size_t n = d->run->c->n;
	const double *frag = d->run->m->node_frag;
	struct node_key *order = malloc((n ? n : 1) * sizeof *order);
	if (!order)
		return -1;
	for (size_t k = 0; k < n; k++)
		order[k] = (struct node_key){0, frag[k], NULL, (uint32_t)k};
	sort_items(order, n, sizeof *order, by_key);
	int rc = 0;
	for (size_t k = 0; k < n && d->n_victims < d->limit && !rc; k++) {
		double after;
		uint32_t node = order[k].node;
		int64_t v = frag_victim(d, node, &d->orig[node], frag[node], &after);
		if (v >= 0)
			rc = evict(d, (uint32_t)v);
	}
	free(order);
	return rc;
}

/* A max-heap of nodes by F (ties to the lower index): by_key's order, smallest first. */
static void sift_down(struct node_key *h, size_t n, size_t i)
{
	for (;;) {
		size_t top = i, l = 2 * i + 1, r = l + 1;
		if (l < n && by_key(&h[l], &h[top]) < 0)
			top = l;
		if (r < n && by_key(&h[r], &h[top]) < 0)
			top = r;
		if (top == i)
			return;
		struct node_key t = h[i];
		h[i] = h[top];
		h[top] = t;
		i = top;
	}
}

static void sift_up(struct node_key *h, size_t i)
{
	for (; i > 0 && by_key(&h[i], &h[(i - 1) / 2]) < 0; i = (i - 1) / 2) {
		struct node_key t = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
	}
}

static int frag_multi_pod(struct desched *d)
{
	size_t n = d->run->c->n;
	struct node_key *heap = malloc((n ? n : 1) * sizeof *heap);
	if (!heap)
		return -1;
	for (size_t k = 0; k < n; k++)
		heap[k] = (struct node_key){0, d->run->m->node_frag[k], NULL, (uint32_t)k};
	for (size_t k = n / 2; k-- > 0;)
		sift_down(heap, n, k);
	int rc = 0;
	while (n > 0 && d->n_victims < d->limit && !rc) {
		struct node_key top = heap[0];
		heap[0] = heap[--n];
		sift_down(heap, n, 0);
		double after;
		int64_t v = frag_victim(d, top.node, &d->orig[top.node], top.key, &after);
		if (v < 0)
			continue;   /* nothing on it lowers F: it leaves the heap */
		rc = evict(d, (uint32_t)v);
		heap[n] = (struct node_key){0, after, NULL, top.node};
		sift_up(heap, n++);
	}
	free(heap);
	return rc;
}

/* The cosine of the angle between [a0, a1] and [b0, b1]: -1 when either is zero (the reference's
 * error value), and out of [0, 1] by more than 1e-3 likewise. */
static double cosine(double a0, double a1, double b0, double b1)
{
	double ma = sqrt(a0 * a0 + a1 * a1), mb = sqrt(b0 * b0 + b1 * b1);
	if (ma == 0 || mb == 0)
		return -1;
	double c = (a0 * b0 + a1 * b1) / (ma * mb);
	return c < -1e-3 || c > 1 + 1e-3 ? -1 : c;
}

static int64_t cos_sim_victim(const struct desched *d, size_t node)
{
	const struct cluster *c = d->run->c;
	int64_t victim = -1;
	double best = 1;
	for (uint32_t k = d->at[node]; k < d->at[node + 1]; k++) {
		uint32_t i = d->pods[k];
		const struct pod_spec *p = &d->run->a->pods[i];
		struct node_state s = without(d, &d->orig[node], i);
		double cpu_left = (double)(c->spec[node].cpu_milli - s.cpu_used), gpu_left = (double)s.gpu_left_total;
		double sim = cosine(cpu_left, gpu_left, (double)p->cpu_milli, (double)pod_gpu_total(p));
		if (sim >= 0 && sim < best) {
			best = sim;
			victim = i;
		}
	}
	return victim;
}

static bool gpu_over_bar(const struct cluster *c, size_t node)
{
	for (int g = 0; g < c->spec[node].gpu_count; g++)
		if (c->state[node].gpu_left[g] > COS_SIM_GPU_BAR)
			return true;
	return false;
}

/* cosSim's nodes: under the CPU bar first, then the most GPU milli free, then the name; those
 * under the bar with a GPU over its bar each lose their least alike pod. */
static int cos_sim(struct desched *d)
{
	const struct cluster *c = d->run->c;
	size_t n = c->n;
	struct node_key *order = malloc((n ? n : 1) * sizeof *order);
	if (!order)
		return -1;
	for (size_t k = 0; k < n; k++)
		order[k] = (struct node_key){node_cpu_left(c, k) < COS_SIM_CPU_BAR, c->state[k].gpu_left_total, c->spec[k].name,
					     (uint32_t)k};
	sort_items(order, n, sizeof *order, by_key);
	int rc = 0;
	for (size_t k = 0; k < n && d->n_victims < d->limit && !rc; k++) {
		uint32_t node = order[k].node;
		int64_t v = order[k].under_bar && gpu_over_bar(c, node) ? cos_sim_victim(d, node) : -1;
		if (v >= 0)
			rc = evict(d, (uint32_t)v);
	}
	free(order);
	return rc;
}

/* Each node's pods in the order the reference lists them: namespace, then name. */
static int list_order(struct desched *d)
{
	const struct run *run = d->run;
	for (size_t node = 0; node < run->c->n; node++)
		if (sort_as_listed(run->c->w, run->a->pods, d->pods + d->at[node], d->at[node + 1] - d->at[node]))
			return -1;
	return 0;
}

/* Each node's placed pods in the reference's order, and the nodes' states as they stand. */
static int index_pods(struct desched *d)
{
	const struct run *run = d->run;
	size_t n = run->c->n, pods = run->a->n;
	d->at = calloc(n + 1, sizeof *d->at);
	d->pods = malloc((pods ? pods : 1) * sizeof *d->pods);
	d->gone = calloc(pods ? pods : 1, 1);
	d->orig = malloc((n ? n : 1) * sizeof *d->orig);
	d->victims = malloc((pods ? pods : 1) * sizeof *d->victims);
	uint32_t *fill = calloc(n + 1, sizeof *fill);
	int rc = d->at && d->pods && d->gone && d->orig && d->victims && fill ? 0 : -1;
	size_t placed = 0;
	for (size_t i = 0; !rc && i < pods; i++)
		if (run->r->outcomes[i].node >= 0) {
			d->at[run->r->outcomes[i].node + 1]++;
			placed++;
		}
	for (size_t k = 0; !rc && k < n; k++) {
		d->at[k + 1] += d->at[k];
		d->orig[k] = run->c->state[k];
	}
	for (size_t i = 0; !rc && i < pods; i++) {
		int32_t node = run->r->outcomes[i].node;
		if (node >= 0)
			d->pods[d->at[node] + fill[node]++] = (uint32_t)i;
	}
	free(fill);
	if (!rc)
		rc = list_order(d);
	d->limit = rc ? 0 : placed;
	return rc;
}

/* The victims, in the order they were evicted, as new pods: without their devices, which the
 * reference strips (MakePodUnassigned), so that their GPUs are chosen again. */
static int reschedule(struct desched *d, struct arrivals *a, struct deschedule_result *out)
{
	for (size_t k = 0; k < d->n_victims; k++) {
		uint32_t i = d->victims[k];
		a->pods[i].gpu_index = 0;
		enum schedule_result result;
		if (try_place(d->run, i, &result))
			return -1;
		out->failed += result != SCHEDULED;
	}
	return 0;
}

int engine_deschedule(struct cluster *c, struct scheduler *s, struct metrics *m, struct arrivals *a,
		      enum deschedule_policy policy, double ratio, uint64_t seed, struct run_result *r,
		      struct deschedule_result *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	out->policy = policy;
	out->before = metrics_sample(m, c);
	struct error run_err = {{0}};
	struct run run = {c, s, m, a, r, {0, 0}, &run_err, seed};
	pcg32_seed(&run.rng, seed, RNG_DESCHEDULE);
	struct desched d = {.run = &run, .t = m->typical};
	int rc = index_pods(&d);
	if (!rc) {
		d.limit = (size_t)ceil(ratio * (double)d.limit);
		out->limit = d.limit;
		int32_t *before = malloc((a->n ? a->n : 1) * sizeof *before);
		for (size_t i = 0; before && i < a->n; i++)
			before[i] = r->outcomes[i].node;
		rc = !before ? -1
		     : policy == DESCHEDULE_COS_SIM	 ? cos_sim(&d)
		     : policy == DESCHEDULE_FRAG_ONE_POD ? frag_one_pod(&d)
							 : frag_multi_pod(&d);
		out->evicted = d.n_victims;
		if (!rc)
			rc = reschedule(&d, a, out);
		for (size_t k = 0; !rc && k < d.n_victims; k++) {
			int32_t now = r->outcomes[d.victims[k]].node;
			out->moved += now >= 0 && now != before[d.victims[k]];
		}
		free(before);
	}
	free(d.at);
	free(d.pods);
	free(d.gone);
	free(d.orig);
	out->victims = d.victims;
	out->after = metrics_sample(m, c);
	if (rc)
		return run_err.msg[0] ? (*err = run_err, -1) : error_set(err, "out of memory descheduling");
	return 0;
}

void deschedule_result_release(struct deschedule_result *d)
{
	free(d->victims);
	d->victims = NULL;
}
