/* feasible.c — the k-th feasible node in node order, for policies that draw among nodes.
 *
 * By class, the members of the feasible classes are found by one pass over the nodes' class
 * ids, stopping at the k-th: O(nodes).  The marks it sets are cleared before it returns. */
#include "policies/kit/feasible.h"

uint32_t feasible_nth_node(const struct cluster *c, const struct feasible_set *f, size_t k)
{
	if (!f->by_class)
		return f->candidates[k];
	const uint32_t *class_of = c->classes.class_of;
	for (size_t i = 0; i < f->n; i++)
		f->marks[class_of[f->candidates[i]]] = 1;
	size_t node = 0;
	for (size_t seen = 0; node < c->n; node++)
		if (f->marks[class_of[node]] && seen++ == k)
			break;
	for (size_t i = 0; i < f->n; i++)
		f->marks[class_of[f->candidates[i]]] = 0;
	return (uint32_t)node;
}
