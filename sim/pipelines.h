/* pipelines.h — a replay's pipelines (dag.h): which pods wait for others, and the pipeline
 * queue orders.
 *
 * A pod of a pipeline that arrives while pods it waits for have not finished is held; it is
 * released, and joins the scheduler as if it arrived then, when the last of them finishes (an
 * eviction is no finish).  A pod one of whose predecessors never runs is never released.
 * The queue orders put a pipeline's waiting pods together, pipelines ordered by
 *  - PipelineFIFO: submission, the earliest arrival among its pods;
 *  - PipelineRandom: a seeded random order (its own stream, RNG_QUEUE);
 *  - ShortestCriticalPath: the shortest remaining critical path, the longest chain of durations
 *    from a pod not yet finished to its pipeline's end; it shortens as pods finish.
 * Ties go to the lower pipeline number (names in order), then to the earlier waiting pod.  Pods
 * in no pipeline come after every pipeline's, in arrival order.
 * Cost: O(pods log pods + edges) to build; a finish is O(its successors), amortised: each
 * pipeline's pods are kept longest bottom level first, and a cursor passes each finished one
 * once.
 */
#ifndef SIMON_PIPELINES_H
#define SIMON_PIPELINES_H

#include <stdbool.h>

#include "sim/arrivals.h"
#include "sim/load/config.h"
#include "sim/load/dag.h"

struct pipelines {
	struct dag dag;
	uint32_t *waiting_for;    /* per pod: predecessors not finished yet */
	unsigned char *finished;  /* per pod */
	int64_t *submit;          /* per pipeline: its earliest arrival */
	uint32_t *rank;           /* per pipeline: its place in PipelineRandom's order */
	int64_t *remaining;       /* per pipeline: its remaining critical path */
	uint32_t *members_at;     /* pipeline k's pods are members[members_at[k] .. members_at[k + 1]), */
	uint32_t *members;        /* longest bottom level first */
	uint32_t *next;           /* per pipeline: its first member that may not have finished */
};

/* With no pipeline among the arrivals, p->dag.n_pipelines is 0 and nothing else is made. */
int pipelines_init(struct pipelines *p, const struct arrivals *a, uint64_t seed, struct error *err);
void pipelines_release(struct pipelines *p);

/* Pod i finished: its pipeline's remaining path is updated, and its successors with nothing
 * left to wait for are written to released[] (room for its successors); their number. */
size_t pipelines_finish(struct pipelines *p, uint32_t i, uint32_t *released);

/* Pod i's place in a pipeline order (lower first); equal keys keep queue order. */
struct queue_key {
	int64_t major, minor;
};
struct queue_key pipelines_key(const struct pipelines *p, enum queue_sort order, uint32_t i);

#endif
