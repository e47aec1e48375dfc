/* gpu_packing_score.c — GpuPackingScore: fill partly used GPUs first, then partly used nodes,
 * and open idle nodes last (the reference's three bands, integer arithmetic as there):
 *   shared GPUs suffice   → 100 − Σ(idle% of the GPUs used)/10, at least 50
 *   must use idle GPUs    →  50 − idle GPUs used,               at least 33
 *   the node is all idle  →  33 − its GPUs,                     at least its GPUs
 * CPU-only pods score 0 everywhere.  GPUs are taken least-idle first.
 */
#include "sim/plugin/score.h"

static int64_t max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static int64_t gpu_packing_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node,
				 uint32_t *gpus)
{
	(void)self;
	(void)gpus;
	if (p->gpu_milli <= 0)
		return 0;
	const struct node_spec *n = &c->spec[node];
	const struct node_state *s = &c->state[node];
	int idle = 0;
	for (int g = 0; g < n->gpu_count; g++)
		idle += s->gpu_left[g] == GPU_MILLI;
	if (idle == n->gpu_count)
		return max64(SCORE_MAX / 3 - idle, idle);
	/* Least idle first; among equals, lowest index first (a stable ascending sort). */
	int16_t fitting[MAX_GPUS_PER_NODE];
	int n_fitting = 0;
	for (int g = 0; g < n->gpu_count; g++) {
		int16_t left = s->gpu_left[g];
		if (left < p->gpu_milli)
			continue;
		int at = n_fitting++;
		for (; at > 0 && fitting[at - 1] > left; at--)
			fitting[at] = fitting[at - 1];
		fitting[at] = left;
	}
	int need = p->gpu_count, idle_used = 0;
	int64_t idle_pct_used = 0;
	for (int k = 0; k < n_fitting && need > 0; k++, need--) {
		idle_used += fitting[k] == GPU_MILLI;
		idle_pct_used += (int64_t)fitting[k] * 100 / GPU_MILLI;
	}
	if (need > 0)
		return SCORE_ERROR;
	if (idle_used > 0)
		return max64(SCORE_MAX / 2 - idle_used, SCORE_MAX / 3);
	return max64(SCORE_MAX - idle_pct_used / 10, SCORE_MAX / 2);
}

const struct policy_ops gpu_packing_score_policy = {
	.name = "GpuPackingScore",
	.summary = "fill partly used GPUs, then partly used nodes, then idle nodes",
	.score = gpu_packing_score,
};
