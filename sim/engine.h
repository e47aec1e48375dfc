/* engine.h — the discrete-event core and its two ways of feeding pods.
 *
 * Inflation: pods arrive one by one in arrival-list order and never leave; one that does
 * not fit is dropped.  The curve (curve.h) samples the metrics after every pod.
 * Replay: a pod arrives at its creation time (one that no node could take even empty fails
 * then) and, once placed, runs for its trace
 * duration (deletion − scheduled, or − creation; forever without a deletion time).  Pods
 * that do not fit wait in a queue, FIFO or (the profile's queueSort PrioritySort) by priority,
 * then arrival; after departures the queue is retried in order (no
 * head-of-line blocking, as Kubernetes retries unschedulable pods).  A waiting pod is
 * scheduled again only when a node freed since the last retry can take it, or a scorer failed
 * its last cycle: the others would find no feasible node and draw no random number, so the
 * outcome is exactly that of retrying every pod, at O(waiting × freed nodes) fit checks per
 * retry instead of full cycles.  At equal times departures go first.  A timeline point is
 * kept per distinct event time.  The engine knows no policy: it asks the scheduler and binds
 * what it answers.
 * With a batch placer (score.h's .place), inflation hands it the remaining arrivals and binds
 * the window it decides, pod by pod in arrival order; replay hands it each arrival alone, and
 * at a retry the waiting pods a freed node could take, in queue order, a window at a time.
 */
#ifndef SIMON_ENGINE_H
#define SIMON_ENGINE_H

#include "sim/model/arrivals.h"
#include "sim/curve.h"
#include "sim/metrics.h"
#include "sim/model/outcome.h"
#include "sim/scheduler.h"

enum run_mode {
	MODE_INFLATION,
	MODE_REPLAY,
};

static inline const char *mode_name(enum run_mode m)
{
	return m == MODE_INFLATION ? "inflation" : "replay";
}

/* DefaultPreemption's work (replay): attempts are the failed cycles of pods that may preempt;
 * lost GPU-seconds are GPUs × the seconds each victim had run when evicted. */
struct preemption_stats {
	size_t attempts, victims;
	double lost_gpu_seconds;
};

struct timeline_point {
	int64_t time;
	int32_t running;
	int32_t queued;
	struct metric_sample m;
};

struct run_result {
	enum run_mode mode;
	struct pod_outcome *outcomes;   /* one per arrival, same order */
	size_t n_outcomes;
	struct curve_point *curve;
	size_t n_curve;
	struct timeline_point *timeline;
	size_t n_timeline, cap_timeline;
	size_t scheduled, failed;
	struct metric_sample final;
	int64_t arrived_gpu_milli;
	int64_t makespan;               /* replay: last completion − first arrival */
	double mean_wait, max_wait;     /* replay: over pods that were placed */
	double mean_gpu_alloc_pct;      /* replay: GPU allocation averaged over simulated time */
	double peak_gpu_alloc_pct;
	int32_t peak_queued;
	struct preemption_stats preemption;
	bool gangs;                     /* replay: pod groups started all together (gang.h) */
};

int engine_run(struct cluster *c, struct scheduler *s, struct metrics *m, const struct arrivals *a,
	       enum run_mode mode, uint64_t seed, struct run_result *r, struct error *err);
void run_result_release(struct run_result *r);

#endif
