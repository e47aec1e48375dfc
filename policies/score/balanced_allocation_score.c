/* balanced_allocation_score.c — NodeResourcesBalancedAllocation, as kube-scheduler's: with the
 * pod added, each resource's requested / allocatable (capped at 1, resources the node lacks or,
 * scalar ones, the pod does not ask for left out; actual requests, not non-zero ones), and the
 * score (1 − their standard deviation) × 100, truncated: |f1 − f2| / 2 for two fractions.  A
 * pod that asks for none of the resources is not scored (its PreScore's Skip: 0 everywhere).
 * Args: resources (names, weight 1), default cpu and memory.  Reads only a node's class key.
 * O(resources) per node.
 */
#include <math.h>
#include <stdlib.h>

#include "policies/kit/node_resources.h"
#include "sim/plugin/score.h"

static const char *const balanced_args[] = {"resources[].name", "resources[].weight", NULL};

static int balanced_init(void **self, const struct plugin_env *env, struct error *err)
{
	struct weighed_resources *rs = calloc(1, sizeof *rs);
	if (!rs)
		return error_set(err, "out of memory");
	if (weighed_resources_read(env, "NodeResourcesBalancedAllocation", "resources", 1, rs, err)) {
		free(rs);
		return -1;
	}
	*self = rs;
	return 0;
}

static int64_t balanced_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	(void)gpus;
	const struct weighed_resources *rs = self;
	if (!weighed_pod_asks(rs, p, true))
		return 0;
	double fraction[MAX_WEIGHED_RESOURCES], total = 0;
	int n = 0;
	for (int i = 0; i < rs->n; i++) {
		int64_t req, alloc = weighed_amounts(&rs->at[i], c, node, p, true, &req);
		if (alloc == 0)
			continue;
		double f = (double)req / (double)alloc;
		fraction[n] = f > 1 ? 1 : f;
		total += fraction[n++];
	}
	double sd = 0;
	if (n == 2) {
		sd = fabs((fraction[0] - fraction[1]) / 2);
	} else if (n > 2) {
		double mean = total / n, sum = 0;
		for (int i = 0; i < n; i++)
			sum += (fraction[i] - mean) * (fraction[i] - mean);
		sd = sqrt(sum / n);
	}
	return (int64_t)((1 - sd) * SCORE_MAX);
}

const struct policy_ops balanced_allocation_score_policy = {
	.name = "NodeResourcesBalancedAllocation",
	.summary = "kube-scheduler's balance of resource fractions: 100 × (1 − their standard deviation)",
	.args = balanced_args,
	.init = balanced_init,
	.score = balanced_score,
	.free = free,
};
