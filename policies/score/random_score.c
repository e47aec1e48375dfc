/* random_score.c — RandomScore: one feasible node, drawn per pod, scores 100; all others 0.
 *
 * The draw indexes the feasible nodes in node order, as the reference's does; the drawn node
 * is nominated, so that it is scored apart from its class.  O(nodes) per pod to find it. */
#include <stdlib.h>

#include "sim/plugin/score.h"
#include "policies/kit/feasible.h"

struct random_score {
	size_t chosen;
};

static int random_init(void **self, const struct plugin_env *env, struct error *err)
{
	(void)env;
	if (!(*self = calloc(1, sizeof(struct random_score))))
		return error_set(err, "out of memory");
	return 0;
}

static int64_t random_prescore(void *self, const struct cluster *c, const struct pod_spec *p,
			       const struct feasible_set *f, struct pcg32 *rng)
{
	(void)p;
	struct random_score *r = self;
	r->chosen = feasible_nth_node(c, f, pcg32_below(rng, (uint32_t)f->nodes));
	return (int64_t)r->chosen;
}

static int64_t random_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node,
			    uint32_t *gpus)
{
	(void)c;
	(void)p;
	(void)gpus;
	return node == ((struct random_score *)self)->chosen ? SCORE_MAX : 0;
}

const struct policy_ops random_score_policy = {
	.name = "RandomScore",
	.summary = "one feasible node at random scores 100, the rest 0",
	.gpu_sel = GPU_SEL_RANDOM,
	.init = random_init,
	.prescore = random_prescore,
	.score = random_score,
	.free = free,
};
