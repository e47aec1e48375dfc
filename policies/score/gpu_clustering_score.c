/* gpu_clustering_score.c — GpuClusteringScore: keep pods of one GPU shape together.
 *
 * A GPU pod's shape is "shared" or "k whole GPUs".  With t = 25·(8000 − node idle milli)/8000
 * (integer arithmetic, as the reference): a node already running only this shape scores
 * 75 + t, running this shape among others 50 + t, running no GPU pod 25 + t, running only
 * other shapes t.  CPU-only pods score 0.
 */
#include "sim/plugin/score.h"

#define MAX_SPEC_GPU 8000

static int64_t gpu_clustering_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node,
				    uint32_t *gpus)
{
	(void)self;
	(void)gpus;
	int shape = pod_gpu_shape(p);
	if (shape < 0)
		return 0;
	const struct node_state *s = &c->state[node];
	int shapes_present = 0;
	for (int k = 0; k < N_GPU_SHAPES; k++)
		shapes_present += s->shape_pods[k] > 0;
	int64_t t = (int64_t)(SCORE_MAX / 4) * (MAX_SPEC_GPU - s->gpu_left_total) / MAX_SPEC_GPU;
	if (shape < N_GPU_SHAPES && s->shape_pods[shape] > 0)
		return t + (shapes_present == 1 ? SCORE_MAX * 3 / 4 : SCORE_MAX * 2 / 4);
	return t + (shapes_present == 0 ? SCORE_MAX / 4 : 0);
}

const struct policy_ops gpu_clustering_score_policy = {
	.name = "GpuClusteringScore",
	.summary = "prefer nodes already running pods of the same GPU shape",
	.score = gpu_clustering_score,
};
