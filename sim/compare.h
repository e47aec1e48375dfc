/* compare.h — running a matrix (matrix.h): many runs on worker threads, one row each.
 *
 * Each trace is loaded once and shared read-only by its runs.  A run that fails is
 * recorded with its error; the others go on.  Rows hold metrics rounded to six decimals,
 * so that the results a shard writes and a merge reads back summarise to the same numbers
 * as one unsharded run.  Summaries are per trace, tuning ratio and policy: mean and
 * (population) standard deviation over seeds, and the mean curve.
 */
#ifndef SIMON_COMPARE_H
#define SIMON_COMPARE_H

#include <stdio.h>

#include "sim/matrix.h"

#define WAIT_QUANTILES 21    /* 0%, 5%, ..., 100% */
#define TIMELINE_POINTS 100

struct row_point {
	int pct;
	double alloc, frag_ratio, frag_gpu;
};

struct row_sample {
	double hours, alloc, queued;
};

struct run_row {
	size_t index, trace, policy, tune, seed_i;
	uint64_t seed;
	double tune_ratio;            /* NaN: as the trace configures */
	bool ok;
	char error[ERROR_MAX];
	double metric[N_METRICS];     /* NaN where it does not apply */
	struct row_point *curve;      /* inflation */
	size_t n_curve;
	struct row_sample *timeline;  /* replay: TIMELINE_POINTS samples */
	size_t n_timeline;
	double waits[WAIT_QUANTILES]; /* replay: quantiles of the waiting time, seconds */
	double seconds;               /* wall time; never written to files */
};

struct compare {
	size_t total;                 /* runs in the whole matrix */
	struct run_row *rows;         /* the runs done here, in index order */
	size_t n_rows;
	int shard_i, shard_n;         /* 1-based slice of N; 0/0 for the whole matrix */
	double seconds;
};

/* Runs the shard_i-th of shard_n slices (run index mod N == I − 1; 0/0 for all) on `jobs`
 * threads, showing progress on `progress` when it is a terminal.  Fails only on setup errors
 * (a trace or scheduler config that does not load); failed runs are rows with ok false. */
int compare_run(struct compare *c, const struct matrix *m, int jobs, int shard_i, int shard_n, FILE *progress,
		struct error *err);
void compare_release(struct compare *c);
void run_row_release(struct run_row *r);

struct summary {
	size_t trace, tune, policy;
	size_t runs, failed;
	double mean[N_METRICS], std[N_METRICS];
	struct row_point *curve;      /* mean over seeds, at the percents every run has */
	size_t n_curve;
};

int compare_summarize(const struct matrix *m, const struct run_row *rows, size_t n, struct summary **out,
		      size_t *n_out);
void summaries_free(struct summary *s, size_t n);
/* The summary of one trace, tuning ratio and policy, or NULL. */
const struct summary *summary_find(const struct summary *s, size_t n, size_t trace, size_t tune, size_t policy);

struct gate_result {
	const struct gate *gate;
	size_t trace, tune;
	double lhs, rhs;              /* the compared values (rhs includes the offset) */
	bool passed;
	char why[128];                /* when it cannot be evaluated */
};

/* Evaluates every gate for every trace and tuning ratio; baseline (may be NULL) is an
 * earlier run's summaries with its own matrix for names. */
int compare_gates(const struct matrix *m, const struct summary *s, size_t n, const struct matrix *base_m,
		  const struct summary *base, size_t n_base, struct gate_result **out, size_t *n_out);

#endif
