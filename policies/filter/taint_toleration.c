/* taint_toleration.c — TaintToleration, as kube-scheduler's.  Filter: a node whose NoSchedule
 * or NoExecute taint the pod does not tolerate turns it away, "node(s) had untolerated taint
 * {key: value}" naming the first such taint.  Score: the node's PreferNoSchedule taints the
 * pod does not tolerate, fewer better (DefaultNormalizeScore, reversed).  A toleration matches
 * as core/v1's ToleratesTaint (placement_match.h).  On in every profile unless disabled, as
 * in Kubernetes' default profile; the filter skips every pod in a cluster without a hard
 * taint.  Taints are part of a node's shape, so classes answer for both.  O(taints ×
 * tolerations) per node.
 */
#include <stdlib.h>

#include "policies/kit/normalize.h"
#include "sim/model/placement_match.h"
#include "sim/plugin/filter.h"
#include "sim/plugin/score.h"

struct taints {
	bool hard;   /* some node has a NoSchedule or NoExecute taint */
};

static bool skips(const void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	(void)p;
	return !((const struct taints *)self)->hard;
}

static bool admits(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	(void)self;
	return first_untolerated(&c->spec[node], p) == NULL;
}

static void why(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p, struct fit_error *e,
		uint32_t nodes)
{
	(void)self;
	e->taint_nodes[first_untolerated(&c->spec[node], p)->text] += nodes;
}

static int init(void **self, const struct plugin_env *env, struct error *err)
{
	*self = NULL;
	if (!env->cluster)
		return 0;
	struct taints *t = calloc(1, sizeof *t);
	if (!t)
		return error_set(err, "out of memory for TaintToleration");
	for (size_t i = 0; i < env->cluster->n; i++)
		for (uint32_t k = 0; k < env->cluster->spec[i].n_taints; k++)
			t->hard |= env->cluster->spec[i].taints[k].effect != EFFECT_PREFER_NO_SCHEDULE;
	*self = t;
	return 0;
}

static int64_t score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	(void)self;
	(void)gpus;
	return prefer_untolerated(&c->spec[node], p);
}

static void normalize(void *self, int64_t *scores, size_t n)
{
	(void)self;
	normalize_by_max(scores, n, true);
}

const struct plugin taint_toleration_plugin = {
	.name = "TaintToleration",
	.summary = "a node's untolerated NoSchedule/NoExecute taints turn a pod away; PreferNoSchedule ones score (on by default)",
	.init = init,
	.free = free,
	.filter = &(const struct filter_ops){.spec_only = true, .skips = skips, .admits = admits, .why = why},
	.score = &(const struct policy_ops){
		.name = "TaintToleration",
		.summary = "fewer untolerated PreferNoSchedule taints score higher",
		.score = score,
		.normalize = normalize,
	},
	.by_default = true,
};
