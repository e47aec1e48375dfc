#include "sim/load/workload.h"

#include "sim/util/suggest.h"
#include "sim/util/vec.h"
#include "sim/util/order.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void workload_init(struct workload *w)
{
	memset(w, 0, sizeof *w);
	arena_init(&w->strings);
}

void workload_release(struct workload *w)
{
	free(w->classes);
	free(w->groups);
	free(w->controllers);
	free(w->nodes);
	free(w->pods);
	free(w->racks);
	free(w->namespaces);
	free(w->images);
	free(w->resource_names);
	free(w->taint_texts);
	free(w->jobs);
	arena_release(&w->strings);
	memset(w, 0, sizeof *w);
}

/* The index of name in names[0..*n), adding it when there is room below max; -1 when not. */
static int intern_bounded(struct workload *w, const char **names, int *n, int max, const char *name)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	if (*n == max)
		return -1;
	const char *copy = arena_strdup(&w->strings, name);
	if (!copy)
		return -1;
	names[*n] = copy;
	return (*n)++;
}

int workload_model(struct workload *w, const char *name)
{
	return intern_bounded(w, w->models, &w->n_models, MAX_GPU_MODELS, name);
}

int workload_scalar_slot(struct workload *w, const char *name)
{
	return intern_bounded(w, w->scalar_names, &w->n_scalar_names, MAX_SCALARS, name);
}

int node_number_scalars(struct workload *w, struct node_spec *n)
{
	if (!n->n_scalars)
		return 0;
	struct resource_amount *out = arena_alloc(&w->strings, n->n_scalars * sizeof *out);
	if (!out)
		return -1;
	for (uint32_t i = 0; i < n->n_scalars; i++) {
		out[i] = n->scalars[i];
		out[i].slot = -1;
		for (int s = 0; s < w->n_scalar_names && out[i].slot < 0; s++)
			if (strcmp(w->scalar_names[s], out[i].name) == 0)
				out[i].slot = s;
	}
	n->scalars = out;
	return 0;
}

int node_renumber_taints(struct workload *w, struct node_spec *n, const char *const *texts)
{
	if (!n->n_taints)
		return 0;
	struct taint *out = arena_alloc(&w->strings, n->n_taints * sizeof *out);
	if (!out)
		return -1;
	for (uint32_t i = 0; i < n->n_taints; i++) {
		out[i] = n->taints[i];
		int id = workload_intern(w, &w->taint_texts, &w->n_taint_texts, &w->cap_taint_texts, texts[out[i].text]);
		if (id < 0 || id >= MAX_TAINT_TEXTS)
			return id < 0 ? -1 : -2;
		out[i].text = (uint8_t)id;
	}
	n->taints = out;
	return 0;
}

void workload_fill_nonzero(struct workload *w)
{
	for (size_t i = 0; i < w->n_pods; i++) {
		struct pod_spec *p = &w->pods[i];
		if (p->nonzero_read)
			continue;
		p->nonzero_cpu = p->cpu_milli ? p->cpu_milli : DEFAULT_NONZERO_CPU;
		p->nonzero_mem = p->mem_bytes ? p->mem_bytes : DEFAULT_NONZERO_MEM;
	}
}

int workload_number_scalars(struct workload *w, struct error *err)
{
	for (size_t i = 0; i < w->n_nodes; i++)
		if (node_number_scalars(w, &w->nodes[i]))
			return error_set(err, "out of memory for the nodes' scalar resources");
	return 0;
}

int64_t node_scalar(const struct node_spec *n, int slot)
{
	for (uint32_t i = 0; i < n->n_scalars; i++)
		if (n->scalars[i].slot == slot)
			return n->scalars[i].amount;
	return 0;
}

int workload_intern(struct workload *w, const char ***names, size_t *n, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0)
			return (int)i;
	const char *copy = arena_strdup(&w->strings, name);
	if (!copy || VEC_RESERVE(*names, *cap, *n + 1))
		return -1;
	(*names)[*n] = copy;
	return (int)(*n)++;
}

int workload_rack(struct workload *w, const char *name)
{
	return workload_intern(w, &w->racks, &w->n_racks, &w->cap_racks, name);
}

/* A pod as the reference's API lists it. */
struct listed_pod {
	const char *namespace, *name;
	uint32_t pod;
};

static int by_namespace_name(const void *x, const void *y)
{
	const struct listed_pod *a = x, *b = y;
	int c = strcmp(a->namespace, b->namespace);
	if (!c)
		c = strcmp(a->name, b->name);
	return c ? c : (a->pod > b->pod) - (a->pod < b->pod);
}

int sort_as_listed(const struct workload *w, const struct pod_spec *pods, uint32_t *idx, size_t n)
{
	if (n < 2)
		return 0;
	struct listed_pod *l = malloc(n * sizeof *l);
	if (!l)
		return -1;
	for (size_t k = 0; k < n; k++)
		l[k] = (struct listed_pod){pod_namespace(w, &pods[idx[k]]), pods[idx[k]].name, idx[k]};
	sort_items(l, n, sizeof *l, by_namespace_name);
	for (size_t k = 0; k < n; k++)
		idx[k] = l[k].pod;
	free(l);
	return 0;
}

const char *label_value(const struct label *labels, size_t n, const char *key)
{
	for (size_t j = 0; j < n; j++)
		if (strcmp(labels[j].key, key) == 0)
			return labels[j].value;
	return NULL;
}

const char *node_label(const struct node_spec *n, const char *key)
{
	return label_value(n->labels, n->n_labels, key);
}

struct node_spec *workload_add_node(struct workload *w)
{
	if (VEC_RESERVE(w->nodes, w->cap_nodes, w->n_nodes + 1))
		return NULL;
	struct node_spec *n = &w->nodes[w->n_nodes++];
	memset(n, 0, sizeof *n);
	n->model = -1;
	n->rack = -1;
	return n;
}

struct pod_spec *workload_add_pod(struct workload *w)
{
	if (VEC_RESERVE(w->pods, w->cap_pods, w->n_pods + 1))
		return NULL;
	struct pod_spec *p = &w->pods[w->n_pods++];
	memset(p, 0, sizeof *p);
	p->creation = p->deletion = p->scheduled = TIME_NONE;
	p->job = -1;
	p->pipeline_id = -1;
	p->namespace_id = -1;
	p->image_id = -1;
	p->bound_node = -1;
	p->controller = -1;
	return p;
}

struct pod_links *pod_links_of(struct workload *w, struct pod_spec *p)
{
	if (!p->links && (p->links = arena_alloc(&w->strings, sizeof *p->links)))
		memset(p->links, 0, sizeof *p->links);
	return p->links;
}

struct controller *workload_add_controller(struct workload *w)
{
	if (VEC_RESERVE(w->controllers, w->cap_controllers, w->n_controllers + 1))
		return NULL;
	struct controller *k = &w->controllers[w->n_controllers++];
	memset(k, 0, sizeof *k);
	return k;
}

struct pod_group *workload_add_pod_group(struct workload *w)
{
	if (VEC_RESERVE(w->groups, w->cap_groups, w->n_groups + 1))
		return NULL;
	struct pod_group *g = &w->groups[w->n_groups++];
	memset(g, 0, sizeof *g);
	return g;
}

/* A pod whose scheduling.x-k8s.io/pod-group label names no PodGroup of the workload. */
static int missing_group(const struct workload *w, const struct pod_spec *p, struct error *err)
{
	long near = suggest_nearest_in(p->job_name, w->groups, w->n_groups, sizeof *w->groups,
				       offsetof(struct pod_group, name));
	return error_at(err, p->file, p->links->group_line, p->links->group_col,
			"Pod %s: scheduling.x-k8s.io/pod-group: no PodGroup '%.80s' in the cluster's YAML%s%s%s", p->name,
			p->job_name, near >= 0 ? "; did you mean " : " (a PodGroup document gives its minMember)",
			near >= 0 ? w->groups[near].name : "", near >= 0 ? "?" : "");
}

/* A PodGroup's minMember for the pods of its group that give no min-available of their own;
 * a pod naming a PodGroup that is not there is an error. */
static int group_minimums(struct workload *w, struct error *err)
{
	for (size_t k = 0; k < w->n_groups; k++)
		for (size_t j = 0; j < k; j++)
			if (strcmp(w->groups[j].name, w->groups[k].name) == 0)
				return error_at(err, w->groups[k].file, w->groups[k].line, 0,
						"PodGroup %s: a second PodGroup of that name (the first at %s:%zu)",
						w->groups[k].name, w->groups[j].file, w->groups[j].line);
	for (size_t i = 0; i < w->n_pods; i++) {
		struct pod_spec *p = &w->pods[i];
		if (!p->job_name)
			continue;
		size_t k = 0;
		while (k < w->n_groups && strcmp(w->groups[k].name, p->job_name))
			k++;
		if (k == w->n_groups && p->links && p->links->names_pod_group)
			return missing_group(w, p, err);
		if (k < w->n_groups && !pod_min_available(p)) {
			struct pod_links *l = pod_links_of(w, p);
			if (!l)
				return error_set(err, "out of memory");
			l->min_available = w->groups[k].min_member;
		}
	}
	return 0;
}

struct priority_class *workload_add_priority_class(struct workload *w)
{
	if (VEC_RESERVE(w->classes, w->cap_classes, w->n_classes + 1))
		return NULL;
	struct priority_class *pc = &w->classes[w->n_classes++];
	memset(pc, 0, sizeof *pc);
	return pc;
}

struct named_pod {
	const char *job;
	size_t pod;
};

static int by_job(const void *a, const void *b)
{
	const struct named_pod *x = a, *y = b;
	int c = strcmp(x->job, y->job);
	return c ? c : (x->pod > y->pod) - (x->pod < y->pod);
}

int workload_number_jobs(struct workload *w, struct error *err)
{
	if (group_minimums(w, err))
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < w->n_pods; i++)
		n += w->pods[i].job_name != NULL;
	if (n == 0)
		return 0;
	struct named_pod *named = malloc(n * sizeof *named);
	w->jobs = malloc(n * sizeof *w->jobs);
	if (!named || !w->jobs) {
		free(named);
		return error_set(err, "out of memory numbering jobs");
	}
	n = 0;
	for (size_t i = 0; i < w->n_pods; i++)
		if (w->pods[i].job_name)
			named[n++] = (struct named_pod){w->pods[i].job_name, i};
	sort_items(named, n, sizeof *named, by_job);
	const struct pod_spec *said = NULL;   /* the job's first member to give a min-available */
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		struct pod_spec *p = &w->pods[named[i].pod];
		if (i == 0 || strcmp(named[i].job, named[i - 1].job)) {
			w->jobs[w->n_jobs++] = named[i].job;
			said = NULL;
		}
		p->job = (int32_t)(w->n_jobs - 1);
		int32_t min = pod_min_available(p);
		if (min && said && pod_min_available(said) != min)
			rc = error_at(err, p->file, p->links->min_line, p->links->min_col,
				      "Pod %s: min-available %d, but pod %s of group %s says %d", p->name, min, said->name,
				      p->job_name, pod_min_available(said));
		if (min && !said)
			said = p;
	}
	free(named);
	return rc;
}

const char *pod_gpus_invalid(long long count, int64_t milli, int has_milli)
{
	if (milli > GPU_MILLI)
		return "per-GPU share must be at most 1000 (1000 = one whole GPU)";
	if (has_milli && milli > 0 && count == 0)
		return "a GPU share given without a GPU count (expected both, e.g. 500 and 1)";
	if (count > 0 && milli == 0)
		return "a GPU count given without a positive GPU share (1..1000 per GPU)";
	if (count > 1 && milli < GPU_MILLI)
		return "a pod with several GPUs must take whole GPUs (1000 each)";
	return NULL;
}

int workload_model_mask(struct workload *w, const char *spec, uint64_t *mask)
{
	char name[128];
	*mask = 0;
	for (const char *s = spec; *s;) {
		size_t n = strcspn(s, "|");
		if (n && n < sizeof name) {
			memcpy(name, s, n);
			name[n] = '\0';
			int id = workload_model(w, name);
			if (id < 0)
				return -1;
			*mask |= 1ull << id;
		}
		s += n + (s[n] == '|');
	}
	return 0;
}

const char *const unmodelled_names[N_UNMODELLED] = {
	[UM_NAMESPACE_SELECTOR] = "spec.affinity pod (anti-)affinity namespaceSelector",
	[UM_NO_EXECUTE] = "eviction by an untolerated NoExecute taint of a bound pod's node",
	[UM_HOST_PORTS] = "spec.containers[].ports[].hostPort",
	[UM_VOLUME_CLAIMS] = "spec.volumes[].persistentVolumeClaim",
	[UM_RESOURCE_CLAIMS] = "spec.resourceClaims",
};
