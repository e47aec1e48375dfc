/* batch.h — what a batch placer (score.h's .place) tries placements with: the engine's
 * handle, which a placer calls and never looks inside.
 *
 * A trial places pods with a decoder, the scheduler of the score plugin the placer names,
 * binding them on the live cluster and keeping what it bound so that trial_undo takes all of
 * it back, latest first.  The cluster is as it was whenever .place returns.  Cost per
 * placement: one scheduling cycle and two fragmentation computes; per undo, O(placements).
 */
#ifndef SIMON_BATCH_H
#define SIMON_BATCH_H

#include "sim/plugin/score.h"

/* Places p as the decoder would and binds it for the trial: *out (node -1 when none fits);
 * -1 when out of memory.  GPU selection draws from rng. */
int trial_place(struct trial *t, const struct pod_spec *p, struct pcg32 *rng, struct placement *out);
/* Places p on node when it fits there (GPUs as gpuSelMethod best picks them) and binds it for
 * the trial: *out, node -1 when it does not fit; -1 when out of memory. */
int trial_place_on(struct trial *t, const struct pod_spec *p, size_t node, struct placement *out);
/* Takes back every trial placement, latest first; -1 when out of memory. */
int trial_undo(struct trial *t);
/* The cluster, with the trial placements made. */
const struct cluster *trial_cluster(const struct trial *t);
/* The cluster's fragmentation (GPU milli, frag.h) with the trial placements made. */
double trial_frag(const struct trial *t);

#endif
