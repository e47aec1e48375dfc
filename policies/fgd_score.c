/* fgd_score.c — FGDScore: fragmentation gradient descent (Weng et al., ATC'23).
 *
 * Place the pod where it grows the node's fragmentation F (frag.h) the least:
 * score = int(sigmoid((F_before − F_after)/1000) · 100).  A shared pod tries every GPU that
 * fits and keeps the best (the first on ties), which is also its GPU choice; whole-GPU pods
 * take the lowest-index idle GPUs.  A pod requesting nothing scores 100.
 *
 * Cost: F is O(typical pods × GPUs).  Scores depend only on the node's class (node_class.h)
 * and the pod's shape (CPU, per-GPU milli, GPU count), so they are cached per pod shape and
 * class, checked by the class's serial: a bind computes afresh only for the node's new class.
 * Each pod shape gets its own array of entries when first seen (a trace has a few hundred),
 * so shapes never evict each other.  Memory: pod shapes × classes × 16 bytes.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/policy.h"

#define MAX_SHAPES 4096

struct shape {
	int64_t cpu;
	int gpu_milli;
	int gpu_count;
};

/* Cached for a class while its serial matches: 0 is never a serial + 1. */
struct fgd_entry {
	uint64_t serial_plus_one;
	int32_t score;
	uint32_t gpus;
};

struct frag_entry {
	uint64_t serial_plus_one;
	double f;
};

/* Per class id, grown as ids are handed out. */
struct by_class {
	void *entries;
	uint32_t n;
};

struct fgd {
	const struct typical_pods *typical;
	struct by_class by_shape[MAX_SHAPES];  /* of fgd_entry, per pod shape (made when first seen) */
	struct by_class frag;                  /* of frag_entry: F of each class */
	struct shape shapes[MAX_SHAPES];
	uint32_t n_shapes;
	uint32_t last;            /* the shape of the last pod scored, UINT32_MAX: none */
};

static int fgd_init(void **self, const struct policy_env *env, struct error *err)
{
	struct fgd *f = calloc(1, sizeof *f);
	if (!f)
		return error_set(err, "out of memory for FGDScore's cache");
	f->last = UINT32_MAX;
	f->typical = env->typical;
	*self = f;
	return 0;
}

static void fgd_free(void *self)
{
	struct fgd *f = self;
	for (uint32_t i = 0; i < f->n_shapes; i++)
		free(f->by_shape[i].entries);
	free(f->frag.entries);
	free(f);
}

static bool same_shape(const struct shape *a, const struct shape *b)
{
	return a->cpu == b->cpu && a->gpu_milli == b->gpu_milli && a->gpu_count == b->gpu_count;
}

/* A small id per distinct pod shape: the last pod's when the same (a pod is scored on every
 * feasible node in turn), else linear in the shapes seen.  Past MAX_SHAPES, UINT32_MAX:
 * computed every time, never cached. */
static uint32_t shape_id(struct fgd *f, const struct pod_spec *p)
{
	struct shape k = {pod_cpu_nonzero(p), p->gpu_milli, p->gpu_count};
	if (f->last != UINT32_MAX && same_shape(&f->shapes[f->last], &k))
		return f->last;
	for (uint32_t i = 0; i < f->n_shapes; i++)
		if (same_shape(&f->shapes[i], &k))
			return f->last = i;
	if (f->n_shapes == MAX_SHAPES)
		return UINT32_MAX;
	f->shapes[f->n_shapes] = k;
	return f->last = f->n_shapes++;
}

/* The entry of class id in t (entries of `size` bytes), growing t to the classes made so far;
 * NULL when out of memory (then nothing is cached). */
static void *entry_of(struct by_class *t, size_t size, uint32_t id, const struct cluster *c)
{
	if (id >= t->n) {
		uint32_t n = c->classes.n_made > 2 * t->n ? c->classes.n_made : 2 * t->n;
		char *grown = realloc(t->entries, (size_t)n * size);
		if (!grown)
			return NULL;
		memset(grown + (size_t)t->n * size, 0, (size_t)(n - t->n) * size);
		t->entries = grown;
		t->n = n;
	}
	return (char *)t->entries + (size_t)id * size;
}

static double frag_now(struct fgd *f, const struct cluster *c, size_t node)
{
	const struct node_class *k = node_class_of(&c->classes, node);
	struct frag_entry *e = entry_of(&f->frag, sizeof *e, c->classes.class_of[node], c);
	if (e && e->serial_plus_one == k->serial + 1)
		return e->f;
	double now = node_frag(f->typical, &c->spec[node], node_cpu_left(c, node), c->state[node].gpu_left);
	if (e)
		*e = (struct frag_entry){k->serial + 1, now};
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
	uint32_t shape = shape_id(f, p);
	struct fgd_entry *e = NULL;
	if (shape != UINT32_MAX)
		e = entry_of(&f->by_shape[shape], sizeof *e, c->classes.class_of[node], c);
	if (!e)
		return compute(f, c, p, node, gpus);
	uint64_t serial = node_class_of(&c->classes, node)->serial;
	if (e->serial_plus_one != serial + 1) {
		e->score = compute(f, c, p, node, &e->gpus);
		e->serial_plus_one = serial + 1;
	}
	*gpus = e->gpus;
	return e->score;
}

/* Asks the memory for the cache entries and class serials the scores will read, all at once:
 * with classes spread over a large cluster, each is a miss that would otherwise be waited for
 * one at a time. */
static int64_t fgd_prescore(void *self, const struct cluster *c, const struct pod_spec *p,
			    const struct feasible_set *fs, struct pcg32 *rng)
{
	(void)rng;
	struct fgd *f = self;
	uint32_t shape = shape_id(f, p);
	if (shape == UINT32_MAX || !f->by_shape[shape].entries)
		return NO_NOMINEE;
	const struct fgd_entry *entries = f->by_shape[shape].entries;
	for (size_t i = 0; i < fs->n; i++) {
		uint32_t id = c->classes.class_of[fs->candidates[i]];
		__builtin_prefetch(&c->classes.cls[id].serial);
		if (id < f->by_shape[shape].n)
			__builtin_prefetch(&entries[id]);
	}
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
