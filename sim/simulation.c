#include "sim/simulation.h"

#include <string.h>
#include <time.h>

#define DEFAULT_SEED 42

enum stage { ST_NONE, ST_WORKLOAD, ST_TYPICAL, ST_CLUSTER, ST_ARRIVALS, ST_SCHEDULER, ST_METRICS, ST_RESULT };

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int load_configs(struct simulation *s, const struct sim_options *o, struct error *err)
{
	if (cluster_config_load(&s->cluster_cfg, o->cluster_config, err))
		return -1;
	if (o->scheduler_config && sched_config_load(&s->sched_cfg, o->scheduler_config, err))
		return -1;
	if (o->policy) {
		if (!policy_find(o->policy))
			return error_set(err, "unknown policy '%s' (see `simon help policies`)", o->policy);
		s->sched_cfg.n_score = 1;
		snprintf(s->sched_cfg.score[0].name, sizeof s->sched_cfg.score[0].name, "%s", o->policy);
		s->sched_cfg.score[0].weight = 1;
	}
	if (o->has_tune_ratio)
		s->cluster_cfg.tune_ratio = o->tune_ratio;
	s->seed = o->has_seed ? o->seed
	       : s->cluster_cfg.has_tune_seed ? (uint64_t)s->cluster_cfg.tune_seed : DEFAULT_SEED;
	return 0;
}

static int load_workload(struct simulation *s, struct error *err)
{
	workload_init(&s->workload);
	s->stage = ST_WORKLOAD;
	const struct cluster_config *cc = &s->cluster_cfg;
	for (int i = 0; i < cc->n_paths; i++)
		if (workload_load_dir(&s->workload, cc->cluster_paths[i], err))
			return -1;
	if (workload_number_jobs(&s->workload, err))
		return -1;
	if (s->workload.n_nodes == 0)
		return error_at(err, cc->cluster_paths[0], 0, 0, "no Node documents here (expected the cluster's nodes)");
	return 0;
}

static int setup(struct simulation *s, const struct sim_options *o, struct error *err)
{
	if (load_configs(s, o, err) || load_workload(s, err))
		return -1;
	const struct workload *w = &s->workload;
	if (typical_pods_build(&s->typical, w->pods, w->n_pods, &s->cluster_cfg.typical, err))
		return -1;
	s->stage = ST_TYPICAL;
	if (cluster_init(&s->cluster, w, s->seed, err))
		return -1;
	s->stage = ST_CLUSTER;
	struct arrival_options ao = {
		.seed = s->seed,
		.shuffle_pod = s->cluster_cfg.shuffle_pod,
		.tune_ratio = s->cluster_cfg.tune_ratio,
		.inflation_ratio = s->cluster_cfg.inflation_ratio,
		.cluster_cpu_milli = s->cluster.total_cpu,
		.cluster_gpu_milli = s->cluster.total_gpu_milli,
	};
	if (arrivals_build(&s->arrivals, w, &ao, err))
		return -1;
	s->stage = ST_ARRIVALS;
	if (scheduler_init(&s->scheduler, &s->sched_cfg, &s->cluster, &s->typical, err))
		return -1;
	s->stage = ST_SCHEDULER;
	if (metrics_init(&s->metrics, &s->cluster, &s->typical, err))
		return -1;
	s->stage = ST_METRICS;
	return 0;
}

int simulation_run(struct simulation *s, const struct sim_options *o, struct error *err)
{
	memset(s, 0, sizeof *s);
	double start = now_seconds();
	if (setup(s, o, err))
		return -1;
	if (engine_run(&s->cluster, &s->scheduler, &s->metrics, &s->arrivals, o->mode, s->seed, &s->result, err))
		return -1;
	s->stage = ST_RESULT;
	s->seconds = now_seconds() - start;
	return 0;
}

void simulation_release(struct simulation *s)
{
	switch (s->stage) {
	case ST_RESULT:
		run_result_release(&s->result);
		/* fall through */
	case ST_METRICS:
		metrics_release(&s->metrics);
		/* fall through */
	case ST_SCHEDULER:
		scheduler_release(&s->scheduler);
		/* fall through */
	case ST_ARRIVALS:
		arrivals_release(&s->arrivals);
		/* fall through */
	case ST_CLUSTER:
		cluster_release(&s->cluster);
		/* fall through */
	case ST_TYPICAL:
		typical_pods_release(&s->typical);
		/* fall through */
	case ST_WORKLOAD:
		workload_release(&s->workload);
		/* fall through */
	case ST_NONE:
		break;
	}
	s->stage = ST_NONE;
}

struct report simulation_report(const struct simulation *s)
{
	return (struct report){
		.policy = s->scheduler.name,
		.gpu_sel = sched_config_gpu_sel(&s->sched_cfg),
		.seed = s->seed,
		.cluster = &s->cluster,
		.metrics = &s->metrics,
		.typical = &s->typical,
		.arrivals = &s->arrivals,
		.result = &s->result,
		.original_pods = s->workload.n_pods,
		.seconds = s->seconds,
	};
}
