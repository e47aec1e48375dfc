#include "sim/pipelines.h"

#include <stdlib.h>
#include <string.h>

#include "sim/util/pcg32.h"
#include "sim/util/order.h"

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
static int sort_members(struct pipelines *p, size_t n)
{
	struct member *m = malloc((n ? n : 1) * sizeof *m);
	if (!m)
		return -1;
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		if (p->dag.pipeline[i] >= 0)
			m[total++] = (struct member){p->dag.pipeline[i], p->dag.bottom[i], (uint32_t)i};
	sort_items(m, total, sizeof *m, by_pipeline_then_bottom);
	for (size_t k = 0; k < total; k++) {
		p->members[k] = m[k].pod;
		p->members_at[m[k].pipeline + 1] = (uint32_t)(k + 1);
	}
	for (size_t k = 0; k < p->dag.n_pipelines; k++) {
		if (p->members_at[k + 1] < p->members_at[k])
			p->members_at[k + 1] = p->members_at[k];   /* no pods: empty */
		p->next[k] = p->members_at[k];
	}
	free(m);
	return 0;
}

int pipelines_init(struct pipelines *p, const struct arrivals *a, uint64_t seed, struct error *err)
{
	memset(p, 0, sizeof *p);
	if (dag_build(&p->dag, a->pods, a->n, err))
		return -1;
	if (p->dag.n_pipelines == 0)
		return 0;
	size_t n = a->n, np = p->dag.n_pipelines;
	p->waiting_for = malloc(n * sizeof *p->waiting_for);
	p->finished = calloc(n, 1);
	p->submit = malloc(np * sizeof *p->submit);
	p->rank = malloc(np * sizeof *p->rank);
	p->remaining = malloc(np * sizeof *p->remaining);
	p->members_at = calloc(np + 1, sizeof *p->members_at);
	p->members = malloc(n * sizeof *p->members);
	p->next = malloc(np * sizeof *p->next);
	if (!p->waiting_for || !p->finished || !p->submit || !p->rank || !p->remaining || !p->members_at ||
	    !p->members || !p->next) {
		pipelines_release(p);
		return error_set(err, "out of memory for pipelines");
	}
	memcpy(p->waiting_for, p->dag.preds, n * sizeof *p->waiting_for);
	memcpy(p->remaining, p->dag.critical_path, np * sizeof *p->remaining);
	for (size_t k = 0; k < np; k++)
		p->submit[k] = INT64_MAX;
	for (size_t i = 0; i < n; i++) {
		int32_t k = p->dag.pipeline[i];
		int64_t t = a->pods[i].creation != TIME_NONE ? a->pods[i].creation : 0;
		if (k >= 0 && t < p->submit[k])
			p->submit[k] = t;
	}
	if (sort_members(p, n)) {
		pipelines_release(p);
		return error_set(err, "out of memory for pipelines");
	}
	/* A seeded permutation: Fisher-Yates on the pipeline numbers. */
	struct pcg32 rng;
	pcg32_seed(&rng, seed, RNG_QUEUE);
	for (size_t k = 0; k < np; k++)
		p->rank[k] = (uint32_t)k;
	for (size_t k = np; k > 1; k--) {
		uint32_t j = pcg32_below(&rng, (uint32_t)k), t = p->rank[k - 1];
		p->rank[k - 1] = p->rank[j];
		p->rank[j] = t;
	}
	return 0;
}

void pipelines_release(struct pipelines *p)
{
	dag_release(&p->dag);
	free(p->waiting_for);
	free(p->finished);
	free(p->submit);
	free(p->rank);
	free(p->remaining);
	free(p->members_at);
	free(p->members);
	free(p->next);
	memset(p, 0, sizeof *p);
}

size_t pipelines_finish(struct pipelines *p, uint32_t i, uint32_t *released)
{
	const struct dag *d = &p->dag;
	if (d->n_pipelines == 0 || p->finished[i])
		return 0;
	p->finished[i] = 1;
	int32_t k = d->pipeline[i];
	if (k >= 0) {   /* the longest bottom level among those not finished: past the finished ones */
		uint32_t *at = &p->next[k];
		while (*at < p->members_at[k + 1] && p->finished[p->members[*at]])
			++*at;
		p->remaining[k] = *at < p->members_at[k + 1] ? d->bottom[p->members[*at]] : 0;
	}
	size_t n = 0;
	for (uint32_t e = d->succ_at[i]; e < d->succ_at[i + 1]; e++)
		if (--p->waiting_for[d->succ[e]] == 0)
			released[n++] = d->succ[e];
	return n;
}

struct queue_key pipelines_key(const struct pipelines *p, enum queue_sort order, uint32_t i)
{
	int32_t k = p->dag.n_pipelines ? p->dag.pipeline[i] : -1;
	if (k < 0)
		return (struct queue_key){INT64_MAX, 0};
	switch (order) {
	case QUEUE_PIPELINE_RANDOM:
		return (struct queue_key){p->rank[k], k};
	case QUEUE_CRITICAL_PATH:
		return (struct queue_key){p->remaining[k], k};
	default:
		return (struct queue_key){p->submit[k], k};
	}
}
