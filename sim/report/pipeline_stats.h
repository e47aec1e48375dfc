/* pipeline_stats.h — how a replay's pipelines (sim/load/dag.h) fared.
 *
 * Per pipeline: submitted at its pods' earliest arrival; its wait runs to its first start, its
 * execution from its first start to its last end, and its JCT (job completion time) from
 * submission to the last end, for a pipeline all of whose pods ran to the end.  Its critical
 * path is the longest chain of durations through it: no placer finishes it sooner after it
 * starts.  Over the workload: the makespan, first submission to last end, and its lower bound,
 * the latest (submission + critical path) less the first submission.  O(pods log pods + edges).
 */
#ifndef SIMON_PIPELINE_STATS_H
#define SIMON_PIPELINE_STATS_H

#include "sim/engine.h"

struct pipeline_stats {
	const char *name;
	size_t pods, done;
	int64_t submit, first_start, last_end;   /* TIME_NONE when none */
	int64_t critical_path;
};

struct pipelines_summary {
	struct pipeline_stats *each;   /* by name */
	size_t n, completed;
	double mean_jct, mean_critical_path;   /* over completed pipelines */
	int64_t p95_jct;
	int64_t makespan, bound;       /* 0 when none completed */
};

/* Fills s; s->n is 0 for a run without pipelines. */
int pipelines_summarize(const struct arrivals *a, const struct run_result *r, struct pipelines_summary *s,
			struct error *err);
void pipelines_summary_release(struct pipelines_summary *s);

#endif
