/* dataset.h — what a teacher policy decided, as rows a pair scorer learns from.
 *
 * The teacher replays a trace in inflation mode, seeded, as `simon apply -p TEACHER` would.
 * At every pod whose cycle scored candidates (node classes, scheduler.h) differently, the
 * decision keeps each candidate's feature vector (pair_features.h), its tie rank and
 * whether the teacher's total for it was the highest: the teacher is indifferent among equal
 * totals, which only its seeded tie-break separates, so all of them count as its choice.
 * With a driver (DAgger, Ross et al. 2011), the driver places each pod, as MLPScore would,
 * and the teacher only rates the candidates: the decisions then come from the states the
 * driver leads to.
 * Cost: one teacher run and O(candidates × typical pods × GPUs²) per pod; memory
 * 4 × PAIR_FEATURES + 5 bytes per candidate.
 */
#ifndef SIMON_DATASET_H
#define SIMON_DATASET_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/model/pair_features.h"
#include "sim/simulation.h"
#include "sim/util/mlp.h"

struct decision {
	size_t first;        /* its candidates are rows first .. first + n */
	uint32_t n;
	uint32_t trace;      /* which collect call it came from */
};

struct dataset {
	float *x;            /* rows × PAIR_FEATURES */
	uint8_t *best;       /* per row: the teacher's total was the highest */
	uint32_t *tie_rank;  /* per row: the seeded tie rank of the candidate (its class's first) */
	size_t rows, cap_rows;
	struct decision *d;
	size_t n, cap;
	uint32_t traces;
};

void dataset_init(struct dataset *ds);
void dataset_release(struct dataset *ds);
/* Adds the decisions of teacher (a policy name) on trace t, replayed with seed; the pods go
 * where driver places them, or (NULL) where the teacher does. */
int dataset_collect(struct dataset *ds, const struct trace *t, const char *teacher, const struct mlp *driver,
		    uint64_t seed, struct error *err);
/* MLPScore's pick among d's candidates given their scores: the lowest tie rank among the
 * scores (in thousandths, as it scores) within margin of the highest. */
size_t dataset_pick(const struct dataset *ds, const struct decision *d, const float *scores, double margin);

#endif
