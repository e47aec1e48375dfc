/* arrivals.h — the list of pods a run replays, built from the workload as the reference does.
 *
 * Order: with shufflePod, sorted by name then shuffled (seeded); otherwise by creation
 * time, then name (pods without a time last); then the pods bound to a node (spec.nodeName) go
 * first, keeping their order.  Inflation leaves finished pods out.  Tuning to ratio R appends seeded clones
 * "<name>-tuned-<i>" sampled from the name-sorted originals while the GPU request stays
 * within R × cluster GPU milli (or removes pods at random while it is above).  Inflation
 * (workloadInflationConfig, ratio > 1) appends "<name>-clone-<i>" the same way, stopping
 * before CPU or GPU requests pass the cluster's capacity.  Clones share their original's
 * strings; only their names are new.
 */
#ifndef SIMON_ARRIVALS_H
#define SIMON_ARRIVALS_H

#include <stdbool.h>

#include "sim/load/workload.h"

struct arrival_options {
	uint64_t seed;
	bool shuffle_pod;
	double tune_ratio;
	double inflation_ratio;
	int64_t cluster_cpu_milli;
	int64_t cluster_gpu_milli;
	bool drop_finished;       /* inflation: finished pods (phase Succeeded or Failed) hold nothing */
};

struct arrivals {
	struct pod_spec *pods;
	size_t n, cap;
	double scale;             /* replay: arrival times compressed by this (offered_load.h), else 1 */
	double offered_gpu_load_pct; /* replay: the offered load after that */
	size_t tuned, inflated;   /* how many clones each step added */
	size_t removed;           /* how many pods tuning down removed */
	size_t finished_left_out; /* finished pods drop_finished left out */
	size_t bound;             /* pods bound to their nodes, first in the order */
	struct arena names;
};

int arrivals_build(struct arrivals *a, const struct workload *w, const struct arrival_options *o, struct error *err);
void arrivals_release(struct arrivals *a);

#endif
