/* matrix_summary.h — what a matrix's runs say together: per trace, tuning ratio and policy, the mean
 * and sample standard deviation (n − 1; NaN for one seed) of every metric over seeds and the
 * mean curve; and the gates checked on those means.  O(runs · curve points).
 */
#ifndef SIMON_MATRIX_SUMMARY_H
#define SIMON_MATRIX_SUMMARY_H

#include "sim/compare/matrix_runs.h"

struct summary {
	size_t trace, tune, policy;
	size_t runs, failed;
	double mean[METRIC_SLOTS], std[METRIC_SLOTS];   /* std: the sample standard deviation */
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
