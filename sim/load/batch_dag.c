/* batch_dag.c — Alibaba cluster-trace-v2018's batch_task.csv as pipelines.
 *
 * Each row is one task of one job, without a header: task_name, instance_num, job_name,
 * task_type, status, start_time, end_time, plan_cpu, plan_mem.  A task's name encodes what it
 * waits for: a letter, its number, then the numbers of the tasks it waits for ("M1", "R2_1",
 * "J5_3_4": task 5 waits for tasks 3 and 4 of its job); a name of any other form waits for
 * nothing.  A task ends when all its instances end, which its row's end_time already says.
 * Each task becomes one pod of the pipeline named by its job: submitted at the job's earliest
 * start_time, running end_time − start_time, its type the name's letter, its CPU one
 * instance's plan_cpu (100 = one core).  plan_mem is normalised to a share of a machine whose
 * size the trace does not publish, so memory is not read.  Rows whose status is not
 * Terminated have no end; they are left out, with one note.  Bounds: times 0..MAX_TIME, plan_cpu
 * 0..10^8, task numbers 0..10^9.  Every rejected value is
 * "file:line: what was expected".  O(rows log rows).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/load/workload.h"
#include "sim/util/csv.h"
#include "sim/util/number.h"
#include "sim/util/textfile.h"
#include "sim/util/order.h"

/* plan_cpu is at most this (10^6 cores). */
#define MAX_PLAN_CPU 1e8

enum { F_NAME, F_INSTANCES, F_JOB, F_TYPE, F_STATUS, F_START, F_END, F_CPU, F_MEM, N_FIELDS };

struct task {
	const char *name, *job;
	int number;               /* -1 when its name is of no known form */
	int64_t start, end, cpu_milli;
	size_t line;
};

/* Task numbers are at most this; a larger one is an error, not a dependency dropped. */
#define MAX_TASK_NUMBER 1000000000

/* The task number that starts at s and runs to the next '_' or the end: 0 and *out, or -1
 * (too large). */
static int number_at(const char *s, int *out)
{
	char digits[16];
	size_t n = strcspn(s, "_");
	int64_t v;
	if (n >= sizeof digits)
		return -1;
	memcpy(digits, s, n);
	digits[n] = '\0';
	if (number_integer(digits, 0, MAX_TASK_NUMBER, &v) != NUMBER_OK)
		return -1;
	*out = (int)v;
	return 0;
}

/* "R2_1" → 2; -1 when the name is not a letter and numbers joined by '_'; -2 when one of its
 * numbers is past MAX_TASK_NUMBER. */
static int task_number(const char *name)
{
	if (!isalpha((unsigned char)name[0]) || !isdigit((unsigned char)name[1]))
		return -1;
	for (const char *c = name + 1; *c; c++)
		if (!isdigit((unsigned char)*c) && !(*c == '_' && isdigit((unsigned char)c[1])))
			return -1;
	int number = -1, each;
	for (const char *c = name; c; c = strchr(c + 1, '_')) {
		if (number_at(c + 1, &each))
			return -2;
		number = number < 0 ? each : number;   /* the first is the task's own */
	}
	return number;
}

static int read_row(char **f, int n, const char *path, size_t line, struct arena *a, struct task *t,
		    struct error *err)
{
	int64_t start, end;
	double plan;
	if (n != N_FIELDS)
		return error_at(err, path, line, 0, "expected 9 fields (task_name, instance_num, job_name, task_type, "
						    "status, start_time, end_time, plan_cpu, plan_mem), found %d",
				n);
	if (!*f[F_NAME] || !*f[F_JOB])
		return error_at(err, path, line, 0, "task_name and job_name: expected names");
	if (number_integer(f[F_START], 0, MAX_TIME, &start) || number_integer(f[F_END], 0, MAX_TIME, &end) ||
	    end < start)
		return error_at(err, path, line, 0, "start_time and end_time: expected whole seconds from 0 to %lld, the end "
						    "not before the start",
				(long long)MAX_TIME);
	if (number_real(f[F_CPU], 0, MAX_PLAN_CPU, &plan))
		return error_at(err, path, line, 0, "plan_cpu: expected a number from 0 to %g, 100 for one core (got '%.40s')",
				MAX_PLAN_CPU, f[F_CPU]);
	int number = task_number(f[F_NAME]);
	if (number == -2)
		return error_at(err, path, line, 0, "task_name %.60s: task numbers go up to %d", f[F_NAME], MAX_TASK_NUMBER);
	*t = (struct task){arena_strdup(a, f[F_NAME]), arena_strdup(a, f[F_JOB]), number, start, end,
			   (int64_t)(plan * 10 + 0.5), line};
	return t->name && t->job ? 0 : error_set(err, "out of memory");
}

static int by_job(const void *x, const void *y)
{
	const struct task *a = x, *b = y;
	int c = strcmp(a->job, b->job);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* The pods of one job's tasks t[0..n), which share its submission time. */
static int add_job(struct workload *w, const char *path, const struct task *t, size_t n, struct error *err)
{
	int64_t submit = t[0].start;
	for (size_t k = 1; k < n; k++)
		submit = t[k].start < submit ? t[k].start : submit;
	for (size_t k = 0; k < n; k++) {
		struct pod_spec *p = workload_add_pod(w);
		struct pod_links *l = p ? pod_links_of(w, p) : NULL;
		char type[2] = {t[k].name[0], '\0'};
		if (!l || !(l->task_type = arena_strdup(&w->strings, type)))
			return error_set(err, "out of memory");
		p->name = t[k].name;
		l->pipeline = t[k].job;
		p->file = path;
		p->line = t[k].line;
		p->cpu_milli = t[k].cpu_milli;
		p->creation = submit;
		p->deletion = submit + (t[k].end - t[k].start);
		/* "J5_3_4": the numbers after the first name the tasks it waits for. */
		const char *c = t[k].number >= 0 ? strchr(t[k].name, '_') : NULL;
		size_t waits = 0;
		for (const char *u = c; u; u = strchr(u + 1, '_'))
			waits++;
		l->after = waits ? arena_alloc(&w->strings, waits * sizeof *l->after) : NULL;
		if (waits && !l->after)
			return error_set(err, "out of memory");
		for (; c; c = strchr(c + 1, '_')) {
			int number = 0;
			number_at(c + 1, &number);   /* read_row checked every number of the name */
			const char *name = NULL;
			for (size_t j = 0; j < n && !name; j++)
				if (t[j].number == number)
					name = t[j].name;
			if (!name)
				return error_at(err, path, t[k].line, 0, "task %s of job %s waits for task %d, which the job does not have",
						t[k].name, t[k].job, number);
			l->after[l->n_after++] = name;
		}
		l->after_line = (uint32_t)t[k].line;
	}
	return 0;
}

static int read_tasks(struct workload *w, const char *path, char *text, struct error *err)
{
	struct task *t = NULL;
	size_t n = 0, cap = 0, skipped = 0, line = 0;
	int rc = 0;
	for (char *p = text; *p && !rc;) {
		char *f[N_FIELDS + 1];
		int nf;
		line++;
		p = csv_split(p, f, N_FIELDS + 1, &nf);
		if (nf == 1 && !*f[0])
			continue;   /* an empty line */
		if (nf == N_FIELDS && strcmp(f[F_STATUS], "Terminated")) {
			skipped++;
			continue;
		}
		if (n == cap) {
			struct task *grown = realloc(t, (cap = cap ? 2 * cap : 64) * sizeof *t);
			if (!grown) {
				rc = error_set(err, "out of memory");
				break;
			}
			t = grown;
		}
		rc = read_row(f, nf, path, line, &w->strings, &t[n], err);
		n += !rc;
	}
	if (!rc && skipped)
		fprintf(stderr, "simon: note: %s: %zu tasks not Terminated left out (they have no end)\n", path, skipped);
	if (!rc && n)
		sort_items(t, n, sizeof *t, by_job);
	for (size_t first = 0, end; !rc && first < n; first = end) {
		for (end = first; end < n && !strcmp(t[end].job, t[first].job); end++)
			;
		rc = add_job(w, path, t + first, end - first, err);
	}
	free(t);
	return rc;
}

int workload_load_batch_dag(struct workload *w, const char *path, struct error *err)
{
	const char *kept = arena_strdup(&w->strings, path);
	char *text;
	size_t size;
	if (!kept)
		return error_set(err, "out of memory");
	if (textfile_read(path, &text, &size, err))
		return -1;
	int rc = read_tasks(w, kept, text, err);
	free(text);
	return rc;
}
