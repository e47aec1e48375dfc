/* dag.h — pipelines: pods that wait for other pods of their pipeline to finish.
 *
 * A pod names its pipeline (annotation simon.io/pipeline, or the workflow a WfCommons or batch
 * trace file made it from) and the pods it waits for, by name within the pipeline
 * (simon.io/after, a WfCommons task's parents).  dag_build resolves the names and checks the
 * graph: an unknown name, a pod named twice in one pipeline, and a cycle are errors at the
 * file, line and column that name them.  Each pod's duration is its trace duration (deletion −
 * start; 0 without a deletion time); its bottom level is the longest chain of durations from it
 * to the end of its pipeline, itself included, and a pipeline's critical path is the largest
 * bottom level of its pods: no placer can finish the pipeline sooner after it starts.
 * Cost: O(pods log pods + edges).
 */
#ifndef SIMON_DAG_H
#define SIMON_DAG_H

#include "sim/load/workload.h"

struct dag {
	size_t n;                  /* pods */
	uint32_t *preds;           /* per pod: how many pods it waits for */
	uint32_t *succ_at;         /* pod i's successors are succ[succ_at[i] .. succ_at[i + 1]) */
	uint32_t *succ;
	int32_t *pipeline;         /* per pod: its pipeline, -1 for none */
	int64_t *duration;         /* per pod */
	int64_t *bottom;           /* per pod: its bottom level */
	const char **names;        /* per pipeline */
	int64_t *critical_path;    /* per pipeline */
	size_t n_pipelines;
};

/* Builds the graph of pods[0..n); a workload without pipelines gives n_pipelines 0 and no
 * arrays (O(n) to find that out). */
int dag_build(struct dag *d, const struct pod_spec *pods, size_t n, struct error *err);
void dag_release(struct dag *d);

#endif
