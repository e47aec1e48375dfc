/* An Alibaba v2018 batch_task.csv as pipelines, and (when small) its replay on four nodes under
 * PipelineFIFO. */
#include "sim/simulation.h"
#include "tests/fuzz/fuzz.h"

static const char cluster[] = "apiVersion: simon/v1alpha1\nkind: Config\nmetadata:\n  name: b\nspec:\n  cluster:\n"
			      "    customConfig: [trace/nodes.yaml, trace/batch_task.csv]\n";
static const char sched[] =
	"apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
	"  - schedulerName: simon-scheduler\n    plugins:\n      queueSort:\n        enabled:\n"
	"          - name: PipelineFIFO\n      score:\n        enabled:\n          - name: GreedyScore\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("bt/trace/batch_task.csv", data, size);
	struct workload w;
	struct error err;
	workload_init(&w);
	bool small = workload_load_batch_dag(&w, path, &err) == 0 && w.n_pods <= 512;
	workload_release(&w);
	if (!small)
		return 0;
	fuzz_fixed("bt/trace/nodes.yaml", fuzz_nodes_yaml);
	struct sim_options o = {.cluster_config = fuzz_fixed("bt/cluster.yaml", cluster),
				.scheduler_config = fuzz_fixed("bt/sched.yaml", sched), .mode = MODE_REPLAY,
				.has_seed = true, .seed = 1};
	fuzz_run(&o);
	return 0;
}
