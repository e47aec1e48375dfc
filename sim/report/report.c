/* report.c — the report view of a run, and the table of the files `simon apply -o` writes. */
#include "sim/report/writers.h"

static bool replay_only(const void *data)
{
	return ((const struct report *)data)->result->mode == MODE_REPLAY;
}

static bool with_pipelines(const void *data)
{
	return ((const struct report *)data)->cluster->w->n_pipelines > 0;
}

static bool with_racks(const void *data)
{
	return ((const struct report *)data)->topology != NULL;
}

const struct output_file report_files[] = {
	{"summary.json", "settings, pod counts, final metrics, typical pods, waits, racks, curve", NULL,
	 report_write_summary},
	{"curve.csv", "per arrived % of GPU capacity: allocation and fragmentation", NULL, report_write_curve},
	{"nodes.csv", "per node: model, GPUs, CPU, memory, idle milli per GPU, fragmentation", NULL,
	 report_write_nodes},
	{"pods.csv", "per pod: request, node and GPUs, arrival, first start, final end, wait, priority, times preempted, why it did not run, pipeline", NULL, report_write_pods},
	{"timeline.csv", "replay mode: per event time, running and queued pods, the metrics", replay_only,
	 report_write_timeline},
	{"racks.csv", "nodes with rack labels: per rack, nodes, GPUs, pods, GPU and CPU allocation", with_racks,
	 report_write_racks},
	{"pipelines.csv", "pipelines: per pipeline, pods, submission, wait, execution, JCT, critical path",
	 with_pipelines, report_write_pipelines},
	{"report.svg", "the curves as a picture; with pipelines, a Gantt chart of the pods on the nodes", NULL,
	 report_write_svg},
};
const size_t n_report_files = sizeof report_files / sizeof report_files[0];

struct report simulation_report(const struct simulation *s)
{
	return (struct report){
		.policy = s->profile.name,
		.gpu_sel = s->profile.gpu_sel_name,
		.seed = s->run.seed,
		.cluster = &s->run.cluster,
		.filters = &s->run.scheduler.filters,
		.metrics = &s->run.metrics,
		.typical = &s->trace.typical,
		.arrivals = &s->run.arrivals,
		.result = &s->run.result,
		.topology = s->has_topology ? &s->topology : NULL,
		.later = s->later,
		.original_pods = s->trace.workload.n_pods,
		.seconds = s->seconds,
	};
}
