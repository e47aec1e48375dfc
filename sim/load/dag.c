#include "sim/load/dag.h"
#include "sim/util/order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A pod by (pipeline name, pod name), for resolving names by binary search. */
struct named {
	const char *pipeline, *name;
	uint32_t pod;
};

static int by_name(const void *x, const void *y)
{
	const struct named *a = x, *b = y;
	int c = strcmp(a->pipeline, b->pipeline);
	return c ? c : strcmp(a->name, b->name);
}

static int64_t duration_of(const struct pod_spec *p)
{
	int64_t start = pod_start(p) != TIME_NONE ? pod_start(p) : 0;
	return p->deletion != TIME_NONE && p->deletion > start ? p->deletion - start : 0;
}

/* Numbers the pipelines in name order; fills d->pipeline and d->names.  sorted[0..m) are the
 * pods that have a pipeline, sorted by name. */
static int number_pipelines(struct dag *d, const struct named *sorted, size_t m, struct error *err)
{
	d->names = malloc((m ? m : 1) * sizeof *d->names);
	if (!d->names)
		return error_set(err, "out of memory for pipelines");
	for (size_t k = 0; k < m; k++) {
		if (k == 0 || strcmp(sorted[k].pipeline, sorted[k - 1].pipeline))
			d->names[d->n_pipelines++] = sorted[k].pipeline;
		d->pipeline[sorted[k].pod] = (int32_t)(d->n_pipelines - 1);
	}
	return 0;
}

static int duplicate_name(const struct pod_spec *p, struct error *err)
{
	return error_at(err, p->file, p->line, 0, "Pod %s: a second pod of that name in pipeline %s (names must be "
						  "unique within a pipeline)",
			p->name, pod_pipeline(p));
}

/* Resolves every pod's after[] into edges: succ_at counts first, then the successors. */
static int resolve(struct dag *d, const struct pod_spec *pods, const struct named *sorted, size_t m,
		   struct error *err)
{
	size_t edges = 0;
	for (size_t i = 0; i < d->n; i++)
		edges += pods[i].links ? pods[i].links->n_after : 0;
	d->succ = malloc((edges ? edges : 1) * sizeof *d->succ);
	uint32_t *from = malloc((edges ? edges : 1) * sizeof *from), *fill = calloc(d->n + 1, sizeof *fill);
	int rc = d->succ && from && fill ? 0 : error_set(err, "out of memory for the pipelines' edges");
	size_t e = 0;
	for (size_t i = 0; !rc && i < d->n; i++)
		for (uint32_t k = 0; !rc && pods[i].links && k < pods[i].links->n_after; k++) {
			const struct pod_spec *p = &pods[i];
			const struct pod_links *l = p->links;
			struct named key = {l->pipeline, l->after[k], 0};
			const struct named *found = bsearch(&key, sorted, m, sizeof *sorted, by_name);
			if (!found)
				rc = error_at(err, p->file, l->after_line, l->after_col,
					      "Pod %s: waits for '%s', which is no pod of pipeline %s", p->name, l->after[k],
					      l->pipeline);
			else if (found->pod == i)
				rc = error_at(err, p->file, l->after_line, l->after_col, "Pod %s: waits for itself", p->name);
			else {
				from[e] = found->pod;
				d->succ[e++] = (uint32_t)i;
				d->succ_at[found->pod + 1]++;
				d->preds[i]++;
			}
		}
	for (size_t i = 0; !rc && i < d->n; i++)
		d->succ_at[i + 1] += d->succ_at[i];
	/* Place the edges by their source, in order: a counting sort. */
	uint32_t *to = rc ? NULL : malloc((edges ? edges : 1) * sizeof *to);
	if (!rc && !to)
		rc = error_set(err, "out of memory for the pipelines' edges");
	for (size_t k = 0; !rc && k < e; k++)
		to[d->succ_at[from[k]] + fill[from[k]]++] = d->succ[k];
	if (!rc)
		memcpy(d->succ, to, e * sizeof *to);
	free(to);
	free(from);
	free(fill);
	return rc;
}

/* A cycle: every pod Kahn's order left out still waits for one that was left out too.  Going
 * back from one of them through such predecessors must repeat a pod: that loop is reported. */
static int cycle_error(const struct dag *d, const struct pod_spec *pods, const uint32_t *left, struct error *err)
{
	uint32_t *back = malloc(d->n * sizeof *back), *step = malloc(d->n * sizeof *step);
	if (!back || !step) {
		free(back);
		free(step);
		return error_set(err, "out of memory");
	}
	size_t at = d->n;
	for (size_t j = 0; j < d->n; j++) {
		back[j] = step[j] = UINT32_MAX;
		if (left[j] && at == d->n)
			at = j;
	}
	for (size_t j = 0; j < d->n; j++)
		for (uint32_t k = d->succ_at[j]; left[j] && k < d->succ_at[j + 1]; k++)
			if (left[d->succ[k]] && back[d->succ[k]] == UINT32_MAX)
				back[d->succ[k]] = (uint32_t)j;
	for (uint32_t n = 0; step[at] == UINT32_MAX; n++) {
		step[at] = n;
		at = back[at];
	}
	char chain[512];
	size_t len = 0;
	size_t loop = at;
	do {
		len += (size_t)snprintf(chain + len, sizeof chain - len, " after %s", pods[back[at]].name);
		at = back[at];
	} while (at != loop && len < sizeof chain);
	free(back);
	free(step);
	const struct pod_spec *p = &pods[loop];
	return error_at(err, p->file, p->links->after_line, p->links->after_col, "Pod %s: pipeline %s has a cycle: %s%s",
			p->name, p->links->pipeline, p->name, chain);
}

/* Kahn's order, then bottom levels in reverse of it; a cycle is an error. */
static int order(struct dag *d, const struct pod_spec *pods, struct error *err)
{
	uint32_t *topo = malloc((d->n ? d->n : 1) * sizeof *topo), *left = malloc((d->n ? d->n : 1) * sizeof *left);
	int rc = topo && left ? 0 : error_set(err, "out of memory ordering the pipelines");
	size_t head = 0, tail = 0;
	for (size_t i = 0; !rc && i < d->n; i++) {
		left[i] = d->preds[i];
		if (!left[i])
			topo[tail++] = (uint32_t)i;
	}
	while (!rc && head < tail) {
		uint32_t i = topo[head++];
		for (uint32_t k = d->succ_at[i]; k < d->succ_at[i + 1]; k++)
			if (--left[d->succ[k]] == 0)
				topo[tail++] = d->succ[k];
	}
	if (!rc && tail < d->n)
		rc = cycle_error(d, pods, left, err);
	for (size_t k = tail; !rc && k-- > 0;) {
		uint32_t i = topo[k];
		int64_t longest = 0;
		for (uint32_t e = d->succ_at[i]; e < d->succ_at[i + 1]; e++)
			if (d->bottom[d->succ[e]] > longest)
				longest = d->bottom[d->succ[e]];
		d->bottom[i] = d->duration[i] + longest;
		if (d->pipeline[i] >= 0 && d->bottom[i] > d->critical_path[d->pipeline[i]])
			d->critical_path[d->pipeline[i]] = d->bottom[i];
	}
	free(topo);
	free(left);
	return rc;
}

int dag_build(struct dag *d, const struct pod_spec *pods, size_t n, struct error *err)
{
	memset(d, 0, sizeof *d);
	d->n = n;
	size_t m = 0, size = n ? n : 1;
	for (size_t i = 0; i < n; i++)
		m += pod_pipeline(&pods[i]) != NULL;
	if (m == 0)
		return 0;   /* no pipelines: nothing to build */
	struct named *sorted = malloc((m ? m : 1) * sizeof *sorted);
	d->preds = calloc(size, sizeof *d->preds);
	d->succ_at = calloc(size + 1, sizeof *d->succ_at);
	d->pipeline = malloc(size * sizeof *d->pipeline);
	d->duration = malloc(size * sizeof *d->duration);
	d->bottom = calloc(size, sizeof *d->bottom);
	if (!sorted || !d->preds || !d->succ_at || !d->pipeline || !d->duration || !d->bottom) {
		free(sorted);
		dag_release(d);
		return error_set(err, "out of memory for pipelines");
	}
	m = 0;
	for (size_t i = 0; i < n; i++) {
		d->pipeline[i] = -1;
		d->duration[i] = duration_of(&pods[i]);
		if (pod_pipeline(&pods[i]))
			sorted[m++] = (struct named){pod_pipeline(&pods[i]), pods[i].name, (uint32_t)i};
	}
	sort_items(sorted, m, sizeof *sorted, by_name);
	int rc = 0;
	for (size_t k = 1; k < m && !rc; k++)
		if (by_name(&sorted[k - 1], &sorted[k]) == 0)
			rc = duplicate_name(&pods[sorted[k].pod], err);
	if (!rc)
		rc = number_pipelines(d, sorted, m, err);
	d->critical_path = rc ? NULL : calloc(d->n_pipelines ? d->n_pipelines : 1, sizeof *d->critical_path);
	if (!rc && !d->critical_path)
		rc = error_set(err, "out of memory for pipelines");
	if (!rc)
		rc = resolve(d, pods, sorted, m, err) || order(d, pods, err);
	free(sorted);
	if (rc)
		dag_release(d);
	return rc ? -1 : 0;
}

void dag_release(struct dag *d)
{
	free(d->preds);
	free(d->succ_at);
	free(d->succ);
	free(d->pipeline);
	free(d->duration);
	free(d->bottom);
	free(d->names);
	free(d->critical_path);
	memset(d, 0, sizeof *d);
}
