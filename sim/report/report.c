#include "sim/report/report.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "sim/util/json_out.h"
#include "sim/util/outdir.h"

#define MIB (1024.0 * 1024.0)

void report_print(FILE *out, const struct report *r)
{
	const struct cluster *c = r->cluster;
	const struct run_result *res = r->result;
	const struct metric_sample *f = &res->final;
	fprintf(out, "simon %s — %s mode, policy %s, GPU selection %s, seed %" PRIu64 "\n", SIMON_VERSION,
		mode_name(res->mode), r->policy, r->gpu_sel, r->seed);
	fprintf(out, "  cluster   %zu nodes, %d GPUs, %.0f CPUs, %.0f GiB memory\n", c->n, c->total_gpus,
		(double)c->total_cpu / 1000.0, (double)c->total_mem / (MIB * 1024.0));
	fprintf(out, "  pods      %zu arrived (%zu in the trace, %zu tuned, %zu inflated, %zu removed)\n",
		r->arrivals->n, r->original_pods, r->arrivals->tuned, r->arrivals->inflated, r->arrivals->removed);
	fprintf(out, "            %zu scheduled, %zu failed\n", res->scheduled, res->failed);
	fprintf(out, "  arrived   %.1f%% of cluster GPU capacity\n",
		c->total_gpu_milli ? 100.0 * (double)res->arrived_gpu_milli / (double)c->total_gpu_milli : 0.0);
	fprintf(out, "  allocated GPU %.2f%%  CPU %.2f%%  memory %.2f%%\n", f->gpu_alloc_pct, f->cpu_alloc_pct,
		f->mem_alloc_pct);
	fprintf(out, "  fragments %.2f%% of GPU capacity, %.2f%% of idle GPU (typical pods: %zu groups, %.2f%%)\n",
		f->frag_gpu_pct, f->frag_ratio_pct, r->typical->n, 100.0 * r->typical->coverage);
	if (res->mode == MODE_REPLAY) {
		fprintf(out, "  over time GPU allocated %.2f%% on average, %.2f%% at the peak; up to %d pods waiting\n",
			res->mean_gpu_alloc_pct, res->peak_gpu_alloc_pct, res->peak_queued);
		fprintf(out, "  waiting   mean %.1f s, max %.0f s; makespan %" PRId64 " s\n", res->mean_wait,
			res->max_wait, res->makespan);
	}
	const struct topology_summary *t = r->topology;
	if (t) {
		fprintf(out, "  racks     %zu of %zu in use", t->racks_in_use, t->n_racks);
		if (t->jobs)
			fprintf(out, "; %zu jobs span %.2f racks on average, %.1f%% sit in one", t->jobs,
				t->mean_racks_per_job, t->single_rack_jobs_pct);
		fputc('\n', out);
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(out, "  took      %.3f s, peak memory %.1f MB\n", r->seconds, (double)ru.ru_maxrss / 1024.0);
}

static void add_sample(cJSON *o, const struct metric_sample *m)
{
	cJSON_AddNumberToObject(o, "gpu_alloc_pct", round6(m->gpu_alloc_pct));
	cJSON_AddNumberToObject(o, "cpu_alloc_pct", round6(m->cpu_alloc_pct));
	cJSON_AddNumberToObject(o, "mem_alloc_pct", round6(m->mem_alloc_pct));
	cJSON_AddNumberToObject(o, "frag_gpu_pct", round6(m->frag_gpu_pct));
	cJSON_AddNumberToObject(o, "frag_ratio_pct", round6(m->frag_ratio_pct));
}

static cJSON *summary_json(const struct report *r)
{
	const struct cluster *c = r->cluster;
	const struct run_result *res = r->result;
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "simon_version", SIMON_VERSION);
	cJSON_AddStringToObject(root, "policy", r->policy);
	cJSON_AddStringToObject(root, "gpu_sel", r->gpu_sel);
	cJSON_AddNumberToObject(root, "seed", (double)r->seed);
	cJSON_AddStringToObject(root, "mode", mode_name(res->mode));
	cJSON *cl = cJSON_AddObjectToObject(root, "cluster");
	cJSON_AddNumberToObject(cl, "nodes", (double)c->n);
	cJSON_AddNumberToObject(cl, "gpus", c->total_gpus);
	cJSON_AddNumberToObject(cl, "cpu_milli", (double)c->total_cpu);
	cJSON_AddNumberToObject(cl, "memory_mib", floor((double)c->total_mem / MIB));
	cJSON *pods = cJSON_AddObjectToObject(root, "pods");
	cJSON_AddNumberToObject(pods, "total", (double)r->arrivals->n);
	cJSON_AddNumberToObject(pods, "scheduled", (double)res->scheduled);
	cJSON_AddNumberToObject(pods, "failed", (double)res->failed);
	cJSON_AddNumberToObject(pods, "in_trace", (double)r->original_pods);
	cJSON_AddNumberToObject(pods, "tuned", (double)r->arrivals->tuned);
	cJSON_AddNumberToObject(pods, "inflated", (double)r->arrivals->inflated);
	cJSON_AddNumberToObject(pods, "removed", (double)r->arrivals->removed);
	cJSON *fin = cJSON_AddObjectToObject(root, "final");
	add_sample(fin, &res->final);
	cJSON_AddNumberToObject(fin, "frag_gpu_milli", round6(res->final.frag_milli));
	cJSON_AddNumberToObject(fin, "arrived_gpu_milli", (double)res->arrived_gpu_milli);
	cJSON *typ = cJSON_AddObjectToObject(root, "typical_pods");
	cJSON_AddNumberToObject(typ, "groups", (double)r->typical->n);
	cJSON_AddNumberToObject(typ, "coverage_pct", round6(100.0 * r->typical->coverage));
	if (res->mode == MODE_REPLAY) {
		cJSON *rp = cJSON_AddObjectToObject(root, "replay");
		cJSON_AddNumberToObject(rp, "makespan_s", (double)res->makespan);
		cJSON_AddNumberToObject(rp, "mean_wait_s", round6(res->mean_wait));
		cJSON_AddNumberToObject(rp, "max_wait_s", res->max_wait);
		cJSON_AddNumberToObject(rp, "mean_gpu_alloc_pct", round6(res->mean_gpu_alloc_pct));
		cJSON_AddNumberToObject(rp, "peak_gpu_alloc_pct", round6(res->peak_gpu_alloc_pct));
		cJSON_AddNumberToObject(rp, "peak_queued", res->peak_queued);
	}
	const struct topology_summary *t = r->topology;
	if (t) {
		cJSON *topo = cJSON_AddObjectToObject(root, "topology");
		cJSON_AddNumberToObject(topo, "racks", (double)t->n_racks);
		cJSON_AddNumberToObject(topo, "racks_in_use", (double)t->racks_in_use);
		cJSON_AddNumberToObject(topo, "jobs", (double)t->jobs);
		cJSON_AddNumberToObject(topo, "mean_racks_per_job", round6(t->mean_racks_per_job));
		cJSON_AddNumberToObject(topo, "single_rack_jobs_pct", round6(t->single_rack_jobs_pct));
	}
	cJSON *curve = cJSON_AddArrayToObject(root, "curve");
	for (size_t i = 0; i < res->n_curve; i++) {
		cJSON *pt = cJSON_CreateObject();
		cJSON_AddNumberToObject(pt, "arrived_pct", res->curve[i].arrived_pct);
		cJSON_AddNumberToObject(pt, "gpu_alloc_pct", round6(res->curve[i].m.gpu_alloc_pct));
		cJSON_AddNumberToObject(pt, "frag_gpu_pct", round6(res->curve[i].m.frag_gpu_pct));
		cJSON_AddNumberToObject(pt, "frag_ratio_pct", round6(res->curve[i].m.frag_ratio_pct));
		cJSON_AddItemToArray(curve, pt);
	}
	return root;
}

static void write_sample_csv(FILE *f, const struct metric_sample *m)
{
	fprintf(f, "%.6f,%.6f,%.6f,%.6f,%.6f\n", m->gpu_alloc_pct, m->cpu_alloc_pct, m->mem_alloc_pct, m->frag_gpu_pct,
		m->frag_ratio_pct);
}

#define SAMPLE_HEADER "gpu_alloc_pct,cpu_alloc_pct,mem_alloc_pct,frag_gpu_pct,frag_ratio_pct"

static void write_curve(FILE *f, const struct run_result *res)
{
	fprintf(f, "arrived_pct," SAMPLE_HEADER "\n");
	for (size_t i = 0; i < res->n_curve; i++) {
		fprintf(f, "%d,", res->curve[i].arrived_pct);
		write_sample_csv(f, &res->curve[i].m);
	}
}

static void write_timeline(FILE *f, const struct run_result *res)
{
	fprintf(f, "time_s,running,queued," SAMPLE_HEADER "\n");
	for (size_t i = 0; i < res->n_timeline; i++) {
		const struct timeline_point *t = &res->timeline[i];
		fprintf(f, "%" PRId64 ",%d,%d,", t->time, t->running, t->queued);
		write_sample_csv(f, &t->m);
	}
}

static void write_gpu_list(FILE *f, const int16_t *left, int n)
{
	for (int g = 0; g < n; g++)
		fprintf(f, "%s%d", g ? ";" : "", left[g]);
}

static void write_nodes(FILE *f, const struct report *r)
{
	const struct cluster *c = r->cluster;
	fprintf(f, "node,gpu_model,gpus,cpu_milli,cpu_used_milli,memory_mib,memory_used_mib,pods,gpu_used_milli,"
		   "gpu_left_milli,frag_gpu_milli\n");
	for (size_t i = 0; i < c->n; i++) {
		const struct node_spec *n = &c->spec[i];
		const struct node_state *s = &c->state[i];
		fprintf(f, "%s,%s,%d,%" PRId64 ",%" PRId64 ",%.0f,%.0f,%d,%d,", n->name,
			n->model >= 0 ? c->w->models[n->model] : "", n->gpu_count, n->cpu_milli, s->cpu_used,
			floor((double)n->mem_bytes / MIB), ceil((double)s->mem_used / MIB), s->pods,
			n->gpu_count * GPU_MILLI - s->gpu_left_total);
		write_gpu_list(f, s->gpu_left, n->gpu_count);
		fprintf(f, ",%.3f\n", r->metrics->node_frag[i]);
	}
}

static void write_racks(FILE *f, const struct topology_summary *t)
{
	fprintf(f, "rack,nodes,gpus,pods,gpu_used_milli,gpu_alloc_pct,cpu_alloc_pct\n");
	for (size_t i = 0; i < t->n_racks; i++) {
		const struct rack_stats *s = &t->racks[i];
		fprintf(f, "%s,%d,%d,%d,%" PRId64 ",%.6f,%.6f\n", s->name, s->nodes, s->gpus, s->pods, s->gpu_used_milli,
			s->gpus ? 100.0 * (double)s->gpu_used_milli / (s->gpus * 1000.0) : 0.0,
			s->cpu_milli ? 100.0 * (double)s->cpu_used_milli / (double)s->cpu_milli : 0.0);
	}
}

static void write_time(FILE *f, int64_t t)
{
	if (t != TIME_NONE)
		fprintf(f, "%" PRId64, t);
}

static void write_pods(FILE *f, const struct report *r)
{
	const struct run_result *res = r->result;
	fprintf(f, "pod,cpu_milli,memory_mib,gpu_count,gpu_milli,gpu_model,node,gpus,arrival_s,start_s,end_s,wait_s\n");
	for (size_t i = 0; i < res->n_outcomes; i++) {
		const struct pod_spec *p = &r->arrivals->pods[i];
		const struct pod_outcome *o = &res->outcomes[i];
		fprintf(f, "%s,%" PRId64 ",%.0f,%d,%d,%s,%s,", p->name, p->cpu_milli, ceil((double)p->mem_bytes / MIB),
			p->gpu_count, p->gpu_milli, p->model_spec ? p->model_spec : "",
			o->node >= 0 ? r->cluster->spec[o->node].name : "");
		for (int g = 0, first = 1; g < MAX_GPUS_PER_NODE; g++)
			if (o->gpus >> g & 1) {
				fprintf(f, "%s%d", first ? "" : "-", g);
				first = 0;
			}
		fputc(',', f);
		write_time(f, o->arrival);
		fputc(',', f);
		write_time(f, o->start);
		fputc(',', f);
		write_time(f, o->end);
		fputc(',', f);
		if (o->start != TIME_NONE && o->arrival != TIME_NONE)
			fprintf(f, "%" PRId64, o->start - o->arrival);
		fputc('\n', f);
	}
}

int report_write(const char *outdir, const struct report *r, struct error *err)
{
	struct output_set o;
	if (output_open(&o, outdir, err))
		return -1;
	FILE *f;
	if (!(f = output_file(&o, "summary.json", err)))
		goto fail;
	if (json_write(f, summary_json(r), true)) {
		error_set(err, "out of memory writing summary.json");
		goto fail;
	}
	if (!(f = output_file(&o, "curve.csv", err)))
		goto fail;
	write_curve(f, r->result);
	if (!(f = output_file(&o, "nodes.csv", err)))
		goto fail;
	write_nodes(f, r);
	if (!(f = output_file(&o, "pods.csv", err)))
		goto fail;
	write_pods(f, r);
	if (r->result->mode == MODE_REPLAY) {
		if (!(f = output_file(&o, "timeline.csv", err)))
			goto fail;
		write_timeline(f, r->result);
	}
	if (r->topology) {
		if (!(f = output_file(&o, "racks.csv", err)))
			goto fail;
		write_racks(f, r->topology);
	}
	if (!(f = output_file(&o, "report.svg", err)))
		goto fail;
	report_svg(f, r);
	return output_commit(&o, err);
fail:
	output_abort(&o);
	return -1;
}

struct report simulation_report(const struct simulation *s)
{
	return (struct report){
		.policy = s->profile.name,
		.gpu_sel = s->profile.gpu_sel_name,
		.seed = s->run.seed,
		.cluster = &s->run.cluster,
		.metrics = &s->run.metrics,
		.typical = &s->trace.typical,
		.arrivals = &s->run.arrivals,
		.result = &s->run.result,
		.topology = s->has_topology ? &s->topology : NULL,
		.original_pods = s->trace.workload.n_pods,
		.seconds = s->seconds,
	};
}
