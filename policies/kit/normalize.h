/* normalize.h — score normalizations that plugins share.  O(n). */
#ifndef SIMON_NORMALIZE_H
#define SIMON_NORMALIZE_H

#include "sim/plugin/score.h"

/* Kubernetes' NormalizeScore as the reference uses it: min-max into 0..100, all 0 when equal. */
void normalize_min_max(int64_t *scores, size_t n);
/* kube-scheduler's DefaultNormalizeScore: each score × 100 / the highest (integer division),
 * then 100 − that when reverse; all 0 (all 100 when reverse) when the highest is 0. */
void normalize_by_max(int64_t *scores, size_t n, bool reverse);

#endif
