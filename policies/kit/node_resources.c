/* node_resources.c — see node_resources.h.  The amounts follow kube-scheduler's
 * calculateResourceAllocatableRequest: cpu and memory against allocatable, with the node's and
 * the pod's non-zero requests (or actual ones); a scalar resource the pod does not ask for, or
 * the node lacks, is left out (0); ephemeral-storage always counts. */
#include "policies/kit/node_resources.h"

#include <stdio.h>
#include <string.h>

#include "policies/kit/args.h"

static void kind_of(const struct workload *w, struct weighed_resource *r)
{
	r->slot = -1;
	if (!strcmp(r->name, "cpu"))
		r->kind = WEIGH_CPU;
	else if (!strcmp(r->name, "memory"))
		r->kind = WEIGH_MEMORY;
	else if (!strcmp(r->name, "nvidia.com/gpu") || !strcmp(r->name, "amd.com/gpu") ||
		 !strcmp(r->name, "alibabacloud.com/gpu-count"))
		r->kind = WEIGH_DEVICES;
	else if (!strcmp(r->name, "alibabacloud.com/gpu-milli"))
		r->kind = WEIGH_GPU_MILLI;
	else
		r->kind = !strcmp(r->name, "ephemeral-storage") ? WEIGH_STORAGE : WEIGH_SCALAR;
	for (int s = 0; w && s < w->n_scalar_names; s++)
		if (!strcmp(w->scalar_names[s], r->name))
			r->slot = s;
}

int weighed_resources_read(const struct plugin_env *env, const char *plugin, const char *key, int64_t max_weight,
			   struct weighed_resources *out, struct error *err)
{
	const struct workload *w = env->cluster ? env->cluster->w : NULL;
	memset(out, 0, sizeof *out);
	char field[128];
	for (int i = 0;; i++) {
		snprintf(field, sizeof field, "%s[%d].name", key, i);
		const struct plugin_arg *name = arg_value(env, field);
		if (!name)
			break;
		if (out->n == MAX_WEIGHED_RESOURCES)
			return arg_error(env, name, err, "%s: %s: at most %d resources", plugin, key, MAX_WEIGHED_RESOURCES);
		struct weighed_resource *r = &out->at[out->n++];
		r->name = name->value;
		r->weight = 1;
		snprintf(field, sizeof field, "%s[%d].weight", key, i);
		if (arg_integer(env, plugin, field, 1, max_weight, &r->weight, err))
			return -1;
		kind_of(w, r);
		for (int k = 0; k < out->n - 1; k++)
			if (!strcmp(out->at[k].name, r->name))
				return arg_error(env, name, err, "%s: %s: %s is named twice", plugin, key, r->name);
	}
	if (out->n)
		return 0;
	static const char *const defaults[] = {"cpu", "memory"};
	for (int i = 0; i < 2; i++) {
		out->at[i] = (struct weighed_resource){.name = defaults[i], .weight = 1};
		kind_of(w, &out->at[i]);
	}
	out->n = 2;
	return 0;
}

/* What the pod asks of r, as it is counted (cpu and memory as weighed_amounts counts them). */
static int64_t pod_request(const struct weighed_resource *r, const struct pod_spec *p, bool use_requested)
{
	switch (r->kind) {
	case WEIGH_CPU: return use_requested ? p->cpu_milli : p->nonzero_cpu;
	case WEIGH_MEMORY: return use_requested ? p->mem_bytes : p->nonzero_mem;
	case WEIGH_DEVICES: return p->gpu_milli == GPU_MILLI ? p->gpu_count : 0;
	case WEIGH_GPU_MILLI: return pod_gpu_total(p);
	default:
		for (uint8_t k = 0; k < p->n_scalars; k++)
			if (p->scalars[k].slot == r->slot)
				return p->scalars[k].amount;
		return 0;
	}
}

/* The allocatable of a scalar resource by name, for one no pod asks for (no slot). */
static int64_t named_allocatable(const struct node_spec *n, const char *name)
{
	for (uint32_t k = 0; k < n->n_scalars; k++)
		if (!strcmp(n->scalars[k].name, name))
			return n->scalars[k].amount;
	return 0;
}

int64_t weighed_amounts_other(const struct weighed_resource *r, const struct cluster *c, size_t node,
			      const struct pod_spec *p, bool use_requested, int64_t *req)
{
	const struct node_spec *n = &c->spec[node];
	const struct node_state *s = &c->state[node];
	int64_t asked = pod_request(r, p, use_requested), alloc = 0, held = 0;
	*req = 0;
	switch (r->kind) {
	case WEIGH_CPU:
	case WEIGH_MEMORY:
		return weighed_amounts(r, c, node, p, use_requested, req);
	case WEIGH_DEVICES:
		if (!asked)
			return 0;
		alloc = n->gpu_count;
		for (int g = 0; g < n->gpu_count; g++)
			held += s->gpu_left[g] < GPU_MILLI;
		break;
	case WEIGH_GPU_MILLI:
		if (!asked)
			return 0;
		alloc = (int64_t)n->gpu_count * GPU_MILLI;
		held = node_gpu_used_milli(c, node);
		break;
	case WEIGH_STORAGE:
	case WEIGH_SCALAR:
		if (!asked && r->kind == WEIGH_SCALAR)
			return 0;
		alloc = r->slot >= 0 ? node_scalar(n, r->slot) : named_allocatable(n, r->name);
		held = r->slot >= 0 ? alloc - s->scalar_left[r->slot] : 0;
		break;
	}
	if (alloc == 0)
		return 0;
	if (__builtin_add_overflow(held, asked, req))
		*req = INT64_MAX;   /* past any allocatable: scored as full */
	return alloc;
}

bool weighed_reads_node(const struct weighed_resources *rs)
{
	for (int i = 0; i < rs->n; i++)
		if (rs->at[i].kind == WEIGH_STORAGE && rs->at[i].slot < 0)
			return true;
	return false;
}

bool weighed_pod_asks(const struct weighed_resources *rs, const struct pod_spec *p, bool use_requested)
{
	for (int i = 0; i < rs->n; i++)
		if (pod_request(&rs->at[i], p, use_requested))
			return true;
	return false;
}
