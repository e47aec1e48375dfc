/* later.h — the reference's steps after inflation mode's first schedule, in its order:
 *  1. the state is kept for the InitSchedule snapshot (when exportConfig asks for one);
 *  2. newWorkloadConfig: its folder's pods become the target workload, so the typical pods,
 *     FGD's scores and the fragmentation metrics follow them from here on;
 *  3. descheduleConfig: pods are evicted and scheduled again (deschedule.h).
 * The reference then reruns its inflation evaluation; simon's inflation is its one run's
 * arrivals, which have all arrived by then, so nothing is rerun.  A replay has no such steps.
 * O(the new workload's pods + descheduling).
 */
#ifndef SIMON_LATER_H
#define SIMON_LATER_H

#include "sim/deschedule.h"
#include "sim/sim_run.h"

struct later_steps {
	struct pod_outcome *init_outcomes;   /* the first schedule's, for snapshots; NULL when none kept */
	struct workload new_workload;
	struct typical_pods new_typical;
	bool has_new_workload;
	size_t new_workload_pods;
	struct deschedule_result deschedule;
	bool descheduled;
};

/* Runs the steps cfg asks for on the finished run r (its scheduler and metrics are rebuilt
 * for a new workload).  l is zeroed first. */
int later_steps_run(struct later_steps *l, const struct cluster_config *cfg, const struct plugin *descheduler,
		    const struct scheduler_profile *profile,
		    struct sim_run *r, struct error *err);
void later_steps_release(struct later_steps *l);

#endif
