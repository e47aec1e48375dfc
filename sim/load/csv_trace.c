/* csv_trace.c — the openb traces' CSV form, read into the same node_spec and pod_spec as
 * their YAML copies.
 *
 * A node list has the header sn, cpu_milli, memory_mib, gpu, model (and, a simon extension,
 * an optional pods: the node's pod slots, else Kubernetes' 110); a pod list has name,
 * cpu_milli, memory_mib, num_gpu, gpu_milli and, optionally, gpu_spec, qos, pod_phase,
 * creation_time, deletion_time, scheduled_time.  Columns are found by name, in any order;
 * unknown columns are errors with the nearest known name, as keys are in YAML.  pod_phase is
 * read and not used: the YAML copies keep every pod whatever its phase.  Fields may be quoted
 * as RFC 4180 quotes them.  Every rejected value is "file:line: column: what was expected".
 * O(bytes).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/load/strict.h"
#include "sim/load/workload.h"
#include "sim/util/csv.h"
#include "sim/util/number.h"
#include "sim/util/textfile.h"

#define MAX_COLUMNS 16
#define MIB (1024LL * 1024LL)
#define MAX_MIB (1LL << 30)          /* 1 PiB: past any node, and sums of them stay in 64 bits */
#define MAX_CPU_MILLI 1000000000LL    /* a million cores */

enum column {
	COL_SN, COL_NAME, COL_CPU, COL_MEMORY, COL_GPU, COL_MODEL, COL_PODS, COL_NUM_GPU, COL_GPU_MILLI,
	COL_GPU_SPEC, COL_QOS, COL_PHASE, COL_CREATION, COL_DELETION, COL_SCHEDULED, COL_N_COLUMNS
};

static const char *const column_names[COL_N_COLUMNS] = {
	[COL_SN] = "sn",		 [COL_NAME] = "name",		[COL_CPU] = "cpu_milli",
	[COL_MEMORY] = "memory_mib",	 [COL_GPU] = "gpu",		[COL_MODEL] = "model",
	[COL_PODS] = "pods",		 [COL_NUM_GPU] = "num_gpu",	[COL_GPU_MILLI] = "gpu_milli",
	[COL_GPU_SPEC] = "gpu_spec",	 [COL_QOS] = "qos",		[COL_PHASE] = "pod_phase",
	[COL_CREATION] = "creation_time", [COL_DELETION] = "deletion_time", [COL_SCHEDULED] = "scheduled_time"};

/* The first four of a node list, the first five of a pod list, are required. */
static const enum column node_columns[] = {COL_SN, COL_CPU, COL_MEMORY, COL_GPU, COL_MODEL, COL_PODS};
static const enum column pod_columns[] = {COL_NAME,	 COL_CPU,      COL_MEMORY,   COL_GPU_MILLI,
					  COL_NUM_GPU,	 COL_GPU_SPEC, COL_QOS,	     COL_PHASE,
					  COL_CREATION, COL_DELETION, COL_SCHEDULED};

/* One row being read: its fields (NUL-terminated in place) and where it is. */
struct row {
	char *field[MAX_COLUMNS];
	int n;
	const char *path;
	size_t line;
	int where[COL_N_COLUMNS];      /* the field holding each column, -1 when the file has none */
	struct error *err;
};

/* Splits the line at p into r's fields (csv.h); returns the start of the next line. */
static char *split(char *p, struct row *r)
{
	return csv_split(p, r->field, MAX_COLUMNS, &r->n);
}

static int fail(const struct row *r, enum column c, const char *what)
{
	return error_at(r->err, r->path, r->line, 0, "%s: %s", column_names[c], what);
}

static const char *text(const struct row *r, enum column c)
{
	return r->where[c] >= 0 && r->where[c] < r->n ? r->field[r->where[c]] : "";
}

/* A whole number 0..max in column c; an empty optional field gives *out = fallback. */
static int number(const struct row *r, enum column c, long long max, bool required, long long fallback,
		  long long *out)
{
	const char *t = text(r, c);
	*out = fallback;
	if (!*t && !required)
		return 0;
	int64_t v;
	if (number_integer(t, 0, max, &v)) {
		char what[96];
		snprintf(what, sizeof what, "expected a whole number from 0 to %lld, got '%.20s'", max, t);
		return fail(r, c, what);
	}
	*out = v;
	return 0;
}

/* Maps the header's names to columns: all of `required` must be there; the others of
 * `allowed` may be; anything else is an unknown column. */
static int header(struct row *r, const enum column *allowed, size_t n_allowed, size_t n_required)
{
	for (int c = 0; c < COL_N_COLUMNS; c++)
		r->where[c] = -1;
	const char *names[COL_N_COLUMNS];
	for (size_t k = 0; k < n_allowed; k++)
		names[k] = column_names[allowed[k]];
	for (int f = 0; f < r->n; f++) {
		size_t k = 0;
		while (k < n_allowed && strcmp(r->field[f], names[k]))
			k++;
		if (k < n_allowed) {
			r->where[allowed[k]] = f;
			continue;
		}
		if (load_unknown(r->path, 1, 0, "column", r->field[f], NULL, names, n_allowed, r->err))
			return -1;
	}
	for (size_t k = 0; k < n_required; k++)
		if (r->where[allowed[k]] < 0)
			return error_at(r->err, r->path, 1, 0, "missing column \"%s\"", names[k]);
	return 0;
}

static const char *kept(struct workload *w, const char *s)
{
	return *s ? arena_strdup(&w->strings, s) : NULL;
}

static int read_node(struct workload *w, const struct row *r)
{
	struct node_spec *n = workload_add_node(w);
	if (!n || !(n->name = kept(w, text(r, COL_SN))))
		return n ? fail(r, COL_SN, "missing (every node needs a name)") : error_set(r->err, "out of memory");
	long long cpu, mib, gpus, pods;
	if (number(r, COL_CPU, MAX_CPU_MILLI, true, 0, &cpu) || number(r, COL_MEMORY, MAX_MIB, true, 0, &mib) ||
	    number(r, COL_GPU, MAX_GPUS_PER_NODE, true, 0, &gpus) ||
	    number(r, COL_PODS, 1000000, false, DEFAULT_MAX_PODS, &pods))
		return -1;
	n->cpu_milli = cpu;
	n->mem_bytes = mib * MIB;
	n->gpu_count = (int)gpus;
	n->max_pods = (int32_t)pods;
	n->file = r->path;
	n->line = r->line;
	const char *model = text(r, COL_MODEL);
	if (*model) {
		struct label *label = arena_alloc(&w->strings, sizeof *label);
		if (!label || !(label->key = arena_strdup(&w->strings, GPU_MODEL_KEY)) ||
		    !(label->value = arena_strdup(&w->strings, model)))
			return error_set(r->err, "out of memory");
		n->labels = label;
		n->n_labels = 1;
		if ((n->model = workload_model(w, model)) < 0)
			return fail(r, COL_MODEL, "more than 64 distinct COL_GPU models");
	}
	return 0;
}

static int read_time(const struct row *r, enum column c, int64_t *out)
{
	long long v;
	if (number(r, c, MAX_TIME, false, -1, &v))
		return -1;
	*out = v < 0 ? TIME_NONE : v;
	return 0;
}

static int read_pod(struct workload *w, const struct row *r)
{
	struct pod_spec *p = workload_add_pod(w);
	if (!p || !(p->name = kept(w, text(r, COL_NAME))))
		return p ? fail(r, COL_NAME, "missing (every pod needs a name)") : error_set(r->err, "out of memory");
	long long cpu, mib, count, milli;
	if (number(r, COL_CPU, MAX_CPU_MILLI, true, 0, &cpu) || number(r, COL_MEMORY, MAX_MIB, true, 0, &mib) ||
	    number(r, COL_NUM_GPU, MAX_GPUS_PER_NODE, true, 0, &count) || number(r, COL_GPU_MILLI, GPU_MILLI, true, 0, &milli))
		return -1;
	const char *why = pod_gpus_invalid(count, milli, 1);
	if (why)
		return fail(r, COL_GPU_MILLI, why);
	p->cpu_milli = cpu;
	p->mem_bytes = mib * MIB;
	p->gpu_count = (int)count;
	p->gpu_milli = (int)milli;
	p->job = -1;
	p->file = r->path;
	p->line = r->line;
	const char *spec = text(r, COL_GPU_SPEC);
	if (*spec && (!(p->model_spec = kept(w, spec)) || workload_model_mask(w, spec, &p->model_mask)))
		return p->model_spec ? fail(r, COL_GPU_SPEC, "more than 64 distinct COL_GPU models") : error_set(r->err, "out of memory");
	if (*text(r, COL_QOS) && !(p->qos = kept(w, text(r, COL_QOS))))
		return error_set(r->err, "out of memory");
	if (read_time(r, COL_CREATION, &p->creation) || read_time(r, COL_DELETION, &p->deletion) ||
	    read_time(r, COL_SCHEDULED, &p->scheduled))
		return -1;
	if (p->deletion != TIME_NONE && pod_start(p) != TIME_NONE && p->deletion < pod_start(p))
		return fail(r, COL_DELETION, "earlier than the pod's start");
	return 0;
}

static int read_rows(struct workload *w, char *p, struct row *r)
{
	bool nodes = r->where[COL_SN] >= 0;
	for (r->line = 2; *p; r->line++) {
		char *next = split(p, r);
		if (r->n == 1 && !*r->field[0]) {  /* an empty line */
			p = next;
			continue;
		}
		if (r->n >= MAX_COLUMNS)
			return error_at(r->err, r->path, r->line, 0, "too many fields (at most %d)", MAX_COLUMNS - 1);
		if (nodes ? read_node(w, r) : read_pod(w, r))
			return -1;
		p = next;
	}
	return 0;
}

int workload_load_csv(struct workload *w, const char *path, struct error *err)
{
	const char *kept_path = arena_strdup(&w->strings, path);
	char *buf;
	size_t size;
	if (!kept_path)
		return error_set(err, "out of memory");
	if (textfile_read(path, &buf, &size, err))
		return -1;
	struct row r = {.path = kept_path, .line = 1, .err = err};
	char *p = split(buf, &r);
	int rc;
	if (r.n && !strcmp(r.field[0], "sn"))
		rc = header(&r, node_columns, sizeof node_columns / sizeof node_columns[0], 4);
	else if (r.n && !strcmp(r.field[0], "name"))
		rc = header(&r, pod_columns, sizeof pod_columns / sizeof pod_columns[0], 5);
	else
		rc = error_at(err, path, 1, 0, "expected an openb CSV header (sn,cpu_milli,... or name,cpu_milli,...)");
	if (!rc)
		rc = read_rows(w, p, &r);
	free(buf);
	return rc;
}
