/* trace.c — a trace loaded: its cluster config, workload and typical pods (trace.h). */
#include "sim/trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/load/dag.h"
#include "sim/load/priority.h"
#include "sim/util/dirlist.h"

enum trace_stage { TS_NONE, TS_WORKLOAD, TS_TYPICAL };

/* A bare folder runs as the paper's experiments run the openb traces. */
static int folder_config(struct cluster_config *cfg, const char *folder, struct error *err)
{
	memset(cfg, 0, sizeof *cfg);
	if (snprintf(cfg->cluster_paths[0], sizeof cfg->cluster_paths[0], "%s", folder) >=
	    (int)sizeof cfg->cluster_paths[0])
		return error_at(err, folder, 0, 0, "path too long");
	cfg->n_paths = 1;
	cfg->shuffle_pod = true;
	cfg->tune_ratio = 1.3;
	cfg->typical = (struct typical_pods_config){.involve_cpu_pods = true, .popularity_threshold = 95,
						    .increase_step = 1};
	return 0;
}

/* The pipelines' names and graph are checked once, as loaded, and the pipelines numbered
 * (dag.h); the runs build the graph again over their arrivals. */
static int pipelines_check(struct workload *w, struct error *err)
{
	struct dag d;
	if (dag_build(&d, w->pods, w->n_pods, err))
		return -1;
	w->n_pipelines = d.n_pipelines;
	for (size_t k = 0; k < w->n_pods && d.n_pipelines; k++)
		w->pods[k].pipeline_id = d.pipeline[k];
	dag_release(&d);
	return 0;
}

/* The fields simon does not model yet, named once with the pods they affect. */
static void note_unmodelled(const struct workload *w, const char *path)
{
	char text[1024] = "";
	size_t len = 0;
	for (int u = 0; u < N_UNMODELLED && len < sizeof text; u++) {
		size_t n = w->unmodelled[u];
		if (!n)
			continue;
		int k = snprintf(text + len, sizeof text - len, "%s%s (%zu pod%s)", len ? ", " : "", unmodelled_names[u], n,
				 n == 1 ? "" : "s");
		len += k > 0 ? (size_t)k : 0;
	}
	if (len)
		fprintf(stderr, "simon: note: %s: not modelled yet, so scheduled as if absent: %s (summary.json lists them)\n",
			path, text);
}

/* Jobs whose remaining completions wait for their pods to finish: a template's pods have no
 * recorded run, so they never do here. */
static void note_jobs_short(const struct workload *w, const char *path)
{
	size_t jobs = 0, pods = 0;
	const char *first = NULL;
	for (size_t k = 0; k < w->n_controllers; k++)
		if (w->controllers[k].short_of) {
			first = first ? first : w->controllers[k].key;
			jobs++;
			pods += (size_t)w->controllers[k].short_of;
		}
	if (jobs)
		fprintf(stderr, "simon: note: %s: %zu Job%s (%s first) want%s %zu more completions than their parallelism "
				"runs at once; those pods are made as others finish, which a template's pods never do here\n",
			path, jobs, jobs == 1 ? "" : "s", first, jobs == 1 ? "s" : "", pods);
}

int trace_load(struct trace *t, const char *path, struct error *err)
{
	memset(t, 0, sizeof *t);
	if (is_dir(path) ? folder_config(&t->cfg, path, err) : cluster_config_load(&t->cfg, path, err))
		return -1;
	if (t->cfg.deschedule.name[0] &&
	    plugin_resolve(POINT_DESCHEDULE, path, &t->cfg.deschedule, &t->descheduler, err))
		return -1;
	workload_init(&t->workload);
	t->stage = TS_WORKLOAD;
	for (int i = 0; i < t->cfg.n_paths; i++)
		if (workload_load_dir(&t->workload, t->cfg.cluster_paths[i], err))
			return -1;
	if (workload_settle_controllers(&t->workload, err) || (workload_fill_nonzero(&t->workload), workload_number_scalars(&t->workload, err)) ||
	    workload_bind_named(&t->workload, err) || workload_number_jobs(&t->workload, err) ||
	    priorities_resolve(&t->workload, t->cfg.qos, t->cfg.n_qos, err) || pipelines_check(&t->workload, err))
		return -1;
	note_unmodelled(&t->workload, path);
	note_jobs_short(&t->workload, path);
	if (t->workload.n_nodes == 0)
		return error_at(err, t->cfg.cluster_paths[0], 0, 0, "no Node documents here (expected the cluster's nodes)");
	if (typical_pods_build(&t->typical, t->workload.pods, t->workload.n_pods, &t->cfg.typical, err))
		return -1;
	t->stage = TS_TYPICAL;
	return 0;
}

struct input_walk {
	int (*fn)(void *ctx, const char *role, const char *file, struct error *err);
	void *ctx;
};

static int workload_input(void *walk, const char *file, struct error *err)
{
	struct input_walk *w = walk;
	return w->fn(w->ctx, "trace", file, err);
}

int trace_each_input(const char *path, const struct cluster_config *cfg,
		     int (*fn)(void *ctx, const char *role, const char *file, struct error *err), void *ctx,
		     struct error *err)
{
	struct cluster_config read;
	struct input_walk walk = {fn, ctx};
	if (is_dir(path))
		return workload_each_file(path, workload_input, &walk, err);
	if (!cfg && cluster_config_load(&read, path, err))
		return -1;
	if (!cfg)
		cfg = &read;
	if (fn(ctx, "cluster-config", path, err))
		return -1;
	for (int i = 0; i < cfg->n_paths; i++)
		if (workload_each_file(cfg->cluster_paths[i], workload_input, &walk, err))
			return -1;
	return 0;
}

void trace_release(struct trace *t)
{
	if (t->stage >= TS_TYPICAL)
		typical_pods_release(&t->typical);
	if (t->stage >= TS_WORKLOAD)
		workload_release(&t->workload);
	t->stage = TS_NONE;
}
