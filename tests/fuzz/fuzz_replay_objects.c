/* Pods, PriorityClasses and PodGroups (Kubernetes YAML) replayed on four nodes under the queue
 * rules that read them: the input's first byte picks the profile (PrioritySort with
 * DefaultPreemption and Coscheduling; MLOpsQueue; Coscheduling's queue sort with
 * DefaultPreemption and PipelineExclusive; PipelineFIFO with Coscheduling), the rest is the
 * YAML. */
#include "sim/simulation.h"
#include "tests/fuzz/fuzz.h"

#define HEAD                                                                                                           \
	"apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"                   \
	"  - schedulerName: simon-scheduler\n    plugins:\n"
#define SCORE "      score:\n        enabled:\n          - name: BestFitScore\n"
#define ENABLE(point, name) "      " point ":\n        enabled:\n          - name: " name "\n"

static const char *const profiles[] = {
	HEAD ENABLE("queueSort", "PrioritySort") ENABLE("postFilter", "DefaultPreemption") ENABLE("permit", "Coscheduling") SCORE,
	HEAD ENABLE("queueSort", "MLOpsQueue") SCORE
	"    pluginConfig:\n      - name: MLOpsQueue\n        args:\n          highPriority: 5\n",
	HEAD ENABLE("queueSort", "Coscheduling") ENABLE("postFilter", "DefaultPreemption")
		ENABLE("filter", "PipelineExclusive") SCORE "    pluginConfig:\n      - name: DefaultPreemption\n"
		"        args:\n          victimsResume: true\n",
	HEAD ENABLE("queueSort", "PipelineFIFO") ENABLE("permit", "Coscheduling") SCORE,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char *const names[] = {"ro/sched0.yaml", "ro/sched1.yaml", "ro/sched2.yaml", "ro/sched3.yaml"};
	size_t k = data[0] % 4;
	fuzz_file("ro/trace/pods.yaml", data + 1, size - 1);
	fuzz_fixed("ro/trace/nodes.yaml", fuzz_nodes_yaml);
	struct sim_options o = {.cluster_config = fuzz_fixed("ro/cluster.yaml", fuzz_plain_config), .scheduler_config = fuzz_fixed(names[k], profiles[k]),
				.mode = MODE_REPLAY, .has_seed = true, .seed = 1};
	fuzz_run(&o);
	return 0;
}
