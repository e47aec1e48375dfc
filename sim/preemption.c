#include "sim/preemption.h"

#include <stdlib.h>
#include <string.h>

/* A node the pod could have by evicting victims buf[first, first + n). */
struct candidate {
	uint32_t node;
	size_t first, n;
	int32_t highest;          /* the highest victim priority */
	int64_t sum;              /* Σ (priority + 2^31) */
	int64_t earliest;         /* the earliest start among the highest-priority victims */
};

int preemption_init(struct preemption *pr, size_t nodes, size_t pods)
{
	memset(pr, 0, sizeof *pr);
	pr->node = -1;
	pr->potential = malloc((nodes ? nodes : 1) * sizeof *pr->potential);
	pr->buf = malloc((pods ? pods : 1) * sizeof *pr->buf);
	pr->cands = malloc((nodes ? nodes : 1) * sizeof *pr->cands);
	if (pr->potential && pr->buf && pr->cands)
		return 0;
	preemption_release(pr);
	return -1;
}

void preemption_release(struct preemption *pr)
{
	free(pr->potential);
	free(pr->buf);
	free(pr->cands);
	memset(pr, 0, sizeof *pr);
	pr->node = -1;
}

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
static void account(struct node_state *s, struct filter_what_if *w, const struct running_pods *rp, uint32_t i,
		    int sign)
{
	node_state_account(s, &rp->pods[i], rp->outcomes[i].gpus, sign);
	what_if_account(w, &rp->pods[i], sign);
}

/* The victims on node, appended to pr->buf as a candidate; false when the node is none. */
static bool select_victims(struct preemption *pr, const struct scheduler *sched, const struct cluster *c,
			   const struct running_pods *rp, const struct pod_spec *p, uint32_t node)
{
	const struct node_spec *n = &c->spec[node];
	struct node_state s = c->state[node];
	struct filter_what_if w;
	scheduler_what_if(sched, node, &w);
	uint32_t *pv = pr->buf + pr->n_buf;
	size_t n_pv = 0;
	for (uint32_t i = rp->head[node]; i != NO_POD; i = rp->next[i])
		if (rp->pods[i].priority < p->priority) {
			pv[n_pv++] = i;
			account(&s, &w, rp, i, -1);
		}
	if (n_pv == 0 || !node_state_fits(n, &s, p) || !what_if_admits(&w, p))
		return false;
	sort_by_importance(rp, pv, n_pv);
	size_t n_victims = 0;
	for (size_t k = 0; k < n_pv; k++) {
		uint32_t v = pv[k];
		account(&s, &w, rp, v, 1);
		if (node_state_fits(n, &s, p) && what_if_admits(&w, p))
			continue;
		account(&s, &w, rp, v, -1);
		pv[n_victims++] = v;
	}
	struct candidate *cd = &pr->cands[pr->n_cands++];
	*cd = (struct candidate){node, pr->n_buf, n_victims, rp->pods[pv[0]].priority, 0, INT64_MAX};
	for (size_t k = 0; k < n_victims; k++) {
		const struct pod_spec *v = &rp->pods[pv[k]];
		cd->sum += (int64_t)v->priority + ((int64_t)INT32_MAX + 1);
		if (v->priority == cd->highest && rp->started[pv[k]] < cd->earliest)
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

void preemption_choose(struct preemption *pr, const struct scheduler *s, const struct cluster *c,
		       const struct running_pods *rp, const struct pod_spec *p, const struct preemption_args *args,
		       struct pcg32 *rng)
{
	pr->node = -1;
	pr->n_victims = pr->n_buf = pr->n_cands = 0;
	size_t n_potential = 0;
	for (size_t i = 0; i < c->n; i++)
		if (node_could_fit(&c->spec[i], p))   /* only there can evictions make room */
			pr->potential[n_potential++] = (uint32_t)i;
	if (n_potential == 0)
		return;
	size_t by_share = n_potential * (size_t)args->min_candidates_pct / 100;
	size_t wanted = by_share > (size_t)args->min_candidates_abs ? by_share : (size_t)args->min_candidates_abs;
	wanted = wanted < n_potential ? wanted : n_potential;
	size_t offset = pcg32_below(rng, (uint32_t)n_potential);
	for (size_t k = 0; k < n_potential && pr->n_cands < wanted; k++)
		select_victims(pr, s, c, rp, p, pr->potential[(offset + k) % n_potential]);
	if (pr->n_cands == 0)
		return;
	const struct candidate *best = &pr->cands[0];
	for (size_t k = 1; k < pr->n_cands; k++)
		if (better(&pr->cands[k], best))
			best = &pr->cands[k];
	pr->node = (int32_t)best->node;
	pr->victims = pr->buf + best->first;
	pr->n_victims = best->n;
}
