#include "sim/pipelines.h"

#include <stdlib.h>
#include <string.h>

int pipelines_init(struct pipelines *p, const struct arrivals *a, struct error *err)
{
	memset(p, 0, sizeof *p);
	if (dag_build(&p->dag, a->pods, a->n, err))
		return -1;
	if (p->dag.n_pipelines == 0)
		return 0;
	p->waiting_for = malloc(a->n * sizeof *p->waiting_for);
	p->finished = calloc(a->n, 1);
	if (!p->waiting_for || !p->finished) {
		pipelines_release(p);
		return error_set(err, "out of memory for pipelines");
	}
	memcpy(p->waiting_for, p->dag.preds, a->n * sizeof *p->waiting_for);
	return 0;
}

void pipelines_release(struct pipelines *p)
{
	dag_release(&p->dag);
	free(p->waiting_for);
	free(p->finished);
	memset(p, 0, sizeof *p);
}

size_t pipelines_finish(struct pipelines *p, uint32_t i, uint32_t *released)
{
	const struct dag *d = &p->dag;
	if (d->n_pipelines == 0 || p->finished[i])
		return 0;
	p->finished[i] = 1;
	size_t n = 0;
	for (uint32_t e = d->succ_at[i]; e < d->succ_at[i + 1]; e++)
		if (--p->waiting_for[d->succ[e]] == 0)
			released[n++] = d->succ[e];
	return n;
}
