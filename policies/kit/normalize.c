/* normalize.c — Kubernetes' min-max NormalizeScore, shared by the scorers whose raw scores
 * may leave 0..100 (the reference's plugin_utils.go). */
#include "policies/kit/normalize.h"

void normalize_min_max(int64_t *scores, size_t n)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		if (scores[i] < lo)
			lo = scores[i];
		if (scores[i] > hi)
			hi = scores[i];
	}
	for (size_t i = 0; i < n; i++)
		scores[i] = hi == lo ? 0 : (scores[i] - lo) * SCORE_MAX / (hi - lo);
}
