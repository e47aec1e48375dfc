/* pipelines.h — a replay's pipelines (dag.h): which pods wait for others.
 *
 * A pod of a pipeline that arrives while pods it waits for have not finished is held; it is
 * released, and joins the scheduler as if it arrived then, when the last of them finishes (an
 * eviction is no finish).  A pod one of whose predecessors never runs is never released.
 * The orders among pipelines are queue sort plugins (policies/queue/pipeline_order.c), which
 * read the same graph.  Cost: O(pods + edges) to build; a finish is O(its successors).
 */
#ifndef SIMON_PIPELINES_H
#define SIMON_PIPELINES_H

#include <stdbool.h>

#include "sim/model/arrivals.h"
#include "sim/load/dag.h"

struct pipelines {
	struct dag dag;
	uint32_t *waiting_for;    /* per pod: predecessors not finished yet */
	unsigned char *finished;  /* per pod */
};

/* With no pipeline among the arrivals, p->dag.n_pipelines is 0 and nothing else is made. */
int pipelines_init(struct pipelines *p, const struct arrivals *a, struct error *err);
void pipelines_release(struct pipelines *p);

/* Pod i finished: its successors with nothing left to wait for are written to released[] (room
 * for its successors); their number. */
size_t pipelines_finish(struct pipelines *p, uint32_t i, uint32_t *released);

#endif
