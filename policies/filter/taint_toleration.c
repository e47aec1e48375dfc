/* taint_toleration.c — TaintToleration, as kube-scheduler's.  Filter: a node whose NoSchedule
 * or NoExecute taint the pod does not tolerate turns it away, "node(s) had untolerated taint
 * {key: value}" naming the first such taint.  Score: the node's PreferNoSchedule taints the
 * pod does not tolerate, fewer better (DefaultNormalizeScore, reversed).  A toleration matches
 * as core/v1's ToleratesTaint (placement_match.h).  On in every profile unless disabled, as
 * in Kubernetes' default profile; the filter skips every pod in a cluster without a hard
 * taint.  Taints are part of a node's shape, so classes answer for both.  O(taints ×
 * tolerations) per node.
 */
#include <stdlib.h>
#include <string.h>

#include "policies/kit/normalize.h"
#include "sim/load/placement_match.h"
#include "sim/plugin/filter.h"
#include "sim/plugin/score.h"

/* The cluster's taints as bits, by effect: bit t of a node's mask[e] is set when it has the
 * taint of text t (workload.taint_texts) with effect e; one taint of each text for tolerations
 * to be tried against.  A pod's tolerated[e] is the same bits for the taints it tolerates,
 * found once a cycle (prefilter, prescore); a node then answers in O(1). */
enum { MASK_NO_SCHEDULE, MASK_PREFER, MASK_NO_EXECUTE, N_MASKS };

struct taints {
	bool hard;                          /* some node has a NoSchedule or NoExecute taint */
	bool soft;                          /* some node has a PreferNoSchedule taint */
	uint64_t (*mask)[N_MASKS];          /* per node */
	struct taint text[MAX_TAINT_TEXTS]; /* a taint of each text (its effect unused) */
	uint32_t n_texts;
	const struct pod_spec *p;           /* the pod tolerated[] is of */
	uint64_t tolerated[N_MASKS];
};

static int mask_of(uint8_t effect)
{
	return effect == EFFECT_NO_SCHEDULE ? MASK_NO_SCHEDULE : effect == EFFECT_NO_EXECUTE ? MASK_NO_EXECUTE : MASK_PREFER;
}

/* The taints of each effect that p tolerates, as bits. */
static void tolerated(const struct taints *t, const struct pod_spec *p, uint64_t out[N_MASKS])
{
	static const uint8_t effects[N_MASKS] = {EFFECT_NO_SCHEDULE, EFFECT_PREFER_NO_SCHEDULE, EFFECT_NO_EXECUTE};
	memset(out, 0, N_MASKS * sizeof *out);
	if (!p->rules || !p->rules->n_tolerations)
		return;
	for (int m = 0; m < N_MASKS; m++)
		for (uint32_t x = 0; x < t->n_texts; x++) {
			if (!t->text[x].key)
				continue;   /* a text no node's taint has */
			struct taint taint = t->text[x];
			taint.effect = effects[m];
			out[m] |= (uint64_t)pod_tolerates(p, &taint) << x;
		}
}

static void learn(struct taints *t, const struct pod_spec *p)
{
	if (t->p != p) {
		tolerated(t, p, t->tolerated);
		t->p = p;
	}
}

static bool skips(const void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	(void)p;
	return !((const struct taints *)self)->hard;
}

static void prefilter(void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	learn(self, p);
}

static bool admits(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	(void)c;
	const struct taints *t = self;
	uint64_t tol[N_MASKS];
	const uint64_t *ok = t->tolerated;
	if (t->p != p) {   /* asked without its prefilter */
		tolerated(t, p, tol);
		ok = tol;
	}
	const uint64_t *m = t->mask[node];
	return !(m[MASK_NO_SCHEDULE] & ~ok[MASK_NO_SCHEDULE]) && !(m[MASK_NO_EXECUTE] & ~ok[MASK_NO_EXECUTE]);
}

static void why(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p, struct fit_error *e,
		uint32_t nodes)
{
	(void)self;
	e->taint_nodes[first_untolerated(&c->spec[node], p)->text] += nodes;
}

static void release(void *self)
{
	struct taints *t = self;
	if (t)
		free(t->mask);
	free(t);
}

static int init(void **self, const struct plugin_env *env, struct error *err)
{
	*self = NULL;
	if (!env->cluster)
		return 0;
	const struct cluster *c = env->cluster;
	struct taints *t = calloc(1, sizeof *t);
	if (t)
		t->mask = calloc(c->n ? c->n : 1, sizeof *t->mask);
	if (!t || !t->mask) {
		release(t);
		return error_set(err, "out of memory for TaintToleration");
	}
	for (size_t i = 0; i < c->n; i++)
		for (uint32_t k = 0; k < c->spec[i].n_taints; k++) {
			const struct taint *x = &c->spec[i].taints[k];
			t->hard |= x->effect != EFFECT_PREFER_NO_SCHEDULE;
			t->soft |= x->effect == EFFECT_PREFER_NO_SCHEDULE;
			t->mask[i][mask_of(x->effect)] |= 1ull << x->text;
			t->text[x->text] = *x;
			t->n_texts = x->text + 1u > t->n_texts ? x->text + 1u : t->n_texts;
		}
	*self = t;
	return 0;
}

/* Without a PreferNoSchedule taint anywhere every node scores alike (100): nothing to say. */
static bool score_skips(void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	(void)p;
	return !((const struct taints *)self)->soft;
}

static int64_t prescore(void *self, const struct cluster *c, const struct pod_spec *p, const struct feasible_set *f,
			struct pcg32 *rng)
{
	(void)c;
	(void)f;
	(void)rng;
	learn(self, p);
	return NO_NOMINEE;
}

static int64_t score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	(void)c;
	(void)gpus;
	struct taints *t = self;
	learn(t, p);
	return __builtin_popcountll(t->mask[node][MASK_PREFER] & ~t->tolerated[MASK_PREFER]);
}

static void normalize(void *self, int64_t *scores, size_t n)
{
	(void)self;
	normalize_by_max(scores, n, true);
}

const struct plugin taint_toleration_plugin = {
	.name = "TaintToleration",
	.summary = "a node's untolerated NoSchedule/NoExecute taints turn a pod away; PreferNoSchedule ones score (on by default)",
	.init = init,
	.free = release,
	.filter = &(const struct filter_ops){
		.spec_only = true,
		.skips = skips,
		.prefilter = prefilter,
		.admits = admits,
		.why = why,
	},
	.score = &(const struct policy_ops){
		.name = "TaintToleration",
		.summary = "fewer untolerated PreferNoSchedule taints score higher",
		.init = init,
		.skips = score_skips,
		.prescore = prescore,
		.score = score,
		.normalize = normalize,
		.free = release,
	},
	.by_default = true,
};
