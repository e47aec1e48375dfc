/* A pod's effective request, as kube-scheduler computes it, worked out by hand: init
 * containers, sidecars, limits standing for missing requests, overhead; and GPUs in Kubernetes'
 * device-plugin form (nvidia.com/gpu), on nodes that count them so. */
#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(requests, scratch_make);

static const char node[] = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels:\n"
			   "    nvidia.com/gpu.product: A100\nstatus:\n  allocatable:\n    cpu: '32'\n"
			   "    memory: 64Gi\n    nvidia.com/gpu: '4'\n";

/* Loads one pod (its spec lines after "spec:\n") on the A100 node and returns its spec. */
static const struct pod_spec *pod_with(struct simulation *s, const char *spec)
{
	char pod[4096];
	snprintf(pod, sizeof pod, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n%s", spec);
	write_text(dir, "cluster/nodes.yaml", node);
	write_text(dir, "cluster/pods.yaml", pod);
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, s, &err), 0, "%s", err.msg);
	cr_assert_eq(s->trace.workload.n_pods, 1);
	return &s->trace.workload.pods[0];
}

#define MI (1024LL * 1024)
#define GI (1024 * MI)

/* Containers 1 + 1 CPU and 1Gi + 1Gi; the init container 3 CPU and 512Mi: the CPU is the init
 * container's 3, the memory the containers' 2Gi. */
Test(requests, the_largest_init_container_sets_a_floor)
{
	struct simulation s;
	const struct pod_spec *p = pod_with(&s, "  initContainers:\n  - name: setup\n    resources:\n      requests:\n"
						"        cpu: '3'\n        memory: 512Mi\n"
						"  containers:\n  - name: a\n    resources:\n      requests:\n        cpu: '1'\n"
						"        memory: 1Gi\n  - name: b\n    resources:\n      requests:\n"
						"        cpu: '1'\n        memory: 1Gi\n");
	cr_assert_eq(p->cpu_milli, 3000);
	cr_assert_eq(p->mem_bytes, 2 * GI);
	simulation_release(&s);
}

/* Only limits: the request defaults to them (2 CPU, 4Gi), as the API server fills it. */
Test(requests, limits_stand_for_missing_requests)
{
	struct simulation s;
	const struct pod_spec *p = pod_with(&s, "  containers:\n  - name: a\n    resources:\n      limits:\n"
						"        cpu: '2'\n        memory: 4Gi\n");
	cr_assert_eq(p->cpu_milli, 2000);
	cr_assert_eq(p->mem_bytes, 4 * GI);
	simulation_release(&s);
}

/* A request beside a limit wins: 500m requested, 2 CPU limit; memory only limited, 1Gi. */
Test(requests, a_request_wins_over_its_limit)
{
	struct simulation s;
	const struct pod_spec *p = pod_with(&s, "  containers:\n  - name: a\n    resources:\n      requests:\n"
						"        cpu: 500m\n      limits:\n        cpu: '2'\n        memory: 1Gi\n");
	cr_assert_eq(p->cpu_milli, 500);
	cr_assert_eq(p->mem_bytes, GI);
	simulation_release(&s);
}

/* A sidecar (an init container with restartPolicy: Always) of 1 CPU, then an init container
 * of 2 CPU, then a container of 1 CPU: the sum is 1 + 1 = 2 (the sidecar runs beside it), the
 * init phase's largest is 2 + 1 = 3 (the sidecar runs beside the init container after it):
 * 3 CPU. */
Test(requests, a_sidecar_adds_to_both)
{
	struct simulation s;
	const struct pod_spec *p =
		pod_with(&s, "  initContainers:\n  - name: proxy\n    restartPolicy: Always\n    resources:\n"
			     "      requests:\n        cpu: '1'\n  - name: setup\n    resources:\n      requests:\n"
			     "        cpu: '2'\n  containers:\n  - name: a\n    resources:\n      requests:\n"
			     "        cpu: '1'\n");
	cr_assert_eq(p->cpu_milli, 3000);
	simulation_release(&s);
}

/* spec.overhead (a RuntimeClass's) adds to the request: 1 CPU + 250m, 1Gi + 120Mi. */
Test(requests, overhead_adds)
{
	struct simulation s;
	const struct pod_spec *p = pod_with(&s, "  overhead:\n    cpu: 250m\n    memory: 120Mi\n"
						"  containers:\n  - name: a\n    resources:\n      requests:\n"
						"        cpu: '1'\n        memory: 1Gi\n");
	cr_assert_eq(p->cpu_milli, 1250);
	cr_assert_eq(p->mem_bytes, GI + 120 * MI);
	simulation_release(&s);
}

/* nvidia.com/gpu: the node has 4 whole GPUs of model A100 (its product label), the pod asks for
 * 2 through its limits: 2 GPUs of 1000 milli, placed on two of the node's four. */
Test(requests, nvidia_gpus_are_whole_gpus)
{
	struct simulation s;
	const struct pod_spec *p = pod_with(&s, "  containers:\n  - name: a\n    resources:\n      limits:\n"
						"        cpu: '1'\n        nvidia.com/gpu: '2'\n");
	cr_assert_eq(p->gpu_count, 2);
	cr_assert_eq(p->gpu_milli, 1000);
	const struct node_spec *n = &s.trace.workload.nodes[0];
	cr_assert_eq(n->gpu_count, 4);
	cr_assert_geq(n->model, 0);
	cr_assert_str_eq(s.trace.workload.models[n->model], "A100");
	cr_assert_str_eq(placed_on(&s, "p"), "n1");
	cr_assert_eq(__builtin_popcount(placed_gpus(&s, "p")), 2);
	simulation_release(&s);
}

/* An Alibaba GPU count beside a different device request is an error, not a silent choice. */
Test(requests, alibaba_and_device_counts_must_agree)
{
	write_text(dir, "cluster/nodes.yaml", node);
	write_text(dir, "cluster/pods.yaml",
		   "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n"
		   "    alibabacloud.com/gpu-count: '1'\n    alibabacloud.com/gpu-milli: '1000'\nspec:\n"
		   "  containers:\n  - name: a\n    resources:\n      requests:\n        cpu: '1'\n"
		   "        nvidia.com/gpu: '2'\n");
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	char *err = apply_dir_fails(dir, "");
	cr_assert(strstr(err, "pods.yaml:6:33: Pod p: alibabacloud.com/gpu-count: disagrees with the containers' "
			      "nvidia.com/gpu (or amd.com/gpu) request"),
		  "%s", err);
	free(err);
}

/* Fields that would change where a pod can go, not modelled yet, are counted and listed in
 * summary.json: a pod with a hostPort.  Tolerations, node affinity, taints and a cordon are
 * modelled, so they are not listed; a pod without any adds nothing. */
Test(requests, unmodelled_fields_are_counted_not_dropped)
{
	static const char pod_a[] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  tolerations:\n"
				    "  - key: gpu\n    operator: Exists\n  affinity:\n    nodeAffinity:\n"
				    "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n"
				    "        - matchExpressions:\n          - {key: zone, operator: Exists}\n  containers:\n  - name: c\n"
				    "    ports:\n    - containerPort: 80\n      hostPort: 8080\n    resources:\n"
				    "      requests:\n        cpu: '1'\n";
	static const char pod_b[] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  tolerations:\n"
				    "  - key: gpu\n  containers:\n  - name: c\n    resources:\n      requests:\n"
				    "        cpu: '1'\n";
	static const char pod_c[] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\nspec:\n  tolerations: []\n"
				    "  containers:\n  - name: c\n    ports:\n    - containerPort: 80\n    resources:\n"
				    "      requests:\n        cpu: '1'\n";
	char nodes[1024];
	snprintf(nodes, sizeof nodes, "%sspec:\n  unschedulable: true\n  taints:\n  - key: gpu\n    effect: NoSchedule\n",
		 node);
	char pods[2048];
	snprintf(pods, sizeof pods, "%s---\n%s---\n%s", pod_a, pod_b, pod_c);
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	struct simulation s;
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, &s, &err), 0, "%s", err.msg);
	const size_t *um = s.trace.workload.unmodelled;
	cr_assert_eq(um[UM_HOST_PORTS], 1);
	cr_assert_eq(um[UM_NAMESPACE_SELECTOR], 0);
	simulation_release(&s);
	char *summary = apply_dir(dir, "", "summary.json");
	cJSON *root = cJSON_Parse(summary), *nm = cJSON_GetObjectItem(root, "not_modelled");
	cr_assert_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(nm, "spec.containers[].ports[].hostPort"), "pods")->valueint,
		     1, "%s", summary);
	cr_assert_null(cJSON_GetObjectItem(nm, "spec.tolerations"), "%s", summary);
	cr_assert_null(cJSON_GetObjectItem(nm, "spec.affinity.podAffinity"), "%s", summary);
	cJSON_Delete(root);
	free(summary);
}
