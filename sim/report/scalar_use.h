/* scalar_use.h — each scalar resource pods asked for (MIG profiles, extended resources,
 * hugepages, ephemeral-storage; workload.h), as the run left it: the cluster's allocatable,
 * what its pods hold at the end, and how many pods asked for it and how many of those never
 * ran.  O(pods · their scalars). */
#ifndef SIMON_SCALAR_USE_H
#define SIMON_SCALAR_USE_H

#include "sim/report/report.h"

struct scalar_use {
	const char *name;
	int64_t allocatable, held;
	size_t asking, failed;
};

/* One entry per slot of the cluster's workload into out[MAX_SCALARS]; their count. */
int scalar_use_of(const struct report *r, struct scalar_use *out);

static inline double scalar_held_pct(const struct scalar_use *u)
{
	return u->allocatable ? 100.0 * (double)u->held / (double)u->allocatable : 0.0;
}

#endif
