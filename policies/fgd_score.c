/* fgd_score.c — FGDScore: fragmentation gradient descent (Weng et al., ATC'23).
 *
 * Place the pod where it grows the node's fragmentation F (frag.h) the least:
 * score = int(sigmoid((F_before − F_after)/1000) · 100).  A shared pod tries every GPU that
 * fits and keeps the best (the first on ties), which is also its GPU choice; whole-GPU pods
 * take the lowest-index idle GPUs.  A pod requesting nothing scores 100.
 *
 * Cost: F is O(typical pods × GPUs).  Scores depend only on the node's state and the pod's
 * shape (CPU, per-GPU milli, GPU count), so they are cached per node and shape, and a node's
 * entries die when its version changes: after a bind only that node is recomputed.  Memory:
 * nodes × FGD_SLOTS entries of 16 bytes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/policy.h"

#define FGD_SLOTS 32
#define MAX_SHAPES 4096

struct shape {
	int64_t cpu;
	int gpu_milli;
	int gpu_count;
};

struct fgd_entry {
	uint32_t shape_plus_one;  /* 0: empty */
	uint32_t version;
	int32_t score;
	uint32_t gpus;
};

struct fgd {
	const struct typical_pods *typical;
	struct fgd_entry *cache;  /* n_nodes × FGD_SLOTS, direct-mapped by shape id */
	double *f_now;            /* F of each node at f_version */
	uint32_t *f_version;
	uint8_t *f_valid;
	struct shape shapes[MAX_SHAPES];
	uint32_t n_shapes;
};

static int fgd_init(void **self, const struct policy_env *env, struct error *err)
{
	size_t n = env->cluster->n ? env->cluster->n : 1;
	struct fgd *f = calloc(1, sizeof *f);
	if (f) {
		f->cache = calloc(n * FGD_SLOTS, sizeof *f->cache);
		f->f_now = calloc(n, sizeof *f->f_now);
		f->f_version = calloc(n, sizeof *f->f_version);
		f->f_valid = calloc(n, 1);
	}
	if (!f || !f->cache || !f->f_now || !f->f_version || !f->f_valid) {
		if (f) {
			free(f->cache);
			free(f->f_now);
			free(f->f_version);
			free(f->f_valid);
		}
		free(f);
		return error_set(err, "out of memory for FGDScore's cache");
	}
	f->typical = env->typical;
	*self = f;
	return 0;
}

static void fgd_free(void *self)
{
	struct fgd *f = self;
	free(f->cache);
	free(f->f_now);
	free(f->f_version);
	free(f->f_valid);
	free(f);
}

/* A small id per distinct pod shape; linear in the shapes seen (a trace has a few hundred).
 * Past MAX_SHAPES, UINT32_MAX: computed every time, never cached. */
static uint32_t shape_id(struct fgd *f, const struct pod_spec *p)
{
	struct shape k = {pod_cpu_nonzero(p), p->gpu_milli, p->gpu_count};
	for (uint32_t i = 0; i < f->n_shapes; i++)
		if (f->shapes[i].cpu == k.cpu && f->shapes[i].gpu_milli == k.gpu_milli &&
		    f->shapes[i].gpu_count == k.gpu_count)
			return i;
	if (f->n_shapes == MAX_SHAPES)
		return UINT32_MAX;
	f->shapes[f->n_shapes] = k;
	return f->n_shapes++;
}

static double frag_now(struct fgd *f, const struct cluster *c, size_t node)
{
	const struct node_state *s = &c->state[node];
	if (!f->f_valid[node] || f->f_version[node] != s->version) {
		f->f_now[node] = node_frag(f->typical, &c->spec[node], node_cpu_left(c, node), s->gpu_left);
		f->f_version[node] = s->version;
		f->f_valid[node] = 1;
	}
	return f->f_now[node];
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
	uint32_t id = shape_id(f, p);
	if (id == UINT32_MAX)
		return compute(f, c, p, node, gpus);
	struct fgd_entry *e = &f->cache[node * FGD_SLOTS + id % FGD_SLOTS];
	uint32_t version = c->state[node].version;
	if (e->shape_plus_one != id + 1 || e->version != version) {
		e->score = compute(f, c, p, node, &e->gpus);
		e->shape_plus_one = id + 1;
		e->version = version;
	}
	*gpus = e->gpus;
	return e->score;
}

const struct policy_ops fgd_score_policy = {
	.name = "FGDScore",
	.summary = "fragmentation gradient descent: least growth of GPU fragmentation (ATC'23)",
	.gpu_sel = GPU_SEL_PLUGIN,
	.init = fgd_init,
	.score = fgd_score,
	.free = fgd_free,
};
