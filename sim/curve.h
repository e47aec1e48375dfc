/* curve.h — the paper's curve: metrics against the share of cluster GPU capacity arrived.
 *
 * As the reference's analysis does it: after every pod (and once before the first) a sample
 * is taken; its arrived percent is round(arrived milli / total GPUs / 10), ties to even as
 * Python rounds; a curve point is the mean of the samples at that percent, or, where none
 * fell, of those within ±1 percent.  Where neither exists (an arrival larger than 1% of
 * the cluster, which only small clusters see) the reference's analysis has no value; simon
 * carries the previous point forward, so every percent from 0 to the last has a point.
 * The curve stops at CURVE_MAX_PCT (1000 times the cluster's GPUs, what the largest tuning
 * ratio asks for): samples past it are left out, so no workload can make it unbounded.
 */
#ifndef SIMON_CURVE_H
#define SIMON_CURVE_H

#include <stddef.h>

#include "sim/metrics.h"

#define CURVE_MAX_PCT 100000

struct curve_point {
	int arrived_pct;
	struct metric_sample m;
};

struct curve_builder {
	struct metric_sample *sum;  /* per percent */
	long *count;
	size_t cap;
	int max_pct;
};

void curve_builder_init(struct curve_builder *b);
void curve_builder_release(struct curve_builder *b);
/* The sample's percent, capped at CURVE_MAX_PCT + 1 (past the curve). */
int arrived_pct(int64_t arrived_milli, int total_gpus);
/* -1 when out of memory; a sample past CURVE_MAX_PCT is left out. */
int curve_add(struct curve_builder *b, int pct, const struct metric_sample *m);
/* The points, 0..max percent, into a malloc'd array (*n points); -1 when out of memory. */
int curve_finish(const struct curve_builder *b, struct curve_point **out, size_t *n);
/* The point at pct percent arrived (the paper's headline figure is pct 100), or NULL. */
const struct metric_sample *curve_at(const struct curve_point *points, size_t n, int pct);

#endif
