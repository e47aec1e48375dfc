/* normalize.h — score normalizations that plugins share.  O(n). */
#ifndef SIMON_NORMALIZE_H
#define SIMON_NORMALIZE_H

#include "sim/plugin/score.h"

/* Kubernetes' NormalizeScore as the reference uses it: min-max into 0..100, all 0 when equal. */
void normalize_min_max(int64_t *scores, size_t n);

#endif
