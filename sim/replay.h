/* replay.h — replay mode's state (engine.h), in the parts its files keep: the waiting pods
 * (waiting.c), what runs where (running.c), victims and the post-filter (make_room.c), groups
 * that start together and the permit plugin (group_start.c), pipelines' held pods and the
 * events (replay.c).  The engine's own.
 */
#ifndef SIMON_REPLAY_H
#define SIMON_REPLAY_H

#include "sim/event_heap.h"
#include "sim/pipelines.h"
#include "sim/plugin/post_filter.h"
#include "sim/run.h"
#include "sim/run_plugins.h"

/* Event keys order by time, then departures before arrivals. */
enum { EV_DEPART = 0, EV_ARRIVE = 1 };

/* The waiting pods, in queue-sort order.  Exact, cheaper retries: a waiting pod that no node
 * could take can only fit now on a node something left since the last retry; one a scorer
 * failed is always tried again. */
struct waiting {
	uint32_t *queue;
	size_t queued;
	uint32_t *freed;           /* nodes with departures since the last retry */
	size_t n_freed;
	unsigned char *is_freed;   /* per node */
	unsigned char *must_retry; /* per pod: its last attempt failed in a scorer, or it has not tried */
};

/* What runs where: a list of running pods per node. */
struct running {
	int32_t count;
	uint32_t *node_head, *pod_next, *pod_prev;
	int64_t *started;          /* per pod: when its current run started */
	int64_t *left;             /* per pod: what a resumed victim has left to run, else TIME_NONE */
	unsigned char *is_running; /* per pod */
};

/* Victims to admit once the pass that evicted them is over. */
struct evicted {
	uint32_t *pods;
	size_t n, cap;
};

/* Groups (permit.h): a group tried in this retry pass is not tried again in it. */
struct group_trials {
	uint32_t *pass_of;         /* per group: the pass it was last tried in */
	uint32_t pass;
	uint32_t *placed;          /* scratch: a group's members placed on trial */
	uint32_t *failed;          /* scratch: and those that found no place */
	size_t n_failed;
};

/* Pipelines (pipelines.h): pods held until what they wait for has finished. */
struct holds {
	struct pipelines pipes;
	unsigned char *held;       /* per pod */
	uint32_t *released;        /* scratch: the pods a finish releases */
};

struct replay {
	struct run *run;
	struct event_heap events;
	struct run_plugins plugins;
	struct waiting w;
	struct running on;
	struct evicted ev;
	struct group_trials g;
	struct holds h;
};

/* running.c: pod i, just bound, starts running now; pod i stops and leaves its node. */
int start_pod(struct replay *rp, size_t i, int64_t now);
int stop_pod(struct replay *rp, size_t i);
/* make_room.c: pod i fit no node; the post-filter may make room (*result SCHEDULED when i
 * was placed). */
int try_preempt(struct replay *rp, size_t i, int64_t now, enum schedule_result *result);
/* group_start.c: the group's waiting members from queue position `from` on, placed together. */
int try_group(struct replay *rp, int32_t group, size_t from, int64_t now);
/* waiting.c; flush_evicted admits the victims of the last pass. */
void enqueue(struct replay *rp, uint32_t i);
int admit(struct replay *rp, uint32_t i, int64_t now);
int flush_evicted(struct replay *rp, int64_t now);
int retry_queue(struct replay *rp, int64_t now);
/* The group pod i waits with (permit.h), −1 when it starts alone. */
int32_t group_of(const struct replay *rp, uint32_t i);

#endif
