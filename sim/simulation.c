#include "sim/simulation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/later.h"
#include "sim/util/clock.h"

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
