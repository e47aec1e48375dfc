/* sim_run.c — one run set up on a trace, run, and made anew for another target (sim_run.h). */
#include "sim/sim_run.h"

#include <stdlib.h>
#include <string.h>

#include "sim/offered_load.h"
#include "sim/util/clock.h"

#define DEFAULT_SEED 42

enum run_stage { RS_NONE, RS_CLUSTER, RS_ARRIVALS, RS_SCHEDULER, RS_METRICS, RS_RESULT };

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
		.drop_finished = o->mode == MODE_INFLATION,
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
