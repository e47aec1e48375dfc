/* dot_product_score.c — DotProductScore, Tetris' packing heuristic as the reference applies it.
 *
 * The node's free resources and the pod's request become (CPU, GPU) vectors; score =
 * 100·(1 − dot/len), best over the node's candidate vectors, 0 when none fits.
 *   dimExtMethod merge:  one node vector (CPU left, all GPU milli left)
 *                share:  one per partly used GPU that fits a shared pod, plus one for the idle
 *                        GPUs (CPU left, that GPU's milli / the idle milli)
 *                divide: as share, with CPU left scaled by that GPU milli's share of the idle
 *                extend: (CPU left, each partly used GPU, the idle GPUs together), against a
 *                        pod vector per place it could go
 *   normMethod   max:    divide by (128 CPUs, 8 GPUs); node: by the node's capacity;
 *                pod:    by the pod's request, then tanh(dot/len/10)
 * With gpuSelMethod DotProductScore, the chosen vector's GPUs are used.  Args (pluginConfig):
 * dimExtMethod (default share) and normMethod (default max).
 */
#include <math.h>
#include <stdlib.h>

#include "sim/plugin/score.h"
#include "policies/kit/args.h"

#define MAX_SPEC_CPU 128000.0
#define MAX_SPEC_GPU 8000.0
#define MAX_DIMS (MAX_GPUS_PER_NODE + 2)

enum dim_ext { DIM_MERGE, DIM_SHARE, DIM_DIVIDE, DIM_EXTEND };
enum norm { NORM_MAX, NORM_NODE, NORM_POD };

struct dot_product {
	enum dim_ext dim;
	enum norm norm;
};

struct vec {
	double v[MAX_DIMS];
	int n;
	uint32_t gpus;
};

static int dot_init(void **self, const struct plugin_env *env, struct error *err)
{
	static const char *const dims[] = {"merge", "share", "divide", "extend"};
	static const char *const norms[] = {"max", "node", "pod"};
	int dim = DIM_SHARE, norm = NORM_MAX;
	if (arg_choice(env, "DotProductScore", "dimExtMethod", dims, 4, &dim, err) ||
	    arg_choice(env, "DotProductScore", "normMethod", norms, 3, &norm, err))
		return -1;
	struct dot_product *d = malloc(sizeof *d);
	if (!d)
		return error_set(err, "out of memory");
	d->dim = (enum dim_ext)dim;
	d->norm = (enum norm)norm;
	*self = d;
	return 0;
}

/* Idle GPUs and their mask (for the exclusive vector). */
static int idle_gpus(const struct node_spec *n, const struct node_state *s, uint32_t *mask)
{
	int idle = 0;
	*mask = 0;
	for (int g = 0; g < n->gpu_count; g++)
		if (s->gpu_left[g] == GPU_MILLI) {
			idle++;
			*mask |= 1u << g;
		}
	return idle;
}

static int node_vectors(const struct dot_product *d, const struct node_spec *n, const struct node_state *s,
			double cpu_left, int64_t req, struct vec *out)
{
	int count = 0;
	double total = s->gpu_left_total;
	if (d->dim == DIM_MERGE) {
		out[count++] = (struct vec){{cpu_left, total}, 2, 0};
		return count;
	}
	uint32_t idle_mask;
	int idle = idle_gpus(n, s, &idle_mask);
	if (d->dim == DIM_EXTEND) {
		struct vec v = {{cpu_left}, 1, 0};
		for (int g = 0; g < n->gpu_count; g++)
			if (s->gpu_left[g] > 0 && s->gpu_left[g] < GPU_MILLI)
				v.v[v.n++] = s->gpu_left[g];
		if (idle)
			v.v[v.n++] = idle * GPU_MILLI;
		out[count++] = v;
		return count;
	}
	if (req < GPU_MILLI)
		for (int g = 0; g < n->gpu_count; g++) {
			int left = s->gpu_left[g];
			if (left >= GPU_MILLI || left < req)
				continue;
			double cpu = d->dim == DIM_SHARE ? cpu_left : cpu_left * left / total;
			out[count++] = (struct vec){{cpu, left}, 2, 1u << g};
		}
	if (req <= (int64_t)idle * GPU_MILLI && (d->dim == DIM_SHARE || total > 0)) {
		double cpu = d->dim == DIM_SHARE ? cpu_left : cpu_left * idle * GPU_MILLI / total;
		int count_needed = req > 0 ? (int)((req + GPU_MILLI - 1) / GPU_MILLI) : 0;
		uint32_t mask = whole_gpus_lowest(s->gpu_left, n->gpu_count, count_needed);
		out[count++] = (struct vec){{cpu, idle * GPU_MILLI}, 2, mask};
	}
	return count;
}

/* extend: one pod vector per place the request fits, the request in that place's dimension. */
static int extend_pod_vectors(const struct node_spec *n, const struct node_state *s, double cpu, int64_t req,
			      const struct pod_spec *p, struct vec *out)
{
	int places = 0, count = 0;
	int left[MAX_DIMS];
	uint32_t where[MAX_DIMS];
	uint32_t idle_mask;
	for (int g = 0; g < n->gpu_count; g++)
		if (s->gpu_left[g] > 0 && s->gpu_left[g] < GPU_MILLI) {
			left[places] = s->gpu_left[g];
			where[places++] = 1u << g;
		}
	int idle = idle_gpus(n, s, &idle_mask);
	if (idle) {
		left[places] = idle * GPU_MILLI;
		where[places++] = whole_gpus_lowest(s->gpu_left, n->gpu_count, p->gpu_count);
	}
	for (int i = 0; i < places; i++) {
		if (left[i] < req)
			continue;
		struct vec v = {{cpu}, places + 1, where[i]};
		v.v[i + 1] = (double)req;
		out[count++] = v;
	}
	return count;
}

static void normalize(const struct dot_product *d, struct vec *v, const struct node_spec *n, double cpu, double req)
{
	for (int i = 0; i < v->n; i++) {
		double by = d->norm == NORM_MAX	 ? (i ? MAX_SPEC_GPU : MAX_SPEC_CPU)
			    : d->norm == NORM_NODE ? (i ? (double)n->gpu_count * GPU_MILLI : (double)n->cpu_milli)
						   : (i ? req : cpu);
		v->v[i] = by > 0 ? v->v[i] / by : 0;
	}
}

static int64_t dot_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	const struct dot_product *d = self;
	const struct node_spec *n = &c->spec[node];
	const struct node_state *s = &c->state[node];
	double cpu_left = (double)node_cpu_left(c, node), cpu = (double)pod_cpu_nonzero(p);
	int64_t req = pod_gpu_total(p);
	if (cpu_left < cpu)
		return 0;
	struct vec nodes[MAX_GPUS_PER_NODE + 1], pods[MAX_GPUS_PER_NODE + 1];
	int n_nodes = node_vectors(d, n, s, cpu_left, req, nodes);
	int n_pods = d->dim == DIM_EXTEND ? extend_pod_vectors(n, s, cpu, req, p, pods) : 1;
	if (d->dim != DIM_EXTEND)
		pods[0] = (struct vec){{cpu, (double)req}, 2, 0};
	double best = -1;
	for (int i = 0; i < n_nodes; i++)
		for (int j = 0; j < n_pods; j++) {
			struct vec nv = nodes[i], pv = pods[j];
			if (nv.n != pv.n)
				continue;
			normalize(d, &nv, n, cpu, (double)req);
			normalize(d, &pv, n, cpu, (double)req);
			double dot = 0;
			for (int k = 0; k < nv.n; k++)
				dot += nv.v[k] * pv.v[k];
			dot /= pv.n;
			if (d->norm == NORM_POD)
				dot = tanh(dot / 10);
			double score = 1 - dot;
			if (best < score) {
				best = score;
				*gpus = d->dim == DIM_EXTEND ? pv.gpus : nv.gpus;
			}
		}
	return best < 0 ? 0 : (int64_t)(SCORE_MAX * best);
}

const struct policy_ops dot_product_score_policy = {
	.name = "DotProductScore",
	.alias = "dotprod",
	.args = (const char *const[]){"dimExtMethod", "normMethod", NULL},
	.summary = "Tetris: prefer the node whose free resources least align with the request",
	.init = dot_init,
	.score = dot_score,
	.free = free,
};
