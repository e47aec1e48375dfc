#include "sim/report/waits.h"
#include "sim/util/order.h"

#include <stdlib.h>
#include <string.h>

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
	return w[nearest_rank(n, q)].wait;
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
	sort_items(w, m, sizeof *w, by_class);
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

/* The k-th smallest (1-based) of v[0..n) that is not TIME_NONE, or TIME_NONE; sorts v. */
static int64_t kth(int64_t *v, size_t n, int32_t k)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i] != TIME_NONE)
			v[m++] = v[i];
	sort_items(v, m, sizeof *v, order_int64);
	return k >= 1 && (size_t)k <= m ? v[k - 1] : TIME_NONE;
}

int gang_waits(const struct arrivals *a, const struct run_result *r, struct gang_waits *out)
{
	memset(out, 0, sizeof *out);
	struct gangs g;
	if (gangs_init(&g, a))
		return -1;
	size_t n = a->n ? a->n : 1;
	/* The members of job j are by_job[first[j] .. first[j + 1]), by a counting sort. */
	size_t *first = calloc(g.n_jobs + 1, sizeof *first), *next = malloc((g.n_jobs + 1) * sizeof *next);
	uint32_t *by_job = malloc(n * sizeof *by_job);
	int64_t *arrive = malloc(n * sizeof *arrive), *start = malloc(n * sizeof *start);
	struct wait *w = malloc((g.n_jobs ? g.n_jobs : 1) * sizeof *w);
	int rc = first && next && by_job && arrive && start && w ? 0 : -1;
	for (size_t i = 0; !rc && i < a->n; i++)
		if (a->pods[i].job >= 0)
			first[a->pods[i].job + 1]++;
	for (size_t j = 0; !rc && j < g.n_jobs; j++)
		first[j + 1] += first[j];
	if (!rc)
		memcpy(next, first, (g.n_jobs + 1) * sizeof *next);
	for (size_t i = 0; !rc && i < a->n; i++)
		if (a->pods[i].job >= 0)
			by_job[next[a->pods[i].job]++] = (uint32_t)i;
	size_t m = 0;
	double sum = 0;
	for (size_t j = 0; !rc && j < g.n_jobs; j++) {
		size_t k0 = first[j], k1 = first[j + 1];
		if (g.members[j] < 2)
			continue;
		out->groups++;
		for (size_t k = k0; k < k1; k++) {
			arrive[k - k0] = r->outcomes[by_job[k]].arrival;
			start[k - k0] = r->outcomes[by_job[k]].start;
		}
		int64_t ready = kth(arrive, k1 - k0, g.quorum[j]), began = kth(start, k1 - k0, g.quorum[j]);
		if (ready == TIME_NONE || began == TIME_NONE)
			continue;
		w[m++] = (struct wait){0, began - ready};
		sum += (double)(began - ready);
	}
	if (!rc && m) {
		sort_items(w, m, sizeof *w, by_class);
		*out = (struct gang_waits){out->groups, m, sum / (double)m, percentile(w, m, 50), percentile(w, m, 95),
					   w[m - 1].wait};
	}
	free(first);
	free(next);
	free(by_job);
	free(arrive);
	free(start);
	free(w);
	gangs_release(&g);
	return rc;
}
