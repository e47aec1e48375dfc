/* wfformat.c — WfCommons workflow instances (WfFormat JSON, schemas 1.4 and 1.5) as pipelines.
 *
 * One task is one pod of the pipeline named by the file's stem, named by the task's id:
 *  - 1.5: the tasks of workflow.specification (id, parents) and, matched by id, those of
 *    workflow.execution (runtimeInSeconds, and where recorded coreCount, avgCPU, memoryInBytes);
 *  - 1.4: workflow.tasks, each with all of these (cores for coreCount).
 * Every pod is submitted at 0 and runs its runtime rounded to the nearest second.  CPU: its
 * coreCount, else avgCPU (percent of one core) as a share of a core, else one core.  Memory:
 * memoryInBytes, else none.  A task's category (1.5) or type (1.4) is its task type.  No GPU.
 * Bounds, as the YAML and CSV loaders': runtimes to 10^12 s, coreCount to 10^6, avgCPU to
 * 10^8 (percent), memoryInBytes to 2^50.  Anything missing, malformed or out of bounds is an
 * error at the file, line and column of the task.
 * O(text + tasks log tasks): the tasks' positions are found in one pass over the text, and
 * execution entries by binary search.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/load/workload.h"
#include "sim/util/json_where.h"
#include "sim/util/textfile.h"
#include "sim/util/order.h"

#define MAX_CORES 1e6
#define MAX_AVG_CPU 1e8
#define MAX_MEMORY_BYTES 1125899906842624.0   /* 2^50 */

/* An execution record by its task id, for binary search. */
struct execution {
	const char *id;
	const cJSON *record;
	size_t order;   /* its place in the file: the first of equal ids wins */
};

struct wf {
	struct workload *w;
	const char *path;     /* kept in the workload's arena */
	const char *text;
	const char *pipeline;
	const char *tasks_key;   /* "specification" (1.5) or NULL (1.4) */
	struct error *err;
	size_t *at;              /* per task: its offset in the text */
	size_t n_at;
	struct json_cursor cursor;
	struct execution *executions;   /* 1.5: sorted by id */
	size_t n_executions;
};

/* Where task `index` of the task list (or, with key, its member) sits. */
static void task_where(const struct wf *f, int index, const char *key, size_t *line, size_t *col)
{
	struct json_step spec[] = {{"workflow", 0}, {"specification", 0}, {"tasks", 0}, {NULL, index}, {key, 0}};
	struct json_step old[] = {{"workflow", 0}, {"tasks", 0}, {NULL, index}, {key, 0}};
	if (f->tasks_key)
		json_where(f->text, spec, key ? 5 : 4, false, line, col);
	else
		json_where(f->text, old, key ? 4 : 3, false, line, col);
}

static int task_error(const struct wf *f, int index, const char *key, const char *id, const char *what)
{
	size_t line, col;
	task_where(f, index, key, &line, &col);
	return error_at(f->err, f->path, line, col, "task %s: %s", id ? id : "(no id)", what);
}

/* The line and column of task index (with key, of its member's value), in one pass when asked
 * in order. */
static void task_at(struct wf *f, int index, const char *key, size_t *line, size_t *col)
{
	if ((size_t)index >= f->n_at) {   /* the pass did not find it: look it up */
		task_where(f, index, key, line, col);
		return;
	}
	size_t offset = key ? json_member_offset(f->text, f->at[index], key, false) : f->at[index];
	json_cursor_at(&f->cursor, offset, line, col);
}

static int by_id(const void *x, const void *y)
{
	const struct execution *a = x, *b = y;
	int c = strcmp(a->id, b->id);
	return c ? c : (a->order > b->order) - (a->order < b->order);
}

/* 1.5's execution.tasks, sorted by id. */
static int index_executions(struct wf *f, const cJSON *root)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "workflow"), "execution"), "tasks");
	int n = cJSON_GetArraySize(list);
	f->executions = malloc((n > 0 ? (size_t)n : 1) * sizeof *f->executions);
	if (!f->executions)
		return error_set(f->err, "out of memory");
	const cJSON *e;
	cJSON_ArrayForEach(e, list)
	{
		const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id"));
		if (!id)
			continue;
		f->executions[f->n_executions] = (struct execution){id, e, f->n_executions};
		f->n_executions++;
	}
	if (f->n_executions)
		sort_items(f->executions, f->n_executions, sizeof *f->executions, by_id);
	return 0;
}

/* The execution record of task id: itself in 1.4, else the first execution.tasks entry with its
 * id. */
static const cJSON *execution_of(const struct wf *f, const cJSON *task, const char *id)
{
	if (!f->tasks_key)
		return task;
	size_t lo = 0, hi = f->n_executions;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(f->executions[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->n_executions && strcmp(f->executions[lo].id, id) == 0 ? f->executions[lo].record : NULL;
}

/* A number member from 0 to max, or NAN when absent; -1 (an error) when present but not such a
 * number. */
static int number(const cJSON *o, const char *key, double max, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = NAN;
	if (!v)
		return 0;
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 && v->valuedouble <= max))
		return -1;
	*out = v->valuedouble;
	return 0;
}

static int resources(const struct wf *f, int index, const char *id, const cJSON *exec, struct pod_spec *p)
{
	double runtime, cores, avg, mem;
	if (number(exec, "runtimeInSeconds", (double)MAX_TIME, &runtime) || isnan(runtime))
		return task_error(f, index, NULL, id, "runtimeInSeconds: expected a number of seconds from 0 to 10^12");
	if (number(exec, f->tasks_key ? "coreCount" : "cores", MAX_CORES, &cores) ||
	    number(exec, "avgCPU", MAX_AVG_CPU, &avg) || number(exec, "memoryInBytes", MAX_MEMORY_BYTES, &mem))
		return task_error(f, index, NULL, id, "coreCount (0 to 10^6), avgCPU (0 to 10^8) and memoryInBytes (0 to "
						      "2^50) must be numbers in those bounds");
	p->creation = 0;
	p->deletion = llround(runtime);
	p->cpu_milli = !isnan(cores) ? llround(cores * 1000) : !isnan(avg) ? (int64_t)ceil(avg * 10) : 1000;
	p->mem_bytes = isnan(mem) ? 0 : llround(mem);
	return 0;
}

/* parents[] into the pod's after[]. */
static int parents(struct wf *f, int index, const char *id, const cJSON *task, struct pod_links *p)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(task, "parents");
	if (!cJSON_IsArray(list))
		return task_error(f, index, NULL, id, "parents: expected a list of task ids");
	int n = cJSON_GetArraySize(list);
	p->after = n ? arena_alloc(&f->w->strings, (size_t)n * sizeof *p->after) : NULL;
	if (n && !p->after)
		return error_set(f->err, "out of memory");
	const cJSON *e;
	cJSON_ArrayForEach(e, list)
	{
		if (!cJSON_IsString(e) || !*e->valuestring)
			return task_error(f, index, "parents", id, "parents: expected task ids (strings)");
		if (!(p->after[p->n_after++] = arena_strdup(&f->w->strings, e->valuestring)))
			return error_set(f->err, "out of memory");
	}
	size_t line, col;
	task_at(f, index, "parents", &line, &col);
	p->after_line = (uint32_t)line;
	p->after_col = (uint32_t)col;
	return 0;
}

static int add_task(struct wf *f, const cJSON *task, int index)
{
	const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(task, "id"));
	if (!cJSON_IsObject(task) || !id || !*id)
		return task_error(f, index, NULL, id, "expected an object with an id");
	const cJSON *exec = execution_of(f, task, id);
	if (!exec)
		return task_error(f, index, NULL, id, "no workflow.execution.tasks entry with this id (its runtimeInSeconds)");
	struct pod_spec *p = workload_add_pod(f->w);
	struct pod_links *l = p ? pod_links_of(f->w, p) : NULL;
	if (!l)
		return error_set(f->err, "out of memory");
	size_t line, col;
	task_at(f, index, NULL, &line, &col);
	p->file = f->path;
	p->line = line;
	l->pipeline = f->pipeline;
	const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(task, f->tasks_key ? "category" : "type"));
	if (!(p->name = arena_strdup(&f->w->strings, id)) || (type && !(l->task_type = arena_strdup(&f->w->strings, type))))
		return error_set(f->err, "out of memory");
	return resources(f, index, id, exec, p) || parents(f, index, id, task, l);
}

/* The file's stem: "dir/blast-small.json" → "blast-small". */
static const char *stem(struct arena *a, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	return arena_strndup(a, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static int read_workflow(struct wf *f, const cJSON *root)
{
	const cJSON *workflow = cJSON_GetObjectItemCaseSensitive(root, "workflow");
	const cJSON *spec = cJSON_GetObjectItemCaseSensitive(workflow, "specification");
	const cJSON *tasks = cJSON_GetObjectItemCaseSensitive(spec ? spec : workflow, "tasks");
	f->tasks_key = spec ? "specification" : NULL;
	if (!cJSON_IsObject(root) || !cJSON_IsObject(workflow) || !cJSON_IsArray(tasks) || !cJSON_GetArraySize(tasks))
		return error_at(f->err, f->path, 1, 1,
				"expected a WfCommons instance: workflow.specification.tasks (1.5) or workflow.tasks (1.4)");
	size_t n = (size_t)cJSON_GetArraySize(tasks);
	struct json_step spec_path[] = {{"workflow", 0}, {"specification", 0}, {"tasks", 0}};
	struct json_step old_path[] = {{"workflow", 0}, {"tasks", 0}};
	if (!(f->at = malloc(n * sizeof *f->at)))
		return error_set(f->err, "out of memory");
	f->n_at = json_element_offsets(f->text, spec ? spec_path : old_path, spec ? 3 : 2, f->at, n);
	json_cursor_init(&f->cursor, f->text);
	if (spec && index_executions(f, root))
		return -1;
	int index = 0;
	const cJSON *t;
	cJSON_ArrayForEach(t, tasks)
	if (add_task(f, t, index++))
		return -1;
	return 0;
}

int workload_load_wfformat(struct workload *w, const char *path, struct error *err)
{
	char *text;
	size_t size;
	if (textfile_read(path, &text, &size, err))
		return -1;
	struct wf f = {.w = w, .path = arena_strdup(&w->strings, path), .text = text, .pipeline = stem(&w->strings, path),
		       .err = err};
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, true);
	int rc;
	if (!f.path || !f.pipeline) {
		rc = error_set(err, "out of memory");
	} else if (!root) {
		size_t line, col;
		json_line_col(text, end ? (size_t)(end - text) : 0, &line, &col);
		rc = error_at(err, path, line, col, "not valid JSON here (expected a WfCommons instance)");
	} else {
		rc = read_workflow(&f, root);
	}
	cJSON_Delete(root);
	free(f.at);
	free(f.executions);
	free(text);
	return rc;
}
