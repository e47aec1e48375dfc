#include "sim/compare/matrix_runs.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/compare/journal.h"
#include "sim/report/pipeline_stats.h"
#include "sim/report/waits.h"
#include "sim/simulation.h"
#include "sim/util/clock.h"
#include "sim/util/json_out.h"
#include "sim/util/number.h"
#include "sim/util/order.h"

/* A pool of tasks 0..n-1 taken in order by `jobs` threads. */
struct pool {
	pthread_mutex_t lock;
	size_t next, done, n;
	void (*task)(void *ctx, size_t i);
	void *ctx;
	FILE *progress;
	double start, last_shown;
	const char *what;
};

static void show_progress(struct pool *p, int final)
{
	double now = clock_seconds();
	if (!p->progress || (!final && now - p->last_shown < 0.2))
		return;
	p->last_shown = now;
	double elapsed = now - p->start;
	double eta = p->done ? elapsed / (double)p->done * (double)(p->n - p->done) : 0;
	fprintf(p->progress, "\r  %s: %zu/%zu, %.1f s elapsed, ETA %.0f s   %s", p->what, p->done, p->n, elapsed, eta,
		final ? "\n" : "");
	fflush(p->progress);
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			return NULL;
		p->task(p->ctx, i);
		pthread_mutex_lock(&p->lock);
		p->done++;
		show_progress(p, 0);
		pthread_mutex_unlock(&p->lock);
	}
}

static void pool_run(size_t n, int jobs, void (*task)(void *, size_t), void *ctx, FILE *progress, const char *what)
{
	struct pool p = {.n = n, .task = task, .ctx = ctx, .progress = progress, .start = clock_seconds(), .what = what};
	pthread_mutex_init(&p.lock, NULL);
	pthread_t threads[256];
	int started = 0;
	for (; started < jobs && started < 256 && (size_t)started < n; started++)
		if (pthread_create(&threads[started], NULL, worker, &p))
			break;
	if (started == 0)
		worker(&p);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	if (n)
		show_progress(&p, 1);
	pthread_mutex_destroy(&p.lock);
}

/* One trace of the matrix: loaded by the first of its runs to start, released when its last
 * run ends, so that a matrix holds about as many traces as it runs at once. */
struct trace_slot {
	pthread_mutex_t lock;
	struct trace trace;
	size_t runs_left;          /* runs still to use it */
	bool loaded, failed;
	struct error error;
	struct provenance inputs;  /* its files, hashed as it was loaded */
};

/* What the tasks share. */
struct job {
	const struct matrix *m;
	struct trace_slot *slots;
	struct sched_config *scheds;
	struct scheduler_profile *profiles;
	struct compare *c;
	struct journal *journal;   /* NULL: none */
	size_t *pending;           /* the rows still to run */
	bool hash_inputs;
};

/* The trace, loaded if this is its first run; NULL (and the slot's error) when it fails. */
static const struct trace *acquire(struct job *j, size_t t)
{
	struct trace_slot *s = &j->slots[t];
	pthread_mutex_lock(&s->lock);
	if (!s->loaded && !s->failed) {
		const char *path = j->m->traces[t].path;
		s->failed = trace_load(&s->trace, path, &s->error) != 0 ||
			    (j->hash_inputs && provenance_add_trace(&s->inputs, path, &s->trace.cfg, &s->error));
		s->loaded = !s->failed;
	}
	pthread_mutex_unlock(&s->lock);
	return s->failed ? NULL : &s->trace;
}

static void release(struct job *j, size_t t)
{
	struct trace_slot *s = &j->slots[t];
	pthread_mutex_lock(&s->lock);
	if (--s->runs_left == 0 && s->loaded) {
		trace_release(&s->trace);
		s->loaded = false;
	}
	pthread_mutex_unlock(&s->lock);
}

static int replay_extras(struct run_row *row, const struct sim_run *run)
{
	const struct run_result *r = &run->result;
	row->timeline = calloc(TIMELINE_POINTS, sizeof *row->timeline);
	double *waits = malloc((r->n_outcomes ? r->n_outcomes : 1) * sizeof *waits);
	if (!row->timeline || !waits) {
		free(waits);
		return -1;
	}
	if (r->n_timeline) {
		int64_t t0 = r->timeline[0].time, t1 = r->timeline[r->n_timeline - 1].time;
		size_t at = 0;
		for (size_t k = 0; k < TIMELINE_POINTS; k++) {
			double t = (double)t0 + (double)(t1 - t0) * (double)k / (TIMELINE_POINTS - 1);
			while (at + 1 < r->n_timeline && (double)r->timeline[at + 1].time <= t)
				at++;
			row->timeline[k] = (struct row_sample){round6((t - (double)t0) / 3600.0),
							       round6(r->timeline[at].m.gpu_alloc_pct), r->timeline[at].queued};
		}
		row->n_timeline = TIMELINE_POINTS;
	}
	size_t n = 0;
	for (size_t i = 0; i < r->n_outcomes; i++)
		if (r->outcomes[i].node >= 0)
			waits[n++] = (double)(r->outcomes[i].start - r->outcomes[i].arrival);
	sort_items(waits, n, sizeof *waits, order_double);
	for (int k = 0; k < WAIT_QUANTILES; k++)
		row->waits[k] = n ? waits[(size_t)llround((double)k / (WAIT_QUANTILES - 1) * (double)(n - 1))] : NAN;
	free(waits);
	return 0;
}

/* Replay's preemption, pod-group and per-class metrics. */
static int replay_metrics(double *v, const struct matrix *m, const struct sim_run *run)
{
	const struct run_result *r = &run->result;
	v[M_VICTIMS] = (double)r->preemption.victims;
	v[M_LOST_GPU_SECONDS] = r->preemption.lost_gpu_seconds;
	struct gang_waits g;
	if (gang_waits(&run->arrivals, r, &g))
		return -1;
	v[M_GANG_WAIT] = g.started ? g.mean : NAN;
	struct pipelines_summary ps;
	struct error err;
	if (pipelines_summarize(&run->arrivals, r, &ps, &err))
		return -1;
	v[M_PIPELINE_JCT] = ps.completed ? ps.mean_jct : NAN;
	v[M_JCT_OVER_CP] = ps.completed && ps.mean_critical_path > 0 ? ps.mean_jct / ps.mean_critical_path : NAN;
	v[M_MAKESPAN_OVER_BOUND] = ps.bound > 0 ? (double)ps.makespan / (double)ps.bound : NAN;
	pipelines_summary_release(&ps);
	size_t n;
	struct class_waits *w = waits_by_priority(&run->arrivals, r, &n);
	for (size_t c = 0; c < m->n_priorities; c++)
		for (size_t k = 0; k < n; k++)
			if (w[k].priority == m->priorities[c]) {
				v[N_METRICS + 2 * c] = w[k].mean;
				v[N_METRICS + 2 * c + 1] = (double)w[k].p95;
			}
	free(w);
	return 0;
}

static int fill_row(struct run_row *row, const struct sim_run *run, const struct matrix *m)
{
	enum run_mode mode = m->mode;
	const struct run_result *r = &run->result;
	double *v = row->metric;
	const struct metric_sample *at_100 = curve_at(r->curve, r->n_curve, 100);
	v[M_ALLOC_AT_100] = at_100 ? at_100->gpu_alloc_pct : NAN;
	v[M_FRAG_RATIO_AT_100] = at_100 ? at_100->frag_ratio_pct : NAN;
	v[M_FRAG_GPU_AT_100] = at_100 ? at_100->frag_gpu_pct : NAN;
	v[M_GPU_ALLOC] = r->final.gpu_alloc_pct;
	v[M_CPU_ALLOC] = r->final.cpu_alloc_pct;
	v[M_FRAG_RATIO] = r->final.frag_ratio_pct;
	v[M_FRAG_GPU] = r->final.frag_gpu_pct;
	v[M_PODS] = (double)run->arrivals.n;
	v[M_SCHEDULED] = (double)r->scheduled;
	v[M_FAILED] = (double)r->failed;
	v[M_MEAN_WAIT] = mode == MODE_REPLAY ? r->mean_wait : NAN;
	v[M_MAX_WAIT] = mode == MODE_REPLAY ? r->max_wait : NAN;
	v[M_MAKESPAN] = mode == MODE_REPLAY ? (double)r->makespan : NAN;
	v[M_MEAN_GPU_ALLOC] = mode == MODE_REPLAY ? r->mean_gpu_alloc_pct : NAN;
	v[M_PEAK_QUEUED] = mode == MODE_REPLAY ? (double)r->peak_queued : NAN;
	if (mode == MODE_REPLAY && replay_metrics(v, m, run))
		return -1;
	for (int k = 0; k < matrix_n_metrics(m); k++)
		v[k] = round6(v[k]);
	if (mode == MODE_REPLAY)
		return replay_extras(row, run);
	row->curve = malloc((r->n_curve ? r->n_curve : 1) * sizeof *row->curve);
	if (!row->curve)
		return -1;
	for (size_t i = 0; i < r->n_curve; i++)
		row->curve[i] = (struct row_point){r->curve[i].arrived_pct, round6(r->curve[i].m.gpu_alloc_pct),
						   round6(r->curve[i].m.frag_ratio_pct), round6(r->curve[i].m.frag_gpu_pct)};
	row->n_curve = r->n_curve;
	return 0;
}

static void execute(struct job *j, struct run_row *row, const struct trace *t)
{
	for (int i = 0; i < METRIC_SLOTS; i++)
		row->metric[i] = NAN;
	if (!t) {
		snprintf(row->error, sizeof row->error, "%s", j->slots[row->trace].error.msg);
		return;
	}
	struct run_options o = {.profile = &j->profiles[row->policy],
				.mode = j->m->mode,
				.has_seed = true,
				.seed = row->seed,
				.has_tune_ratio = !isnan(row->tune_ratio),
				.tune_ratio = row->tune_ratio,
				.target_load = j->m->traces[row->trace].target_load,
				.arrival_scale = j->m->traces[row->trace].arrival_scale};
	struct sim_run run;
	struct error err = {{0}};
	double start = clock_seconds();
	if (sim_run_execute(&run, t, &o, &err))
		snprintf(row->error, sizeof row->error, "%s", err.msg);
	else if (fill_row(row, &run, j->m))
		snprintf(row->error, sizeof row->error, "out of memory");
	else
		row->ok = true;
	row->seconds = clock_seconds() - start;
	sim_run_release(&run);
}

static void do_run(void *ctx, size_t i)
{
	struct job *j = ctx;
	struct run_row *row = &j->c->rows[j->pending[i]];
	execute(j, row, acquire(j, row->trace));
	release(j, row->trace);
	if (j->journal)
		journal_append(j->journal, row);
}

static int plan(struct compare *c, const struct matrix *m, int shard_i, int shard_n, struct error *err)
{
	c->total = matrix_runs(m);
	c->shard_i = shard_i;
	c->shard_n = shard_n;
	c->rows = calloc(c->total ? c->total : 1, sizeof *c->rows);
	if (!c->rows)
		return error_set(err, "out of memory");
	for (size_t i = 0; i < c->total; i++) {
		if (shard_n && i % (size_t)shard_n != (size_t)(shard_i - 1))
			continue;
		struct run_row *r = &c->rows[c->n_rows++];
		r->index = i;
		matrix_coords(m, i, &r->trace, &r->policy, &r->tune, &r->seed_i);
		r->seed = m->seeds[r->seed_i];
		r->tune_ratio = m->n_tunes ? m->tune_ratios[r->tune] : NAN;
	}
	return 0;
}

/* Every trace's files (hashed as it was loaded; read afresh for one a resume did not need; a
 * trace that did not load has failed its runs and adds nothing), then every scheduler config,
 * in matrix order. */
static int record_inputs(struct provenance *p, const struct matrix *m, const struct job *j, struct error *err)
{
	for (size_t t = 0; t < m->n_traces; t++) {
		const struct trace_slot *s = &j->slots[t];
		if (s->failed)
			continue;
		if (s->inputs.n ? provenance_copy_inputs(p, &s->inputs) && error_set(err, "out of memory")
				: provenance_add_trace(p, m->traces[t].path, NULL, err))
			return -1;
	}
	for (size_t i = 0; i < m->n_policies; i++)
		if (m->policies[i].config[0] && provenance_add(p, "scheduler-config", m->policies[i].config, err))
			return -1;
	return 0;
}

/* Policy p of the matrix: its scheduler config (or none) resolved into a profile. */
static int load_policy(const struct matrix *m, size_t p, struct sched_config *cfg, struct scheduler_profile *profile,
		       struct error *err)
{
	const struct matrix_policy *mp = &m->policies[p];
	return sched_profile_load(cfg, profile, mp->config[0] ? mp->config : NULL, mp->policy[0] ? mp->policy : NULL,
				  err);
}

/* The rows to run: all, less those a resumed journal holds; each counts on its trace. */
static size_t pending_rows(struct job *j, const bool *done)
{
	size_t n = 0;
	for (size_t k = 0; k < j->c->n_rows; k++)
		if (!done[k]) {
			j->pending[n++] = k;
			j->slots[j->c->rows[k].trace].runs_left++;
		}
	return n;
}

static struct trace_slot *slots_new(size_t n)
{
	struct trace_slot *slots = calloc(n ? n : 1, sizeof *slots);
	for (size_t t = 0; slots && t < n; t++)
		pthread_mutex_init(&slots[t].lock, NULL);
	return slots;
}

static void slots_free(struct trace_slot *slots, size_t n)
{
	for (size_t t = 0; slots && t < n; t++) {
		if (slots[t].loaded)
			trace_release(&slots[t].trace);
		provenance_release(&slots[t].inputs);
		pthread_mutex_destroy(&slots[t].lock);
	}
	free(slots);
}

int compare_run(struct compare *c, const struct matrix *m, const struct compare_options *o, struct error *err)
{
	memset(c, 0, sizeof *c);
	double start = clock_seconds();
	struct journal journal;
	struct job j = {.m = m,
			.slots = slots_new(m->n_traces),
			.scheds = calloc(m->n_policies, sizeof(struct sched_config)),
			.profiles = calloc(m->n_policies, sizeof(struct scheduler_profile)),
			.c = c,
			.hash_inputs = o->provenance != NULL};
	bool *done = NULL;
	int rc = j.slots && j.scheds && j.profiles ? plan(c, m, o->shard_i, o->shard_n, err)
						  : error_set(err, "out of memory");
	if (!rc && (!(done = calloc(c->n_rows + 1, sizeof *done)) || !(j.pending = calloc(c->n_rows + 1, sizeof *j.pending))))
		rc = error_set(err, "out of memory");
	for (size_t p = 0; p < m->n_policies && !rc; p++)
		rc = load_policy(m, p, &j.scheds[p], &j.profiles[p], err);
	if (!rc && o->journal && !(rc = journal_open(&journal, o->journal, m, c, o->resume, done, err)))
		j.journal = &journal;
	FILE *tty = o->progress && isatty(fileno(o->progress)) ? o->progress : NULL;
	if (!rc) {
		size_t n = pending_rows(&j, done);
		pool_run(n, o->jobs, do_run, &j, tty, "runs");
		if (o->provenance)
			rc = record_inputs(o->provenance, m, &j, err);
	}
	if (j.journal)
		journal_close(j.journal);
	slots_free(j.slots, m->n_traces);
	free(j.scheds);
	free(j.profiles);
	free(j.pending);
	free(done);
	c->seconds = clock_seconds() - start;
	if (rc)
		compare_release(c);
	return rc;
}

void compare_release(struct compare *c)
{
	for (size_t i = 0; i < c->n_rows; i++)
		run_row_release(&c->rows[i]);
	free(c->rows);
	memset(c, 0, sizeof *c);
}

static int check_pair(const struct matrix *m, const struct trace *t, size_t trace, const struct scheduler_profile *prof,
		      size_t policy, struct error *err)
{
	struct run_options o = {.profile = prof,
				.mode = m->mode,
				.has_seed = true,
				.seed = m->seeds[0],
				.has_tune_ratio = m->n_tunes > 0,
				.tune_ratio = m->n_tunes ? m->tune_ratios[0] : 0};
	struct sim_run run;
	int rc = sim_run_prepare(&run, t, &o, err);
	if (rc) {
		char inner[ERROR_MAX];
		snprintf(inner, sizeof inner, "%s", err->msg);
		error_set(err, "%s × %s: %s", m->traces[trace].name, m->policies[policy].name, inner);
	}
	sim_run_release(&run);
	return rc;
}

int compare_check(const struct matrix *m, int shard_i, int shard_n, FILE *out, struct error *err)
{
	struct sched_config *scheds = calloc(m->n_policies, sizeof *scheds);
	struct scheduler_profile *profiles = calloc(m->n_policies, sizeof *profiles);
	int rc = scheds && profiles ? 0 : error_set(err, "out of memory");
	for (size_t p = 0; p < m->n_policies && !rc; p++) {
		rc = load_policy(m, p, &scheds[p], &profiles[p], err);
		if (!rc && profiles[p].gpu_sel_failed)
			rc = error_set(err, "%s: %s", m->policies[p].name, profiles[p].gpu_sel_error.msg);
		if (!rc)
			fprintf(out, "  policy %-20s %s, GPU selection %s\n", m->policies[p].name, profiles[p].name,
				profiles[p].gpu_sel_name);
	}
	for (size_t t = 0; t < m->n_traces && !rc; t++) {
		struct trace trace;
		rc = trace_load(&trace, m->traces[t].path, err);
		if (!rc)
			fprintf(out, "  trace  %-20s %zu nodes, %zu pods (%s)\n", m->traces[t].name, trace.workload.n_nodes,
				trace.workload.n_pods, m->traces[t].path);
		for (size_t p = 0; p < m->n_policies && !rc; p++)
			rc = check_pair(m, &trace, t, &profiles[p], p, err);
		trace_release(&trace);
	}
	size_t total = matrix_runs(m), mine = total;
	if (shard_n)
		mine = total / (size_t)shard_n + ((size_t)(shard_i - 1) < total % (size_t)shard_n);
	if (!rc)
		fprintf(out, "  runs   %zu traces × %zu policies × %zu tuning ratios × %zu seeds = %zu, %zu here; %zu gates\n",
			m->n_traces, m->n_policies, m->n_tunes ? m->n_tunes : 1, m->n_seeds, total, mine, m->n_gates);
	free(scheds);
	free(profiles);
	return rc;
}

/* "I/N" with 1 <= I <= N <= 10^6. */
int shard_parse(const char *text, int *i, int *n)
{
	const char *slash = strchr(text, '/');
	char first[16];
	int64_t a, b;
	if (!slash || (size_t)(slash - text) >= sizeof first)
		return -1;
	memcpy(first, text, (size_t)(slash - text));
	first[slash - text] = '\0';
	if (number_integer(first, 1, 1000000, &a) || number_integer(slash + 1, a, 1000000, &b))
		return -1;
	*i = (int)a;
	*n = (int)b;
	return 0;
}
