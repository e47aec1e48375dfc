/* matrix_runs.h — running a matrix (matrix.h): many runs on worker threads, one row each.
 *
 * A trace is loaded when its first run starts, shared read-only by its runs, and released
 * after its last, so a matrix holds about as many traces as it runs at once.  A run that
 * fails is recorded with its error; the others go on.  Rows hold metrics rounded to six
 * decimals, so that the results a shard writes and a merge reads back summarise to the same
 * numbers as one unsharded run.
 */
#ifndef SIMON_MATRIX_RUNS_H
#define SIMON_MATRIX_RUNS_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/compare/matrix.h"
#include "sim/compare/run_row.h"
#include "sim/report/provenance.h"

#define TIMELINE_POINTS 100

struct compare {
	size_t total;                 /* runs in the whole matrix */
	struct run_row *rows;         /* the runs done here, in index order */
	size_t n_rows;
	int shard_i, shard_n;         /* 1-based slice of N; 0/0 for the whole matrix */
	double seconds;
};

struct compare_options {
	int jobs;
	int shard_i, shard_n;     /* the 1-based I-th of N slices (run index mod N == I − 1); 0/0: all */
	FILE *progress;           /* progress is shown there when it is a terminal; may be NULL */
	const char *journal;      /* runs are written there as they finish (journal.h); NULL: none */
	bool resume;              /* first read back the runs the journal holds, and run only the rest */
	struct provenance *provenance; /* every trace's and scheduler config's files are added; may be NULL */
};

/* Runs the matrix (or its slice) on o->jobs threads.  Fails only on setup errors (a trace or
 * scheduler config that does not load, a journal that cannot be used); failed runs are rows
 * with ok false. */
int compare_run(struct compare *c, const struct matrix *m, const struct compare_options *o, struct error *err);
void compare_release(struct compare *c);
/* A shard as written ("I/N", 1 <= I <= N <= 10^6): 0, or -1 for anything else. */
int shard_parse(const char *text, int *i, int *n);
/* Loads and checks every trace and policy of the matrix and prepares (without running) the
 * first seed's run of each pair, printing what would run to out.  O(traces × load time). */
int compare_check(const struct matrix *m, int shard_i, int shard_n, FILE *out, struct error *err);

#endif
