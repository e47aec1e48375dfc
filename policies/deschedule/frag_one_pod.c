/* frag_one_pod.c — fragOnePod, the reference's descheduler: nodes by their fragmentation F
 * (frag.h), most first, each losing at most one pod: the one whose removal lowers F most, by
 * at least one GPU milli.  O(nodes log nodes + the pods weighed × typical pods × GPUs).
 */
#include "policies/kit/evict_choice.h"
#include "sim/util/order.h"

static int choose(void *self, const struct deschedule_view *v, size_t limit, uint32_t *victims, size_t *n,
		  struct error *err)
{
	(void)self;
	struct evict_choice k;
	if (evict_choice_init(&k, v, victims, limit, err))
		return -1;
	for (size_t i = 0; i < v->c->n; i++)
		k.keys[i] = (struct node_key){0, v->node_frag[i], NULL, (uint32_t)i};
	sort_items(k.keys, v->c->n, sizeof *k.keys, by_node_key);
	for (size_t i = 0; i < v->c->n && k.n < limit; i++) {
		double after;
		uint32_t node = k.keys[i].node;
		int64_t victim = frag_victim(&k, node, &v->c->state[node], v->node_frag[node], &after);
		if (victim >= 0)
			evict_choice_take(&k, (uint32_t)victim);
	}
	return evict_choice_finish(&k, n);
}

const struct plugin frag_one_pod_plugin = {
	.name = "fragOnePod",
	.summary = "the most fragmented nodes first, each losing the pod whose removal lowers F most",
	.deschedule = &(const struct deschedule_ops){.choose = choose},
};
