/* bound_pods.c — pods already bound to a node (spec.nodeName), resolved to it and checked
 * against it: the running pods a node holds must fit its allocatable together, as the kubelet
 * admits them.  O(pods log nodes).
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sim/load/workload.h"
#include "sim/load/placement_match.h"
#include "sim/util/order.h"
#include "sim/util/suggest.h"

struct node_ref {
	const char *name;
	uint32_t node;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct node_ref *)a)->name, ((const struct node_ref *)b)->name);
}

/* What a node's bound pods ask for together. */
struct held {
	int64_t cpu, mem, gpu_milli;
	int32_t pods;
	int64_t scalar[MAX_SCALARS];
};

static int unknown_node(const struct workload *w, const struct pod_spec *p, struct error *err)
{
	long near = suggest_nearest_in(p->node_name, w->nodes, w->n_nodes, sizeof *w->nodes,
				       offsetof(struct node_spec, name));
	return error_at(err, p->file, p->node_name_line, p->node_name_col,
			"Pod %s: spec.nodeName: no Node '%.80s' in the cluster%s%s%s", p->name, p->node_name,
			near >= 0 ? "; did you mean " : "", near >= 0 ? w->nodes[near].name : "", near >= 0 ? "?" : "");
}

/* The first resource the node's bound pods, p the last of them, overrun; NULL when none. */
static const char *overrun(const struct node_spec *n, const struct held *h, const struct pod_spec *p, int64_t *asked,
			   int64_t *has)
{
	if (h->cpu > n->cpu_milli)
		return *asked = h->cpu, *has = n->cpu_milli, "cpu (milli)";
	if (h->mem > n->mem_bytes)
		return *asked = h->mem, *has = n->mem_bytes, "memory (bytes)";
	if (h->pods > n->max_pods)
		return *asked = h->pods, *has = n->max_pods, "pods";
	if (p->gpu_count > n->gpu_count)
		return *asked = p->gpu_count, *has = n->gpu_count, "GPUs";
	if (h->gpu_milli > (int64_t)n->gpu_count * GPU_MILLI)
		return *asked = h->gpu_milli, *has = (int64_t)n->gpu_count * GPU_MILLI, "GPU milli";
	for (uint8_t k = 0; k < p->n_scalars; k++) {
		int slot = p->scalars[k].slot;
		if (h->scalar[slot] > node_scalar(n, slot))
			return *asked = h->scalar[slot], *has = node_scalar(n, slot), p->scalars[k].name;
	}
	return NULL;
}

static int check_fit(const struct workload *w, struct held *held, struct error *err)
{
	for (size_t i = 0; i < w->n_pods; i++) {
		const struct pod_spec *p = &w->pods[i];
		if (p->bound_node < 0)
			continue;
		struct held *h = &held[p->bound_node];
		/* Each term is bounded where it is read; a node's pods are bounded by its slots. */
		h->cpu += p->cpu_milli;
		h->mem += p->mem_bytes;
		h->gpu_milli += pod_gpu_total(p);
		h->pods++;
		const struct node_spec *n = &w->nodes[p->bound_node];
		/* A sum past 2^63 is an overrun whatever the node has: it stops there. */
		for (uint8_t k = 0; k < p->n_scalars; k++) {
			int64_t *sum = &h->scalar[p->scalars[k].slot];
			if (__builtin_add_overflow(*sum, p->scalars[k].amount, sum))
				*sum = INT64_MAX;
		}
		int64_t asked, has;
		const char *what = overrun(n, h, p, &asked, &has);
		if (what)
			return error_at(err, p->file, p->node_name_line, p->node_name_col,
					"Pod %s: spec.nodeName: Node %s cannot hold it: its running pods ask for %" PRId64
					" %s, it has %" PRId64 " allocatable (%s:%zu)",
					p->name, n->name, asked, what, has, n->file, n->line);
	}
	return 0;
}

int workload_bind_named(struct workload *w, struct error *err)
{
	size_t bound = 0;
	for (size_t i = 0; i < w->n_pods; i++)
		bound += w->pods[i].node_name != NULL;
	if (!bound)
		return 0;
	struct node_ref *refs = malloc((w->n_nodes ? w->n_nodes : 1) * sizeof *refs);
	struct held *held = calloc(w->n_nodes ? w->n_nodes : 1, sizeof *held);
	if (!refs || !held) {
		free(refs);
		free(held);
		return error_set(err, "out of memory for %zu bound pods", bound);
	}
	for (size_t k = 0; k < w->n_nodes; k++)
		refs[k] = (struct node_ref){w->nodes[k].name, (uint32_t)k};
	sort_items(refs, w->n_nodes, sizeof *refs, by_name);
	int rc = 0;
	for (size_t i = 0; i < w->n_pods && !rc; i++) {
		struct pod_spec *p = &w->pods[i];
		if (!p->node_name)
			continue;
		struct node_ref key = {p->node_name, 0};
		const struct node_ref *found = bsearch(&key, refs, w->n_nodes, sizeof *refs, by_name);
		if (!found) {
			rc = unknown_node(w, p, err);
			continue;
		}
		p->bound_node = (int32_t)found->node;
		/* Kubernetes' taint manager evicts a pod from a NoExecute taint it does not tolerate;
		 * simon keeps it running, and says how many. */
		const struct node_spec *n = &w->nodes[found->node];
		for (uint32_t k = 0; k < n->n_taints; k++)
			if (n->taints[k].effect == EFFECT_NO_EXECUTE && !p->finished && !pod_tolerates(p, &n->taints[k])) {
				w->unmodelled[UM_NO_EXECUTE]++;
				break;
			}
	}
	if (!rc)
		rc = check_fit(w, held, err);
	free(refs);
	free(held);
	return rc;
}
