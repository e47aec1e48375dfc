#include "sim/trial.h"

#include <stdlib.h>
#include <string.h>

#include "sim/util/vec.h"

void trial_init(struct trial *t, struct cluster *c, struct scheduler *decoder, struct filter_chain *filters,
		const struct typical_pods *typical, double frag)
{
	memset(t, 0, sizeof *t);
	t->c = c;
	t->decoder = decoder;
	t->filters = filters;
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

/* Binds p where out says, for the trial. */
static int hold(struct trial *t, const struct pod_spec *p, const struct placement *out)
{
	if (VEC_RESERVE(t->steps, t->cap_steps, t->n_steps + 1))
		return -1;
	size_t node = (size_t)out->node;
	double before = frag_of(t, node);
	if (cluster_bind(t->c, node, p, out->gpus))
		return -1;
	t->frag += frag_of(t, node) - before;
	filter_chain_bound(t->filters, t->c, p, node);
	if (t->decoder)
		scheduler_bound(t->decoder, t->c, p, node);
	t->steps[t->n_steps++] = (struct trial_step){p, *out};
	return 0;
}

int trial_place(struct trial *t, const struct pod_spec *p, struct pcg32 *rng, struct placement *out)
{
	if (!t->decoder || scheduler_schedule(t->decoder, t->c, p, rng, out) != SCHEDULED) {
		*out = (struct placement){-1, 0};
		return 0;
	}
	return hold(t, p, out);
}

int trial_place_on(struct trial *t, const struct pod_spec *p, size_t node, struct placement *out)
{
	if (!filter_chain_admits(t->filters, t->c, node, p)) {
		*out = (struct placement){-1, 0};
		return 0;
	}
	*out = (struct placement){(int32_t)node, cluster_pick_gpus(t->c, node, p, GPU_SEL_BEST, NULL)};
	return hold(t, p, out);
}

int trial_undo(struct trial *t)
{
	while (t->n_steps > 0) {
		const struct trial_step *s = &t->steps[--t->n_steps];
		if (cluster_unbind(t->c, (size_t)s->placed.node, s->pod, s->placed.gpus))
			return -1;
		filter_chain_unbound(t->filters, t->c, s->pod, (size_t)s->placed.node);
		if (t->decoder)
			scheduler_unbound(t->decoder, t->c, s->pod, (size_t)s->placed.node);
	}
	t->frag = t->frag_start;
	return 0;
}

double trial_frag(const struct trial *t)
{
	return t->frag;
}

const struct cluster *trial_cluster(const struct trial *t)
{
	return t->c;
}

int batch_place(struct scheduler *s, struct cluster *c, double frag, const struct pod_spec *const *pods, size_t n,
		struct pcg32 *rng, struct placement *out, size_t *decided, struct error *err)
{
	*decided = 0;
	if (n == 0)
		return 0;
	struct trial t;
	trial_init(&t, c, s->decoder, &s->filters, s->typical, frag);
	int rc = s->profile->plugins[0].ops->place(s->self[0], &t, pods, n, rng, out, decided, err);
	if (!rc && (t.n_steps || *decided == 0 || *decided > n))
		rc = error_set(err, "%s left trial placements on the cluster or decided %zu of %zu pods",
			       s->profile->plugins[0].ops->name, *decided, n);
	trial_release(&t);
	return rc;
}
