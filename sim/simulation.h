/* simulation.h — one whole run: configs → workload → cluster → arrivals → engine.
 *
 * This is what `simon apply` does and what `simon compare` repeats per matrix cell.
 * simulation_run fills a struct the caller owns; simulation_release frees its contents.
 */
#ifndef SIMON_SIMULATION_H
#define SIMON_SIMULATION_H

#include "sim/report.h"

struct sim_options {
	const char *cluster_config;
	const char *scheduler_config;  /* may be NULL when policy is set */
	const char *policy;            /* replaces the configured score plugins with this one */
	enum run_mode mode;
	bool has_seed;
	uint64_t seed;                 /* default: workloadTuningConfig.seed, else 42 */
	bool has_tune_ratio;
	double tune_ratio;
};

struct simulation {
	struct cluster_config cluster_cfg;
	struct sched_config sched_cfg;
	struct workload workload;
	struct typical_pods typical;
	struct cluster cluster;
	struct arrivals arrivals;
	struct scheduler scheduler;
	struct metrics metrics;
	struct run_result result;
	uint64_t seed;
	double seconds;
	int stage;   /* how far setup got, so release frees exactly that */
};

int simulation_run(struct simulation *s, const struct sim_options *o, struct error *err);
void simulation_release(struct simulation *s);
/* The report view of a finished run. */
struct report simulation_report(const struct simulation *s);

#endif
