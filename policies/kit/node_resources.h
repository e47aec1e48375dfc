/* node_resources.h — the resources kube-scheduler's resource scores weigh (NodeResourcesFit's
 * scoringStrategy.resources, NodeResourcesBalancedAllocation's resources), read from a plugin's
 * args, and a node's allocatable and requested amount of each with a pod added, as its
 * resourceAllocationScorer counts them.
 *
 * A resource is named as Kubernetes names it: cpu, memory, ephemeral-storage, a scalar
 * resource (extended, hugepages-*), nvidia.com/gpu or amd.com/gpu (whole GPUs: a node's
 * GPUs, those not fully idle held), or simon's alibabacloud.com/gpu-milli (GPU share) and
 * gpu-count.  A scalar resource (GPUs included) the pod does not ask for is left out of its
 * score, as Kubernetes leaves it out; so is one a node has none of.  O(1) per resource.
 */
#ifndef SIMON_NODE_RESOURCES_H
#define SIMON_NODE_RESOURCES_H

#include "sim/plugin/plugin.h"

#define MAX_WEIGHED_RESOURCES 16

enum weighed_kind { WEIGH_CPU, WEIGH_MEMORY, WEIGH_STORAGE, WEIGH_SCALAR, WEIGH_DEVICES, WEIGH_GPU_MILLI };

struct weighed_resource {
	const char *name;         /* as written (in the args, which outlive the plugin) */
	enum weighed_kind kind;
	int slot;                 /* WEIGH_SCALAR, WEIGH_STORAGE: the workload's slot, -1: no pod asks */
	int64_t weight;
};

struct weighed_resources {
	struct weighed_resource at[MAX_WEIGHED_RESOURCES];
	int n;
};

/* The list under key (key[i].name, key[i].weight: 1..max_weight, default 1) of plugin's args,
 * else cpu and memory of weight 1.  Names the cluster's workload knows nothing of are kept
 * (they weigh nothing). */
int weighed_resources_read(const struct plugin_env *env, const char *plugin, const char *key, int64_t max_weight,
			   struct weighed_resources *out, struct error *err);
/* weighed_amounts for the resources other than cpu and memory. */
int64_t weighed_amounts_other(const struct weighed_resource *r, const struct cluster *c, size_t node,
			      const struct pod_spec *p, bool use_requested, int64_t *req);

/* Node's allocatable of r (0: r is left out) and what it holds with p added into *req (past
 * INT64_MAX: INT64_MAX, scored as full); actual requests for cpu and memory with use_requested,
 * else the non-zero ones.  Inline for cpu and memory, every score's resources by default. */
static inline int64_t weighed_amounts(const struct weighed_resource *r, const struct cluster *c, size_t node,
				      const struct pod_spec *p, bool use_requested, int64_t *req)
{
	if (r->kind != WEIGH_CPU && r->kind != WEIGH_MEMORY)
		return weighed_amounts_other(r, c, node, p, use_requested, req);
	const struct node_state *s = &c->state[node];
	bool cpu = r->kind == WEIGH_CPU;
	int64_t held = cpu ? (use_requested ? s->cpu_used : s->nonzero_cpu_used)
			   : (use_requested ? s->mem_used : s->nonzero_mem_used);
	int64_t asked = cpu ? (use_requested ? p->cpu_milli : p->nonzero_cpu) : (use_requested ? p->mem_bytes : p->nonzero_mem);
	if (__builtin_add_overflow(held, asked, req))
		*req = INT64_MAX;
	return cpu ? c->spec[node].cpu_milli : c->spec[node].mem_bytes;
}
/* Whether p asks for any of the resources (a best-effort pod asks for none). */
bool weighed_pod_asks(const struct weighed_resources *rs, const struct pod_spec *p, bool use_requested);
/* Whether an amount of r depends on more of a node than its class key: ephemeral-storage that
 * no pod asks for (its allocatable is not part of a node's shape then). */
bool weighed_reads_node(const struct weighed_resources *rs);

#endif
