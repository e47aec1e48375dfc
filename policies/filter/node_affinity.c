/* node_affinity.c — NodeAffinity, as kube-scheduler's.  Filter: the pod's required node
 * affinity (requiredDuringSchedulingIgnoredDuringExecution: terms ORed, requirements ANDed),
 * "node(s) didn't match Pod's node affinity/selector" otherwise; its nodeSelector, which the
 * same plugin checks in Kubernetes, is checked with the resources (cluster.h) under the same
 * words and in the same place of the order.  Score: the sum of the weights of the preferred
 * terms the node matches (DefaultNormalizeScore).  On in every profile unless disabled, as in
 * Kubernetes' default profile; the filter skips pods without required affinity.  The labels
 * terms read are part of a node's shape, so classes answer, except for a pod whose terms read
 * a node's name (matchFields metadata.name), which is filtered or scored node by node.
 *
 * Its arg addedAffinity (a NodeAffinity: required terms and preferred weighted terms) applies to
 * every pod, as kube-scheduler's does: a node its required terms do not match turns every pod
 * away first, "node(s) didn't match scheduler-enforced node affinity"; its preferred terms add
 * to every pod's score.  Their labels are not part of a node's shape, unless a pod reads them
 * too: a profile with addedAffinity otherwise filters or scores node by node.
 * O(requirements × labels) per node.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policies/kit/args.h"
#include "policies/kit/normalize.h"
#include "sim/load/placement_match.h"
#include "sim/plugin/filter.h"
#include "sim/plugin/score.h"
#include "sim/util/number.h"

#define MAX_ADDED 16   /* terms, and requirements a term, of addedAffinity */

/* addedAffinity, read from the args (whose text it points into, which outlives it). */
struct added {
	struct node_term required[MAX_ADDED], preferred[MAX_ADDED];
	uint32_t n_required, n_preferred;
	bool has_required;
	bool reads_node;       /* some key of it is no part of a node's shape */
	struct requirement reqs[2 * MAX_ADDED][MAX_ADDED];
	const char *values[2 * MAX_ADDED][MAX_ADDED][MAX_ADDED];
};

static const char *const affinity_args[] = {
	"addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[].matchExpressions[].key",
	"addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[].matchExpressions[].operator",
	"addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[].matchExpressions[].values[]",
	"addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[].matchFields[].key",
	"addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[].matchFields[].operator",
	"addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[].matchFields[].values[]",
	"addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[].weight",
	"addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[].preference.matchExpressions[].key",
	"addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[].preference.matchExpressions[].operator",
	"addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[].preference.matchExpressions[].values[]",
	"addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[].preference.matchFields[].key",
	"addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[].preference.matchFields[].operator",
	"addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[].preference.matchFields[].values[]",
	NULL};

/* One requirement at prefix (…matchExpressions[j]), checked as the API checks it. */
static int read_requirement(const struct plugin_env *env, const char *prefix, const struct plugin_arg *key,
			    struct requirement *q, const char **values, struct error *err)
{
	static const char *const ops[] = {"In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"};
	static const uint8_t op_of[] = {OP_IN, OP_NOT_IN, OP_EXISTS, OP_DOES_NOT_EXIST, OP_GT, OP_LT};
	char field[240];
	int op = -1;
	snprintf(field, sizeof field, "%.200s.operator", prefix);
	if (arg_choice(env, "NodeAffinity", field, ops, 6, &op, err))
		return -1;
	if (op < 0)
		return arg_error(env, key, err, "NodeAffinity: %s needs an operator", prefix);
	*q = (struct requirement){.key = key->value, .values = values, .op = op_of[op],
				  .on_name = strstr(prefix, "matchFields") != NULL};
	for (uint32_t v = 0; v < MAX_ADDED; v++) {
		snprintf(field, sizeof field, "%.200s.values[%u]", prefix, v);
		const struct plugin_arg *a = arg_value(env, field);
		if (!a)
			break;
		values[q->n_values++] = a->value;
	}
	bool sets = q->op == OP_IN || q->op == OP_NOT_IN, numeric = q->op == OP_GT || q->op == OP_LT;
	if ((sets && !q->n_values) || (!sets && !numeric && q->n_values) ||
	    (numeric && (q->n_values != 1 || number_integer(values[0], INT64_MIN, INT64_MAX, &q->number) != NUMBER_OK)))
		return arg_error(env, key, err, "NodeAffinity: %s: In and NotIn take values, Exists and DoesNotExist none, "
					       "Gt and Lt one whole number", prefix);
	if (q->on_name && (strcmp(q->key, "metadata.name") || !sets || q->n_values != 1))
		return arg_error(env, key, err, "NodeAffinity: %s: matchFields takes metadata.name, In or NotIn, one value",
				 prefix);
	return 0;
}

/* The term at prefix: its matchExpressions then matchFields. */
static int read_term(struct added *a, const struct plugin_env *env, const char *prefix, uint32_t slot,
		     struct node_term *t, struct error *err)
{
	static const char *const parts[] = {"matchExpressions", "matchFields"};
	t->reqs = a->reqs[slot];
	for (int part = 0; part < 2; part++)
		for (uint32_t j = 0;; j++) {
			char at[200], field[220];
			snprintf(at, sizeof at, "%s.%s[%u]", prefix, parts[part], j);
			snprintf(field, sizeof field, "%s.key", at);
			const struct plugin_arg *key = arg_value(env, field);
			if (!key)
				break;
			if (t->n_reqs == MAX_ADDED)
				return arg_error(env, key, err, "NodeAffinity: at most %d requirements a term", MAX_ADDED);
			struct requirement *q = &a->reqs[slot][t->n_reqs];
			if (read_requirement(env, at, key, q, a->values[slot][t->n_reqs], err))
				return -1;
			t->n_reqs++;
		}
	return 0;
}

static int read_added(struct added *a, const struct plugin_env *env, struct error *err)
{
	static const char required[] = "addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
	static const char preferred[] = "addedAffinity.preferredDuringSchedulingIgnoredDuringExecution";
	char prefix[200], field[220];
	for (uint32_t i = 0; i < MAX_ADDED; i++) {
		snprintf(prefix, sizeof prefix, "%s[%u]", required, i);
		struct node_term *t = &a->required[a->n_required];
		if (read_term(a, env, prefix, i, t, err))
			return -1;
		if (!t->n_reqs)
			break;
		a->n_required++;
	}
	a->has_required = a->n_required > 0;
	for (uint32_t i = 0; i < MAX_ADDED; i++) {
		int64_t weight = 0;
		snprintf(field, sizeof field, "%s[%u].weight", preferred, i);
		const struct plugin_arg *w = arg_value(env, field);
		if (!w)
			break;
		if (arg_integer(env, "NodeAffinity", field, 1, 100, &weight, err))
			return -1;
		snprintf(prefix, sizeof prefix, "%s[%u].preference", preferred, i);
		struct node_term *t = &a->preferred[a->n_preferred++];
		if (read_term(a, env, prefix, MAX_ADDED + i, t, err))
			return -1;
		t->weight = (int32_t)weight;
	}
	for (uint32_t k = 0; k < 2 * MAX_ADDED && env->cluster; k++)
		for (uint32_t j = 0; j < MAX_ADDED && a->reqs[k][j].key; j++)
			a->reads_node |= a->reqs[k][j].on_name || !cluster_splits_on(env->cluster, a->reqs[k][j].key);
	return 0;
}

static int affinity_init(void **self, const struct plugin_env *env, struct error *err)
{
	struct added *a = calloc(1, sizeof *a);
	if (!a)
		return error_set(err, "out of memory for NodeAffinity");
	if (read_added(a, env, err)) {
		free(a);
		return -1;
	}
	*self = a;
	return 0;
}

static bool skips(const void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	const struct added *a = self;
	return (!p->rules || !p->rules->has_required) && !a->has_required;
}

static bool sees_node(const void *self, const struct pod_spec *p)
{
	const struct added *a = self;
	return (a->has_required && a->reads_node) || (p->rules && terms_read_name(p->rules->required, p->rules->n_required));
}

static bool terms_match(const struct node_term *t, uint32_t n, const struct node_spec *node)
{
	for (uint32_t i = 0; i < n; i++)
		if (node_term_matches(&t[i], node))
			return true;
	return false;
}

/* FIT_ENFORCED, FIT_SELECTOR, or -1 when node matches. */
static int mismatch(const struct added *a, const struct node_spec *n, const struct pod_spec *p)
{
	if (a->has_required && !terms_match(a->required, a->n_required, n))
		return FIT_ENFORCED;
	return required_affinity_matches(p, n) ? -1 : FIT_SELECTOR;
}

static bool admits(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	return mismatch(self, &c->spec[node], p) < 0;
}

static void why(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p, struct fit_error *e,
		uint32_t nodes)
{
	fit_error_count(e, p, 1u << mismatch(self, &c->spec[node], p), nodes);
}

static bool score_sees_node(const void *self, const struct pod_spec *p)
{
	const struct added *a = self;
	return (a->n_preferred && a->reads_node) || (p->rules && terms_read_name(p->rules->preferred, p->rules->n_preferred));
}

static bool score_skips(void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	return !((const struct added *)self)->n_preferred && (!p->rules || !p->rules->n_preferred);
}

static int64_t score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	(void)gpus;
	const struct added *a = self;
	int64_t sum = node_preferred_weight(p, &c->spec[node]);
	for (uint32_t i = 0; i < a->n_preferred; i++)
		sum += node_term_matches(&a->preferred[i], &c->spec[node]) ? a->preferred[i].weight : 0;
	return sum;
}

static void normalize(void *self, int64_t *scores, size_t n)
{
	(void)self;
	normalize_by_max(scores, n, false);
}

const struct plugin node_affinity_plugin = {
	.name = "NodeAffinity",
	.summary = "a pod's required node affinity filters nodes; its preferred terms score by weight (on by default)",
	.args = affinity_args,
	.init = affinity_init,
	.free = free,
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
		.args = affinity_args,
		.skips = score_skips,
		.sees_node = score_sees_node,
		.init = affinity_init,
		.free = free,
		.score = score,
		.normalize = normalize,
	},
	.by_default = true,
};
