/* reinforce.h — fine-tuning a pair scorer by policy gradient (REINFORCE, Williams 1992).
 *
 * An episode replays a trace in inflation mode with the scorer as a stochastic policy: at each
 * pod it draws a candidate (a node class, scheduler.h) from the softmax of the candidates'
 * scores, binds the pod there on the GPUs its features describe, and climbs the gradient of
 * the expected reward.  Two rewards:
 *   frag   per step, minus the fragmentation change of the chosen placement (frag_delta, in
 *          GPUs); the baseline is the expected reward over the candidates, which the features
 *          give exactly, so the advantage is r_a − Σ π_i r_i; Adam steps every 32 pods.
 *   alloc  per episode, the GPU allocation (%) at its end, credited to every draw of it; the
 *          baseline is the mean of the previous episodes' rewards; one Adam step per episode.
 * Episodes take the traces in turn, episode e with seed + e.  Cost per episode: one run plus
 * O(candidates × (features + weights)) per pod.
 */
#ifndef SIMON_REINFORCE_H
#define SIMON_REINFORCE_H

#include <stdio.h>

#include "sim/simulation.h"
#include "sim/util/mlp.h"

enum reward {
	REWARD_FRAG,
	REWARD_ALLOC,
};

struct reinforce_options {
	int episodes;
	double lr;
	enum reward reward;
	uint64_t seed;
	FILE *progress;       /* a line per episode; NULL: quiet */
	/* When not NULL, room for `episodes` objectives, one per episode: frag, the mean over its
	 * draws of the expected reward's gain over a uniform draw, Σ π_i r_i − Σ r_i / n (r: minus
	 * the fragmentation change, in GPUs), which the states an episode visits move less than
	 * the reward itself; alloc, the GPU allocation (%) at its end. */
	double *objective;
};

/* Fine-tunes m on traces[0..n) (names[] for the progress lines). */
int reinforce(struct mlp *m, const struct trace *traces, const char *const *names, size_t n_traces,
	      const struct reinforce_options *o, struct error *err);

#endif
