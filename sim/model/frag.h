/* frag.h — the target workload ("typical pods") and GPU fragmentation, as the ATC'23 paper
 * and its simulator define them (pkg/utils/frag.go).
 *
 * Typical pods: the original pods grouped by (CPU, per-GPU milli, GPU count, GPU model list),
 * most frequent first, kept in steps until they cover the popularity threshold, then
 * renormalised so their frequencies sum to 1.
 *
 * Fragmentation of a node: for each typical pod p with frequency f_p, if p's GPUs and CPU
 * fit (Q3), the idle milli on GPUs too small for p is fragmented; otherwise (lacking CPU,
 * GPU, model access, or p is CPU-only) all idle milli is.  F = Σ f_p · fragmented milli.
 * O(typical pods × GPUs) per node.
 */
#ifndef SIMON_FRAG_H
#define SIMON_FRAG_H

#include <stddef.h>

#include "sim/load/config.h"
#include "sim/load/workload.h"

struct typical_pod {
	int64_t cpu_milli;       /* non-zero request, as scored */
	int gpu_milli;
	int gpu_count;
	const char *model_spec;  /* NULL for any */
	uint64_t model_mask;
	double freq;             /* after renormalisation; the list sums to 1 */
};

struct typical_pods {
	struct typical_pod *items;
	size_t n;
	double coverage;         /* share of the (weighted) pods the kept groups cover, 0..1 */
};

int typical_pods_build(struct typical_pods *t, const struct pod_spec *pods, size_t n_pods,
		       const struct typical_pods_config *cfg, struct error *err);
void typical_pods_release(struct typical_pods *t);

/* F for a node in the given state (which may be hypothetical, as FGD evaluates). */
double node_frag(const struct typical_pods *t, const struct node_spec *n, int64_t cpu_left, const int16_t *gpu_left);

#endif
