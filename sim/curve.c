#include "sim/curve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void curve_builder_init(struct curve_builder *b)
{
	memset(b, 0, sizeof *b);
	b->max_pct = -1;
}

void curve_builder_release(struct curve_builder *b)
{
	free(b->sum);
	free(b->count);
	memset(b, 0, sizeof *b);
}

int arrived_pct(int64_t arrived_milli, int total_gpus)
{
	if (total_gpus <= 0)
		return 0;
	/* nearbyint rounds half to even in the default rounding mode, as Python's round does. */
	double pct = nearbyint((double)arrived_milli / (double)total_gpus / 10.0);
	return pct > CURVE_MAX_PCT ? CURVE_MAX_PCT + 1 : (int)pct;
}

static void add_to(struct metric_sample *acc, const struct metric_sample *m, double k)
{
	acc->gpu_alloc_pct += k * m->gpu_alloc_pct;
	acc->cpu_alloc_pct += k * m->cpu_alloc_pct;
	acc->mem_alloc_pct += k * m->mem_alloc_pct;
	acc->frag_gpu_pct += k * m->frag_gpu_pct;
	acc->frag_ratio_pct += k * m->frag_ratio_pct;
	acc->frag_milli += k * m->frag_milli;
}

int curve_add(struct curve_builder *b, int pct, const struct metric_sample *m)
{
	if (pct < 0)
		pct = 0;
	if (pct > CURVE_MAX_PCT)
		return 0;
	if ((size_t)pct >= b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap <= (size_t)pct)
			cap *= 2;
		struct metric_sample *sum = realloc(b->sum, cap * sizeof *sum);
		if (!sum)
			return -1;
		b->sum = sum;
		long *count = realloc(b->count, cap * sizeof *count);
		if (!count)
			return -1;
		b->count = count;
		memset(b->sum + b->cap, 0, (cap - b->cap) * sizeof *sum);
		memset(b->count + b->cap, 0, (cap - b->cap) * sizeof *count);
		b->cap = cap;
	}
	add_to(&b->sum[pct], m, 1.0);
	b->count[pct]++;
	if (pct > b->max_pct)
		b->max_pct = pct;
	return 0;
}

int curve_finish(const struct curve_builder *b, struct curve_point **out, size_t *n)
{
	*n = 0;
	*out = malloc((size_t)(b->max_pct + 1 > 0 ? b->max_pct + 1 : 1) * sizeof **out);
	if (!*out)
		return -1;
	for (int pct = 0; pct <= b->max_pct; pct++) {
		struct metric_sample acc = {0};
		long count = b->count[pct];
		add_to(&acc, &b->sum[pct], 1.0);
		for (int near = pct - 1; !count && near <= pct + 1; near++) {
			if (near < 0 || near > b->max_pct || near == pct)
				continue;
			add_to(&acc, &b->sum[near], 1.0);
			count += b->count[near];
		}
		struct curve_point *pt = &(*out)[(*n)++];
		pt->arrived_pct = pct;
		if (!count) { /* pct 0 always has the sample taken before the first pod */
			pt->m = pt[-1].m;
			continue;
		}
		memset(&pt->m, 0, sizeof pt->m);
		add_to(&pt->m, &acc, 1.0 / (double)count);
	}
	return 0;
}

const struct metric_sample *curve_at(const struct curve_point *points, size_t n, int pct)
{
	for (size_t i = 0; i < n; i++)
		if (points[i].arrived_pct == pct)
			return &points[i].m;
	return NULL;
}
