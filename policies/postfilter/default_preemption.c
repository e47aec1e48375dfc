/* default_preemption.c — DefaultPreemption, Kubernetes' PostFilter for a pod that fits no node.
 *
 * As Kubernetes' default preemption plugin and its evaluator define it:
 *  - Potential nodes are those the pod would fit were they empty: only there can evictions make
 *    room (Kubernetes leaves out the nodes a filter rejects for good, such as a selector's).
 *  - From a seeded random offset into them, nodes are tried in turn until max(10% of them, 100)
 *    candidates are found (minCandidateNodesPercentage and minCandidateNodesAbsolute, the
 *    plugin's args).
 *  - On a node, every running pod of lower priority is a potential victim.  With all of them
 *    gone the pod must fit and pass the profile's filters (PipelineExclusive), else the node
 *    is no candidate.  They are then put back, most
 *    important first (higher priority, then the longest running), each one staying if the pod
 *    still fits; those that cannot stay are the victims, a minimal set.
 *  - The node is the candidate with, in order, the lowest highest-victim priority, the smallest
 *    sum of victim priorities (each + 2^31), the fewest victims, the latest start among its
 *    highest-priority victims, and then the first found.
 * A pod whose PriorityClass says preemptionPolicy: Never never preempts.  Args: Kubernetes'
 * minCandidateNodesPercentage (10) and minCandidateNodesAbsolute (100), not both 0, and simon's
 * victimsResume (false: a victim runs again from the start).
 * Cost per attempt: O(nodes) plus O(v log v) per node tried, v its running pods.
 */
#include <stdlib.h>
#include <string.h>

#include "policies/kit/args.h"
#include "sim/plugin/post_filter.h"

struct preemption {
	int min_candidates_pct, min_candidates_abs;
	bool victims_resume;
	/* Scratch, kept between attempts. */
	uint32_t *potential;
	uint32_t *buf;            /* the candidates' victims, one run each */
	size_t n_buf;
	struct candidate *cands;
	size_t n_cands;
};

/* A node the pod could have by evicting victims buf[first, first + n). */
struct candidate {
	uint32_t node;
	size_t first, n;
	int32_t highest;          /* the highest victim priority */
	int64_t sum;              /* Σ (priority + 2^31) */
	int64_t earliest;         /* the earliest start among the highest-priority victims */
};

/* Whether running pod a is more important than b: higher priority, then the longer running
 * (the earlier start), then the earlier arrival. */
static bool more_important(const struct running_pods *rp, uint32_t a, uint32_t b)
{
	int32_t pa = rp->pods[a].priority, pb = rp->pods[b].priority;
	if (pa != pb)
		return pa > pb;
	if (rp->started[a] != rp->started[b])
		return rp->started[a] < rp->started[b];
	return a < b;
}

/* Most important first; insertion sort, as a node runs a handful of pods. */
static void sort_by_importance(const struct running_pods *rp, uint32_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint32_t x = v[i];
		size_t j = i;
		for (; j > 0 && more_important(rp, x, v[j - 1]); j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Running pod i taken off (sign −1) or put back (+1) in the what-if node. */
static void account(struct node_state *s, const struct filter_chain *f, void *w, const struct running_pods *rp,
		    uint32_t i, int sign)
{
	node_state_account(s, &rp->pods[i], rp->outcomes[i].gpus, sign);
	what_if_account(f, w, &rp->pods[i], sign);
}

/* The victims on node, appended to pr->buf as a candidate; false when the node is none. */
static bool select_victims(struct preemption *pr, const struct post_filter_view *v, const struct pod_spec *p,
			   uint32_t node)
{
	const struct cluster *c = v->c;
	const struct running_pods *rp = v->running;
	const struct filter_chain *f = v->filters;
	const struct node_spec *n = &c->spec[node];
	struct node_state s = c->state[node];
	unsigned char w[WHAT_IF_MAX];
	what_if_begin(f, node, p, w);
	uint32_t *pv = pr->buf + pr->n_buf;
	size_t n_pv = 0;
	for (uint32_t i = rp->head[node]; i != NO_POD; i = rp->next[i])
		if (rp->pods[i].priority < p->priority) {
			pv[n_pv++] = i;
			account(&s, f, w, rp, i, -1);
		}
	if (n_pv == 0 || !node_state_fits(n, &s, p) || !what_if_admits(f, w, p))
		return false;
	sort_by_importance(rp, pv, n_pv);
	size_t n_victims = 0;
	for (size_t k = 0; k < n_pv; k++) {
		uint32_t victim = pv[k];
		account(&s, f, w, rp, victim, 1);
		if (node_state_fits(n, &s, p) && what_if_admits(f, w, p))
			continue;
		account(&s, f, w, rp, victim, -1);
		pv[n_victims++] = victim;
	}
	struct candidate *cd = &pr->cands[pr->n_cands++];
	*cd = (struct candidate){node, pr->n_buf, n_victims, rp->pods[pv[0]].priority, 0, INT64_MAX};
	for (size_t k = 0; k < n_victims; k++) {
		const struct pod_spec *vp = &rp->pods[pv[k]];
		cd->sum += (int64_t)vp->priority + ((int64_t)INT32_MAX + 1);
		if (vp->priority == cd->highest && rp->started[pv[k]] < cd->earliest)
			cd->earliest = rp->started[pv[k]];
	}
	pr->n_buf += n_victims;
	return true;
}

static bool better(const struct candidate *a, const struct candidate *b)
{
	if (a->highest != b->highest)
		return a->highest < b->highest;
	if (a->sum != b->sum)
		return a->sum < b->sum;
	if (a->n != b->n)
		return a->n < b->n;
	return a->earliest > b->earliest;
}

static bool propose(void *self, const struct post_filter_view *v, const struct pod_spec *p, struct pcg32 *rng,
		    struct nomination *out)
{
	struct preemption *pr = self;
	const struct cluster *c = v->c;
	*out = (struct nomination){-1, NULL, 0, pr->victims_resume};
	if (p->never_preempts)
		return false;
	pr->n_buf = pr->n_cands = 0;
	size_t n_potential = 0;
	for (size_t i = 0; i < c->n; i++)
		if (node_could_fit(&c->spec[i], p))   /* only there can evictions make room */
			pr->potential[n_potential++] = (uint32_t)i;
	if (n_potential == 0)
		return true;
	size_t by_share = n_potential * (size_t)pr->min_candidates_pct / 100;
	size_t wanted = by_share > (size_t)pr->min_candidates_abs ? by_share : (size_t)pr->min_candidates_abs;
	wanted = wanted < n_potential ? wanted : n_potential;
	size_t offset = pcg32_below(rng, (uint32_t)n_potential);
	for (size_t k = 0; k < n_potential && pr->n_cands < wanted; k++)
		select_victims(pr, v, p, pr->potential[(offset + k) % n_potential]);
	if (pr->n_cands == 0)
		return true;
	const struct candidate *best = &pr->cands[0];
	for (size_t k = 1; k < pr->n_cands; k++)
		if (better(&pr->cands[k], best))
			best = &pr->cands[k];
	*out = (struct nomination){(int32_t)best->node, pr->buf + best->first, best->n, pr->victims_resume};
	return true;
}

static void release(void *self)
{
	struct preemption *pr = self;
	if (!pr)
		return;
	free(pr->potential);
	free(pr->buf);
	free(pr->cands);
	free(pr);
}

static int init(void **self, const struct plugin_env *env, struct error *err)
{
	static const char name[] = "DefaultPreemption";
	*self = NULL;
	int64_t pct = 10, abs = 100;
	bool resume = false;
	if (arg_integer(env, name, "minCandidateNodesPercentage", 0, 100, &pct, err) ||
	    arg_integer(env, name, "minCandidateNodesAbsolute", 0, 1000000000, &abs, err) ||
	    arg_bool(env, name, "victimsResume", &resume, err))
		return -1;
	if (pct == 0 && abs == 0)
		return arg_error(env, &env->args->keys[0], err,
				 "%s: minCandidateNodesPercentage and minCandidateNodesAbsolute cannot both be 0", name);
	if (!env->arrivals)
		return 0;   /* the profile checks the args; a run makes the state */
	struct preemption *pr = calloc(1, sizeof *pr);
	if (!pr)
		return error_set(err, "out of memory for %s", name);
	*self = pr;
	*pr = (struct preemption){(int)pct, (int)abs, resume, NULL, NULL, 0, NULL, 0};
	size_t nodes = env->cluster->n ? env->cluster->n : 1, pods = env->arrivals->n ? env->arrivals->n : 1;
	pr->potential = malloc(nodes * sizeof *pr->potential);
	pr->buf = malloc(pods * sizeof *pr->buf);
	pr->cands = malloc(nodes * sizeof *pr->cands);
	if (pr->potential && pr->buf && pr->cands)
		return 0;
	release(pr);
	*self = NULL;
	return error_set(err, "out of memory for %s", name);
}

const struct plugin default_preemption_plugin = {
	.name = "DefaultPreemption",
	.summary = "evict lower-priority pods, as Kubernetes' default preemption chooses them",
	.args = (const char *const[]){"minCandidateNodesPercentage", "minCandidateNodesAbsolute", "victimsResume", NULL},
	.init = init,
	.free = release,
	.post_filter = &(const struct post_filter_ops){.propose = propose},
};
