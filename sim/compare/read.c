/* read.c — reading a results.json back: shards to merge, and baselines for gates. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/compare/results.h"
#include "sim/util/dirlist.h"
#include "sim/util/json_exact.h"
#include "sim/util/textfile.h"
#include "sim/util/vec.h"
#include "sim/util/order.h"

/* Bounds on what a results.json may ask for: simon never writes more. */
#define MAX_LIST 1000000
#define MAX_RUNS 1e7

static int bad(struct error *err, const char *path, const char *what)
{
	return error_at(err, path, 0, 0, "not a simon compare results.json: %s", what);
}

static int read_names(cJSON *arr, size_t *n, void **items, size_t item_size, size_t name_size)
{
	*n = (size_t)cJSON_GetArraySize(arr);
	*items = calloc(*n ? *n : 1, item_size);
	if (!*items)
		return -1;
	size_t i = 0;
	cJSON *e;
	cJSON_ArrayForEach(e, arr)
	{
		if (!cJSON_IsString(e))
			return -1;
		snprintf((char *)*items + i++ * item_size, name_size, "%s", e->valuestring);
	}
	return 0;
}

static int read_matrix_meta(struct matrix *m, cJSON *j, const char *path, struct error *err)
{
	memset(m, 0, sizeof *m);
	cJSON *p = cJSON_GetObjectItem(j, "path"), *mode = cJSON_GetObjectItem(j, "mode");
	cJSON *seeds = cJSON_GetObjectItem(j, "seeds"), *tunes = cJSON_GetObjectItem(j, "tune_ratios");
	cJSON *gates = cJSON_GetObjectItem(j, "gates"), *base = cJSON_GetObjectItem(j, "baseline");
	if (!cJSON_IsString(p) || !cJSON_IsString(mode) || !cJSON_IsArray(seeds) || !cJSON_IsArray(tunes) ||
	    !cJSON_IsArray(gates))
		return bad(err, path, "matrix description incomplete");
	snprintf(m->path, sizeof m->path, "%s", p->valuestring);
	snprintf(m->baseline, sizeof m->baseline, "%s", cJSON_IsString(base) ? base->valuestring : "");
	m->mode = strcmp(mode->valuestring, "replay") == 0 ? MODE_REPLAY : MODE_INFLATION;
	if (read_names(cJSON_GetObjectItem(j, "traces"), &m->n_traces, (void **)&m->traces, sizeof *m->traces,
		       sizeof m->traces->name) ||
	    read_names(cJSON_GetObjectItem(j, "policies"), &m->n_policies, (void **)&m->policies,
		       sizeof *m->policies, sizeof m->policies->name) ||
	    !m->n_traces || !m->n_policies)
		return bad(err, path, "traces or policies missing");
	m->n_seeds = (size_t)cJSON_GetArraySize(seeds);
	m->n_tunes = (size_t)cJSON_GetArraySize(tunes);
	m->n_gates = (size_t)cJSON_GetArraySize(gates);
	if (m->n_seeds > MAX_LIST || m->n_tunes > MAX_LIST || m->n_traces > MAX_LIST || m->n_policies > MAX_LIST ||
	    (double)m->n_traces * (double)m->n_policies * (double)(m->n_tunes ? m->n_tunes : 1) * (double)m->n_seeds >
		    MAX_RUNS)
		return bad(err, path, "more runs than simon writes (at most 10^7)");
	m->seeds = calloc(m->n_seeds + 1, sizeof *m->seeds);
	m->tune_ratios = calloc(m->n_tunes + 1, sizeof *m->tune_ratios);
	m->gates = calloc(m->n_gates + 1, sizeof *m->gates);
	if (!m->seeds || !m->tune_ratios || !m->gates || !m->n_seeds)
		return bad(err, path, "seeds missing");
	size_t i = 0;
	cJSON *e;
	cJSON_ArrayForEach(e, seeds) if (!json_to_u64(e, &m->seeds[i++])) return bad(err, path, "a seed is not a whole number");
	i = 0;
	cJSON_ArrayForEach(e, tunes) m->tune_ratios[i++] = cJSON_GetNumberValue(e);
	cJSON *prios = cJSON_GetObjectItem(j, "priorities");
	if (cJSON_GetArraySize(prios) > MAX_PRIORITY_CLASSES)
		return bad(err, path, "more than 8 priorities");
	cJSON_ArrayForEach(e, prios)
	{
		double v = cJSON_GetNumberValue(e);
		if (!(v >= INT32_MIN && v <= INT32_MAX) || v != floor(v))
			return bad(err, path, "a priority is not a whole number");
		m->priorities[m->n_priorities++] = (int32_t)v;
	}
	i = 0;
	cJSON_ArrayForEach(e, gates)
	{
		if (!cJSON_IsString(e) || gate_parse(&m->gates[i++], e->valuestring, m, err))
			return bad(err, path, "a gate does not parse");
	}
	return 0;
}

int comparison_read(struct comparison *cmp, const char *path, struct error *err)
{
	memset(cmp, 0, sizeof *cmp);
	char *text;
	size_t size;
	if (textfile_read(path, &text, &size, err))
		return -1;
	cJSON *root = json_parse_exact(text);
	free(text);
	if (!root)
		return bad(err, path, "malformed JSON");
	int rc = read_matrix_meta(&cmp->matrix, cJSON_GetObjectItem(root, "matrix"), path, err);
	/* Results from before provenance was recorded read as made from unknown inputs. */
	cJSON *prov = cJSON_GetObjectItem(root, "provenance");
	if (!rc && prov && provenance_read(&cmp->provenance, prov))
		rc = bad(err, path, "provenance incomplete");
	struct compare *c = &cmp->runs;
	cJSON *runs = cJSON_GetObjectItem(root, "runs"), *shard = cJSON_GetObjectItem(root, "shard");
	c->total = rc ? 0 : matrix_runs(&cmp->matrix);
	if (!rc && (!cJSON_IsArray(runs) || !cJSON_IsNumber(cJSON_GetObjectItem(root, "runs_total")) ||
			 cJSON_GetObjectItem(root, "runs_total")->valuedouble != (double)c->total))
		rc = bad(err, path, "runs missing or not matching the matrix");
	if (!rc && cJSON_IsString(shard) && shard_parse(shard->valuestring, &c->shard_i, &c->shard_n))
		rc = bad(err, path, "shard is not I/N");
	c->rows = rc ? NULL : calloc((size_t)cJSON_GetArraySize(runs) + 1, sizeof *c->rows);
	if (!rc && !c->rows)
		rc = error_set(err, "out of memory");
	cJSON *e;
	if (!rc)
		cJSON_ArrayForEach(e, runs)
		{
			if (run_row_read(&c->rows[c->n_rows++], &cmp->matrix, e)) {
				rc = bad(err, path, "a run does not match the matrix");
				break;
			}
		}
	cJSON_Delete(root);
	if (rc)
		comparison_release(cmp);
	return rc;
}

static int same_matrix(const struct matrix *a, const struct matrix *b)
{
	if (a->mode != b->mode || a->n_traces != b->n_traces || a->n_policies != b->n_policies ||
	    a->n_seeds != b->n_seeds || a->n_tunes != b->n_tunes || a->n_gates != b->n_gates ||
	    strcmp(a->path, b->path) || strcmp(a->baseline, b->baseline))
		return 0;
	for (size_t i = 0; i < a->n_traces; i++)
		if (strcmp(a->traces[i].name, b->traces[i].name))
			return 0;
	for (size_t i = 0; i < a->n_policies; i++)
		if (strcmp(a->policies[i].name, b->policies[i].name))
			return 0;
	for (size_t i = 0; i < a->n_gates; i++)
		if (strcmp(a->gates[i].text, b->gates[i].text))
			return 0;
	return memcmp(a->seeds, b->seeds, a->n_seeds * sizeof *a->seeds) == 0 &&
	       memcmp(a->tune_ratios, b->tune_ratios, a->n_tunes * sizeof *a->tune_ratios) == 0;
}

static int by_index(const void *a, const void *b)
{
	size_t x = ((const struct run_row *)a)->index, y = ((const struct run_row *)b)->index;
	return (x > y) - (x < y);
}

/* Moves one shard's rows into the merged set; the shard's own arrays are then freed. */
static int absorb(struct comparison *cmp, struct comparison *part, const char *path, unsigned char *seen,
		  struct error *err)
{
	struct compare *c = &cmp->runs;
	for (size_t i = 0; i < part->runs.n_rows; i++) {
		struct run_row *r = &part->runs.rows[i];
		if (seen[r->index])
			return error_at(err, path, 0, 0, "run %zu appears in more than one shard", r->index);
		seen[r->index] = 1;
		c->rows[c->n_rows++] = *r;
		r->curve = NULL;
		r->timeline = NULL;
	}
	return 0;
}

int comparison_merge(struct comparison *cmp, char *const *paths, size_t n, struct error *err)
{
	memset(cmp, 0, sizeof *cmp);
	unsigned char *seen = NULL;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		char file[4096];
		if (is_dir(paths[i]) ? path_join(file, sizeof file, paths[i], "results.json", err)
				     : snprintf(file, sizeof file, "%s", paths[i]) >= (int)sizeof file)
			return -1;
		struct comparison part;
		if (comparison_read(&part, file, err))
			rc = -1;
		else if (i == 0) {
			cmp->matrix = part.matrix;
			memset(&part.matrix, 0, sizeof part.matrix);
			cmp->runs.total = part.runs.total;
			cmp->runs.rows = calloc(cmp->runs.total + 1, sizeof *cmp->runs.rows);
			seen = calloc(cmp->runs.total + 1, 1);
			rc = cmp->runs.rows && seen && !provenance_copy_inputs(&cmp->provenance, &part.provenance)
				     ? 0
				     : error_set(err, "out of memory");
		} else if (!same_matrix(&cmp->matrix, &part.matrix)) {
			rc = error_at(err, file, 0, 0, "comes from a different matrix than %s", paths[0]);
		} else if (!provenance_same_inputs(&cmp->provenance, &part.provenance)) {
			rc = error_at(err, file, 0, 0, "was made from other traces or scheduler configs than %s", paths[0]);
		}
		if (!rc)
			rc = absorb(cmp, &part, file, seen, err);
		comparison_release(&part);
	}
	for (size_t i = 0; !rc && i < cmp->runs.total; i++)
		if (!seen[i])
			rc = error_set(err, "the shards miss run %zu of %zu (is a shard missing?)", i, cmp->runs.total);
	free(seen);
	if (rc) {
		comparison_release(cmp);
		return -1;
	}
	sort_items(cmp->runs.rows, cmp->runs.n_rows, sizeof *cmp->runs.rows, by_index);
	return 0;
}

