/* simulation.h — one whole run as `simon apply` makes it: a trace (trace.h), a scheduler
 * config and a run (sim_run.h), the two parts `simon compare` reuses separately, and what
 * follows inflation (later.h).  Each S_init/S_load fills a struct the caller owns; S_release
 * frees its contents.
 */
#ifndef SIMON_SIMULATION_H
#define SIMON_SIMULATION_H

#include "sim/sim_run.h"
#include "sim/topology.h"
#include "sim/trace.h"

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
