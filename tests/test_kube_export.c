/* A kubectl export (one List, as `kubectl get nodes,pods -o yaml` writes it) with taints, a
 * cordoned node, selectors and affinity, whose every placement is forced by kube-scheduler's
 * rules, under kube-default.yaml.  Worked out by hand:
 *   gpu-a (z1) and gpu-b (z2): 4 GPUs each, tainted nvidia.com/gpu=present:NoSchedule;
 *   cpu-a (z1) and cpu-b (z2): kind cpu; old (z1): cordoned.
 *   a-train tolerates the taint, asks 4 GPUs, selects z2: gpu-b, the one GPU node there.
 *   b-infer tolerates it, asks 2 GPUs, shuns app=train by zone: not z2, so gpu-a.
 *   c-web-1, c-web-2: app=web, require kind cpu, shun app=web by hostname: cpu-a and cpu-b,
 *   one each; d-web-3, the same, finds none: old is cordoned, the GPU nodes tainted, the CPU
 *   nodes hold a web each.  e-maint tolerates the cordon and selects old's hostname: old. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(kube_export, scratch_make);

#define GPU_TAINT "taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]"
#define TOLERATE_GPU "tolerations: [{key: nvidia.com/gpu, operator: Exists}], "
#define WEB "{name: %s, namespace: shop, labels: {app: web}}, spec: {affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kind, operator: In, values: [cpu]}]}]}}, podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}]}}, containers: [{name: c, resources: {requests: {cpu: '1'}}}]}, status: {phase: Pending}}\n"

static const char export_text[] =
	"apiVersion: v1\nkind: List\nitems:\n"
	"- {apiVersion: v1, kind: Node, metadata: {name: gpu-a, labels: {topology.kubernetes.io/zone: z1}}, spec: {" GPU_TAINT "},\n"
	"   status: {allocatable: {cpu: '32', memory: 128Gi, nvidia.com/gpu: '4'}}}\n"
	"- {apiVersion: v1, kind: Node, metadata: {name: gpu-b, labels: {topology.kubernetes.io/zone: z2}}, spec: {" GPU_TAINT "},\n"
	"   status: {allocatable: {cpu: '32', memory: 128Gi, nvidia.com/gpu: '4'}}}\n"
	"- {apiVersion: v1, kind: Node, metadata: {name: cpu-a, labels: {topology.kubernetes.io/zone: z1, kind: cpu}},\n"
	"   status: {allocatable: {cpu: '32', memory: 128Gi}}}\n"
	"- {apiVersion: v1, kind: Node, metadata: {name: cpu-b, labels: {topology.kubernetes.io/zone: z2, kind: cpu}},\n"
	"   status: {allocatable: {cpu: '32', memory: 128Gi}}}\n"
	"- {apiVersion: v1, kind: Node, metadata: {name: old, labels: {topology.kubernetes.io/zone: z1, kind: cpu}},\n"
	"   spec: {unschedulable: true, taints: [{key: node.kubernetes.io/unschedulable, effect: NoSchedule}]},\n"
	"   status: {allocatable: {cpu: '32', memory: 128Gi}}}\n"
	"- {apiVersion: v1, kind: Pod, metadata: {name: a-train, namespace: ml, labels: {app: train}}, spec: {" TOLERATE_GPU
	"nodeSelector: {topology.kubernetes.io/zone: z2}, containers: [{name: c, resources: {limits: {nvidia.com/gpu: '4'}}}]},\n"
	"   status: {phase: Pending}}\n"
	"- {apiVersion: v1, kind: Pod, metadata: {name: b-infer, namespace: ml, labels: {app: infer}}, spec: {" TOLERATE_GPU
	"affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: train}},\n"
	"   topologyKey: topology.kubernetes.io/zone}]}}, containers: [{name: c, resources: {limits: {nvidia.com/gpu: '2'}}}]},\n"
	"   status: {phase: Pending}}\n";

Test(kube_export, every_placement_is_forced_by_the_rules)
{
	char text[8192];
	int len = snprintf(text, sizeof text, "%s", export_text);
	const char *webs[] = {"c-web-1", "c-web-2", "d-web-3"};
	for (int i = 0; i < 3; i++)
		len += snprintf(text + len, sizeof text - (size_t)len, "- {apiVersion: v1, kind: Pod, metadata: " WEB, webs[i]);
	snprintf(text + len, sizeof text - (size_t)len,
		 "- {apiVersion: v1, kind: Pod, metadata: {name: e-maint, namespace: ops}, spec: {tolerations: [{key: "
		 "node.kubernetes.io/unschedulable, operator: Exists}], nodeSelector: {kubernetes.io/hostname: old},\n"
		 "   containers: [{name: c, resources: {requests: {cpu: '1'}}}]}, status: {phase: Pending}}\n");
	write_text(dir, "cluster/export.yaml", text);
	write_cluster_config(dir, "");
	char args[1200];
	snprintf(args, sizeof args, "&& cp data/schedulers/kube-default.yaml '%s/sched.yaml'", dir);
	cr_assert_eq(run_simon(args, NULL), 0);
	struct simulation s;
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 7, &s, &err), 0, "%s", err.msg);
	static const char *const want[][2] = {{"a-train", "gpu-b"}, {"b-infer", "gpu-a"}, {"d-web-3", "(none)"},
					       {"e-maint", "old"}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		cr_assert_str_eq(placed_on(&s, want[i][0]), want[i][1], "%s", want[i][0]);
	const char *w1 = placed_on(&s, "c-web-1"), *w2 = placed_on(&s, "c-web-2");
	cr_assert((!strcmp(w1, "cpu-a") && !strcmp(w2, "cpu-b")) || (!strcmp(w1, "cpu-b") && !strcmp(w2, "cpu-a")),
		  "webs on %s and %s", w1, w2);
	simulation_release(&s);
	char *csv = apply_dir(dir, "", "pods.csv");
	cr_assert(strstr(csv, "0/5 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match pod "
			      "anti-affinity rules, 2 node(s) had untolerated taint {nvidia.com/gpu: present}."),
		  "%s", csv);
	free(csv);
}
