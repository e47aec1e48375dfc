/* plan_files.h — what `simon plan` writes: plan.csv (every count run, per template: the
 * metric and whether it met the target) and plan.svg (the metric against the count of nodes
 * added, one line per template, the target marked in the title).  O(counts run). */
#ifndef SIMON_PLAN_FILES_H
#define SIMON_PLAN_FILES_H

#include "sim/plan_search.h"
#include "sim/util/outdir.h"

struct plan_report {
	const struct plan_template *templates;
	const struct plan_result *results;
	size_t n;
	const struct plan_target *target;
	const char *target_text;
};

/* output_write_all(out, plan_files, n_plan_files, report, err). */
extern const struct output_file plan_files[];
extern const size_t n_plan_files;
/* The terminal's table: per template, each count run, and the answer. */
void plan_print(FILE *f, const struct plan_report *r);

#endif
