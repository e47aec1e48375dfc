#include "sim/model/gang.h"

#include <stdlib.h>
#include <string.h>

int gangs_init(struct gangs *g, const struct arrivals *a)
{
	memset(g, 0, sizeof *g);
	for (size_t i = 0; i < a->n; i++)
		if (a->pods[i].job >= 0 && (size_t)a->pods[i].job + 1 > g->n_jobs)
			g->n_jobs = (size_t)a->pods[i].job + 1;
	size_t n = g->n_jobs ? g->n_jobs : 1;
	g->quorum = calloc(n, sizeof *g->quorum);
	g->members = calloc(n, sizeof *g->members);
	g->arrived = calloc(n, sizeof *g->arrived);
	g->released = calloc(n, sizeof *g->released);
	if (!g->quorum || !g->members || !g->arrived || !g->released) {
		gangs_release(g);
		return -1;
	}
	for (size_t i = 0; i < a->n; i++) {
		const struct pod_spec *p = &a->pods[i];
		if (p->job < 0)
			continue;
		g->members[p->job]++;
		if (pod_min_available(p))
			g->quorum[p->job] = pod_min_available(p);   /* the loader checked that members agree */
	}
	for (size_t j = 0; j < g->n_jobs; j++)
		if (g->quorum[j] == 0)
			g->quorum[j] = g->members[j];
	return 0;
}

void gangs_release(struct gangs *g)
{
	free(g->quorum);
	free(g->members);
	free(g->arrived);
	free(g->released);
	memset(g, 0, sizeof *g);
}
