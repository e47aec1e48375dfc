/* pipeline_order.c — the three pipeline queue sorts, one family sharing its keys: PipelineFIFO,
 * PipelineRandom and ShortestCriticalPath: a pipeline's waiting pods go together, pipelines ordered by
 *  - submission, the earliest arrival among its pods;
 *  - a seeded random order (its own stream, RNG_QUEUE);
 *  - the shortest remaining critical path, the longest chain of durations from a pod not yet
 *    finished to its pipeline's end, which shortens as pods finish.
 * Ties go to the lower pipeline number (names in order), then to the earlier waiting pod.
 * Pods in no pipeline come after every pipeline's, in arrival order.
 * Cost: O(pods log pods) to build; a finish is O(1) amortised: each pipeline's pods are kept
 * longest bottom level first, and a cursor passes each finished one once.
 */
#include <stdlib.h>
#include <string.h>

#include "sim/plugin/queue_sort.h"
#include "sim/util/order.h"
#include "sim/util/pcg32.h"

enum pipeline_key { KEY_SUBMIT, KEY_RANDOM, KEY_CRITICAL_PATH };

struct pipeline_order {
	enum pipeline_key key;
	const struct dag *dag;
	unsigned char *finished;  /* per pod */
	int64_t *submit;          /* per pipeline: its earliest arrival */
	uint32_t *rank;           /* per pipeline: its place in the random order */
	int64_t *remaining;       /* per pipeline: its remaining critical path */
	uint32_t *members_at;     /* pipeline k's pods are members[members_at[k] .. members_at[k + 1]), */
	uint32_t *members;        /* longest bottom level first */
	uint32_t *next;           /* per pipeline: its first member that may not have finished */
};

/* A pipeline's pod, for sorting: pipeline, then bottom level (longest first), then index. */
struct member {
	int32_t pipeline;
	int64_t bottom;
	uint32_t pod;
};

static int by_pipeline_then_bottom(const void *x, const void *y)
{
	const struct member *a = x, *b = y;
	if (a->pipeline != b->pipeline)
		return a->pipeline < b->pipeline ? -1 : 1;
	if (a->bottom != b->bottom)
		return a->bottom > b->bottom ? -1 : 1;
	return (a->pod > b->pod) - (a->pod < b->pod);
}

/* Each pipeline's pods, longest bottom level first, and each pipeline's cursor on its first. */
static int sort_members(struct pipeline_order *o)
{
	const struct dag *d = o->dag;
	struct member *m = malloc((d->n ? d->n : 1) * sizeof *m);
	if (!m)
		return -1;
	size_t total = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->pipeline[i] >= 0)
			m[total++] = (struct member){d->pipeline[i], d->bottom[i], (uint32_t)i};
	sort_items(m, total, sizeof *m, by_pipeline_then_bottom);
	for (size_t k = 0; k < total; k++) {
		o->members[k] = m[k].pod;
		o->members_at[m[k].pipeline + 1] = (uint32_t)(k + 1);
	}
	for (size_t k = 0; k < d->n_pipelines; k++) {
		if (o->members_at[k + 1] < o->members_at[k])
			o->members_at[k + 1] = o->members_at[k];   /* no pods: empty */
		o->next[k] = o->members_at[k];
	}
	free(m);
	return 0;
}

/* A seeded permutation of the pipeline numbers: Fisher-Yates. */
static void shuffle_ranks(struct pipeline_order *o, uint64_t seed)
{
	size_t np = o->dag->n_pipelines;
	struct pcg32 rng;
	pcg32_seed(&rng, seed, RNG_QUEUE);
	for (size_t k = 0; k < np; k++)
		o->rank[k] = (uint32_t)k;
	for (size_t k = np; k > 1; k--) {
		uint32_t j = pcg32_below(&rng, (uint32_t)k), t = o->rank[k - 1];
		o->rank[k - 1] = o->rank[j];
		o->rank[j] = t;
	}
}

static int fill(struct pipeline_order *o, const struct arrivals *a, uint64_t seed)
{
	const struct dag *d = o->dag;
	size_t n = d->n, np = d->n_pipelines;
	o->finished = calloc(n, 1);
	o->submit = malloc(np * sizeof *o->submit);
	o->rank = malloc(np * sizeof *o->rank);
	o->remaining = malloc(np * sizeof *o->remaining);
	o->members_at = calloc(np + 1, sizeof *o->members_at);
	o->members = malloc(n * sizeof *o->members);
	o->next = malloc(np * sizeof *o->next);
	if (!o->finished || !o->submit || !o->rank || !o->remaining || !o->members_at || !o->members || !o->next)
		return -1;
	memcpy(o->remaining, d->critical_path, np * sizeof *o->remaining);
	for (size_t k = 0; k < np; k++)
		o->submit[k] = INT64_MAX;
	for (size_t i = 0; i < n; i++) {
		int32_t k = d->pipeline[i];
		int64_t t = a->pods[i].creation != TIME_NONE ? a->pods[i].creation : 0;
		if (k >= 0 && t < o->submit[k])
			o->submit[k] = t;
	}
	shuffle_ranks(o, seed);
	return sort_members(o);
}

static int pipeline_order_init(void **self, const struct plugin_env *env, enum pipeline_key key, struct error *err)
{
	*self = NULL;
	if (!env->pipelines || env->pipelines->n_pipelines == 0)
		return 0;   /* no pipelines: every pod is in none, and the order is arrival order */
	struct pipeline_order *o = calloc(1, sizeof *o);
	if (!o)
		return error_set(err, "out of memory for the pipeline order");
	o->key = key;
	o->dag = env->pipelines;
	*self = o;
	if (fill(o, env->arrivals, env->seed))
		return error_set(err, "out of memory for the pipeline order");
	return 0;
}

static void pipeline_order_free(void *self)
{
	struct pipeline_order *o = self;
	if (!o)
		return;
	free(o->finished);
	free(o->submit);
	free(o->rank);
	free(o->remaining);
	free(o->members_at);
	free(o->members);
	free(o->next);
	free(o);
}

/* Pod i's place in the order (lower first); equal keys keep queue order. */
struct order_key {
	int64_t major, minor;
};

static struct order_key key_of(const struct pipeline_order *o, uint32_t i)
{
	int32_t k = o ? o->dag->pipeline[i] : -1;
	if (k < 0)
		return (struct order_key){INT64_MAX, 0};
	switch (o->key) {
	case KEY_RANDOM:
		return (struct order_key){o->rank[k], k};
	case KEY_CRITICAL_PATH:
		return (struct order_key){o->remaining[k], k};
	default:
		return (struct order_key){o->submit[k], k};
	}
}

static bool pipeline_before(const void *self, const struct pod_spec *pods, uint32_t x, uint32_t y)
{
	(void)pods;
	struct order_key kx = key_of(self, x), ky = key_of(self, y);
	return kx.major != ky.major ? kx.major < ky.major : kx.minor < ky.minor;
}

static void pipeline_finished(void *self, uint32_t i)
{
	struct pipeline_order *o = self;
	if (!o || o->finished[i])
		return;
	o->finished[i] = 1;
	int32_t k = o->dag->pipeline[i];
	if (k < 0)
		return;
	/* The longest bottom level among those not finished: past the finished ones. */
	uint32_t *at = &o->next[k];
	while (*at < o->members_at[k + 1] && o->finished[o->members[*at]])
		++*at;
	o->remaining[k] = *at < o->members_at[k + 1] ? o->dag->bottom[o->members[*at]] : 0;
}

static int init_fifo(void **self, const struct plugin_env *env, struct error *err)
{
	return pipeline_order_init(self, env, KEY_SUBMIT, err);
}

static int init_random(void **self, const struct plugin_env *env, struct error *err)
{
	return pipeline_order_init(self, env, KEY_RANDOM, err);
}

static int init_critical_path(void **self, const struct plugin_env *env, struct error *err)
{
	return pipeline_order_init(self, env, KEY_CRITICAL_PATH, err);
}

static const struct queue_sort_ops fixed_order = {.before = pipeline_before};

const struct plugin pipeline_fifo_plugin = {
	.name = "PipelineFIFO",
	.summary = "pipelines in submission order (the earliest arrival among their pods)",
	.init = init_fifo,
	.free = pipeline_order_free,
	.queue_sort = &fixed_order,
};

const struct plugin pipeline_random_plugin = {
	.name = "PipelineRandom",
	.summary = "pipelines in a seeded random order",
	.init = init_random,
	.free = pipeline_order_free,
	.queue_sort = &fixed_order,
};

const struct plugin shortest_critical_path_plugin = {
	.name = "ShortestCriticalPath",
	.summary = "the pipeline with the shortest remaining critical path first",
	.init = init_critical_path,
	.free = pipeline_order_free,
	.queue_sort = &(const struct queue_sort_ops){.before = pipeline_before, .finished = pipeline_finished},
};
