/* cos_sim.c — cosSim, the reference's descheduler: nodes with under 2000 milli-CPU free first,
 * each group by GPU milli free (most first), then by name; of those with under 2000 milli-CPU
 * free and a GPU more than 500 milli free, each in turn loses one pod: the one whose request
 * is least like the node's free resources with the pod taken off (cosine of [CPU milli, GPU
 * milli] vectors, in [0, 1)).  O(nodes log nodes + pods).
 */
#include <math.h>

#include "policies/kit/evict_choice.h"
#include "sim/util/order.h"

#define COS_SIM_CPU_BAR 2000   /* the reference's hard-coded bars */
#define COS_SIM_GPU_BAR 500

/* The cosine of the angle between [a0, a1] and [b0, b1]: -1 when either is zero (the reference's
 * error value), and out of [0, 1] by more than 1e-3 likewise. */
static double cosine(double a0, double a1, double b0, double b1)
{
	double ma = sqrt(a0 * a0 + a1 * a1), mb = sqrt(b0 * b0 + b1 * b1);
	if (ma == 0 || mb == 0)
		return -1;
	double c = (a0 * b0 + a1 * b1) / (ma * mb);
	return c < -1e-3 || c > 1 + 1e-3 ? -1 : c;
}

static int64_t least_alike(const struct deschedule_view *v, size_t node)
{
	const struct cluster *c = v->c;
	int64_t victim = -1;
	double best = 1;
	for (uint32_t k = v->at[node]; k < v->at[node + 1]; k++) {
		uint32_t i = v->node_pods[k];
		const struct pod_spec *p = &v->pods[i];
		struct node_state s = state_without(v, &c->state[node], i);
		double cpu_left = (double)(c->spec[node].cpu_milli - s.cpu_used), gpu_left = (double)s.gpu_left_total;
		double sim = cosine(cpu_left, gpu_left, (double)p->cpu_milli, (double)pod_gpu_total(p));
		if (sim >= 0 && sim < best) {
			best = sim;
			victim = i;
		}
	}
	return victim;
}

static bool gpu_over_bar(const struct cluster *c, size_t node)
{
	for (int g = 0; g < c->spec[node].gpu_count; g++)
		if (c->state[node].gpu_left[g] > COS_SIM_GPU_BAR)
			return true;
	return false;
}

static int choose(void *self, const struct deschedule_view *v, size_t limit, uint32_t *victims, size_t *n,
		  struct error *err)
{
	(void)self;
	const struct cluster *c = v->c;
	struct evict_choice k;
	if (evict_choice_init(&k, v, victims, limit, err))
		return -1;
	for (size_t i = 0; i < c->n; i++)
		k.keys[i] = (struct node_key){node_cpu_left(c, i) < COS_SIM_CPU_BAR, c->state[i].gpu_left_total,
					      c->spec[i].name, (uint32_t)i};
	sort_items(k.keys, c->n, sizeof *k.keys, by_node_key);
	for (size_t i = 0; i < c->n && k.n < limit; i++) {
		uint32_t node = k.keys[i].node;
		int64_t victim = k.keys[i].under_bar && gpu_over_bar(c, node) ? least_alike(v, node) : -1;
		if (victim >= 0)
			evict_choice_take(&k, (uint32_t)victim);
	}
	return evict_choice_finish(&k, n);
}

const struct plugin cos_sim_plugin = {
	.name = "cosSim",
	.summary = "on CPU-starved nodes with a free GPU, the pod least like the node's free room",
	.deschedule = &(const struct deschedule_ops){.choose = choose},
};
