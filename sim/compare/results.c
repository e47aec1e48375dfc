/* results.c — a comparison's summaries and gates, and the table of files `simon compare` writes. */
#include "sim/compare/results.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/csv.h"
#include "sim/util/json_exact.h"
#include "sim/util/json_out.h"

static double tune_of(const struct matrix *m, size_t tune)
{
	return m->n_tunes ? m->tune_ratios[tune] : NAN;
}

static cJSON *summary_json(const struct matrix *m, const struct summary *s)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "trace", m->traces[s->trace].name);
	cJSON_AddItemToObject(o, "tune_ratio", json_number_or_null(tune_of(m, s->tune)));
	cJSON_AddStringToObject(o, "policy", m->policies[s->policy].name);
	cJSON_AddNumberToObject(o, "runs", (double)s->runs);
	cJSON_AddNumberToObject(o, "failed", (double)s->failed);
	cJSON_AddItemToObject(o, "mean", metrics_json(m, s->mean));
	cJSON_AddItemToObject(o, "std", metrics_json(m, s->std));
	cJSON_AddItemToObject(o, "curve", curve_json(s->curve, s->n_curve));
	return o;
}

static cJSON *gate_json(const struct matrix *m, const struct gate_result *g)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "gate", g->gate->text);
	cJSON_AddStringToObject(o, "trace", m->traces[g->trace].name);
	cJSON_AddItemToObject(o, "tune_ratio", json_number_or_null(tune_of(m, g->tune)));
	cJSON_AddItemToObject(o, "lhs", json_number_or_null(g->lhs));
	cJSON_AddItemToObject(o, "rhs", json_number_or_null(g->rhs));
	cJSON_AddBoolToObject(o, "passed", g->passed);
	if (g->why[0])
		cJSON_AddStringToObject(o, "why", g->why);
	return o;
}

/* Streamed, so that the runs' curves are never all in memory as JSON at once. */
static int write_json(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out;
	const struct comparison *cmp = data;
	const struct matrix *m = &cmp->matrix;
	const struct compare *c = &cmp->runs;
	struct json_stream js;
	json_object_begin(&js, f);
	json_member(&js, "simon_version", cJSON_CreateString(SIMON_VERSION));
	json_member(&js, "provenance", provenance_json(&cmp->provenance));
	json_member(&js, "matrix", matrix_json(m));
	json_member(&js, "runs_total", cJSON_CreateNumber((double)c->total));
	if (c->shard_n) {
		char shard[32];
		snprintf(shard, sizeof shard, "%d/%d", c->shard_i, c->shard_n);
		json_member(&js, "shard", cJSON_CreateString(shard));
	}
	json_array_begin(&js, "runs");
	for (size_t i = 0; i < c->n_rows; i++)
		json_array_item(&js, run_row_json(m, &c->rows[i]));
	json_array_end(&js);
	json_array_begin(&js, "summary");
	for (size_t i = 0; i < cmp->n_summaries; i++)
		json_array_item(&js, summary_json(m, &cmp->summaries[i]));
	json_array_end(&js);
	json_array_begin(&js, "gates");
	for (size_t i = 0; i < cmp->n_gates; i++)
		json_array_item(&js, gate_json(m, &cmp->gates[i]));
	json_array_end(&js);
	if (json_object_end(&js))
		return error_set(err, "out of memory writing results.json");
	return 0;
}

static void csv_number(FILE *f, double v)
{
	if (!isnan(v))
		fprintf(f, "%.6f", v);
}


static int write_results_csv(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out, (void)err;
	const struct comparison *cmp = data;
	const struct matrix *m = &cmp->matrix;
	char buf[64];
	fprintf(f, "index,trace,policy,seed,tune_ratio,mode,ok,error");
	for (int k = 0; k < matrix_n_metrics(m); k++)
		fprintf(f, ",%s", matrix_metric_name(m, k, buf, sizeof buf));
	fputc('\n', f);
	for (size_t i = 0; i < cmp->runs.n_rows; i++) {
		const struct run_row *r = &cmp->runs.rows[i];
		fprintf(f, "%zu,", r->index);
		csv_text(f, m->traces[r->trace].name, false);
		fputc(',', f);
		csv_text(f, m->policies[r->policy].name, false);
		fprintf(f, ",%" PRIu64 ",", r->seed);
		csv_number(f, r->tune_ratio);
		fprintf(f, ",%s,%s,", mode_name(m->mode), r->ok ? "true" : "false");
		csv_text(f, r->ok ? "" : r->error, true);
		for (int k = 0; k < matrix_n_metrics(m); k++) {
			fputc(',', f);
			csv_number(f, r->metric[k]);
		}
		fputc('\n', f);
	}
	return 0;
}

static int write_summary_csv(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out, (void)err;
	const struct comparison *cmp = data;
	const struct matrix *m = &cmp->matrix;
	char buf[64];
	fprintf(f, "trace,tune_ratio,policy,runs,failed");
	for (int k = 0; k < matrix_n_metrics(m); k++) {
		const char *name = matrix_metric_name(m, k, buf, sizeof buf);
		fprintf(f, ",%s_mean,%s_std", name, name);
	}
	fputc('\n', f);
	for (size_t i = 0; i < cmp->n_summaries; i++) {
		const struct summary *s = &cmp->summaries[i];
		csv_text(f, m->traces[s->trace].name, false);
		fputc(',', f);
		csv_number(f, tune_of(m, s->tune));
		fputc(',', f);
		csv_text(f, m->policies[s->policy].name, false);
		fprintf(f, ",%zu,%zu", s->runs, s->failed);
		for (int k = 0; k < matrix_n_metrics(m); k++) {
			fputc(',', f);
			csv_number(f, s->mean[k]);
			fputc(',', f);
			csv_number(f, s->std[k]);
		}
		fputc('\n', f);
	}
	return 0;
}

const struct output_file compare_files[] = {
	{"results.json", "the matrix's names, every run (metrics, curve or timeline and waits), summaries, gates",
	 NULL, write_json},
	{"results.csv", "one row per run: trace, policy, seed, tuning ratio, mode, status, every metric", NULL,
	 write_results_csv},
	{"summary.csv", "per trace, tuning ratio and policy: runs, failures, mean and sample SD of every metric", NULL,
	 write_summary_csv},
	{"summary.md", "the headline metric as a trace × policy table, best in bold, in Markdown", NULL,
	 comparison_write_markdown},
	{"summary.tex", "the same table in LaTeX, to paste into a paper", NULL, comparison_write_latex},
	{"report.html", "self-contained page: gates, summary table and every chart, each also as its own SVG",
	 NULL, comparison_write_html},
};
const size_t n_compare_files = sizeof compare_files / sizeof compare_files[0];

int comparison_finish(struct comparison *cmp, struct error *err)
{
	const struct matrix *m = &cmp->matrix;
	if (compare_summarize(m, cmp->runs.rows, cmp->runs.n_rows, &cmp->summaries, &cmp->n_summaries))
		return error_set(err, "out of memory summarising");
	/* A shard holds a slice of the seeds: its means judge nothing; the merge checks the gates. */
	if (cmp->runs.shard_n)
		return 0;
	if (m->baseline[0]) {
		struct comparison base;
		if (comparison_read(&base, m->baseline, err))
			return -1;
		if (!cmp->any_baseline && !provenance_same_inputs(&base.provenance, &cmp->provenance)) {
			comparison_release(&base);
			return error_at(err, m->baseline, 0, 0,
					"this baseline was made from other traces or scheduler configs (their SHA-256 "
					"differ); --any-baseline compares with it anyway");
		}
		int rc = compare_summarize(&base.matrix, base.runs.rows, base.runs.n_rows, &cmp->baseline,
					   &cmp->n_baseline);
		cmp->baseline_matrix = base.matrix;
		memset(&base.matrix, 0, sizeof base.matrix);
		comparison_release(&base);
		if (rc)
			return error_set(err, "out of memory summarising the baseline");
	}
	if (compare_gates(m, cmp->summaries, cmp->n_summaries, &cmp->baseline_matrix, cmp->baseline, cmp->n_baseline,
			  &cmp->gates, &cmp->n_gates))
		return error_set(err, "out of memory checking gates");
	for (size_t i = 0; i < cmp->n_gates; i++)
		cmp->gates_failed += !cmp->gates[i].passed;
	return 0;
}
