/* run_row.c — a run as results.json holds it, both ways. */
#include "sim/compare/run_row.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/json_exact.h"

cJSON *json_number_or_null(double v)
{
	return isnan(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

cJSON *matrix_json(const struct matrix *m)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "path", m->path);
	cJSON_AddStringToObject(o, "mode", mode_name(m->mode));
	cJSON *t = cJSON_AddArrayToObject(o, "traces"), *p = cJSON_AddArrayToObject(o, "policies");
	cJSON *s = cJSON_AddArrayToObject(o, "seeds"), *u = cJSON_AddArrayToObject(o, "tune_ratios");
	cJSON *g = cJSON_AddArrayToObject(o, "gates");
	for (size_t i = 0; i < m->n_traces; i++)
		cJSON_AddItemToArray(t, cJSON_CreateString(m->traces[i].name));
	for (size_t i = 0; i < m->n_policies; i++)
		cJSON_AddItemToArray(p, cJSON_CreateString(m->policies[i].name));
	for (size_t i = 0; i < m->n_seeds; i++)
		cJSON_AddItemToArray(s, json_u64(m->seeds[i]));
	for (size_t i = 0; i < m->n_tunes; i++)
		cJSON_AddItemToArray(u, cJSON_CreateNumber(m->tune_ratios[i]));
	for (size_t i = 0; i < m->n_gates; i++)
		cJSON_AddItemToArray(g, cJSON_CreateString(m->gates[i].text));
	cJSON_AddStringToObject(o, "baseline", m->baseline);
	if (m->n_priorities) {
		cJSON *pr = cJSON_AddArrayToObject(o, "priorities");
		for (size_t i = 0; i < m->n_priorities; i++)
			cJSON_AddItemToArray(pr, cJSON_CreateNumber(m->priorities[i]));
	}
	return o;
}

cJSON *metrics_json(const struct matrix *m, const double *v)
{
	cJSON *o = cJSON_CreateObject();
	char buf[64];
	for (int k = 0; k < matrix_n_metrics(m); k++)
		cJSON_AddItemToObject(o, matrix_metric_name(m, k, buf, sizeof buf), json_number_or_null(v[k]));
	return o;
}

cJSON *curve_json(const struct row_point *c, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		double v[] = {c[i].pct, c[i].alloc, c[i].frag_ratio, c[i].frag_gpu};
		cJSON_AddItemToArray(a, cJSON_CreateDoubleArray(v, 4));
	}
	return a;
}

cJSON *run_row_json(const struct matrix *m, const struct run_row *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "index", (double)r->index);
	cJSON_AddStringToObject(o, "trace", m->traces[r->trace].name);
	cJSON_AddStringToObject(o, "policy", m->policies[r->policy].name);
	cJSON_AddItemToObject(o, "seed", json_u64(r->seed));
	cJSON_AddItemToObject(o, "tune_ratio", json_number_or_null(r->tune_ratio));
	cJSON_AddBoolToObject(o, "ok", r->ok);
	if (!r->ok)
		cJSON_AddStringToObject(o, "error", r->error);
	cJSON_AddItemToObject(o, "metrics", metrics_json(m, r->metric));
	cJSON_AddItemToObject(o, "curve", curve_json(r->curve, r->n_curve));
	cJSON *t = cJSON_AddArrayToObject(o, "timeline");
	for (size_t i = 0; i < r->n_timeline; i++) {
		double v[] = {r->timeline[i].hours, r->timeline[i].alloc, r->timeline[i].queued};
		cJSON_AddItemToArray(t, cJSON_CreateDoubleArray(v, 3));
	}
	cJSON *w = cJSON_AddArrayToObject(o, "waits");
	for (int k = 0; r->n_timeline && k < WAIT_QUANTILES; k++)
		cJSON_AddItemToArray(w, json_number_or_null(r->waits[k]));
	return o;
}

static double get_number(const cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItem(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static int name_index(const char *name, const void *items, size_t n, size_t item_size)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcmp((const char *)items + i * item_size, name) == 0)
			return (int)i;
	return -1;
}

static int read_points(cJSON *arr, int width, double (*out)[4], size_t *n)
{
	size_t i = 0;
	cJSON *e;
	cJSON_ArrayForEach(e, arr)
	{
		if (cJSON_GetArraySize(e) != width)
			return -1;
		for (int k = 0; k < width; k++)
			out[i][k] = cJSON_GetNumberValue(cJSON_GetArrayItem(e, k));
		i++;
	}
	*n = i;
	return 0;
}

/* Curve percents are whole, ascending and bounded: summaries size arrays by the last one and
 * index them by every one. */
static int curve_ok(double (*pts)[4], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double pct = pts[i][0];
		if (!(pct >= 0 && pct <= CURVE_MAX_PCT) || pct != floor(pct) || (i && pct <= pts[i - 1][0]))
			return 0;
	}
	return 1;
}

int run_row_read(struct run_row *r, const struct matrix *m, const cJSON *j)
{
	memset(r, 0, sizeof *r);
	cJSON *trace = cJSON_GetObjectItem(j, "trace"), *policy = cJSON_GetObjectItem(j, "policy");
	int t = name_index(cJSON_GetStringValue(trace), m->traces, m->n_traces, sizeof *m->traces);
	int p = name_index(cJSON_GetStringValue(policy), m->policies, m->n_policies, sizeof *m->policies);
	uint64_t index;
	if (t < 0 || p < 0 || !json_to_u64(cJSON_GetObjectItem(j, "index"), &index) || index >= matrix_runs(m))
		return -1;
	r->index = (size_t)index;
	matrix_coords(m, r->index, &r->trace, &r->policy, &r->tune, &r->seed_i);
	if (r->trace != (size_t)t || r->policy != (size_t)p)
		return -1;
	r->seed = m->seeds[r->seed_i];
	r->tune_ratio = get_number(j, "tune_ratio");
	r->ok = cJSON_IsTrue(cJSON_GetObjectItem(j, "ok"));
	const char *error = cJSON_GetStringValue(cJSON_GetObjectItem(j, "error"));
	snprintf(r->error, sizeof r->error, "%s", error ? error : "");
	cJSON *metrics = cJSON_GetObjectItem(j, "metrics");
	char name[64];
	for (int k = 0; k < matrix_n_metrics(m); k++)
		r->metric[k] = get_number(metrics, matrix_metric_name(m, k, name, sizeof name));
	cJSON *curve = cJSON_GetObjectItem(j, "curve"), *timeline = cJSON_GetObjectItem(j, "timeline");
	size_t nc = (size_t)cJSON_GetArraySize(curve), nt = (size_t)cJSON_GetArraySize(timeline);
	double (*buf)[4] = malloc((nc > nt ? nc : nt) * sizeof *buf + sizeof *buf);
	r->curve = malloc((nc ? nc : 1) * sizeof *r->curve);
	r->timeline = malloc((nt ? nt : 1) * sizeof *r->timeline);
	int rc = buf && r->curve && r->timeline ? 0 : -1;
	if (!rc && !(rc = read_points(curve, 4, buf, &r->n_curve)) && !(rc = curve_ok(buf, r->n_curve) ? 0 : -1))
		for (size_t i = 0; i < r->n_curve; i++)
			r->curve[i] = (struct row_point){(int)buf[i][0], buf[i][1], buf[i][2], buf[i][3]};
	if (!rc && !(rc = read_points(timeline, 3, buf, &r->n_timeline)))
		for (size_t i = 0; i < r->n_timeline; i++)
			r->timeline[i] = (struct row_sample){buf[i][0], buf[i][1], buf[i][2]};
	cJSON *waits = cJSON_GetObjectItem(j, "waits");
	for (int k = 0; k < WAIT_QUANTILES; k++)
		r->waits[k] = NAN;
	int k = 0;
	cJSON *w;
	cJSON_ArrayForEach(w, waits) if (k < WAIT_QUANTILES) r->waits[k++] = cJSON_IsNumber(w) ? w->valuedouble : NAN;
	free(buf);
	return rc;
}

void run_row_release(struct run_row *r)
{
	free(r->curve);
	free(r->timeline);
	r->curve = NULL;
	r->timeline = NULL;
}
