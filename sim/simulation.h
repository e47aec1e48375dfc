/* simulation.h — one whole run, in two parts that `simon compare` reuses separately.
 *
 * A trace is what a cluster config loads: its settings, the workload and the typical pods.
 * It is read-only once loaded, so many runs (policies × seeds) can share one, even from
 * several threads.  A run is one policy and seed replayed on a trace: cluster state,
 * arrivals, scheduler, metrics and result.  struct simulation bundles a trace, a scheduler
 * config and a run, as `simon apply` uses them.  Each S_init/S_load fills a struct the caller
 * owns; S_release frees its contents.
 */
#ifndef SIMON_SIMULATION_H
#define SIMON_SIMULATION_H

#include "sim/engine.h"
#include "sim/load/config.h"
#include "sim/topology.h"

struct trace {
	struct cluster_config cfg;
	const struct plugin *descheduler;   /* descheduleConfig.policy, resolved; NULL: none */
	struct workload workload;
	struct typical_pods typical;
	int stage;
};

/* Loads a simon cluster config, or a folder of Node and Pod YAML, which is then run as the
 * ATC'23 experiments run the openb traces (shufflePod, tuned to 1.3x, typical pods 95%, step 1). */
int trace_load(struct trace *t, const char *path, struct error *err);
void trace_release(struct trace *t);
/* Calls fn for every file the trace at path is read from, without loading it: the cluster
 * config (role "cluster-config", when the trace is one), then each Node and Pod file (role
 * "trace").  cfg is the trace's config when already loaded; NULL reads it again. */
int trace_each_input(const char *path, const struct cluster_config *cfg,
		     int (*fn)(void *ctx, const char *role, const char *file, struct error *err), void *ctx,
		     struct error *err);

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

struct sim_options {
	const char *cluster_config;
	const char *scheduler_config;  /* may be NULL when policy is set */
	const char *policy;            /* replaces the configured score plugins with this one */
	enum run_mode mode;
	bool has_seed;
	uint64_t seed;
	bool has_tune_ratio;
	double tune_ratio;
	double arrival_scale;
	double target_load;
};

struct later_steps;

struct simulation {
	struct trace trace;
	struct sched_config sched;
	struct scheduler_profile profile;  /* borrows from sched */
	struct sim_run run;
	struct topology_summary topology;  /* racks and job locality, when the nodes carry racks */
	bool has_topology;
	struct later_steps *later;     /* inflation mode: what followed the first schedule (later.h) */
	double seconds;                /* loading and running */
};

/* Loads the scheduler config at path (may be NULL when policy is set) and resolves it into
 * profile (scheduler_profile_build: with policy, that policy alone). */
int sched_profile_load(struct sched_config *cfg, struct scheduler_profile *profile, const char *path,
		       const char *policy, struct error *err);
/* Loads and runs: simulation_load, then simulation_execute. */
int simulation_run(struct simulation *s, const struct sim_options *o, struct error *err);
/* The trace and the scheduler config, loaded and checked, so that a caller can check what
 * they ask for (output places) before the run. */
int simulation_load(struct simulation *s, const struct sim_options *o, struct error *err);
/* Runs a loaded simulation. */
int simulation_execute(struct simulation *s, const struct sim_options *o, struct error *err);
/* The options of s's run for o (it borrows s's profile). */
struct run_options simulation_run_options(const struct simulation *s, const struct sim_options *o);
/* Loads and sets up everything simulation_run would, and stops before the run. */
int simulation_check(struct simulation *s, const struct sim_options *o, struct error *err);
void simulation_release(struct simulation *s);

#endif
