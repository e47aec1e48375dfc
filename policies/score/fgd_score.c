/* fgd_score.c — FGDScore: fragmentation gradient descent (Weng et al., ATC'23).
 *
 * Place the pod where it grows the node's fragmentation F (frag.h) the least:
 * score = int(sigmoid((F_before − F_after)/1000) · 100).  A shared pod tries every GPU that
 * fits and keeps the best (the first on ties), which is also its GPU choice; whole-GPU pods
 * take the lowest-index idle GPUs.  A pod requesting nothing scores 100.
 *
 * Cost: F is O(typical pods × GPUs).  Scores depend only on the node's class (node_class.h)
 * and the pod's shape (CPU, per-GPU milli, GPU count), so they are kept per pod shape and
 * class (policies/kit/class_cache.h), and F per class.  Memory: pod shapes × classes × 16 bytes.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/plugin/score.h"
#include "policies/kit/class_cache.h"

/* A score and the GPUs it was computed for. */
struct fgd_value {
	int32_t score;
	uint32_t gpus;
};

struct fgd {
	const struct typical_pods *typical;
	struct class_cache scores;   /* of fgd_value, per pod shape and class */
	struct class_cache frag;     /* of double: F of each class (one shape) */
};

static void fgd_free(void *self)
{
	struct fgd *f = self;
	class_cache_release(&f->scores);
	class_cache_release(&f->frag);
	free(f);
}

static int fgd_init(void **self, const struct plugin_env *env, struct error *err)
{
	struct fgd *f = calloc(1, sizeof *f);
	if (!f || class_cache_init(&f->scores, sizeof(struct fgd_value)) || class_cache_init(&f->frag, sizeof(double))) {
		if (f)
			fgd_free(f);
		return error_set(err, "out of memory for FGDScore's cache");
	}
	f->typical = env->typical;
	*self = f;
	return 0;
}

static double frag_now(struct fgd *f, const struct cluster *c, size_t node)
{
	static const struct pod_shape any;
	bool stale;
	double *e = class_cache_get(&f->frag, c, &any, node, &stale);
	if (e && !stale)
		return *e;
	double now = node_frag(f->typical, &c->spec[node], node_cpu_left(c, node), c->state[node].gpu_left);
	if (e)
		*e = now;
	return now;
}

static int32_t to_score(double before, double after)
{
	return (int32_t)(1.0 / (1.0 + exp(-(before - after) / 1000.0)) * SCORE_MAX);
}

static int32_t compute(struct fgd *f, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	const struct node_spec *n = &c->spec[node];
	const struct node_state *s = &c->state[node];
	double before = frag_now(f, c, node);
	int64_t cpu_after = node_cpu_left(c, node) - pod_cpu_nonzero(p);
	int16_t left[MAX_GPUS_PER_NODE];
	memcpy(left, s->gpu_left, sizeof left);
	if (p->gpu_count == 1 && p->gpu_milli < GPU_MILLI) {
		int32_t best = 0;
		*gpus = 0;
		for (int g = 0; g < n->gpu_count; g++) {
			if (s->gpu_left[g] < p->gpu_milli)
				continue;
			int seen = 0; /* an equal idle amount on a lower GPU gives the same score, which won */
			for (int h = 0; h < g && !seen; h++)
				seen = s->gpu_left[h] == s->gpu_left[g];
			if (seen)
				continue;
			left[g] = (int16_t)(left[g] - p->gpu_milli);
			int32_t score = to_score(before, node_frag(f->typical, n, cpu_after, left));
			left[g] = s->gpu_left[g];
			if (!*gpus || score > best) {
				best = score;
				*gpus = 1u << g;
			}
		}
		return best;
	}
	*gpus = whole_gpus_lowest(s->gpu_left, n->gpu_count, p->gpu_count);
	for (int g = 0; g < n->gpu_count; g++)
		if (*gpus >> g & 1)
			left[g] = (int16_t)(left[g] - p->gpu_milli);
	return to_score(before, node_frag(f->typical, n, cpu_after, left));
}

static int64_t fgd_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	struct fgd *f = self;
	if (p->cpu_milli == 0 && p->mem_bytes == 0 && p->gpu_count == 0)
		return SCORE_MAX;
	struct pod_shape shape = pod_shape_of(p, 0);
	bool stale;
	struct fgd_value *e = class_cache_get(&f->scores, c, &shape, node, &stale);
	if (!e)
		return compute(f, c, p, node, gpus);
	if (stale)
		e->score = compute(f, c, p, node, &e->gpus);
	*gpus = e->gpus;
	return e->score;
}

static int64_t fgd_prescore(void *self, const struct cluster *c, const struct pod_spec *p,
			    const struct feasible_set *fs, struct pcg32 *rng)
{
	(void)rng;
	struct fgd *f = self;
	struct pod_shape shape = pod_shape_of(p, 0);
	class_cache_prefetch(&f->scores, c, &shape, fs);
	return NO_NOMINEE;
}

const struct policy_ops fgd_score_policy = {
	.name = "FGDScore",
	.summary = "fragmentation gradient descent: least growth of GPU fragmentation (ATC'23)",
	.gpu_sel = GPU_SEL_PLUGIN,
	.init = fgd_init,
	.prescore = fgd_prescore,
	.score = fgd_score,
	.free = fgd_free,
};
