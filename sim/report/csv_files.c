/* csv_files.c — the run as tables: the curve, the timeline, nodes, racks and pods. */
#include <inttypes.h>
#include <math.h>

#include "sim/report/pipeline_stats.h"
#include "sim/report/reasons.h"
#include "sim/report/writers.h"
#include "sim/util/csv.h"

static void write_sample_csv(FILE *f, const struct metric_sample *m)
{
	fprintf(f, "%.6f,%.6f,%.6f,%.6f,%.6f\n", m->gpu_alloc_pct, m->cpu_alloc_pct, m->mem_alloc_pct, m->frag_gpu_pct,
		m->frag_ratio_pct);
}

#define SAMPLE_HEADER "gpu_alloc_pct,cpu_alloc_pct,mem_alloc_pct,frag_gpu_pct,frag_ratio_pct"

int report_write_curve(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out, (void)err;
	const struct run_result *res = ((const struct report *)data)->result;
	fprintf(f, "arrived_pct," SAMPLE_HEADER "\n");
	for (size_t i = 0; i < res->n_curve; i++) {
		fprintf(f, "%d,", res->curve[i].arrived_pct);
		write_sample_csv(f, &res->curve[i].m);
	}
	return 0;
}

int report_write_timeline(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out, (void)err;
	const struct run_result *res = ((const struct report *)data)->result;
	fprintf(f, "time_s,running,queued," SAMPLE_HEADER "\n");
	for (size_t i = 0; i < res->n_timeline; i++) {
		const struct timeline_point *t = &res->timeline[i];
		fprintf(f, "%" PRId64 ",%d,%d,", t->time, t->running, t->queued);
		write_sample_csv(f, &t->m);
	}
	return 0;
}

static void write_gpu_list(FILE *f, const int16_t *left, int n)
{
	for (int g = 0; g < n; g++)
		fprintf(f, "%s%d", g ? ";" : "", left[g]);
}

int report_write_nodes(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out, (void)err;
	const struct report *r = data;
	const struct cluster *c = r->cluster;
	fprintf(f, "node,gpu_model,gpus,cpu_milli,cpu_used_milli,memory_mib,memory_used_mib,pods,gpu_used_milli,"
		   "gpu_left_milli,frag_gpu_milli\n");
	for (size_t i = 0; i < c->n; i++) {
		const struct node_spec *n = &c->spec[i];
		const struct node_state *s = &c->state[i];
		csv_text(f, n->name, false);
		fputc(',', f);
		csv_text(f, n->model >= 0 ? c->w->models[n->model] : "", false);
		fprintf(f, ",%d,%" PRId64 ",%" PRId64 ",%.0f,%.0f,%d,%d,", n->gpu_count, n->cpu_milli, s->cpu_used,
			floor((double)n->mem_bytes / MIB), ceil((double)s->mem_used / MIB), s->pods,
			(int)node_gpu_used_milli(c, i));
		write_gpu_list(f, s->gpu_left, n->gpu_count);
		fprintf(f, ",%.3f\n", r->metrics->node_frag[i]);
	}
	return 0;
}

int report_write_racks(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out, (void)err;
	const struct topology_summary *t = ((const struct report *)data)->topology;
	fprintf(f, "rack,nodes,gpus,pods,gpu_used_milli,gpu_alloc_pct,cpu_alloc_pct\n");
	for (size_t i = 0; i < t->n_racks; i++) {
		const struct rack_stats *s = &t->racks[i];
		csv_text(f, s->name, false);
		fprintf(f, ",%d,%d,%d,%" PRId64 ",%.6f,%.6f\n", s->nodes, s->gpus, s->pods, s->gpu_used_milli,
			rack_gpu_alloc_pct(s), rack_cpu_alloc_pct(s));
	}
	return 0;
}

void write_gpu_indices(FILE *f, uint32_t gpus)
{
	for (int g = 0, first = 1; g < MAX_GPUS_PER_NODE; g++)
		if (gpus >> g & 1) {
			fprintf(f, "%s%d", first ? "" : "-", g);
			first = 0;
		}
}

static void write_time(FILE *f, int64_t t)
{
	if (t != TIME_NONE)
		fprintf(f, "%" PRId64, t);
}

int report_write_pods(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out;
	const struct report *r = data;
	const struct run_result *res = r->result;
	struct reasons rs;
	if (reasons_init(&rs, r))
		return error_set(err, "out of memory for the pods' reasons");
	fprintf(f, "pod,cpu_milli,memory_mib,gpu_count,gpu_milli,gpu_model,node,gpus,arrival_s,start_s,end_s,wait_s,priority,preemptions,reason,pipeline\n");
	for (size_t i = 0; i < res->n_outcomes; i++) {
		const struct pod_spec *p = &r->arrivals->pods[i];
		const struct pod_outcome *o = &res->outcomes[i];
		csv_text(f, p->name, false);
		fprintf(f, ",%" PRId64 ",%.0f,%d,%d,", p->cpu_milli, ceil((double)p->mem_bytes / MIB), p->gpu_count,
			p->gpu_milli);
		csv_text(f, p->model_spec ? p->model_spec : "", false);
		fputc(',', f);
		csv_text(f, o->node >= 0 ? r->cluster->spec[o->node].name : "", false);
		fputc(',', f);
		write_gpu_indices(f, o->gpus);
		fputc(',', f);
		write_time(f, o->arrival);
		fputc(',', f);
		write_time(f, o->start);
		fputc(',', f);
		write_time(f, o->end);
		fputc(',', f);
		if (o->start != TIME_NONE && o->arrival != TIME_NONE)
			fprintf(f, "%" PRId64, o->start - o->arrival);
		char reason[1024];
		pod_reason(&rs, i, reason, sizeof reason);
		fprintf(f, ",%" PRId32 ",%" PRIu32 ",", p->priority, o->preemptions);
		csv_text(f, reason, false);
		fputc(',', f);
		csv_text(f, pod_pipeline(p) ? pod_pipeline(p) : "", false);
		fputc('\n', f);
	}
	reasons_release(&rs);
	return 0;
}

int report_write_pipelines(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out;
	const struct report *r = data;
	struct pipelines_summary s;
	if (pipelines_summarize(r->arrivals, r->result, &s, err))
		return -1;
	fprintf(f, "pipeline,pods,done,submit_s,first_start_s,last_end_s,wait_s,execution_s,jct_s,critical_path_s,"
		   "jct_over_critical_path\n");
	for (size_t k = 0; k < s.n; k++) {
		const struct pipeline_stats *p = &s.each[k];
		csv_text(f, p->name, false);
		fprintf(f, ",%zu,%zu,%" PRId64 ",", p->pods, p->done, p->submit);
		write_time(f, p->first_start);
		fputc(',', f);
		bool complete = p->done == p->pods;
		write_time(f, complete ? p->last_end : TIME_NONE);
		fputc(',', f);
		if (p->first_start != TIME_NONE)
			fprintf(f, "%" PRId64, p->first_start - p->submit);
		fputc(',', f);
		if (complete)
			fprintf(f, "%" PRId64 ",%" PRId64, p->last_end - p->first_start, p->last_end - p->submit);
		else
			fputc(',', f);
		fprintf(f, ",%" PRId64 ",", p->critical_path);
		if (complete && p->critical_path > 0)
			fprintf(f, "%.6f", (double)(p->last_end - p->submit) / (double)p->critical_path);
		fputc('\n', f);
	}
	pipelines_summary_release(&s);
	return 0;
}
