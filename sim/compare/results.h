/* results.h — what `simon compare` writes, and reading it back (merging shards, baselines).
 *
 * results.json carries the matrix's names (traces, policies, seeds, tuning ratios, gates),
 * every run (metrics, curve, or replay timeline and wait quantiles) and the summaries and
 * gate results; results.csv and summary.csv are the same rows flat.  Nothing depends on
 * wall time, so a merge of shards writes the same bytes as one unsharded run.
 */
#ifndef SIMON_COMPARE_RESULTS_H
#define SIMON_COMPARE_RESULTS_H

#include <cjson/cJSON.h>

#include "sim/compare/matrix_summary.h"
#include "sim/report/provenance.h"
#include "sim/util/outdir.h"

struct comparison {
	struct matrix matrix;          /* for merged or read results: names only, no paths */
	struct compare runs;
	struct summary *summaries;
	size_t n_summaries;
	struct gate_result *gates;
	size_t n_gates, gates_failed;
	struct matrix baseline_matrix;
	struct summary *baseline;
	size_t n_baseline;
	struct provenance provenance;  /* what the results were made from */
	bool any_baseline;             /* take a baseline made from other inputs */
};

/* Summaries, and for whole (unsharded or merged) results the gates, loading the matrix's
 * baseline if it names one: a baseline made from other traces or scheduler configs (by their
 * SHA-256) is refused unless any_baseline is set. */
int comparison_finish(struct comparison *cmp, struct error *err);
void comparison_release(struct comparison *cmp);

/* The files of a comparison; output_write_all(out, compare_files, n_compare_files, cmp, err). */
extern const struct output_file compare_files[];
extern const size_t n_compare_files;
/* Reads a results.json: the matrix's names and the runs it holds (read.c). */
int comparison_read(struct comparison *cmp, const char *path, struct error *err);
/* Reads shard outputs (folders or results.json files) and checks they make one whole matrix. */
int comparison_merge(struct comparison *cmp, char *const *paths, size_t n, struct error *err);
/* The headline metric as a trace × policy table (pivot.c): in the page, as Markdown, as LaTeX. */
void comparison_pivot_html(FILE *f, const struct comparison *cmp);
int comparison_write_markdown(FILE *f, struct output_set *out, const void *data, struct error *err);
int comparison_write_latex(FILE *f, struct output_set *out, const void *data, struct error *err);
/* report.html and its SVG charts, one file each (html.c); data is the comparison. */
int comparison_write_html(FILE *f, struct output_set *out, const void *data, struct error *err);

#endif
