/* feasible.h — walking a feasible set (score.h) node by node. */
#ifndef SIMON_FEASIBLE_H
#define SIMON_FEASIBLE_H

#include "sim/plugin/score.h"

/* The k-th feasible node (k < f->nodes) in node order: O(1), or O(nodes) by class. */
uint32_t feasible_nth_node(const struct cluster *c, const struct feasible_set *f, size_t k);

#endif
