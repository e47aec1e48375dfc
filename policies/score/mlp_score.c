/* mlp_score.c — MLPScore: a multilayer perceptron rates each feasible (pod, node) pair.
 *
 * The input is the pair's feature vector (pair_features.h), the network is read from
 * a model file (sim/util/mlp_file.h) named by the `model` arg, or the default that `simon
 * train` made and simon carries built in (data/models/mlp-default.json).  The score is the
 * model's output in thousandths, rounded: the output is a logit, trained so that a softmax
 * over the feasible nodes spreads evenly over the nodes the teacher rates best
 * (sim/learn/imitate.h), and its order, not its range, is what places the pod; so it is not
 * squeezed into 0..100, and beside other plugins it needs a weight to match.  Scores within
 * the model's tie margin of the highest count as the highest (.normalize), so that the seeded
 * tie-break picks among them, as it picks among the teacher's equal scores.  Its GPUs are
 * the ones the features describe (the shared GPU that leaves the node's fragmentation lowest).
 *
 * Cost: one feature vector and one forward pass, O(typical pods × GPUs² + weights), per pod
 * shape and node class, kept while the class stands (class_cache).
 */
#include <math.h>
#include <stdlib.h>

#include "sim/plugin/score.h"
#include "sim/model/pair_features.h"
#include "policies/kit/class_cache.h"
#include "policies/kit/args.h"
#include "sim/util/dirlist.h"
#include "sim/util/mlp_file.h"

/* The shipped default model's text, built in (CMakeLists.txt). */
extern const char mlp_default_model[];

struct scored {
	int64_t score;
	uint32_t gpus;
};

struct mlp_score {
	struct mlp net;
	const struct typical_pods *typical;
	struct class_cache cache;   /* of struct scored */
	float *acts;
};

static const char *const mlp_args[] = {"model", NULL};

static void mlp_score_free(void *self)
{
	struct mlp_score *m = self;
	mlp_release(&m->net);
	class_cache_release(&m->cache);
	free(m->acts);
	free(m);
}

static int load_model(const struct plugin_env *env, struct mlp *net, struct error *err)
{
	const struct plugin_arg *a = arg_value(env, "model");
	if (!a)
		return mlp_text_read(mlp_default_model, "the built-in default model", pair_feature_names, PAIR_FEATURES,
				     net, err);
	char path[4096];
	if (!a->scalar || path_beside(env->config_path, a->value, path, sizeof path))
		return arg_error(env, a, err,
					"MLPScore: model: no file '%.200s' (looked beside the config file and in the "
					"working directory)",
					a->value);
	return mlp_file_read(path, pair_feature_names, PAIR_FEATURES, net, err);
}

static int mlp_score_init(void **self, const struct plugin_env *env, struct error *err)
{
	struct mlp_score *m = calloc(1, sizeof *m);
	if (!m)
		return error_set(err, "out of memory for MLPScore");
	if (load_model(env, &m->net, err)) {
		free(m);
		return -1;
	}
	m->typical = env->typical;
	m->acts = malloc(m->net.n_acts * sizeof *m->acts);
	if (!m->acts || class_cache_init(&m->cache, sizeof(struct scored))) {
		mlp_score_free(m);
		return error_set(err, "out of memory for MLPScore");
	}
	*self = m;
	return 0;
}

static struct scored compute(struct mlp_score *m, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	float x[PAIR_FEATURES];
	struct scored s;
	pair_features(c, m->typical, node, p, x, &s.gpus);
	s.score = mlp_output_milli(mlp_forward(&m->net, x, m->acts));
	return s;
}

static int64_t mlp_score_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node,
			       uint32_t *gpus)
{
	struct mlp_score *m = self;
	struct pod_shape shape = pod_shape_of(p, SHAPE_MEM | SHAPE_MODELS);
	bool stale;
	struct scored *e = class_cache_get(&m->cache, c, &shape, node, &stale);
	struct scored s = e && !stale ? *e : compute(m, c, p, node);
	if (e)
		*e = s;
	*gpus = s.gpus;
	return s.score;
}

static int64_t mlp_score_prescore(void *self, const struct cluster *c, const struct pod_spec *p,
				  const struct feasible_set *f, struct pcg32 *rng)
{
	(void)rng;
	struct mlp_score *m = self;
	struct pod_shape shape = pod_shape_of(p, SHAPE_MEM | SHAPE_MODELS);
	class_cache_prefetch(&m->cache, c, &shape, f);
	return NO_NOMINEE;
}

/* Scores within the tie margin of the highest become the highest (which they are in
 * whatever number they occur, as .normalize must). */
static void mlp_score_normalize(void *self, int64_t *scores, size_t n)
{
	const struct mlp_score *m = self;
	int64_t top = scores[0];
	for (size_t i = 1; i < n; i++)
		top = scores[i] > top ? scores[i] : top;
	int64_t floor = top - llround(1000.0 * m->net.tie_margin);
	for (size_t i = 0; i < n; i++)
		if (scores[i] >= floor)
			scores[i] = top;
}

const struct policy_ops mlp_score_policy = {
	.name = "MLPScore",
	.summary = "a multilayer perceptron trained by `simon train` rates each (pod, node) pair",
	.args = mlp_args,
	.gpu_sel = GPU_SEL_PLUGIN,
	.init = mlp_score_init,
	.prescore = mlp_score_prescore,
	.score = mlp_score_score,
	.normalize = mlp_score_normalize,
	.free = mlp_score_free,
};
