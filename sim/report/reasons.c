#include "sim/report/reasons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/load/dag.h"
#include "sim/util/order.h"

static bool finished(const struct pod_outcome *o)
{
	return o->node >= 0 && o->end != TIME_NONE;
}

/* For each pod of a pipeline, one pod it waits for that never finished. */
static int find_blockers(struct reasons *rs, const struct report *r)
{
	struct dag d;
	struct error err;
	if (dag_build(&d, r->arrivals->pods, r->arrivals->n, &err))
		return -1;
	if (d.n_pipelines == 0)
		return 0;
	rs->blocker = malloc(d.n * sizeof *rs->blocker);
	for (size_t i = 0; rs->blocker && i < d.n; i++)
		rs->blocker[i] = UINT32_MAX;
	for (size_t j = 0; rs->blocker && j < d.n; j++)
		for (uint32_t e = d.succ_at[j]; e < d.succ_at[j + 1]; e++)
			if (!finished(&r->result->outcomes[j]) && rs->blocker[d.succ[e]] == UINT32_MAX)
				rs->blocker[d.succ[e]] = (uint32_t)j;
	dag_release(&d);
	return rs->blocker ? 0 : -1;
}

/* A pod shape's counts over the nodes as the run left them. */
#define REASON_MEMO 1024
struct reason_memo {
	int64_t cpu, mem;
	uint64_t models;
	uint32_t gpu_index;
	int gpu_count, gpu_milli;
	bool filled;
	size_t rejecting;
	struct fit_error e;
};

static size_t fit_error_of(struct reasons *rs, const struct pod_spec *p, struct fit_error *e)
{
	const struct cluster *c = rs->r->cluster;
	const struct filter_chain *f = rs->r->filters;
	/* Their reasons depend on more than the shape (labels: other pods' anti-affinity, a
	 * controller's default spread). */
	if (p->n_selector || p->n_scalars || p->rules || p->node_name || p->n_labels)
		return filter_chain_fit_error(f, c, p, e);
	struct reason_memo key = {.cpu = p->cpu_milli, .mem = p->mem_bytes, .models = p->model_mask,
				  .gpu_index = p->gpu_index, .gpu_count = p->gpu_count, .gpu_milli = p->gpu_milli,
				  .filled = true};
	uint64_t h = (uint64_t)key.cpu * 0x9E3779B97F4A7C15u ^ (uint64_t)key.mem * 0xC2B2AE3D27D4EB4Fu ^
		     key.models * 0x165667B19E3779F9u ^ ((uint64_t)key.gpu_index << 32 | (uint64_t)key.gpu_count << 16 |
						      (uint64_t)key.gpu_milli);
	struct reason_memo *m = &rs->memo[(h ^ h >> 29) % REASON_MEMO];
	if (!(m->filled && m->cpu == key.cpu && m->mem == key.mem && m->models == key.models &&
	      m->gpu_index == key.gpu_index && m->gpu_count == key.gpu_count && m->gpu_milli == key.gpu_milli)) {
		key.rejecting = filter_chain_fit_error(f, c, p, &key.e);
		*m = key;
	}
	*e = m->e;
	e->gpu_resource = p->gpu_resource;   /* the counts are the same whatever it is */
	return m->rejecting;
}

int reasons_init(struct reasons *rs, const struct report *r)
{
	memset(rs, 0, sizeof *rs);
	rs->r = r;
	if (!(rs->memo = calloc(REASON_MEMO, sizeof *rs->memo)) || find_blockers(rs, r))
		return -1;
	if (!r->result->gangs)
		return 0;
	if (gangs_init(&rs->gangs, r->arrivals))
		return -1;
	for (size_t i = 0; i < r->result->n_outcomes; i++) {
		int32_t job = r->arrivals->pods[i].job;
		if (job < 0)
			continue;
		rs->gangs.arrived[job] += r->result->outcomes[i].arrival != TIME_NONE;
		rs->gangs.released[job] |= r->result->outcomes[i].start != TIME_NONE;
	}
	return 0;
}

void reasons_release(struct reasons *rs)
{
	gangs_release(&rs->gangs);
	free(rs->blocker);
	free(rs->memo);
}

void pod_reason(struct reasons *rs, size_t i, char *out, size_t size)
{
	const struct report *r = rs->r;
	const struct pod_outcome *o = &r->result->outcomes[i];
	const struct pod_spec *p = &r->arrivals->pods[i];
	out[0] = '\0';
	if (o->node >= 0)
		return;
	if (filter_chain_never_fits(r->filters, r->cluster, p, out, size))
		return;
	if (o->arrival == TIME_NONE && rs->blocker && rs->blocker[i] != UINT32_MAX) {
		snprintf(out, size, "waits for %s of pipeline %s, which never finished", r->arrivals->pods[rs->blocker[i]].name,
			 pod_pipeline(p));
		return;
	}
	/* With gangs, a member starts only once its group is released. */
	if (gang_need(&rs->gangs, p->job) > 0) {
		int32_t job = p->job, arrived = rs->gangs.arrived[job], quorum = rs->gangs.quorum[job];
		if (rs->gangs.members[job] < quorum)
			snprintf(out, size, "pod group %s: it has %d pods, fewer than its min-available %d", p->job_name,
				 rs->gangs.members[job], quorum);
		else if (arrived < quorum)
			snprintf(out, size, "pod group %s: %d of its %d pods arrived, fewer than min-available", p->job_name,
				 arrived, quorum);
		else
			snprintf(out, size, "pod group %s: its min-available %d pods never fit together", p->job_name, quorum);
		return;
	}
	const char *then = o->preemptions ? "preempted, then " : "";
	struct fit_error e;
	bool waiting = o->arrival != TIME_NONE || r->result->mode == MODE_INFLATION;
	if (waiting && fit_error_of(rs, p, &e) == r->cluster->n) {
		size_t len = (size_t)snprintf(out, size, "%s", then);
		fit_error_text(&e, r->cluster->n, out + len, size - len);
	} else if (r->result->mode == MODE_INFLATION) {
		snprintf(out, size, "no node was chosen for it when it arrived");
	} else {
		snprintf(out, size, "%sno node was chosen for it before the trace ended", then);
	}
}

static int by_count(const void *x, const void *y)
{
	const struct reason_count *a = x, *b = y;
	if (a->pods != b->pods)
		return a->pods > b->pods ? -1 : 1;
	return strcmp(a->text, b->text);
}

size_t top_reasons(const struct report *r, struct reason_count *top, size_t n)
{
	struct reason_count *all = NULL;
	size_t n_all = 0, cap = 0;
	char text[1024];
	struct reasons rs;
	if (reasons_init(&rs, r))
		return 0;
	for (size_t i = 0; i < r->result->n_outcomes; i++) {
		pod_reason(&rs, i, text, sizeof text);
		if (!text[0])
			continue;
		size_t k = 0;
		while (k < n_all && strcmp(all[k].text, text))
			k++;
		if (k == n_all) {
			if (n_all == cap) {
				struct reason_count *grown = realloc(all, (cap = cap ? 2 * cap : 8) * sizeof *all);
				if (!grown)
					break;
				all = grown;
			}
			snprintf(all[n_all].text, sizeof all[n_all].text, "%s", text);
			all[n_all++].pods = 0;
		}
		all[k].pods++;
	}
	reasons_release(&rs);
	if (n_all)
		sort_items(all, n_all, sizeof *all, by_count);
	n = n < n_all ? n : n_all;
	if (n)
		memcpy(top, all, n * sizeof *top);
	free(all);
	return n;
}
