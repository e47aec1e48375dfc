#include "sim/report/waits.h"

#include <stdlib.h>

struct wait {
	int32_t priority;
	int64_t wait;
};

/* Highest priority first, then the shortest wait. */
static int by_class(const void *x, const void *y)
{
	const struct wait *a = x, *b = y;
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	return (a->wait > b->wait) - (a->wait < b->wait);
}

/* The nearest-rank q-th percentile of sorted w[0..n). */
static int64_t percentile(const struct wait *w, size_t n, int q)
{
	size_t rank = (n * (size_t)q + 99) / 100;
	return w[rank ? rank - 1 : 0].wait;
}

struct class_waits *waits_by_priority(const struct arrivals *a, const struct run_result *r, size_t *n)
{
	*n = 0;
	struct wait *w = malloc((a->n ? a->n : 1) * sizeof *w);
	struct class_waits *out = malloc((a->n ? a->n : 1) * sizeof *out);
	size_t m = 0;
	for (size_t i = 0; w && out && i < r->n_outcomes; i++) {
		const struct pod_outcome *o = &r->outcomes[i];
		if (o->start != TIME_NONE && o->arrival != TIME_NONE)
			w[m++] = (struct wait){a->pods[i].priority, o->start - o->arrival};
	}
	if (!w || !out || m == 0) {
		free(w);
		free(out);
		return NULL;
	}
	qsort(w, m, sizeof *w, by_class);
	for (size_t first = 0, end; first < m; first = end) {
		double sum = 0;
		for (end = first; end < m && w[end].priority == w[first].priority; end++)
			sum += (double)w[end].wait;
		size_t k = end - first;
		out[(*n)++] = (struct class_waits){w[first].priority, k, sum / (double)k, percentile(w + first, k, 50),
						   percentile(w + first, k, 95), w[end - 1].wait};
	}
	free(w);
	return out;
}
