/* run.h — what the engine's parts share: one run's state, and binding a pod where the
 * scheduler says (sim/binding.c).  The engine's own; nothing outside it includes this.
 */
#ifndef SIMON_RUN_H
#define SIMON_RUN_H

#include "sim/engine.h"

struct run {
	struct cluster *c;
	struct scheduler *s;
	struct metrics *m;
	const struct arrivals *a;
	struct run_result *r;
	struct pcg32 rng;
	struct error *err;
	uint64_t seed;
};

/* Binds pod i where pl says, and records it in its outcome. */
int bind_pod(struct run *run, size_t i, struct placement pl);
/* Pod i leaves its node; its outcome still names the node (a departure, which pods.csv
 * reports).  unbind_pod undoes bind_pod: the outcome says it is nowhere. */
int leave_node(struct run *run, size_t i);
int unbind_pod(struct run *run, size_t i);
/* Whether pod i goes to the node it is bound to (spec.nodeName) rather than to the scheduler. */
bool goes_to_its_node(const struct run *run, size_t i);
/* Schedules pod i and binds it where the scheduler says: *result is SCHEDULED, or why not;
 * -1 on failure (run->err says why).  A batch placer decides it alone. */
int try_place(struct run *run, size_t i, enum schedule_result *result);

/* The two ways of feeding pods (engine.h): inflation.c and replay.c. */
int run_inflation(struct run *run);
int run_replay(struct run *run);

#endif
