/* round_robin_score.c — RoundRobinScore: nodes in turn.  The first feasible node at or after
 * the one after the last node a pod was bound to (wrapping round) scores 100, the others 0: the
 * pipeline placer's round-robin node choice.  It is nominated, so that it is scored apart from
 * its class.  O(nodes) per pod to find it (O(log nodes) when the profile scans nodes). */
#include <stdlib.h>

#include "policies/kit/feasible.h"
#include "sim/plugin/score.h"

struct round_robin {
	size_t next;      /* where the turn starts */
	size_t chosen;
};

static int round_robin_init(void **self, const struct plugin_env *env, struct error *err)
{
	(void)env;
	if (!(*self = calloc(1, sizeof(struct round_robin))))
		return error_set(err, "out of memory");
	return 0;
}

static int64_t round_robin_prescore(void *self, const struct cluster *c, const struct pod_spec *p,
				    const struct feasible_set *f, struct pcg32 *rng)
{
	(void)p;
	(void)rng;
	struct round_robin *r = self;
	return (int64_t)(r->chosen = feasible_next_node(c, f, r->next));
}

static int64_t round_robin_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node,
				 uint32_t *gpus)
{
	(void)c;
	(void)p;
	(void)gpus;
	return node == ((struct round_robin *)self)->chosen ? SCORE_MAX : 0;
}

static void round_robin_bound(void *self, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	(void)p;
	((struct round_robin *)self)->next = (node + 1) % c->n;
}

const struct policy_ops round_robin_score_policy = {
	.name = "RoundRobinScore",
	.summary = "nodes in turn: the first feasible node after the last one bound scores 100",
	.init = round_robin_init,
	.prescore = round_robin_prescore,
	.score = round_robin_score,
	.bound = round_robin_bound,
	.free = free,
};
