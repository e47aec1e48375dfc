/* node_resources_fit_score.c — NodeResourcesFit's score, as kube-scheduler's, by its
 * scoringStrategy (type, resources with weights 1..100, default cpu and memory of weight 1):
 *   LeastAllocated (the default)  per resource (allocatable − requested) × 100 / allocatable,
 *                                 0 when requested passes it;
 *   MostAllocated                 requested × 100 / allocatable, requested capped at allocatable;
 *   RequestedToCapacityRatio      the shape's broken line (utilization 0..100 increasing, score
 *                                 0..10, × 10) at requested × 100 / allocatable, 100 past it;
 * averaged by weight over the resources the node has (node_resources.h: requested counts the
 * node's and the pod's non-zero cpu and memory requests), integer division, except
 * RequestedToCapacityRatio, which averages only resources scoring above 0 and rounds.  Its
 * filter is Open-Gpu-Share's fit, in every profile.  Reads a node's class key and non-zero
 * requests.  O(resources) per node.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policies/kit/args.h"
#include "policies/kit/node_resources.h"
#include "sim/plugin/score.h"

#define MAX_SHAPE 16

enum strategy { LEAST_ALLOCATED, MOST_ALLOCATED, REQUESTED_TO_CAPACITY_RATIO };

struct fit_score {
	enum strategy strategy;
	struct weighed_resources resources;
	int64_t utilization[MAX_SHAPE], score[MAX_SHAPE];   /* the shape, scores × 10 */
	int n_shape;
	bool reads_node;
};

static const char *const fit_args[] = {"scoringStrategy.type", "scoringStrategy.resources[].name",
				       "scoringStrategy.resources[].weight",
				       "scoringStrategy.requestedToCapacityRatio.shape[].utilization",
				       "scoringStrategy.requestedToCapacityRatio.shape[].score", NULL};

static int read_shape(struct fit_score *f, const struct plugin_env *env, struct error *err)
{
	char field[128];
	for (int i = 0;; i++) {
		snprintf(field, sizeof field, "scoringStrategy.requestedToCapacityRatio.shape[%d].utilization", i);
		const struct plugin_arg *u = arg_value(env, field);
		if (!u)
			break;
		if (i == MAX_SHAPE)
			return arg_error(env, u, err, "NodeResourcesFit: at most %d shape points", MAX_SHAPE);
		int64_t util = -1, score = -1;
		if (arg_integer(env, "NodeResourcesFit", field, 0, 100, &util, err))
			return -1;
		snprintf(field, sizeof field, "scoringStrategy.requestedToCapacityRatio.shape[%d].score", i);
		if (arg_integer(env, "NodeResourcesFit", field, 0, 10, &score, err))
			return -1;
		if (score < 0)
			return arg_error(env, u, err, "NodeResourcesFit: shape point %d needs a score from 0 to 10", i);
		if (i > 0 && util <= f->utilization[i - 1])
			return arg_error(env, u, err, "NodeResourcesFit: shape utilizations must increase");
		f->utilization[i] = util;
		f->score[i] = score * (SCORE_MAX / 10);
		f->n_shape = i + 1;
	}
	if (f->strategy == REQUESTED_TO_CAPACITY_RATIO && f->n_shape == 0)
		return error_set(err, "NodeResourcesFit: RequestedToCapacityRatio needs requestedToCapacityRatio.shape");
	return 0;
}

static int fit_init(void **self, const struct plugin_env *env, struct error *err)
{
	static const char *const types[] = {"LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"};
	struct fit_score *f = calloc(1, sizeof *f);
	if (!f)
		return error_set(err, "out of memory");
	int type = LEAST_ALLOCATED;
	if (arg_choice(env, "NodeResourcesFit", "scoringStrategy.type", types, 3, &type, err) ||
	    weighed_resources_read(env, "NodeResourcesFit", "scoringStrategy.resources", 100, &f->resources, err) ||
	    (f->strategy = (enum strategy)type, read_shape(f, env, err))) {
		free(f);
		return -1;
	}
	f->reads_node = weighed_reads_node(&f->resources);
	*self = f;
	return 0;
}

/* The shape's broken line at utilization u (BuildBrokenLinearFunction). */
static int64_t on_shape(const struct fit_score *f, int64_t u)
{
	for (int i = 0; i < f->n_shape; i++)
		if (u <= f->utilization[i])
			return i == 0 ? f->score[0]
				      : f->score[i - 1] + (f->score[i] - f->score[i - 1]) * (u - f->utilization[i - 1]) /
								 (f->utilization[i] - f->utilization[i - 1]);
	return f->score[f->n_shape - 1];
}

/* x × 100 / d without overflow, for 0 ≤ x ≤ d. */
static int64_t per_cent(int64_t x, int64_t d)
{
	return x <= INT64_MAX / SCORE_MAX ? x * SCORE_MAX / d : (int64_t)((__int128)x * SCORE_MAX / d);
}

static int64_t resource_score(const struct fit_score *f, int64_t req, int64_t alloc)
{
	switch (f->strategy) {
	case LEAST_ALLOCATED: return req > alloc ? 0 : per_cent(alloc - req, alloc);
	case MOST_ALLOCATED: return per_cent(req > alloc ? alloc : req, alloc);
	case REQUESTED_TO_CAPACITY_RATIO: return req > alloc ? on_shape(f, 100) : on_shape(f, per_cent(req, alloc));
	}
	return 0;
}

static int64_t fit_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	(void)gpus;
	const struct fit_score *f = self;
	int64_t sum = 0, weights = 0;
	for (int i = 0; i < f->resources.n; i++) {
		const struct weighed_resource *r = &f->resources.at[i];
		int64_t req, alloc = weighed_amounts(r, c, node, p, false, &req);
		if (alloc == 0)
			continue;
		int64_t s = resource_score(f, req, alloc);
		if (f->strategy == REQUESTED_TO_CAPACITY_RATIO && s <= 0)
			continue;
		sum += s * r->weight;
		weights += r->weight;
	}
	if (weights == 0)
		return 0;
	if (f->strategy == REQUESTED_TO_CAPACITY_RATIO)
		return (int64_t)llround((double)sum / (double)weights);
	return sum / weights;
}

static bool fit_sees_node(const void *self, const struct pod_spec *p)
{
	(void)p;
	return ((const struct fit_score *)self)->reads_node;
}

const struct policy_ops node_resources_fit_score_policy = {
	.name = "NodeResourcesFit",
	.summary = "kube-scheduler's resource score: LeastAllocated, MostAllocated or RequestedToCapacityRatio",
	.args = fit_args,
	.sees = SEES_NONZERO,
	.sees_node = fit_sees_node,
	.init = fit_init,
	.score = fit_score,
	.free = free,
};
