#include "sim/trial.h"

#include <stdlib.h>
#include <string.h>

#include "sim/util/vec.h"

void trial_init(struct trial *t, struct cluster *c, struct scheduler *decoder, const struct typical_pods *typical,
		double frag)
{
	memset(t, 0, sizeof *t);
	t->c = c;
	t->decoder = decoder;
	t->typical = typical;
	t->frag_start = t->frag = frag;
}

void trial_release(struct trial *t)
{
	free(t->steps);
	memset(t, 0, sizeof *t);
}

static double frag_of(const struct trial *t, size_t node)
{
	const struct cluster *c = t->c;
	return node_frag(t->typical, &c->spec[node], node_cpu_left(c, node), c->state[node].gpu_left);
}

int trial_place(struct trial *t, const struct pod_spec *p, struct pcg32 *rng, struct placement *out)
{
	out->node = -1;
	out->gpus = 0;
	if (scheduler_schedule(t->decoder, t->c, p, rng, out) != SCHEDULED) {
		out->node = -1;
		return 0;
	}
	if (VEC_RESERVE(t->steps, t->cap_steps, t->n_steps + 1))
		return -1;
	size_t node = (size_t)out->node;
	double before = frag_of(t, node);
	if (cluster_bind(t->c, node, p, out->gpus))
		return -1;
	t->frag += frag_of(t, node) - before;
	scheduler_bound(t->decoder, t->c, p, node);
	t->steps[t->n_steps++] = (struct trial_step){p, *out};
	return 0;
}

int trial_undo(struct trial *t)
{
	while (t->n_steps > 0) {
		const struct trial_step *s = &t->steps[--t->n_steps];
		if (cluster_unbind(t->c, (size_t)s->placed.node, s->pod, s->placed.gpus))
			return -1;
		scheduler_unbound(t->decoder, t->c, s->pod, (size_t)s->placed.node);
	}
	t->frag = t->frag_start;
	return 0;
}

double trial_frag(const struct trial *t)
{
	return t->frag;
}
