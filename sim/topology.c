#include "sim/topology.h"
#include "sim/util/order.h"

#include <stdlib.h>
#include <string.h>

struct job_rack {
	int32_t job, rack;
};

static int by_job_rack(const void *a, const void *b)
{
	const struct job_rack *x = a, *y = b;
	if (x->job != y->job)
		return x->job < y->job ? -1 : 1;
	return (x->rack > y->rack) - (x->rack < y->rack);
}

/* Sorted (job, rack) pairs of placed pods → per job, its pods and distinct racks. */
static int locality(struct topology_summary *t, const struct cluster *c, const struct arrivals *a,
		    const struct run_result *r)
{
	struct job_rack *pairs = malloc((a->n ? a->n : 1) * sizeof *pairs);
	if (!pairs)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++)
		if (r->outcomes[i].node >= 0 && a->pods[i].job >= 0)
			pairs[n++] = (struct job_rack){a->pods[i].job, c->spec[r->outcomes[i].node].rack};
	sort_items(pairs, n, sizeof *pairs, by_job_rack);
	size_t racks_total = 0, single = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i, racks = 0;
		for (; j < n && pairs[j].job == pairs[i].job; j++)
			racks += j == i || pairs[j].rack != pairs[j - 1].rack;
		if (j - i >= 2) {
			t->jobs++;
			racks_total += racks;
			single += racks == 1;
		}
		i = j;
	}
	free(pairs);
	t->mean_racks_per_job = t->jobs ? (double)racks_total / (double)t->jobs : 0;
	t->single_rack_jobs_pct = t->jobs ? 100.0 * (double)single / (double)t->jobs : 0;
	return 0;
}

struct rack_event {
	int64_t time;
	int32_t rack, delta;
};

static int by_time(const void *a, const void *b)
{
	const struct rack_event *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return (x->delta > y->delta) - (x->delta < y->delta);
}

/* Replay: sweeps the placed pods' starts and ends; the count after each instant's events. */
static int peak_racks_in_use(struct topology_summary *t, const struct cluster *c, const struct run_result *r)
{
	struct rack_event *ev = malloc(2 * (r->n_outcomes ? r->n_outcomes : 1) * sizeof *ev);
	int32_t *pods = calloc(t->n_racks ? t->n_racks : 1, sizeof *pods);
	if (!ev || !pods) {
		free(ev);
		free(pods);
		return -1;
	}
	size_t n = 0;
	for (size_t i = 0; i < r->n_outcomes; i++) {
		const struct pod_outcome *o = &r->outcomes[i];
		int32_t rack = o->node >= 0 ? c->spec[o->node].rack : -1;
		if (rack < 0 || o->start == TIME_NONE)
			continue;
		ev[n++] = (struct rack_event){o->start, rack, +1};
		if (o->end != TIME_NONE)
			ev[n++] = (struct rack_event){o->end, rack, -1};
	}
	sort_items(ev, n, sizeof *ev, by_time);
	size_t in_use = 0;
	for (size_t i = 0; i < n; i++) {
		int32_t before = pods[ev[i].rack], after = before + ev[i].delta;
		pods[ev[i].rack] = after;
		in_use += before == 0 && after == 1;
		in_use -= before == 1 && after == 0;
		if ((i + 1 == n || ev[i + 1].time != ev[i].time) && in_use > t->racks_in_use)
			t->racks_in_use = in_use;
	}
	free(ev);
	free(pods);
	return 0;
}

int topology_summarize(struct topology_summary *t, const struct cluster *c, const struct arrivals *a,
		       const struct run_result *r)
{
	memset(t, 0, sizeof *t);
	t->n_racks = c->w->n_racks;
	t->racks = calloc(t->n_racks ? t->n_racks : 1, sizeof *t->racks);
	if (!t->racks)
		return -1;
	cluster_rack_totals(c, t->racks);
	for (size_t i = 0; r->mode == MODE_INFLATION && i < t->n_racks; i++)
		t->racks_in_use += t->racks[i].pods > 0;
	if ((r->mode == MODE_REPLAY && peak_racks_in_use(t, c, r)) || locality(t, c, a, r)) {
		topology_summary_release(t);
		return -1;
	}
	return 0;
}

void topology_summary_release(struct topology_summary *t)
{
	free(t->racks);
	memset(t, 0, sizeof *t);
}
