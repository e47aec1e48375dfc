/* feasible.h — walking a feasible set (score.h) node by node. */
#ifndef SIMON_FEASIBLE_H
#define SIMON_FEASIBLE_H

#include "sim/plugin/score.h"

/* The k-th feasible node (k < f->nodes) in node order: O(1), or O(nodes) by class. */
uint32_t feasible_nth_node(const struct cluster *c, const struct feasible_set *f, size_t k);
/* The first feasible node at or after node `from` in node order, wrapping round: O(nodes). */
uint32_t feasible_next_node(const struct cluster *c, const struct feasible_set *f, size_t from);
/* Whether node is feasible, between feasible_mark(c, f, 1) and feasible_mark(c, f, 0) (which
 * a walk over the nodes brackets itself with): O(1) by class, else O(log nodes). */
void feasible_mark(const struct cluster *c, const struct feasible_set *f, uint8_t to);
bool feasible_contains(const struct cluster *c, const struct feasible_set *f, size_t node);

#endif
