/* plan_search.h — capacity planning: the fewest copies of a node template to add to a cluster so that
 * its workload meets a target.
 *
 * The workload stays the one the cluster had: tuning, inflation and a replay's load knob keep
 * measuring it against the original capacity.  A target is
 *  - all: every pod runs (none fails);
 *  - alloc:X: the GPU allocation of the arrived workload, placed GPU milli over arrived GPU
 *    milli, is at least X%;
 *  - p95-wait:Y (replay): the 95th percentile wait, pods that never ran counting as waiting for
 *    ever, is at most Y seconds.
 * The search runs whole simulations: 0 copies, then 1, 2, 4, ... until the target is met (or
 * the maximum passed), then bisects between the last count that missed and the first that met.
 * It assumes more nodes never hurt, as they cannot under these targets save for the seeded
 * choices a different cluster makes.  Each count is one run, O(log max) runs in all.
 */
#ifndef SIMON_PLAN_SEARCH_H
#define SIMON_PLAN_SEARCH_H

#include "sim/simulation.h"

enum plan_goal { PLAN_ALL, PLAN_ALLOC, PLAN_P95_WAIT };

struct plan_target {
	enum plan_goal goal;
	double value;
};

/* "all", "alloc:95" or "p95-wait:600"; err says what was expected. */
int plan_target_parse(struct plan_target *t, const char *text, struct error *err);
const char *plan_metric_name(enum plan_goal goal);

/* A node template: one Node document, read into its own workload. */
struct plan_template {
	char path[1024];
	char name[128];          /* the file's stem */
	struct workload w;
	double cost;             /* per node; NAN when not given */
};

int plan_template_load(struct plan_template *t, const char *path, struct error *err);
void plan_template_release(struct plan_template *t);

struct plan_point {
	int count;
	double metric;
	bool meets;
};

struct plan_result {
	struct plan_point *points;   /* every count run, by count */
	size_t n;
	int answer;                  /* the fewest copies that meet the target, -1 when none up to max */
	double seconds;
};

/* Searches counts 0..max of tpl's copies added to t's cluster; o as for any run (its base
 * capacity is set here). */
int plan_search(struct trace *t, const struct run_options *o, const struct plan_template *tpl,
		const struct plan_target *target, int max, struct plan_result *out, struct error *err);
void plan_result_release(struct plan_result *r);

#endif
