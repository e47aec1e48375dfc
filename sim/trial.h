/* trial.h — the engine's side of a batch placer's trials (sim/plugin/batch.h, the handle).
 *
 * A trial places pods with a decoder scheduler and binds them, keeping what it bound so that
 * trial_undo takes all of it back, latest first: the cluster, its classes and the scores
 * cached by class are then as before (a class made meanwhile gets a new serial).  It keeps
 * the cluster's fragmentation current by the nodes it touches.
 */
#ifndef SIMON_TRIAL_H
#define SIMON_TRIAL_H

#include "sim/plugin/batch.h"
#include "sim/scheduler.h"

struct trial_step {
	const struct pod_spec *pod;
	struct placement placed;
};

struct trial {
	struct cluster *c;
	struct scheduler *decoder;   /* NULL for a placer without one: trial_place then places nothing */
	struct filter_chain *filters; /* the placer's profile's, which trial_place_on asks */
	const struct typical_pods *typical;
	double frag_start, frag;
	struct trial_step *steps;
	size_t n_steps, cap_steps;
};

/* A trial starting from the cluster's fragmentation frag (the engine's metrics hold it). */
void trial_init(struct trial *t, struct cluster *c, struct scheduler *decoder, struct filter_chain *filters,
		const struct typical_pods *typical, double frag);
void trial_release(struct trial *t);

/* With a batch profile: the placer decides the first pods of pods[0..n) at once (score.h's
 * .place), trying placements on c, which it leaves as it was; frag is c's fragmentation now.
 * An empty window decides nothing. */
int batch_place(struct scheduler *s, struct cluster *c, double frag, const struct pod_spec *const *pods, size_t n,
		struct pcg32 *rng, struct placement *out, size_t *decided, struct error *err);

#endif
