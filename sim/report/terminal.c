/* terminal.c — the summary `simon apply` prints: one screen, the headline numbers first. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/later.h"
#include "sim/report/pipeline_stats.h"
#include "sim/report/reasons.h"
#include "sim/report/scalar_use.h"
#include "sim/report/waits.h"
#include "sim/report/writers.h"
#include "sim/util/clock.h"

/* The paper's figure: GPU allocation when the arrived workload equals the cluster's GPUs. */
/* A Kubernetes export's pods that were there before the run: bound, or finished and left out. */
static void print_history(FILE *out, const struct arrivals *a)
{
	if (a->bound)
		fprintf(out, "            %zu already bound to their nodes (spec.nodeName), placed there first\n", a->bound);
	if (a->finished_left_out)
		fprintf(out, "            %zu finished (Succeeded or Failed) left out: they hold nothing now\n",
			a->finished_left_out);
}

/* One line per scalar resource pods asked for: what the cluster has, holds, and refused. */
static void print_scalars(FILE *out, const struct report *r)
{
	struct scalar_use use[MAX_SCALARS];
	int n = scalar_use_of(r, use);
	for (int k = 0; k < n; k++) {
		fprintf(out, "  %-9s %s: ", k ? "" : "resources", use[k].name);
		/* Storage and hugepages are counted in bytes: shown in GiB. */
		if (strcmp(use[k].name, "ephemeral-storage") == 0 || strncmp(use[k].name, "hugepages-", 10) == 0)
			fprintf(out, "%.1f of %.1f GiB", (double)use[k].held / (MIB * 1024.0),
				(double)use[k].allocatable / (MIB * 1024.0));
		else
			fprintf(out, "%" PRId64 " of %" PRId64, use[k].held, use[k].allocatable);
		fprintf(out, " held at the end (%.2f%%); %zu pods asked, %zu failed\n", scalar_held_pct(&use[k]),
			use[k].asking, use[k].failed);
	}
}

static void print_headline(FILE *out, const struct run_result *res)
{
	const struct metric_sample *at100 = curve_at(res->curve, res->n_curve, 100);
	if (at100)
		fprintf(out, "  headline  GPU allocation %.2f%% at 100%% arrived (the paper's figure), %.2f%% at the end\n",
			at100->gpu_alloc_pct, res->final.gpu_alloc_pct);
	else
		fprintf(out, "  headline  the workload never reaches 100%% of GPU capacity (%d%%); GPU allocation %.2f%%\n",
			res->n_curve ? res->curve[res->n_curve - 1].arrived_pct : 0, res->final.gpu_alloc_pct);
}

/* The three most common reasons pods did not run. */
static void print_reasons(FILE *out, const struct report *r)
{
	struct reason_count top[3];
	size_t n = top_reasons(r, top, 3);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %-9s %zu: %s\n", i ? "" : "why not", top[i].pods, top[i].text);
}

/* With more than one priority: each one's waits, highest first. */
static void print_waits(FILE *out, const struct report *r)
{
	size_t n;
	struct class_waits *w = waits_by_priority(r->arrivals, r->result, &n);
	for (size_t i = 0; n > 1 && i < n; i++)
		fprintf(out, "  %-9s priority %" PRId32 ": %zu pods waited %.1f s on average, p95 %" PRId64 " s, max %" PRId64
			     " s\n",
			i ? "" : "by class", w[i].priority, w[i].pods, w[i].mean, w[i].p95, w[i].max);
	free(w);
}

/* With pipelines: how they fared against their critical paths. */
static void print_pipelines(FILE *out, const struct report *r)
{
	struct pipelines_summary s;
	struct error err;
	if (pipelines_summarize(r->arrivals, r->result, &s, &err) || s.n == 0)
		return;
	fprintf(out, "  pipelines %zu of %zu completed", s.completed, s.n);
	if (s.completed)
		fprintf(out, ": JCT %.1f s on average (%.2f× their critical paths), p95 %" PRId64 " s; makespan %" PRId64
			     " s, %.2f× the bound %" PRId64 " s",
			s.mean_jct, s.mean_critical_path > 0 ? s.mean_jct / s.mean_critical_path : 0, s.p95_jct, s.makespan,
			s.bound ? (double)s.makespan / (double)s.bound : 0, s.bound);
	fputc('\n', out);
	pipelines_summary_release(&s);
}

/* What followed the first schedule: the new workload, and the descheduling. */
static void print_later(FILE *out, const struct report *r)
{
	const struct later_steps *l = r->later;
	if (l && l->has_new_workload)
		fprintf(out, "  new work  %zu pods are the target workload now (%zu typical pod groups)\n", l->new_workload_pods,
			l->new_typical.n);
	if (!l || !l->descheduled)
		return;
	const struct deschedule_result *d = &l->deschedule;
	fprintf(out, "  deschedule %s: %zu of at most %zu pods evicted, %zu moved, %zu failed to come back\n",
		d->policy, d->evicted, d->limit, d->moved, d->failed);
	fprintf(out, "            GPU allocation %.2f%% → %.2f%%, fragmentation %.2f%% → %.2f%% of idle GPU\n",
		d->before.gpu_alloc_pct, d->after.gpu_alloc_pct, d->before.frag_ratio_pct, d->after.frag_ratio_pct);
}

void report_print(FILE *out, const struct report *r)
{
	const struct cluster *c = r->cluster;
	const struct run_result *res = r->result;
	const struct metric_sample *f = &res->final;
	fprintf(out, "simon %s — %s mode, policy %s, GPU selection %s, seed %" PRIu64 "\n", SIMON_VERSION,
		mode_name(res->mode), r->policy, r->gpu_sel, r->seed);
	if (res->mode == MODE_INFLATION)
		print_headline(out, res);
	fprintf(out, "  cluster   %zu nodes, %d GPUs, %.0f CPUs, %.0f GiB memory\n", c->n, c->total_gpus,
		(double)c->total_cpu / 1000.0, (double)c->total_mem / (MIB * 1024.0));
	fprintf(out, "  pods      %zu arrived (%zu in the trace, %zu tuned, %zu inflated, %zu removed)\n",
		r->arrivals->n, r->original_pods, r->arrivals->tuned, r->arrivals->inflated, r->arrivals->removed);
	print_history(out, r->arrivals);
	fprintf(out, "            %zu scheduled, %zu failed\n", res->scheduled, res->failed);
	print_reasons(out, r);
	print_scalars(out, r);
	fprintf(out, "  arrived   %.1f%% of cluster GPU capacity\n",
		c->total_gpu_milli ? 100.0 * (double)res->arrived_gpu_milli / (double)c->total_gpu_milli : 0.0);
	fprintf(out, "  allocated GPU %.2f%%  CPU %.2f%%  memory %.2f%%\n", f->gpu_alloc_pct, f->cpu_alloc_pct,
		f->mem_alloc_pct);
	fprintf(out, "  fragments %.2f%% of GPU capacity, %.2f%% of idle GPU (typical pods: %zu groups, %.2f%%)\n",
		f->frag_gpu_pct, f->frag_ratio_pct, r->typical->n, 100.0 * r->typical->coverage);
	if (res->mode == MODE_REPLAY) {
		fprintf(out, "  load      %.1f%% of GPU capacity offered", r->arrivals->offered_gpu_load_pct);
		if (r->arrivals->scale != 1)
			fprintf(out, " (arrivals %.4g times as dense as the trace's)", r->arrivals->scale);
		fputc('\n', out);
		fprintf(out, "  over time GPU allocated %.2f%% on average, %.2f%% at the peak; up to %d pods waiting\n",
			res->mean_gpu_alloc_pct, res->peak_gpu_alloc_pct, res->peak_queued);
		fprintf(out, "  waiting   mean %.1f s, max %.0f s; makespan %" PRId64 " s\n", res->mean_wait,
			res->max_wait, res->makespan);
		print_waits(out, r);
		struct gang_waits g;
		if (!gang_waits(r->arrivals, r->result, &g) && g.groups)
			fprintf(out, "  groups    %zu pod groups, %zu reached their quorum %s, waiting %.1f s on average, p95 %" PRId64
				     " s\n",
				g.groups, g.started, res->gangs ? "all together" : "one pod at a time", g.mean, g.p95);
		print_pipelines(out, r);
		if (res->preemption.attempts)
			fprintf(out, "  preempted %zu pods in %zu attempts, %.1f GPU-hours of work lost\n",
				res->preemption.victims, res->preemption.attempts, res->preemption.lost_gpu_seconds / 3600);
	}
	print_later(out, r);
	const struct topology_summary *t = r->topology;
	if (t) {
		fprintf(out, "  racks     %s%zu of %zu in use%s", res->mode == MODE_REPLAY ? "at most " : "", t->racks_in_use,
			t->n_racks, res->mode == MODE_REPLAY ? " at once" : "");
		if (t->jobs)
			fprintf(out, "; %zu jobs span %.2f racks on average, %.1f%% sit in one", t->jobs,
				t->mean_racks_per_job, t->single_rack_jobs_pct);
		fputc('\n', out);
	}
	fprintf(out, "  took      %.3f s, peak memory %.1f MB\n", r->seconds, peak_memory_mb());
}
