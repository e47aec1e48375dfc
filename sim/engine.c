#include "sim/engine.h"

#include <stdlib.h>
#include <string.h>

#include "sim/run.h"

int engine_run(struct cluster *c, struct scheduler *s, struct metrics *m, const struct arrivals *a,
	       enum run_mode mode, uint64_t seed, struct run_result *r, struct error *err)
{
	memset(r, 0, sizeof *r);
	r->mode = mode;
	r->n_outcomes = a->n;
	/* Zeroed, padding too, so that two runs' outcomes compare byte for byte. */
	r->outcomes = calloc(a->n ? a->n : 1, sizeof *r->outcomes);
	if (!r->outcomes)
		return error_set(err, "out of memory for %zu pods", a->n);
	for (size_t i = 0; i < a->n; i++) {
		struct pod_outcome *o = &r->outcomes[i];
		o->node = -1;
		o->arrival = o->start = o->end = TIME_NONE;
	}
	struct error run_err = {{0}};
	struct run run = {c, s, m, a, r, {0, 0}, &run_err, seed};
	pcg32_seed(&run.rng, seed, RNG_POLICY);
	int rc = mode == MODE_INFLATION ? run_inflation(&run) : run_replay(&run);
	if (rc) {
		run_result_release(r);
		if (run_err.msg[0])
			*err = run_err;
		else
			error_set(err, "out of memory during the run");
		return -1;
	}
	r->final = metrics_sample(m, c);
	return 0;
}

void run_result_release(struct run_result *r)
{
	free(r->outcomes);
	free(r->curve);
	free(r->timeline);
	memset(r, 0, sizeof *r);
}
