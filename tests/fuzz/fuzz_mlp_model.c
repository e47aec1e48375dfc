/* An MLP model file, and (when it loads) MLPScore scoring with it on four nodes and a dozen
 * pods, in inflation mode: the outputs, whatever they are, must become scores. */
#include "sim/model/pair_features.h"
#include "sim/simulation.h"
#include "sim/util/mlp_file.h"
#include "tests/fuzz/fuzz.h"

static const char pods[] =
	"apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    alibabacloud.com/gpu-milli: '500'\n"
	"    alibabacloud.com/gpu-count: '1'\nspec:\n  containers:\n  - name: m\n    resources:\n      requests:\n"
	"        cpu: 2\n        memory: 1Gi\n---\n"
	"apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  annotations:\n    alibabacloud.com/gpu-milli: '1000'\n"
	"    alibabacloud.com/gpu-count: '2'\nspec:\n  containers:\n  - name: m\n    resources:\n      requests:\n"
	"        cpu: 4\n        memory: 2Gi\n---\n"
	"apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\nspec:\n  containers:\n  - name: m\n    resources:\n"
	"      requests:\n        cpu: 3\n        memory: 1Gi\n";
static const char cluster[] = "apiVersion: simon/v1alpha1\nkind: Config\nmetadata:\n  name: m\nspec:\n  cluster:\n"
			      "    customConfig: trace\n  customConfig:\n    workloadTuningConfig:\n      ratio: 1.5\n";
static const char sched[] =
	"apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
	"  - schedulerName: simon-scheduler\n    plugins:\n      score:\n        enabled:\n          - name: MLPScore\n"
	"            weight: 1000\n          - name: FGDScore\n            weight: 1\n    pluginConfig:\n"
	"      - name: MLPScore\n        args:\n          model: model.json\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("mlp/model.json", data, size);
	struct mlp m;
	struct error err;
	if (mlp_file_read(path, pair_feature_names, PAIR_FEATURES, &m, &err))
		return 0;
	mlp_release(&m);
	fuzz_fixed("mlp/trace/nodes.yaml", fuzz_nodes_yaml);
	fuzz_fixed("mlp/trace/pods.yaml", pods);
	struct sim_options o = {.cluster_config = fuzz_fixed("mlp/cluster.yaml", cluster),
				.scheduler_config = fuzz_fixed("mlp/sched.yaml", sched), .mode = MODE_INFLATION,
				.has_seed = true, .seed = 1};
	fuzz_run(&o);
	return 0;
}
