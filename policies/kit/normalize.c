/* normalize.c — Kubernetes' normalizations: the reference's min-max NormalizeScore, shared by
 * the scorers whose raw scores may leave 0..100 (its plugin_utils.go), and kube-scheduler's
 * DefaultNormalizeScore (framework/plugins/helper), which its own plugins use. */
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

void normalize_by_max(int64_t *scores, size_t n, bool reverse)
{
	int64_t hi = 0;
	for (size_t i = 0; i < n; i++)
		hi = scores[i] > hi ? scores[i] : hi;
	for (size_t i = 0; i < n; i++) {
		int64_t s = hi ? SCORE_MAX * scores[i] / hi : 0;
		scores[i] = reverse ? SCORE_MAX - s : s;
	}
}
