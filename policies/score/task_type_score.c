/* task_type_score.c — TaskTypeScore: the custom pipeline placer's node choice.
 *
 * A node's score is 60 when its kind suits the pod's task type (simon.io/task-type): nodes with
 * GPUs for `training`, nodes without for `preprocessing` and `evaluation`, which would only
 * hold GPUs idle; 30 on every node for any other type or none.  It gains 40 when the node has
 * already run a pod of the same pipeline, whose data is likely still there.  Other scorers may
 * sit beside it at a lower weight to choose among the nodes it ties (FGD for the GPUs of a
 * training pod, say).  Scored node by node (it reads which node it is).  O(1) per node; memory
 * one bit per (pipeline, node).
 */
#include <stdlib.h>
#include <string.h>

#include "sim/plugin/score.h"

struct task_type {
	unsigned char *ran;   /* bit (pipeline × nodes + node): the node has run a pod of the pipeline */
	size_t nodes, pipelines;
};

static int task_type_init(void **self, const struct plugin_env *env, struct error *err)
{
	struct task_type *t = calloc(1, sizeof *t);
	if (!t)
		return error_set(err, "out of memory");
	t->nodes = env->cluster->n;
	t->pipelines = env->cluster->w->n_pipelines;
	t->ran = calloc((t->nodes * t->pipelines + 7) / 8 + 1, 1);
	if (!t->ran) {
		free(t);
		return error_set(err, "out of memory");
	}
	*self = t;
	return 0;
}

static bool has_run(const struct task_type *t, int32_t pipeline, size_t node)
{
	if (pipeline < 0 || (size_t)pipeline >= t->pipelines)
		return false;
	size_t bit = (size_t)pipeline * t->nodes + node;
	return t->ran[bit / 8] >> (bit % 8) & 1;
}

static bool named(const char *type, const char *name)
{
	return type && strcmp(type, name) == 0;
}

static int64_t task_type_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node,
			       uint32_t *gpus)
{
	(void)gpus;
	const struct task_type *t = self;
	bool gpu_node = c->spec[node].gpu_count > 0;
	int64_t kind = 30;
	const char *type = pod_task_type(p);
	if (named(type, "training"))
		kind = gpu_node ? 60 : 0;
	else if (named(type, "preprocessing") || named(type, "evaluation"))
		kind = gpu_node ? 0 : 60;
	return kind + (has_run(t, p->pipeline_id, node) ? 40 : 0);
}

static void task_type_bound(void *self, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	(void)c;
	struct task_type *t = self;
	if (p->pipeline_id < 0 || (size_t)p->pipeline_id >= t->pipelines)
		return;
	size_t bit = (size_t)p->pipeline_id * t->nodes + node;
	t->ran[bit / 8] |= (unsigned char)(1u << (bit % 8));
}

static void task_type_free(void *self)
{
	struct task_type *t = self;
	free(t->ran);
	free(t);
}

const struct policy_ops task_type_score_policy = {
	.name = "TaskTypeScore",
	.summary = "pipelines: GPU nodes for training, CPU nodes for the rest, nodes that ran the pipeline before",
	.sees = SEES_NODE,
	.init = task_type_init,
	.score = task_type_score,
	.bound = task_type_bound,
	.free = task_type_free,
};
