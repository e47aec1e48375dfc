#include "sim/workload.h"

#include "sim/vec.h"

#include <stdlib.h>
#include <string.h>

void workload_init(struct workload *w)
{
	memset(w, 0, sizeof *w);
	arena_init(&w->strings);
}

void workload_release(struct workload *w)
{
	free(w->nodes);
	free(w->pods);
	arena_release(&w->strings);
	memset(w, 0, sizeof *w);
}

int workload_model(struct workload *w, const char *name)
{
	for (int i = 0; i < w->n_models; i++)
		if (strcmp(w->models[i], name) == 0)
			return i;
	if (w->n_models == MAX_GPU_MODELS)
		return -1;
	const char *copy = arena_strdup(&w->strings, name);
	if (!copy)
		return -1;
	w->models[w->n_models] = copy;
	return w->n_models++;
}

struct node_spec *workload_add_node(struct workload *w)
{
	if (VEC_RESERVE(w->nodes, w->cap_nodes, w->n_nodes + 1))
		return NULL;
	struct node_spec *n = &w->nodes[w->n_nodes++];
	memset(n, 0, sizeof *n);
	n->model = -1;
	return n;
}

struct pod_spec *workload_add_pod(struct workload *w)
{
	if (VEC_RESERVE(w->pods, w->cap_pods, w->n_pods + 1))
		return NULL;
	struct pod_spec *p = &w->pods[w->n_pods++];
	memset(p, 0, sizeof *p);
	p->creation = p->deletion = p->scheduled = TIME_NONE;
	return p;
}
