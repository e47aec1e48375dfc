/* node_affinity.c — NodeAffinity, as kube-scheduler's.  Filter: the pod's required node
 * affinity (requiredDuringSchedulingIgnoredDuringExecution: terms ORed, requirements ANDed),
 * "node(s) didn't match Pod's node affinity/selector" otherwise; its nodeSelector, which the
 * same plugin checks in Kubernetes, is checked with the resources (cluster.h) under the same
 * words and in the same place of the order.  Score: the sum of the weights of the preferred
 * terms the node matches (DefaultNormalizeScore).  On in every profile unless disabled, as in
 * Kubernetes' default profile; the filter skips pods without required affinity.  The labels
 * terms read are part of a node's shape, so classes answer, except for a pod whose terms read
 * a node's name (matchFields metadata.name), which is filtered or scored node by node.
 * O(requirements × labels) per node.
 */
#include <stddef.h>

#include "policies/kit/normalize.h"
#include "sim/model/placement_match.h"
#include "sim/plugin/filter.h"
#include "sim/plugin/score.h"

static bool skips(const void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)self;
	(void)c;
	return !p->rules || !p->rules->has_required;
}

static bool sees_node(const void *self, const struct pod_spec *p)
{
	(void)self;
	return p->rules && terms_read_name(p->rules->required, p->rules->n_required);
}

static bool admits(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	(void)self;
	return required_affinity_matches(p, &c->spec[node]);
}

static void why(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p, struct fit_error *e,
		uint32_t nodes)
{
	(void)self;
	(void)c;
	(void)node;
	fit_error_count(e, p, 1u << FIT_SELECTOR, nodes);
}

static bool score_sees_node(const void *self, const struct pod_spec *p)
{
	(void)self;
	return p->rules && terms_read_name(p->rules->preferred, p->rules->n_preferred);
}

static int64_t score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	(void)self;
	(void)gpus;
	return node_preferred_weight(p, &c->spec[node]);
}

static void normalize(void *self, int64_t *scores, size_t n)
{
	(void)self;
	normalize_by_max(scores, n, false);
}

const struct plugin node_affinity_plugin = {
	.name = "NodeAffinity",
	.summary = "a pod's required node affinity filters nodes; its preferred terms score by weight (on by default)",
	.filter = &(const struct filter_ops){
		.spec_only = true,
		.skips = skips,
		.sees_node = sees_node,
		.admits = admits,
		.why = why,
	},
	.score = &(const struct policy_ops){
		.name = "NodeAffinity",
		.summary = "the weights of the preferred node affinity terms a node matches",
		.sees_node = score_sees_node,
		.score = score,
		.normalize = normalize,
	},
	.by_default = true,
};
