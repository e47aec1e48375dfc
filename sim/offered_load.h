/* offered_load.h — how much GPU work a replay asks of the cluster, and the knob that sets it.
 *
 * The offered GPU load is the mean, over a window of the arrivals, of the GPU milli the pods
 * would hold if each ran from its arrival for its trace duration, per cluster GPU milli, in
 * percent: 100% asks for all of the cluster's GPUs all that time.  The window runs from the 1st
 * to the 99th percentile of the arrival times: the openb traces have a few pods months before
 * the rest (and a few that run for months), which would otherwise stand for a load the busy
 * weeks never see.  A pod without a deletion time runs to the window's end.
 *
 * The knob compresses the arrivals by k: each arrival's time since the first is divided by k,
 * every duration kept, so the same pods come k times as densely.  The openb traces offer under
 * 1% as they are.  O(pods log pods) once, then O(pods) per load measured (about 100 for a
 * target).
 */
#ifndef SIMON_OFFERED_LOAD_H
#define SIMON_OFFERED_LOAD_H

#include "sim/model/arrivals.h"
#include "sim/util/error.h"

/* The knob's bounds.  A scale of at least 10^-6 stretches trace times (at most 10^12 s from 1970)
 * to at most 2×10^18 s, which leaves int64 room for durations and the event heap's keys. */
#define MIN_ARRIVAL_SCALE 1e-6
#define MAX_ARRIVAL_SCALE 1e9
#define MIN_TARGET_LOAD 1e-6
#define MAX_TARGET_LOAD 1e5

/* Compresses the arrivals by scale, or (target_pct > 0) by the k that offers target_pct, found
 * by bisection; records k and the load in a->scale and
 * a->offered_gpu_load_pct.  An error when no k offers the target. */
int replay_load(struct arrivals *a, double scale, double target_pct, int64_t cluster_gpu_milli, struct error *err);

#endif
