/* Loaders on good and malformed files: each malformed case asserts the failure and its message. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tests/support.h"

static char *dir;

static void setup(void)
{
	dir = scratch_cluster();
}

static void teardown(void)
{
	scratch_remove(dir);
}

/* Runs the scratch cluster and returns the error message (the run must fail). */
static const char *failure(void)
{
	static struct error err;
	struct simulation s;
	memset(&err, 0, sizeof err);
	int rc = run_dir(dir, MODE_INFLATION, 1, &s, &err);
	simulation_release(&s);
	cr_assert_neq(rc, 0, "the run should have failed");
	return err.msg;
}

/* Runs the scratch cluster, which must load. */
static void load_ok(struct simulation *s)
{
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, s, &err), 0, "%s", err.msg);
}

static void expect(const char *needle)
{
	const char *msg = failure();
	cr_assert_not_null(strstr(msg, needle), "message '%s' lacks '%s'", msg, needle);
}

TestSuite(loaders, .init = setup, .fini = teardown);

Test(loaders, loads_a_good_cluster)
{
	write_text(dir, "cluster/pods/a.yaml", pod_yaml("p1", "2", 1, 500, "T4", 5, 50));
	struct simulation s;
	load_ok(&s);
	cr_assert_eq(s.trace.workload.n_nodes, 1);
	cr_assert_eq(s.trace.workload.n_pods, 1);
	const struct pod_spec *p = &s.trace.workload.pods[0];
	cr_assert_eq(p->cpu_milli, 2000);
	cr_assert_eq(p->mem_bytes, 1LL << 30);
	cr_assert_eq(p->gpu_count, 1);
	cr_assert_eq(p->gpu_milli, 500);
	cr_assert_eq(p->creation, 5);
	cr_assert_eq(p->deletion, 50);
	cr_assert_str_eq(s.trace.workload.models[s.trace.workload.nodes[0].model], "T4");
	cr_assert_eq(p->model_mask, 1u << s.trace.workload.nodes[0].model);
	cr_assert_eq(s.trace.workload.nodes[0].max_pods, 110);
	simulation_release(&s);
}

Test(loaders, reads_rfc3339_times)
{
	write_text(dir, "cluster/pod.yaml",
		   "kind: Pod\nmetadata:\n  name: p\n  annotations:\n"
		   "    alibabacloud.com/creation-time: '2023-01-02T03:04:05Z'\n"
		   "    alibabacloud.com/deletion-time: '2023-01-02T04:04:05+01:00'\n"
		   "spec:\n  containers: []\n");
	struct simulation s;
	load_ok(&s);
	cr_assert_eq(s.trace.workload.pods[0].creation, 1672628645);
	cr_assert_eq(s.trace.workload.pods[0].deletion, 1672628645);
	simulation_release(&s);
}

Test(loaders, malformed_yaml)
{
	write_text(dir, "cluster/bad.yaml", "kind: Pod\nmetadata: [unclosed\n");
	expect("bad.yaml:3:1: malformed YAML");
}

Test(loaders, empty_file)
{
	write_text(dir, "cluster/empty.yaml", "");
	expect("empty.yaml: empty file");
}

Test(loaders, binary_file)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/cluster/blob.yaml", dir);
	FILE *f = fopen(path, "wb");
	fwrite("kind\0\x01\x02", 1, 7, f);
	fclose(f);
	expect("blob.yaml:1:5: binary file (a NUL byte here), expected text");
}

Test(loaders, missing_kind)
{
	write_text(dir, "cluster/pod.yaml", "metadata:\n  name: p\n");
	expect("pod.yaml:1:1: missing kind");
}

Test(loaders, other_kinds_are_skipped)
{
	write_text(dir, "cluster/svc.yaml", "kind: Service\nmetadata:\n  name: s\n");
	struct simulation s;
	load_ok(&s);
	cr_assert_eq(s.trace.workload.n_pods, 0);
	simulation_release(&s);
}

Test(loaders, missing_name)
{
	write_text(dir, "cluster/pod.yaml", "kind: Pod\nmetadata:\n  labels: {}\nspec:\n  containers: []\n");
	expect("pod.yaml:3:3: Pod (unnamed): metadata.name: missing");
}

Test(loaders, missing_allocatable_cpu)
{
	write_text(dir, "cluster/nodes.yaml", "kind: Node\nmetadata:\n  name: n\nstatus:\n  allocatable:\n    memory: 1Gi\n");
	expect("nodes.yaml:6:5: Node n: cpu: missing");
}

Test(loaders, wrong_unit)
{
	write_text(dir, "cluster/nodes.yaml", node_yaml("n", "8", "16GB", 0, NULL));
	expect("nodes.yaml:8:13: Node n: memory: unknown unit suffix");
}

Test(loaders, negative_cpu)
{
	write_text(dir, "cluster/pod.yaml", pod_yaml("p", "-2", 0, 0, NULL, -1, -1));
	expect("Pod p: cpu: negative quantity (got '-2')");
}

Test(loaders, huge_memory)
{
	write_text(dir, "cluster/nodes.yaml", node_yaml("n", "8", "99999999Ei", 0, NULL));
	expect("Node n: memory: quantity too large");
}

Test(loaders, gpu_milli_over_one_gpu)
{
	write_text(dir, "cluster/pod.yaml", pod_yaml("p", "1", 1, 1500, NULL, -1, -1));
	expect("Pod p: alibabacloud.com/gpu-milli: per-GPU share must be at most 1000");
}

Test(loaders, gpu_milli_without_count)
{
	write_text(dir, "cluster/pod.yaml",
		   "kind: Pod\nmetadata:\n  name: p\n  annotations:\n    alibabacloud.com/gpu-milli: '500'\n"
		   "spec:\n  containers: []\n");
	expect("pod.yaml:5:33: Pod p: alibabacloud.com/gpu-milli: a GPU share given without a GPU count");
}

Test(loaders, shared_multi_gpu)
{
	write_text(dir, "cluster/pod.yaml", pod_yaml("p", "1", 2, 500, NULL, -1, -1));
	expect("a pod with several GPUs must take whole GPUs");
}

Test(loaders, gpu_count_not_a_number)
{
	write_text(dir, "cluster/pod.yaml",
		   "kind: Pod\nmetadata:\n  name: p\n  annotations:\n    alibabacloud.com/gpu-milli: '500'\n"
		   "    alibabacloud.com/gpu-count: 'one'\nspec:\n  containers: []\n");
	expect("Pod p: alibabacloud.com/gpu-count: expected a whole number from 0 to 16, got 'one'");
}

Test(loaders, node_with_too_many_gpus)
{
	write_text(dir, "cluster/nodes.yaml", node_yaml("n", "8", "16Gi", 17, NULL));
	expect("Node n: alibabacloud.com/gpu-count: expected a whole number from 0 to 16, got '17'");
}

Test(loaders, deletion_before_creation)
{
	write_text(dir, "cluster/pod.yaml", pod_yaml("p", "1", 0, 0, NULL, 100, 50));
	expect("Pod p: alibabacloud.com/deletion-time: earlier than the pod's start");
}

Test(loaders, bad_time)
{
	write_text(dir, "cluster/pod.yaml",
		   "kind: Pod\nmetadata:\n  name: p\n  annotations:\n    alibabacloud.com/creation-time: 'yesterday'\n"
		   "spec:\n  containers: []\n");
	expect("Pod p: alibabacloud.com/creation-time: expected whole seconds");
}

Test(loaders, gpu_index_count_mismatch)
{
	write_text(dir, "cluster/pod.yaml",
		   "kind: Pod\nmetadata:\n  name: p\n  annotations:\n    alibabacloud.com/gpu-milli: '1000'\n"
		   "    alibabacloud.com/gpu-count: '2'\n    alibabacloud.com/gpu-index: '3'\nspec:\n  containers: []\n");
	expect("names a different number of devices");
}

Test(loaders, missing_containers)
{
	write_text(dir, "cluster/pod.yaml", "kind: Pod\nmetadata:\n  name: p\nspec: {}\n");
	expect("Pod p: spec.containers: missing");
}

Test(loaders, duplicate_node_names)
{
	write_text(dir, "cluster/more-nodes.yaml", node_yaml("n1", "8", "16Gi", 0, NULL));
	expect("Node n1: duplicate node name");
}

Test(loaders, no_nodes)
{
	write_text(dir, "cluster/nodes.yaml", pod_yaml("p", "1", 0, 0, NULL, -1, -1));
	expect("no Node documents");
}

/* An empty folder has no nodes: an error, and (under UBSan) no qsort of a NULL list on the way. */
Test(loaders, an_empty_folder)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/cluster/nodes.yaml", dir);
	cr_assert_eq(unlink(path), 0);
	expect("no Node documents");
}

Test(loaders, missing_cluster_folder)
{
	write_text(dir, "cluster.yaml",
		   "apiVersion: simon/v1alpha1\nkind: Config\nspec:\n  cluster:\n    customConfig: nowhere\n");
	expect("cluster.yaml:5:19: spec.cluster.customConfig: not found");
}

Test(loaders, cluster_from_a_list_of_files)
{
	write_text(dir, "cluster/pods.yaml", pod_yaml("p1", "2", 1, 500, NULL, -1, -1));
	write_text(dir, "elsewhere/more-pods.yaml", pod_yaml("p2", "2", 0, 0, NULL, -1, -1));
	write_text(dir, "cluster.yaml",
		   "apiVersion: simon/v1alpha1\nkind: Config\nspec:\n  cluster:\n    customConfig:\n"
		   "      - cluster/nodes.yaml\n      - cluster/pods.yaml\n      - elsewhere\n");
	struct simulation s;
	load_ok(&s);
	cr_assert_eq(s.trace.workload.n_nodes, 1);
	cr_assert_eq(s.trace.workload.n_pods, 2);
	simulation_release(&s);
}

/* nodes-hier.yaml beside nodes.yaml is gen-hier's copy, skipped; a copy alone is read. */
Test(loaders, hier_copies_are_skipped_only_beside_their_original)
{
	write_text(dir, "cluster/nodes-hier.yaml", node_yaml("n1", "8", "16Gi", 2, "T4"));
	struct simulation s;
	load_ok(&s);
	cr_assert_eq(s.trace.workload.n_nodes, 1);
	simulation_release(&s);
	write_text(dir, "cluster/extra-hier.yaml", node_yaml("n2", "8", "16Gi", 2, "T4"));
	load_ok(&s);
	cr_assert_eq(s.trace.workload.n_nodes, 2, "extra.yaml is not beside it: read");
	simulation_release(&s);
}

Test(loaders, a_folder_of_hier_copies_alone_loads)
{
	char *folder = scratch_make();
	char path[1024];
	snprintf(path, sizeof path, "%s/c/nodes-hier.yaml", folder);
	write_text(folder, "c/nodes-hier.yaml", node_yaml("n1", "8", "16Gi", 2, "T4"));
	write_text(folder, "c/pods-hier.yaml", pod_yaml("p1", "1", 1, 500, NULL, 0, 10));
	snprintf(path, sizeof path, "%s/c", folder);
	struct trace t;
	struct error err;
	cr_assert_eq(trace_load(&t, path, &err), 0, "%s", err.msg);
	cr_assert_eq(t.workload.n_nodes, 1);
	cr_assert_eq(t.workload.n_pods, 1);
	trace_release(&t);
	scratch_remove(folder);
}

Test(loaders, cluster_config_of_wrong_kind)
{
	write_text(dir, "cluster.yaml", "kind: Pod\n");
	expect("cluster.yaml:1:1: kind: expected Config, found Pod");
}

Test(loaders, bad_tuning_ratio)
{
	write_cluster_config(dir, "    workloadTuningConfig:\n      ratio: lots\n");
	expect("cluster.yaml:11:14: ratio: expected a number from 0 to 1000, got 'lots'");
}

Test(loaders, unknown_score_plugin)
{
	write_sched_config(dir, "MagicScore", "best");
	expect("sched.yaml:8:19: plugins.score.enabled: unknown score plugin 'MagicScore'");
}

Test(loaders, negative_weight)
{
	write_text(dir, "sched.yaml",
		   "kind: KubeSchedulerConfiguration\nprofiles:\n  - plugins:\n      score:\n        enabled:\n"
		   "          - name: BestFitScore\n            weight: -3\n");
	expect("sched.yaml:7:21: weight: expected a whole number from 0 to 1000000, got '-3'");
}

Test(loaders, unknown_gpu_selection)
{
	write_sched_config(dir, "BestFitScore", "FGDScore");
	expect("gpuSelMethod 'FGDScore': expected best, worst, random or an enabled score plugin");
}

Test(loaders, kubernetes_plugins_are_ignored)
{
	write_text(dir, "sched.yaml",
		   "kind: KubeSchedulerConfiguration\nprofiles:\n  - plugins:\n      score:\n        enabled:\n"
		   "          - name: NodeResourcesLeastAllocated\n          - name: RandomScore\n");
	struct simulation s;
	load_ok(&s);
	cr_assert_eq(s.profile.n_plugins, 1);
	cr_assert_str_eq(s.profile.name, "RandomScore");
	simulation_release(&s);
}

Test(loaders, shipped_example_loads)
{
	char cc[1024];
	snprintf(cc, sizeof cc, "%s/data/example/cluster-config.yaml", SIMON_SOURCE_DIR);
	struct sim_options o = {.cluster_config = cc, .policy = "BestFitScore"};
	struct simulation s;
	struct error err = {{0}};
	cr_assert_eq(simulation_run(&s, &o, &err), 0, "%s", err.msg);
	cr_assert_eq(s.trace.workload.n_nodes, 16);
	cr_assert_eq(s.trace.workload.n_pods, 300);
	cr_assert_eq(s.run.cluster.total_gpus, 60);
	simulation_release(&s);
}
