/* node_unschedulable.c — NodeUnschedulable, as kube-scheduler's: a cordoned node
 * (spec.unschedulable) takes only pods that tolerate node.kubernetes.io/unschedulable:NoSchedule,
 * "node(s) were unschedulable" otherwise.  On in every profile unless disabled, as in
 * Kubernetes' default profile; it skips every pod in a cluster with no cordoned node.  The
 * cordon is part of a node's shape, so classes answer for it.  O(tolerations) per node.
 */
#include <stdlib.h>

#include "sim/load/placement_match.h"
#include "sim/plugin/filter.h"

struct cordons {
	bool any;   /* some node is cordoned */
};

static bool skips(const void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	const struct cordons *k = self;
	return !k->any || pod_tolerates_cordon(p);
}

static bool admits(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	(void)self;
	return !c->spec[node].unschedulable || pod_tolerates_cordon(p);
}

static void why(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p, struct fit_error *e,
		uint32_t nodes)
{
	(void)self;
	(void)c;
	(void)node;
	fit_error_count(e, p, 1u << FIT_UNSCHEDULABLE, nodes);
}

static int init(void **self, const struct plugin_env *env, struct error *err)
{
	*self = NULL;
	if (!env->cluster)
		return 0;
	struct cordons *k = calloc(1, sizeof *k);
	if (!k)
		return error_set(err, "out of memory for NodeUnschedulable");
	for (size_t i = 0; i < env->cluster->n && !k->any; i++)
		k->any = env->cluster->spec[i].unschedulable;
	*self = k;
	return 0;
}

const struct plugin node_unschedulable_plugin = {
	.name = "NodeUnschedulable",
	.summary = "a cordoned node takes only pods that tolerate its cordon (on by default)",
	.init = init,
	.free = free,
	.filter = &(const struct filter_ops){.spec_only = true, .skips = skips, .admits = admits, .why = why},
	.by_default = true,
};
