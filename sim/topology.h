/* topology.h — the rack view of a finished run: utilization per rack and job locality.
 *
 * Racks come from the nodes' "rack" labels.  Racks in use: in inflation mode, the racks
 * running pods at the end (nothing leaves, so also the most at once); in replay mode, where
 * the end is empty, the most racks running pods at one moment, from the pods' start and end
 * times.  Locality: for every job (pods sharing a job-name label) with at least two placed
 * pods, how many racks its pods ran in.  O(nodes + pods log pods).
 */
#ifndef SIMON_TOPOLOGY_H
#define SIMON_TOPOLOGY_H

#include "sim/engine.h"

struct topology_summary {
	struct rack_stats *racks;
	size_t n_racks;
	size_t racks_in_use;         /* in replay mode: the most at once */
	size_t jobs;                 /* jobs with two or more placed pods */
	double mean_racks_per_job;
	double single_rack_jobs_pct;
};

int topology_summarize(struct topology_summary *t, const struct cluster *c, const struct arrivals *a,
		       const struct run_result *r);
void topology_summary_release(struct topology_summary *t);

#endif
