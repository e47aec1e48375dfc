/* summary.c — summary.json: the run's settings, counts, final metrics and curve. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>

#include "sim/later.h"
#include "sim/report/pipeline_stats.h"
#include "sim/report/scalar_use.h"
#include "sim/report/waits.h"
#include "sim/report/writers.h"
#include "sim/util/json_exact.h"
#include "sim/util/json_out.h"

static void add_sample(cJSON *o, const struct metric_sample *m)
{
	cJSON_AddNumberToObject(o, "gpu_alloc_pct", round6(m->gpu_alloc_pct));
	cJSON_AddNumberToObject(o, "cpu_alloc_pct", round6(m->cpu_alloc_pct));
	cJSON_AddNumberToObject(o, "mem_alloc_pct", round6(m->mem_alloc_pct));
	cJSON_AddNumberToObject(o, "frag_gpu_pct", round6(m->frag_gpu_pct));
	cJSON_AddNumberToObject(o, "frag_ratio_pct", round6(m->frag_ratio_pct));
}

static void add_waits(cJSON *replay, const struct report *r)
{
	size_t n;
	struct class_waits *w = waits_by_priority(r->arrivals, r->result, &n);
	cJSON *list = cJSON_AddArrayToObject(replay, "waits_by_priority");
	for (size_t i = 0; i < n; i++) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddNumberToObject(c, "priority", w[i].priority);
		cJSON_AddNumberToObject(c, "pods", (double)w[i].pods);
		cJSON_AddNumberToObject(c, "mean_s", round6(w[i].mean));
		cJSON_AddNumberToObject(c, "p50_s", (double)w[i].p50);
		cJSON_AddNumberToObject(c, "p95_s", (double)w[i].p95);
		cJSON_AddNumberToObject(c, "max_s", (double)w[i].max);
		cJSON_AddItemToArray(list, c);
	}
	free(w);
}

/* The pipelines (pipeline_stats.h), when the workload has any. */
static void add_pipelines(cJSON *replay, const struct report *r)
{
	struct pipelines_summary s;
	struct error err;
	if (pipelines_summarize(r->arrivals, r->result, &s, &err) || s.n == 0)
		return;
	cJSON *o = cJSON_AddObjectToObject(replay, "pipelines");
	cJSON_AddNumberToObject(o, "count", (double)s.n);
	cJSON_AddNumberToObject(o, "completed", (double)s.completed);
	cJSON_AddNumberToObject(o, "mean_jct_s", round6(s.mean_jct));
	cJSON_AddNumberToObject(o, "p95_jct_s", (double)s.p95_jct);
	cJSON_AddNumberToObject(o, "makespan_s", (double)s.makespan);
	cJSON_AddNumberToObject(o, "critical_path_s", (double)s.bound);
	cJSON_AddNumberToObject(o, "makespan_over_critical_path", s.bound ? round6((double)s.makespan / (double)s.bound) : 0);
	cJSON_AddNumberToObject(o, "mean_jct_over_critical_path",
				s.mean_critical_path > 0 ? round6(s.mean_jct / s.mean_critical_path) : 0);
	pipelines_summary_release(&s);
}

/* Pod groups' waits, when the workload has groups; with "gangs": whether they started together. */
static void add_gangs(cJSON *replay, const struct report *r)
{
	struct gang_waits g;
	if (gang_waits(r->arrivals, r->result, &g) || g.groups == 0)
		return;
	cJSON *o = cJSON_AddObjectToObject(replay, "pod_groups");
	cJSON_AddBoolToObject(o, "gangs", r->result->gangs);
	cJSON_AddNumberToObject(o, "groups", (double)g.groups);
	cJSON_AddNumberToObject(o, "started", (double)g.started);
	cJSON_AddNumberToObject(o, "mean_wait_s", round6(g.mean));
	cJSON_AddNumberToObject(o, "p50_wait_s", (double)g.p50);
	cJSON_AddNumberToObject(o, "p95_wait_s", (double)g.p95);
	cJSON_AddNumberToObject(o, "max_wait_s", (double)g.max);
}

static void add_brief(cJSON *o, const char *key, const struct metric_sample *m)
{
	cJSON *b = cJSON_AddObjectToObject(o, key);
	cJSON_AddNumberToObject(b, "gpu_alloc_pct", round6(m->gpu_alloc_pct));
	cJSON_AddNumberToObject(b, "frag_ratio_pct", round6(m->frag_ratio_pct));
	cJSON_AddNumberToObject(b, "frag_gpu_pct", round6(m->frag_gpu_pct));
}

/* What followed the first schedule (later.h): the new workload, and the descheduling. */
static void add_later(cJSON *root, const struct report *r)
{
	const struct later_steps *l = r->later;
	if (!l)
		return;
	if (l->has_new_workload) {
		cJSON *o = cJSON_AddObjectToObject(root, "new_workload");
		cJSON_AddNumberToObject(o, "pods", (double)l->new_workload_pods);
		cJSON_AddNumberToObject(o, "typical_pod_groups", (double)l->new_typical.n);
	}
	if (!l->descheduled)
		return;
	const struct deschedule_result *d = &l->deschedule;
	cJSON *o = cJSON_AddObjectToObject(root, "deschedule");
	cJSON_AddStringToObject(o, "policy", d->policy);
	cJSON_AddNumberToObject(o, "limit", (double)d->limit);
	cJSON_AddNumberToObject(o, "evicted", (double)d->evicted);
	cJSON_AddNumberToObject(o, "moved", (double)d->moved);
	cJSON_AddNumberToObject(o, "failed", (double)d->failed);
	add_brief(o, "before", &d->before);
	add_brief(o, "after", &d->after);
}

/* The Kubernetes fields simon does not model yet, with the pods (or nodes) in the trace that
 * carry them; left out when there are none. */
static void add_unmodelled(cJSON *root, const struct workload *w)
{
	cJSON *o = NULL;
	for (int u = 0; u < N_UNMODELLED; u++) {
		if (!w->unmodelled[u])
			continue;
		if (!o)
			o = cJSON_AddObjectToObject(root, "not_modelled");
		cJSON *f = cJSON_AddObjectToObject(o, unmodelled_names[u]);
		cJSON_AddNumberToObject(f, "pods", (double)w->unmodelled[u]);
	}
}

/* Per scalar resource pods asked for (MIG profiles and the like); absent when none did. */
static void add_scalars(cJSON *root, const struct report *r)
{
	struct scalar_use use[MAX_SCALARS];
	int n = scalar_use_of(r, use);
	cJSON *o = n ? cJSON_AddObjectToObject(root, "scalar_resources") : NULL;
	for (int k = 0; k < n; k++) {
		cJSON *u = cJSON_AddObjectToObject(o, use[k].name);
		cJSON_AddNumberToObject(u, "allocatable", (double)use[k].allocatable);
		cJSON_AddNumberToObject(u, "held_final", (double)use[k].held);
		cJSON_AddNumberToObject(u, "held_final_pct", round6(scalar_held_pct(&use[k])));
		cJSON_AddNumberToObject(u, "pods_asking", (double)use[k].asking);
		cJSON_AddNumberToObject(u, "pods_failed", (double)use[k].failed);
	}
}

static cJSON *summary_json(const struct report *r)
{
	const struct cluster *c = r->cluster;
	const struct run_result *res = r->result;
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "simon_version", SIMON_VERSION);
	if (r->provenance)
		cJSON_AddItemToObject(root, "provenance", provenance_json(r->provenance));
	cJSON_AddStringToObject(root, "policy", r->policy);
	cJSON_AddStringToObject(root, "gpu_sel", r->gpu_sel);
	cJSON_AddItemToObject(root, "seed", json_u64(r->seed));
	cJSON_AddStringToObject(root, "mode", mode_name(res->mode));
	cJSON *cl = cJSON_AddObjectToObject(root, "cluster");
	cJSON_AddNumberToObject(cl, "nodes", (double)c->n);
	cJSON_AddNumberToObject(cl, "gpus", c->total_gpus);
	cJSON_AddNumberToObject(cl, "cpu_milli", (double)c->total_cpu);
	cJSON_AddNumberToObject(cl, "memory_mib", floor((double)c->total_mem / MIB));
	cJSON *pods = cJSON_AddObjectToObject(root, "pods");
	cJSON_AddNumberToObject(pods, "total", (double)r->arrivals->n);
	cJSON_AddNumberToObject(pods, "scheduled", (double)res->scheduled);
	cJSON_AddNumberToObject(pods, "failed", (double)res->failed);
	cJSON_AddNumberToObject(pods, "in_trace", (double)r->original_pods);
	cJSON_AddNumberToObject(pods, "tuned", (double)r->arrivals->tuned);
	cJSON_AddNumberToObject(pods, "inflated", (double)r->arrivals->inflated);
	cJSON_AddNumberToObject(pods, "removed", (double)r->arrivals->removed);
	if (r->arrivals->finished_left_out)
		cJSON_AddNumberToObject(pods, "finished_left_out", (double)r->arrivals->finished_left_out);
	if (r->arrivals->bound)
		cJSON_AddNumberToObject(pods, "bound", (double)r->arrivals->bound);
	add_unmodelled(root, c->w);
	add_scalars(root, r);
	cJSON *fin = cJSON_AddObjectToObject(root, "final");
	add_sample(fin, &res->final);
	cJSON_AddNumberToObject(fin, "frag_gpu_milli", round6(res->final.frag_milli));
	cJSON_AddNumberToObject(fin, "arrived_gpu_milli", (double)res->arrived_gpu_milli);
	cJSON *typ = cJSON_AddObjectToObject(root, "typical_pods");
	cJSON_AddNumberToObject(typ, "groups", (double)r->typical->n);
	cJSON_AddNumberToObject(typ, "coverage_pct", round6(100.0 * r->typical->coverage));
	if (res->mode == MODE_REPLAY) {
		cJSON *rp = cJSON_AddObjectToObject(root, "replay");
		cJSON_AddNumberToObject(rp, "arrival_scale", round6(r->arrivals->scale));
		cJSON_AddNumberToObject(rp, "offered_gpu_load_pct", round6(r->arrivals->offered_gpu_load_pct));
		cJSON_AddNumberToObject(rp, "makespan_s", (double)res->makespan);
		cJSON_AddNumberToObject(rp, "mean_wait_s", round6(res->mean_wait));
		cJSON_AddNumberToObject(rp, "max_wait_s", res->max_wait);
		cJSON_AddNumberToObject(rp, "mean_gpu_alloc_pct", round6(res->mean_gpu_alloc_pct));
		cJSON_AddNumberToObject(rp, "peak_gpu_alloc_pct", round6(res->peak_gpu_alloc_pct));
		cJSON_AddNumberToObject(rp, "peak_queued", res->peak_queued);
		cJSON *pre = cJSON_AddObjectToObject(rp, "preemption");
		cJSON_AddNumberToObject(pre, "attempts", (double)res->preemption.attempts);
		cJSON_AddNumberToObject(pre, "victims", (double)res->preemption.victims);
		cJSON_AddNumberToObject(pre, "lost_gpu_seconds", round6(res->preemption.lost_gpu_seconds));
		add_waits(rp, r);
		add_gangs(rp, r);
		add_pipelines(rp, r);
	}
	add_later(root, r);
	const struct topology_summary *t = r->topology;
	if (t) {
		cJSON *topo = cJSON_AddObjectToObject(root, "topology");
		cJSON_AddNumberToObject(topo, "racks", (double)t->n_racks);
		cJSON_AddNumberToObject(topo, res->mode == MODE_REPLAY ? "peak_racks_in_use" : "racks_in_use",
					(double)t->racks_in_use);
		cJSON_AddNumberToObject(topo, "jobs", (double)t->jobs);
		cJSON_AddNumberToObject(topo, "mean_racks_per_job", round6(t->mean_racks_per_job));
		cJSON_AddNumberToObject(topo, "single_rack_jobs_pct", round6(t->single_rack_jobs_pct));
	}
	cJSON *curve = cJSON_AddArrayToObject(root, "curve");
	for (size_t i = 0; i < res->n_curve; i++) {
		cJSON *pt = cJSON_CreateObject();
		cJSON_AddNumberToObject(pt, "arrived_pct", res->curve[i].arrived_pct);
		cJSON_AddNumberToObject(pt, "gpu_alloc_pct", round6(res->curve[i].m.gpu_alloc_pct));
		cJSON_AddNumberToObject(pt, "frag_gpu_pct", round6(res->curve[i].m.frag_gpu_pct));
		cJSON_AddNumberToObject(pt, "frag_ratio_pct", round6(res->curve[i].m.frag_ratio_pct));
		cJSON_AddItemToArray(curve, pt);
	}
	return root;
}

int report_write_summary(FILE *f, struct output_set *o, const void *data, struct error *err)
{
	(void)o;
	if (json_write(f, summary_json(data), true))
		return error_set(err, "out of memory writing summary.json");
	return 0;
}
