#include "sim/report/pipeline_stats.h"

#include <stdlib.h>
#include <string.h>

#include "sim/load/dag.h"
#include "sim/util/order.h"

static void add(struct pipeline_stats *s, const struct pod_spec *p, const struct pod_outcome *o)
{
	int64_t created = p->creation != TIME_NONE ? p->creation : 0;
	s->pods++;
	if (created < s->submit)
		s->submit = created;
	if (o->start != TIME_NONE && (s->first_start == TIME_NONE || o->start < s->first_start))
		s->first_start = o->start;
	if (o->end == TIME_NONE || o->node < 0)
		return;
	s->done++;
	if (s->last_end == TIME_NONE || o->end > s->last_end)
		s->last_end = o->end;
}

/* The workload's figures over the pipelines that completed. */
static int totals(struct pipelines_summary *s)
{
	int64_t *jct = malloc((s->n ? s->n : 1) * sizeof *jct), first = INT64_MAX, last = INT64_MIN,
		latest_bound = INT64_MIN;
	if (!jct)
		return -1;
	double sum = 0, cp = 0;
	for (size_t k = 0; k < s->n; k++) {
		const struct pipeline_stats *p = &s->each[k];
		if (p->done < p->pods)
			continue;
		jct[s->completed++] = p->last_end - p->submit;
		sum += (double)(p->last_end - p->submit);
		cp += (double)p->critical_path;
		first = p->submit < first ? p->submit : first;
		last = p->last_end > last ? p->last_end : last;
		if (p->submit + p->critical_path > latest_bound)
			latest_bound = p->submit + p->critical_path;
	}
	if (s->completed) {
		sort_items(jct, s->completed, sizeof *jct, order_int64);
		s->p95_jct = jct[nearest_rank(s->completed, 95)];
		s->mean_jct = sum / (double)s->completed;
		s->mean_critical_path = cp / (double)s->completed;
		s->makespan = last - first;
		s->bound = latest_bound - first;
	}
	free(jct);
	return 0;
}

int pipelines_summarize(const struct arrivals *a, const struct run_result *r, struct pipelines_summary *s,
			struct error *err)
{
	memset(s, 0, sizeof *s);
	struct dag d;
	if (dag_build(&d, a->pods, a->n, err))
		return -1;
	if (d.n_pipelines == 0)
		return 0;
	s->each = calloc(d.n_pipelines ? d.n_pipelines : 1, sizeof *s->each);
	if (!s->each) {
		dag_release(&d);
		return error_set(err, "out of memory for the pipelines' report");
	}
	s->n = d.n_pipelines;
	for (size_t k = 0; k < s->n; k++)
		s->each[k] = (struct pipeline_stats){d.names[k], 0, 0, INT64_MAX, TIME_NONE, TIME_NONE, d.critical_path[k]};
	for (size_t i = 0; i < a->n; i++)
		if (d.pipeline[i] >= 0)
			add(&s->each[d.pipeline[i]], &a->pods[i], &r->outcomes[i]);
	dag_release(&d);
	return totals(s) ? error_set(err, "out of memory for the pipelines' report") : 0;
}

void pipelines_summary_release(struct pipelines_summary *s)
{
	free(s->each);
	memset(s, 0, sizeof *s);
}
