/* best_fit_score.c — BestFitScore: prefer the node the pod leaves with the least CPU and GPU.
 *
 * raw = ½·(cpuLeft − cpu)/128000 + ½·(gpuLeft − gpu)/8000 (milli; lower is tighter),
 * score = int((1 − raw)·100), then min-max rescaled across the feasible nodes.  As in the
 * reference, a node whose free CPU is below the pod's non-zero CPU request (100m for a
 * zero request) is a scoring error, which fails the pod's cycle.
 */
#include "sim/plugin/score.h"
#include "policies/kit/normalize.h"

#define MAX_SPEC_CPU 128000.0
#define MAX_SPEC_GPU 8000.0

static int64_t best_fit_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node,
			      uint32_t *gpus)
{
	(void)self;
	(void)gpus;
	double cpu_free = (double)node_cpu_left(c, node), gpu_free = c->state[node].gpu_left_total;
	double cpu_req = (double)pod_cpu_nonzero(p), gpu_req = (double)pod_gpu_total(p);
	if (cpu_free < cpu_req || gpu_free < gpu_req)
		return SCORE_ERROR;
	double raw = 0.5 * (cpu_free - cpu_req) / MAX_SPEC_CPU + 0.5 * (gpu_free - gpu_req) / MAX_SPEC_GPU;
	return (int64_t)((1.0 - raw) * SCORE_MAX);
}

static void best_fit_normalize(void *self, int64_t *scores, size_t n)
{
	(void)self;
	normalize_min_max(scores, n);
}

const struct policy_ops best_fit_score_policy = {
	.name = "BestFitScore",
	.summary = "the tightest fit in CPU and GPU (min-max normalised)",
	.score = best_fit_score,
	.normalize = best_fit_normalize,
};
