/* A WfCommons instance (WfFormat 1.4 or 1.5) as pipelines, and (when small) its replay on four
 * nodes under ShortestCriticalPath with PipelineExclusive. */
#include "sim/simulation.h"
#include "tests/fuzz/fuzz.h"

static const char sched[] =
	"apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
	"  - schedulerName: simon-scheduler\n    plugins:\n      queueSort:\n        enabled:\n"
	"          - name: ShortestCriticalPath\n      filter:\n        enabled:\n          - name: PipelineExclusive\n"
	"      score:\n        enabled:\n          - name: BestFitScore\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("wf/trace/w.json", data, size);
	struct workload w;
	struct error err;
	workload_init(&w);
	bool small = workload_load_wfformat(&w, path, &err) == 0 && w.n_pods <= 512;
	workload_release(&w);
	if (!small)
		return 0;
	fuzz_fixed("wf/trace/nodes.yaml", fuzz_nodes_yaml);
	struct sim_options o = {.cluster_config = fuzz_fixed("wf/cluster.yaml", fuzz_plain_config), .scheduler_config = fuzz_fixed("wf/sched.yaml", sched),
				.mode = MODE_REPLAY, .has_seed = true, .seed = 1};
	fuzz_run(&o);
	return 0;
}
