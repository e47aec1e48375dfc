/* pivot.c — the headline metric as a trace × policy table: GPU allocation at 100% arrived
 * (inflation) or the mean wait (replay), mean ± sample SD over seeds, the best policy of each
 * trace in bold.  The same table three ways: in report.html, and as summary.md and
 * summary.tex to paste into a paper.  O(traces × policies).
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "sim/compare/results.h"
#include "sim/report/svg_chart.h"

enum format { HTML, MARKDOWN, LATEX };

static void text(FILE *f, enum format fmt, const char *s)
{
	if (fmt == HTML) {
		xml_text(f, s);
		return;
	}
	for (; *s; s++) {
		if (fmt == MARKDOWN && *s == '|')
			fputs("\\|", f);
		else if (fmt == LATEX && strchr("&%$#_{}", *s))
			fprintf(f, "\\%c", *s);
		else if (fmt == LATEX && *s == '~')
			fputs("\\textasciitilde{}", f);
		else if (fmt == LATEX && *s == '^')
			fputs("\\textasciicircum{}", f);
		else if (fmt == LATEX && *s == '\\')
			fputs("\\textbackslash{}", f);
		else
			fputc(*s, f);
	}
}

static int headline(const struct matrix *m)
{
	return m->mode == MODE_REPLAY ? M_MEAN_WAIT : M_ALLOC_AT_100;
}

/* The best mean of one row: highest allocation, or lowest wait. */
static double best_of(const struct comparison *cmp, size_t trace, size_t tune)
{
	const struct matrix *m = &cmp->matrix;
	int k = headline(m);
	double best = NAN;
	for (size_t p = 0; p < m->n_policies; p++) {
		const struct summary *s = summary_find(cmp->summaries, cmp->n_summaries, trace, tune, p);
		double v = s ? s->mean[k] : NAN;
		if (isfinite(v) && (isnan(best) || (k == M_MEAN_WAIT ? v < best : v > best)))
			best = v;
	}
	return best;
}

static void cell(FILE *f, enum format fmt, const struct summary *s, int k, double best)
{
	static const char *const open[] = {"<td>", "| ", "& "}, *const close[] = {"</td>", " ", " "};
	static const char *const bold_on[] = {"<b>", "**", "\\textbf{"}, *const bold_off[] = {"</b>", "**", "}"};
	static const char *const pm[] = {" ± ", " ± ", " $\\pm$ "};
	fputs(open[fmt], f);
	double v = s ? s->mean[k] : NAN;
	if (!isfinite(v)) {
		fputs(fmt == LATEX ? "--" : "–", f);
	} else {
		bool bold = fabs(v - best) < 5e-3;  /* as shown, to two decimals */
		fprintf(f, "%s%.2f", bold ? bold_on[fmt] : "", v);
		if (isfinite(s->std[k]))
			fprintf(f, "%s%.2f", pm[fmt], s->std[k]);
		fputs(bold ? bold_off[fmt] : "", f);
	}
	fputs(close[fmt], f);
}

static void row_name(FILE *f, enum format fmt, const struct matrix *m, size_t trace, size_t tune)
{
	text(f, fmt, m->traces[trace].name);
	if (m->n_tunes)
		fprintf(f, " ×%g", m->tune_ratios[tune]);
}

static void caption(FILE *f, enum format fmt, const struct matrix *m)
{
	bool latex = fmt == LATEX;
	const char *what = headline(m) == M_MEAN_WAIT ? "Mean waiting time (s)"
			   : latex			 ? "GPU allocation (\\%) at 100\\% arrived"
							 : "GPU allocation (%) at 100% arrived";
	fprintf(f, "%s, mean %s sample SD over %zu seed%s; the best policy of each trace in bold", what,
		latex ? "$\\pm$" : "±", m->n_seeds, m->n_seeds == 1 ? "" : "s");
}

static void pivot(FILE *f, enum format fmt, const struct comparison *cmp)
{
	const struct matrix *m = &cmp->matrix;
	size_t tunes = m->n_tunes ? m->n_tunes : 1;
	if (fmt == HTML) {
		fprintf(f, "<table class=\"pivot\"><caption>");
		caption(f, fmt, m);
		fprintf(f, "</caption><tr><th>trace</th>");
	} else if (fmt == MARKDOWN) {
		caption(f, fmt, m);
		fprintf(f, ".\n\n| trace ");
	} else {
		fprintf(f, "\\begin{table}\n\\centering\n\\begin{tabular}{l");
		for (size_t p = 0; p < m->n_policies; p++)
			fputc('r', f);
		fprintf(f, "}\n\\hline\ntrace ");
	}
	for (size_t p = 0; p < m->n_policies; p++) {
		fputs(fmt == HTML ? "<th>" : fmt == MARKDOWN ? "| " : "& ", f);
		text(f, fmt, m->policies[p].name);
		fputs(fmt == HTML ? "</th>" : " ", f);
	}
	fputs(fmt == HTML ? "</tr>\n" : fmt == MARKDOWN ? "|\n|---" : "\\\\\n\\hline\n", f);
	for (size_t p = 0; fmt == MARKDOWN && p < m->n_policies; p++)
		fputs("|---", f);
	fputs(fmt == MARKDOWN ? "|\n" : "", f);
	for (size_t t = 0; t < m->n_traces; t++)
		for (size_t u = 0; u < tunes; u++) {
			fputs(fmt == HTML ? "<tr><td>" : fmt == MARKDOWN ? "| " : "", f);
			row_name(f, fmt, m, t, u);
			fputs(fmt == HTML ? "</td>" : " ", f);
			double best = best_of(cmp, t, u);
			for (size_t p = 0; p < m->n_policies; p++)
				cell(f, fmt, summary_find(cmp->summaries, cmp->n_summaries, t, u, p), headline(m), best);
			fputs(fmt == HTML ? "</tr>\n" : fmt == MARKDOWN ? "|\n" : "\\\\\n", f);
		}
	if (fmt == HTML) {
		fprintf(f, "</table>\n");
	} else if (fmt == LATEX) {
		fprintf(f, "\\hline\n\\end{tabular}\n\\caption{");
		caption(f, fmt, m);
		fprintf(f, ".}\n\\end{table}\n");
	}
}

void comparison_pivot_html(FILE *f, const struct comparison *cmp)
{
	pivot(f, HTML, cmp);
}

int comparison_write_markdown(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out, (void)err;
	pivot(f, MARKDOWN, data);
	return 0;
}

int comparison_write_latex(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out, (void)err;
	pivot(f, LATEX, data);
	return 0;
}
