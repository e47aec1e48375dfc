/* greedy_score.c — GreedyScore: the feasible node with the most free memory scores 100 (the
 * lowest-numbered on ties), the others 0: the pipeline placer's greedy node choice.  With the
 * arg memoryFactor F (default 0: off), a node qualifies only when its free memory exceeds F ×
 * the pod's data (its simon.io/data-bytes, else its memory request), the rule of the placer it
 * comes from; when no feasible node qualifies the cycle fails and the pod waits.  The node is
 * nominated, so that it is scored apart from its class.  O(nodes) per pod. */
#include <stdlib.h>

#include "sim/plugin/score.h"
#include "policies/kit/args.h"
#include "policies/kit/feasible.h"

struct greedy {
	double memory_factor;
	int64_t chosen;           /* NO_NOMINEE: none qualifies */
};

static const char *const greedy_args[] = {"memoryFactor", NULL};

static int greedy_init(void **self, const struct plugin_env *env, struct error *err)
{
	struct greedy *g = calloc(1, sizeof *g);
	if (!g)
		return error_set(err, "out of memory");
	if (arg_number(env, "GreedyScore", "memoryFactor", 0, 1e6, &g->memory_factor, err)) {
		free(g);
		return -1;
	}
	*self = g;
	return 0;
}

static int64_t greedy_prescore(void *self, const struct cluster *c, const struct pod_spec *p,
			       const struct feasible_set *f, struct pcg32 *rng)
{
	(void)rng;
	struct greedy *g = self;
	double data = (double)(pod_data_bytes(p) ? pod_data_bytes(p) : p->mem_bytes);
	int64_t best_free = -1;
	g->chosen = NO_NOMINEE;
	feasible_mark(c, f, 1);
	for (size_t node = 0; node < c->n; node++) {
		int64_t free_mem = c->spec[node].mem_bytes - c->state[node].mem_used;
		if (free_mem > best_free && (double)free_mem > g->memory_factor * data && feasible_contains(c, f, node)) {
			best_free = free_mem;
			g->chosen = (int64_t)node;
		}
	}
	feasible_mark(c, f, 0);
	return g->chosen;
}

static int64_t greedy_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node,
			    uint32_t *gpus)
{
	(void)c;
	(void)p;
	(void)gpus;
	const struct greedy *g = self;
	if (g->chosen == NO_NOMINEE)
		return SCORE_ERROR;
	return (int64_t)node == g->chosen ? SCORE_MAX : 0;
}

const struct policy_ops greedy_score_policy = {
	.name = "GreedyScore",
	.summary = "the feasible node with the most free memory scores 100 (memoryFactor: the placer's memory rule)",
	.args = greedy_args,
	.init = greedy_init,
	.prescore = greedy_prescore,
	.score = greedy_score,
	.free = free,
};
