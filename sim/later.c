#include "sim/later.h"

#include <stdlib.h>
#include <string.h>

/* newWorkloadConfig: the folder's pods, read beside the cluster's models so that their model
 * lists mean the same GPUs; the typical pods made from them as the first were. */
static int new_workload(struct later_steps *l, const struct cluster_config *cfg, const struct scheduler_profile *p,
			struct sim_run *r, struct error *err)
{
	const struct workload *w = r->cluster.w;
	workload_init(&l->new_workload);
	l->has_new_workload = true;
	memcpy(l->new_workload.models, w->models, sizeof w->models);
	l->new_workload.n_models = w->n_models;
	/* Likewise the scalar resources, so that slots mean the cluster's. */
	memcpy(l->new_workload.scalar_names, w->scalar_names, sizeof w->scalar_names);
	l->new_workload.n_scalar_names = w->n_scalar_names;
	if (workload_load_dir(&l->new_workload, cfg->new_workload, err))
		return -1;
	l->new_workload_pods = l->new_workload.n_pods;
	if (l->new_workload.n_pods == 0)
		return error_at(err, cfg->new_workload, 0, 0, "newWorkloadConfig: no Pod documents here");
	if (typical_pods_build(&l->new_typical, l->new_workload.pods, l->new_workload.n_pods, &cfg->typical, err))
		return -1;
	return sim_run_retarget(r, p, &l->new_typical, err);
}

int later_steps_run(struct later_steps *l, const struct cluster_config *cfg, const struct plugin *descheduler,
		    const struct scheduler_profile *profile,
		    struct sim_run *r, struct error *err)
{
	memset(l, 0, sizeof *l);
	bool steps = cfg->new_workload[0] || descheduler;
	if (cfg->pod_snapshot_prefix[0] || cfg->node_snapshot_prefix[0]) {
		size_t n = r->result.n_outcomes ? r->result.n_outcomes : 1;
		if (!(l->init_outcomes = malloc(n * sizeof *l->init_outcomes)))
			return error_set(err, "out of memory keeping the first schedule");
		memcpy(l->init_outcomes, r->result.outcomes, r->result.n_outcomes * sizeof *l->init_outcomes);
	}
	if (!steps)
		return 0;
	if (cfg->new_workload[0] && new_workload(l, cfg, profile, r, err))
		return -1;
	l->descheduled = descheduler != NULL;
	if (l->descheduled && engine_deschedule(&r->cluster, &r->scheduler, &r->metrics, &r->arrivals, descheduler,
						cfg->deschedule_ratio, r->seed, &r->result, &l->deschedule, err))
		return -1;
	r->result.final = metrics_sample(&r->metrics, &r->cluster);   /* against the target as it is now */
	return 0;
}

void later_steps_release(struct later_steps *l)
{
	free(l->init_outcomes);
	deschedule_result_release(&l->deschedule);
	if (l->has_new_workload) {
		typical_pods_release(&l->new_typical);
		workload_release(&l->new_workload);
	}
	memset(l, 0, sizeof *l);
}
