/* imitate.h — teaching a pair scorer to choose as a teacher chose (dataset.h).
 *
 * The teacher's decision is a draw: among the candidates its totals rate highest, its seeded
 * tie-break picks one at random.  The scorer learns that distribution: each decision is one
 * softmax over its candidates' scores, and the loss is the cross-entropy from the teacher's
 * (uniform over its best) to the softmax, −(1/|B|) Σ_{i∈B} log softmax(s)_i.  Minibatches of
 * decisions, Adam, decisions shuffled each epoch by a seeded stream; a seeded share of the
 * decisions is held out and only measured.  Agreement is the probability the softmax gives
 * the teacher's best.  MLPScore picks as the teacher does, the lowest tie rank among the
 * scores it counts as best: the model's tie margin says which (mlp.h), and it is chosen as
 * the margin that decides the most held-out decisions as the teacher did (`same`).
 * Cost per epoch: O(rows × weights), forward and backward.
 */
#ifndef SIMON_IMITATE_H
#define SIMON_IMITATE_H

#include <stdio.h>

#include "sim/learn/dataset.h"
#include "sim/util/mlp.h"

struct imitate_options {
	int epochs;
	int batch;            /* decisions per step */
	double lr;
	double holdout;       /* share of decisions held out, 0 ≤ h < 1 */
	uint64_t seed;
	FILE *progress;       /* a line per epoch; NULL: quiet */
};

struct fit_stats {
	double loss;          /* mean over decisions */
	double agreement;     /* mean probability of the teacher's best, 0..1 */
	double same;          /* share of decisions MLPScore decides as the teacher did, 0..1 */
	size_t decisions;
};

/* Trains m (already initialised and randomised) on ds and chooses its tie margin: *train
 * and *held are measured after the last epoch (held->decisions 0 when nothing is held out). */
int imitate(struct mlp *m, const struct dataset *ds, const struct imitate_options *o, struct fit_stats *train,
	    struct fit_stats *held, struct error *err);
/* m's loss and agreement over all of ds, and how often it decides as the teacher. */
int imitate_measure(const struct mlp *m, const struct dataset *ds, struct fit_stats *st, struct error *err);

#endif
