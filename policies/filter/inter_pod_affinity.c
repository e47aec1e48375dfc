/* inter_pod_affinity.c — InterPodAffinity, as kube-scheduler's.
 *
 * Filter, for pod P on node N, in this order (each with its reason):
 *  - P's required affinity: N has every term's topology key, and in N's domain of each some
 *    bound pod matches all of P's terms — unless no bound pod matches them all and P matches
 *    them itself (the first of a group);                    "didn't match pod affinity rules"
 *  - P's required anti-affinity: no bound pod matching a term in N's domain of its key;
 *                                                           "didn't match pod anti-affinity rules"
 *  - the symmetry: no bound pod whose required anti-affinity term matches P in N's domain of
 *    that term's key.                        "didn't satisfy existing pods anti-affinity rules"
 * Score: for N's domain of each key, + weight × the bound pods matching P's preferred affinity
 * terms, − for its preferred anti-affinity terms, + hardPodAffinityWeight (arg, 0..100, default 1)
 * for each bound pod whose required affinity term matches P, ± weight for each whose preferred
 * (anti-)affinity term matches P; then min-max into 0..100, as its NormalizeScore does.
 *
 * Counts are kept as pods bind and leave (pod_counts.h), never recounted per decision: a bind
 * costs O(the terms that match the pod + affinity groups).  A pod with no rule that involves it
 * is skipped.  Classes answer for a pod whose terms' keys split shapes (a zone, a rack);
 * one whose terms read a key of many values (a hostname) is filtered node by node.
 * Preemption's what-if follows up to WHAT_IF_TERMS terms per pod and kind (beyond that,
 * taking a victim off is not taken to help).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "policies/kit/args.h"
#include "policies/kit/pod_counts.h"
#include "sim/plugin/filter.h"
#include "sim/plugin/score.h"
#include "sim/util/vec.h"

#define WHAT_IF_TERMS 4

/* A term of a pod's own, and its weight (1 for a required one). */
struct own_term {
	uint32_t term;
	int32_t weight;
};

/* What a pod's rules (by their pointer) are as counted terms. */
struct own_terms {
	const struct pod_rules *rules;
	struct own_term *at[N_OWNED];
	uint32_t n[N_OWNED];
	int32_t group;               /* its required affinity terms as a group, -1: none */
};

/* The required affinity terms of some pod, and the bound pods matching all of them, per domain
 * of each term's key. */
struct affinity_group {
	uint32_t *terms;
	uint32_t n;
	int64_t **counts;            /* per term: per domain */
	int64_t any;                 /* such pods on a node with one of the keys */
};

/* P's part, found by prefilter (and kept while nothing binds). */
struct cycle {
	const struct pod_spec *p;
	uint64_t generation;
	const struct label_class *cls;
	const struct own_terms *own;
	uint32_t *existing;          /* terms matching P that a bound pod may own as required anti */
	uint32_t n_existing;
	bool self_match;             /* P matches all of its group's terms */
	bool involved;               /* any rule involves P */
};

struct ipa {
	struct pod_counts pc;
	const struct workload *w;
	struct own_terms *owns;      /* open addressing by rules pointer */
	size_t mask;
	struct affinity_group *groups;
	size_t n_groups, cap_groups;
	bool any_anti_owner;         /* some pod has required anti-affinity */
	int64_t hard_weight;
	struct cycle cy;
	/* The score's part of P, which does not change as pods bind: its own terms, and the terms
	 * that bound pods may own as required affinity or preferred (anti-)affinity that match P. */
	struct {
		const struct pod_spec *p;
		const struct own_terms *own;
		uint32_t *symmetric;
		uint32_t n_symmetric;
	} sp;
};

static struct own_terms *own_slot(const struct ipa *x, const struct pod_rules *r)
{
	return &x->owns[rules_slot(x->owns, sizeof *x->owns, x->mask, r)];
}

static const struct own_terms *own_of(const struct ipa *x, const struct pod_rules *r)
{
	const struct own_terms *o = r ? own_slot(x, r) : NULL;
	return o && o->rules ? o : NULL;
}

static int intern_list(struct ipa *x, const struct term_list *l, enum owned_as as, struct own_terms *o)
{
	o->at[as] = malloc((l->n ? l->n : 1) * sizeof *o->at[as]);
	if (!o->at[as])
		return -1;
	for (uint32_t i = 0; i < l->n; i++) {
		const struct pod_term *t = &l->at[i];
		int id = pod_counts_term(&x->pc, &t->selector, t->namespaces, t->n_namespaces, t->all_namespaces,
					 t->topology_key, 0);
		if (id < 0)
			return -1;
		pod_counts_will_own(&x->pc, (uint32_t)id, as);
		o->at[as][o->n[as]++] = (struct own_term){(uint32_t)id, as == OWNED_REQUIRED || as == OWNED_REQUIRED_ANTI ? 1 : t->weight};
	}
	return 0;
}

static int group_of(struct ipa *x, struct own_terms *o)
{
	uint32_t n = o->n[OWNED_REQUIRED];
	o->group = -1;
	if (!n)
		return 0;
	for (size_t g = 0; g < x->n_groups; g++) {
		bool same = x->groups[g].n == n;
		for (uint32_t i = 0; same && i < n; i++)
			same = x->groups[g].terms[i] == o->at[OWNED_REQUIRED][i].term;
		if (same) {
			o->group = (int32_t)g;
			return 0;
		}
	}
	if (VEC_RESERVE(x->groups, x->cap_groups, x->n_groups + 1))
		return -1;
	struct affinity_group *g = &x->groups[x->n_groups];
	*g = (struct affinity_group){malloc(n * sizeof *g->terms), n, NULL, 0};
	if (!g->terms)
		return -1;
	for (uint32_t i = 0; i < n; i++)
		g->terms[i] = o->at[OWNED_REQUIRED][i].term;
	o->group = (int32_t)x->n_groups++;
	return 0;
}

static int add_rules(struct ipa *x, const struct pod_rules *r)
{
	struct own_terms *o = own_slot(x, r);
	if (o->rules)
		return 0;
	o->rules = r;
	x->any_anti_owner |= r->anti_affinity.n > 0;
	return intern_list(x, &r->anti_affinity, OWNED_REQUIRED_ANTI, o) ||
	       intern_list(x, &r->affinity, OWNED_REQUIRED, o) ||
	       intern_list(x, &r->affinity_preferred, OWNED_PREFERRED, o) ||
	       intern_list(x, &r->anti_affinity_preferred, OWNED_PREFERRED_ANTI, o) || group_of(x, o);
}

static void ipa_free(void *self)
{
	struct ipa *x = self;
	if (!x)
		return;
	for (size_t i = 0; x->owns && i <= x->mask; i++)
		for (int a = 0; a < N_OWNED; a++)
			free(x->owns[i].at[a]);
	for (size_t g = 0; g < x->n_groups; g++) {
		for (uint32_t i = 0; x->groups[g].counts && i < x->groups[g].n; i++)
			free(x->groups[g].counts[i]);
		free(x->groups[g].counts);
		free(x->groups[g].terms);
	}
	pod_counts_release(&x->pc);
	free(x->owns);
	free(x->groups);
	free(x->cy.existing);
	free(x->sp.symmetric);
	free(x);
}

static bool has_pod_terms(const struct pod_rules *r)
{
	return r && (r->affinity.n || r->anti_affinity.n || r->affinity_preferred.n || r->anti_affinity_preferred.n);
}

static int ipa_make(struct ipa **out, const struct plugin_env *env, struct error *err)
{
	const struct workload *w = env->cluster->w;
	struct ipa *x = calloc(1, sizeof *x);
	size_t with = 0;
	for (size_t i = 0; i < w->n_pods; i++)
		with += has_pod_terms(w->pods[i].rules);
	size_t size = rules_table_size(with);
	if (!x || pod_counts_init(&x->pc, env->cluster) || !(x->owns = calloc(size, sizeof *x->owns)))
		goto oom;
	x->w = w;
	x->mask = size - 1;
	x->hard_weight = 1;
	for (size_t i = 0; i < w->n_pods; i++)
		if (has_pod_terms(w->pods[i].rules) && add_rules(x, w->pods[i].rules))
			goto oom;
	size_t terms = x->pc.n_terms ? x->pc.n_terms : 1;
	if (pod_counts_seal(&x->pc) || !(x->cy.existing = malloc(terms * sizeof(uint32_t))) ||
	    !(x->sp.symmetric = malloc(terms * sizeof(uint32_t))))
		goto oom;
	for (size_t g = 0; g < x->n_groups; g++) {
		struct affinity_group *ag = &x->groups[g];
		if (!(ag->counts = calloc(ag->n, sizeof *ag->counts)))
			goto oom;
		for (uint32_t i = 0; i < ag->n; i++) {
			uint32_t domains = x->pc.keys[x->pc.terms[ag->terms[i]].key].n_domains;
			if (!(ag->counts[i] = calloc(domains ? domains : 1, sizeof *ag->counts[i])))
				goto oom;
		}
	}
	*out = x;
	return 0;
oom:
	ipa_free(x);
	return error_set(err, "out of memory for InterPodAffinity");
}

static bool matches_group(const struct affinity_group *g, const struct label_class *k)
{
	for (uint32_t i = 0; i < g->n; i++)
		if (!pod_counts_matches(k, g->terms[i]))
			return false;
	return true;
}

/* q bound to node (sign 1) or gone (−1). */
static void ipa_account(struct ipa *x, const struct pod_spec *q, size_t node, int sign)
{
	if (x->pc.n_terms == 0)
		return;   /* no pod has a pod affinity term: nothing to count */
	const struct label_class *k = pod_counts_class(&x->pc, x->w, q);
	pod_counts_bind(&x->pc, k, node, sign);
	const struct own_terms *o = own_of(x, q->rules);
	for (int a = 0; o && a < N_OWNED; a++)
		for (uint32_t i = 0; i < o->n[a]; i++)
			pod_counts_own(&x->pc, o->at[a][i].term, (enum owned_as)a, node, sign * o->at[a][i].weight);
	for (size_t g = 0; k && g < x->n_groups; g++) {
		struct affinity_group *ag = &x->groups[g];
		if (!matches_group(ag, k))
			continue;
		bool placed = false;
		for (uint32_t i = 0; i < ag->n; i++) {
			int32_t d = pod_counts_domain(&x->pc, ag->terms[i], node);
			if (d >= 0) {
				ag->counts[i][d] += sign;
				placed = true;
			}
		}
		ag->any += placed ? sign : 0;
	}
}

static void ipa_bound(void *self, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	(void)c;
	ipa_account(self, p, node, 1);
}

static void ipa_unbound(void *self, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	(void)c;
	ipa_account(self, p, node, -1);
}

/* ---- Filter ---- */

static int filter_init(void **self, const struct plugin_env *env, struct error *err)
{
	*self = NULL;
	return env->cluster ? ipa_make((struct ipa **)self, env, err) : 0;
}

static bool has_required(const struct pod_spec *p)
{
	return p->rules && (p->rules->affinity.n || p->rules->anti_affinity.n);
}

static bool skips(const void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	return !has_required(p) && !((const struct ipa *)self)->any_anti_owner;
}

static void prefilter(void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	struct ipa *x = self;
	struct cycle *cy = &x->cy;
	if (cy->p == p && cy->generation == x->pc.generation)
		return;
	cy->p = p;
	cy->generation = x->pc.generation;
	cy->cls = pod_counts_class(&x->pc, x->w, p);
	cy->own = own_of(x, p->rules);
	cy->n_existing = 0;
	for (uint32_t i = 0; cy->cls && i < cy->cls->n_terms; i++)
		if (x->pc.terms[cy->cls->terms[i]].owned[OWNED_REQUIRED_ANTI])
			cy->existing[cy->n_existing++] = cy->cls->terms[i];
	const struct affinity_group *g = cy->own && cy->own->group >= 0 ? &x->groups[cy->own->group] : NULL;
	cy->self_match = g && cy->cls && matches_group(g, cy->cls);
	cy->involved = cy->n_existing || (cy->own && (cy->own->n[OWNED_REQUIRED] || cy->own->n[OWNED_REQUIRED_ANTI]));
}

/* Victims taken off the node asked about, as far as they change P's counts there. */
struct ipa_what_if {
	uint32_t node;
	int32_t group;                     /* victims matching all of P's affinity terms */
	int32_t anti[WHAT_IF_TERMS];       /* victims matching P's i-th anti-affinity term */
	int32_t existing[WHAT_IF_TERMS];   /* victims owning the i-th existing term as required anti */
};

/* Which rule turns P away from node (with the what-if's victims off, when w is not NULL):
 * FIT_AFFINITY, FIT_ANTI_AFFINITY, FIT_EXISTING_ANTI_AFFINITY, or -1 when none does. */
static int turned_away(const struct ipa *x, size_t node, const struct ipa_what_if *w)
{
	const struct cycle *cy = &x->cy;
	const struct pod_counts *pc = &x->pc;
	if (!cy->involved)
		return -1;
	const struct own_terms *o = cy->own;
	if (o && o->group >= 0) {
		const struct affinity_group *g = &x->groups[o->group];
		bool exist = true;
		for (uint32_t i = 0; i < g->n; i++) {
			int32_t d = pod_counts_domain(pc, g->terms[i], node);
			if (d < 0)
				return FIT_AFFINITY;
			exist &= g->counts[i][d] - (w ? w->group : 0) > 0;
		}
		if (!exist && !(g->any == 0 && cy->self_match))
			return FIT_AFFINITY;
	}
	for (uint32_t i = 0; o && i < o->n[OWNED_REQUIRED_ANTI]; i++) {
		uint32_t t = o->at[OWNED_REQUIRED_ANTI][i].term;
		int32_t d = pod_counts_domain(pc, t, node);
		if (d >= 0 && pc->terms[t].matching[d] - (w && i < WHAT_IF_TERMS ? w->anti[i] : 0) > 0)
			return FIT_ANTI_AFFINITY;
	}
	for (uint32_t i = 0; i < cy->n_existing; i++) {
		uint32_t t = cy->existing[i];
		int32_t d = pod_counts_domain(pc, t, node);
		if (d >= 0 && pc->terms[t].owned[OWNED_REQUIRED_ANTI][d] - (w && i < WHAT_IF_TERMS ? w->existing[i] : 0) > 0)
			return FIT_EXISTING_ANTI_AFFINITY;
	}
	return -1;
}

static bool admits(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	(void)c;
	(void)p;
	return turned_away(self, node, NULL) < 0;
}

static void why(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p, struct fit_error *e,
		uint32_t nodes)
{
	(void)c;
	fit_error_count(e, p, 1u << turned_away(self, node, NULL), nodes);
}

/* Whether a key of the terms reads more of a node than its class (a key of many values). */
static bool reads_node(const struct ipa *x, const uint32_t *terms, size_t n, size_t stride)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t t = *(const uint32_t *)((const char *)terms + i * stride);
		if (!x->pc.keys[x->pc.terms[t].key].in_shape)
			return true;
	}
	return false;
}

static bool own_reads_node(const struct ipa *x, const struct own_terms *o, enum owned_as as)
{
	return o && reads_node(x, &o->at[as][0].term, o->n[as], sizeof(struct own_term));
}

static bool sees_node(const void *self, const struct pod_spec *p)
{
	struct ipa *x = (struct ipa *)self;   /* the cycle's part is made here if not yet */
	prefilter(x, NULL, p);
	const struct cycle *cy = &x->cy;
	return cy->involved && (own_reads_node(x, cy->own, OWNED_REQUIRED) || own_reads_node(x, cy->own, OWNED_REQUIRED_ANTI) ||
				reads_node(x, cy->existing, cy->n_existing, sizeof(uint32_t)));
}

/* The chain has made P's part (prefilter) before it begins. */
static void ipa_what_if_begin(const void *self, size_t node, const struct pod_spec *p, void *state)
{
	(void)p;
	(void)self;
	memset(state, 0, sizeof(struct ipa_what_if));
	((struct ipa_what_if *)state)->node = (uint32_t)node;
}

static void ipa_what_if_account(const void *self, void *state, const struct pod_spec *running, int sign)
{
	struct ipa *x = (struct ipa *)self;   /* label classes are made on first sight */
	struct ipa_what_if *w = state;
	const struct cycle *cy = &x->cy;
	const struct label_class *k = pod_counts_class(&x->pc, x->w, running);
	const struct own_terms *o = cy->own, *vo = own_of(x, running->rules);
	if (!k || !cy->involved)
		return;
	if (o && o->group >= 0 && matches_group(&x->groups[o->group], k))
		w->group -= sign;
	for (uint32_t i = 0; o && i < o->n[OWNED_REQUIRED_ANTI] && i < WHAT_IF_TERMS; i++)
		w->anti[i] -= sign * pod_counts_matches(k, o->at[OWNED_REQUIRED_ANTI][i].term);
	for (uint32_t i = 0; vo && i < cy->n_existing && i < WHAT_IF_TERMS; i++)
		for (uint32_t j = 0; j < vo->n[OWNED_REQUIRED_ANTI]; j++)
			w->existing[i] -= sign * (vo->at[OWNED_REQUIRED_ANTI][j].term == cy->existing[i]);
}

static bool ipa_what_if_admits(const void *self, const void *state, const struct pod_spec *p)
{
	(void)p;
	const struct ipa_what_if *w = state;
	return turned_away(self, w->node, w) < 0;
}

/* ---- Score ---- */

static int score_init(void **self, const struct plugin_env *env, struct error *err)
{
	*self = NULL;
	struct ipa *x = NULL;
	if (env->cluster && ipa_make(&x, env, err))
		return -1;
	int64_t hard = 1;
	if (arg_integer(env, "InterPodAffinity", "hardPodAffinityWeight", 0, 100, &hard, err)) {
		ipa_free(x);
		return -1;
	}
	if (x)
		x->hard_weight = hard;
	*self = x;
	return 0;
}

static bool owned_for_score(const struct counted_term *t)
{
	return t->owned[OWNED_REQUIRED] || t->owned[OWNED_PREFERRED] || t->owned[OWNED_PREFERRED_ANTI];
}

/* P's score part, found once for it (x->sp). */
static void score_part(struct ipa *x, const struct pod_spec *p)
{
	if (x->sp.p == p)
		return;
	x->sp.p = p;
	x->sp.own = own_of(x, p->rules);
	x->sp.n_symmetric = 0;
	const struct label_class *k = x->pc.n_terms ? pod_counts_class(&x->pc, x->w, p) : NULL;
	for (uint32_t i = 0; k && i < k->n_terms; i++)
		if (owned_for_score(&x->pc.terms[k->terms[i]]))
			x->sp.symmetric[x->sp.n_symmetric++] = k->terms[i];
}

/* Nothing to say of p: no preferred term of its own, and no bound pod's term could match it. */
static bool score_skips(void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	struct ipa *x = self;
	score_part(x, p);
	const struct own_terms *o = x->sp.own;
	return !(o && (o->n[OWNED_PREFERRED] || o->n[OWNED_PREFERRED_ANTI])) && !x->sp.n_symmetric;
}

static int64_t term_sum(const struct pod_counts *pc, const struct own_term *t, uint32_t n, size_t node)
{
	int64_t sum = 0;
	for (uint32_t i = 0; i < n; i++) {
		int32_t d = pod_counts_domain(pc, t[i].term, node);
		sum += d >= 0 ? t[i].weight * pc->terms[t[i].term].matching[d] : 0;
	}
	return sum;
}

static int64_t score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	(void)c;
	(void)gpus;
	struct ipa *x = self;
	const struct pod_counts *pc = &x->pc;
	score_part(x, p);
	const struct own_terms *o = x->sp.own;
	int64_t s = 0;
	if (o)
		s = term_sum(pc, o->at[OWNED_PREFERRED], o->n[OWNED_PREFERRED], node) -
		    term_sum(pc, o->at[OWNED_PREFERRED_ANTI], o->n[OWNED_PREFERRED_ANTI], node);
	for (uint32_t i = 0; i < x->sp.n_symmetric; i++) {
		const struct counted_term *t = &pc->terms[x->sp.symmetric[i]];
		int32_t d = pc->keys[t->key].domain[node];
		if (d < 0)
			continue;
		if (t->owned[OWNED_REQUIRED])
			s += x->hard_weight * t->owned[OWNED_REQUIRED][d];
		if (t->owned[OWNED_PREFERRED])
			s += t->owned[OWNED_PREFERRED][d];
		if (t->owned[OWNED_PREFERRED_ANTI])
			s -= t->owned[OWNED_PREFERRED_ANTI][d];
	}
	return s;
}

/* NormalizeScore: 100 × (s − min) / (max − min), as a float truncated; all 0 when equal. */
static void normalize(void *self, int64_t *scores, size_t n)
{
	(void)self;
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		lo = scores[i] < lo ? scores[i] : lo;
		hi = scores[i] > hi ? scores[i] : hi;
	}
	for (size_t i = 0; i < n; i++)
		scores[i] = hi > lo ? (int64_t)(SCORE_MAX * ((double)(scores[i] - lo) / (double)(hi - lo))) : 0;
}

static bool score_sees_node(const void *self, const struct pod_spec *p)
{
	struct ipa *x = (struct ipa *)self;   /* the score's part is made here if not yet */
	score_part(x, p);
	const struct own_terms *o = x->sp.own;
	return own_reads_node(x, o, OWNED_PREFERRED) || own_reads_node(x, o, OWNED_PREFERRED_ANTI) ||
	       reads_node(x, x->sp.symmetric, x->sp.n_symmetric, sizeof(uint32_t));
}

const struct plugin inter_pod_affinity_plugin = {
	.name = "InterPodAffinity",
	.summary = "pods' required (anti-)affinity to other pods filters nodes, preferred scores (on by default)",
	.args = (const char *const[]){"hardPodAffinityWeight", NULL},
	.init = filter_init,
	.free = ipa_free,
	.filter = &(const struct filter_ops){
		.skips = skips,
		.prefilter = prefilter,
		.sees_node = sees_node,
		.admits = admits,
		.why = why,
		.bound = ipa_bound,
		.unbound = ipa_unbound,
		.what_if_size = sizeof(struct ipa_what_if),
		.what_if_begin = ipa_what_if_begin,
		.what_if_account = ipa_what_if_account,
		.what_if_admits = ipa_what_if_admits,
	},
	.score = &(const struct policy_ops){
		.name = "InterPodAffinity",
		.summary = "bound pods that P prefers, or that prefer P, in a node's domains",
		.args = (const char *const[]){"hardPodAffinityWeight", NULL},
		.skips = score_skips,
		.sees_node = score_sees_node,
		.init = score_init,
		.score = score,
		.normalize = normalize,
		.bound = ipa_bound,
		.unbound = ipa_unbound,
		.free = ipa_free,
	},
	.by_default = true,
};
