#include "sim/mlops.h"
#include "sim/util/order.h"

#include <stdlib.h>
#include <string.h>

double mlops_score(const struct pod_spec *p)
{
	double gpus = (double)p->gpu_count * p->gpu_milli / GPU_MILLI;
	return gpus * 100 + (double)p->cpu_milli / 1000 * 10 + (double)p->mem_bytes / (1024.0 * 1024 * 1024);
}

bool mlops_before(const struct pod_spec *x, const struct pod_spec *y, const struct preemption_args *a)
{
	bool hx = mlops_high(x, a), hy = mlops_high(y, a);
	if (hx != hy)
		return hx;
	return mlops_score(x) > mlops_score(y);
}

struct mlops_candidate {
	double score;
	int64_t started;
	uint32_t pod;
};

int mlops_victims_init(struct mlops_victims *v, size_t nodes, size_t pods)
{
	memset(v, 0, sizeof *v);
	v->pods = malloc((pods ? pods : 1) * sizeof *v->pods);
	v->cands = malloc((pods ? pods : 1) * sizeof *v->cands);
	v->state = malloc((nodes ? nodes : 1) * sizeof *v->state);
	v->touched = calloc(nodes ? nodes : 1, 1);
	v->what_if = malloc((nodes ? nodes : 1) * sizeof *v->what_if);
	if (v->pods && v->cands && v->state && v->touched && v->what_if)
		return 0;
	mlops_victims_release(v);
	return -1;
}

void mlops_victims_release(struct mlops_victims *v)
{
	free(v->pods);
	free(v->cands);
	free(v->state);
	free(v->touched);
	free(v->what_if);
	memset(v, 0, sizeof *v);
}

/* Eviction order: the larger score, then the later start, then the later arrival. */
static int by_eviction(const void *x, const void *y)
{
	const struct mlops_candidate *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->started != b->started)
		return a->started > b->started ? -1 : 1;
	return a->pod > b->pod ? -1 : 1;
}

/* Takes running pod i off its node's scratch state; its node. */
static uint32_t take_off(struct mlops_victims *v, const struct scheduler *s, const struct cluster *c,
			 const struct running_pods *rp, uint32_t i)
{
	uint32_t node = (uint32_t)rp->outcomes[i].node;
	if (!v->touched[node]) {
		v->touched[node] = 1;
		v->state[node] = c->state[node];
		scheduler_what_if(s, node, &v->what_if[node]);
	}
	node_state_account(&v->state[node], &rp->pods[i], rp->outcomes[i].gpus, -1);
	what_if_account(&v->what_if[node], &rp->pods[i], -1);
	return node;
}

static void untouch(struct mlops_victims *v, const struct running_pods *rp, size_t n)
{
	for (size_t k = 0; k < n; k++)
		v->touched[rp->outcomes[v->cands[k].pod].node] = 0;
}

/* Whether p fits node as the victims so far leave it, filters included. */
static bool room_on(const struct mlops_victims *v, const struct cluster *c, uint32_t node, const struct pod_spec *p)
{
	return node_state_fits(&c->spec[node], &v->state[node], p) && what_if_admits(&v->what_if[node], p);
}

void mlops_choose(struct mlops_victims *v, const struct scheduler *s, const struct cluster *c,
		  const struct running_pods *rp, const struct pod_spec *p, const struct preemption_args *a)
{
	size_t n = 0;
	bool room = false;
	for (size_t node = 0; node < c->n; node++) {
		if (rp->head[node] == NO_POD || !node_could_fit(&c->spec[node], p))
			continue;
		size_t first = n;
		for (uint32_t i = rp->head[node]; i != NO_POD; i = rp->next[i])
			if (!mlops_high(&rp->pods[i], a)) {
				v->cands[n++] = (struct mlops_candidate){mlops_score(&rp->pods[i]), rp->started[i], i};
				take_off(v, s, c, rp, i);
			}
		room = room || (n > first && room_on(v, c, (uint32_t)node, p));
	}
	untouch(v, rp, n);
	v->n = 0;
	if (!room)
		return;
	sort_items(v->cands, n, sizeof *v->cands, by_eviction);
	for (size_t k = 0; k < n && !v->n; k++) {
		v->pods[k] = v->cands[k].pod;
		uint32_t node = take_off(v, s, c, rp, v->pods[k]);
		if (room_on(v, c, node, p))
			v->n = k + 1;
	}
	untouch(v, rp, n);
}
