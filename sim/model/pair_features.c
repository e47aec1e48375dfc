/* features.c — the feature vector of a (pod, node) pair, which MLPScore and `simon train` read
 * (pair_features.h).  Its names and order are a model file's contract: changing them is a new
 * feature list, which old model files then fail to load with a clear error.
 *
 * Scales are fixed, so a feature means the same on every cluster: CPU per 128 cores, memory
 * per TiB, GPUs per 8 (an openb node's most; the 8 GPUs with the most idle milli are listed),
 * GPU milli per 1000; a node's free resources as shares
 * of its own capacity.  Each name says what it is; pair_features documents the rest.
 */
#include <string.h>

#include "sim/model/pair_features.h"

const char *const pair_feature_names[PAIR_FEATURES] = {
	"pod_cpu",       "pod_mem",        "pod_gpus",      "pod_gpu_milli",  "pod_model_constrained",
	"node_cpu_free", "node_mem_free",  "node_pods_free", "node_gpus",     "node_gpu_free_1",
	"node_gpu_free_2", "node_gpu_free_3", "node_gpu_free_4", "node_gpu_free_5", "node_gpu_free_6",
	"node_gpu_free_7", "node_gpu_free_8", "node_model_match", "left_cpu",   "left_mem",
	"left_gpu_milli", "left_idle_gpus", "left_partial_gpus", "frag_before", "frag_delta",
};

#define CPU_SCALE (128.0 * 1000)
#define MEM_SCALE (1024.0 * 1024 * 1024 * 1024)
#define GPU_SCALE 8.0

static float share(int64_t part, int64_t whole)
{
	return whole > 0 ? (float)((double)part / (double)whole) : 0;
}

/* The GPUs p takes on the node with gpu_left, and F after (cpu_after is the CPU left). */
static uint32_t place_gpus(const struct typical_pods *t, const struct node_spec *n, int64_t cpu_after,
			   int16_t *left, const struct pod_spec *p, double *after)
{
	if (p->gpu_count == 1 && p->gpu_milli < GPU_MILLI) {
		uint32_t best = 0;
		for (int g = 0; g < n->gpu_count; g++) {
			if (left[g] < p->gpu_milli)
				continue;
			left[g] = (int16_t)(left[g] - p->gpu_milli);
			double f = node_frag(t, n, cpu_after, left);
			left[g] = (int16_t)(left[g] + p->gpu_milli);
			if (!best || f < *after) {
				best = 1u << g;
				*after = f;
			}
		}
		for (int g = 0; g < n->gpu_count; g++)
			if (best >> g & 1)
				left[g] = (int16_t)(left[g] - p->gpu_milli);
		return best;
	}
	uint32_t gpus = p->gpu_count ? whole_gpus_lowest(left, n->gpu_count, p->gpu_count) : 0;
	for (int g = 0; g < n->gpu_count; g++)
		if (gpus >> g & 1)
			left[g] = (int16_t)(left[g] - p->gpu_milli);
	*after = node_frag(t, n, cpu_after, left);
	return gpus;
}

/* The 8 largest idle amounts, largest first, 0 past the node's GPUs. */
static void gpus_sorted(const int16_t *left, int n, float *out)
{
	for (int i = 0; i < 8; i++)
		out[i] = 0;
	for (int i = 0; i < n; i++) {
		float v = (float)left[i] / GPU_MILLI;
		int j = i < 8 ? i : 8;
		for (; j > 0 && out[j - 1] < v; j--)
			if (j < 8)
				out[j] = out[j - 1];
		if (j < 8)
			out[j] = v;
	}
}

void pair_features(const struct cluster *c, const struct typical_pods *t, size_t node, const struct pod_spec *p,
		   float *x, uint32_t *gpus)
{
	const struct node_spec *n = &c->spec[node];
	const struct node_state *s = &c->state[node];
	int64_t cpu_left = node_cpu_left(c, node), mem_left = n->mem_bytes - s->mem_used;
	x[0] = (float)(pod_cpu_nonzero(p) / CPU_SCALE);
	x[1] = (float)((double)p->mem_bytes / MEM_SCALE);
	x[2] = (float)(p->gpu_count / GPU_SCALE);
	x[3] = p->gpu_count ? (float)p->gpu_milli / GPU_MILLI : 0;
	x[4] = p->model_mask != 0;
	x[5] = share(cpu_left, n->cpu_milli);
	x[6] = share(mem_left, n->mem_bytes);
	x[7] = share(n->max_pods - s->pods, n->max_pods);
	x[8] = (float)(n->gpu_count / GPU_SCALE);
	gpus_sorted(s->gpu_left, n->gpu_count, &x[9]);
	x[17] = p->model_mask != 0 && gpu_model_ok(n, p);

	double before = node_frag(t, n, cpu_left, s->gpu_left), after = 0;
	int16_t left[MAX_GPUS_PER_NODE];
	memcpy(left, s->gpu_left, sizeof left);
	int64_t cpu_after = cpu_left - pod_cpu_nonzero(p);
	*gpus = place_gpus(t, n, cpu_after, left, p, &after);
	int idle = 0, partial = 0, milli = 0;
	for (int g = 0; g < n->gpu_count; g++) {
		milli += left[g];
		idle += left[g] == GPU_MILLI;
		partial += left[g] > 0 && left[g] < GPU_MILLI;
	}
	x[18] = share(cpu_after, n->cpu_milli);
	x[19] = share(mem_left - p->mem_bytes, n->mem_bytes);
	x[20] = (float)(milli / (GPU_MILLI * GPU_SCALE));
	x[21] = (float)(idle / GPU_SCALE);
	x[22] = (float)(partial / GPU_SCALE);
	x[23] = (float)(before / (GPU_MILLI * GPU_SCALE));
	x[PAIR_FRAG_DELTA] = (float)((after - before) / GPU_MILLI);
}
