/* sim_run.h — one run: one policy and seed replayed on a trace (trace.h): cluster state,
 * arrivals, scheduler, metrics and result.  sim_run_prepare fills a run the caller owns;
 * sim_run_release frees its contents.
 */
#ifndef SIMON_SIM_RUN_H
#define SIMON_SIM_RUN_H

#include "sim/engine.h"
#include "sim/trace.h"

struct run_options {
	const struct scheduler_profile *profile;
	enum run_mode mode;
	bool has_seed;
	uint64_t seed;                 /* default: workloadTuningConfig.seed, else 42 */
	bool has_tune_ratio;
	double tune_ratio;
	double arrival_scale;          /* replay: compress arrivals by this (offered_load.h); 0: 1 */
	double target_load;            /* replay: or by what offers this GPU load (%); 0: none */
	/* The capacity tuning, inflation and the load knob measure the workload against; 0: the
	 * cluster's (planning keeps the workload of the cluster it grows). */
	int64_t base_cpu_milli, base_gpu_milli;
};

struct sim_run {
	struct cluster cluster;
	struct arrivals arrivals;
	struct scheduler scheduler;
	struct metrics metrics;
	struct run_result result;
	uint64_t seed;
	double seconds;
	int stage;
};

/* Sets a run up (cluster, arrivals, scheduler with every plugin's args checked, metrics)
 * without running it; sim_run_execute sets up and runs. */
int sim_run_prepare(struct sim_run *r, const struct trace *t, const struct run_options *o, struct error *err);
int sim_run_execute(struct sim_run *r, const struct trace *t, const struct run_options *o, struct error *err);
void sim_run_release(struct sim_run *r);
/* A finished run's scheduler and metrics made anew for another target workload (typical pods:
 * they read it); t must outlive the run. */
int sim_run_retarget(struct sim_run *r, const struct scheduler_profile *p, const struct typical_pods *t,
		     struct error *err);

/* Loads the scheduler config at path (may be NULL when policy is set) and resolves it into
 * profile (scheduler_profile_build: with policy, that policy alone). */
int sched_profile_load(struct sched_config *cfg, struct scheduler_profile *profile, const char *path,
		       const char *policy, struct error *err);

#endif
