/* pair_features.h — what a learned scorer (MLPScore) and its trainer read of placing a pod on
 * a node.
 */
#ifndef SIMON_PAIR_FEATURES_H
#define SIMON_PAIR_FEATURES_H

#include "sim/model/cluster.h"
#include "sim/model/frag.h"

/* What a learned scorer reads of placing a pod on a node (policies/features.c): the pod's
 * requests, the node's free resources, what the placement would leave, and how it changes
 * the node's fragmentation F (frag.h), each scaled to about 0..1.  The placement is the one
 * the features describe: a shared pod on the GPU that leaves F lowest (the lowest index on
 * ties), whole-GPU pods on the lowest-index idle GPUs.  O(typical pods × GPUs²). */
#define PAIR_FEATURES 25
#define PAIR_FRAG_DELTA 24   /* the index of frag_delta: F after − F before, in GPUs */
extern const char *const pair_feature_names[PAIR_FEATURES];
/* x[0..PAIR_FEATURES) for p on node, and the GPUs the placement takes. */
void pair_features(const struct cluster *c, const struct typical_pods *t, size_t node, const struct pod_spec *p,
		   float *x, uint32_t *gpus);

#endif
