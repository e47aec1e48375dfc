#include "sim/compare/matrix.h"

#include <inttypes.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/dirlist.h"
#include "sim/plugin/score.h"
#include "sim/util/vec.h"
#include "sim/offered_load.h"
#include "sim/util/number.h"
#include "sim/load/strict.h"
#include "sim/load/yaml_field.h"
#include "sim/load/yaml_doc.h"

const char *const metric_names[N_METRICS] = {
	"alloc_at_100", "frag_ratio_at_100", "frag_gpu_at_100", "gpu_alloc", "cpu_alloc", "frag_ratio", "frag_gpu",
	"pods",		"scheduled",	     "failed",		"mean_wait", "max_wait",  "makespan",
	"mean_gpu_alloc", "peak_queued", "victims", "lost_gpu_seconds", "gang_wait",
	"pipeline_jct", "jct_over_critical_path", "makespan_over_bound",
};

int matrix_n_metrics(const struct matrix *m)
{
	return N_METRICS + 2 * (int)m->n_priorities;
}

const char *matrix_metric_name(const struct matrix *m, int k, char *buf, size_t size)
{
	if (k < N_METRICS)
		return metric_names[k];
	int c = (k - N_METRICS) / 2;
	snprintf(buf, size, "%s@%" PRId32, (k - N_METRICS) % 2 ? "p95_wait" : "mean_wait", m->priorities[c]);
	return buf;
}

int matrix_metric_find(const struct matrix *m, const char *name)
{
	char buf[64];
	for (int k = 0; k < matrix_n_metrics(m); k++)
		if (strcmp(matrix_metric_name(m, k, buf, sizeof buf), name) == 0)
			return k;
	return -1;
}

struct mctx {
	yaml_document_t *doc;
	const char *path;
	struct error *err;
	struct matrix *m;
	struct yaml_fields f;
};

/* Beside the matrix file, else in the working directory. */
static int resolve(const struct mctx *c, const yaml_node_t *at, const char *field, const char *rel, char *out,
		   size_t size)
{
	if (path_beside(c->path, rel, out, size) == 0)
		return 0;
	char what[1200];
	snprintf(what, sizeof what, "'%s' not found (looked beside the matrix and in the working directory)", rel);
	return field_error(&c->f, at, field, what);
}

/* The file's or folder's name without extension (and without openb's "openb_pod_list_"). */
static void stem(const char *path, char *out, size_t size)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!*base) /* "dir/" */
		base = path;
	if (strncmp(base, "openb_pod_list_", 15) == 0 && base[15])
		base += 15;
	const char *dot = strrchr(base, '.');
	int n = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
	snprintf(out, size, "%.*s", n, base);
}

static yaml_node_t *list(const struct mctx *c, yaml_node_t *root, const char *key, bool required)
{
	yaml_node_t *n = yaml_get(c->doc, root, key);
	if (!n && !required)
		return NULL;
	if (!n || n->type != YAML_SEQUENCE_NODE || n->data.sequence.items.start == n->data.sequence.items.top) {
		field_error(&c->f, n ? n : root, key, "expected a non-empty list");
		return (yaml_node_t *)-1;
	}
	return n;
}

#define EACH(c, seq, item)                                                                                           \
	for (yaml_node_item_t *it_ = (seq)->data.sequence.items.start;                                               \
	     it_ < (seq)->data.sequence.items.top && ((item) = yaml_document_get_node((c)->doc, *it_)); it_++)


static const struct key_set matrix_keys = {
	.where = "Matrix",
	.known = KEYS("kind", "mode", "traces", "policies", "seeds", "tune_ratios", "priorities", "baseline", "gates")};
static const struct key_set trace_keys = {.where = "traces[]",
					  .known = KEYS("name", "path", "target_load", "arrival_scale")};
static const struct key_set policy_keys = {.where = "policies[]", .known = KEYS("name", "config", "policy")};

static int check(const struct mctx *c, yaml_node_t *map, const struct key_set *ks)
{
	return check_keys(c->doc, map, c->path, ks, c->err);
}

/* A trace's replay load key: a number in [min, max], replay mode only. */
static int read_load(const struct mctx *c, yaml_node_t *item, const char *key, double min, double max,
		     double *out)
{
	yaml_node_t *n = yaml_get(c->doc, item, key);
	double v;
	if (!n || field_real_at(&c->f, n, key, min, max, &v))
		return n ? -1 : 0;
	if (c->m->mode != MODE_REPLAY)
		return field_error(&c->f, n, key, "sets a replay's load; this matrix runs in inflation mode");
	*out = v;
	return 0;
}

static int read_traces(const struct mctx *c, yaml_node_t *seq)
{
	struct matrix *m = c->m;
	size_t cap = 0;
	yaml_node_t *item;
	EACH(c, seq, item)
	{
		if (VEC_RESERVE(m->traces, cap, m->n_traces + 1))
			return error_set(c->err, "out of memory");
		struct matrix_trace *t = &m->traces[m->n_traces];
		memset(t, 0, sizeof *t);
		if (check(c, item, &trace_keys))
			return -1;
		const char *path = yaml_text(item) ? yaml_text(item) : yaml_text(yaml_get(c->doc, item, "path"));
		if (!path || !*path)
			return field_error(&c->f, item, "traces", "expected a cluster config or folder, or {name, path}");
		if (resolve(c, item, "traces", path, t->path, sizeof t->path))
			return -1;
		const char *name = yaml_text(yaml_get(c->doc, item, "name"));
		if (name)
			snprintf(t->name, sizeof t->name, "%s", name);
		else
			stem(path, t->name, sizeof t->name);
		for (size_t i = 0; i < m->n_traces; i++)
			if (strcmp(m->traces[i].name, t->name) == 0)
				return field_error(&c->f, item, "traces", "two traces share a name (give one a name:)");
		if (read_load(c, item, "target_load", MIN_TARGET_LOAD, MAX_TARGET_LOAD, &t->target_load) ||
		    read_load(c, item, "arrival_scale", MIN_ARRIVAL_SCALE, MAX_ARRIVAL_SCALE, &t->arrival_scale))
			return -1;
		if (t->target_load > 0 && t->arrival_scale > 0)
			return field_error(&c->f, item, "traces", "give target_load or arrival_scale, not both");
		m->n_traces++;
	}
	return 0;
}

static int read_policies(const struct mctx *c, yaml_node_t *seq)
{
	struct matrix *m = c->m;
	size_t cap = 0;
	yaml_node_t *item;
	EACH(c, seq, item)
	{
		if (VEC_RESERVE(m->policies, cap, m->n_policies + 1))
			return error_set(c->err, "out of memory");
		struct matrix_policy *p = &m->policies[m->n_policies];
		memset(p, 0, sizeof *p);
		if (check(c, item, &policy_keys))
			return -1;
		const char *text = yaml_text(item);
		bool is_path = text && (strchr(text, '/') || has_yaml_suffix(text));
		const char *config = text ? (is_path ? text : NULL) : yaml_text(yaml_get(c->doc, item, "config"));
		const char *policy = text ? (is_path ? NULL : text) : yaml_text(yaml_get(c->doc, item, "policy"));
		if (!config && !policy)
			return field_error(&c->f, item, "policies", "expected a scheduler config, a policy name, or {name, config}");
		const struct policy_ops *ops = policy ? policy_lookup(policy) : NULL;
		if (policy && !ops) {
			char msg[256];
			policy_unknown(msg, sizeof msg, policy);
			return field_error(&c->f, item, "policies", msg);
		}
		if (ops)
			snprintf(p->policy, sizeof p->policy, "%s", ops->name);
		if (config && resolve(c, item, "policies", config, p->config, sizeof p->config))
			return -1;
		const char *name = yaml_text(yaml_get(c->doc, item, "name"));
		if (name)
			snprintf(p->name, sizeof p->name, "%s", name);
		else if (policy)
			snprintf(p->name, sizeof p->name, "%s", policy);
		else
			stem(config, p->name, sizeof p->name);
		for (size_t i = 0; i < m->n_policies; i++)
			if (strcmp(m->policies[i].name, p->name) == 0)
				return field_error(&c->f, item, "policies", "two policies share a name (give one a name:)");
		m->n_policies++;
	}
	return 0;
}

static int add_seed(struct matrix *m, size_t *cap, uint64_t v)
{
	if (VEC_RESERVE(m->seeds, *cap, m->n_seeds + 1))
		return -1;
	m->seeds[m->n_seeds++] = v;
	return 0;
}

/* "42-51": at most 100,000 seeds. */
static bool seed_range(const char *text, uint64_t *lo, uint64_t *hi)
{
	const char *dash = number_u64_prefix(text, lo);
	if (!dash || *dash != '-')
		return false;
	const char *end = number_u64_prefix(dash + 1, hi);
	return end && !*end && *lo <= *hi && *hi - *lo < 100000;
}

static int read_seeds(const struct mctx *c, yaml_node_t *root)
{
	struct matrix *m = c->m;
	yaml_node_t *n = yaml_get(c->doc, root, "seeds");
	size_t cap = 0;
	uint64_t lo, hi;
	if (seed_range(yaml_text(n), &lo, &hi)) {
		for (uint64_t v = lo;; v++) {
			if (add_seed(m, &cap, v))
				return error_set(c->err, "out of memory");
			if (v == hi)
				return 0;
		}
	}
	if (!n || n->type != YAML_SEQUENCE_NODE)
		return field_error(&c->f, n ? n : root, "seeds", "expected a list of whole numbers, or a range such as \"42-51\"");
	yaml_node_t *item;
	EACH(c, n, item)
	{
		uint64_t v;
		const char *end = number_u64_prefix(yaml_text(item), &v);
		if (!end || *end)
			return field_error(&c->f, item, "seeds", "expected a whole number from 0 to 18446744073709551615");
		if (add_seed(m, &cap, v))
			return error_set(c->err, "out of memory");
	}
	return m->n_seeds ? 0 : field_error(&c->f, n, "seeds", "expected at least one seed");
}

static int read_tunes(const struct mctx *c, yaml_node_t *seq)
{
	struct matrix *m = c->m;
	size_t cap = 0;
	yaml_node_t *item;
	EACH(c, seq, item)
	{
		double v;
		if (field_real_at(&c->f, item, "tune_ratios", 0, 1000, &v))
			return -1;
		if (VEC_RESERVE(m->tune_ratios, cap, m->n_tunes + 1))
			return error_set(c->err, "out of memory");
		m->tune_ratios[m->n_tunes++] = v;
	}
	return 0;
}

static int read_priorities(const struct mctx *c, yaml_node_t *seq)
{
	struct matrix *m = c->m;
	yaml_node_t *item;
	if (m->mode != MODE_REPLAY)
		return field_error(&c->f, seq, "priorities", "per-class waits are replay's; this matrix runs in inflation mode");
	EACH(c, seq, item)
	{
		int64_t v;
		if (field_integer_at(&c->f, item, "priorities", INT32_MIN, INT32_MAX, &v))
			return -1;
		if (m->n_priorities == MAX_PRIORITY_CLASSES)
			return field_error(&c->f, item, "priorities", "at most 8");
		for (size_t i = 0; i < m->n_priorities; i++)
			if (m->priorities[i] == v)
				return field_error(&c->f, item, "priorities", "listed twice");
		m->priorities[m->n_priorities++] = (int32_t)v;
	}
	return 0;
}

static int read_gates(const struct mctx *c, yaml_node_t *seq)
{
	struct matrix *m = c->m;
	size_t cap = 0;
	yaml_node_t *item;
	EACH(c, seq, item)
	{
		if (VEC_RESERVE(m->gates, cap, m->n_gates + 1))
			return error_set(c->err, "out of memory");
		struct error why;
		const char *text = yaml_text(item);
		if (!text || gate_parse(&m->gates[m->n_gates], text, m, &why))
			return field_error(&c->f, item, "gates", text ? why.msg : "expected a gate such as 'fgd.alloc_at_100 >= 90'");
		if (m->gates[m->n_gates].against_baseline && !m->baseline[0])
			return field_error(&c->f, item, "gates", "compares with the baseline, but the matrix names no baseline:");
		m->n_gates++;
	}
	return 0;
}

static int read_matrix(const struct mctx *c, yaml_node_t *root)
{
	struct matrix *m = c->m;
	if (check(c, root, &matrix_keys))
		return -1;
	const char *mode = yaml_text(yaml_get(c->doc, root, "mode"));
	if (mode && strcmp(mode, "inflation") && strcmp(mode, "replay"))
		return field_error(&c->f, yaml_get(c->doc, root, "mode"), "mode", "expected inflation or replay");
	m->mode = mode && strcmp(mode, "replay") == 0 ? MODE_REPLAY : MODE_INFLATION;
	yaml_node_t *traces = list(c, root, "traces", true), *policies = list(c, root, "policies", true);
	if (traces == (yaml_node_t *)-1 || policies == (yaml_node_t *)-1)
		return -1;
	if (read_traces(c, traces) || read_policies(c, policies) || read_seeds(c, root))
		return -1;
	yaml_node_t *tunes = list(c, root, "tune_ratios", false), *prios = list(c, root, "priorities", false);
	if (tunes == (yaml_node_t *)-1 || (tunes && read_tunes(c, tunes)))
		return -1;
	if (prios == (yaml_node_t *)-1 || (prios && read_priorities(c, prios)))
		return -1;
	yaml_node_t *baseline = yaml_get(c->doc, root, "baseline");
	if (baseline && (!yaml_text(baseline) ||
			 resolve(c, baseline, "baseline", yaml_text(baseline), m->baseline, sizeof m->baseline)))
		return baseline && !yaml_text(baseline) ? field_error(&c->f, baseline, "baseline", "expected a results.json path") : -1;
	yaml_node_t *gates = list(c, root, "gates", false);
	return gates == (yaml_node_t *)-1 || (gates && read_gates(c, gates)) ? -1 : 0;
}

int matrix_load(struct matrix *m, const char *path, struct error *err)
{
	memset(m, 0, sizeof *m);
	snprintf(m->path, sizeof m->path, "%s", path);
	struct yaml_reader r;
	if (yaml_reader_open(&r, path, err))
		return -1;
	int got = yaml_reader_next(&r, err);
	int rc = got < 0 ? -1 : 0;
	if (got == 0)
		rc = error_at(err, path, 0, 0, "empty file (expected a kind: Matrix document)");
	if (!rc) {
		yaml_node_t *root = yaml_root(&r.doc);
		const char *kind = yaml_text(yaml_get(&r.doc, root, "kind"));
		struct mctx c = {&r.doc, path, err, m, {&r.doc, path, NULL, NULL, err}};
		if (!kind || strcmp(kind, "Matrix"))
			rc = field_error(&c.f, root, "kind", "expected Matrix");
		else
			rc = read_matrix(&c, root);
	}
	yaml_reader_release(&r);
	if (rc)
		matrix_release(m);
	return rc;
}

void matrix_release(struct matrix *m)
{
	free(m->traces);
	free(m->policies);
	free(m->seeds);
	free(m->tune_ratios);
	free(m->gates);
	memset(m, 0, sizeof *m);
}

size_t matrix_runs(const struct matrix *m)
{
	return m->n_traces * m->n_policies * (m->n_tunes ? m->n_tunes : 1) * m->n_seeds;
}

void matrix_coords(const struct matrix *m, size_t index, size_t *trace, size_t *policy, size_t *tune, size_t *seed)
{
	size_t tunes = m->n_tunes ? m->n_tunes : 1;
	*seed = index % m->n_seeds;
	index /= m->n_seeds;
	*tune = index % tunes;
	index /= tunes;
	*policy = index % m->n_policies;
	*trace = index / m->n_policies;
}

/* "name.metric" → policy index and metric. */
static int operand(const char *token, const struct matrix *m, int *policy, int *metric, struct error *err)
{
	const char *dot = strrchr(token, '.');
	if (!dot)
		return error_set(err, "'%s': expected policy.metric", token);
	if ((*metric = matrix_metric_find(m, dot + 1)) < 0)
		return error_set(err, "'%s': unknown metric (alloc_at_100, gpu_alloc, frag_ratio, failed, mean_wait, victims, "
				      "mean_wait@PRIORITY for a listed priority, ...)",
				 dot + 1);
	const struct matrix_policy *policies = m->policies;
	for (size_t i = 0; i < m->n_policies; i++)
		if (strlen(policies[i].name) == (size_t)(dot - token) && !strncmp(policies[i].name, token, (size_t)(dot - token))) {
			*policy = (int)i;
			return 0;
		}
	return error_set(err, "'%.*s': not a policy of this matrix", (int)(dot - token), token);
}

/* A gate's value: any finite number a metric could be compared with. */
static int number(const char *token, double *out)
{
	return number_real(token, -DBL_MAX, DBL_MAX, out) ? -1 : 0;
}

int gate_parse(struct gate *g, const char *text, const struct matrix *m, struct error *err)
{
	memset(g, 0, sizeof *g);
	snprintf(g->text, sizeof g->text, "%s", text);
	char copy[256], *tok[8];
	int k = 0;
	snprintf(copy, sizeof copy, "%s", text);
	for (char *t = strtok(copy, " \t"); t && k < 8; t = strtok(NULL, " \t"))
		tok[k++] = t;
	static const char *const ops[] = {">=", "<=", ">", "<", "within"};
	g->op = (enum gate_op)-1;
	for (int i = 0; k >= 3 && i < 5; i++)
		if (strcmp(tok[1], ops[i]) == 0)
			g->op = (enum gate_op)i;
	if (k < 3 || (int)g->op < 0)
		return error_set(err, "expected 'policy.metric OP value' with OP one of >= <= > < within");
	if (operand(tok[0], m, &g->policy, &g->metric, err))
		return -1;
	g->rhs_policy = -1;
	if (g->op == GATE_WITHIN) {
		if (k != 5 || number(tok[2], &g->number) || g->number < 0 || strcmp(tok[3], "of"))
			return error_set(err, "expected 'policy.metric within TOLERANCE of baseline|policy.metric'");
		if (strcmp(tok[4], "baseline") == 0) {
			g->against_baseline = true;
			return 0;
		}
		int metric;
		if (operand(tok[4], m, &g->rhs_policy, &metric, err))
			return -1;
		return metric == g->metric ? 0 : error_set(err, "'within' compares one metric with itself");
	}
	if (k == 3 && number(tok[2], &g->number) == 0)
		return 0;
	int metric;
	if (operand(tok[2], m, &g->rhs_policy, &metric, err))
		return -1;
	if (metric != g->metric)
		return error_set(err, "both sides must be the same metric");
	if (k == 3)
		return 0;
	if (k != 5 || (strcmp(tok[3], "+") && strcmp(tok[3], "-")) || number(tok[4], &g->number))
		return error_set(err, "expected '... policy.metric + NUMBER' or '- NUMBER'");
	if (tok[3][0] == '-')
		g->number = -g->number;
	return 0;
}
