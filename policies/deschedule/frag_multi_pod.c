/* frag_multi_pod.c — fragMultiPod, the reference's descheduler: fragOnePod's choice from a
 * max-heap of nodes by F (frag.h); a node that lost a pod goes back with its new F, one that
 * has nothing worth evicting leaves the heap.  As in the reference, a node's later victims are
 * weighed against its resources before its first eviction (only F and its pod list move on).
 * Ties go to the lower node index.  O(nodes + evictions × log nodes + the pods weighed ×
 * typical pods × GPUs).
 */
#include "policies/kit/evict_choice.h"

/* A max-heap of nodes by F (ties to the lower index): by_node_key's order, smallest first. */
static void sift_down(struct node_key *h, size_t n, size_t i)
{
	for (;;) {
		size_t top = i, l = 2 * i + 1, r = l + 1;
		if (l < n && by_node_key(&h[l], &h[top]) < 0)
			top = l;
		if (r < n && by_node_key(&h[r], &h[top]) < 0)
			top = r;
		if (top == i)
			return;
		struct node_key t = h[i];
		h[i] = h[top];
		h[top] = t;
		i = top;
	}
}

static void sift_up(struct node_key *h, size_t i)
{
	for (; i > 0 && by_node_key(&h[i], &h[(i - 1) / 2]) < 0; i = (i - 1) / 2) {
		struct node_key t = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
	}
}

static int choose(void *self, const struct deschedule_view *v, size_t limit, uint32_t *victims, size_t *n,
		  struct error *err)
{
	(void)self;
	struct evict_choice k;
	if (evict_choice_init(&k, v, victims, limit, err))
		return -1;
	struct node_key *heap = k.keys;
	size_t size = v->c->n;
	for (size_t i = 0; i < size; i++)
		heap[i] = (struct node_key){0, v->node_frag[i], NULL, (uint32_t)i};
	for (size_t i = size / 2; i-- > 0;)
		sift_down(heap, size, i);
	while (size > 0 && k.n < limit) {
		struct node_key top = heap[0];
		heap[0] = heap[--size];
		sift_down(heap, size, 0);
		double after;
		int64_t victim = frag_victim(&k, top.node, &v->c->state[top.node], top.key, &after);
		if (victim < 0)
			continue;   /* nothing on it lowers F: it leaves the heap */
		evict_choice_take(&k, (uint32_t)victim);
		heap[size] = (struct node_key){0, after, NULL, top.node};
		sift_up(heap, size++);
	}
	return evict_choice_finish(&k, n);
}

const struct plugin frag_multi_pod_plugin = {
	.name = "fragMultiPod",
	.summary = "fragOnePod's choice from a heap of nodes by F, a node returning after each loss",
	.deschedule = &(const struct deschedule_ops){.choose = choose},
};
