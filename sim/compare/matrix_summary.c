/* matrix_summary.c — per trace, tuning ratio and policy: mean and sample SD over seeds; gates. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/compare/matrix_summary.h"

/* Mean and sample standard deviation (n − 1); the SD is NaN below two values. */
static void stats(const struct run_row *const *rows, size_t n, int k, double *mean, double *sd)
{
	double sum = 0;
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(rows[i]->metric[k])) {
			sum += rows[i]->metric[k];
			count++;
		}
	*mean = count ? sum / (double)count : NAN;
	double squares = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(rows[i]->metric[k]))
			squares += (rows[i]->metric[k] - *mean) * (rows[i]->metric[k] - *mean);
	*sd = count >= 2 ? sqrt(squares / (double)(count - 1)) : NAN;
}

/* The mean curve over the percents every run reached. */
static int mean_curve(struct summary *s, const struct run_row *const *rows, size_t n)
{
	int max = -1;
	for (size_t i = 0; i < n; i++)
		if (rows[i]->n_curve && rows[i]->curve[rows[i]->n_curve - 1].pct > max)
			max = rows[i]->curve[rows[i]->n_curve - 1].pct;
	if (max < 0 || n == 0)
		return 0;
	struct row_point *sum = calloc((size_t)max + 1, sizeof *sum);
	size_t *count = calloc((size_t)max + 1, sizeof *count);
	s->curve = malloc(((size_t)max + 1) * sizeof *s->curve);
	if (!sum || !count || !s->curve) {
		free(sum);
		free(count);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < rows[i]->n_curve; k++) {
			const struct row_point *p = &rows[i]->curve[k];
			sum[p->pct].alloc += p->alloc;
			sum[p->pct].frag_ratio += p->frag_ratio;
			sum[p->pct].frag_gpu += p->frag_gpu;
			count[p->pct]++;
		}
	for (int pct = 0; pct <= max; pct++)
		if (count[pct] == n)
			s->curve[s->n_curve++] = (struct row_point){pct, sum[pct].alloc / (double)n,
								    sum[pct].frag_ratio / (double)n,
								    sum[pct].frag_gpu / (double)n};
	free(sum);
	free(count);
	return 0;
}

int compare_summarize(const struct matrix *m, const struct run_row *rows, size_t n, struct summary **out,
		      size_t *n_out)
{
	size_t tunes = m->n_tunes ? m->n_tunes : 1, groups = m->n_traces * tunes * m->n_policies;
	*out = calloc(groups ? groups : 1, sizeof **out);
	const struct run_row **group = malloc((n ? n : 1) * sizeof *group);
	*n_out = 0;
	if (!*out || !group) {
		free(group);
		free(*out);
		*out = NULL;
		return -1;
	}
	int rc = 0;
	for (size_t t = 0; t < m->n_traces && !rc; t++)
		for (size_t u = 0; u < tunes && !rc; u++)
			for (size_t p = 0; p < m->n_policies && !rc; p++) {
				struct summary *s = &(*out)[*n_out];
				*s = (struct summary){.trace = t, .tune = u, .policy = p};
				size_t k = 0;
				for (size_t i = 0; i < n; i++)
					if (rows[i].trace == t && rows[i].tune == u && rows[i].policy == p) {
						if (rows[i].ok)
							group[k++] = &rows[i];
						else
							s->failed++;
					}
				if (!k && !s->failed)
					continue;
				s->runs = k;
				for (int metric = 0; metric < matrix_n_metrics(m); metric++)
					stats(group, k, metric, &s->mean[metric], &s->std[metric]);
				rc = mean_curve(s, group, k);
				(*n_out)++;
			}
	free(group);
	return rc;
}

void summaries_free(struct summary *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].curve);
	free(s);
}

const struct summary *summary_find(const struct summary *s, size_t n, size_t trace, size_t tune, size_t policy)
{
	for (size_t i = 0; i < n; i++)
		if (s[i].trace == trace && s[i].tune == tune && s[i].policy == policy)
			return &s[i];
	return NULL;
}

/* The baseline's mean for the same trace, tuning ratio and policy, matched by name. */
static double baseline_value(const struct matrix *m, const struct gate *g, size_t trace, size_t tune,
			     const struct matrix *bm, const struct summary *base, size_t n_base)
{
	for (size_t i = 0; bm && i < n_base; i++) {
		const struct summary *b = &base[i];
		double bt = bm->n_tunes ? bm->tune_ratios[b->tune] : NAN, mt = m->n_tunes ? m->tune_ratios[tune] : NAN;
		if (!strcmp(bm->traces[b->trace].name, m->traces[trace].name) &&
		    !strcmp(bm->policies[b->policy].name, m->policies[g->policy].name) &&
		    (bt == mt || (isnan(bt) && isnan(mt))))
			return b->mean[g->metric];
	}
	return NAN;
}

static void evaluate(struct gate_result *r)
{
	const struct gate *g = r->gate;
	if (isnan(r->lhs) || isnan(r->rhs)) {
		snprintf(r->why, sizeof r->why, "no value to compare");
		r->passed = false;
		return;
	}
	switch (g->op) {
	case GATE_GE: r->passed = r->lhs >= r->rhs; break;
	case GATE_LE: r->passed = r->lhs <= r->rhs; break;
	case GATE_GT: r->passed = r->lhs > r->rhs; break;
	case GATE_LT: r->passed = r->lhs < r->rhs; break;
	case GATE_WITHIN: r->passed = fabs(r->lhs - r->rhs) <= g->number + 1e-9; break;
	}
}

int compare_gates(const struct matrix *m, const struct summary *s, size_t n, const struct matrix *base_m,
		  const struct summary *base, size_t n_base, struct gate_result **out, size_t *n_out)
{
	size_t tunes = m->n_tunes ? m->n_tunes : 1;
	*n_out = 0;
	*out = calloc(m->n_gates * m->n_traces * tunes + 1, sizeof **out);
	if (!*out)
		return -1;
	for (size_t g = 0; g < m->n_gates; g++)
		for (size_t t = 0; t < m->n_traces; t++)
			for (size_t u = 0; u < tunes; u++) {
				const struct gate *gate = &m->gates[g];
				struct gate_result *r = &(*out)[(*n_out)++];
				*r = (struct gate_result){.gate = gate, .trace = t, .tune = u};
				const struct summary *lhs = summary_find(s, n, t, u, (size_t)gate->policy);
				r->lhs = lhs ? lhs->mean[gate->metric] : NAN;
				if (gate->against_baseline) {
					r->rhs = baseline_value(m, gate, t, u, base_m, base, n_base);
				} else if (gate->rhs_policy >= 0) {
					const struct summary *rhs = summary_find(s, n, t, u, (size_t)gate->rhs_policy);
					r->rhs = rhs ? rhs->mean[gate->metric] + (gate->op == GATE_WITHIN ? 0 : gate->number)
						     : NAN;
				} else {
					r->rhs = gate->number;
				}
				evaluate(r);
			}
	return 0;
}
