/* run_row.h — one run of a matrix as `simon compare` keeps it, and as results.json holds it
 * (written, and read back for merges, baselines and resumed journals).  O(curve + timeline)
 * per row.
 */
#ifndef SIMON_RUN_ROW_H
#define SIMON_RUN_ROW_H

#include <cjson/cJSON.h>

#include "sim/compare/matrix.h"

#define WAIT_QUANTILES 21    /* 0%, 5%, ..., 100% */

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
	double metric[METRIC_SLOTS];  /* matrix_n_metrics of them; NaN where one does not apply */
	struct row_point *curve;      /* inflation */
	size_t n_curve;
	struct row_sample *timeline;  /* replay: TIMELINE_POINTS samples */
	size_t n_timeline;
	double waits[WAIT_QUANTILES]; /* replay: quantiles of the waiting time, seconds */
	double seconds;               /* wall time; never written to files */
};

/* The matrix's names as results.json holds them; one run as a results.json entry; and that
 * entry read back (0, or -1 when it does not fit the matrix).  NULL when out of memory. */
cJSON *matrix_json(const struct matrix *m);
cJSON *run_row_json(const struct matrix *m, const struct run_row *r);
int run_row_read(struct run_row *r, const struct matrix *m, const cJSON *j);

void run_row_release(struct run_row *r);
/* What results.json's runs and summaries share: a number (null for NaN), a row of metrics,
 * and a curve. */
cJSON *json_number_or_null(double v);
cJSON *metrics_json(const struct matrix *m, const double *v);
cJSON *curve_json(const struct row_point *c, size_t n);

#endif
