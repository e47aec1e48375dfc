/* feasible.c — the k-th feasible node in node order, for policies that draw among nodes, and
 * the next one from a node, for those that take nodes in turn.
 *
 * By class, the members of the feasible classes are found by one pass over the nodes' class
 * ids, stopping at the one wanted: O(nodes).  The marks it sets are cleared before it returns. */
#include "policies/kit/feasible.h"

#include "sim/util/order.h"

void feasible_mark(const struct cluster *c, const struct feasible_set *f, uint8_t to)
{
	for (size_t i = 0; f->by_class && i < f->n; i++)
		f->marks[c->classes.class_of[f->candidates[i]]] = to;
}

/* The first candidate at or after node (candidates are in node order), or f->n. */
static size_t first_at(const struct feasible_set *f, size_t node)
{
	return lower_bound_u32(f->candidates, f->n, (uint32_t)node);
}

bool feasible_contains(const struct cluster *c, const struct feasible_set *f, size_t node)
{
	if (f->by_class)
		return f->marks[c->classes.class_of[node]];
	size_t at = first_at(f, node);
	return at < f->n && f->candidates[at] == node;
}

uint32_t feasible_nth_node(const struct cluster *c, const struct feasible_set *f, size_t k)
{
	if (!f->by_class)
		return f->candidates[k];
	const uint32_t *class_of = c->classes.class_of;
	feasible_mark(c, f, 1);
	size_t node = 0;
	for (size_t seen = 0; node < c->n; node++)
		if (f->marks[class_of[node]] && seen++ == k)
			break;
	feasible_mark(c, f, 0);
	return (uint32_t)node;
}

uint32_t feasible_next_node(const struct cluster *c, const struct feasible_set *f, size_t from)
{
	if (!f->by_class) {
		size_t at = first_at(f, from);
		return f->candidates[at < f->n ? at : 0];
	}
	feasible_mark(c, f, 1);
	size_t node = from;
	for (size_t k = 0; k < c->n; k++) {
		node = (from + k) % c->n;
		if (feasible_contains(c, f, node))
			break;
	}
	feasible_mark(c, f, 0);
	return (uint32_t)node;
}
