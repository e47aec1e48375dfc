#include "policies/kit/evict_choice.h"

#include <stdlib.h>
#include <string.h>

int evict_choice_init(struct evict_choice *k, const struct deschedule_view *v, uint32_t *victims, size_t limit,
		      struct error *err)
{
	*k = (struct evict_choice){v, calloc(v->n_pods ? v->n_pods : 1, 1),
				   malloc((v->c->n ? v->c->n : 1) * sizeof *k->keys), victims, 0, limit};
	if (k->gone && k->keys)
		return 0;
	evict_choice_release(k);
	return error_set(err, "out of memory descheduling");
}

void evict_choice_release(struct evict_choice *k)
{
	free(k->gone);
	free(k->keys);
	k->gone = NULL;
	k->keys = NULL;
}

void evict_choice_take(struct evict_choice *k, uint32_t pod)
{
	k->gone[pod] = 1;
	k->victims[k->n++] = pod;
}

int evict_choice_finish(struct evict_choice *k, size_t *n)
{
	*n = k->n;
	evict_choice_release(k);
	return 0;
}

struct node_state state_without(const struct deschedule_view *v, const struct node_state *s, uint32_t i)
{
	struct node_state out = *s;
	node_state_account(&out, &v->pods[i], v->outcomes[i].gpus, -1);
	return out;
}

int64_t frag_victim(const struct evict_choice *k, size_t node, const struct node_state *base, double before,
		    double *after)
{
	const struct deschedule_view *v = k->v;
	const struct node_spec *n = &v->c->spec[node];
	int64_t victim = -1, best = 0;
	for (uint32_t j = v->at[node]; j < v->at[node + 1]; j++) {
		uint32_t i = v->node_pods[j];
		if (k->gone[i])
			continue;
		struct node_state s = state_without(v, base, i);
		double f = node_frag(v->typical, n, n->cpu_milli - s.cpu_used, s.gpu_left);
		int64_t score = (int64_t)(before - f);   /* truncated, as the reference's int64() */
		if (score > best) {
			best = score;
			victim = i;
			*after = f;
		}
	}
	return victim;
}

int by_node_key(const void *x, const void *y)
{
	const struct node_key *a = x, *b = y;
	if (a->under_bar != b->under_bar)
		return b->under_bar - a->under_bar;
	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	int c = a->name && b->name ? strcmp(a->name, b->name) : 0;
	return c ? c : (a->node > b->node) - (a->node < b->node);
}
