/* pipeline_exclusive.c — PipelineExclusive: a node that runs pods of one pipeline takes no pod
 * of another until they have left (the pipeline placer's node-exclusive execution).  Pods in
 * no pipeline are neither held back nor hold back.  It reads which node it is, so the profile
 * scans node by node.  Memory: two words per node; O(1) per question.
 */
#include <stdlib.h>

#include "sim/plugin/filter.h"

struct exclusive {
	int32_t *pipeline;   /* per node: the pipeline whose pods it runs */
	uint32_t *pods;      /* per node: how many of them */
};

/* The what-if: a node's pipeline and its pods of it still there. */
struct node_pipeline {
	int32_t pipeline;
	uint32_t pods;
};

static bool lets_in(int32_t pipeline, uint32_t pods, const struct pod_spec *p)
{
	return p->pipeline_id < 0 || pods == 0 || pipeline == p->pipeline_id;
}

static bool admits(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	(void)c;
	const struct exclusive *x = self;
	return lets_in(x->pipeline[node], x->pods[node], p);
}

static void count(struct exclusive *x, const struct pod_spec *p, size_t node, int sign)
{
	if (p->pipeline_id < 0)
		return;
	x->pipeline[node] = p->pipeline_id;
	x->pods[node] += (uint32_t)sign;
}

static void bound(void *self, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	(void)c;
	count(self, p, node, 1);
}

static void unbound(void *self, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	(void)c;
	count(self, p, node, -1);
}

static void what_if_from(const void *self, size_t node, const struct pod_spec *p, void *state)
{
	(void)p;
	const struct exclusive *x = self;
	*(struct node_pipeline *)state = (struct node_pipeline){x->pipeline[node], x->pods[node]};
}

static void what_if_count(const void *self, void *state, const struct pod_spec *running, int sign)
{
	(void)self;
	struct node_pipeline *w = state;
	/* A node's pipeline pods are all of its one pipeline: the filter lets no other in. */
	if (running->pipeline_id >= 0 && running->pipeline_id == w->pipeline)
		w->pods += (uint32_t)sign;
}

static bool what_if_lets_in(const void *self, const void *state, const struct pod_spec *p)
{
	(void)self;
	const struct node_pipeline *w = state;
	return lets_in(w->pipeline, w->pods, p);
}

static void release(void *self)
{
	struct exclusive *x = self;
	if (!x)
		return;
	free(x->pipeline);
	free(x->pods);
	free(x);
}

static int init(void **self, const struct plugin_env *env, struct error *err)
{
	*self = NULL;
	if (!env->cluster)
		return 0;
	size_t n = env->cluster->n ? env->cluster->n : 1;
	struct exclusive *x = calloc(1, sizeof *x);
	if (x) {
		x->pipeline = calloc(n, sizeof *x->pipeline);
		x->pods = calloc(n, sizeof *x->pods);
	}
	if (!x || !x->pipeline || !x->pods) {
		release(x);
		return error_set(err, "out of memory for PipelineExclusive");
	}
	*self = x;
	return 0;
}

const struct plugin pipeline_exclusive_plugin = {
	.name = "PipelineExclusive",
	.summary = "a node runs pods of one pipeline at a time",
	.init = init,
	.free = release,
	.filter = &(const struct filter_ops){
		.sees = SEES_NODE,
		.admits = admits,
		.bound = bound,
		.unbound = unbound,
		.what_if_size = sizeof(struct node_pipeline),
		.what_if_begin = what_if_from,
		.what_if_account = what_if_count,
		.what_if_admits = what_if_lets_in,
	},
};
