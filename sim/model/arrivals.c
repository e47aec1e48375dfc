#include "sim/model/arrivals.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/pcg32.h"
#include "sim/util/vec.h"
#include "sim/util/order.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct pod_spec *)a)->name, ((const struct pod_spec *)b)->name);
}

static int by_creation(const void *a, const void *b)
{
	const struct pod_spec *x = a, *y = b;
	if (x->creation != y->creation) {
		if (x->creation == TIME_NONE || y->creation == TIME_NONE)
			return x->creation == TIME_NONE ? 1 : -1;
		return x->creation < y->creation ? -1 : 1;
	}
	return strcmp(x->name, y->name);
}

static int64_t gpu_request(const struct arrivals *a)
{
	int64_t sum = 0;
	for (size_t i = 0; i < a->n; i++)
		sum += pod_gpu_total(&a->pods[i]);
	return sum;
}

static int append_clone(struct arrivals *a, const struct pod_spec *original, const char *tag, size_t i)
{
	char name[512];
	snprintf(name, sizeof name, "%s-%s-%zu", original->name, tag, i);
	const char *copy = arena_strdup(&a->names, name);
	if (!copy || VEC_RESERVE(a->pods, a->cap, a->n + 1))
		return -1;
	a->pods[a->n] = *original;
	a->pods[a->n].name = copy;
	a->pods[a->n].node_name = NULL;   /* a new pod: the scheduler places it */
	a->pods[a->n].bound_node = -1;
	a->n++;
	return 0;
}

/* The reference's tuneUpPods: note its stop test adds the per-GPU milli while the running
 * total adds the pod's whole request, so the total may end a few GPUs past the target. */
static int tune_up(struct arrivals *a, const struct pod_spec *sorted, size_t n, double target, struct pcg32 *rng)
{
	int64_t total = gpu_request(a);
	for (size_t i = 0;; i++) {
		const struct pod_spec *p = &sorted[pcg32_below(rng, (uint32_t)n)];
		if ((double)(total + p->gpu_milli) > target)
			return 0;
		if (append_clone(a, p, "tuned", i))
			return -1;
		total += pod_gpu_total(p);
		a->tuned++;
	}
}

/* The k-th (0-based) still-present pod, by binary lifting over a Fenwick tree of presence. */
static size_t kth_present(const uint32_t *tree, size_t n, size_t k)
{
	size_t pos = 0, step = 1;
	while (step * 2 <= n)
		step *= 2;
	for (; step; step /= 2)
		if (pos + step <= n && tree[pos + step] <= k) {
			pos += step;
			k -= tree[pos];
		}
	return pos; /* 0-based index of the element */
}

/* The reference's tuneDownPods: remove a pod at a uniformly random position of the current
 * list until the request fits; order-preserving, O(log n) a removal. */
static int tune_down(struct arrivals *a, double target, struct pcg32 *rng)
{
	size_t n = a->n;
	uint32_t *tree = calloc(n + 1, sizeof *tree);
	unsigned char *gone = calloc(n, 1);
	if (!tree || !gone) {
		free(tree);
		free(gone);
		return -1;
	}
	for (size_t i = 1; i <= n; i++) {
		tree[i] += 1;
		if (i + (i & -i) <= n)
			tree[i + (i & -i)] += tree[i];
	}
	int64_t total = gpu_request(a);
	size_t left = n;
	while ((double)total > target && left > 0) {
		size_t i = kth_present(tree, n, pcg32_below(rng, (uint32_t)left));
		gone[i] = 1;
		total -= pod_gpu_total(&a->pods[i]);
		for (size_t j = i + 1; j <= n; j += j & -j)
			tree[j]--;
		left--;
	}
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!gone[i])
			a->pods[kept++] = a->pods[i];
	a->removed = n - kept;
	a->n = kept;
	free(tree);
	free(gone);
	return 0;
}

static int inflate(struct arrivals *a, const struct pod_spec *sorted, size_t n, const struct arrival_options *o,
		   struct pcg32 *rng)
{
	int64_t cpu = 0, gpu = gpu_request(a);
	for (size_t i = 0; i < a->n; i++)
		cpu += pod_cpu_nonzero(&a->pods[i]);
	size_t count = (size_t)ceil((double)n * o->inflation_ratio) - n;
	for (size_t i = 0; i < count; i++) {
		const struct pod_spec *p = &sorted[pcg32_below(rng, (uint32_t)n)];
		if (cpu + pod_cpu_nonzero(p) > o->cluster_cpu_milli || gpu + pod_gpu_total(p) > o->cluster_gpu_milli)
			break;
		if (append_clone(a, p, "clone", i))
			return -1;
		cpu += pod_cpu_nonzero(p);
		gpu += pod_gpu_total(p);
		a->inflated++;
	}
	return 0;
}

/* Whether the run takes pod p: inflation leaves finished pods out (they hold nothing now). */
static bool taken(const struct pod_spec *p, const struct arrival_options *o)
{
	return !(o->drop_finished && p->finished);
}

static int resample(struct arrivals *a, const struct workload *w, const struct arrival_options *o)
{
	struct pod_spec *sorted = malloc((w->n_pods ? w->n_pods : 1) * sizeof *sorted);
	if (!sorted)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < w->n_pods; i++)
		if (taken(&w->pods[i], o))
			sorted[n++] = w->pods[i];
	sort_items(sorted, n, sizeof *sorted, by_name);
	struct pcg32 rng;
	pcg32_seed(&rng, o->seed, RNG_TUNE);
	int rc = 0;
	double target = o->tune_ratio * (double)o->cluster_gpu_milli;
	int64_t request = gpu_request(a);
	/* Without any GPU request there is nothing to tune towards (the reference panics here). */
	if (o->tune_ratio > 0 && request > 0 && (double)request < target)
		rc = tune_up(a, sorted, n, target, &rng);
	else if (o->tune_ratio > 0 && request > 0)
		rc = tune_down(a, target, &rng);
	if (!rc && o->inflation_ratio > 1)
		rc = inflate(a, sorted, n, o, &rng);
	free(sorted);
	return rc;
}

/* The pods bound to their nodes go first, in their order: they run before anything is scheduled. */
static int bound_first(struct arrivals *a)
{
	size_t bound = 0;
	for (size_t i = 0; i < a->n; i++)
		bound += a->pods[i].bound_node >= 0;
	if (bound == 0 || bound == a->n)
		return 0;
	struct pod_spec *order = malloc(a->n * sizeof *order);
	if (!order)
		return -1;
	size_t front = 0, back = bound;
	for (size_t i = 0; i < a->n; i++)
		order[a->pods[i].bound_node >= 0 ? front++ : back++] = a->pods[i];
	memcpy(a->pods, order, a->n * sizeof *order);
	free(order);
	return 0;
}

int arrivals_build(struct arrivals *a, const struct workload *w, const struct arrival_options *o, struct error *err)
{
	memset(a, 0, sizeof *a);
	a->scale = 1;
	arena_init(&a->names);
	if (w->n_pods == 0)
		return 0;
	if (VEC_RESERVE(a->pods, a->cap, w->n_pods))
		return error_set(err, "out of memory for %zu pods", w->n_pods);
	for (size_t i = 0; i < w->n_pods; i++)
		if (taken(&w->pods[i], o))
			a->pods[a->n++] = w->pods[i];
	a->finished_left_out = w->n_pods - a->n;
	if (a->n == 0)
		return 0;
	if (o->shuffle_pod) {
		sort_items(a->pods, a->n, sizeof *a->pods, by_name);
		struct pcg32 rng;
		pcg32_seed(&rng, o->seed, RNG_ORDER);
		for (size_t i = a->n - 1; i > 0; i--) {
			size_t j = pcg32_below(&rng, (uint32_t)(i + 1));
			struct pod_spec t = a->pods[i];
			a->pods[i] = a->pods[j];
			a->pods[j] = t;
		}
	} else {
		sort_items(a->pods, a->n, sizeof *a->pods, by_creation);
	}
	if (bound_first(a)) {
		arrivals_release(a);
		return error_set(err, "out of memory for %zu pods", w->n_pods);
	}
	if (resample(a, w, o)) {
		arrivals_release(a);
		return error_set(err, "out of memory tuning the workload");
	}
	/* Tuning down may have removed some; clones are never bound. */
	while (a->bound < a->n && a->pods[a->bound].bound_node >= 0)
		a->bound++;
	return 0;
}

void arrivals_release(struct arrivals *a)
{
	free(a->pods);
	arena_release(&a->names);
	memset(a, 0, sizeof *a);
}
