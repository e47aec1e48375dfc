#include "sim/util/clock.h"
#include "sim/simulation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/later.h"
#include "sim/load/dag.h"
#include "sim/load/priority.h"
#include "sim/offered_load.h"
#include "sim/util/dirlist.h"

#define DEFAULT_SEED 42

enum trace_stage { TS_NONE, TS_WORKLOAD, TS_TYPICAL };
enum run_stage { RS_NONE, RS_CLUSTER, RS_ARRIVALS, RS_SCHEDULER, RS_METRICS, RS_RESULT };

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
	if (workload_number_jobs(&t->workload, err) ||
	    priorities_resolve(&t->workload, t->cfg.qos, t->cfg.n_qos, err) || pipelines_check(&t->workload, err))
		return -1;
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

int sim_run_prepare(struct sim_run *r, const struct trace *t, const struct run_options *o, struct error *err)
{
	memset(r, 0, sizeof *r);
	const struct cluster_config *cfg = &t->cfg;
	r->seed = o->has_seed ? o->seed : cfg->has_tune_seed ? (uint64_t)cfg->tune_seed : DEFAULT_SEED;
	if (cluster_init(&r->cluster, &t->workload, r->seed, o->profile->class_by, err))
		return -1;
	r->stage = RS_CLUSTER;
	struct arrival_options ao = {
		.seed = r->seed,
		.shuffle_pod = cfg->shuffle_pod,
		.tune_ratio = o->has_tune_ratio ? o->tune_ratio : cfg->tune_ratio,
		.inflation_ratio = cfg->inflation_ratio,
		.cluster_cpu_milli = o->base_cpu_milli ? o->base_cpu_milli : r->cluster.total_cpu,
		.cluster_gpu_milli = o->base_gpu_milli ? o->base_gpu_milli : r->cluster.total_gpu_milli,
	};
	if (arrivals_build(&r->arrivals, &t->workload, &ao, err))
		return -1;
	r->stage = RS_ARRIVALS;
	/* A pipeline's pods wait for others to finish: only replay has an end, and resampled or
	 * cloned pods would have no place in the graph. */
	if (t->workload.n_pipelines && o->mode != MODE_REPLAY)
		return error_at(err, cfg->cluster_paths[0], 0, 0, "pipelines (simon.io/after) run in replay mode only (--mode replay)");
	if (t->workload.n_pipelines && (r->arrivals.tuned || r->arrivals.inflated || r->arrivals.removed))
		return error_at(err, cfg->cluster_paths[0], 0, 0,
				"pipelines cannot be resampled: remove workloadTuningConfig and workloadInflationConfig "
				"(or give a tuning ratio of 0)");
	/* Replay's load knob: the arrivals compressed by --arrival-scale, or to --target-load. */
	if (o->mode == MODE_REPLAY &&
	    replay_load(&r->arrivals, o->arrival_scale, o->target_load,
			o->base_gpu_milli ? o->base_gpu_milli : r->cluster.total_gpu_milli, err))
		return -1;
	if (scheduler_init(&r->scheduler, o->profile, &r->cluster, &t->typical, err))
		return -1;
	r->stage = RS_SCHEDULER;
	if (metrics_init(&r->metrics, &r->cluster, &t->typical, err))
		return -1;
	r->stage = RS_METRICS;
	return 0;
}

int sim_run_execute(struct sim_run *r, const struct trace *t, const struct run_options *o, struct error *err)
{
	double start = clock_seconds();
	if (sim_run_prepare(r, t, o, err))
		return -1;
	if (engine_run(&r->cluster, &r->scheduler, &r->metrics, &r->arrivals, o->mode, r->seed, &r->result, err))
		return -1;
	r->stage = RS_RESULT;
	r->seconds = clock_seconds() - start;
	return 0;
}

int sim_run_retarget(struct sim_run *r, const struct scheduler_profile *p, const struct typical_pods *t,
		     struct error *err)
{
	/* Released down to the arrivals, so that a failure leaves a run sim_run_release can free;
	 * the result is kept apart meanwhile. */
	struct run_result kept = r->result;
	memset(&r->result, 0, sizeof r->result);
	metrics_release(&r->metrics);
	scheduler_release(&r->scheduler);
	r->stage = RS_ARRIVALS;
	int rc = scheduler_init(&r->scheduler, p, &r->cluster, t, err);
	if (!rc) {
		r->stage = RS_SCHEDULER;
		rc = metrics_init(&r->metrics, &r->cluster, t, err);
	}
	if (!rc)
		r->stage = RS_RESULT;
	if (rc)
		run_result_release(&kept);
	else
		r->result = kept;
	return rc;
}

void sim_run_release(struct sim_run *r)
{
	if (r->stage >= RS_RESULT)
		run_result_release(&r->result);
	if (r->stage >= RS_METRICS)
		metrics_release(&r->metrics);
	if (r->stage >= RS_SCHEDULER)
		scheduler_release(&r->scheduler);
	if (r->stage >= RS_ARRIVALS)
		arrivals_release(&r->arrivals);
	if (r->stage >= RS_CLUSTER)
		cluster_release(&r->cluster);
	r->stage = RS_NONE;
}

int sched_profile_load(struct sched_config *cfg, struct scheduler_profile *profile, const char *path,
		       const char *policy, struct error *err)
{
	memset(cfg, 0, sizeof *cfg);
	if (path && sched_config_load(cfg, path, err))
		return -1;
	return scheduler_profile_build(profile, path ? cfg : NULL, policy, err);
}

struct run_options simulation_run_options(const struct simulation *s, const struct sim_options *o)
{
	return (struct run_options){.profile = &s->profile,
				    .mode = o->mode,
				    .has_seed = o->has_seed,
				    .seed = o->seed,
				    .has_tune_ratio = o->has_tune_ratio,
				    .tune_ratio = o->tune_ratio,
				    .arrival_scale = o->arrival_scale,
				    .target_load = o->target_load};
}

int simulation_load(struct simulation *s, const struct sim_options *o, struct error *err)
{
	double start = clock_seconds();
	memset(s, 0, sizeof *s);
	int rc = trace_load(&s->trace, o->cluster_config, err) ||
				 sched_profile_load(&s->sched, &s->profile, o->scheduler_config, o->policy, err)
			 ? -1
			 : 0;
	s->seconds = clock_seconds() - start;   /* simulation_execute adds the run's */
	return rc;
}

int simulation_check(struct simulation *s, const struct sim_options *o, struct error *err)
{
	if (simulation_load(s, o, err))
		return -1;
	struct run_options ro = simulation_run_options(s, o);
	return sim_run_prepare(&s->run, &s->trace, &ro, err);
}

int simulation_run(struct simulation *s, const struct sim_options *o, struct error *err)
{
	return simulation_load(s, o, err) || simulation_execute(s, o, err) ? -1 : 0;
}

int simulation_execute(struct simulation *s, const struct sim_options *o, struct error *err)
{
	double start = clock_seconds();
	struct run_options ro = simulation_run_options(s, o);
	if (sim_run_execute(&s->run, &s->trace, &ro, err))
		return -1;
	const struct cluster_config *cfg = &s->trace.cfg;
	bool later = cfg->new_workload[0] || s->trace.descheduler || cfg->pod_snapshot_prefix[0] || cfg->node_snapshot_prefix[0];
	if (later && o->mode == MODE_REPLAY)
		fprintf(stderr, "simon: note: %s: newWorkloadConfig, descheduleConfig and exportConfig follow inflation "
				"mode's schedule; a replay leaves them out\n",
			o->cluster_config);
	if (later && o->mode == MODE_INFLATION &&
	    (!(s->later = calloc(1, sizeof *s->later)) || later_steps_run(s->later, cfg, s->trace.descheduler, &s->profile, &s->run, err)))
		return s->later ? -1 : error_set(err, "out of memory");
	if (s->trace.workload.n_racks) {
		if (topology_summarize(&s->topology, &s->run.cluster, &s->run.arrivals, &s->run.result))
			return error_set(err, "out of memory summarising racks");
		s->has_topology = true;
	}
	s->seconds += clock_seconds() - start;
	return 0;
}

void simulation_release(struct simulation *s)
{
	if (s->has_topology)
		topology_summary_release(&s->topology);
	s->has_topology = false;
	if (s->later)
		later_steps_release(s->later);
	free(s->later);
	s->later = NULL;
	sim_run_release(&s->run);
	trace_release(&s->trace);
}
